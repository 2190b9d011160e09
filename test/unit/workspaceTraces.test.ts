// The SIP Traces view's listing: trace files found by content under the workspace folders, with
// per-file figures, within bounds on the work. Expected outcomes are the SIPp scenarios' (each
// fixture was made to end one way; see test/fixtures/expected.json).
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { analyzeFile } from '../../server/src/analysisWorker';
import { summarize } from '../../server/src/analysis/summary';
import type { WorkspaceTraceLimits } from '../../server/src/protocol';
import { DEFAULT_WORKSPACE_LIMITS, WorkspaceTraceIndex } from '../../server/src/workspaceTraces';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(__dirname, '..', '..');
const SIPP = join(ROOT, 'test', 'fixtures', 'sipp');
const CAPTURES = join(ROOT, 'test', 'fixtures', 'captures');

const dir = mkdtempSync(join(tmpdir(), 'sip-lens-workspace-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function workspace(name: string): string {
  const root = join(dir, name);
  mkdirSync(join(root, 'nightly'), { recursive: true });
  mkdirSync(join(root, '.git'));
  mkdirSync(join(root, 'node_modules', 'pkg'), { recursive: true });
  copyFileSync(join(SIPP, 'busy-486.log'), join(root, 'nightly', 'busy.txt'));
  copyFileSync(join(SIPP, 'unavailable-503.log'), join(root, 'nightly', 'carrier'));
  copyFileSync(join(SIPP, 'answered-local-bye.log'), join(root, 'answered.sip'));
  copyFileSync(join(CAPTURES, 'hep-v3.pcap'), join(root, 'hep.dump'));
  copyFileSync(join(SIPP, 'busy-486.callee.log'), join(root, '.git', 'hidden.log'));
  copyFileSync(join(SIPP, 'busy-486.callee.log'), join(root, 'node_modules', 'pkg', 'trace.log'));
  writeFileSync(join(root, 'README.md'), '# Notes\n\nThe INVITE failed with 486 yesterday.\n');
  writeFileSync(join(root, 'blob.bin'), Buffer.from([0, 1, 2, 3, 0, 255, 0, 7]));
  return root;
}

function indexWith(limits: Partial<WorkspaceTraceLimits> = {}, analysed: string[] = []): WorkspaceTraceIndex {
  return new WorkspaceTraceIndex(
    async (uri) => {
      analysed.push(uri);
      return summarize((await analyzeFile(fileURLToPath(uri), [])).analysis);
    },
    () => 'options',
    { ...DEFAULT_WORKSPACE_LIMITS, ...limits },
  );
}

const folderUri = (path: string) => pathToFileURL(path).href;

describe('workspace trace files', () => {
  it('lists the trace files by content with their figures, skipping other files, hidden folders and node_modules', async () => {
    const root = workspace('all');
    const listing = await indexWith().list({ folders: [folderUri(root)] });
    assert.deepEqual(
      listing.files.map((f) => [f.relativePath, f.capture]),
      [
        ['answered.sip', false],
        ['hep.dump', true],
        ['nightly/busy.txt', false],
        ['nightly/carrier', false],
      ],
    );
    const byPath = new Map(listing.files.map((f) => [f.relativePath, f]));
    assert.equal(byPath.get('answered.sip')!.stats!.totals.answered, 1);
    assert.equal(byPath.get('answered.sip')!.stats!.asr, 1);
    assert.equal(byPath.get('nightly/busy.txt')!.stats!.totals.busy, 1);
    const carrier = byPath.get('nightly/carrier')!.stats!;
    assert.equal(carrier.totals.failed, 1);
    assert.deepEqual(carrier.failures, [{ outcome: 'failed', status: 503, reason: 'Service Unavailable', count: 1 }]);
    assert.equal(byPath.get('hep.dump')!.stats!.format, 'pcap');
    assert.equal(byPath.get('answered.sip')!.size, statSync(join(root, 'answered.sip')).size);
    // Totals over every analysed file.
    assert.equal(listing.calls, listing.files.reduce((n, f) => n + f.stats!.calls, 0));
    // busy.txt's call and the capture's hep3-busy-486-1 (see test/fixtures/captures/expected.json).
    assert.equal(listing.totals.busy, 2);
    assert.equal(listing.truncated, false);
  });

  it('leaves files beyond the bounds unanalysed, with the reason, and reads them when asked', async () => {
    const root = workspace('bounded');
    // The two SIPp logs of one failed call are small; answered.sip and the capture are bigger.
    const small = Math.max(statSync(join(root, 'nightly', 'busy.txt')).size, statSync(join(root, 'nightly', 'carrier')).size);
    const index = indexWith({ filesAnalysed: 1, fileBytes: small });
    const listing = await index.list({ folders: [folderUri(root)] });
    const state = listing.files.map((f) => [f.relativePath, f.stats ? 'analysed' : f.notAnalysed]);
    assert.deepEqual(state, [
      ['answered.sip', 'too-large'],
      ['hep.dump', 'too-large'],
      ['nightly/busy.txt', 'analysed'],
      ['nightly/carrier', 'too-many'],
    ]);
    assert.equal(listing.calls, 1);
    const asked = [folderUri(join(root, 'answered.sip')), folderUri(join(root, 'nightly', 'carrier'))];
    const again = await index.list({ folders: [folderUri(root)], analyse: asked });
    assert.deepEqual(
      again.files.map((f) => [f.relativePath, f.stats ? 'analysed' : f.notAnalysed]),
      [
        ['answered.sip', 'analysed'],
        ['hep.dump', 'too-large'],
        ['nightly/busy.txt', 'analysed'],
        ['nightly/carrier', 'analysed'],
      ],
    );
    assert.equal(again.totals.answered, 1);
    assert.equal(again.totals.failed, 1);
  });

  it('stops looking after the file limit and says so', async () => {
    const root = workspace('many');
    const listing = await indexWith({ filesLooked: 3 }).list({ folders: [folderUri(root)] });
    assert.equal(listing.truncated, true);
    assert.ok(listing.files.length <= 3);
  });

  it('reads again only the files that changed', async () => {
    const root = workspace('changes');
    const analysed: string[] = [];
    const index = indexWith({}, analysed);
    await index.list({ folders: [folderUri(root)] });
    assert.equal(analysed.length, 4);
    const carrier = join(root, 'nightly', 'carrier');
    copyFileSync(join(SIPP, 'answered-remote-bye.log'), carrier);
    const later = new Date(Date.now() + 5000);
    utimesSync(carrier, later, later);
    const listing = await index.list({ folders: [folderUri(root)] });
    assert.deepEqual(analysed.slice(4), [folderUri(carrier)]);
    assert.equal(listing.files.find((f) => f.relativePath === 'nightly/carrier')!.stats!.totals.answered, 1);
    rmSync(join(root, 'answered.sip'));
    const after = await index.list({ folders: [folderUri(root)] });
    assert.deepEqual(after.files.map((f) => f.relativePath), ['hep.dump', 'nightly/busy.txt', 'nightly/carrier']);
    assert.equal(analysed.length, 5);
  });

  it('ignores folders that are not file: URIs', async () => {
    const listing = await indexWith().list({ folders: ['vscode-vfs://github/owner/repo'] });
    assert.deepEqual(listing.files, []);
    assert.equal(listing.asr, null);
  });
});
