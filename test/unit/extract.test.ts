// Extract round trips: the calls cut out of a trace read back with the same outcomes, in every
// text format the fixtures hold.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeTrace } from '../../server/src/analysis/analyze';
import { extractCalls, selectCalls } from '../../server/src/analysis/extract';
import { decodeTraceBytes } from '../../server/src/analysis/source';
import { summarize, type SummaryCall } from '../../server/src/analysis/summary';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures');

function textFixtures(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (!/\.(json|md)$/.test(name)) out.push(file);
    }
  };
  walk(FIXTURES);
  return out.filter((file) => !decodeTraceBytes(readFileSync(file)).unreadable);
}

/**
 * What a call is: everything the summary says of it except where it sits in the file, and except
 * the findings and verdict, which also weigh what else the trace holds (a log running on past
 * Timer B, other calls).
 */
function essence(call: SummaryCall): object {
  const { startLine: _s, finalLine: _f, group: _g, findings: _x, verdict: _v, ...rest } = call;
  return rest;
}

describe('extract round trips', () => {
  for (const file of textFixtures()) {
    const name = path.relative(FIXTURES, file);
    const text = decodeTraceBytes(readFileSync(file)).text;
    const analysis = analyzeTrace(text);
    if (analysis.calls.length === 0) continue;
    const before = summarize(analysis);

    it(`${name}: each call alone reads back the same`, () => {
      analysis.calls.forEach((call, c) => {
        const again = summarize(analyzeTrace(extractCalls(text, analysis, [c])));
        assert.equal(again.format, before.format === 'mixed' ? again.format : before.format, 'same framing');
        assert.equal(again.calls.length, 1, `${call.callId}: one call`);
        assert.deepEqual(essence(again.calls[0]), essence(before.calls[c]));
      });
    });

    it(`${name}: the failed and busy calls read back the same, and only they`, () => {
      const chosen = selectCalls(analysis, { outcomes: ['failed', 'busy'] });
      const again = summarize(analyzeTrace(extractCalls(text, analysis, chosen)));
      assert.deepEqual(again.calls.map(essence), chosen.map((c) => essence(before.calls[c])));
    });
  }

  it('takes the other legs with withLegs', () => {
    const file = path.join(FIXTURES, 'b2bua', 'asterisk-full.log');
    const text = readFileSync(file, 'latin1');
    const analysis = analyzeTrace(text);
    const phone = '3c2b7f0e41a94c5d@192.0.2.20';
    const alone = selectCalls(analysis, { callIds: [phone] });
    assert.equal(alone.length, 1);
    const legs = selectCalls(analysis, { callIds: [phone], withLegs: true });
    assert.deepEqual(legs.map((c) => analysis.calls[c].callId), [phone, '7d1e0f6a-5b2c-4e8d-9a3f-1c2b3d4e5f60']);
    const again = summarize(analyzeTrace(extractCalls(text, analysis, legs)));
    assert.deepEqual(again.calls.map((c) => c.outcome), ['busy', 'busy']);
  });

  it('copies the bytes of each message verbatim', () => {
    const file = path.join(FIXTURES, 'sipp', 'busy-486.log');
    const text = readFileSync(file, 'latin1');
    const analysis = analyzeTrace(text);
    const out = extractCalls(text, analysis, [0]);
    for (const index of analysis.calls[0].messages) {
      const sip = analysis.messages[index].frame.text;
      assert.ok(out.includes(sip), 'each message text appears unchanged');
    }
  });
});
