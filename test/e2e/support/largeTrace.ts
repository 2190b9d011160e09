// A big trace made in the run's copy of the workspace (big fixtures are not committed): calls.sip's
// two calls (a 486 and a 903) repeated, each copy with Call-IDs of its own.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { fixtureUri } from './editor';

/** Writes copies of calls.sip to `file` until it holds at least `bytes`; returns the number of copies. */
export function writeLargeTrace(file: string, bytes: number): number {
  const template = fs.readFileSync(fixtureUri('calls.sip').fsPath, 'utf8');
  assert.match(template, /busy-1@/);
  assert.match(template, /blocked-2@/);
  const fd = fs.openSync(file, 'w');
  let written = 0;
  let copies = 0;
  try {
    while (written < bytes) {
      written += fs.writeSync(fd, template.replaceAll('busy-1@', `busy-1-${copies}@`).replaceAll('blocked-2@', `blocked-2-${copies}@`));
      copies++;
    }
  } finally {
    fs.closeSync(fd);
  }
  return copies;
}
