// `sipLens/workspaceTraces` through the built server: the trace files of a workspace folder with
// their figures, read from disk. Outcomes are the SIPp scenarios' (test/fixtures/expected.json).
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ErrorCodes } from 'vscode-languageserver-protocol/node';
import type { WorkspaceTraces } from '../../server/src/protocol';
import { fileUri, rejection, ROOT, TestClient } from './client';

const SIPP = join(ROOT, 'test', 'fixtures', 'sipp');
const dir = mkdtempSync(join(tmpdir(), 'sip-lens-lsp-workspace-'));

before(() => {
  mkdirSync(join(dir, 'carrier'));
  copyFileSync(join(SIPP, 'unavailable-503.log'), join(dir, 'carrier', 'nightly.txt'));
  copyFileSync(join(SIPP, 'answered-local-bye.log'), join(dir, 'answered.sip'));
  copyFileSync(join(ROOT, 'test', 'fixtures', 'captures', 'udp.pcap'), join(dir, 'night.cap'));
  writeFileSync(join(dir, 'notes.md'), '# not a trace\n');
});
after(() => rmSync(dir, { recursive: true, force: true }));

// Big files are read by a worker thread of the listing's own: a threshold of 1 byte sends every file there.
for (const [mode, env] of [
  ['in the server thread', {}],
  ['in a worker thread', { SIP_LENS_WORKER_THRESHOLD: '1' }],
] as const) {
  describe(`sipLens/workspaceTraces, ${mode}`, () => {
    let client: TestClient;
    before(async () => {
      client = await TestClient.start({ env });
    });
    after(() => client.stop());

    it('lists the folder trace files with calls, outcomes, ASR and failures', async () => {
      const listing = await client.requestByName<WorkspaceTraces>('sipLens/workspaceTraces', { folders: [fileUri(dir)] });
      assert.deepEqual(
        listing.files.map((f) => [f.relativePath, f.capture, f.stats?.format]),
        [
          ['answered.sip', false, 'sipp'],
          ['carrier/nightly.txt', false, 'sipp'],
          ['night.cap', true, 'pcap'],
        ],
      );
      const carrier = listing.files[1].stats!;
      assert.equal(carrier.calls, 1);
      assert.equal(carrier.asr, 0);
      assert.deepEqual(carrier.failures, [{ outcome: 'failed', status: 503, reason: 'Service Unavailable', count: 1 }]);
      // udp.pcap: the capture fixtures' nine calls (test/fixtures/captures/expected.json).
      assert.equal(listing.files[2].stats!.calls, 9);
      assert.equal(listing.calls, 11);
      assert.equal(listing.totals.answered, 1 + listing.files[2].stats!.totals.answered);
      assert.equal(listing.truncated, false);
      assert.deepEqual(client.logs.filter((l) => /worker failed/.test(l.message)), [], 'no fallback to the server thread');
    });

    it('answers InvalidParams without a folder list', async () => {
      const error = await rejection(client.requestByName('sipLens/workspaceTraces', { folder: fileUri(dir) }));
      assert.equal(error.code, ErrorCodes.InvalidParams);
    });
  });
}
