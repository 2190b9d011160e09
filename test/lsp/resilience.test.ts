// Protocol tests of the server's resilience: malformed requests and notifications, hostile and
// huge documents, edit storms, closing a document mid-analysis, shutdown and exit — after each,
// the server still answers a hover and publishes diagnostics. Also: trace text in hovers is
// literal Markdown (no links, images or HTML from a reason phrase or a number).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CodeLensRequest,
  DefinitionRequest,
  DocumentHighlightRequest,
  DocumentSymbolRequest,
  ErrorCodes,
  ExitNotification,
  FoldingRangeRequest,
  HoverRequest,
  type MarkupContent,
  type PublishDiagnosticsParams,
  ReferencesRequest,
  ResponseError,
  ShutdownRequest,
} from 'vscode-languageserver-protocol/node';
import { MAX_HOVER_TEXT, mdText } from '../../server/src/features/markdown';
import type { CallFlow } from '../../server/src/protocol';
import { liveLinks, liveMarkup } from '../unit/markdown.helpers';
import { fileUri, rejection, TestClient } from './client';
import { rawTrace } from './traces';

const dir = mkdtempSync(join(tmpdir(), 'sip-lens-resilience-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function hoverValue(hover: { contents: unknown } | null): string {
  assert.ok(hover, 'a hover');
  return (hover.contents as MarkupContent).value;
}

/** A document the server always has open; probing it proves the server is alive and working. */
const CANARY = 'untitled:canary.sip';

/**
 * The server still answers a hover on the canary and publishes diagnostics for a new version of
 * it. Each probe edits the canary (a new version), so a stale publish cannot pass for a fresh one.
 */
async function assertAlive(client: TestClient): Promise<void> {
  const raw = rawTrace();
  assert.equal(client.child.exitCode, null, 'the server process is still running');
  const published = await client.change(CANARY, raw.text);
  assert.equal(published.diagnostics.filter((d) => d.code === 'error-final').length, 2, 'diagnostics of the new version');
  const hover = await client.request(HoverRequest.type, {
    textDocument: { uri: CANARY },
    position: { line: raw.lines.busy486, character: 4 },
  });
  assert.match(hoverValue(hover), /486 Busy Here/);
}

/** SIP lines joined with CRLF, a blank line after each message. */
function sip(messages: string[][]): string {
  return messages.map((m) => [...m, 'Content-Length: 0', '', ''].join('\r\n')).join('');
}

function headers(callId: string, cseq: string, toTag = '', from = '<sip:1001@10.0.0.1>;tag=a1'): string[] {
  return [
    'Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK' + callId.replace(/\W/g, ''),
    `From: ${from}`,
    `To: <sip:2002@10.0.0.2>${toTag ? `;tag=${toTag}` : ''}`,
    `Call-ID: ${callId}`,
    `CSeq: ${cseq}`,
  ];
}

/** `count` busy calls with distinct Call-IDs: INVITE, 180, 486. */
function manyCalls(count: number): string {
  const messages: string[][] = [];
  for (let i = 0; i < count; i++) {
    const id = `storm-${i}`;
    messages.push(['INVITE sip:2002@10.0.0.2 SIP/2.0', ...headers(id, '1 INVITE')]);
    messages.push(['SIP/2.0 180 Ringing', ...headers(id, '1 INVITE', 'b1')]);
    messages.push(['SIP/2.0 486 Busy Here', ...headers(id, '1 INVITE', 'b1')]);
  }
  return sip(messages);
}

describe('resilience: malformed requests and notifications', () => {
  let client: TestClient;
  const raw = rawTrace();
  const uri = 'untitled:target.sip';

  before(async () => {
    client = await TestClient.start();
    await client.open(CANARY, raw.text);
    await client.open(uri, raw.text);
  });
  after(() => client.stop());

  it('answers positions outside the document with nothing', async () => {
    for (const position of [
      { line: -1, character: 0 },
      { line: -1_000_000, character: -1 },
      { line: 1_000_000, character: 5 },
      { line: 2 ** 31 - 1, character: 2 ** 31 - 1 },
    ]) {
      const what = JSON.stringify(position);
      assert.equal(await client.request(HoverRequest.type, { textDocument: { uri }, position }), null, what);
      assert.equal(await client.request(DefinitionRequest.type, { textDocument: { uri }, position }), null, what);
      assert.deepEqual(
        await client.request(ReferencesRequest.type, { textDocument: { uri }, position, context: { includeDeclaration: true } }),
        [],
        what,
      );
      assert.deepEqual(await client.request(DocumentHighlightRequest.type, { textDocument: { uri }, position }), [], what);
    }
    // A column outside the line still means that line: hovers are per line.
    for (const character of [-1, 1_000_000]) {
      const hover = await client.request(HoverRequest.type, { textDocument: { uri }, position: { line: raw.lines.busy486, character } });
      assert.match(hoverValue(hover), /486 Busy Here/);
    }
    await assertAlive(client);
  });

  it('survives an exception inside a feature (params missing fields), answering with the empty result', async () => {
    const before = client.errors().length;
    // No textDocument: the handler itself throws a TypeError, which must not end the server.
    assert.equal(await client.requestByName('textDocument/hover', { position: { line: 0, character: 0 } }), null);
    // No context: computing references throws.
    assert.deepEqual(
      await client.requestByName('textDocument/references', { textDocument: { uri }, position: { line: raw.lines.busy486, character: 1 } }),
      [],
    );
    assert.equal(await client.requestByName('textDocument/hover', { textDocument: { uri }, position: { line: 'x', character: null } }), null);
    assert.deepEqual(await client.requestByName('textDocument/documentSymbol', { textDocument: {} }), []);
    const logged = client.errors().slice(before);
    assert.ok(logged.some((m) => /^Hover failed: TypeError/.test(m)), 'the hover exception was provoked, caught and logged');
    assert.ok(logged.some((m) => /^References failed: TypeError/.test(m)), 'the references exception was provoked, caught and logged');
    await assertAlive(client);
  });

  it('answers requests for URIs that were never opened with empty results', async () => {
    const nowhere = fileUri(join(dir, 'never-opened.sip'));
    const textDocument = { uri: nowhere };
    assert.equal(await client.request(HoverRequest.type, { textDocument, position: { line: 0, character: 0 } }), null);
    assert.deepEqual(await client.request(DocumentSymbolRequest.type, { textDocument }), []);
    assert.deepEqual(await client.request(FoldingRangeRequest.type, { textDocument }), []);
    assert.deepEqual(await client.request(CodeLensRequest.type, { textDocument }), []);
    assert.equal(await client.request(DefinitionRequest.type, { textDocument, position: { line: 0, character: 0 } }), null);
    await assertAlive(client);
  });

  it('answers custom requests with bad params with clear request errors', async () => {
    const noUri = await rejection(client.requestByName('sipLens/summary', {}));
    assert.equal(noUri.code, ErrorCodes.InvalidParams);
    assert.match(noUri.message, /sipLens\/summary needs params \{ uri \}/);
    const numericUri = await rejection(client.requestByName('sipLens/summary', { uri: 42 }));
    assert.equal(numericUri.code, ErrorCodes.InvalidParams);
    const noCallId = await rejection(client.requestByName('sipLens/callFlow', { uri }));
    assert.equal(noCallId.code, ErrorCodes.InvalidParams);
    assert.match(noCallId.message, /"callId" is missing/);
    const objectCallId = await rejection(client.requestByName('sipLens/callFlow', { uri, callId: { toString: 'x' } }));
    assert.equal(objectCallId.code, ErrorCodes.InvalidParams);
    // Params by position instead of by name: refused by the protocol layer, cleanly.
    await rejection(client.requestByName('sipLens/summary', null));
    await assertAlive(client);
  });

  it('answers a call flow for an unknown Call-ID with null', async () => {
    for (const callId of ['no-such-call', '__proto__', 'constructor', '', ' ', '\u0000']) {
      if (callId === '') continue; // empty is a params error, tested above
      assert.equal(await client.requestByName<CallFlow | null>('sipLens/callFlow', { uri, callId }), null, JSON.stringify(callId));
    }
    const known = await client.requestByName<CallFlow | null>('sipLens/callFlow', { uri, callId: 'busy-1' });
    assert.ok(known && known.arrows.length > 0, 'a known Call-ID still has its flow');
    await assertAlive(client);
  });

  it('refuses summaries of directories, devices, missing files and foreign schemes with a clear message', async () => {
    const directory = await rejection(client.requestByName('sipLens/summary', { uri: fileUri(dir) }));
    assert.match(directory.message, /not a file/);
    const device = await rejection(client.requestByName('sipLens/summary', { uri: 'file:///dev/zero' }));
    assert.match(device.message, /not a file/);
    const missing = await rejection(client.requestByName('sipLens/summary', { uri: fileUri(join(dir, 'gone.sip')) }));
    assert.match(missing.message, /File not found/);
    const remote = await rejection(client.requestByName('sipLens/summary', { uri: 'https://127.0.0.1/trace.sip' }));
    assert.match(remote.message, /only file: URIs/);
    const flowOfDirectory = await rejection(client.requestByName('sipLens/callFlow', { uri: fileUri(dir), callId: 'x' }));
    assert.match(flowOfDirectory.message, /not a file/);
    await assertAlive(client);
  });

  it('shrugs off malformed notifications', async () => {
    const connection = client.connection;
    await connection.sendNotification('textDocument/didOpen', {});
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: 'untitled:never-opened.sip', version: 2 },
      contentChanges: [{ text: 'INVITE sip:x SIP/2.0' }],
    });
    await connection.sendNotification('textDocument/didClose', { textDocument: { uri: 'untitled:never-opened.sip' } });
    await connection.sendNotification('workspace/didChangeConfiguration', { settings: { sipLens: { localAddresses: 'not a list', diagnostics: 7 } } });
    await connection.sendNotification('sipLens/noSuchNotification', { anything: true });
    await assertAlive(client);
    // The bad settings fell back to defaults: the 486 is still a warning.
    const published = client.diagnostics.get(CANARY);
    assert.ok(published?.diagnostics.some((d) => d.code === 'error-final'));
  });

  it('survives an edit with a range outside the document', async () => {
    const edited = 'untitled:edited.sip';
    await client.open(edited, raw.text);
    const published = client.waitForDiagnostics(edited, (p) => p.version === 2);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: edited, version: 2 },
      contentChanges: [{ range: { start: { line: -5, character: -1 }, end: { line: 1_000_000, character: 0 } }, text: 'OPTIONS sip:x SIP/2.0\r\n' }],
    });
    assert.ok(Array.isArray((await published).diagnostics));
    await assertAlive(client);
  });

  it('answers every request on a closed document cleanly', async () => {
    const closing = 'untitled:closing.sip';
    await client.open(closing, raw.text);
    await client.close(closing);
    const textDocument = { uri: closing };
    const position = { line: raw.lines.busy486, character: 2 };
    assert.equal(await client.request(HoverRequest.type, { textDocument, position }), null);
    assert.deepEqual(await client.request(DocumentSymbolRequest.type, { textDocument }), []);
    assert.deepEqual(await client.request(FoldingRangeRequest.type, { textDocument }), []);
    assert.deepEqual(await client.request(CodeLensRequest.type, { textDocument }), []);
    assert.deepEqual(await client.request(ReferencesRequest.type, { textDocument, position, context: { includeDeclaration: true } }), []);
    const summary = await rejection(client.requestByName('sipLens/summary', { uri: closing }));
    assert.match(summary.message, /not open/);
    const flow = await rejection(client.requestByName('sipLens/callFlow', { uri: closing, callId: 'busy-1' }));
    assert.match(flow.message, /not open/);
    await assertAlive(client);
  });
});

describe('resilience: hostile and huge documents', () => {
  let client: TestClient;

  before(async () => {
    // Documents from 256 KB on go to the worker thread, as big ones do in the editor.
    client = await TestClient.start({ env: { SIP_LENS_WORKER_THRESHOLD: String(256 * 1024) } });
    await client.open(CANARY, rawTrace().text);
  });
  after(async () => {
    // The one logged failure is the document that was not text; hostile text is analysed.
    assert.deepEqual(
      client.errors().map((e) => e.split(':')[0] + ':' + e.split(':')[1]),
      ['Analysis of untitled:not-text.sip failed'],
    );
    await client.stop();
  });

  it('analyses garbage binary content without falling over', async () => {
    let garbage = '';
    let seed = 7;
    for (let i = 0; i < 100_000; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      garbage += String.fromCharCode(seed % 0x10000);
    }
    const published = await client.open('untitled:garbage.sip', garbage);
    assert.ok(Array.isArray(published.diagnostics));
    const nul = await client.open('untitled:nul.sip', '\u0000\u0001\u0002\u00ff'.repeat(50_000));
    assert.deepEqual(nul.diagnostics.map((d) => d.code), ['unreadable']);
    assert.equal(await client.request(HoverRequest.type, { textDocument: { uri: 'untitled:nul.sip' }, position: { line: 0, character: 0 } }), null);
    await assertAlive(client);
  });

  it('survives a didOpen whose text is not a string (a broken client)', async () => {
    const broken = 'untitled:not-text.sip';
    await client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: broken, languageId: 'sip-trace', version: 1, text: 12345 },
    });
    assert.equal(await client.request(HoverRequest.type, { textDocument: { uri: broken }, position: { line: 0, character: 0 } }), null);
    assert.deepEqual(await client.request(DocumentSymbolRequest.type, { textDocument: { uri: broken } }), []);
    await assertAlive(client);
  });

  it('analyses a huge document (many calls, and one megabyte-long line) in the worker', async () => {
    const calls = 6000;
    const longLine = `SIP/2.0 486 ${'x'.repeat(1_000_000)}`;
    const text = manyCalls(calls) + longLine + '\r\n';
    assert.ok(text.length > 4_000_000);
    const published = await client.open('untitled:huge.sip', text);
    assert.equal(published.diagnostics.filter((d) => d.code === 'error-final').length, calls);
    const symbols = await client.request(DocumentSymbolRequest.type, { textDocument: { uri: 'untitled:huge.sip' } });
    assert.equal(symbols?.length, calls);
    const lastLine = text.split('\n').length - 2;
    // The giant line is a message of its own (malformed or not); a hover there stays bounded.
    const hover = await client.request(HoverRequest.type, { textDocument: { uri: 'untitled:huge.sip' }, position: { line: lastLine, character: 500_000 } });
    if (hover) assert.ok(hoverValue(hover).length < 5000, 'a hover never echoes a megabyte of trace text');
    await assertAlive(client);
  });

  it('keeps up with a storm of 100 full-text versions and publishes the last one', async () => {
    const uri = 'untitled:storm.sip';
    const all: PublishDiagnosticsParams[] = [];
    await client.open(uri, manyCalls(1));
    const last = client.waitForDiagnostics(uri, (p) => {
      all.push(p);
      return p.version === 101;
    });
    for (let version = 2; version <= 101; version++) {
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ text: manyCalls(version % 7 === 0 ? 3 : 1 + (version % 5)) }],
      });
    }
    const final = await last;
    // Version 101: 101 % 5 = 1 → 2 calls, each with one 486.
    assert.equal(final.diagnostics.length, 2);
    assert.ok(all.every((p, i) => i === 0 || (p.version ?? 0) >= (all[i - 1].version ?? 0)), 'versions never go backwards');
    await assertAlive(client);
  });

  it('keeps up with a storm of 100 small edits to a document big enough for the worker', async () => {
    const uri = 'untitled:big-storm.sip';
    const text = manyCalls(1500);
    assert.ok(text.length > 256 * 1024, 'big enough for the worker');
    const lines = text.split('\n').length - 1;
    await client.open(uri, text);
    const last = client.waitForDiagnostics(uri, (p) => p.version === 101);
    for (let version = 2; version <= 101; version++) {
      // Typing at the end of the file, one character at a time.
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line: lines, character: version - 2 }, end: { line: lines, character: version - 2 } }, text: 'x' }],
      });
    }
    const final = await last;
    assert.equal(final.diagnostics.filter((d) => d.code === 'error-final').length, 1500);
    await assertAlive(client);
  });

  it('handles didClose while the analysis is still running', async () => {
    const uri = 'untitled:closed-mid-analysis.sip';
    const text = manyCalls(3000);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sip-trace', version: 1, text } });
    // A request waits for the running analysis; closing the document must not leave it hanging.
    const pending = client.request(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } });
    const cleared = client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await cleared;
    const answer = await pending;
    assert.ok(answer === null || typeof answer === 'object');
    await assertAlive(client);
    assert.deepEqual(client.diagnostics.get(uri)?.diagnostics, [], 'nothing was published for the closed document afterwards');
    // Open again: analysed from scratch.
    const again = await client.open(uri, manyCalls(2));
    assert.equal(again.diagnostics.length, 2);
  });

  it('shows hostile characters (NUL, lone surrogates, RTL override) without breaking', async () => {
    const raw = rawTrace();
    const text = raw.text.replace('486 Busy Here', '486 Busy\u0000\ud800 Here\u202e!');
    const published = await client.open('untitled:odd-chars.sip', text);
    assert.ok(published.diagnostics.length > 0);
    const value = hoverValue(
      await client.request(HoverRequest.type, { textDocument: { uri: 'untitled:odd-chars.sip' }, position: { line: raw.lines.busy486, character: 2 } }),
    );
    assert.ok(!value.includes('\u202e'), 'the bidi override is named, not applied');
    assert.match(value, /U\+202E/);
    await assertAlive(client);
  });
});

describe('resilience: closing a document while its worker runs', () => {
  let client: TestClient;
  before(async () => {
    // Every document goes to the worker, and progress begins the moment the worker starts.
    client = await TestClient.start({ env: { SIP_LENS_WORKER_THRESHOLD: '1', SIP_LENS_PROGRESS_DELAY_MS: '0' } });
  });
  after(async () => {
    assert.deepEqual(client.errors(), []);
    await client.stop();
  });

  it('stops the worker, answers the waiting request and publishes nothing for the closed document', async () => {
    const uri = 'untitled:worker-running.sip';
    await client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'sip-trace', version: 1, text: manyCalls(20_000) },
    });
    const begin = await client.waitForProgress('begin');
    assert.match(String((begin.value as { title?: string }).title), /worker-running\.sip/, 'the worker has started on it');
    const pending = client.request(DocumentSymbolRequest.type, { textDocument: { uri } });
    const cleared = client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await cleared;
    assert.deepEqual(await pending, [], 'the request waiting for the analysis is answered, empty');
    await client.open(CANARY, rawTrace().text);
    await assertAlive(client);
    assert.deepEqual(client.diagnostics.get(uri)?.diagnostics, [], 'nothing was published for the closed document afterwards');
  });
});

// ---------------------------------------------------------------------------------------------
// Trace text in hover Markdown

const RFC_LINK = /^https:\/\/www\.rfc-editor\.org\/rfc\/rfc\d+(?:\.html)?(?:#\S*)?$/;

describe('hover: trace strings stay text', () => {
  let client: TestClient;
  const IMAGE = '![x](https://example.com/a.png)';
  const COMMAND = '[click](command:workbench.action.quit)';
  const HTML = '<img src=x onerror=alert(1)>';
  const uri = 'untitled:hostile-hover.sip';
  // From user "[me](javascript:alert(1))", %-encoded in the URI and decoded by the parser.
  const from = '<sip:%5Bme%5D(javascript%3Aalert(1))@10.0.0.1>;tag=h1';
  const reasonHeader = 'Reason: SIP;cause=486;text="[r](command:workbench.action.quit) www.example.com"';
  const text = sip([
    ['INVITE sip:2002@10.0.0.2 SIP/2.0', ...headers('hostile-1', '1 INVITE', '', from)],
    ['SIP/2.0 180 Ringing', ...headers('hostile-1', '1 INVITE', 'b1', from)],
    [`SIP/2.0 486 ${IMAGE} ${COMMAND} ${HTML}`, ...headers('hostile-1', '1 INVITE', 'b1', from), reasonHeader],
    ['SIP/2.0 200 ' + '`a` *b* _c_ [d] <e> | f & g $(alert) https://example.com/x', ...headers('hostile-2', '1 OPTIONS', 'b2')],
  ]);
  const lines = text.split('\r\n');
  const lineOf = (prefix: string): number => lines.findIndex((l) => l.startsWith(prefix));

  before(async () => {
    client = await TestClient.start();
    await client.open(uri, text);
  });
  after(async () => {
    assert.deepEqual(client.errors(), []);
    await client.stop();
  });

  const hoverAt = async (line: number): Promise<string> =>
    hoverValue(await client.request(HoverRequest.type, { textDocument: { uri }, position: { line, character: 3 } }));

  it('escapes a reason phrase that holds an image, a command link and HTML', async () => {
    const value = await hoverAt(lineOf('SIP/2.0 486'));
    assert.deepEqual(liveLinks(value).filter((target) => !RFC_LINK.test(target)), [], value);
    assert.ok(!/<img/i.test(liveMarkup(value)), 'no live HTML');
    // The phrase is still shown, character for character, once the escapes are read.
    const shown = value.replace(/\\([!-/:-@[-`{-~])/g, '$1');
    assert.ok(shown.includes(IMAGE), 'the image syntax is shown as text');
    assert.ok(shown.includes(COMMAND), 'the command link is shown as text');
    assert.ok(shown.includes(HTML), 'the HTML is shown as text');
    assert.ok(shown.includes('[r](command:workbench.action.quit) www.example.com'), 'the Reason text is shown as text');
    assert.match(value, /`busy`/, 'our own Markdown still works');
  });

  it('escapes numbers and punctuation that would otherwise be markup', async () => {
    const invite = await hoverAt(lineOf('INVITE'));
    assert.deepEqual(liveLinks(invite).filter((target) => !RFC_LINK.test(target)), [], invite);
    assert.ok(invite.replace(/\\(.)/g, '$1').includes('[me](javascript:alert(1))'), 'the caller number is shown as text');
    const options = await hoverAt(lineOf('SIP/2.0 200'));
    assert.deepEqual(liveLinks(options).filter((target) => !RFC_LINK.test(target)), [], options);
    const live = liveMarkup(options);
    assert.ok(!/[*_`<>|&$]/.test(live.replace(/\*\*/g, '').replace(/—/g, '')), `no live emphasis, code, HTML, table or icon: ${live}`);
  });

  it('keeps trace text in hovers short', async () => {
    const long = sip([[`SIP/2.0 486 ${'[x](command:a) '.repeat(70_000)}`, ...headers('long-1', '1 INVITE', 'b1')]]);
    await client.open('untitled:long-reason.sip', long);
    const value = hoverValue(
      await client.request(HoverRequest.type, { textDocument: { uri: 'untitled:long-reason.sip' }, position: { line: 0, character: 1 } }),
    );
    assert.ok(value.length < 4000, `hover of ${value.length} characters`);
    assert.deepEqual(liveLinks(value).filter((target) => !RFC_LINK.test(target)), []);
  });

  it('mdText: literal text for any input', () => {
    for (const input of [IMAGE, COMMAND, HTML, 'www.example.com', 'user@example.com', 'https://example.com', '# title', '1. one', '- item', '> quote', '\\[x](y)']) {
      const out = mdText(input);
      assert.deepEqual(liveLinks(out), [], `${input} → ${out}`);
      assert.equal(out.replace(/\\([!-/:-@[-`{-~])/g, '$1'), input, 'nothing lost');
    }
    assert.equal(mdText('Q.850 17 User busy'), 'Q.850 17 User busy', 'ordinary punctuation is left alone');
    assert.equal(mdText('a\r\nb'), 'a b', 'one line');
    assert.equal(mdText('x'.repeat(1000)).length, MAX_HOVER_TEXT);
    assert.equal(mdText('a\u202eb'), 'a\\<U+202E\\>b');
  });
});

describe('resilience: shutdown and exit', () => {
  it('exits with code 0 after shutdown, also with an analysis running', async () => {
    const client = await TestClient.start({ env: { SIP_LENS_WORKER_THRESHOLD: '1' } });
    await client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: 'untitled:running.sip', languageId: 'sip-trace', version: 1, text: manyCalls(2000) },
    });
    await client.stop();
    assert.equal(client.child.exitCode, 0);
  });

  it('exits with code 1 on exit without shutdown, as the protocol asks', async () => {
    const client = await TestClient.start();
    await client.open(CANARY, rawTrace().text);
    const exited = new Promise<number | null>((resolve) => client.child.once('exit', (code) => resolve(code)));
    await client.connection.sendNotification(ExitNotification.type);
    assert.equal(await exited, 1);
    client.connection.dispose();
  });

  it('answers requests that come after shutdown without hanging, and still exits', async () => {
    const client = await TestClient.start();
    await client.open(CANARY, rawTrace().text);
    await client.connection.sendRequest(ShutdownRequest.type);
    // The analysis service is gone; a late request is answered (or refused), never left hanging.
    const late = await client
      .request(HoverRequest.type, { textDocument: { uri: CANARY }, position: { line: 0, character: 0 } })
      .then(
        () => 'answered',
        (error: unknown) => (error instanceof ResponseError ? 'refused' : `failed: ${String(error)}`),
      );
    assert.ok(late === 'answered' || late === 'refused', late);
    const exited = new Promise<number | null>((resolve) => client.child.once('exit', (code) => resolve(code)));
    await client.connection.sendNotification(ExitNotification.type);
    assert.equal(await exited, 0);
    client.connection.dispose();
  });
});
