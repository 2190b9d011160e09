// Big open documents are analysed by a worker thread that keeps the analysis and answers the
// features. These tests lower the size threshold so small traces take that path, and check that
// its answers are the server thread's, that versions, closing and the bound on live workers stop
// the right workers, that the server's thread stays free meanwhile, and that a dying worker falls
// back to the server's thread.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CodeLensRequest,
  DefinitionRequest,
  DocumentHighlightRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  type PublishDiagnosticsParams,
  ReferencesRequest,
} from 'vscode-languageserver-protocol/node';
import type { CallFlow, Summary } from '../../server/src/protocol';
import { TestClient } from './client';
import { copiesOfRaw, rawTrace } from './traces';
import { eventually, settledThreads, threadsOf } from './waits';

/** Every document goes to a worker, and progress (shown only for worker runs) begins at once. */
const WORKER_ENV = { SIP_LENS_WORKER_THRESHOLD: '1', SIP_LENS_PROGRESS_DELAY_MS: '0' };

function progressTitles(client: TestClient): string[] {
  return client.progress
    .map((p) => p.value as { kind?: string; title?: string })
    .filter((v) => v.kind === 'begin')
    .map((v) => String(v.title));
}

function workerFallbacks(client: TestClient): string[] {
  return client.logs.filter((l) => /worker (failed|for .* stopped)/.test(l.message)).map((l) => l.message);
}

describe('a document analysed by a worker', () => {
  let inThread: TestClient;
  let inWorker: TestClient;
  const uri = 'untitled:same-answers.sip';
  const text = copiesOfRaw(12, 'same');
  const lineCount = text.split('\n').length;

  before(async () => {
    inThread = await TestClient.start({ env: { SIP_LENS_PROGRESS_DELAY_MS: '0' } });
    inWorker = await TestClient.start({ env: WORKER_ENV });
  });
  after(async () => {
    const unexpected = (client: TestClient): string[] => client.errors().filter((e) => !e.startsWith('Hover failed'));
    assert.deepEqual([...unexpected(inThread), ...unexpected(inWorker)], []);
    assert.deepEqual(workerFallbacks(inWorker), [], 'the worker did the work');
    await inThread.stop();
    await inWorker.stop();
  });

  it('answers every feature exactly as the server thread does', async () => {
    const [here, there] = await Promise.all([inThread.open(uri, text), inWorker.open(uri, text)]);
    assert.equal(here.diagnostics.length, 36, '3 per copy: the 486, the 903 and the 404');
    assert.deepEqual(there, here);
    assert.ok(progressTitles(inWorker).some((title) => title.includes('same-answers.sip')), 'the worker analysed it');
    assert.deepEqual(progressTitles(inThread), [], 'the server thread analysed it (no progress for that)');

    const both = async <R>(ask: (client: TestClient) => Promise<R>): Promise<[R, R]> => Promise.all([ask(inThread), ask(inWorker)]);
    const textDocument = { uri };
    for (const [name, ask] of [
      ['symbols', (c: TestClient) => c.request(DocumentSymbolRequest.type, { textDocument })],
      ['folding', (c: TestClient) => c.request(FoldingRangeRequest.type, { textDocument })],
      ['code lenses', (c: TestClient) => c.request(CodeLensRequest.type, { textDocument })],
      ['summary', (c: TestClient) => c.requestByName<Summary>('sipLens/summary', { uri })],
      ['call flow', (c: TestClient) => c.requestByName<CallFlow>('sipLens/callFlow', { uri, callId: 'same-busy-3' })],
      ['leg flow', (c: TestClient) => c.requestByName<CallFlow>('sipLens/callFlow', { uri, callId: 'same-auth-7', legs: true })],
    ] as const) {
      const [a, b] = await both(ask as (c: TestClient) => Promise<unknown>);
      assert.ok(a !== null && (!Array.isArray(a) || a.length > 0), `${name}: something to compare`);
      assert.deepEqual(b, a, name);
    }
    let hovers = 0;
    for (let line = 0; line < lineCount; line += 2) {
      const position = { line, character: 2 };
      const [hoverA, hoverB] = await both((c) => c.request(HoverRequest.type, { textDocument, position }));
      if (hoverA) hovers++;
      assert.deepEqual(hoverB, hoverA, `hover on line ${line}`);
      if (line % 6 !== 0) continue;
      assert.deepEqual(...(await both((c) => c.request(DefinitionRequest.type, { textDocument, position }))), `definition on line ${line}`);
      assert.deepEqual(
        ...(await both((c) => c.request(ReferencesRequest.type, { textDocument, position, context: { includeDeclaration: true } }))),
        `references on line ${line}`,
      );
      assert.deepEqual(...(await both((c) => c.request(DocumentHighlightRequest.type, { textDocument, position }))), `highlights on line ${line}`);
    }
    assert.ok(hovers > lineCount / 4, `most lines have a hover (${hovers})`);
  });

  it('sends long answers a part at a time, arriving whole and in order', async () => {
    // 600 copies: 1,800 diagnostics, 1,200 calls, and more folding ranges: over the thousand items of one part.
    const longUri = 'untitled:long-answers.sip';
    const longText = copiesOfRaw(600, 'long');
    const [here, there] = await Promise.all([inThread.open(longUri, longText), inWorker.open(longUri, longText)]);
    assert.equal(here.diagnostics.length, 1800);
    assert.deepEqual(there, here);
    const textDocument = { uri: longUri };
    for (const [name, ask] of [
      ['symbols', (c: TestClient) => c.request(DocumentSymbolRequest.type, { textDocument })],
      ['folding', (c: TestClient) => c.request(FoldingRangeRequest.type, { textDocument })],
      ['code lenses', (c: TestClient) => c.request(CodeLensRequest.type, { textDocument })],
    ] as const) {
      const [a, b] = await Promise.all([ask(inThread), ask(inWorker)]);
      assert.ok(Array.isArray(a) && a.length > 1000, `${name}: over a thousand items (${Array.isArray(a) ? a.length : a})`);
      assert.deepEqual(b, a, name);
    }
    await Promise.all([inThread.close(longUri), inWorker.close(longUri)]);
  });

  it('reports an exception inside a feature as the server thread does', async () => {
    // No position: the feature throws (inside the worker, for the worker's document).
    const bad = { textDocument: { uri }, position: null };
    const logged = (client: TestClient): string[] => client.errors().filter((e) => e.startsWith('Hover failed'));
    assert.equal(await inWorker.requestByName('textDocument/hover', bad), null);
    assert.equal(await inThread.requestByName('textDocument/hover', bad), null);
    const [here, there] = [logged(inThread), logged(inWorker)];
    assert.equal(here.length, 1);
    assert.equal(there.length, 1);
    assert.equal(there[0].split('\n')[0], here[0].split('\n')[0], 'the same error, named and worded the same');
    assert.match(there[0], /^Hover failed: TypeError/);
  });
});

describe('versions, closing and the bound on live workers', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ env: { ...WORKER_ENV, SIP_LENS_MAX_DOCUMENT_WORKERS: '2' } });
    // Warm up whatever threads the server starts on first use, so counts below are the workers'.
    await client.open('untitled:warm-up.sip', copiesOfRaw(1, 'warm'));
    await client.close('untitled:warm-up.sip');
  });
  after(async () => {
    assert.deepEqual(client.errors(), []);
    assert.deepEqual(workerFallbacks(client), []);
    await client.stop();
  });

  it('answers from the last finished version until the newer one is done, then from the newer one', async () => {
    const uri = 'untitled:versions.sip';
    await client.open(uri, copiesOfRaw(2, 'v1'));
    const callIds = async (): Promise<string[]> => (await client.requestByName<Summary>('sipLens/summary', { uri })).calls.map((c) => c.callId);
    const published = client.change(uri, copiesOfRaw(3, 'v2'));
    // Asked at once: the new version's worker has not even started (it waits a moment for more edits).
    assert.deepEqual(await callIds(), ['v1-busy-0', 'v1-auth-0', 'v1-busy-1', 'v1-auth-1']);
    assert.equal((await published).diagnostics.length, 9);
    assert.deepEqual((await callIds()).filter((id) => id.startsWith('v1')), []);
    assert.equal((await callIds()).length, 6);
    await client.close(uri);
  });

  it('stops a run overtaken by a newer version at once, and publishes only the newer one', async () => {
    const uri = 'untitled:overtaken.sip';
    await client.open(uri, copiesOfRaw(1, 'o1'));
    const idle = await settledThreads(client);
    const seen: PublishDiagnosticsParams[] = [];
    const last = client.waitForDiagnostics(uri, (p) => {
      seen.push(p);
      return p.version === 3;
    });
    // Version 2 is big enough to take a while; version 3 replaces it as soon as its worker runs.
    client.progress.length = 0;
    const running = client.waitForProgress('begin');
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: copiesOfRaw(4000, 'o2') }],
    });
    await running;
    assert.ok(threadsOf(client) > idle, 'the worker of version 2 runs');
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ text: copiesOfRaw(1, 'o3') }],
    });
    const final = await last;
    assert.equal(final.diagnostics.length, 3);
    assert.deepEqual(
      seen.map((p) => p.version),
      [3],
      'nothing was published for version 2',
    );
    // Version 1's worker stopped once version 3's was done, and version 2's when it was overtaken.
    await eventually('only the newest worker is left', () => threadsOf(client) === idle);
    await client.close(uri);
  });

  it('stops the workers of a closed document', async () => {
    const before = await settledThreads(client);
    const uri = 'untitled:closing.sip';
    await client.open(uri, copiesOfRaw(3, 'c'));
    assert.ok(threadsOf(client) > before, 'the document has a worker');
    await client.close(uri);
    await eventually('the worker is gone', () => threadsOf(client) === before);
    assert.equal(await client.request(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } }), null);
  });

  it('keeps at most the bound of finished analyses, and makes a dropped one again when asked', async () => {
    const before = await settledThreads(client);
    const uris = ['untitled:lru-a.sip', 'untitled:lru-b.sip', 'untitled:lru-c.sip'];
    const position = { line: rawTrace().lines.busy486, character: 2 };
    const hovers: unknown[] = [];
    for (const [i, uri] of uris.entries()) {
      await client.open(uri, copiesOfRaw(1, `lru${i}`));
      hovers.push(await client.request(HoverRequest.type, { textDocument: { uri }, position }));
    }
    await eventually('two workers are left', () => threadsOf(client) === before + 2);
    assert.ok(
      client.logs.some((l) => l.message.startsWith('Letting the analysis of untitled:lru-a.sip go')),
      'the least recently used document was let go',
    );
    // Asked again: analysed again (letting b go, now the least recently used), with the same answer.
    const again = client.waitForDiagnostics(uris[0]);
    assert.deepEqual(await client.request(HoverRequest.type, { textDocument: { uri: uris[0] }, position }), hovers[0]);
    assert.equal((await again).diagnostics.length, 3, 'its diagnostics are published again');
    assert.ok(client.logs.some((l) => l.message.startsWith('Letting the analysis of untitled:lru-b.sip go')));
    assert.deepEqual(await client.request(HoverRequest.type, { textDocument: { uri: uris[2] }, position }), hovers[2]);
    for (const uri of uris) await client.close(uri);
    await eventually('no worker is left', () => threadsOf(client) === before);
  });

  it('analyses again, in a new worker, when the analysis settings change', async () => {
    const uri = 'untitled:settings.txt';
    // sngrep framing: 10.0.0.9 calls 10.0.0.1 and gets a 486.
    const message = (header: string, start: string, toTag: string): string[] => [
      header,
      start,
      'Via: SIP/2.0/UDP 10.0.0.9:5060;branch=z9hG4bKng1',
      'From: <sip:1001@10.0.0.9>;tag=n1',
      `To: <sip:2002@10.0.0.1>${toTag}`,
      'Call-ID: ngrep-1',
      'CSeq: 1 INVITE',
      'Content-Length: 0',
      '',
    ];
    const text = [
      ...message('2026/11/21 10:00:00.000000 10.0.0.9:5060 -> 10.0.0.1:5060', 'INVITE sip:2002@10.0.0.1 SIP/2.0', ''),
      ...message('2026/11/21 10:00:00.100000 10.0.0.1:5060 -> 10.0.0.9:5060', 'SIP/2.0 486 Busy Here', ';tag=n2'),
    ].join('\n');
    await client.open(uri, text);
    const outgoing = async (): Promise<boolean | undefined> =>
      (await client.requestByName<Summary>('sipLens/summary', { uri })).calls[0]?.outgoing;
    assert.equal(await outgoing(), true, 'without settings the caller is local');
    client.progress.length = 0;
    const begun = client.waitForProgress('begin');
    await client.changeSettings({ localAddresses: ['10.0.0.1:5060'] });
    await begun;
    assert.ok(progressTitles(client).some((title) => title.includes('settings.txt')), 'a worker analyses it again');
    await client.waitForProgress('end');
    assert.equal(await outgoing(), false, 'the new analysis sees an incoming call');
    await client.changeSettings({});
    await client.close(uri);
  });

  it('answers a document while another document is still being analysed', async () => {
    const small = 'untitled:answered.sip';
    const big = 'untitled:analysing.sip';
    await client.open(small, copiesOfRaw(1, 'small'));
    client.progress.length = 0;
    const running = client.waitForProgress('begin');
    const bigDone = client.waitForDiagnostics(big);
    await client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: big, languageId: 'sip-trace', version: 1, text: copiesOfRaw(5000, 'big') },
    });
    await running;
    const position = { line: rawTrace().lines.busy486, character: 2 };
    const answered: string[] = [];
    void bigDone.then(() => answered.push('big diagnostics'));
    for (let i = 0; i < 3; i++) {
      const hover = await client.request(HoverRequest.type, { textDocument: { uri: small }, position });
      assert.ok(hover, 'the hover has an answer');
      answered.push('hover');
    }
    await bigDone;
    assert.deepEqual(answered, ['hover', 'hover', 'hover', 'big diagnostics'], 'the hovers did not wait for the analysis');
    await client.close(big);
    await client.close(small);
  });
});

describe('a worker that dies', () => {
  let client: TestClient;
  before(async () => {
    // A heap far too small for the analysis: the worker runs out of memory and stops.
    client = await TestClient.start({ env: { ...WORKER_ENV, SIP_LENS_WORKER_MAX_HEAP_MB: '16' } });
  });
  after(async () => {
    assert.deepEqual(client.errors(), []);
    await client.stop();
  });

  it('is replaced by an analysis in the server thread, with the same results', async () => {
    const uri = 'untitled:fallback.sip';
    const copies = 2000;
    const published = await client.open(uri, copiesOfRaw(copies, 'f'));
    assert.ok(
      client.logs.some((l) => /^Analysis worker failed \(.*memory.*\); analysing in the server thread\.$/.test(l.message)),
      client.logs.map((l) => l.message).join('\n'),
    );
    assert.equal(published.diagnostics.length, 3 * copies);
    const hover = await client.hoverText(uri, rawTrace().lines.busy486);
    assert.match(hover ?? '', /486 Busy Here/);
  });
});

describe('a worker out of memory under the limit the server thread has too', () => {
  let client: TestClient;
  before(async () => {
    // V8's heap limit for every thread of the server, workers included: no lower one for workers.
    client = await TestClient.start({ env: { ...WORKER_ENV, NODE_OPTIONS: '--max-old-space-size=48' } });
  });
  after(async () => {
    assert.deepEqual(client.errors(), []);
    await client.stop();
  });

  it('gives the document a notice, and the server (not tried there) goes on answering', async () => {
    const uri = 'untitled:too-big.sip';
    const published = await client.open(uri, copiesOfRaw(6000, 'oom'));
    assert.ok(client.logs.some((l) => /ran out of memory; the document gets a notice\.$/.test(l.message)), client.logs.map((l) => l.message).join('\n'));
    assert.deepEqual(
      published.diagnostics.map((d) => [d.code, d.range.start.line]),
      [['too-large', 0]],
    );
    assert.match(String(published.diagnostics[0]!.message), /^SIP Lens ran out of memory analysing this document \(\d+ MB\)\. Split it/);
    // The server is alive and analyses other documents.
    const small = await client.open('untitled:small.sip', rawTrace().text);
    assert.equal(small.diagnostics.length, 3);
  });
});

