import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeTrace } from '../../server/src/analysis/analyze';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { computeHover } from '../../server/src/features/hover';
import { lineSourceOf } from '../../server/src/features/lookup';
import { computeDocumentSymbols } from '../../server/src/features/symbols';
import { defaultSettings } from '../../server/src/settings';
import { busyThrough, sippTrace, type Leg } from './legs.helpers';

const phone: Leg = { callId: 'a-leg@pbx', from: '1001', to: '2002' };
const carrier: Leg = { callId: 'b-leg@pbx', from: '1001', to: '2002', extra: ['X-Call-ID: a-leg@pbx'] };
const text = sippTrace(busyThrough(phone, carrier));
const analysis = analyzeTrace(text);
const lines = lineSourceOf(text);
const call = (id: string) => analysis.calls.find((c) => c.callId === id)!;

describe('legs in the editor features', () => {
  it('points the near leg’s final to the carrier’s decisive response', () => {
    const diagnostics = computeDiagnostics('file:///t.log', analysis, lines, defaultSettings());
    const near = diagnostics.find((d) => d.range.start.line === call('a-leg@pbx').finalLine)!;
    const farLine = call('b-leg@pbx').finalLine!;
    assert.ok(near, 'the phone leg’s 486 has a diagnostic');
    const related = near.relatedInformation?.find((r) => r.location.range.start.line === farLine);
    assert.ok(related, 'related information points to the carrier’s 486');
    assert.match(related.message, /carrier's 486 Busy Here/);
    assert.match(String(near.message), new RegExp(`Passed on from the carrier's 486 at line ${farLine + 1}`));
    // The far leg's own 486 points nowhere else.
    const far = diagnostics.find((d) => d.range.start.line === farLine)!;
    assert.ok(!far.relatedInformation?.some((r) => /Passed on/.test(r.message)));
  });

  it('says in the hover where the final was passed on from, and to', () => {
    const nearLine = call('a-leg@pbx').finalLine!;
    const farLine = call('b-leg@pbx').finalLine!;
    const near = computeHover(analysis, { line: nearLine, character: 2 }, lines);
    assert.match((near?.contents as { value: string }).value, new RegExp(`passed on from the carrier's 486 at line ${farLine + 1}`, 'i'));
    const far = computeHover(analysis, { line: farLine, character: 2 }, lines);
    assert.match((far?.contents as { value: string }).value, new RegExp(`Passed on to the other leg as 486 at line ${nearLine + 1}`));
  });

  it('groups the legs under one call in the outline', () => {
    const symbols = computeDocumentSymbols(analysis, lines);
    const group = symbols.find((s) => s.name.includes('2 legs'));
    assert.ok(group);
    assert.deepEqual(group.children?.map((c) => c.detail?.split(' · ').pop()), ['a-leg@pbx', 'b-leg@pbx']);
    assert.match(group.children![0].name, /^inbound leg · busy/);
    assert.ok(!symbols.some((s) => s.detail?.endsWith('a-leg@pbx')), 'a leg is not listed twice');
  });
});
