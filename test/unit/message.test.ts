import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyzeTrace } from '../../server/src/analysis/analyze';
import { LINK_HEADERS, MAX_HEADER_LINES, parseNameAddr, parseSipMessage, splitHeaderValues, uriUser } from '../../server/src/analysis/message';

const INVITE = [
  'INVITE sip:2002@example.com SIP/2.0',
  'Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-abc;rport',
  'Max-Forwards: 70',
  'From: "Alice" <sip:1001@example.com>;tag=from-1',
  'To: <sip:2002@example.com>',
  'Call-ID: call-1@10.0.0.1',
  'CSeq: 1 INVITE',
  'Content-Type: application/sdp',
  'Content-Length: 13',
  '',
  'v=0',
  'o=- 1 1',
  '',
].join('\r\n');

describe('parseSipMessage', () => {
  it('reads a request with the fields correlation needs', () => {
    const m = parseSipMessage(INVITE, { bytesIntact: true });
    assert.equal(m.kind, 'request');
    assert.equal(m.method, 'INVITE');
    assert.equal(m.requestUri, 'sip:2002@example.com');
    assert.equal(m.callId, 'call-1@10.0.0.1');
    assert.deepEqual(m.cseq, { seq: 1, method: 'INVITE' });
    assert.equal(m.from?.user, '1001');
    assert.equal(m.from?.tag, 'from-1');
    assert.equal(m.from?.displayName, 'Alice');
    assert.equal(m.to?.tag, undefined);
    assert.equal(m.branch, 'z9hG4bK-abc');
    assert.equal(m.viaHost, '10.0.0.1');
    assert.equal(m.contentLength, 13);
    assert.equal(m.hasSdp, true);
    assert.equal(m.body, 'v=0\r\no=- 1 1\r\n'.slice(0, 13));
    assert.deepEqual(m.problems, []);
  });

  it('reads a status line, a 9xx included, and Reason headers', () => {
    const m = parseSipMessage(
      'SIP/2.0 903 Route blocked\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\nFrom: <sip:a@h>;tag=1\nTo: <sip:b@h>;tag=2\nCall-ID: x\nCSeq: 1 INVITE\nReason: Q.850;cause=21\nContent-Length: 0\n\n',
    );
    assert.equal(m.kind, 'response');
    assert.equal(m.status, 903);
    assert.equal(m.reason, 'Route blocked');
    assert.deepEqual(m.reasonHeaders, ['Q.850;cause=21']);
    assert.deepEqual(m.problems, []);
  });

  it('understands compact forms, any case and folded lines', () => {
    const m = parseSipMessage(
      'BYE sip:a@h SIP/2.0\r\nv: SIP/2.0/TCP h:5060\r\n ;branch=z9hG4bKfold\r\nf: <sip:a@h>;tag=1\r\nt: <sip:b@h>;tag=2\r\ni: folded\r\ncseq: 2 BYE\r\nl: 0\r\n\r\n',
    );
    assert.equal(m.callId, 'folded');
    assert.equal(m.branch, 'z9hG4bKfold');
    assert.equal(m.to?.tag, '2');
    assert.deepEqual(m.problems, []);
    const via = m.headers.find((h) => h.name === 'via');
    assert.equal(via?.value, 'SIP/2.0/TCP h:5060 ;branch=z9hG4bKfold');
    assert.equal(via?.rawName, 'v');
    assert.equal(m.headers.find((h) => h.name === 'call-id')?.line, 5);
  });

  it('notes a header legs are linked by, in any case, folded or with white space before the colon', () => {
    const bye = (extra: string, body = '') =>
      `BYE sip:a@h SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>;tag=2\r\nCall-ID: c\r\nCSeq: 2 BYE\r\n${extra}Content-Length: ${body.length}\r\n\r\n${body}`;
    for (const header of ['X-Call-ID: b-leg', 'x-cid : b-leg', 'X-ORIG-CALL-ID:b-leg', 'Session-ID: ab30317f1a784dc48ff824d0d3715d86', 'P-Charging-Vector\r\n : icid-value=1']) {
      assert.equal(parseSipMessage(bye(`${header}\r\n`)).hasLinkHeader, true, header);
    }
    // Only a header's name counts: not a longer name, a value or the body that mention one.
    for (const [extra, body] of [
      ['X-Call-IDs: b-leg\r\n', ''],
      ['X-Session-ID: 1\r\n', ''],
      ['Subject: X-Call-ID: b-leg\r\n', ''],
      ['Content-Type: message/sipfrag\r\n', 'X-Call-ID: b-leg\r\n'],
      ['', ''],
    ]) {
      assert.equal(parseSipMessage(bye(extra, body)).hasLinkHeader, false, JSON.stringify(extra + body));
    }
  });

  it('notes a link header exactly when the header list holds one', () => {
    // Names near the link headers' spellings: other case, white space, a non-ASCII letter, a fold.
    const name = fc.oneof(
      fc.constantFrom(...LINK_HEADERS, 'x-call', 'session-i', 'p-charging-vectors', 'allow', 'supported', 'content-length', 'x-cİd', '\u00a0x-cid'),
      fc.string({ maxLength: 18 }),
    );
    const header = fc.tuple(name, fc.boolean(), fc.constantFrom('', ' ', '\t', '\r\n '), fc.string({ maxLength: 8 })).map(
      ([n, upper, space, value]) => `${upper ? n.toUpperCase() : n}${space}:${value.replace(/[\r\n]/g, '')}`,
    );
    fc.assert(
      fc.property(fc.array(header, { maxLength: 6 }), (headers) => {
        const m = parseSipMessage(['OPTIONS sip:h SIP/2.0', 'Via: SIP/2.0/UDP h;branch=z9hG4bK1', ...headers, 'Call-ID: p', '', ''].join('\r\n'));
        assert.equal(m.hasLinkHeader, m.headers.some((h) => LINK_HEADERS.includes(h.name)));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a display name holding < and > as text', () => {
    const m = parseSipMessage('INVITE sip:a@h SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\nFrom: "<img src=x onerror=alert(1)>" <sip:1000@h>;tag=1\nTo: <sip:b@h>\nCall-ID: d\nCSeq: 1 INVITE\n\n');
    assert.deepEqual(m.problems, []);
    assert.equal(m.from?.user, '1000');
    assert.equal(m.from?.tag, '1');
  });

  it('takes header names such as constructor and __proto__ as plain names', () => {
    const m = parseSipMessage('OPTIONS sip:h SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\nconstructor: x\n__proto__: y\nFrom: <sip:a@h>;tag=1\nTo: <sip:h>\nCall-ID: p\nCSeq: 1 OPTIONS\n\n');
    assert.deepEqual(m.problems, []);
    assert.deepEqual(m.headers.slice(1, 3).map((h) => [h.name, h.value]), [['constructor', 'x'], ['__proto__', 'y']]);
  });

  it('names what is wrong with a malformed message', () => {
    const noCallId = parseSipMessage('OPTIONS sip:h SIP/2.0\nVia: SIP/2.0/UDP h\nFrom: <sip:a@h>;tag=1\nTo: <sip:h>\nCSeq: 1 OPTIONS\n\n');
    assert.deepEqual(noCallId.problems, ['missing Call-ID header']);
    const badCode = parseSipMessage('SIP/2.0 2x0 OK\nCall-ID: a\n\n');
    assert.equal(badCode.kind, 'invalid');
    assert.match(badCode.problems[0], /bad status code/);
    const badVersion = parseSipMessage('INVITE sip:a@h SIP/7.0\nVia: SIP/2.0/UDP h\nFrom: <sip:a@h>;tag=1\nTo: <sip:b@h>\nCall-ID: v\nCSeq: 1 INVITE\n\n');
    assert.match(badVersion.problems[0], /unknown SIP version SIP\/7\.0/);
    const badStart = parseSipMessage('INVITE sip:a@h\nCall-ID: a\n\n');
    assert.match(badStart.problems[0], /bad start line/);
    const negative = parseSipMessage('SIP/2.0 200 OK\nVia: SIP/2.0/UDP h\nFrom: <sip:a@h>;tag=1\nTo: <sip:b@h>\nCall-ID: n\nCSeq: 1 INVITE\nContent-Length: -5\n\n');
    assert.match(negative.problems.join(), /bad Content-Length "-5"/);
    const wrongMethod = parseSipMessage('BYE sip:a@h SIP/2.0\nVia: SIP/2.0/UDP h\nFrom: <sip:a@h>;tag=1\nTo: <sip:b@h>;tag=2\nCall-ID: w\nCSeq: 3 INVITE\n\n');
    assert.match(wrongMethod.problems.join(), /CSeq method INVITE does not match request method BYE/);
  });

  it('checks Content-Length only where the bytes are intact', () => {
    const text = 'INVITE sip:a@h SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>\r\nCall-ID: t\r\nCSeq: 1 INVITE\r\nContent-Length: 500\r\n\r\nv=0\r\n';
    assert.match(parseSipMessage(text, { bytesIntact: true }).problems.join(), /Content-Length 500 is larger than the body \(5 bytes\)/);
    assert.deepEqual(parseSipMessage(text, { bytesIntact: false }).problems, []);
  });

  it('counts body bytes, not characters', () => {
    const body = 's=café\r\n';
    const text = `MESSAGE sip:a@h SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>\r\nCall-ID: u\r\nCSeq: 1 MESSAGE\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    assert.deepEqual(parseSipMessage(text, { bytesIntact: true }).problems, []);
  });
});

describe('header helpers', () => {
  it('takes the user part of sip, sips and tel URIs', () => {
    assert.equal(uriUser('sip:%2B4930123@gw.example.com:5060;user=phone'), '+4930123');
    assert.equal(uriUser('sips:bob:secret@example.com'), 'bob');
    assert.equal(uriUser('tel:+1-212-555-0101;phone-context=x'), '+1-212-555-0101');
    assert.equal(uriUser('sip:gw.example.com:5060'), 'gw.example.com');
    assert.equal(uriUser('sip:[2001:db8::1]:5060'), '[2001:db8::1]');
  });
  it('parses name-addr and addr-spec forms', () => {
    assert.deepEqual(parseNameAddr('sip:1001@h;tag=abc'), { raw: 'sip:1001@h;tag=abc', displayName: undefined, uri: 'sip:1001@h', user: '1001', tag: 'abc' });
    const hostile = parseNameAddr('"<script>x</script>" <sip:1000@h>;tag=1');
    assert.equal(hostile.displayName, '<script>x</script>');
    assert.equal(hostile.user, '1000');
    const quoted = parseNameAddr('"Doe, John" <sip:j@h;transport=tcp>;tag=9');
    assert.equal(quoted.displayName, 'Doe, John');
    assert.equal(quoted.tag, '9');
    assert.equal(quoted.uri, 'sip:j@h;transport=tcp');
  });
  it('splits comma-separated values outside quotes and brackets', () => {
    assert.deepEqual(splitHeaderValues('"a, b" <sip:x@h>, <sip:y@h;p=1,2>'), ['"a, b" <sip:x@h>', '<sip:y@h;p=1,2>']);
  });
});

describe('Request-URI check', () => {
  // RFC 3261 §25.1: an absolute URI, `scheme:` then no white space; the parser reads it by
  // character codes, which must agree with the pattern the grammar gives.
  const ABSOLUTE = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
  it('accepts exactly `scheme:rest` without white space', () => {
    const piece = fc.constantFrom('sip', 'SIP', 'tel', 'x+y.z-1', '1sip', 's_p', ':', '::', '@', 'a', '9', '+', '\u00a0', '\u2028', '\v', '\f', '\u3000', '\ufeff', 'é', '');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), (parts) => {
        const uri = parts.join('');
        if (uri.length === 0) return;
        const message = parseSipMessage(`OPTIONS ${uri} SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\n\r\n`);
        const bad = message.problems.some((p) => p.startsWith('bad Request-URI'));
        assert.equal(bad, !ABSOLUTE.test(uri), JSON.stringify(uri));
      }),
      { seed: 3261, numRuns: 2000 },
    );
  });
});

describe('a header block of more lines than are listed', () => {
  const message = (headerLines: number): string =>
    ['INVITE sip:2002@gw SIP/2.0', 'Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1', 'From: <sip:1001@pbx>;tag=a', 'To: <sip:2002@gw>', 'Call-ID: many', 'CSeq: 1 INVITE']
      .concat(Array.from({ length: headerLines - 5 }, (_, i) => `X-Line: ${i}`))
      .join('\r\n') + '\r\n\r\n';
  const tooMany = /^more than 10,?000 header lines: only the first 10,?000 are listed$/;

  it('is read whole, listed up to the most, and reported', () => {
    const sip = parseSipMessage(message(MAX_HEADER_LINES + 1));
    assert.equal(sip.callId, 'many');
    assert.equal(sip.headers.length, MAX_HEADER_LINES);
    assert.deepEqual(sip.problems.filter((p) => tooMany.test(p)).length, 1);
  });

  it('of exactly the most lines is not reported', () => {
    const sip = parseSipMessage(message(MAX_HEADER_LINES));
    assert.equal(sip.headers.length, MAX_HEADER_LINES);
    assert.deepEqual(sip.problems, []);
  });

  it('is reported the same when the framing reads the trace', () => {
    for (const [lines, reported] of [[MAX_HEADER_LINES, false], [MAX_HEADER_LINES + 1, true]] as const) {
      const analysis = analyzeTrace(message(lines));
      assert.equal(analysis.messages.length, 1);
      assert.equal(analysis.messages[0]!.sip.problems.some((p) => tooMany.test(p)), reported, `${lines} lines`);
    }
  });
});
