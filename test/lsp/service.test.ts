// Protocol tests of the server's behaviour around the features: settings, files read from disk,
// closed documents, notices, the worker thread, progress and robustness.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CodeLensRequest,
  DiagnosticSeverity,
  DocumentSymbolRequest,
  HoverRequest,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import type { CallFlow, Summary } from '../../server/src/protocol';
import { fileUri, messageOf, rejection, TestClient } from './client';
import { asteriskTrace, rawTrace, sippTrace } from './traces';

const dir = mkdtempSync(join(tmpdir(), 'sip-lens-lsp-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('settings', () => {
  let client: TestClient;
  const raw = rawTrace();
  const uri = 'untitled:settings.sip';

  before(async () => {
    client = await TestClient.start({ settings: { diagnostics: { severity: { 'no-final': 'error' } } } });
  });
  after(() => client.stop());

  it('reads sipLens settings through workspace/configuration, and re-publishes when they change', async () => {
    const first = await client.open(uri, raw.text);
    assert.ok(first.diagnostics.some((d) => d.range.start.line === raw.lines.busy486), 'the 486 is reported');

    const withoutBusy = client.waitForDiagnostics(uri, (p) => !p.diagnostics.some((d) => d.range.start.line === raw.lines.busy486));
    await client.changeSettings({ diagnostics: { ignoreCodes: [486] } });
    const second = await withoutBusy;
    assert.ok(second.diagnostics.some((d) => d.code === 'route-blocked'), 'other diagnostics stay');

    const offAndHint = client.waitForDiagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'route-blocked'));
    await client.changeSettings({ diagnostics: { severity: { 'route-blocked': 'off', 'error-final': 'hint' } } });
    const third = await offAndHint;
    const busy = third.diagnostics.find((d) => d.range.start.line === raw.lines.busy486);
    assert.equal(busy?.severity, DiagnosticSeverity.Hint);
  });

  it('applies severities from the settings read at start', async () => {
    const asterisk = asteriskTrace();
    const other = await TestClient.start({ settings: { diagnostics: { severity: { 'no-final': 'error' } } } });
    try {
      const { diagnostics } = await other.open('untitled:severity.log', asterisk.text);
      const noFinal = diagnostics.find((d) => d.code === 'no-final');
      assert.equal(noFinal?.severity, DiagnosticSeverity.Error);
    } finally {
      await other.stop();
    }
  });

  it('turns code lenses off with sipLens.codeLens.enabled', async () => {
    const refreshed = client.waitForDiagnostics(uri);
    await client.changeSettings({ codeLens: { enabled: false } });
    await refreshed;
    assert.deepEqual(await client.request(CodeLensRequest.type, { textDocument: { uri } }), []);
    const back = client.waitForDiagnostics(uri);
    await client.changeSettings({});
    await back;
    assert.equal((await client.request(CodeLensRequest.type, { textDocument: { uri } }))?.length, 2);
  });

  it('passes localAddresses to the analysis (ladder lanes follow them)', async () => {
    const sngrep = [
      '2026/11/21 10:00:00.000000 10.0.0.9:5060 -> 10.0.0.1:5060',
      'INVITE sip:2002@10.0.0.1 SIP/2.0',
      'Via: SIP/2.0/UDP 10.0.0.9:5060;branch=z9hG4bKng1',
      'From: <sip:1001@10.0.0.9>;tag=n1',
      'To: <sip:2002@10.0.0.1>',
      'Call-ID: ngrep-1',
      'CSeq: 1 INVITE',
      'Content-Length: 0',
      '',
      '2026/11/21 10:00:00.100000 10.0.0.1:5060 -> 10.0.0.9:5060',
      'SIP/2.0 486 Busy Here',
      'Via: SIP/2.0/UDP 10.0.0.9:5060;branch=z9hG4bKng1',
      'From: <sip:1001@10.0.0.9>;tag=n1',
      'To: <sip:2002@10.0.0.1>;tag=n2',
      'Call-ID: ngrep-1',
      'CSeq: 1 INVITE',
      'Content-Length: 0',
      '',
    ].join('\n');
    const sngrepUri = 'untitled:local.txt';
    await client.open(sngrepUri, sngrep);
    let flow = await client.requestByName<CallFlow>('sipLens/callFlow', { uri: sngrepUri, callId: 'ngrep-1' });
    assert.deepEqual(
      flow.parties.map((p) => [p.id, p.local]),
      [
        ['10.0.0.9:5060', true],
        ['10.0.0.1:5060', false],
      ],
      'without settings the caller is local',
    );
    let summary = await client.requestByName<Summary>('sipLens/summary', { uri: sngrepUri });
    assert.equal(summary.calls[0].outgoing, true);

    const reanalysed = client.waitForDiagnostics(sngrepUri);
    await client.changeSettings({ localAddresses: ['10.0.0.1:5060'] });
    await reanalysed;
    flow = await client.requestByName<CallFlow>('sipLens/callFlow', { uri: sngrepUri, callId: 'ngrep-1' });
    assert.deepEqual(
      flow.parties.map((p) => [p.id, p.local]),
      [
        ['10.0.0.9:5060', false],
        ['10.0.0.1:5060', true],
      ],
    );
    summary = await client.requestByName<Summary>('sipLens/summary', { uri: sngrepUri });
    assert.equal(summary.calls[0].outgoing, false, 'the analysis now sees an incoming call');
    await client.close(sngrepUri);
  });
});

describe('a client without workspace/configuration', () => {
  it('falls back to the default settings', async () => {
    const client = await TestClient.start({ configuration: false });
    try {
      const raw = rawTrace();
      const { diagnostics } = await client.open('untitled:defaults.sip', raw.text);
      const codes = diagnostics.map((d) => `${d.range.start.line}:${d.code}:${d.severity}`);
      assert.deepEqual(codes, [
        `${raw.lines.busy486}:error-final:${DiagnosticSeverity.Warning}`,
        `${raw.lines.auth903}:route-blocked:${DiagnosticSeverity.Error}`,
        `${raw.lines.options404}:error-final:${DiagnosticSeverity.Warning}`,
      ]);
      // Settings pushed with didChangeConfiguration still apply.
      const changed = client.waitForDiagnostics('untitled:defaults.sip', (p) => p.diagnostics.length === 2);
      await client.changeSettings({ diagnostics: { ignoreCodes: [404] } });
      await changed;
    } finally {
      await client.stop();
    }
  });
});

describe('files that are not open', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(async () => {
    assert.deepEqual(client.errors(), []);
    await client.stop();
  });

  it('serves sipLens/summary and sipLens/callFlow from disk, and notices when the file changes', async () => {
    const path = join(dir, 'on-disk.sip');
    writeFileSync(path, rawTrace().text);
    const uri = fileUri(path);
    const summary = await client.requestByName<Summary>('sipLens/summary', { uri });
    assert.equal(summary.messages, 13);
    assert.deepEqual(
      summary.calls.map((c) => c.outcome),
      ['busy', 'route-blocked'],
    );
    const flow = await client.requestByName<CallFlow>('sipLens/callFlow', { uri, callId: 'auth-1' });
    assert.equal(flow.arrows.length, 6);

    writeFileSync(path, sippTrace().text);
    const later = new Date(Date.now() + 5000);
    utimesSync(path, later, later);
    const changed = await client.requestByName<Summary>('sipLens/summary', { uri });
    assert.equal(changed.format, 'sipp');
    assert.deepEqual(
      changed.calls.map((c) => c.outcome),
      ['answered'],
    );
  });

  it('answers a missing file with a clear request error', async () => {
    const path = join(dir, 'missing.sip');
    const error = await rejection(client.requestByName('sipLens/summary', { uri: fileUri(path) }));
    assert.match(error.message, /not found/i);
    assert.ok(error.message.includes(path), error.message);
    const flowError = await rejection(client.requestByName('sipLens/callFlow', { uri: fileUri(path), callId: 'x' }));
    assert.match(flowError.message, /not found/i);
  });

  it('reads a capture cut short as far as it goes, with a notice, not a crash', async () => {
    // A pcap file header (byte order swapped) and then zeros: empty frames, the last one cut.
    const path = join(dir, 'capture.pcap');
    const bytes = Buffer.alloc(64);
    bytes.writeUInt32BE(0xd4c3b2a1, 0);
    writeFileSync(path, bytes);
    const summary = await client.requestByName<Summary>('sipLens/summary', { uri: fileUri(path) });
    assert.equal(summary.format, 'pcap');
    assert.equal(summary.messages, 0);
    assert.ok(summary.notices.some((n) => /capture ends/i.test(n)), summary.notices.join(' | '));
  });

  it('reads a UTF-16 file from disk', async () => {
    const path = join(dir, 'utf16.sip');
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rawTrace().text, 'utf16le')]));
    const summary = await client.requestByName<Summary>('sipLens/summary', { uri: fileUri(path) });
    assert.equal(summary.calls.length, 2);
    assert.ok(summary.notices.some((n) => /UTF-16/.test(n)));
  });

  it('rejects URIs that are not files', async () => {
    const error = await rejection(client.requestByName('sipLens/summary', { uri: 'untitled:never-opened' }));
    assert.match(error.message, /not open/);
  });
});

describe('open, closed and odd documents', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(async () => {
    assert.deepEqual(client.errors(), []);
    await client.stop();
  });

  it('answers requests for a closed document cleanly', async () => {
    const uri = fileUri(join(dir, 'closed-and-gone.sip'));
    await client.open(uri, rawTrace().text);
    await client.close(uri);
    const hover = await client.request(HoverRequest.type, { textDocument: { uri }, position: { line: 27, character: 1 } });
    assert.equal(hover, null);
    assert.deepEqual(await client.request(DocumentSymbolRequest.type, { textDocument: { uri } }), []);
    assert.deepEqual(await client.request(CodeLensRequest.type, { textDocument: { uri } }), []);
    // Not open any more, and not on disk either: a clear error, and the server carries on.
    const error = await rejection(client.requestByName('sipLens/summary', { uri }));
    assert.match(error.message, /not found/i);
    const again = await client.open(uri, rawTrace().text);
    assert.equal(again.diagnostics.length, 3);
    await client.close(uri);
  });

  it('names the problem of a malformed message', async () => {
    const text = [
      'INVITE sip:2002@10.0.0.2 SIP/2.0',
      'Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKbad',
      'From: <sip:1001@10.0.0.1>;tag=b1',
      'To: <sip:2002@10.0.0.2>',
      'CSeq: 1 INVITE',
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
    const { diagnostics } = await client.open('untitled:malformed.sip', text);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].code, 'malformed');
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Error);
    assert.equal(diagnostics[0].range.start.line, 0);
    assert.match(messageOf(diagnostics[0]), /Call-ID/);
  });

  it('reports a binary document with one diagnostic at line 0', async () => {
    const text = '\u0000\u0001\u0002binary\u0000\u0000\u0000\u0003\u0004'.repeat(40);
    const { diagnostics } = await client.open('untitled:binary.sip', text);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].code, 'unreadable');
    assert.equal(diagnostics[0].range.start.line, 0);
    assert.match(messageOf(diagnostics[0]), /binary/i);
  });

  it('gives an empty document no diagnostics about calls', async () => {
    const { diagnostics } = await client.open('untitled:empty.sip', '');
    assert.deepEqual(diagnostics, []);
    const summary = await client.requestByName<Summary>('sipLens/summary', { uri: 'untitled:empty.sip' });
    assert.deepEqual(summary.calls, []);
  });
});

describe('big documents', () => {
  let client: TestClient;
  before(async () => {
    // Every document goes to the worker thread, and progress shows at once.
    client = await TestClient.start({ env: { SIP_LENS_WORKER_THRESHOLD: '1', SIP_LENS_PROGRESS_DELAY_MS: '0' } });
  });
  after(async () => {
    assert.deepEqual(client.errors(), []);
    const fallbacks = client.logs.filter((l) => /worker failed/.test(l.message));
    assert.deepEqual(fallbacks, [], 'the worker did the work');
    await client.stop();
  });

  it('analyses in a worker with the same results, and reports progress', async () => {
    const raw = rawTrace();
    const uri = 'untitled:worker.sip';
    const { diagnostics } = await client.open(uri, raw.text);
    assert.deepEqual(
      diagnostics.map((d) => [d.range.start.line, d.code]),
      [
        [raw.lines.busy486, 'error-final'],
        [raw.lines.auth903, 'route-blocked'],
        [raw.lines.options404, 'error-final'],
      ],
    );
    // Headers are parsed again on demand after the transfer from the worker.
    const hover = await client.request(HoverRequest.type, {
      textDocument: { uri },
      position: { line: raw.lines.busy486 + 4, character: 1 },
    });
    assert.match((hover?.contents as MarkupContent).value, /Call-ID/);
    const begin = await client.waitForProgress('begin');
    await client.waitForProgress('end');
    assert.ok(client.progressTokens.includes(begin.token), 'progress was created by the server first');
    assert.match(String((begin.value as { title?: string }).title), /Analysing/);
  });

  it('lets a newer version replace a running analysis', async () => {
    const raw = rawTrace();
    const uri = 'untitled:replaced.sip';
    const many = Array.from({ length: 300 }, (_, i) => raw.text.replaceAll('busy-1', `busy-${i}`)).join('\r\n');
    const opened = client.waitForDiagnostics(uri, (p) => p.version === 2);
    await client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'sip-trace', version: 1, text: many },
    });
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: sippTrace().text }],
    });
    const latest = await opened;
    assert.deepEqual(latest.diagnostics, []);
    const summary = await client.requestByName<Summary>('sipLens/summary', { uri });
    assert.equal(summary.format, 'sipp');
  });

  it('serves a big file from disk through the worker, and notices when it changes', async () => {
    const path = join(dir, 'big.sip');
    const uri = fileUri(path);
    writeFileSync(path, rawTrace().text);
    const summary = await client.requestByName<Summary>('sipLens/summary', { uri });
    assert.equal(summary.calls.length, 2);
    const flow = await client.requestByName<CallFlow>('sipLens/callFlow', { uri, callId: 'busy-1' });
    assert.equal(flow.arrows.length, 5);
    assert.equal(await client.requestByName('sipLens/callFlow', { uri, callId: 'nope' }), null);

    writeFileSync(path, sippTrace().text);
    const later = new Date(Date.now() + 5000);
    utimesSync(path, later, later);
    const changed = await client.requestByName<Summary>('sipLens/summary', { uri });
    assert.deepEqual(
      changed.calls.map((c) => c.outcome),
      ['answered'],
    );
    const missing = await rejection(client.requestByName('sipLens/summary', { uri: fileUri(join(dir, 'gone.sip')) }));
    assert.match(missing.message, /not found/i);
  });
});
