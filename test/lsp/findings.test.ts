// Findings through the built server: diagnostics with the finding's code beside the ★ ones, their
// related information, severities and slow-setup thresholds from settings, hovers that carry the
// finding and the verdict, and hovers on SDP lines.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { captureToText } from '../../server/src/analysis/capture';
import type { CallFlow, Summary } from '../../server/src/protocol';
import { messageOf, TestClient } from './client';

const FIXTURES = join(__dirname, '..', 'fixtures');

function fixture(name: string): { uri: string; text: string; lines: string[] } {
  const text = readFileSync(join(FIXTURES, name), 'utf8');
  return { uri: `untitled:${name.replace(/\//g, '-')}`, text, lines: text.split('\n').map((l) => l.replace(/\r$/, '')) };
}

function lineOf(lines: string[], pattern: RegExp, from = 0): number {
  const index = lines.findIndex((l, i) => i >= from && pattern.test(l));
  assert.ok(index >= 0, `a line matches ${pattern}`);
  return index;
}

describe('findings in the language server', () => {
  let client: TestClient;
  const auth = fixture('findings/auth-rejected.log');
  const slow = fixture('findings/slow-setup.log');
  const privateMedia = fixture('findings/private-media.log');
  const reinvite = fixture('sipp/reinvite.log');
  const published = new Map<string, Diagnostic[]>();

  before(async () => {
    client = await TestClient.start();
    for (const f of [auth, slow, privateMedia, reinvite]) published.set(f.uri, (await client.open(f.uri, f.text)).diagnostics);
  });

  after(async () => {
    assert.deepEqual(client.errors(), [], 'the server logged no errors');
    await client.stop();
  });

  it('adds the finding beside the ★ diagnostic of the same message, with the first INVITE and the evidence as related information', () => {
    const line403 = lineOf(auth.lines, /^SIP\/2.0 403 Forbidden/);
    const on403 = published.get(auth.uri)!.filter((d) => d.range.start.line === line403);
    assert.deepEqual(on403.map((d) => d.code).sort(), ['auth-rejected', 'error-final']);
    const finding = on403.find((d) => d.code === 'auth-rejected')!;
    assert.equal(finding.source, 'sip-lens');
    assert.equal(finding.severity, DiagnosticSeverity.Warning);
    assert.match(messageOf(finding), /rejected the credentials/);
    const related = (finding.relatedInformation ?? []).map((r) => r.location.range.start.line);
    const firstInvite = lineOf(auth.lines, /^INVITE /);
    const challenge = lineOf(auth.lines, /^SIP\/2.0 407/);
    const retry = lineOf(auth.lines, /^INVITE /, firstInvite + 1);
    assert.deepEqual(related, [firstInvite, challenge, retry]);
  });

  it('context findings are information by default', () => {
    const hold = published.get(reinvite.uri)!.find((d) => d.code === 'hold');
    assert.equal(hold?.severity, DiagnosticSeverity.Information);
  });

  it('hovers on the pointed message carry the finding and the verdict', async () => {
    const line403 = lineOf(auth.lines, /^SIP\/2.0 403 Forbidden/);
    const text = (await client.hoverText(auth.uri, line403)) ?? '';
    assert.match(text, /\*\*Findings\*\*/);
    assert.match(text, /`auth-rejected`/);
    // Trace text goes through Markdown escaping (`:` → `\:`).
    assert.match(text, /\*\*Verdict:\*\* Failed\\?: 403 Forbidden from 203\.0\.113\.7 after an authenticated retry/);
  });

  it('SDP lines get hovers: codecs, sendonly, private addresses', async () => {
    const sendonly = lineOf(reinvite.lines, /^a=sendonly/);
    assert.match((await client.hoverText(reinvite.uri, sendonly)) ?? '', /only send media.*hold/);
    const rtpmap = lineOf(reinvite.lines, /^a=rtpmap:8 PCMA/);
    assert.match((await client.hoverText(reinvite.uri, rtpmap)) ?? '', /`PCMA`.*A-law/);
    const c = lineOf(privateMedia.lines, /^c=IN IP4 10\.0\.0\.5/);
    assert.match((await client.hoverText(privateMedia.uri, c)) ?? '', /private address/);
  });

  it('the summary carries findings and a verdict for every call', async () => {
    const summary = await client.requestByName<Summary>('sipLens/summary', { uri: auth.uri });
    assert.deepEqual(summary.calls[0].findings.map((f) => f.code), ['auth-rejected']);
    assert.match(summary.calls[0].verdict, /^Failed: 403 Forbidden/);
  });

  it('call-flow arrows carry the findings that point at their message', async () => {
    const flow = await client.requestByName<CallFlow | null>('sipLens/callFlow', { uri: auth.uri, callId: 'auth-rejected-1@sip-lens' });
    const marked = (flow?.arrows ?? []).filter((a) => a.findings.length > 0);
    assert.deepEqual(marked.map((a) => [a.label, a.findings.map((f) => f.code)]), [['403 Forbidden', ['auth-rejected']]]);
  });

  it("a capture's ICMP port unreachable is related information of no-response, on the marker line that shows it", async () => {
    const { text } = captureToText(readFileSync(join(FIXTURES, 'findings/no-response.pcap')));
    const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
    const uri = 'untitled:no-response-capture.txt';
    const diagnostics = (await client.open(uri, text)).diagnostics;
    const finding = diagnostics.find((d) => d.code === 'no-response')!;
    assert.match(messageOf(finding), /nothing came back but an ICMP port unreachable from 203\.0\.113\.7 \(frame \d+\)/);
    const marker = lineOf(lines, /^#\d+ .* -> 203\.0\.113\.7:5999 \(ICMP port unreachable from 203\.0\.113\.7 in #\d+\)$/);
    assert.equal(finding.range.start.line, marker + 1, 'on the first INVITE, under its marker');
    const related = finding.relatedInformation ?? [];
    assert.ok(related.some((r) => r.location.range.start.line === marker && /^ICMP port unreachable from 203\.0\.113\.7 \(frame \d+\) answered this packet$/.test(r.message)));
    const copies = related.filter((r) => /retransmitted copy — answered by ICMP port unreachable from 203\.0\.113\.7/.test(r.message));
    assert.ok(copies.length > 0, 'each retransmitted copy says the ICMP error answered it');
  });

  it('severities and slow-setup thresholds come from settings', async () => {
    const pdd = lineOf(slow.lines, /^SIP\/2.0 180 Ringing/);
    assert.ok(published.get(slow.uri)!.some((d) => d.code === 'slow-setup' && d.range.start.line === pdd), 'a 7 s post-dial delay is slow by default');
    const quiet = client.waitForDiagnostics(slow.uri, (p) => !p.diagnostics.some((d) => d.code === 'slow-setup'));
    await client.changeSettings({ findings: { slowSetup: { pddMs: 10_000 } } });
    await quiet;
    const asError = client.waitForDiagnostics(slow.uri, (p) => p.diagnostics.some((d) => d.code === 'slow-setup' && d.severity === DiagnosticSeverity.Error));
    await client.changeSettings({ findings: { slowSetup: { pddMs: 3000 } }, diagnostics: { severity: { 'slow-setup': 'error' } } });
    await asError;
    const off = client.waitForDiagnostics(auth.uri, (p) => !p.diagnostics.some((d) => d.code === 'auth-rejected'));
    await client.changeSettings({ diagnostics: { severity: { 'auth-rejected': 'off' } } });
    const after = await off;
    assert.ok(after.diagnostics.some((d) => d.code === 'error-final'), 'the ★ diagnostic stays');
    await client.changeSettings({});
  });
});
