// Legs in real B2BUA logs (SIPp twins in 3PCC mode; see test/fixtures/b2bua/README.md) and in a
// hand-crafted Asterisk full log.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeTrace } from '../../server/src/analysis/analyze';
import { summarize } from '../../server/src/analysis/summary';

const dir = path.resolve(__dirname, '..', 'fixtures', 'b2bua');
const read = (name: string) => summarize(analyzeTrace(readFileSync(path.join(dir, name), 'latin1')));

describe('legs in B2BUA fixtures', () => {
  const made = [
    ['heuristic.log', 'heuristic'],
    ['x-call-id.log', 'header:X-Call-ID'],
    ['session-id.log', 'header:Session-ID'],
    ['p-charging-vector.log', 'header:P-Charging-Vector'],
  ] as const;
  for (const [file, linkedBy] of made) {
    it(`${file}: the phone leg and the carrier leg are one call, linked by ${linkedBy}`, () => {
      const summary = read(file);
      const name = file.replace(/\.log$/, '');
      const phone = summary.calls.find((c) => c.callId === `${name}-phone-1@192.0.2.1`)!;
      const carrier = summary.calls.find((c) => c.callId === `b2b-${name}-phone-1@192.0.2.1`)!;
      assert.equal(summary.calls.length, 2);
      assert.equal(phone.group?.linkedBy, linkedBy);
      assert.equal(phone.group?.role, 'inbound');
      assert.equal(carrier.group?.role, 'outbound');
      assert.deepEqual(phone.group?.legs, [phone.callId, carrier.callId]);
      assert.equal(carrier.group?.id, phone.group?.id);
      // The PBX passed the carrier's 486 on to the phone.
      assert.equal(phone.outcome, 'busy');
      assert.deepEqual(phone.group?.decisive, { callId: carrier.callId, status: 486, reason: 'Busy Here', line: carrier.finalLine });
    });
  }

  it('kamailio-topoh.data: the two sides of an SBC with topology hiding are one call, by the heuristic', () => {
    const summary = read('kamailio-topoh.data');
    assert.equal(summary.format, 'kamailio-sipdump');
    assert.equal(summary.calls.length, 2);
    const phone = summary.calls.find((c) => c.callId === 'kamailio-topoh-1@192.0.2.1')!;
    const far = summary.calls.find((c) => c !== phone)!;
    // topoh masked the far side's Call-ID.
    assert.ok(far.callId.startsWith('!!:'), far.callId);
    assert.equal(phone.group?.linkedBy, 'heuristic');
    assert.equal(phone.group?.role, 'inbound');
    assert.equal(far.group?.role, 'outbound');
    assert.deepEqual(phone.group?.decisive, { callId: far.callId, status: 486, reason: 'Busy Here', line: far.finalLine });
  });

  it('asterisk-full.log: the channels sharing [C-00000002] are one call; the 404 call stays alone', () => {
    const summary = read('asterisk-full.log');
    assert.equal(summary.format, 'asterisk-pjsip');
    const phone = summary.calls.find((c) => c.callId === '3c2b7f0e41a94c5d@192.0.2.20')!;
    const trunk = summary.calls.find((c) => c.callId === '7d1e0f6a-5b2c-4e8d-9a3f-1c2b3d4e5f60')!;
    const other = summary.calls.find((c) => c.callId === '91aa04c2d3e5@192.0.2.21')!;
    assert.equal(phone.group?.linkedBy, 'asterisk-callid');
    assert.equal(phone.group?.role, 'inbound');
    assert.equal(trunk.group?.role, 'outbound');
    assert.equal(phone.group?.decisive?.callId, trunk.callId);
    assert.equal(phone.group?.decisive?.status, 486);
    assert.equal(other.group, null);
    assert.equal(other.outcome, 'failed');
  });
});
