// Protocol tests of every capability, against the built server over stdio.
// Run `npm run build` first; then `node --import tsx --test test/lsp/*.test.ts`.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CodeLensRequest,
  DefinitionRequest,
  type Diagnostic,
  DiagnosticSeverity,
  DocumentHighlightRequest,
  type DocumentSymbol,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  type Location,
  ReferencesRequest,
} from 'vscode-languageserver-protocol/node';
import type { CallFlow, Summary } from '../../server/src/protocol';
import { messageOf, TestClient } from './client';
import { asteriskTrace, rawTrace, sippTrace } from './traces';

const RAW = 'untitled:raw.sip';
const ASTERISK = 'untitled:asterisk.log';
const SIPP = 'untitled:sipp.siptrace';

function at(diagnostics: Diagnostic[], line: number): Diagnostic[] {
  return diagnostics.filter((d) => d.range.start.line === line);
}

function lineText(text: string, line: number): string {
  return text.split('\n')[line].replace(/\r$/, '');
}

describe('language server features', () => {
  let client: TestClient;
  const raw = rawTrace();
  const asterisk = asteriskTrace();
  const sipp = sippTrace();
  const published = new Map<string, Diagnostic[]>();

  before(async () => {
    client = await TestClient.start();
    published.set(RAW, (await client.open(RAW, raw.text)).diagnostics);
    published.set(ASTERISK, (await client.open(ASTERISK, asterisk.text, 'log')).diagnostics);
    published.set(SIPP, (await client.open(SIPP, sipp.text)).diagnostics);
  });

  after(async () => {
    assert.deepEqual(client.errors(), [], 'the server logged no errors');
    await client.stop();
  });

  it('announces its capabilities', () => {
    const caps = client.initializeResult.capabilities;
    assert.ok(caps.textDocumentSync, 'text document sync');
    assert.ok(caps.hoverProvider);
    assert.ok(caps.documentSymbolProvider);
    assert.ok(caps.foldingRangeProvider);
    assert.ok(caps.definitionProvider);
    assert.ok(caps.referencesProvider);
    assert.ok(caps.documentHighlightProvider);
    assert.ok(caps.codeLensProvider);
  });

  describe('diagnostics', () => {
    it('flags a 9xx as route-blocked (Error) from the first SIP character to the end of the line', () => {
      const diagnostics = published.get(ASTERISK)!;
      const line = asterisk.lines.blocked909;
      const [blocked, ...others] = at(diagnostics, line);
      assert.equal(others.length, 0, 'one diagnostic per message');
      assert.equal(blocked.code, 'route-blocked');
      assert.equal(blocked.source, 'sip-lens');
      assert.equal(blocked.severity, DiagnosticSeverity.Error);
      assert.equal(blocked.range.start.character, asterisk.prefix.length, 'starts after the log prefix');
      assert.equal(blocked.range.end.line, line);
      assert.equal(blocked.range.end.character, lineText(asterisk.text, line).length);
      assert.match(messageOf(blocked), /allowed directions/);
      assert.match(messageOf(blocked), /not the carrier/);
      const related = blocked.relatedInformation ?? [];
      assert.ok(related.some((r) => r.location.range.start.line === asterisk.lines.blockedInvite), 'points to the first INVITE');
    });

    it('flags a 9xx in a raw trace, never also as error-final', () => {
      const found = at(published.get(RAW)!, raw.lines.auth903);
      assert.deepEqual(
        found.map((d) => d.code),
        ['route-blocked'],
      );
      assert.equal(found[0].range.start.character, 0);
      const related = found[0].relatedInformation ?? [];
      assert.ok(related.some((r) => r.location.range.start.line === raw.lines.authInvite), 'the call’s first INVITE');
      assert.ok(related.some((r) => r.location.range.start.line === raw.lines.authInvite2), 'the request it answers');
    });

    it('flags a 486 as error-final (Warning) pointing to the first INVITE', () => {
      const [busy, ...others] = at(published.get(RAW)!, raw.lines.busy486);
      assert.equal(others.length, 0);
      assert.equal(busy.code, 'error-final');
      assert.equal(busy.severity, DiagnosticSeverity.Warning);
      assert.equal(busy.range.start.character, 0);
      assert.equal(busy.range.end.character, 'SIP/2.0 486 Busy Here'.length);
      assert.equal(busy.relatedInformation?.[0].location.range.start.line, raw.lines.busyInvite);
      assert.equal(busy.relatedInformation?.[0].location.uri, RAW);
    });

    it('leaves a 407 that was retried with credentials alone', () => {
      assert.deepEqual(at(published.get(RAW)!, raw.lines.auth407), []);
    });

    it('flags error finals of transactions outside calls', () => {
      const [notFound] = at(published.get(RAW)!, raw.lines.options404);
      assert.equal(notFound?.code, 'error-final');
    });

    it('puts no-final on the INVITE of a call that only got 100 Trying', () => {
      const [silent, ...others] = at(published.get(ASTERISK)!, asterisk.lines.silentInvite);
      assert.equal(others.length, 0);
      assert.equal(silent.code, 'no-final');
      assert.equal(silent.severity, DiagnosticSeverity.Warning);
      assert.equal(silent.range.start.character, asterisk.prefix.length);
    });

    it('says nothing about an answered call, provisionals or retransmissions', () => {
      assert.deepEqual(published.get(SIPP), []);
      assert.deepEqual(at(published.get(RAW)!, raw.lines.busyTrying), []);
      assert.deepEqual(at(published.get(RAW)!, raw.lines.busyRinging), []);
    });

    it('gives every diagnostic the sip-lens source and a contract code', () => {
      for (const diagnostics of published.values()) {
        for (const d of diagnostics) {
          assert.equal(d.source, 'sip-lens');
          assert.ok(['route-blocked', 'error-final', 'no-final', 'malformed'].includes(String(d.code)), String(d.code));
        }
      }
    });
  });

  describe('hover', () => {
    it('explains a 486 with the call outcome as its vocabulary word', async () => {
      const text = await client.hoverText(RAW, raw.lines.busy486, 12);
      assert.ok(text);
      assert.match(text, /486 Busy Here/);
      assert.match(text, /`busy`/);
      assert.match(text, /final/);
      assert.match(text, /INVITE/);
      assert.match(text, /CSeq 1/);
      assert.match(text, /Q\.850 17/);
      assert.match(text, /What to do next/);
      assert.match(text, /rfc-editor\.org\/rfc\/rfc3261/);
    });

    it('works anywhere on the start line, log prefix included', async () => {
      const text = await client.hoverText(ASTERISK, asterisk.lines.blocked909, 3);
      assert.ok(text);
      assert.match(text, /909/);
      assert.match(text, /`route-blocked`/);
    });

    it('tells a provisional response from a final one', async () => {
      const text = await client.hoverText(RAW, raw.lines.busyRinging);
      assert.match(text ?? '', /provisional/);
    });

    it('gives the time since the INVITE where the trace has times', async () => {
      const text = await client.hoverText(SIPP, sipp.lines.ok);
      assert.match(text ?? '', /3\.0 s after the first INVITE/);
      assert.match(text ?? '', /`answered`/);
    });

    it('explains a request line and where its transaction ended', async () => {
      const text = await client.hoverText(RAW, raw.lines.busyInvite);
      assert.ok(text);
      assert.match(text, /\*\*INVITE\*\*/);
      assert.match(text, /486 Busy Here/);
    });

    it('marks a retried 407 as normal flow', async () => {
      const text = await client.hoverText(RAW, raw.lines.auth407);
      assert.match(text ?? '', /retried with credentials/);
    });

    it('explains well-known headers', async () => {
      const callId = await client.hoverText(RAW, raw.lines.busy486 + 4);
      assert.match(callId ?? '', /Call-ID/);
      assert.match(callId ?? '', /`busy`/);
      const cseq = await client.hoverText(RAW, raw.lines.busy486 + 5);
      assert.match(cseq ?? '', /CSeq/);
    });

    it('has nothing to say between messages', async () => {
      assert.equal(await client.hoverText(RAW, raw.lines.busyTrying - 1), undefined);
    });
  });

  it('lists calls and transactions as document symbols', async () => {
    const symbols = (await client.request(DocumentSymbolRequest.type, { textDocument: { uri: RAW } })) as DocumentSymbol[];
    const names = symbols.map((s) => s.name);
    assert.ok(names.includes('busy · 1001 → 2002'), names.join(', '));
    assert.ok(names.includes('route-blocked · 1001 → 0049301234'), names.join(', '));
    assert.ok(names.some((n) => n.startsWith('OPTIONS')), names.join(', '));
    const busy = symbols.find((s) => s.name === 'busy · 1001 → 2002')!;
    assert.equal(busy.children?.length, 5);
    assert.equal(busy.selectionRange.start.line, raw.lines.busyInvite);
    for (const child of busy.children ?? []) {
      assert.ok(child.range.start.line >= busy.range.start.line && child.range.end.line <= busy.range.end.line);
    }
  });

  it('folds each message', async () => {
    const ranges = await client.request(FoldingRangeRequest.type, { textDocument: { uri: RAW } });
    assert.equal(ranges?.length, 13);
    const busy = ranges?.find((r) => r.startLine === raw.lines.busy486);
    assert.ok(busy && busy.endLine > busy.startLine);
  });

  it('goes from any line of a message to its call’s first INVITE', async () => {
    const location = (await client.request(DefinitionRequest.type, {
      textDocument: { uri: RAW },
      position: { line: raw.lines.busy486 + 3, character: 1 },
    })) as Location;
    assert.equal(location.uri, RAW);
    assert.equal(location.range.start.line, raw.lines.busyInvite);
    const retry = (await client.request(DefinitionRequest.type, {
      textDocument: { uri: RAW },
      position: { line: raw.lines.auth903, character: 0 },
    })) as Location;
    assert.equal(retry.range.start.line, raw.lines.authInvite);
  });

  it('finds every message of a Call-ID as references and highlights', async () => {
    const position = { line: raw.lines.busy486 + 4, character: 12 };
    const references = await client.request(ReferencesRequest.type, {
      textDocument: { uri: RAW },
      position,
      context: { includeDeclaration: true },
    });
    assert.equal(references?.length, 5);
    const starts = [raw.lines.busyInvite, raw.lines.busyTrying, raw.lines.busyRinging, raw.lines.busy486, raw.lines.busyAck];
    assert.deepEqual(
      references?.map((r) => r.range.start.line),
      starts.map((s) => s + 4),
      'each on its Call-ID line',
    );
    const fromAnywhere = await client.request(ReferencesRequest.type, {
      textDocument: { uri: RAW },
      position: { line: raw.lines.busyTrying, character: 0 },
      context: { includeDeclaration: true },
    });
    assert.equal(fromAnywhere?.length, 5);
    const highlights = await client.request(DocumentHighlightRequest.type, { textDocument: { uri: RAW }, position });
    assert.equal(highlights?.length, 5);
    assert.equal(highlights?.[0].range.start.character, 'Call-ID: '.length);
  });

  it('shows a code lens above each call’s first INVITE', async () => {
    const lenses = await client.request(CodeLensRequest.type, { textDocument: { uri: RAW } });
    assert.equal(lenses?.length, 2);
    const busy = lenses?.find((l) => l.range.start.line === raw.lines.busyInvite);
    assert.ok(busy?.command);
    assert.match(busy.command.title, /^busy · 486 Busy Here/);
    assert.equal(busy.command.command, 'sipLens.showCallFlow');
    assert.deepEqual(busy.command.arguments, [RAW, 'busy-1']);
    const [answered] = (await client.request(CodeLensRequest.type, { textDocument: { uri: SIPP } })) ?? [];
    assert.equal(answered?.command?.title, 'answered · 200 OK · 30.5 s · ended by remote');

    // VS Code draws `$(name)` in a lens title as an icon: a reason phrase from the trace stays text.
    const iconUri = 'untitled:icons.sip';
    const dialog = ['Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKicon', 'From: <sip:1@10.0.0.1>;tag=i1', 'To: <sip:2@10.0.0.2>', 'Call-ID: icon-1', 'CSeq: 1 INVITE'];
    const iconTrace = [
      'INVITE sip:2@10.0.0.2 SIP/2.0', ...dialog, 'Content-Length: 0', '',
      'SIP/2.0 486 Busy $(alert) Here $(sync~spin)', ...dialog.map((h) => (h.startsWith('To:') ? `${h};tag=i2` : h)), 'Content-Length: 0', '',
    ].join('\r\n');
    await client.open(iconUri, iconTrace);
    const [iconLens] = (await client.request(CodeLensRequest.type, { textDocument: { uri: iconUri } })) ?? [];
    const title = iconLens?.command?.title ?? '';
    assert.match(title, /^busy · 486 Busy/);
    assert.doesNotMatch(title, /\$\([A-Za-z0-9-]+(?:~[A-Za-z0-9-]+)?\)/, `no icon syntax left in "${title}"`);
    assert.equal(title.replace(/\u200B/g, '').split(' · ')[1], '486 Busy $(alert) Here $(sync~spin)', 'the reason still reads as written');
    await client.close(iconUri);
  });

  it('answers sipLens/summary for an open document', async () => {
    const summary = await client.requestByName<Summary>('sipLens/summary', { uri: RAW });
    assert.equal(summary.format, 'raw');
    assert.equal(summary.messages, 13);
    assert.deepEqual(
      summary.calls.map((c) => [c.callId, c.outcome, c.finalStatus, c.startLine]),
      [
        ['busy-1', 'busy', 486, raw.lines.busyInvite],
        ['auth-1', 'route-blocked', 903, raw.lines.authInvite],
      ],
    );
    assert.equal(summary.totals.busy, 1);
    assert.equal(summary.totals['route-blocked'], 1);
    assert.equal(summary.totals.answered, 0);
    assert.deepEqual(
      summary.transactions.map((t) => [t.method, t.finalStatus]),
      [['OPTIONS', 404]],
    );
  });

  it('answers sipLens/callFlow with lanes from the direction', async () => {
    const flow = await client.requestByName<CallFlow | null>('sipLens/callFlow', { uri: SIPP, callId: 'sipp-answered-1' });
    assert.ok(flow);
    assert.deepEqual(
      flow.parties.map((p) => [p.id, p.local]),
      [
        ['local', true],
        ['remote', false],
      ],
    );
    assert.equal(flow.arrows.length, 8);
    assert.deepEqual(flow.arrows[0], {
      from: 'local',
      to: 'remote',
      label: 'INVITE',
      kind: 'request',
      status: null,
      relativeMs: 0,
      line: sipp.lines.invite,
      retransmission: false,
      hasSdp: false,
      findings: [],
    });
    assert.equal(flow.arrows[1].retransmission, true);
    const bye = flow.arrows.find((a) => a.label === 'BYE');
    assert.deepEqual([bye?.from, bye?.to, bye?.relativeMs], ['remote', 'local', 33_500]);
  });

  it('answers sipLens/callFlow with caller/callee lanes where nothing is recorded', async () => {
    const flow = await client.requestByName<CallFlow | null>('sipLens/callFlow', { uri: RAW, callId: 'busy-1' });
    assert.deepEqual(
      flow?.parties.map((p) => p.id),
      ['caller', 'callee'],
    );
    assert.deepEqual(
      flow?.arrows.map((a) => `${a.from}>${a.to} ${a.label}`),
      ['caller>callee INVITE', 'callee>caller 100 Trying', 'callee>caller 180 Ringing', 'callee>caller 486 Busy Here', 'caller>callee ACK'],
    );
    assert.equal(await client.requestByName('sipLens/callFlow', { uri: RAW, callId: 'nope' }), null);
  });

  it('serves a new version after an edit', async () => {
    const uri = 'untitled:edited.sip';
    const first = await client.open(uri, raw.text);
    assert.ok(first.diagnostics.length > 0);
    const edited = raw.text.replace('SIP/2.0 486 Busy Here', 'SIP/2.0 200 OK');
    const second = await client.change(uri, edited);
    assert.deepEqual(at(second.diagnostics, raw.lines.busy486), []);
    const summary = await client.requestByName<Summary>('sipLens/summary', { uri });
    assert.equal(summary.calls[0].outcome, 'answered');
    await client.close(uri);
  });
});
