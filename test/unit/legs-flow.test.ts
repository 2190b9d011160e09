// The multi-lane ladder of a call's legs: phone — the B2BUA host — carrier.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeTrace } from '../../server/src/analysis/analyze';
import { computeGroupFlow } from '../../server/src/features/groupFlow';
import { callRow, DEFAULT_QUERY, queryRows } from '../../client/src/panel/viewModel';
import { summarize } from '../../server/src/analysis/summary';

const fixture = (name: string) => readFileSync(path.resolve(__dirname, '..', 'fixtures', 'b2bua', name), 'latin1');

describe('multi-lane ladder of a call’s legs', () => {
  it('draws the phone, the host and the carrier as three lanes, from the addresses each leg used', () => {
    const analysis = analyzeTrace(fixture('asterisk-full.log'));
    const flow = computeGroupFlow(analysis, '3c2b7f0e41a94c5d@192.0.2.20')!;
    assert.deepEqual(flow.legs, ['3c2b7f0e41a94c5d@192.0.2.20', '7d1e0f6a-5b2c-4e8d-9a3f-1c2b3d4e5f60']);
    assert.deepEqual(flow.parties.map((p) => [p.id, p.local]), [['192.0.2.20:5060', false], ['middle', true], ['198.51.100.7:5060', false]]);
    // In file order: the phone's INVITE in, the INVITE out to the carrier, the carrier's 486 back,
    // then the 486 passed on to the phone.
    const arrows = flow.arrows.map((a) => `${a.from}>${a.to} ${a.label}`);
    assert.deepEqual(arrows, [
      '192.0.2.20:5060>middle INVITE',
      'middle>192.0.2.20:5060 100 Trying',
      'middle>198.51.100.7:5060 INVITE',
      '198.51.100.7:5060>middle 100 Trying',
      '198.51.100.7:5060>middle 486 Busy Here',
      'middle>198.51.100.7:5060 ACK',
      'middle>192.0.2.20:5060 486 Busy Here',
      '192.0.2.20:5060>middle ACK',
    ]);
    assert.equal(flow.arrows[2].callId, '7d1e0f6a-5b2c-4e8d-9a3f-1c2b3d4e5f60');
    assert.equal(flow.arrows[0].callId, '3c2b7f0e41a94c5d@192.0.2.20');
  });

  it('names the far ends by their leg’s role where the trace gives no addresses (SIPp)', () => {
    const analysis = analyzeTrace(fixture('x-call-id.log'));
    const flow = computeGroupFlow(analysis, 'b2b-x-call-id-phone-1@192.0.2.1')!;
    assert.deepEqual(flow.parties.map((p) => p.label), ['caller side (leg 1)', 'this host (B2BUA)', 'carrier side (leg 2)']);
    assert.equal(flow.arrows.length, 8);
  });

  it('draws both sides of a Kamailio SBC with topology hiding, from sipdump addresses', () => {
    const analysis = analyzeTrace(fixture('kamailio-topoh.data'));
    const flow = computeGroupFlow(analysis, 'kamailio-topoh-1@192.0.2.1')!;
    assert.deepEqual(flow.parties.map((p) => p.id), ['127.0.0.1:5651', 'middle', '127.0.0.1:5660']);
  });

  it('is the one-leg ladder for a call without other legs', () => {
    const analysis = analyzeTrace(fixture('asterisk-full.log'));
    const flow = computeGroupFlow(analysis, '91aa04c2d3e5@192.0.2.21')!;
    assert.equal(flow.legs, undefined);
    assert.equal(flow.arrows.length, 3);
  });

  it('marks the leg in the panel’s call table', () => {
    const summary = summarize(analyzeTrace(fixture('asterisk-full.log')));
    const rows = summary.calls.map((c, i) => callRow(c, i));
    assert.deepEqual(rows.map((r) => r.leg), ['inbound leg', 'outbound leg', '']);
    assert.match(rows[0].legDetail, /linked by asterisk-callid.*7d1e0f6a-5b2c-4e8d-9a3f-1c2b3d4e5f60 · passed on 486 Busy Here/);
  });

  it('puts the legs of one call together in the table, the first in the table’s order heading them', () => {
    const summary = summarize(analyzeTrace(fixture('asterisk-full.log')));
    const [phone, trunk, alone] = summary.calls.map((c) => c.callId);
    const table = (sortDir: 'asc' | 'desc') => queryRows(summary, { ...DEFAULT_QUERY, sortKey: 'outcome', sortDir }).rows;
    const shape = (rows: ReturnType<typeof table>) => rows.map((r) => [r.callId, r.group ? (r.group.head ? 'head' : 'leg') : '-', r.group?.rows ?? 0]);
    // busy, busy, failed: the two busy legs are one call, headed by the phone's leg (file order).
    assert.deepEqual(shape(table('asc')), [
      [phone, 'head', 2],
      [trunk, 'leg', 2],
      [alone, '-', 0],
    ]);
    // Descending: the failed call alone leads; the group follows, still together.
    assert.deepEqual(shape(table('desc')), [
      [alone, '-', 0],
      [phone, 'head', 2],
      [trunk, 'leg', 2],
    ]);
    // By dialled number the call alone sorts between the legs (+4930…, 2999, 004930…): the second
    // leg is drawn up under the first, whichever leg the sort puts first heads the group.
    const byTo = (sortDir: 'asc' | 'desc') => shape(queryRows(summary, { ...DEFAULT_QUERY, sortKey: 'to', sortDir }).rows);
    assert.deepEqual(byTo('asc'), [
      [trunk, 'head', 2],
      [phone, 'leg', 2],
      [alone, '-', 0],
    ]);
    assert.deepEqual(byTo('desc'), [
      [phone, 'head', 2],
      [trunk, 'leg', 2],
      [alone, '-', 0],
    ]);
    const group = table('asc')[0].group?.id;
    assert.ok(group && table('asc')[1].group?.id === group);
    // A filter that keeps one leg leaves it alone at the head of a group of one.
    const one = queryRows(summary, { ...DEFAULT_QUERY, text: trunk }).rows;
    assert.deepEqual(shape(one), [[trunk, 'head', 1]]);
  });
});
