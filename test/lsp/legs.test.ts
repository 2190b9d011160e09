// Legs of one call over the protocol: grouped summary, related information, hover, outline, and
// the multi-lane ladder, against the built server over stdio (run `npm run build` first).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Diagnostic, type DocumentSymbol, DocumentSymbolRequest, HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import type { CallFlow, Summary } from '../../server/src/protocol';
import { TestClient } from './client';

const URI = 'untitled:pbx-full.log';
const TEXT = readFileSync(path.resolve(__dirname, '..', 'fixtures', 'b2bua', 'asterisk-full.log'), 'utf8');
const PHONE = '3c2b7f0e41a94c5d@192.0.2.20';
const TRUNK = '7d1e0f6a-5b2c-4e8d-9a3f-1c2b3d4e5f60';

describe('legs of one call over the protocol', () => {
  let client: TestClient;
  let diagnostics: Diagnostic[];
  let summary: Summary;

  before(async () => {
    client = await TestClient.start();
    diagnostics = (await client.open(URI, TEXT, 'log')).diagnostics;
    summary = await client.requestByName<Summary>('sipLens/summary', { uri: URI });
  });

  after(async () => {
    assert.deepEqual(client.errors(), [], 'the server logged no errors');
    await client.stop();
  });

  it('groups the legs in the summary', () => {
    const phone = summary.calls.find((c) => c.callId === PHONE)!;
    assert.deepEqual(phone.group && { id: phone.group.id, role: phone.group.role, legs: phone.group.legs, linkedBy: phone.group.linkedBy }, {
      id: PHONE,
      role: 'inbound',
      legs: [PHONE, TRUNK],
      linkedBy: 'asterisk-callid',
    });
  });

  it('points the phone leg’s 486 to the carrier’s, and says so in the hover', async () => {
    const phone = summary.calls.find((c) => c.callId === PHONE)!;
    const trunk = summary.calls.find((c) => c.callId === TRUNK)!;
    const near = diagnostics.find((d) => d.range.start.line === phone.finalLine)!;
    assert.ok(near.relatedInformation?.some((r) => r.location.uri === URI && r.location.range.start.line === trunk.finalLine));
    const hover = await client.request(HoverRequest.type, { textDocument: { uri: URI }, position: { line: phone.finalLine!, character: 3 } });
    assert.match((hover?.contents as MarkupContent).value, new RegExp(`Passed on from the carrier's 486 at line ${trunk.finalLine! + 1}`));
  });

  it('shows the legs under one call in the outline', async () => {
    const symbols = (await client.request(DocumentSymbolRequest.type, { textDocument: { uri: URI } })) as DocumentSymbol[];
    const call = symbols.find((s) => s.name.endsWith('2 legs'))!;
    assert.deepEqual(call.children?.map((c) => c.name.split(' · ')[0]), ['inbound leg', 'outbound leg']);
  });

  it('draws the legs in one multi-lane ladder when asked', async () => {
    const flow = await client.requestByName<CallFlow | null>('sipLens/callFlow', { uri: URI, callId: TRUNK, legs: true });
    assert.deepEqual(flow?.legs, [PHONE, TRUNK]);
    assert.deepEqual(flow?.parties.map((p) => p.label), ['192.0.2.20:5060', 'this host (B2BUA)', '198.51.100.7:5060']);
    const single = await client.requestByName<CallFlow | null>('sipLens/callFlow', { uri: URI, callId: TRUNK });
    assert.equal(single?.legs, undefined);
  });
});
