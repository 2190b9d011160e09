import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyOutcome, correlate } from '../../server/src/analysis/calls';
import { parseSipMessage } from '../../server/src/analysis/message';
import type { AnalysisOptions, Direction, Endpoint, TraceMessage } from '../../server/src/analysis/types';

interface Spec {
  text: string;
  direction?: Direction;
  /** Milliseconds since the epoch. */
  at?: number;
  src?: Endpoint;
  dst?: Endpoint;
}

interface Ids {
  callId?: string;
  seq?: number;
  fromTag?: string;
  toTag?: string;
  branch?: string;
  extra?: string[];
}

function headers(method: string, ids: Ids): string[] {
  return [
    `Via: SIP/2.0/UDP 10.0.0.1:5060;branch=${ids.branch ?? `z9hG4bK-${method}-${ids.seq ?? 1}`}`,
    `From: <sip:1001@pbx>;tag=${ids.fromTag ?? 'caller'}`,
    `To: <sip:2002@pbx>${ids.toTag ? `;tag=${ids.toTag}` : ''}`,
    `Call-ID: ${ids.callId ?? 'c1'}`,
    `CSeq: ${ids.seq ?? 1} ${method}`,
    ...(ids.extra ?? []),
    'Content-Length: 0',
    '',
    '',
  ];
}

const req = (method: string, ids: Ids = {}) => [`${method} sip:2002@pbx SIP/2.0`, ...headers(method, ids)].join('\r\n');
const res = (status: string, method: string, ids: Ids = {}) => [`SIP/2.0 ${status}`, ...headers(method, ids)].join('\r\n');

function run(specs: Spec[], options: AnalysisOptions = {}) {
  let line = 0;
  const messages: TraceMessage[] = specs.map((spec, index) => {
    const lines = spec.text.split('\n').length;
    const frame = {
      format: 'raw' as const,
      firstLine: line,
      startLine: line,
      startColumn: 0,
      lastLine: line + lines - 1,
      text: spec.text,
      direction: spec.direction ?? 'unknown',
      time: spec.at === undefined ? undefined : { ms: spec.at, dated: true },
      src: spec.src,
      dst: spec.dst,
      bytesIntact: true,
    };
    line += lines;
    return { index, frame, sip: parseSipMessage(spec.text), retransmission: false };
  });
  return { messages, ...correlate(messages, options) };
}

const T0 = Date.UTC(2026, 10, 21, 23, 22, 27, 183);

describe('classifyOutcome', () => {
  it('follows the outcome table', () => {
    assert.equal(classifyOutcome(200, false), 'answered');
    assert.equal(classifyOutcome(486, true), 'busy');
    assert.equal(classifyOutcome(600, false), 'busy');
    assert.equal(classifyOutcome(302, false), 'redirected');
    assert.equal(classifyOutcome(903, false), 'route-blocked');
    assert.equal(classifyOutcome(487, true), 'no-answer');
    assert.equal(classifyOutcome(487, false), 'cancelled');
    assert.equal(classifyOutcome(408, true), 'no-answer');
    assert.equal(classifyOutcome(408, false), 'failed');
    assert.equal(classifyOutcome(503, true), 'failed');
    assert.equal(classifyOutcome(null, true), 'no-answer');
    assert.equal(classifyOutcome(null, false), 'no-final');
  });
});

describe('correlate', () => {
  it('follows an answered call hung up by the local side, with times', () => {
    const r = run([
      { text: req('INVITE'), direction: 'sent', at: T0 },
      { text: res('100 Trying', 'INVITE'), direction: 'received', at: T0 + 20 },
      { text: res('180 Ringing', 'INVITE', { toTag: 'callee' }), direction: 'received', at: T0 + 300 },
      { text: res('200 OK', 'INVITE', { toTag: 'callee' }), direction: 'received', at: T0 + 1200 },
      { text: req('ACK', { toTag: 'callee' }), direction: 'sent', at: T0 + 1210 },
      { text: req('BYE', { toTag: 'callee', seq: 2 }), direction: 'sent', at: T0 + 31700 },
      { text: res('200 OK', 'BYE', { toTag: 'callee', seq: 2 }), direction: 'received', at: T0 + 31720 },
    ]);
    assert.equal(r.calls.length, 1);
    const call = r.calls[0];
    assert.equal(call.outcome, 'answered');
    assert.equal(call.finalStatus, 200);
    assert.equal(call.finalReason, 'OK');
    assert.equal(call.endedBy, 'local');
    assert.equal(call.from, '1001');
    assert.equal(call.to, '2002');
    assert.equal(call.startTime, '2026-11-21T23:22:27.183Z');
    assert.equal(call.startClock, '23:22:27.183');
    assert.equal(call.setupMs, 1200);
    assert.equal(call.pddMs, 300);
    assert.equal(call.durationMs, 30500);
    assert.equal(call.finalLine, r.messages[3].frame.startLine);
    assert.equal(r.transactions.length, 0);
    assert.equal(r.requestOf[6], 5);
    assert.deepEqual([...r.callOf], [0, 0, 0, 0, 0, 0, 0]);
  });

  it('tells a remote hang-up from direction', () => {
    const r = run([
      { text: req('INVITE'), direction: 'received' },
      { text: res('200 OK', 'INVITE', { toTag: 'me' }), direction: 'sent' },
      { text: req('BYE', { toTag: 'me', seq: 2 }), direction: 'received' },
    ]);
    // We answered (callee is local), and the caller hung up: the far side ended it.
    assert.equal(r.calls[0].endedBy, 'remote');
    assert.equal(r.calls[0].outgoing, false);
  });

  it('without direction, the caller is local and the From-tag tells who hung up', () => {
    const calleeBye = [
      { text: req('INVITE') },
      { text: res('200 OK', 'INVITE', { toTag: 'callee' }) },
      { text: req('BYE', { fromTag: 'callee', toTag: 'caller', seq: 1 }) },
    ];
    assert.equal(run(calleeBye).calls[0].endedBy, 'remote');
    const callerBye = [calleeBye[0], calleeBye[1], { text: req('BYE', { toTag: 'callee', seq: 2 }) }];
    assert.equal(run(callerBye).calls[0].endedBy, 'local');
  });

  it('uses local addresses where the trace records only addresses', () => {
    const a = { host: '10.0.0.1', port: 5060 };
    const b = { host: '10.0.0.9', port: 5060 };
    const specs = [
      { text: req('INVITE'), src: a, dst: b },
      { text: res('200 OK', 'INVITE', { toTag: 'callee' }), src: b, dst: a },
      { text: req('BYE', { fromTag: 'callee', toTag: 'caller', seq: 1 }), src: b, dst: a },
    ];
    assert.equal(run(specs).calls[0].endedBy, 'remote');
    const asCallee = run(specs, { localAddresses: ['10.0.0.9:5060'] }).calls[0];
    assert.equal(asCallee.outgoing, false);
    assert.equal(asCallee.endedBy, 'local');
  });

  it('treats a 407 answered by an authenticated retry as normal', () => {
    const r = run([
      { text: req('INVITE') },
      { text: res('407 Proxy Authentication Required', 'INVITE', { toTag: 'p' }) },
      { text: req('ACK', { toTag: 'p' }) },
      { text: req('INVITE', { seq: 2, extra: ['Proxy-Authorization: Digest username="u"'] }) },
      { text: res('200 OK', 'INVITE', { seq: 2, toTag: 'callee' }) },
    ]);
    const call = r.calls[0];
    assert.equal(call.outcome, 'answered');
    assert.equal(call.finalStatus, 200);
    assert.equal(call.firstInvite, 0);
    assert.equal(call.lastInvite, 3);
    assert.ok(r.benignFinals.has(1));
  });

  it('a challenge inside the dialog, answered by a retry, is normal too', () => {
    const r = run([
      { text: req('INVITE') },
      { text: res('200 OK', 'INVITE', { toTag: 'b' }) },
      { text: req('BYE', { toTag: 'b', seq: 2 }) },
      { text: res('401 Unauthorized', 'BYE', { toTag: 'b', seq: 2 }) },
      { text: req('BYE', { toTag: 'b', seq: 3 }) },
      { text: res('200 OK', 'BYE', { toTag: 'b', seq: 3 }) },
      { text: req('INVITE', { toTag: 'b', seq: 4 }) },
      { text: res('407 Proxy Authentication Required', 'INVITE', { toTag: 'b', seq: 4 }) },
    ]);
    assert.deepEqual([...r.benignFinals], [3]);
    assert.equal(r.calls[0].endedBy, 'local');
  });

  it('a 407 without a retry fails the call', () => {
    const r = run([{ text: req('INVITE') }, { text: res('407 Proxy Authentication Required', 'INVITE', { toTag: 'p' }) }]);
    assert.equal(r.calls[0].outcome, 'failed');
    assert.equal(r.benignFinals.size, 0);
  });

  it('ringing then CANCEL is no-answer; CANCEL before ringing is cancelled', () => {
    const rang = run([
      { text: req('INVITE') },
      { text: res('180 Ringing', 'INVITE', { toTag: 't' }) },
      { text: req('CANCEL') },
      { text: res('200 OK', 'CANCEL') },
      { text: res('487 Request Terminated', 'INVITE', { toTag: 't' }) },
    ]);
    assert.equal(rang.calls[0].outcome, 'no-answer');
    assert.equal(rang.calls[0].finalStatus, 487);
    assert.ok(rang.benignFinals.has(4));
    const early = run([{ text: req('INVITE') }, { text: res('100 Trying', 'INVITE') }, { text: req('CANCEL') }, { text: res('487 Request Terminated', 'INVITE', { toTag: 't' }) }]);
    assert.equal(early.calls[0].outcome, 'cancelled');
  });

  it('100 Trying and nothing else is no-final; ringing with no final is no-answer', () => {
    assert.equal(run([{ text: req('INVITE') }, { text: res('100 Trying', 'INVITE') }]).calls[0].outcome, 'no-final');
    const ringing = run([{ text: req('INVITE') }, { text: res('183 Session Progress', 'INVITE', { toTag: 'x' }) }]).calls[0];
    assert.equal(ringing.outcome, 'no-answer');
    assert.equal(ringing.finalStatus, null);
    assert.equal(ringing.finalLine, null);
  });

  it('a 9xx is route-blocked and its Reason becomes the cause', () => {
    const r = run([{ text: req('INVITE') }, { text: res('903 Route blocked', 'INVITE', { toTag: 'gw', extra: ['Reason: Q.850;cause=21;text="Call rejected"'] }) }]);
    assert.equal(r.calls[0].outcome, 'route-blocked');
    assert.equal(r.calls[0].finalStatus, 903);
    assert.match(r.calls[0].cause ?? '', /^Q\.850 21/);
  });

  it('a re-INVITE inside the dialog never changes the outcome', () => {
    const r = run([
      { text: req('INVITE') },
      { text: res('200 OK', 'INVITE', { toTag: 'b' }) },
      { text: req('ACK', { toTag: 'b' }) },
      { text: req('INVITE', { seq: 2, toTag: 'b' }) },
      { text: res('491 Request Pending', 'INVITE', { seq: 2, toTag: 'b' }) },
    ]);
    assert.equal(r.calls[0].outcome, 'answered');
    assert.equal(r.calls[0].finalStatus, 200);
  });

  it('counts retransmissions once and keeps the first copy', () => {
    const r = run([
      { text: req('INVITE'), direction: 'sent', at: T0 },
      { text: req('INVITE'), direction: 'sent', at: T0 + 500 },
      { text: res('486 Busy Here', 'INVITE', { toTag: 'b' }), direction: 'received', at: T0 + 900 },
      { text: res('486 Busy Here', 'INVITE', { toTag: 'b' }), direction: 'received', at: T0 + 1400 },
    ]);
    assert.deepEqual(r.messages.map((m) => m.retransmission), [false, true, false, true]);
    const call = r.calls[0];
    assert.equal(call.outcome, 'busy');
    assert.equal(call.finalLine, r.messages[2].frame.startLine);
    assert.equal(call.setupMs, 900);
  });

  it('with forked responses, a 2xx from any branch answers', () => {
    const r = run([
      { text: req('INVITE') },
      { text: res('180 Ringing', 'INVITE', { toTag: 'fork-a' }) },
      { text: res('180 Ringing', 'INVITE', { toTag: 'fork-b' }) },
      { text: res('200 OK', 'INVITE', { toTag: 'fork-b' }) },
      { text: res('487 Request Terminated', 'INVITE', { toTag: 'fork-a' }) },
    ]);
    assert.equal(r.calls[0].outcome, 'answered');
    assert.equal(r.calls[0].finalStatus, 200);
  });

  it('puts everything without an initial INVITE into transactions', () => {
    const r = run([
      { text: req('OPTIONS', { callId: 'o1' }) },
      { text: res('200 OK', 'OPTIONS', { callId: 'o1', toTag: 'x' }) },
      { text: req('REGISTER', { callId: 'r1' }) },
      { text: res('401 Unauthorized', 'REGISTER', { callId: 'r1', toTag: 'y' }) },
      { text: req('REGISTER', { callId: 'r1', seq: 2 }) },
      { text: res('200 OK', 'REGISTER', { callId: 'r1', seq: 2, toTag: 'y' }) },
      { text: req('BYE', { callId: 'mid', toTag: 'z', seq: 5 }) },
    ]);
    assert.equal(r.calls.length, 0);
    assert.deepEqual(
      r.transactions.map((t) => [t.method, t.callId, t.finalStatus]),
      [
        ['OPTIONS', 'o1', 200],
        ['REGISTER', 'r1', 401],
        ['REGISTER', 'r1', 200],
        ['BYE', 'mid', null],
      ],
    );
    assert.ok(r.benignFinals.has(3));
    assert.equal(r.transactionOf[5], 2);
  });

  // A registration that keeps its Call-ID: every round is challenged, the challenged REGISTER is
  // sent again (a retransmission), and the authenticated retry is accepted. Few rounds make a
  // small Call-ID group, many make a big one; both are correlated alike.
  for (const rounds of [2, 12]) {
    it(`correlates a ${rounds * 5}-message Call-ID of challenged registrations`, () => {
      const specs: Spec[] = [];
      for (let r = 0; r < rounds; r++) {
        const seq = 2 * r + 1;
        const ids = { callId: 'reg', branch: `z9hG4bK-r${r}` };
        specs.push(
          { text: req('REGISTER', { ...ids, seq }), direction: 'sent' },
          { text: res('401 Unauthorized', 'REGISTER', { ...ids, seq, toTag: 'registrar' }), direction: 'received' },
          { text: req('REGISTER', { ...ids, seq }), direction: 'sent' },
          { text: req('REGISTER', { callId: 'reg', seq: seq + 1, branch: `z9hG4bK-a${r}` }), direction: 'sent' },
          { text: res('200 OK', 'REGISTER', { callId: 'reg', seq: seq + 1, branch: `z9hG4bK-a${r}`, toTag: 'registrar' }), direction: 'received' },
        );
      }
      const r = run(specs);
      const at = (round: number, step: number) => round * 5 + step;
      assert.equal(r.calls.length, 0);
      assert.deepEqual(
        r.messages.map((m) => m.retransmission),
        specs.map((_, i) => i % 5 === 2),
      );
      assert.equal(r.transactions.length, 2 * rounds);
      for (let round = 0; round < rounds; round++) {
        assert.equal(r.requestOf[at(round, 1)], at(round, 0));
        assert.equal(r.requestOf[at(round, 4)], at(round, 3));
        // Every 401 is followed by a retry with a higher CSeq, so none is a failure.
        assert.ok(r.benignFinals.has(at(round, 1)));
        assert.deepEqual(
          [r.transactions[2 * round], r.transactions[2 * round + 1]].map((t) => [t.cseq, t.finalStatus, t.messages]),
          [
            [2 * round + 1, 401, [at(round, 0), at(round, 1), at(round, 2)]],
            [2 * round + 2, 200, [at(round, 3), at(round, 4)]],
          ],
        );
      }
      assert.equal(r.benignFinals.size, rounds);
    });
  }

  // A long call: re-INVITEs every few minutes, each answered, the last one's 200 sent twice.
  for (const refreshes of [3, 12]) {
    it(`follows a call with ${refreshes} re-INVITEs and a CANCEL of another attempt`, () => {
      const specs: Spec[] = [
        { text: req('INVITE'), direction: 'sent', at: T0 },
        { text: res('180 Ringing', 'INVITE', { toTag: 'callee' }), direction: 'received', at: T0 + 100 },
        { text: res('200 OK', 'INVITE', { toTag: 'callee' }), direction: 'received', at: T0 + 2000 },
        { text: req('ACK', { toTag: 'callee' }), direction: 'sent', at: T0 + 2010 },
      ];
      for (let k = 0; k < refreshes; k++) {
        const ids = { toTag: 'callee', seq: k + 2, branch: `z9hG4bK-re${k}` };
        const at = T0 + 2010 + (k + 1) * 60_000;
        specs.push(
          { text: req('INVITE', ids), direction: 'sent', at },
          { text: res('200 OK', 'INVITE', ids), direction: 'received', at: at + 50 },
          { text: req('ACK', { ...ids, branch: `z9hG4bK-ack${k}` }), direction: 'sent', at: at + 60 },
        );
      }
      const lastOk = specs.length - 2;
      specs.push({ ...specs[lastOk], at: T0 + 2010 + refreshes * 60_000 + 550 });
      const byeAt = T0 + 2010 + (refreshes + 1) * 60_000;
      const byeIds = { toTag: 'callee', seq: refreshes + 2 };
      specs.push(
        { text: req('BYE', byeIds), direction: 'received', at: byeAt },
        { text: res('200 OK', 'BYE', byeIds), direction: 'sent', at: byeAt + 10 },
      );
      const r = run(specs);
      assert.equal(r.calls.length, 1);
      const call = r.calls[0];
      assert.equal(call.outcome, 'answered');
      assert.equal(call.finalResponse, 2);
      assert.equal(call.firstRinging, 1);
      assert.equal(call.bye, specs.length - 2);
      assert.equal(call.endedBy, 'remote');
      assert.equal(call.setupMs, 2000);
      assert.equal(call.durationMs, byeAt - (T0 + 2000));
      assert.deepEqual(call.messages, specs.map((_, i) => i));
      assert.deepEqual(
        r.messages.map((m) => m.retransmission),
        specs.map((_, i) => i === specs.length - 3),
      );
      assert.equal(r.requestOf[lastOk], lastOk - 1);
      assert.equal(r.requestOf[specs.length - 1], specs.length - 2);
    });
  }

  it('cancels in a big Call-ID group as in a small one', () => {
    // Many OPTIONS keep-alives share the Call-ID of an INVITE attempt that is cancelled.
    const specs: Spec[] = [];
    for (let k = 0; k < 40; k++) specs.push({ text: req('OPTIONS', { callId: 'x', seq: 100 + k }) });
    specs.push(
      { text: req('INVITE', { callId: 'x', seq: 1 }) },
      { text: req('CANCEL', { callId: 'x', seq: 1, branch: 'z9hG4bK-INVITE-1' }) },
      { text: res('487 Request Terminated', 'INVITE', { callId: 'x', seq: 1, toTag: 't' }) },
    );
    const r = run(specs);
    assert.equal(r.calls.length, 1);
    assert.equal(r.calls[0].outcome, 'cancelled');
    assert.equal(r.calls[0].cancel, 41);
    assert.ok(r.benignFinals.has(42));
    assert.equal(r.requestOf[42], 40);
  });

  it('gives start times on any day, before 1970 and at the turn of a day', () => {
    const times = [
      Date.UTC(2026, 10, 21, 23, 59, 59, 999),
      Date.UTC(2026, 10, 22, 0, 0, 0, 0),
      Date.UTC(2026, 10, 22, 0, 0, 0, 1) + 0.75,
      Date.UTC(1969, 11, 31, 23, 59, 59, 500),
      -0.25,
      Date.UTC(2026, 10, 22, 13, 5, 7, 42),
    ];
    const r = run(times.map((at, k) => ({ text: req('INVITE', { callId: `t${k}` }), at })));
    assert.deepEqual(
      r.calls.map((c) => [c.startTime, c.startClock]),
      [
        ['2026-11-21T23:59:59.999Z', '23:59:59.999'],
        ['2026-11-22T00:00:00.000Z', '00:00:00.000'],
        ['2026-11-22T00:00:00.001Z', '00:00:00.001'],
        ['1969-12-31T23:59:59.500Z', '23:59:59.500'],
        // A Date keeps whole milliseconds towards zero; the clock counts down to the millisecond.
        ['1970-01-01T00:00:00.000Z', '23:59:59.999'],
        ['2026-11-22T13:05:07.042Z', '13:05:07.042'],
      ],
    );
  });

  it('lists calls in file order', () => {
    const r = run([
      { text: req('OPTIONS', { callId: 'b' }) },
      { text: req('INVITE', { callId: 'a' }) },
      { text: req('INVITE', { callId: 'b2' }) },
    ]);
    assert.deepEqual(r.calls.map((c) => c.callId), ['a', 'b2']);
    assert.deepEqual([...r.callOf], [-1, 0, 1]);
  });
});
