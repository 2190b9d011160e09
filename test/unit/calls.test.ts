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
