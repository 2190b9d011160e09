// Protocol tests of `sipLens/extractCalls` (Save Selected Calls As… in the editor): the calls
// asked for, cut out of an open document, a text trace on disk or a packet capture on disk, read
// back as a trace with those calls and their outcomes (from test/fixtures/expected.json, what
// the fixtures were made to do).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ExtractedCalls, Summary } from '../../server/src/protocol';
import { fileUri, rejection, ROOT, TestClient } from './client';

interface ExpectedCall {
  callId: string;
  outcome: string;
  finalStatus: number | null;
}

function expectedCalls(manifest: string, file: string): ExpectedCall[] {
  const all = JSON.parse(readFileSync(join(ROOT, manifest), 'utf8')) as Record<string, { calls: ExpectedCall[] }>;
  const entry = all[file];
  assert.ok(entry, `${manifest} describes ${file}`);
  return entry.calls;
}

const outcomes = (summary: Summary) => summary.calls.map((c) => ({ callId: c.callId, outcome: c.outcome, finalStatus: c.finalStatus }));
const pick = ({ callId, outcome, finalStatus }: ExpectedCall) => ({ callId, outcome, finalStatus });

describe('sipLens/extractCalls', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(async () => {
    assert.deepEqual(client.errors(), []);
    await client.stop();
  });

  const TRACE = 'freeswitch/siptrace.log';
  const tracePath = join(ROOT, 'test', 'fixtures', TRACE);

  it('cuts calls out of a text trace on disk, its bytes as they are, and they read back the same', async () => {
    const calls = expectedCalls('test/fixtures/expected.json', TRACE);
    const wanted = [calls[0], calls[2]];
    const extracted = await client.requestByName<ExtractedCalls>('sipLens/extractCalls', { uri: fileUri(tracePath), callIds: wanted.map((c) => c.callId) });
    assert.equal(extracted.calls, 2);
    assert.equal(extracted.encoding, 'latin1', 'the file’s own bytes, one per character');
    const source = readFileSync(tracePath, 'latin1');
    assert.ok(extracted.text.length < source.length);
    assert.ok(!extracted.text.includes(calls[1].callId), 'the call not asked for stays out');
    const uri = 'untitled:extracted-from-disk.log';
    await client.open(uri, Buffer.from(extracted.text, 'latin1').toString('utf8'));
    assert.deepEqual(outcomes(await client.requestByName<Summary>('sipLens/summary', { uri })), wanted.map(pick));
  });

  it('cuts a call out of an open document, as the document reads now', async () => {
    const calls = expectedCalls('test/fixtures/expected.json', TRACE);
    const uri = 'untitled:open-trace.log';
    await client.open(uri, readFileSync(tracePath, 'utf8'));
    const extracted = await client.requestByName<ExtractedCalls>('sipLens/extractCalls', { uri, callIds: [calls[1].callId] });
    assert.equal(extracted.calls, 1);
    assert.equal(extracted.encoding, 'utf8');
    const back = 'untitled:extracted-from-open.log';
    await client.open(back, extracted.text);
    assert.deepEqual(outcomes(await client.requestByName<Summary>('sipLens/summary', { uri: back })), [pick(calls[1])]);
  });

  it('cuts a call out of a big open document, from the worker that keeps its analysis', async () => {
    const calls = expectedCalls('test/fixtures/expected.json', TRACE);
    // Threshold 1: every document is analysed, and kept, by a worker thread.
    const big = await TestClient.start({ env: { SIP_LENS_WORKER_THRESHOLD: '1' } });
    try {
      const uri = 'untitled:big-open-trace.log';
      await big.open(uri, readFileSync(tracePath, 'utf8'));
      const extracted = await big.requestByName<ExtractedCalls>('sipLens/extractCalls', { uri, callIds: [calls[2].callId] });
      assert.equal(extracted.calls, 1);
      const back = 'untitled:extracted-from-big.log';
      await big.open(back, extracted.text);
      assert.deepEqual(outcomes(await big.requestByName<Summary>('sipLens/summary', { uri: back })), [pick(calls[2])]);
      assert.deepEqual(big.errors(), []);
    } finally {
      await big.stop();
    }
  });

  it('cuts a call out of a packet capture on disk as a capture of its packets', async () => {
    const calls = expectedCalls('test/fixtures/captures/expected.json', 'hep-v2.pcap');
    const busy = calls.find((c) => c.outcome === 'busy');
    assert.ok(busy);
    const uri = fileUri(join(ROOT, 'test', 'fixtures', 'captures', 'hep-v2.pcap'));
    const extracted = await client.requestByName<ExtractedCalls>('sipLens/extractCalls', { uri, callIds: [busy.callId] });
    assert.equal(extracted.calls, 1);
    assert.equal(extracted.encoding, 'base64');
    assert.equal(extracted.container, 'pcap');
    // Written where the user chose, the packets read back as a capture holding just that call.
    const dir = mkdtempSync(join(tmpdir(), 'sip-lens-extract-'));
    try {
      const saved = join(dir, 'hep-v2-calls.pcap');
      writeFileSync(saved, Buffer.from(extracted.text, 'base64'));
      assert.deepEqual(outcomes(await client.requestByName<Summary>('sipLens/summary', { uri: fileUri(saved) })), [pick(busy)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes no call for a Call-ID the trace does not hold, and names a missing file', async () => {
    const none = await client.requestByName<ExtractedCalls>('sipLens/extractCalls', { uri: fileUri(tracePath), callIds: ['not-in-this-trace@example.invalid'] });
    assert.deepEqual(none, { text: '', encoding: 'latin1', calls: 0 });
    const missing = await rejection(client.requestByName('sipLens/extractCalls', { uri: fileUri(join(ROOT, 'no-such-trace.log')), callIds: ['x'] }));
    assert.match(missing.message, /^File not found: .*no-such-trace\.log$/);
    const bad = await rejection(client.requestByName('sipLens/extractCalls', { callIds: ['x'] }));
    assert.match(bad.message, /uri/);
  });
});
