import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeTrace } from '../../server/src/analysis/analyze';
import { icidValue, sessionUuids } from '../../server/src/analysis/legs/explicit';
import { sameNumber } from '../../server/src/analysis/legs/numbers';
import { summarize, type SummaryCall } from '../../server/src/analysis/summary';
import { busyThrough, rawTrace, sippTrace, type Leg, type Step } from './legs.helpers';

function callsOf(text: string, localAddresses?: string[]): Map<string, SummaryCall> {
  return new Map(summarize(analyzeTrace(text, { localAddresses })).calls.map((c) => [c.callId, c]));
}

const phone: Leg = { callId: 'a-leg@pbx', from: '1001', to: '004930123456' };
const carrier = (extra?: string[], to = '+4930123456'): Leg => ({ callId: 'b-leg@pbx', from: '1001', to, extra });

function assertLinked(calls: Map<string, SummaryCall>, by: string): void {
  const a = calls.get('a-leg@pbx')!;
  const b = calls.get('b-leg@pbx')!;
  assert.ok(a.group, 'the inbound leg has a group');
  assert.ok(b.group, 'the outbound leg has a group');
  assert.equal(a.group.id, b.group.id);
  assert.deepEqual(a.group.legs, ['a-leg@pbx', 'b-leg@pbx']);
  assert.equal(a.group.linkedBy, by);
  assert.equal(a.group.role, 'inbound');
  assert.equal(b.group.role, 'outbound');
  // The phone's 486 passed on the carrier's 486.
  assert.equal(a.group.decisive?.callId, 'b-leg@pbx');
  assert.equal(a.group.decisive?.status, 486);
  assert.equal(a.group.decisive?.line, b.finalLine);
  assert.equal(b.group.decisive, null);
  // Outcomes are untouched.
  assert.equal(a.outcome, 'busy');
  assert.equal(b.outcome, 'busy');
}

function assertAlone(calls: Map<string, SummaryCall>): void {
  for (const call of calls.values()) assert.equal(call.group, null, `${call.callId} stays alone`);
}

describe('legs: explicit links', () => {
  for (const name of ['X-Call-ID', 'X-CID', 'X-Orig-Call-ID']) {
    it(`links a leg naming the other in ${name}`, () => {
      // The carrier number is entirely different: only the header links them.
      const calls = callsOf(sippTrace(busyThrough(phone, carrier([`${name}: a-leg@pbx`], '777'), 0, 5)));
      assertLinked(calls, `header:${name}`);
    });
  }

  it('links legs sharing a non-null RFC 7989 Session-ID UUID', () => {
    const uuid = 'ab30317f1a784dc48ff824d0d3715d86';
    const a = { ...phone, extra: [`Session-ID: ${uuid};remote=00000000000000000000000000000000`] };
    const calls = callsOf(sippTrace(busyThrough(a, carrier([`Session-ID: ${uuid};remote=00000000000000000000000000000000`], '777'), 0, 5)));
    assertLinked(calls, 'header:Session-ID');
  });

  it('reads link headers in any case, with white space before the colon', () => {
    const calls = callsOf(sippTrace(busyThrough(phone, carrier(['x-call-id : a-leg@pbx'], '777'), 0, 5)));
    assertLinked(calls, 'header:X-Call-ID');
  });

  it('takes no link from a link header named in the value of another header', () => {
    assertAlone(callsOf(sippTrace(busyThrough(phone, carrier(['Subject: X-Call-ID: a-leg@pbx', 'X-Call-IDs: a-leg@pbx'], '777'), 0, 5))));
  });

  it('reads keys from any of the first messages of a leg, not only its INVITE', () => {
    // Each leg carries the shared UUID on one message only: the B2BUA's 486 to the phone, and
    // the INVITE it sent to the carrier.
    const uuid = '7f3a0e4c9b2d4e6f8a1b2c3d4e5f6a7b';
    const steps = busyThrough(phone, carrier([], '777'), 0, 5).map((step) =>
      step.dir === 'sent' && (step.what === 'INVITE' || (step.leg === phone && step.what.startsWith('486'))) ? { ...step, headers: [`SESSION-ID: ${uuid}`] } : step,
    );
    assertLinked(callsOf(sippTrace(steps)), 'header:Session-ID');
    // Without the key on the INVITE, nothing links them.
    assertAlone(callsOf(sippTrace(steps.map((step) => (step.what === 'INVITE' ? { ...step, headers: [] } : step)))));
  });

  it('never links by the null Session-ID UUID', () => {
    const none = 'Session-ID: 00000000000000000000000000000000;remote=00000000000000000000000000000000';
    const calls = callsOf(sippTrace(busyThrough({ ...phone, extra: [none] }, carrier([none], '777'), 0, 5)));
    assertAlone(calls);
  });

  it('links legs sharing a P-Charging-Vector icid-value', () => {
    const a = { ...phone, extra: ['P-Charging-Vector: icid-value="AyretyU0dm+6O2IrT5tAFrbHLso=";icid-generated-at=192.0.2.1'] };
    const b = carrier(['P-Charging-Vector: icid-value=AyretyU0dm+6O2IrT5tAFrbHLso=;orig-ioi=pbx.example'], '777');
    assertLinked(callsOf(sippTrace(busyThrough(a, b, 0, 5))), 'header:P-Charging-Vector');
  });

  it('keeps legs with different icid-values apart', () => {
    const a = { ...phone, extra: ['P-Charging-Vector: icid-value=one'] };
    const b = carrier(['P-Charging-Vector: icid-value=two'], '777');
    assertAlone(callsOf(sippTrace(busyThrough(a, b, 0, 5))));
  });

  it('does not link by X-Call-ID when the outbound INVITE came before the inbound one', () => {
    const steps = busyThrough(phone, carrier(["X-Call-ID: a-leg@pbx"]), 1, -0.5).sort((x, y) => x.at - y.at);
    assertAlone(callsOf(sippTrace(steps)));
  });

  it('gives roles from X-Call-ID where the trace has no direction', () => {
    const calls = callsOf(rawTrace(busyThrough(phone, carrier(['X-Call-ID: a-leg@pbx'], '777'))));
    assert.equal(calls.get('a-leg@pbx')!.group?.role, 'inbound');
    assert.equal(calls.get('b-leg@pbx')!.group?.role, 'outbound');
    assert.equal(calls.get('a-leg@pbx')!.group?.decisive?.status, 486);
  });

  it('links Asterisk channels that share a [C-…] call identifier, taken from nearby lines for received messages', () => {
    // Shaped as an Asterisk full log: pjsip logger lines carry no call identifier, the dialplan does.
    const log = [
      '[2026-11-21 12:00:00.100] VERBOSE[2001] <--- Received SIP request (400 bytes) from UDP:192.0.2.20:5060 --->',
      ...sipLines({ leg: { callId: 'in-1', from: '1001', to: '2002' }, dir: 'received', at: 0, what: 'INVITE' }),
      '[2026-11-21 12:00:00.102] VERBOSE[2044][C-0000000a] pbx.c: Executing [2002@from-phones:1] Dial("PJSIP/1001-00000001", "PJSIP/777@trunk,30") in new stack',
      '[2026-11-21 12:00:00.104] VERBOSE[2044][C-0000000a] app_dial.c: Called PJSIP/777@trunk',
      '[2026-11-21 12:00:00.110] VERBOSE[2001] <--- Transmitting SIP request (400 bytes) to UDP:198.51.100.7:5060 --->',
      ...sipLines({ leg: { callId: 'out-1', from: 'trunk', to: '777' }, dir: 'sent', at: 0, what: 'INVITE' }),
      '[2026-11-21 12:00:00.900] VERBOSE[2001] <--- Received SIP response (300 bytes) from UDP:198.51.100.7:5060 --->',
      ...sipLines({ leg: { callId: 'out-1', from: 'trunk', to: '777' }, dir: 'received', at: 0, what: '486 Busy Here' }),
      '[2026-11-21 12:00:00.905] VERBOSE[2044][C-0000000a] app_dial.c: Everyone is busy/congested at this time (1:1/0/0)',
      '[2026-11-21 12:00:00.910] VERBOSE[2001] <--- Transmitting SIP response (300 bytes) to UDP:192.0.2.20:5060 --->',
      ...sipLines({ leg: { callId: 'in-1', from: '1001', to: '2002' }, dir: 'sent', at: 0, what: '486 Busy Here' }),
      '[2026-11-21 12:00:01.100] VERBOSE[2001] <--- Received SIP request (400 bytes) from UDP:192.0.2.30:5060 --->',
      ...sipLines({ leg: { callId: 'in-2', from: '1003', to: '2004' }, dir: 'received', at: 0, what: 'INVITE' }),
      '[2026-11-21 12:00:01.102] VERBOSE[2050][C-0000000b] pbx.c: Executing [2004@from-phones:1] Hangup("PJSIP/1003-00000003", "") in new stack',
    ].join('\n');
    const calls = callsOf(log);
    const a = calls.get('in-1')!;
    assert.equal(a.group?.linkedBy, 'asterisk-callid');
    assert.deepEqual(a.group?.legs, ['in-1', 'out-1']);
    assert.equal(a.group?.decisive?.callId, 'out-1');
    assert.equal(calls.get('out-1')!.group?.role, 'outbound');
    assert.equal(calls.get('in-2')!.group, null);
  });

  it('does not link two INVITEs through the one log line between them', () => {
    // An unrelated channel's line sits between a received INVITE and a sent one: it is the
    // nearest identified line of both, so it says nothing about either.
    const log = [
      '[2026-11-21 12:00:04.036] VERBOSE[4100] <--- Received SIP request (400 bytes) from UDP:198.51.100.7:5080 --->',
      ...sipLines({ leg: { callId: 'in-9', from: '+495706854709', to: '1180' }, dir: 'received', at: 0, what: 'INVITE' }),
      "[2026-11-21 12:00:04.045] VERBOSE[4101][C-00000038] pbx.c:   == Spawn extension (from-trunk, s, 1) exited non-zero on 'PJSIP/trunk-00000038'",
      '[2026-11-21 12:00:04.051] VERBOSE[4102] <--- Transmitting SIP request (400 bytes) to UDP:198.51.100.7:5080 --->',
      ...sipLines({ leg: { callId: 'out-9', from: '1240', to: '+493278060523' }, dir: 'sent', at: 0, what: 'INVITE' }),
    ].join('\n');
    assertAlone(callsOf(log));
  });
});

function sipLines(step: Step): string[] {
  return rawTrace([step]).split('\r\n').slice(0, -1);
}

describe('legs: the heuristic', () => {
  it('links a received INVITE and the INVITE the host sent 0.3 s later for the same number and caller', () => {
    assertLinked(callsOf(sippTrace(busyThrough(phone, carrier()))), 'heuristic');
  });

  it('measures the 2 s from the accepted INVITE of a challenged chain', () => {
    const steps: Step[] = [
      { leg: phone, dir: 'received', at: 0, what: 'INVITE' },
      { leg: phone, dir: 'sent', at: 0.01, what: '407 Proxy Authentication Required' },
      { leg: phone, dir: 'received', at: 0.02, what: 'ACK' },
      ...busyThrough(phone, carrier(), 3, 1.5).map((s) => (s.leg === phone ? { ...s, seq: 2 } : s)),
    ];
    assertLinked(callsOf(sippTrace(steps)), 'heuristic');
  });

  it('does not link an INVITE sent more than 2 s after the accepted one', () => {
    assertAlone(callsOf(sippTrace(busyThrough(phone, carrier(), 0, 2.1))));
  });

  it('does not link the same number dialled twice a second apart by different callers', () => {
    const first: Leg = { callId: 'first@pbx', from: '1001', to: '4930123456' };
    const second: Leg = { callId: 'second@pbx', from: '1002', to: '4930123456' };
    const out: Leg = { callId: 'out@pbx', from: '1002', to: '+4930123456' };
    const steps: Step[] = [
      { leg: first, dir: 'received', at: 0, what: 'INVITE' },
      { leg: second, dir: 'received', at: 1, what: 'INVITE' },
      { leg: out, dir: 'sent', at: 1.2, what: 'INVITE' },
      { leg: out, dir: 'received', at: 1.5, what: '486 Busy Here' },
      { leg: second, dir: 'sent', at: 1.6, what: '486 Busy Here' },
      { leg: first, dir: 'sent', at: 1.7, what: '480 Temporarily Unavailable' },
    ];
    const calls = callsOf(sippTrace(steps));
    assert.equal(calls.get('first@pbx')!.group, null);
    assert.deepEqual(calls.get('second@pbx')!.group?.legs, ['second@pbx', 'out@pbx']);
    // Without the second caller, the first caller's call is not linked to the other caller's leg.
    assertAlone(callsOf(sippTrace(steps.filter((s) => s.leg !== second))));
  });

  it('does not link an outbound INVITE sent before the inbound one', () => {
    const steps = busyThrough(phone, carrier(), 1, -0.3).sort((x, y) => x.at - y.at);
    assertAlone(callsOf(sippTrace(steps)));
  });

  it('never links two INVITEs the host sent', () => {
    const steps = busyThrough(phone, carrier()).map((s) => (s.leg === phone ? { ...s, dir: s.dir === 'sent' ? 'received' : 'sent' } : s)) as Step[];
    assertAlone(callsOf(sippTrace(steps)));
  });

  it('does not apply where the trace has no direction', () => {
    assertAlone(callsOf(rawTrace(busyThrough(phone, carrier()))));
  });

  it('does not link when the inbound final came before the outbound one', () => {
    const steps = busyThrough(phone, carrier()).map((s) => (s.leg === phone && s.what.startsWith('486') ? { ...s, at: 0.35 } : s));
    steps.sort((x, y) => x.at - y.at);
    assertAlone(callsOf(sippTrace(steps)));
  });

  it('matches short extensions exactly', () => {
    const a: Leg = { callId: 'a-leg@pbx', from: '1001', to: '2002' };
    assertAlone(callsOf(sippTrace(busyThrough(a, { callId: 'b-leg@pbx', from: '1001', to: '92002' }))));
    assertLinked(callsOf(sippTrace(busyThrough(a, { callId: 'b-leg@pbx', from: '1001', to: '2002' }))), 'heuristic');
  });

  it('matches the caller by P-Asserted-Identity', () => {
    const b: Leg = { callId: 'b-leg@pbx', from: 'anonymous', to: '+4930123456', extra: ['P-Asserted-Identity: <sip:1001@192.0.2.1>'] };
    assertLinked(callsOf(sippTrace(busyThrough(phone, b))), 'heuristic');
    assertAlone(callsOf(sippTrace(busyThrough(phone, { ...b, extra: [] }))));
  });
});

describe('legs: values', () => {
  it('compares dialled numbers modulo +, 00, 0 and short prefixes', () => {
    assert.ok(sameNumber('+4930123456', '004930123456'));
    assert.ok(sameNumber('+4930123456', '030123456'));
    assert.ok(sameNumber('901234567', '01234567'));
    assert.ok(sameNumber('1234930123456', '4930123456'));
    assert.ok(!sameNumber('12345930123456', '4930123456'), 'a prefix of 5 digits is too long');
    assert.ok(!sameNumber('4930123456', '4930123457'));
    assert.ok(!sameNumber('2002', '92002'));
    assert.ok(!sameNumber('12345678', '98765678'));
    assert.ok(sameNumber('alice', 'Alice'));
    assert.ok(!sameNumber('', ''));
  });

  it('reads Session-ID UUIDs and icid-values', () => {
    assert.deepEqual(sessionUuids('AB30317F1A784DC48FF824D0D3715D86;remote=00000000000000000000000000000000'), ['ab30317f1a784dc48ff824d0d3715d86']);
    assert.deepEqual(sessionUuids('00000000000000000000000000000000'), []);
    assert.equal(icidValue('icid-value="x1";orig-ioi=a'), 'x1');
    assert.equal(icidValue('orig-ioi=a; icid-value=y2'), 'y2');
    assert.equal(icidValue('orig-ioi=a'), undefined);
  });
});
