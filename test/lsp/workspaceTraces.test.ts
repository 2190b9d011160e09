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

describe('sipLens/workspaceTraces', () => {
  let client: TestClient;
  before(async () => {
    mkdirSync(join(dir, 'carrier'));
    copyFileSync(join(SIPP, 'unavailable-503.log'), join(dir, 'carrier', 'nightly.txt'));
    copyFileSync(join(SIPP, 'answered-local-bye.log'), join(dir, 'answered.sip'));
    copyFileSync(join(ROOT, 'test', 'fixtures', 'captures', 'udp.pcap'), join(dir, 'night.cap'));
    writeFileSync(join(dir, 'notes.md'), '# not a trace\n');
    client = await TestClient.start();
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

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
  });

  it('answers InvalidParams without a folder list', async () => {
    const error = await rejection(client.requestByName('sipLens/workspaceTraces', { folder: fileUri(dir) }));
    assert.equal(error.code, ErrorCodes.InvalidParams);
  });
});
