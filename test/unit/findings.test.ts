// The findings stage on in-memory traces: each code fires on the flow it describes, and stays
// quiet on the normal flows that look like it (a challenge answered, a 487 after CANCEL,
// retransmissions then an answer, stale nonces, a proxy's 407 then the far end's 401, spirals).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeTrace } from '../../server/src/analysis/analyze';
import { classifyAddress, classifySpan } from '../../server/src/analysis/findings/addresses';
import { hostOfUri } from '../../server/src/analysis/findings/context';
import { holdKind, parseSdp } from '../../server/src/analysis/findings/sdp';
import { analyze, CALLEE, CALLER, codes, onlyCall, request, response, sdp, type Step } from './findings.helpers';

const TRYING = (at: number, seq = 1): Step => ({ at, dir: 'received', lines: response(100, 'Trying', { seq }) });
const RINGING = (at: number): Step => ({ at, dir: 'received', lines: response(180, 'Ringing', { toTag: 'callee' }) });
const OK = (at: number, extra: { seq?: number; method?: string; headers?: string[]; sdp?: string[]; branch?: string } = {}): Step => ({
  at,
  dir: 'received',
  lines: response(200, 'OK', { toTag: 'callee', sdp: extra.method && extra.method !== 'INVITE' ? undefined : sdp(CALLEE), ...extra }),
});
const INVITE = (at: number, extra: Parameters<typeof request>[1] = {}): Step => ({ at, dir: 'sent', lines: request('INVITE', { sdp: sdp(CALLER), ...extra }) });
const ACK = (at: number, seq = 1): Step => ({ at, dir: 'sent', lines: request('ACK', { seq, toTag: 'callee', branch: 'z9hG4bK-ack' }) });
const BYE = (at: number, seq = 2, dir: Step['dir'] = 'sent'): Step =>
  dir === 'sent'
    ? { at, dir, lines: request('BYE', { seq, toTag: 'callee', branch: 'z9hG4bK-bye' }) }
    : { at, dir, lines: request('BYE', { seq, fromTag: 'callee', toTag: 'caller', branch: 'z9hG4bK-bye2', from: `bob@${CALLEE}` }) };

/** A normal answered call: INVITE, 100, 180, 200, ACK, BYE, 200. */
function answered(): Step[] {
  return [INVITE(0), TRYING(20), RINGING(300), OK(1000), ACK(1010), BYE(5000), { at: 5010, dir: 'received', lines: response(200, 'OK', { seq: 2, method: 'BYE', toTag: 'callee', branch: 'z9hG4bK-bye' }) }];
}

describe('findings: normal flows are quiet', () => {
  it('a normal answered call has no findings and an answered verdict', () => {
    const analysis = analyze(answered());
    assert.deepEqual(codes(analysis), []);
    assert.match(onlyCall(analysis).verdict, /^Answered: 200 OK from 203\.0\.113\.7 1\.0 s after the INVITE, hung up by this side after 4\.0 s\.$/);
  });

  it('a normal 487 after CANCEL: no findings', () => {
    const analysis = analyze([
      INVITE(0),
      TRYING(20),
      RINGING(300),
      { at: 4000, dir: 'sent', lines: request('CANCEL', {}) },
      { at: 4010, dir: 'received', lines: response(200, 'OK', { method: 'CANCEL' }) },
      { at: 4020, dir: 'received', lines: response(487, 'Request Terminated', { toTag: 'callee' }) },
      ACK(4030),
    ]);
    assert.deepEqual(codes(analysis), []);
    assert.match(onlyCall(analysis).verdict, /^Not answered: it rang for 3\.7 s and the caller cancelled/);
  });

  it('retransmissions that are then answered: no no-response', () => {
    assert.deepEqual(codes(analyze([INVITE(0), INVITE(500), INVITE(1500), TRYING(1600), RINGING(1700), OK(1800), ACK(1810)])), []);
  });
});

describe('no-response', () => {
  it('fires on an INVITE retransmitted over UDP with nothing back, and the verdict says unreachable', () => {
    const analysis = analyze([INVITE(0), INVITE(500), INVITE(1500), INVITE(3500)]);
    const call = onlyCall(analysis);
    assert.deepEqual(call.findings.map((f) => f.code), ['no-response']);
    assert.equal(call.findings[0].at, 0);
    assert.equal(call.findings[0].related.length, 3);
    assert.equal(call.findings[0].fault, 'network');
    assert.match(call.findings[0].message, /sent 4 times over UDP/);
    assert.equal(call.outcome, 'no-final', 'findings never change the outcome');
    assert.match(call.verdict, /^No response: .*unreachable/);
  });

  it('does not fire on "100 Trying and then nothing"', () => {
    const analysis = analyze([INVITE(0), INVITE(500), TRYING(600)]);
    assert.deepEqual(codes(analysis), []);
    assert.match(onlyCall(analysis).verdict, /^No final response: 100 Trying/);
  });

  it('does not fire on a single UDP INVITE (no evidence yet)', () => {
    assert.deepEqual(codes(analyze([INVITE(0)])), []);
  });

  it('over TCP, fires only once Timer B (32 s) has passed while the trace runs on', () => {
    const tcp = { via: [`SIP/2.0/TCP ${CALLER}:5060;branch=z9hG4bK-1`] };
    const other = (at: number): Step => ({ at, dir: 'sent', lines: request('OPTIONS', { callId: 'other@test', branch: 'z9hG4bK-o' }) });
    assert.deepEqual(codes(analyze([INVITE(0, tcp), other(33_000)])), ['no-response']);
    assert.deepEqual(codes(analyze([INVITE(0, tcp), other(10_000)])), []);
  });
});

describe('ack-missing', () => {
  it('fires on a retransmitted 2xx with no ACK, with the BYE as related evidence', () => {
    const analysis = analyze([INVITE(0), TRYING(20), OK(500), OK(1000), OK(2000), BYE(32_500, 1, 'received')]);
    const call = onlyCall(analysis);
    assert.deepEqual(call.findings.map((f) => f.code), ['ack-missing']);
    assert.equal(call.outcome, 'answered');
    assert.match(call.findings[0].message, /sent 3 times/);
    assert.match(call.verdict, /ACK never reached the answering side/);
  });

  it('does not fire when the ACK is there, nor on a single 2xx', () => {
    assert.deepEqual(codes(analyze([INVITE(0), OK(500), OK(1000), ACK(1010)])), []);
    assert.deepEqual(codes(analyze([INVITE(0), OK(500)])), []);
  });
});

const PROXY_CHALLENGE = (realm: string, stale = false) => [`Proxy-Authenticate: Digest realm="${realm}", nonce="n1"${stale ? ', stale=true' : ''}, algorithm=MD5`];
const WWW_CHALLENGE = (realm: string, stale = false) => [`WWW-Authenticate: Digest realm="${realm}", nonce="n2"${stale ? ', stale=TRUE' : ''}`];
const PROXY_CREDS = ['Proxy-Authorization: Digest username="alice", realm="carrier", nonce="n1", uri="sip:5551234@203.0.113.7", response="0123"'];
const WWW_CREDS = ['Authorization: Digest username="alice", realm="far", nonce="n2", uri="sip:5551234@203.0.113.7", response="4567"'];

describe('auth-rejected', () => {
  const challenged = (challenge: string[], status = 407, reason = 'Proxy Authentication Required'): Step[] => [
    INVITE(0),
    { at: 10, dir: 'received', lines: response(status, reason, { toTag: 'p', headers: challenge }) },
    ACK(20),
    INVITE(30, { seq: 2, branch: 'z9hG4bK-2', headers: status === 407 ? PROXY_CREDS : WWW_CREDS }),
  ];

  it('fires on 407 → retry with credentials → 403; the verdict names the rejected credentials', () => {
    const analysis = analyze([...challenged(PROXY_CHALLENGE('carrier')), { at: 60, dir: 'received', lines: response(403, 'Forbidden', { seq: 2, branch: 'z9hG4bK-2', toTag: 'p' }) }]);
    const call = onlyCall(analysis);
    assert.deepEqual(call.findings.map((f) => f.code), ['auth-rejected']);
    assert.equal(call.findings[0].fault, 'local');
    assert.match(call.verdict, /^Failed: 403 Forbidden from 203\.0\.113\.7 after an authenticated retry — the far side rejected the credentials; check/);
  });

  it('fires on the same challenge again for the same realm', () => {
    const analysis = analyze([...challenged(PROXY_CHALLENGE('carrier')), { at: 60, dir: 'received', lines: response(407, 'Proxy Authentication Required', { seq: 2, branch: 'z9hG4bK-2', toTag: 'p', headers: PROXY_CHALLENGE('carrier') }) }]);
    assert.deepEqual(codes(analysis), ['auth-rejected']);
  });

  it('a normal challenge answered after the retry is quiet', () => {
    const analysis = analyze([...challenged(PROXY_CHALLENGE('carrier')), OK(100, { seq: 2, branch: 'z9hG4bK-2' }), ACK(110, 2)]);
    assert.deepEqual(codes(analysis), []);
  });

  it('a second challenge with stale=true, then success, is quiet', () => {
    const analysis = analyze([
      ...challenged(WWW_CHALLENGE('far'), 401, 'Unauthorized'),
      { at: 60, dir: 'received', lines: response(401, 'Unauthorized', { seq: 2, branch: 'z9hG4bK-2', toTag: 'p', headers: WWW_CHALLENGE('far', true) }) },
      ACK(70, 2),
      INVITE(80, { seq: 3, branch: 'z9hG4bK-3', headers: WWW_CREDS }),
      OK(120, { seq: 3, branch: 'z9hG4bK-3' }),
    ]);
    assert.deepEqual(codes(analysis), []);
  });

  it("a proxy's 407 then the far end's 401 (another realm) is normal", () => {
    const analysis = analyze([
      ...challenged(PROXY_CHALLENGE('carrier')),
      { at: 60, dir: 'received', lines: response(401, 'Unauthorized', { seq: 2, branch: 'z9hG4bK-2', toTag: 'f', headers: WWW_CHALLENGE('far') }) },
      ACK(70, 2),
      INVITE(80, { seq: 3, branch: 'z9hG4bK-3', headers: [...PROXY_CREDS, ...WWW_CREDS] }),
      OK(120, { seq: 3, branch: 'z9hG4bK-3' }),
    ]);
    assert.deepEqual(codes(analysis), []);
  });

  it('fires on a REGISTER transaction too', () => {
    const reg = (seq: number, headers: string[] = []) => request('REGISTER', { seq, method: 'REGISTER', callId: 'reg@test', branch: `z9hG4bK-r${seq}`, headers });
    const analysis = analyze([
      { at: 0, dir: 'sent', lines: reg(1) },
      { at: 10, dir: 'received', lines: response(401, 'Unauthorized', { seq: 1, method: 'REGISTER', callId: 'reg@test', branch: 'z9hG4bK-r1', headers: WWW_CHALLENGE('far') }) },
      { at: 20, dir: 'sent', lines: reg(2, WWW_CREDS) },
      { at: 30, dir: 'received', lines: response(403, 'Forbidden', { seq: 2, method: 'REGISTER', callId: 'reg@test', branch: 'z9hG4bK-r2' }) },
    ]);
    assert.deepEqual(analysis.transactions.flatMap((t) => t.findings.map((f) => f.code)), ['auth-rejected']);
  });
});

describe('media-rejected and unsupported-media-type', () => {
  it('488 with a Warning: offered codecs and the warning code in words', () => {
    const analysis = analyze([INVITE(0), { at: 50, dir: 'received', lines: response(488, 'Not Acceptable Here', { toTag: 'c', headers: ['Warning: 305 203.0.113.7 "No common codec"'] }) }, ACK(60)]);
    const call = onlyCall(analysis);
    assert.deepEqual(call.findings.map((f) => f.code), ['media-rejected']);
    assert.match(call.findings[0].message, /Offered: audio PCMU, PCMA\./);
    assert.match(call.findings[0].message, /Warning 305 \(incompatible media format\): "No common codec"/);
    assert.match(call.verdict, /^Failed: 488 Not Acceptable Here from 203\.0\.113\.7 — no media in common \(offered audio PCMU, PCMA\)/);
  });

  it('the verdict quotes the whole offer, dots in codec names included', () => {
    const offer = sdp(CALLER, 6000, ['a=rtpmap:96 G.726-32/8000', 'a=rtpmap:97 telephone-event/8000'], '96 97');
    const analysis = analyze([INVITE(0, { sdp: offer }), { at: 50, dir: 'received', lines: response(488, 'Not Acceptable Here', { toTag: 'c' }) }, ACK(60)]);
    assert.match(onlyCall(analysis).verdict, /\(offered audio G\.726-32\);/);
  });

  it('606 with the callee\'s supported codecs in its SDP', () => {
    const analysis = analyze([INVITE(0), { at: 50, dir: 'received', lines: response(606, 'Not Acceptable', { toTag: 'c', sdp: sdp(CALLEE, 7000, [], '18') }) }]);
    assert.match(onlyCall(analysis).findings[0].message, /It supports: audio G729\./);
  });

  it('an answer that rejects every stream (m= port 0)', () => {
    const analysis = analyze([INVITE(0), OK(50, { sdp: sdp(CALLEE, 0) }), ACK(60)]);
    assert.deepEqual(codes(analysis), ['media-rejected']);
    assert.equal(onlyCall(analysis).outcome, 'answered');
  });

  it('415 is about the body format, separately from codecs', () => {
    const analysis = analyze([INVITE(0), { at: 50, dir: 'received', lines: response(415, 'Unsupported Media Type', { toTag: 'c', headers: ['Accept: application/sdp'] }) }]);
    const call = onlyCall(analysis);
    assert.deepEqual(call.findings.map((f) => f.code), ['unsupported-media-type']);
    assert.match(call.findings[0].message, /not codecs/);
    assert.match(call.findings[0].message, /Accept: application\/sdp/);
  });
});

describe('hostOfUri', () => {
  it('reads the host of a URI, a bracketed IPv6 host without its brackets', () => {
    const cases: [string, string | undefined][] = [
      ['sip:alice@192.0.2.1:5060;transport=udp', '192.0.2.1'],
      ['SIPS:bob@[2001:db8::7]:5061', '2001:db8::7'],
      ['sip:pbx.example.net', 'pbx.example.net'],
      ['  sip:+4930123@gw.example.com?subject=x ', 'gw.example.com'],
      ['sips:[2001:db8::9]', '2001:db8::9'],
      ['198.51.100.7:5080', '198.51.100.7'],
      ['alice@203.0.113.5;user=phone', '203.0.113.5'],
      ['', undefined],
    ];
    for (const [uri, want] of cases) assert.equal(hostOfUri(uri), want, uri);
  });
});

describe('private-media-address', () => {
  it('classifies addresses by the exact ranges', () => {
    const cases: [string, string][] = [
      ['10.1.2.3', 'private'], ['172.16.0.1', 'private'], ['172.31.255.255', 'private'], ['172.32.0.1', 'public'], ['172.15.0.1', 'public'],
      ['192.168.1.1', 'private'], ['100.64.0.1', 'private'], ['100.127.255.255', 'private'], ['100.128.0.1', 'public'], ['100.63.255.255', 'public'],
      ['169.254.10.1', 'private'], ['fc00::1', 'private'], ['fd12:3456::1', 'private'], ['fe80::1', 'private'], ['febf::1', 'private'], ['fec0::1', 'public'],
      ['192.0.2.1', 'public'], ['198.51.100.7', 'public'], ['203.0.113.7', 'public'], ['2001:db8::1', 'public'], ['8.8.8.8', 'public'],
      ['127.0.0.1', 'neither'], ['0.0.0.0', 'neither'], ['::1', 'neither'], ['::', 'neither'], ['224.0.0.1', 'neither'], ['ff02::1', 'neither'],
      ['pbx.example.com', 'unknown'], ['[fe80::1]', 'private'], ['10.0.0.1:5060', 'unknown'], ['::ffff:10.1.1.1', 'private'], ['2001:db8:0:12345::1', 'unknown'],
    ];
    for (const [address, want] of cases) {
      assert.equal(classifyAddress(address), want, address);
      // Read in place from a longer text, the same.
      assert.equal(classifySpan(`x=${address};`, 2, 2 + address.length), want, address);
    }
    for (const [address, want] of [['010.0.0.1', 'private'], ['256.1.1.1', 'unknown'], ['1.2.3', 'unknown'], ['1.2.3.4.5', 'unknown'], ['1..2.3', 'unknown']]) {
      assert.equal(classifySpan(`(${address})`, 1, 1 + address.length), want, address);
    }
  });

  it('reads a received= written with spaces and capitals', () => {
    const inside = { via: ['SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK-1'], from: 'alice@10.0.0.5', contact: 'alice@10.0.0.5:5060', sdp: sdp('10.0.0.5') };
    const answer = response(100, 'Trying', { via: ['SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK-1 ; Received = 198.51.100.78;rport=40000'], from: 'alice@10.0.0.5' });
    const finding = onlyCall(analyze([INVITE(0, inside), { at: 10, dir: 'received', lines: answer }])).findings.find((f) => f.code === 'private-media-address');
    assert.ok(finding);
    assert.match(finding.message, /198\.51\.100\.78 \(Via received=\)/);
  });

  it('fires on a private c= from a sender whose Via sent-by is public', () => {
    const analysis = analyze([INVITE(0, { sdp: sdp('10.0.0.5') }), OK(500), ACK(510)]);
    const call = onlyCall(analysis);
    assert.deepEqual(call.findings.map((f) => f.code), ['private-media-address']);
    assert.match(call.findings[0].message, /SDP c= 10\.0\.0\.5.*public 198\.51\.100\.10/);
    assert.match(call.findings[0].message, /may not reach/);
    assert.doesNotMatch(call.findings[0].message, /audio quality|one-way audio/i);
  });

  it('fires on 100.64/10 addresses too, with Via received= as the evidence', () => {
    const inside = { via: ['SIP/2.0/UDP 100.64.3.4:5060;branch=z9hG4bK-1'], from: 'alice@100.64.3.4', contact: 'alice@100.64.3.4:5060', sdp: sdp('100.64.3.4') };
    const answer = response(100, 'Trying', { via: ['SIP/2.0/UDP 100.64.3.4:5060;branch=z9hG4bK-1;received=198.51.100.77;rport=40000'], from: 'alice@100.64.3.4' });
    const analysis = analyze([INVITE(0, inside), { at: 10, dir: 'received', lines: answer }]);
    const finding = onlyCall(analysis).findings.find((f) => f.code === 'private-media-address');
    assert.ok(finding);
    assert.match(finding.message, /198\.51\.100\.77 \(Via received=\)/);
  });

  it('takes the evidence from an earlier message of the side than the one that advertises', () => {
    // The callee's 180 shows it at public 203.0.113.40 (its Contact); its 200 then offers media
    // at 10.0.0.9 with a Contact by host name, which is no evidence.
    const ringing = response(180, 'Ringing', { toTag: 'callee', contact: '5551234@203.0.113.40:5060' });
    const ok = response(200, 'OK', { toTag: 'callee', contact: '5551234@pbx.example.com', sdp: sdp('10.0.0.9') });
    const analysis = analyze([INVITE(0), { at: 40, dir: 'received', lines: ringing }, { at: 90, dir: 'received', lines: ok }, ACK(100)]);
    const findings = onlyCall(analysis).findings.filter((f) => f.code === 'private-media-address');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].at, 2);
    assert.match(findings[0].message, /^The callee advertises a private address \(SDP c= 10\.0\.0\.9\) but is seen at public 203\.0\.113\.40 \(its Contact\)/);
  });

  it('gives each side its own finding, in the order the sides advertised', () => {
    // The callee's 200 advertises 10.0.0.9 (seen at its Contact 203.0.113.40); the caller's
    // re-INVITE then advertises 192.168.1.20 (seen at its Via sent-by 198.51.100.10).
    const ok = response(200, 'OK', { toTag: 'callee', contact: '5551234@203.0.113.40:5060', sdp: sdp('10.0.0.9') });
    const reinvite = request('INVITE', { seq: 2, toTag: 'callee', branch: 'z9hG4bK-2', contact: 'alice@192.168.1.20', sdp: sdp('198.51.100.10') });
    const reOk = response(200, 'OK', { seq: 2, toTag: 'callee', branch: 'z9hG4bK-2', contact: '5551234@203.0.113.40:5060', sdp: sdp('203.0.113.40') });
    const analysis = analyze([INVITE(0), { at: 90, dir: 'received', lines: ok }, ACK(100), { at: 2000, dir: 'sent', lines: reinvite }, { at: 2050, dir: 'received', lines: reOk }]);
    const findings = onlyCall(analysis).findings.filter((f) => f.code === 'private-media-address');
    assert.deepEqual(findings.map((f) => f.at), [1, 3]);
    assert.match(findings[0].message, /^The callee advertises a private address \(SDP c= 10\.0\.0\.9\) but is seen at public 203\.0\.113\.40 \(its Contact\)/);
    assert.match(findings[1].message, /^The caller advertises a private address \(Contact 192\.168\.1\.20\) but is seen at public 198\.51\.100\.10 \(its Via sent-by\)/);
  });

  it('is quiet when nothing shows a public address, and for loopback', () => {
    const inside = { via: ['SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK-1'], from: 'alice@10.0.0.5', contact: 'alice@10.0.0.5', sdp: sdp('10.0.0.5') };
    assert.deepEqual(codes(analyze([INVITE(0, inside)])), []);
    assert.deepEqual(codes(analyze([INVITE(0, { sdp: sdp('127.0.0.1') })])), []);
  });
});

describe('answered-elsewhere and cancel-after-answer', () => {
  const cancel = (at: number, headers: string[] = []): Step => ({ at, dir: 'sent', lines: request('CANCEL', { headers }) });
  it('a CANCEL with Reason SIP cause 200 is answered elsewhere, not a missed call', () => {
    const analysis = analyze([
      INVITE(0),
      RINGING(100),
      cancel(3000, ['Reason: SIP;cause=200;text="Call completed elsewhere"']),
      { at: 3010, dir: 'received', lines: response(487, 'Request Terminated', { toTag: 'callee' }) },
    ]);
    const call = onlyCall(analysis);
    assert.deepEqual(call.findings.map((f) => f.code), ['answered-elsewhere']);
    assert.equal(call.findings[0].severity, 'information');
    assert.equal(call.outcome, 'no-answer');
    assert.match(call.verdict, /^Answered elsewhere: .*not a missed call/);
  });

  it('a CANCEL with another reason is not', () => {
    assert.deepEqual(codes(analyze([INVITE(0), RINGING(100), cancel(3000, ['Reason: Q.850;cause=16'])])), []);
  });

  it('a 200 OK crossing the CANCEL', () => {
    const analysis = analyze([INVITE(0), RINGING(100), cancel(3000), OK(3001), { at: 3002, dir: 'received', lines: response(200, 'OK', { method: 'CANCEL' }) }, ACK(3010), BYE(3020)]);
    const call = onlyCall(analysis);
    assert.deepEqual(call.findings.map((f) => f.code), ['cancel-after-answer']);
    assert.equal(call.outcome, 'answered');
    assert.match(call.verdict, /crossed the CANCEL/);
  });
});

describe('loop', () => {
  it('fires on 482 and 483', () => {
    for (const [status, reason] of [[482, 'Loop Detected'], [483, 'Too Many Hops']] as const) {
      const analysis = analyze([INVITE(0), { at: 10, dir: 'received', lines: response(status, reason, { toTag: 'x' }) }]);
      assert.deepEqual(codes(analysis), ['loop'], String(status));
      assert.match(onlyCall(analysis).verdict, /routing loop/);
    }
  });

  it('fires on a request that arrives with Max-Forwards 0', () => {
    assert.deepEqual(codes(analyze([{ at: 0, dir: 'received', lines: request('OPTIONS', { method: 'OPTIONS', headers: ['Max-Forwards: 0'] }) }])), ['loop']);
  });

  /** A proxy's log: the INVITE in, out to itself (with `rewritten` as Request-URI), in again, and out again. */
  function throughProxyTwice(rewritten: string): Step[] {
    const proxy = '192.0.2.50:5060';
    const caller = `SIP/2.0/UDP ${CALLER}:5060;branch=z9hG4bK-1`;
    const first = `SIP/2.0/UDP ${proxy};branch=z9hG4bK-p1`;
    const second = `SIP/2.0/UDP ${proxy};branch=z9hG4bK-p2`;
    return [
      { at: 0, dir: 'received', lines: request('INVITE', { via: [caller], uri: 'sip:5551234@192.0.2.50' }) },
      { at: 1, dir: 'sent', lines: request('INVITE', { via: [first, caller], uri: rewritten, headers: ['Max-Forwards: 69'] }) },
      { at: 2, dir: 'received', lines: request('INVITE', { via: [first, caller], uri: rewritten, headers: ['Max-Forwards: 69'] }) },
      { at: 3, dir: 'sent', lines: request('INVITE', { via: [second, first, caller], uri: rewritten, headers: ['Max-Forwards: 68'] }) },
    ];
  }

  it('fires on the same hop twice with an unchanged Request-URI', () => {
    const analysis = analyze(throughProxyTwice('sip:5551234@192.0.2.50'));
    assert.deepEqual(codes(analysis), ['loop']);
    assert.match(onlyCall(analysis).findings[0].message, /192\.0\.2\.50:5060 twice/);
  });

  it('a spiral (the Request-URI changed between the passes) is not a loop', () => {
    assert.deepEqual(codes(analyze(throughProxyTwice('sip:5559876@192.0.2.50'))), []);
  });
});

describe('retry-after', () => {
  it('fires on a final with Retry-After, and says when', () => {
    const analysis = analyze([INVITE(0), { at: 10, dir: 'received', lines: response(503, 'Service Unavailable', { toTag: 'x', headers: ['Retry-After: 30'] }) }]);
    assert.deepEqual(codes(analysis), ['retry-after']);
    assert.match(onlyCall(analysis).findings[0].message, /try again in 30 s/);
    assert.match(onlyCall(analysis).verdict, /retry after 30 s/);
  });

  it('is quiet without the header', () => {
    assert.deepEqual(codes(analyze([INVITE(0), { at: 10, dir: 'received', lines: response(503, 'Service Unavailable', { toTag: 'x' }) }])), []);
  });
});

describe('session-expired', () => {
  const timerCall = (seconds: number, byeAfterMs: number, refreshAt?: number): Step[] => {
    const steps: Step[] = [INVITE(0), OK(1000, { headers: [`Session-Expires: ${seconds};refresher=uac`, 'Require: timer'] }), ACK(1010)];
    let base = 1000;
    if (refreshAt !== undefined) {
      steps.push({ at: refreshAt, dir: 'sent', lines: request('INVITE', { seq: 2, toTag: 'callee', branch: 'z9hG4bK-re', sdp: sdp(CALLER) }) });
      steps.push(OK(refreshAt + 10, { seq: 2, branch: 'z9hG4bK-re', headers: [`Session-Expires: ${seconds};refresher=uac`] }));
      steps.push(ACK(refreshAt + 20, 2));
      base = refreshAt + 10;
    }
    steps.push(BYE(base + byeAfterMs, 3, 'received'));
    return steps;
  };

  it('fires on a BYE inside the expiry window [S − min(32, S/3) − 1 s, S + 2 s]', () => {
    // S = 90: the window is 59 s … 92 s after the 2xx.
    assert.deepEqual(codes(analyze(timerCall(90, 59_000))), ['session-expired']);
    assert.deepEqual(codes(analyze(timerCall(90, 92_000))), ['session-expired']);
    assert.deepEqual(codes(analyze(timerCall(90, 58_900))), []);
    assert.deepEqual(codes(analyze(timerCall(90, 92_100))), []);
    // S = 1800: min(32, 600) = 32, so 1767 s … 1802 s.
    assert.deepEqual(codes(analyze(timerCall(1800, 1_767_000))), ['session-expired']);
    assert.deepEqual(codes(analyze(timerCall(1800, 1_766_000))), []);
    // S below RFC 4028's minimum is still accepted: S = 10 gives 5.67 s … 12 s.
    assert.deepEqual(codes(analyze(timerCall(10, 5_700))), ['session-expired']);
    assert.deepEqual(codes(analyze(timerCall(10, 5_600))), []);
  });

  it('counts from the last successful refresh', () => {
    assert.deepEqual(codes(analyze(timerCall(90, 15_000, 46_000))), []);
    assert.deepEqual(codes(analyze(timerCall(90, 60_000, 46_000))), ['session-expired']);
  });

  it('the verdict says it was not a user hang-up', () => {
    const call = onlyCall(analyze(timerCall(90, 60_000)));
    assert.equal(call.outcome, 'answered');
    assert.match(call.verdict, /session-timer expiry.*not by a user hang-up/);
  });
});

describe('udp-too-large', () => {
  it('fires over 1300 bytes on the wire, by the marker\'s byte count', () => {
    assert.deepEqual(codes(analyze([{ ...INVITE(0), bytes: 1301 }])), ['udp-too-large']);
    assert.deepEqual(codes(analyze([{ ...INVITE(0), bytes: 1300 }])), []);
  });

  it('counts the CRLF length where the framing gives no byte count', () => {
    // A raw trace with LF line ends: the wire form has CRLF, one byte more per line.
    const invite = (padding: number) =>
      [
        'INVITE sip:5551234@203.0.113.7 SIP/2.0',
        'Via: SIP/2.0/UDP 198.51.100.10:5060;branch=z9hG4bK-raw',
        'From: <sip:alice@198.51.100.10>;tag=a',
        'To: <sip:5551234@203.0.113.7>',
        'Call-ID: raw-size@test',
        'CSeq: 1 INVITE',
        `X-Padding: ${'p'.repeat(padding)}`,
        'Content-Length: 0',
        '',
        '',
      ].join('\n');
    const lfBytes = (padding: number) => invite(padding).length;
    const lines = invite(0).split('\n').length - 1;
    // The largest padding whose CRLF size is still 1300 bytes, and one more.
    const fits = 1300 - lines - lfBytes(0);
    assert.equal(lfBytes(fits) + lines, 1300);
    assert.deepEqual(codes(analyzeTrace(invite(fits))), []);
    assert.deepEqual(codes(analyzeTrace(invite(fits + 1))), ['udp-too-large']);
  });

  it('is quiet over TCP', () => {
    assert.deepEqual(codes(analyze([{ ...INVITE(0, { via: [`SIP/2.0/TCP ${CALLER}:5060;branch=z9hG4bK-1`] }), bytes: 1800 }])), []);
  });
});

describe('slow-setup', () => {
  it('fires on a post-dial delay above the threshold, not on a long ringing time', () => {
    assert.deepEqual(codes(analyze([INVITE(0), TRYING(20), RINGING(7000), OK(9000), ACK(9010)])), ['slow-setup']);
    assert.deepEqual(codes(analyze([INVITE(0), TRYING(20), RINGING(900), OK(40_000), ACK(40_010)])), []);
  });

  it('fires on a late first response', () => {
    const analysis = analyze([INVITE(0), TRYING(2500), RINGING(2600), OK(3000)]);
    assert.deepEqual(codes(analysis), ['slow-setup']);
    assert.match(onlyCall(analysis).findings[0].message, /first response \(100 Trying\) came 2\.5 s/);
  });

  it('uses the thresholds it is given', () => {
    const steps = [INVITE(0), TRYING(20), RINGING(5000), OK(6000)];
    assert.deepEqual(codes(analyze(steps)), []);
    assert.deepEqual(codes(analyze(steps, { pddMs: 4000, firstResponseMs: 2000 })), ['slow-setup']);
  });
});

describe('vendor-cause', () => {
  it('puts the Asterisk hang-up cause in words beside the Q.850 cause', () => {
    const bye = { at: 3000, dir: 'received' as const, lines: request('BYE', { seq: 3, fromTag: 'callee', toTag: 'caller', branch: 'z9hG4bK-b', headers: ['X-Asterisk-HangupCause: User busy', 'X-Asterisk-HangupCauseCode: 17'] }) };
    const analysis = analyze([INVITE(0), OK(500), ACK(510), bye]);
    const call = onlyCall(analysis);
    assert.deepEqual(call.findings.map((f) => f.code), ['vendor-cause']);
    assert.match(call.findings[0].message, /Asterisk hang-up cause: User busy \(Q\.850 17\)/);
  });

  it('reads X-Reason on a final', () => {
    const analysis = analyze([INVITE(0), { at: 10, dir: 'received', lines: response(480, 'Temporarily Unavailable', { toTag: 'x', headers: ['X-Reason: subscriber-offline'] }) }]);
    assert.deepEqual(codes(analysis), ['vendor-cause']);
  });
});

describe('hold and early-media', () => {
  const reinvite = (attributes: string[], address = CALLER): Step => ({ at: 2000, dir: 'sent', lines: request('INVITE', { seq: 2, toTag: 'callee', branch: 'z9hG4bK-re', sdp: sdp(address, 6000, attributes) }) });
  it('a re-INVITE with sendonly, inactive or c=0.0.0.0 is a hold', () => {
    for (const [attributes, address] of [[['a=sendonly'], CALLER], [['a=inactive'], CALLER], [[], '0.0.0.0']] as const) {
      const analysis = analyze([INVITE(0), OK(500), ACK(510), reinvite([...attributes], address)]);
      assert.deepEqual(codes(analysis), ['hold'], `${attributes.join()} ${address}`);
      assert.equal(onlyCall(analysis).findings[0].severity, 'information');
    }
  });

  it('a re-INVITE with sendrecv, or an initial INVITE with sendonly, is not', () => {
    assert.deepEqual(codes(analyze([INVITE(0), OK(500), ACK(510), reinvite(['a=sendrecv'])])), []);
    assert.deepEqual(codes(analyze([INVITE(0, { sdp: sdp(CALLER, 6000, ['a=sendonly']) }), OK(500)])), []);
  });

  it('an 18x with SDP is early media; one without is not', () => {
    const early = { at: 100, dir: 'received' as const, lines: response(183, 'Session Progress', { toTag: 'callee', sdp: sdp(CALLEE) }) };
    assert.deepEqual(codes(analyze([INVITE(0), early, OK(500)])), ['early-media']);
    assert.deepEqual(codes(analyze([INVITE(0), RINGING(100), OK(500)])), []);
  });

  it('reads SDP directions and hold kinds', () => {
    const parsed = parseSdp(sdp(CALLER, 6000, ['a=recvonly']).join('\r\n'));
    assert.equal(parsed?.media[0].direction, 'recvonly');
    assert.deepEqual(parsed?.media[0].codecs, ['PCMU/8000', 'PCMA/8000']);
    assert.equal(holdKind(parsed!), undefined);
  });
});

describe('verdicts', () => {
  it('route-blocked 9xx says local configuration, not the carrier', () => {
    const analysis = analyze([INVITE(0), { at: 10, dir: 'received', lines: response(903, 'Route blocked', { toTag: 'x' }) }]);
    assert.match(onlyCall(analysis).verdict, /^Route blocked: 903 Route blocked from 203\.0\.113\.7 — the local gateway's configuration .*not the carrier/);
  });

  it('every verdict is one sentence', () => {
    const flows: Step[][] = [answered(), [INVITE(0), INVITE(500)], [INVITE(0), { at: 10, dir: 'received', lines: response(486, 'Busy Here', { toTag: 'x' }) }]];
    for (const steps of flows) {
      const verdict = onlyCall(analyze(steps)).verdict;
      assert.match(verdict, /^[A-Z][^]*\.$/);
      assert.equal(verdict.split(/\.\s+[A-Z]/).length, 1, verdict);
    }
  });
});
