// Tokenizes samples of every trace framing with the TextMate engine VS Code itself uses
// (vscode-textmate + the Oniguruma regex library compiled to wasm), so these assertions see
// the same scopes a theme would colour.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';

const GRAMMAR_PATH = path.join(__dirname, '..', '..', 'syntaxes', 'sip-trace.tmLanguage.json');
const SCOPE_NAME = 'source.sip-trace';

interface Token {
  text: string;
  start: number;
  end: number;
  scopes: string[];
}

let grammar: vsctm.IGrammar;

before(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName: string) =>
      scopeName === SCOPE_NAME
        ? vsctm.parseRawGrammar(readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH)
        : null,
  });
  const loaded = await registry.loadGrammar(SCOPE_NAME);
  assert.ok(loaded, 'grammar loads');
  grammar = loaded;
});

/** Tokenizes lines in order, carrying the rule stack as the editor does. */
function tokenize(text: string): Token[][] {
  let state = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({
      text: line.slice(t.startIndex, t.endIndex),
      start: t.startIndex,
      end: t.endIndex,
      scopes: t.scopes,
    }));
  });
}

function tokenizeLine(line: string): Token[] {
  const lines = tokenize(line);
  assert.equal(lines.length, 1);
  return lines[0]!;
}

/**
 * Asserts that every token covering the first occurrence of `needle` in the line carries
 * `scope`, and that `needle` is not glued to neighbouring text under that scope (the scoped
 * run is exactly the needle) unless `partOf` is set.
 */
function assertScope(tokens: Token[], needle: string, scope: string, partOf = false): void {
  const line = tokens.map((t) => t.text).join('');
  const from = line.indexOf(needle);
  assert.ok(from >= 0, `"${needle}" occurs in "${line}"`);
  const to = from + needle.length;
  const covering = tokens.filter((t) => t.end > from && t.start < to);
  for (const token of covering) {
    assert.ok(
      token.scopes.includes(scope),
      `"${token.text}" in "${line}" has ${scope}; it has ${token.scopes.join(' ')}`,
    );
  }
  if (partOf) return;
  const scoped = tokens.filter((t) => t.scopes.includes(scope));
  const runStart = Math.min(...scoped.filter((t) => t.end > from && t.start < to).map((t) => t.start));
  let runEnd = runStart;
  for (const token of scoped.filter((t) => t.start >= runStart).sort((a, b) => a.start - b.start)) {
    if (token.start !== runEnd) break;
    runEnd = token.end;
  }
  assert.equal(line.slice(runStart, runEnd), needle, `${scope} spans exactly "${needle}"`);
}

function assertNoScope(tokens: Token[], needle: string, scope: string): void {
  const line = tokens.map((t) => t.text).join('');
  const from = line.indexOf(needle);
  assert.ok(from >= 0, `"${needle}" occurs in "${line}"`);
  const to = from + needle.length;
  for (const token of tokens.filter((t) => t.end > from && t.start < to)) {
    assert.ok(!token.scopes.includes(scope), `"${token.text}" in "${line}" is not ${scope}`);
  }
}

describe('grammar: marker lines', () => {
  it('SIPp -trace_msg dashes with a timestamp, and the sent/received line', () => {
    const [dashes, sent, received] = tokenize(
      [
        '----------------------------------------------- 2026-11-21 12:30:57.916812',
        'UDP message sent (584 bytes):',
        'TCP message received [584] bytes :',
      ].join('\n'),
    );
    assertScope(dashes!, '-----', 'markup.heading.marker.sipp.sip-trace', true);
    assertScope(dashes!, '2026-11-21 12:30:57.916812', 'constant.numeric.timestamp.sip-trace');
    assertScope(sent!, 'UDP message sent (584 bytes):', 'markup.heading.marker.sipp.sip-trace');
    assertScope(sent!, 'sent', 'keyword.other.direction.sent.sip-trace');
    assertScope(sent!, '584', 'constant.numeric.bytes.sip-trace');
    assertScope(received!, 'TCP', 'constant.language.transport.sip-trace');
    assertScope(received!, 'received', 'keyword.other.direction.received.sip-trace');
  });

  it('Asterisk pjsip marker after a VERBOSE log prefix', () => {
    const tokens = tokenizeLine(
      '[Nov 21 23:59:36] VERBOSE[24833] <--- Received SIP request (584 bytes) from UDP:1.2.3.4:5060 --->',
    );
    assertScope(tokens, '[Nov 21 23:59:36]', 'constant.numeric.timestamp.sip-trace');
    assertScope(
      tokens,
      '<--- Received SIP request (584 bytes) from UDP:1.2.3.4:5060 --->',
      'markup.heading.marker.asterisk.sip-trace',
    );
    assertNoScope(tokens, 'VERBOSE', 'markup.heading.marker.asterisk.sip-trace');
    assertScope(tokens, 'Received', 'keyword.other.direction.received.sip-trace');
    assertScope(tokens, '1.2.3.4:5060', 'constant.numeric.ip-address.v4.sip-trace');
  });

  it('Asterisk chan_sip markers', () => {
    const [read, close, sent] = tokenize(
      [
        '<--- SIP read from UDP:127.0.0.1:5101 --->',
        '<------------->',
        'Reliably Transmitting (no NAT) to 127.0.0.1:5100:',
      ].join('\n'),
    );
    assertScope(read!, '<--- SIP read from UDP:127.0.0.1:5101 --->', 'markup.heading.marker.asterisk.sip-trace');
    assertScope(read!, 'read', 'keyword.other.direction.received.sip-trace');
    assertScope(close!, '<------------->', 'markup.heading.marker.asterisk.sip-trace');
    assertScope(sent!, 'Transmitting', 'keyword.other.direction.sent.sip-trace');
    assertScope(sent!, 'Reliably', 'markup.heading.marker.asterisk.sip-trace', true);
  });

  it('FreeSWITCH siptrace recv/send line', () => {
    const tokens = tokenizeLine('recv 584 bytes from udp/[1.2.3.4]:5090 at 12:30:57.916812:');
    assertScope(tokens, 'recv 584 bytes from udp/[1.2.3.4]:5090 at 12:30:57.916812:', 'markup.heading.marker.freeswitch.sip-trace');
    assertScope(tokens, 'recv', 'keyword.other.direction.recv.sip-trace');
    assertScope(tokens, '584', 'constant.numeric.bytes.sip-trace');
    assertScope(tokens, '[1.2.3.4]:5090', 'constant.numeric.ip-address.v4.sip-trace');
    assertScope(tokens, '12:30:57.916812', 'constant.numeric.timestamp.sip-trace');
    const send = tokenizeLine('send 559 bytes to udp/[2001:db8::1]:5114 at 00:00:23.006137:');
    assertScope(send, 'send', 'keyword.other.direction.send.sip-trace');
    assertScope(send, '[2001:db8::1]:5114', 'constant.numeric.ip-address.v6.sip-trace');
  });

  it('Cisco ccsip, pjsip application, linphone, baresip, Wireshark and AudioCodes markers', () => {
    const [display, sent, received] = tokenize('*Mar  1 00:10:24.123: //-1/xxxxxxxxxxxx/SIP/Msg/ccsipDisplayMsg:\nSent:\nReceived:');
    assertScope(display!, '//-1/xxxxxxxxxxxx/SIP/Msg/ccsipDisplayMsg:', 'markup.heading.marker.cisco.sip-trace');
    assertScope(sent!, 'Sent', 'keyword.other.direction.sent.sip-trace');
    assertScope(received!, 'Received', 'keyword.other.direction.received.sip-trace');

    const pj = tokenizeLine('15:02:23.487  pjsua_core.c  .RX 591 bytes Request msg INVITE/cseq=2 (rdata0x7f8b) from UDP 192.0.2.1:5060:');
    assertScope(pj, 'RX', 'keyword.other.direction.received.sip-trace');
    assertScope(pj, '591', 'constant.numeric.bytes.sip-trace');
    assertScope(pj, '192.0.2.1:5060', 'constant.numeric.ip-address.v4.sip-trace');
    assertScope(tokenizeLine('--end msg--'), '--end msg--', 'markup.heading.marker.pjsip-app.sip-trace');

    const lp = tokenizeLine('2026-12-01 02:16:34:810 belle-sip-message-channel [0x55]: message sent to [UDP://192.0.2.2:5060], size: [912] bytes');
    assertScope(lp, 'sent', 'keyword.other.direction.sent.sip-trace');
    assertScope(lp, '192.0.2.2:5060', 'constant.numeric.ip-address.v4.sip-trace');

    const bs = tokenizeLine('UDP 192.0.2.1:5070 -> 192.0.2.2:5060');
    assertScope(bs, 'UDP', 'constant.language.transport.sip-trace');
    assertScope(bs, '192.0.2.2:5060', 'constant.numeric.ip-address.v4.sip-trace');

    const frame = tokenizeLine('Frame 12: 608 bytes on wire (4864 bits), 608 bytes captured (4864 bits)');
    assertScope(frame, 'Frame 12: 608 bytes on wire (4864 bits), 608 bytes captured (4864 bits)', 'markup.heading.marker.wireshark.sip-trace');

    const ac = tokenizeLine('[S=1] ---- Incoming SIP Message from 192.0.2.1:5060 to SIPInterface #0 (SBC) UDP TO(#0) ---- #012INVITE');
    assertScope(ac, 'Incoming', 'keyword.other.direction.received.sip-trace');
    assertScope(ac, '192.0.2.1:5060', 'constant.numeric.ip-address.v4.sip-trace');
  });

  it('Ribbon / Sonus call-trace and debug-log entries', () => {
    const [trc, pdu] = tokenize(
      '1787 12162016 083615.737177:1.01.00.38939.MAJOR .SIPSG:FILTER=lab GCID=0x00000DDB: EXTRA INFO: Egress: sent msg for CallId:a@b gcid:0xDDB to IP/port:192.0.2.10/5060, Local IP/port:198.51.100.1/5060\nRAW PDU:',
    );
    assertScope(trc!, '12162016 083615.737177', 'constant.numeric.timestamp.sip-trace');
    assertScope(trc!, 'sent', 'keyword.other.direction.sent.sip-trace');
    assertScope(trc!, '192.0.2.10', 'constant.numeric.ip-address.v4.sip-trace');
    assertScope(trc!, '198.51.100.1', 'constant.numeric.ip-address.v4.sip-trace');
    assertScope(pdu!, 'RAW PDU:', 'markup.heading.marker.ribbon.sip-trace');
    const [dbg, , len] = tokenize('339 09202018 165651.570846:1.01.00.38344.Info .SIPCM: SipFeSocketRecvMsg - msg = SIP/2.0 100 Trying\nCall-ID: a@b\n, msgLen = 239.');
    assertScope(dbg!, 'SipFeSocketRecvMsg', 'keyword.other.direction.received.sip-trace');
    assertScope(len!, ', msgLen = 239.', 'markup.heading.marker.ribbon.sip-trace');
  });

  it('Kamailio sipdump fences and meta fields', () => {
    const lines = tokenize(
      [
        '====================',
        'tag: rcv',
        'time: 1795305630.168727',
        'date: Sun Nov 22 00:00:30 2026',
        'srcip: 127.0.0.1',
        '~~~~~~~~~~~~~~~~~~~~',
        '||||||||||||||||||||',
      ].join('\n'),
    );
    assertScope(lines[0]!, '====================', 'markup.heading.marker.kamailio.sip-trace');
    assertScope(lines[1]!, 'tag', 'entity.other.attribute-name.marker-field.sip-trace');
    assertScope(lines[2]!, '1795305630.168727', 'constant.numeric.timestamp.sip-trace');
    assertScope(lines[3]!, '00:00:30', 'constant.numeric.timestamp.sip-trace');
    assertScope(lines[4]!, '127.0.0.1', 'constant.numeric.ip-address.v4.sip-trace');
    assertScope(lines[5]!, '~~~~~~~~~~~~~~~~~~~~', 'markup.heading.marker.kamailio.sip-trace');
    assertScope(lines[6]!, '||||||||||||||||||||', 'markup.heading.marker.kamailio.sip-trace');
  });

  it('ngrep byline marker with and without a time, and its end line', () => {
    const [timed, untimed, end] = tokenize(
      ['U 2026/11/21 12:30:57.916812 1.2.3.4:5060 -> 5.6.7.8:5060', 'T 1.2.3.4:5060 -> 5.6.7.8:5061', '#'].join('\n'),
    );
    assertScope(timed!, 'U 2026/11/21 12:30:57.916812 1.2.3.4:5060 -> 5.6.7.8:5060', 'markup.heading.marker.ngrep.sip-trace');
    assertScope(timed!, 'U', 'constant.language.transport.sip-trace');
    assertScope(timed!, '2026/11/21 12:30:57.916812', 'constant.numeric.timestamp.sip-trace');
    assertScope(timed!, '->', 'keyword.operator.arrow.sip-trace');
    assertScope(timed!, '5.6.7.8:5060', 'constant.numeric.ip-address.v4.sip-trace');
    assertScope(untimed!, 'T', 'constant.language.transport.sip-trace');
    assertScope(untimed!, '5.6.7.8:5061', 'constant.numeric.ip-address.v4.sip-trace');
    assertScope(end!, '#', 'markup.heading.marker.ngrep.sip-trace');
  });

  it('ngrep single-line mode: marker, then the start line, with ".." for CRLF', () => {
    const tokens = tokenizeLine('U 1.2.3.4:5060 -> 5.6.7.8:5060 INVITE sip:bob@b.example SIP/2.0..Via: x..');
    assertScope(tokens, '5.6.7.8:5060', 'constant.numeric.ip-address.v4.sip-trace');
    assertScope(tokens, 'INVITE', 'keyword.control.method.sip-trace');
    assertScope(tokens, 'SIP/2.0', 'keyword.other.version.sip-trace');
  });

  it('capture-as-text marker: frame, time, transport, addresses', () => {
    const line = '#12 2026-11-21 23:22:27.183456 UDP 192.0.2.1:5060 -> [2001:db8::2]:5060';
    const tokens = tokenizeLine(line);
    assertScope(tokens, line, 'markup.heading.marker.capture.sip-trace');
    assertScope(tokens, '#12', 'constant.numeric.frame.sip-trace');
    assertScope(tokens, '2026-11-21 23:22:27.183456', 'constant.numeric.timestamp.sip-trace');
    assertScope(tokens, '192.0.2.1:5060', 'constant.numeric.ip-address.v4.sip-trace');
  });

  it('sngrep export marker', () => {
    const tokens = tokenizeLine('2024/05/01 12:00:00.123456 10.0.0.1:5060 -> 10.0.0.2:5060');
    assertScope(tokens, '2024/05/01 12:00:00.123456 10.0.0.1:5060 -> 10.0.0.2:5060', 'markup.heading.marker.sngrep.sip-trace');
    assertScope(tokens, '2024/05/01 12:00:00.123456', 'constant.numeric.timestamp.sip-trace');
  });
});

describe('grammar: start lines', () => {
  it('request line: method keyword, Request-URI and version', () => {
    const tokens = tokenizeLine('INVITE sip:bob@biloxi.example.com SIP/2.0');
    assertScope(tokens, 'INVITE sip:bob@biloxi.example.com SIP/2.0', 'meta.request-line.sip-trace');
    assertScope(tokens, 'INVITE', 'keyword.control.method.sip-trace');
    assertScope(tokens, 'sip:bob@biloxi.example.com', 'string.unquoted.uri.request-uri.sip-trace');
    assertScope(tokens, 'SIP/2.0', 'keyword.other.version.sip-trace');
  });

  it('every standard method is a method keyword, an unknown one an extension method', () => {
    for (const method of ['ACK', 'BYE', 'CANCEL', 'OPTIONS', 'REGISTER', 'PRACK', 'SUBSCRIBE', 'NOTIFY', 'PUBLISH', 'INFO', 'REFER', 'MESSAGE', 'UPDATE']) {
      assertScope(tokenizeLine(`${method} sip:x@y SIP/2.0`), method, 'keyword.control.method.sip-trace');
    }
    const extension = tokenizeLine('NEWMETHOD sip:x@y SIP/2.0');
    assertScope(extension, 'NEWMETHOD', 'keyword.control.method.extension.sip-trace');
    assertNoScope(extension, 'NEWMETHOD', 'keyword.control.method.sip-trace');
  });

  it('request line indented (older FreeSWITCH) or after a log prefix', () => {
    assertScope(tokenizeLine('   BYE sip:a@b SIP/2.0'), 'BYE', 'keyword.control.method.sip-trace');
    assertScope(
      tokenizeLine('[Nov 21 23:59:36] VERBOSE[24833] INVITE sip:a@b SIP/2.0'),
      'INVITE',
      'keyword.control.method.sip-trace',
    );
  });

  it('a method word inside prose is not a request line', () => {
    const tokens = tokenizeLine('We sent an INVITE to the carrier');
    assertNoScope(tokens, 'INVITE', 'keyword.control.method.sip-trace');
  });

  const statusClasses: Array<[string, string, string]> = [
    ['SIP/2.0 180 Ringing', '180', 'constant.numeric.status.provisional.code.sip-trace'],
    ['SIP/2.0 200 OK', '200', 'markup.inserted.status.success.code.sip-trace'],
    ['SIP/2.0 302 Moved Temporarily', '302', 'markup.changed.status.redirect.code.sip-trace'],
    ['SIP/2.0 407 Proxy Authentication Required', '407', 'markup.deleted.status.client-error.code.sip-trace'],
    ['SIP/2.0 503 Service Unavailable', '503', 'markup.deleted.status.server-error.code.sip-trace'],
    ['SIP/2.0 603 Decline', '603', 'markup.deleted.status.global-failure.code.sip-trace'],
    ['SIP/2.0 903 Route blocked', '903', 'invalid.illegal.status.route-blocked.code.sip-trace'],
    ['SIP/2.0 799 Odd', '799', 'invalid.illegal.status.nonstandard.code.sip-trace'],
  ];

  it('status codes are scoped by class', () => {
    for (const [line, code, scope] of statusClasses) {
      const tokens = tokenizeLine(line);
      assertScope(tokens, 'SIP/2.0', 'keyword.other.version.sip-trace');
      assertScope(tokens, code, scope);
    }
  });

  it('the reason phrase carries its class too', () => {
    assertScope(tokenizeLine('SIP/2.0 200 OK'), 'OK', 'markup.inserted.status.success.reason.sip-trace');
    assertScope(
      tokenizeLine('SIP/2.0 407 Proxy Authentication Required'),
      'Proxy Authentication Required',
      'markup.deleted.status.client-error.reason.sip-trace',
    );
    assertScope(tokenizeLine('SIP/2.0 903 Route blocked'), 'Route blocked', 'invalid.illegal.status.route-blocked.reason.sip-trace');
  });

  it('2xx, failures (4xx-6xx) and 9xx get scopes a theme can tell apart', () => {
    const codeScope = (line: string, code: string): string => {
      const token = tokenizeLine(line).find((t) => t.text === code);
      assert.ok(token, `${code} is one token`);
      return token.scopes[token.scopes.length - 1]!;
    };
    const success = codeScope('SIP/2.0 200 OK', '200');
    const failures = [
      codeScope('SIP/2.0 486 Busy Here', '486'),
      codeScope('SIP/2.0 500 Server Internal Error', '500'),
      codeScope('SIP/2.0 600 Busy Everywhere', '600'),
    ];
    const routeBlocked = codeScope('SIP/2.0 903 Route blocked', '903');
    // Themes colour by the leading segments: markup.inserted vs markup.deleted vs invalid.
    assert.ok(success.startsWith('markup.inserted.'));
    for (const failure of failures) assert.ok(failure.startsWith('markup.deleted.'), failure);
    assert.ok(routeBlocked.startsWith('invalid.'));
    assert.equal(new Set([success, ...failures, routeBlocked]).size, 5);
  });

  it('a SIP/2.0 inside a Via value is not a status line', () => {
    const tokens = tokenizeLine('Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1');
    assertNoScope(tokens, 'SIP/2.0', 'keyword.other.version.sip-trace');
    for (const token of tokens) assert.ok(!token.scopes.some((s) => s.startsWith('meta.status-line.')), token.text);
  });
});

describe('grammar: headers', () => {
  it('long header names', () => {
    const tokens = tokenizeLine('Content-Type: application/sdp');
    assertScope(tokens, 'Content-Type', 'support.type.property-name.header.sip-trace');
    assertScope(tokens, ':', 'punctuation.separator.key-value.sip-trace');
    assertScope(tokens, 'application/sdp', 'string.unquoted.header-value.sip-trace');
  });

  it('compact header names, Call-ID in both forms', () => {
    const [compactCallId, longCallId, compactFrom, compactVia, compactLength] = tokenize(
      [
        'i: abc@host',
        'Call-ID: a84b4c76e66710@pc33.atlanta.example.com',
        'f: "Alice" <sip:alice@a.example>;tag=1928301774',
        'v: SIP/2.0/UDP 1.2.3.4:5060;branch=z9hG4bK776asdhds;rport',
        'l: 0',
      ].join('\n'),
    );
    assertScope(compactCallId!, 'i', 'support.type.property-name.header.sip-trace');
    assertScope(compactCallId!, 'abc@host', 'variable.other.call-id.sip-trace');
    assertScope(longCallId!, 'Call-ID', 'support.type.property-name.header.sip-trace');
    assertScope(longCallId!, 'a84b4c76e66710@pc33.atlanta.example.com', 'variable.other.call-id.sip-trace');
    assertScope(compactFrom!, 'f', 'support.type.property-name.header.sip-trace');
    assertScope(compactFrom!, '"Alice"', 'string.quoted.double.sip-trace');
    assertScope(compactFrom!, 'sip:alice@a.example', 'variable.other.uri.sip-trace');
    assertScope(compactVia!, 'v', 'support.type.property-name.header.sip-trace');
    assertScope(compactVia!, '1.2.3.4:5060', 'constant.numeric.ip-address.v4.sip-trace');
    assertScope(compactLength!, 'l', 'support.type.property-name.header.sip-trace');
  });

  it('indented headers (older FreeSWITCH) keep their scopes', () => {
    assertScope(tokenizeLine('   To: <sip:bob@b.example>'), 'To', 'support.type.property-name.header.sip-trace');
  });

  it('tag= and branch= names and values, whatever the case of the name', () => {
    const from = tokenizeLine('From: "Alice" <sip:alice@a.example>;tag=1928301774');
    assertScope(from, 'tag', 'entity.other.attribute-name.parameter.tag.sip-trace');
    assertScope(from, '1928301774', 'constant.other.parameter-value.tag.sip-trace');
    const via = tokenizeLine('Via: SIP/2.0/UDP 1.2.3.4:5060;branch=z9hG4bK776asdhds;rport');
    assertScope(via, 'branch', 'entity.other.attribute-name.parameter.branch.sip-trace');
    assertScope(via, 'z9hG4bK776asdhds', 'constant.other.parameter-value.branch.sip-trace');
    assertScope(via, 'rport', 'entity.other.attribute-name.parameter.sip-trace');
    // Parameter names are case-insensitive; a theme rule for ".branch" must still apply.
    const upper = tokenizeLine('Via: SIP/2.0/UDP 1.2.3.4:5060;BRANCH=z9hG4bKx');
    assertScope(upper, 'BRANCH', 'entity.other.attribute-name.parameter.branch.sip-trace');
    assertScope(upper, 'z9hG4bKx', 'constant.other.parameter-value.branch.sip-trace');
    const to = tokenizeLine('t: <sip:bob@b.example>;Tag=a6c85cf');
    assertScope(to, 'a6c85cf', 'constant.other.parameter-value.tag.sip-trace');
  });

  it('CSeq number and method', () => {
    const tokens = tokenizeLine('CSeq: 314159 INVITE');
    assertScope(tokens, 'CSeq', 'support.type.property-name.header.sip-trace');
    assertScope(tokens, '314159', 'constant.numeric.cseq.sip-trace');
    assertScope(tokens, 'INVITE', 'keyword.control.method.sip-trace');
  });

  it('Q.850 cause in a Reason header', () => {
    const tokens = tokenizeLine('Reason: Q.850;cause=16;text="Normal call clearing"');
    assertScope(tokens, 'Q.850', 'support.constant.protocol.sip-trace');
    assertScope(tokens, '16', 'constant.numeric.cause.sip-trace');
  });
});

describe('grammar: SDP', () => {
  it('media, attribute and connection lines', () => {
    const [media, rtpmap, connection, version] = tokenize(
      ['m=audio 49170 RTP/AVP 0 8 101', 'a=rtpmap:0 PCMU/8000', 'c=IN IP4 192.0.2.10', 'v=0'].join('\n'),
    );
    assertScope(media!, 'm', 'keyword.other.sdp-type.sip-trace');
    assertScope(media!, 'audio', 'support.type.media.sip-trace');
    assertScope(media!, '49170', 'constant.numeric.port.sip-trace');
    assertScope(media!, 'RTP/AVP', 'constant.language.transport.sip-trace');
    assertScope(rtpmap!, 'rtpmap', 'entity.other.attribute-name.sdp.sip-trace');
    assertScope(rtpmap!, '0 PCMU/8000', 'string.unquoted.sdp-value.sip-trace');
    assertScope(connection!, 'c', 'keyword.other.sdp-type.sip-trace');
    assertScope(connection!, '192.0.2.10', 'constant.numeric.ip-address.v4.sip-trace');
    assertScope(version!, 'v', 'keyword.other.sdp-type.sip-trace');
  });
});

describe('grammar: a whole message after a marker', () => {
  it('scopes stay per line across a SIPp block', () => {
    const lines = tokenize(
      [
        '----------------------------------------------- 2026-11-22 00:00:21.432874',
        'UDP message received [380] bytes :',
        '',
        'SIP/2.0 486 Busy Here',
        'Via: SIP/2.0/UDP 127.0.0.1:5101;branch=z9hG4bK-1-0',
        'To: <sip:5551234@127.0.0.1:5100>;tag=99',
        'Content-Length: 0',
      ].join('\n'),
    );
    assertScope(lines[1]!, 'received', 'keyword.other.direction.received.sip-trace');
    assertScope(lines[3]!, '486', 'markup.deleted.status.client-error.code.sip-trace');
    assertScope(lines[4]!, 'z9hG4bK-1-0', 'constant.other.parameter-value.branch.sip-trace');
    assertScope(lines[5]!, '99', 'constant.other.parameter-value.tag.sip-trace');
    assertScope(lines[6]!, 'Content-Length', 'support.type.property-name.header.sip-trace');
  });
});
