// The multi-lane ladder of a call's legs: phone — the B2BUA host — carrier.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeTrace } from '../../server/src/analysis/analyze';
import { computeGroupFlow } from '../../server/src/features/groupFlow';
import { callRow } from '../../client/src/panel/viewModel';
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
});
