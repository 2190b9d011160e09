// Big files the editor opened from disk are announced by URI (`sipLens/didOpenFile`): the
// server's worker reads the file. These tests lower the size threshold so small traces take that
// path, and check that every feature answers as for the same text sent in full, that edits are
// applied to the file's text (`sipLens/didChangeFile`) and a save announces it again, that a file
// (or an edited text) that is not what the editor holds is asked for as text (`sipLens/sendText`),
// and that closing works.
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CallFlow, DidChangeFileParams, DidOpenFileParams, ExtractedCalls, FileChange, Summary } from '../../server/src/protocol';
import { fileUri, TestClient } from './client';
import { copiesOfRaw, rawTrace } from './traces';
import { eventually, settledThreads, threadsOf } from './waits';

/** Every document is big enough to be opened by URI. */
const BY_URI_ENV = { SIP_LENS_WORKER_THRESHOLD: '1', SIP_LENS_PROGRESS_DELAY_MS: '0' };

const dir = mkdtempSync(join(tmpdir(), 'sip-lens-by-uri-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `bytes` to a new file; its URI. */
function writeTrace(name: string, bytes: string | Buffer): { path: string; uri: string } {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return { path, uri: fileUri(path) };
}

/**
 * The text VS Code holds of a file decoded to `text`: mixed line breaks made one kind, CRLF when
 * more than half of them have a CR (VS Code's rule).
 */
function editorTextOf(text: string): { text: string; eol: '\n' | '\r\n' } {
  const breaks = text.match(/\r\n|\r|\n/g) ?? [];
  const withCr = breaks.filter((b) => b.startsWith('\r')).length;
  const eol = withCr > breaks.length / 2 ? '\r\n' : '\n';
  return { text: text.replace(/\r\n|\r|\n/g, eol), eol };
}

/** What VS Code would announce of a file it decoded to `text` (UTF-8 unless said otherwise). */
function announcement(path: string, text: string, version = 1, encoding = 'utf8'): DidOpenFileParams {
  const info = statSync(path);
  const editor = editorTextOf(text);
  return {
    textDocument: { uri: fileUri(path), languageId: 'sip-trace', version },
    encoding,
    length: editor.text.length,
    lineCount: editor.text.split(editor.eol).length,
    eol: editor.eol,
    size: info.size,
    mtimeMs: info.mtimeMs,
  };
}

/** The URIs the server asked the text of, in order, as they arrive. */
function textRequests(client: TestClient): { uris: string[]; next(uri: string): Promise<void> } {
  const uris: string[] = [];
  const waiting: { uri: string; resolve: () => void }[] = [];
  client.connection.onNotification('sipLens/sendText', (params: { uri: string }) => {
    uris.push(params.uri);
    for (const w of waiting.filter((w) => w.uri === params.uri)) w.resolve();
  });
  return {
    uris,
    next: (uri) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no sipLens/sendText for ${uri}`)), 20_000);
        waiting.push({ uri, resolve: () => (clearTimeout(timer), resolve()) });
      }),
  };
}

async function openByUri(client: TestClient, params: DidOpenFileParams): Promise<PublishDiagnosticsParams> {
  const published = client.waitForDiagnostics(params.textDocument.uri);
  await client.connection.sendNotification('sipLens/didOpenFile', params);
  return published;
}

async function openText(client: TestClient, uri: string, text: string, version: number): Promise<PublishDiagnosticsParams> {
  const published = client.waitForDiagnostics(uri, (p) => p.version === version);
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sip-trace', version, text } });
  return published;
}

/** `text` with `changes` applied in order, as a text document applies them. */
function applied(text: string, changes: readonly FileChange[]): string {
  return TextDocument.update(TextDocument.create('file:///x', 'sip-trace', 0, text), [...changes], 1).getText();
}

/** The change notification for `changes` that make the editor's text `edited`. */
function changeOf(uri: string, version: number, changes: readonly FileChange[], edited: string): DidChangeFileParams {
  return { textDocument: { uri, version }, contentChanges: [...changes], length: edited.length, lineCount: edited.split('\r\n').length };
}

/** A value with one document's URI written as another's, to compare answers about the two. */
function as<T>(value: T, from: string, to: string): T {
  return JSON.parse(JSON.stringify(value).replaceAll(JSON.stringify(from).slice(1, -1), JSON.stringify(to).slice(1, -1))) as T;
}

describe('a document opened by URI', () => {
  let client: TestClient;
  let asked: ReturnType<typeof textRequests>;

  before(async () => {
    client = await TestClient.start({ env: BY_URI_ENV });
    asked = textRequests(client);
  });
  after(async () => {
    assert.deepEqual(client.errors(), []);
    await client.stop();
  });

  it('is offered by the server from its worker threshold on', () => {
    assert.deepEqual(client.initializeResult.capabilities.experimental, { sipLens: { openByUriFrom: 1 } });
  });

  it('answers every feature as the same text sent in full does', async () => {
    const text = copiesOfRaw(6, 'same');
    const byUri = writeTrace('by-uri.sip', text);
    const byText = writeTrace('by-text.sip', text);
    const [fromFile, fromText] = await Promise.all([openByUri(client, announcement(byUri.path, text)), openText(client, byText.uri, text, 1)]);
    assert.equal(fromFile.version, 1);
    assert.equal(fromFile.diagnostics.length, 18, '3 per copy: the 486, the 903 and the 404');
    assert.deepEqual(fromFile, as(fromText, byText.uri, byUri.uri));

    const ask = async <R>(uri: string, method: string, params: object): Promise<R> => client.requestByName<R>(method, { textDocument: { uri }, ...params });
    const same = async (what: string, question: (uri: string) => Promise<unknown>): Promise<unknown> => {
      const [a, b] = await Promise.all([question(byUri.uri), question(byText.uri)]);
      assert.deepEqual(a, as(b, byText.uri, byUri.uri), what);
      return a;
    };
    for (const [name, method] of [
      ['symbols', DocumentSymbolRequest.method],
      ['folding', FoldingRangeRequest.method],
      ['code lenses', CodeLensRequest.method],
    ] as const) {
      const answer = await same(name, (uri) => ask(uri, method, {}));
      assert.ok(Array.isArray(answer) && answer.length > 0, `${name}: something to compare`);
    }
    const summary = (await same('summary', (uri) => client.requestByName<Summary>('sipLens/summary', { uri }))) as Summary;
    assert.equal(summary.calls.length, 12);
    const flow = (await same('call flow', (uri) => client.requestByName<CallFlow>('sipLens/callFlow', { uri, callId: 'same-busy-2' }))) as CallFlow;
    assert.deepEqual(
      flow.arrows.map((a) => a.label),
      ['INVITE', '100 Trying', '180 Ringing', '486 Busy Here', 'ACK'],
    );
    const extracted = (await same('extract', (uri) => client.requestByName<ExtractedCalls>('sipLens/extractCalls', { uri, callIds: ['same-auth-4'] }))) as ExtractedCalls;
    assert.equal(extracted.calls, 1);
    assert.ok(extracted.text.includes('Call-ID: same-auth-4') && !extracted.text.includes('same-busy'), 'only that call is cut out');

    const lineCount = text.split('\r\n').length;
    let hovers = 0;
    for (let line = 0; line < lineCount; line += 3) {
      const position = { line, character: 2 };
      const hover = await same(`hover on line ${line}`, (uri) => ask(uri, HoverRequest.method, { position }));
      if (hover) hovers++;
      if (line % 9 !== 0) continue;
      await same(`definition on line ${line}`, (uri) => ask(uri, DefinitionRequest.method, { position }));
      await same(`references on line ${line}`, (uri) => ask(uri, ReferencesRequest.method, { position, context: { includeDeclaration: true } }));
      await same(`highlights on line ${line}`, (uri) => ask(uri, DocumentHighlightRequest.method, { position }));
    }
    assert.ok(hovers > lineCount / 6, `most lines have a hover (${hovers})`);
    assert.deepEqual(asked.uris, [], 'the file was read as the editor holds it');
    await client.close(byUri.uri);
    await client.close(byText.uri);
  });

  it('reads a file of mixed line endings as the editor holds it: made one kind', async () => {
    // As SIPp writes: CRLF inside the messages, LF around them (a marker line before each).
    const crlfText = copiesOfRaw(4, 'mixed');
    const mixed = crlfText.replace(/(^|\r\n\r\n)(INVITE|ACK|OPTIONS|SIP\/2\.0)/g, (_, gap: string, start: string) => `${gap}# marker\n${start}`);
    assert.ok(mixed.includes('\n# marker\n') || mixed.startsWith('# marker\n'));
    const editor = editorTextOf(mixed);
    assert.equal(editor.eol, '\r\n', 'most breaks are CRLF');
    const byUri = writeTrace('mixed.sip', mixed);
    const byText = writeTrace('mixed-text.sip', editor.text);
    const [fromFile, fromText] = await Promise.all([openByUri(client, announcement(byUri.path, mixed)), openText(client, byText.uri, editor.text, 1)]);
    assert.equal(fromFile.diagnostics.length, 12);
    assert.deepEqual(fromFile, as(fromText, byText.uri, byUri.uri));
    const extract = (uri: string): Promise<ExtractedCalls> => client.requestByName<ExtractedCalls>('sipLens/extractCalls', { uri, callIds: ['mixed-busy-1'] });
    const [cutFromFile, cutFromText] = await Promise.all([extract(byUri.uri), extract(byText.uri)]);
    assert.deepEqual(cutFromFile, cutFromText, 'the calls are cut from the editor\'s text');
    assert.ok(!/[^\r]\n/.test(cutFromFile.text), 'with its line breaks');
    assert.deepEqual(asked.uris, []);
    await client.close(byUri.uri);
    await client.close(byText.uri);
  });

  it('applies the editor\'s changes to the file\'s text, edit after edit: the text is never sent', async () => {
    const text = copiesOfRaw(2, 'edit');
    const file = writeTrace('edit.sip', text);
    assert.equal((await openByUri(client, announcement(file.path, text))).diagnostics.length, 6);
    // The last copy's 486 becomes a 600; then a third copy is added at the end.
    const lines = text.split('\r\n');
    const busyLine = lines.lastIndexOf('SIP/2.0 486 Busy Here');
    const first: FileChange = { range: { start: { line: busyLine, character: 8 }, end: { line: busyLine, character: 21 } }, text: '600 Busy Everywhere' };
    const afterFirst = applied(text, [first]);
    const end = { line: lines.length - 1, character: lines[lines.length - 1]!.length };
    const second: FileChange = { range: { start: end, end }, text: '\r\n' + copiesOfRaw(1, 'added') };
    const afterSecond = applied(afterFirst, [second]);
    for (const [version, change, edited] of [[2, first, afterFirst], [3, second, afterSecond]] as const) {
      const published = client.waitForDiagnostics(file.uri, (p) => p.version === version);
      await client.connection.sendNotification('sipLens/didChangeFile', changeOf(file.uri, version, [change], edited));
      const fromEdits = await published;
      // The same text sent in full, as another document: the same answers.
      const twin = fileUri(join(dir, `edit-twin-${version}.sip`));
      assert.deepEqual(fromEdits, as(await openText(client, twin, edited, version), twin, file.uri), `version ${version}`);
      await client.close(twin);
    }
    const hover = await client.hoverText(file.uri, busyLine);
    assert.match(hover ?? '', /600/, 'the edited line is what was analysed');
    // The analysis is of the editor's text; the file on disk is untouched.
    assert.equal((await client.requestByName<Summary>('sipLens/summary', { uri: file.uri })).calls.length, 6);
    assert.equal(readFileSync(file.path, 'utf8'), text);
    assert.deepEqual(asked.uris, []);
    await client.close(file.uri);
  });

  it('asks for the text when the edited file is not the editor\'s text, or the edits are too many', async () => {
    const text = copiesOfRaw(1, 'badedit');
    const file = writeTrace('bad-edit.sip', text);
    await openByUri(client, announcement(file.path, text));
    const change: FileChange = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' };
    const wanted = asked.next(file.uri);
    // The editor says its text is one character longer than the change makes it.
    await client.connection.sendNotification('sipLens/didChangeFile', { ...changeOf(file.uri, 2, [change], applied(text, [change])), length: text.length + 2 });
    await wanted;
    // It carries on as a text document.
    const twin = fileUri(join(dir, 'bad-edit-twin.sip'));
    const expected = as(await openText(client, twin, applied(text, [change]), 2), twin, file.uri);
    assert.deepEqual(await openText(client, file.uri, applied(text, [change]), 2), expected);
    await client.close(twin);
    await client.close(file.uri);

    const many = writeTrace('many-edits.sip', text);
    await openByUri(client, announcement(many.path, text));
    const manyWanted = asked.next(many.uri);
    const changes = Array.from({ length: 2001 }, () => change);
    await client.connection.sendNotification('sipLens/didChangeFile', changeOf(many.uri, 2, changes, applied(text, changes)));
    await manyWanted;
    await client.close(many.uri);
  });

  for (const order of ['the save\'s announcement first', 'the next change first'] as const) {
    it(`after a save, announced again, reads the saved file and applies only the changes after it (${order})`, async () => {
      const tag = order.startsWith('the save') ? 'save' : 'race';
      const text = copiesOfRaw(2, tag);
      const file = writeTrace(`${tag}.sip`, text);
      await openByUri(client, announcement(file.path, text));
      const busyLine = text.split('\r\n').lastIndexOf('SIP/2.0 486 Busy Here');
      // An edit that would not fit twice: a header line added under the 486. Applied again on top
      // of the saved file, it would make a text longer than the editor's, and the text would be asked for.
      const note: FileChange = { range: { start: { line: busyLine + 1, character: 0 }, end: { line: busyLine + 1, character: 0 } }, text: 'Subject: saved\r\n' };
      const saved = applied(text, [note]);
      const v2 = client.waitForDiagnostics(file.uri, (p) => p.version === 2);
      await client.connection.sendNotification('sipLens/didChangeFile', changeOf(file.uri, 2, [note], saved));
      await v2;
      // Saved: the file holds the edit, and is announced again (version 2). The next change may come before that.
      writeFileSync(file.path, saved);
      const code: FileChange = { range: { start: { line: busyLine, character: 8 }, end: { line: busyLine, character: 11 } }, text: '603' };
      const later = applied(saved, [code]);
      const v3 = client.waitForDiagnostics(file.uri, (p) => p.version === 3);
      const announce = () => client.connection.sendNotification('sipLens/didOpenFile', announcement(file.path, saved, 2));
      const change = () => client.connection.sendNotification('sipLens/didChangeFile', changeOf(file.uri, 3, [code], later));
      for (const send of tag === 'save' ? [announce, change] : [change, announce]) await send();
      const twin = fileUri(join(dir, `${tag}-twin.sip`));
      assert.deepEqual(await v3, as(await openText(client, twin, later, 3), twin, file.uri));
      await client.close(twin);
      assert.deepEqual(asked.uris.filter((u) => u === file.uri), []);
      await client.close(file.uri);
    });
  }

  for (const [name, setUp] of [
    [
      'the file changed on disk after it was announced',
      (path: string, text: string): DidOpenFileParams => {
        const params = announcement(path, text);
        appendFileSync(path, '\r\n');
        return params;
      },
    ],
    ['another length than the editor\'s', (path: string, text: string): DidOpenFileParams => ({ ...announcement(path, text), length: text.length - 1 })],
    ['another line count than the editor\'s', (path: string, text: string): DidOpenFileParams => ({ ...announcement(path, text), lineCount: 2 })],
    ['an encoding read only by the editor', (path: string, text: string): DidOpenFileParams => announcement(path, text, 1, 'windows1252')],
    [
      'a UTF-8 BOM the editor would have reported',
      (path: string, text: string): DidOpenFileParams => {
        writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
        return { ...announcement(path, text), size: statSync(path).size, mtimeMs: statSync(path).mtimeMs };
      },
    ],
  ] as const) {
    it(`asks for the text when the file is not what the editor holds: ${name}`, async () => {
      const text = copiesOfRaw(1, 'mismatch');
      const file = writeTrace(`mismatch-${asked.uris.length}.sip`, text);
      const params = setUp(file.path, text);
      const wanted = asked.next(file.uri);
      let published = false;
      const early = client.waitForDiagnostics(file.uri).then(() => (published = true), () => undefined);
      await client.connection.sendNotification('sipLens/didOpenFile', params);
      await wanted;
      assert.equal(published, false, 'nothing is published from a file that is not the editor\'s');
      assert.equal(await client.hoverText(file.uri, 0), undefined, 'no answers from it either');
      // The client answers with the text; the document carries on as a text document.
      const diagnostics = await openText(client, file.uri, text, 1);
      assert.equal(diagnostics.diagnostics.length, 3);
      assert.match((await client.hoverText(file.uri, rawTrace().lines.busy486!)) ?? '', /486/);
      await client.close(file.uri);
      await early;
    });
  }

  it('asks for the text when a change arrives for a document it has only by URI', async () => {
    const text = copiesOfRaw(1, 'blind');
    const file = writeTrace('blind.sip', text);
    await openByUri(client, announcement(file.path, text));
    const wanted = asked.next(file.uri);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: file.uri, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }],
    });
    await wanted;
    await client.close(file.uri);
  });

  it('closes: diagnostics cleared, its worker stopped, no more answers; it opens again', async () => {
    const text = copiesOfRaw(2, 'close');
    const file = writeTrace('close.sip', text);
    const before = await settledThreads(client);
    await openByUri(client, announcement(file.path, text));
    assert.ok(threadsOf(client) > before, 'a worker keeps the analysis');
    await client.close(file.uri);
    await eventually('the worker stopped', () => threadsOf(client) <= before);
    assert.equal(await client.hoverText(file.uri, rawTrace().lines.busy486!), undefined);
    // Closed, it is a file like any other: read from disk.
    assert.equal((await client.requestByName<Summary>('sipLens/summary', { uri: file.uri })).calls.length, 4);
    assert.equal((await openByUri(client, announcement(file.path, text))).diagnostics.length, 6);
    await client.close(file.uri);
  });
});
