// One realistic sample per trace framing: message boundaries, direction, peers, times, text.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { splitTrace } from '../../server/src/analysis/formats/index';
import { invite, lineOf, response, SDP, sip, toLf } from './formats.helpers';

const INV = invite();
const TRYING = response('100 Trying');
const OK = response('200 OK', 'call-1@10.0.0.1', SDP);

describe('raw SIP', () => {
  it('splits CRLF messages by header block and Content-Length', () => {
    const text = INV + '\r\n' + TRYING + '\r\n\r\n' + OK;
    const r = splitTrace(text);
    assert.equal(r.format, 'raw');
    assert.equal(r.messages.length, 3);
    const [a, b, c] = r.messages;
    assert.equal(a!.startLine, 0);
    assert.equal(a!.firstLine, 0);
    assert.equal(a!.text, INV);
    assert.equal(a!.lastLine, lineOf(text, 'a=rtpmap'));
    assert.equal(a!.bytesIntact, true);
    assert.equal(a!.direction, 'unknown');
    assert.equal(b!.startLine, lineOf(text, 'SIP/2.0 100 Trying'));
    assert.equal(b!.text, TRYING);
    assert.equal(c!.text, OK);
    assert.ok(c!.text.endsWith('a=rtpmap:0 PCMU/8000\r\n'));
    assert.equal(r.notices.length, 0);
  });

  it('keeps bare LF and marks the bytes as not intact', () => {
    const text = toLf(INV + TRYING);
    const r = splitTrace(text);
    assert.equal(r.messages.length, 2);
    assert.equal(r.messages[0]!.text, toLf(INV));
    assert.equal(r.messages[0]!.bytesIntact, false);
    assert.equal(r.messages[1]!.startLine, lineOf(text, 'SIP/2.0 100'));
  });

  it('removes an indent from every line', () => {
    const text = 'Example:\n\n' + toLf(TRYING).split('\n').map((l) => (l ? '    ' + l : l)).join('\n') + 'Done.\n';
    const r = splitTrace(text);
    assert.equal(r.messages.length, 1);
    const m = r.messages[0]!;
    assert.equal(m.startLine, 2);
    assert.equal(m.startColumn, 4);
    assert.equal(m.text, toLf(TRYING));
    assert.equal(m.bytesIntact, false);
  });

  it('frames a start line behind an unknown log prefix', () => {
    const text = 'app.log: 12:00:01 DEBUG sending SIP/2.0 486 Busy Here\nsomething else\n';
    const r = splitTrace(text);
    assert.equal(r.messages.length, 1);
    assert.equal(r.messages[0]!.startColumn, text.indexOf('SIP/2.0 486'));
    assert.ok(r.messages[0]!.text.startsWith('SIP/2.0 486 Busy Here'));
  });
});

describe('SIPp -trace_msg', () => {
  const text =
    '----------------------------------------------- 2024-05-01 12:00:00.123456\n' +
    'UDP message sent (' + Buffer.byteLength(INV) + ' bytes):\n\n' + INV + '\n\n' +
    '----------------------------------------------- 2024-05-01 12:00:00.130000\n' +
    'UDP message received [' + Buffer.byteLength(TRYING) + '] bytes :\n\n' + TRYING + '\n' +
    '----------------------------------------------- 2024-05-01 12:00:01.000000\n' +
    'TCP message received [' + Buffer.byteLength(OK) + '] bytes :\n\n' + OK + '\n';

  it('reads direction, date, byte count and the exact message', () => {
    const r = splitTrace(text);
    assert.equal(r.format, 'sipp');
    assert.equal(r.messages.length, 3);
    const [a, b, c] = r.messages;
    assert.equal(a!.firstLine, 0);
    assert.equal(a!.startLine, 3);
    assert.equal(a!.direction, 'sent');
    assert.equal(a!.text, INV);
    assert.equal(a!.announcedBytes, Buffer.byteLength(INV));
    assert.equal(a!.bytesIntact, true);
    assert.deepEqual(a!.time, { ms: Date.UTC(2024, 4, 1, 12, 0, 0) + 123.456, dated: true });
    assert.equal(a!.lastLine, lineOf(text, 'a=rtpmap'));
    assert.equal(b!.direction, 'received');
    assert.equal(b!.firstLine, lineOf(text, '12:00:00.130000'));
    assert.equal(b!.text, TRYING);
    assert.equal(c!.text, OK);
    assert.equal(c!.direction, 'received');
    assert.equal(a!.src, undefined);
  });

  it('does not split a NOTIFY whose sipfrag body holds a status line', () => {
    const notify = sip('NOTIFY sip:1001@10.0.0.1 SIP/2.0', ['Call-ID: x', 'CSeq: 2 NOTIFY', 'Event: refer', 'Content-Type: message/sipfrag;version=2.0'], 'SIP/2.0 200 OK\n');
    const t = '----------------------------------------------- 2024-05-01 12:00:00.000000\nUDP message received [99] bytes :\n\n' + notify + '\n';
    const r = splitTrace(t);
    assert.equal(r.messages.length, 1);
    assert.equal(r.messages[0]!.text, notify);
  });
});

describe('Asterisk pjsip logger', () => {
  const p = (s: string) => `[Mar 30 13:35:40] VERBOSE[2345] ${s}`;
  it('reads markers with a log prefix, and ends at a non-SIP log line', () => {
    const text =
      p('<--- Received SIP request (' + Buffer.byteLength(INV) + ' bytes) from UDP:10.0.0.1:5060 --->\n') +
      INV + '\n' +
      '[Mar 30 13:35:40] NOTICE[2345] res_pjsip_session.c: something unrelated\n' +
      p('<--- Transmitting SIP response (400 bytes) to UDP:[2001:db8::1]:5060 --->\n') +
      TRYING + '\n' +
      '    -- Executing [1002@default:1] Dial("PJSIP/1001-00000001", "PJSIP/1002") in new stack\n';
    const r = splitTrace(text);
    assert.equal(r.format, 'asterisk-pjsip');
    assert.equal(r.messages.length, 2);
    const [a, b] = r.messages;
    assert.equal(a!.direction, 'received');
    assert.deepEqual(a!.src, { host: '10.0.0.1', port: 5060, transport: 'udp' });
    assert.equal(a!.dst, undefined);
    assert.equal(a!.text, INV);
    assert.equal(a!.startLine, 1);
    assert.equal(a!.lastLine, lineOf(text, 'a=rtpmap'));
    assert.deepEqual(a!.time, { ms: (13 * 3600 + 35 * 60 + 40) * 1000, dated: false, wholeSeconds: true });
    assert.equal(b!.direction, 'sent');
    assert.deepEqual(b!.dst, { host: '2001:db8::1', port: 5060, transport: 'udp' });
    assert.equal(b!.text, TRYING);
    assert.equal(b!.announcedBytes, 400);
  });

  it('strips the prefix from every line when each line carries one (LF file)', () => {
    const lines = toLf(TRYING).split('\n');
    const text =
      p('<--- Transmitting SIP response (300 bytes) to UDP:10.0.0.1:5060 --->\n') +
      lines.map((l) => p(l)).join('\n') + '\n' +
      '[Mar 30 13:35:41] WARNING[2345] chan.c: unrelated\n';
    const r = splitTrace(text);
    assert.equal(r.messages.length, 1);
    const m = r.messages[0]!;
    assert.equal(m.startColumn, '[Mar 30 13:35:40] VERBOSE[2345] '.length);
    assert.equal(m.text, toLf(TRYING));
    assert.equal(m.bytesIntact, false);
    assert.equal(m.lastLine, lines.length - 1);
  });

  it('reads markers without any prefix', () => {
    const text = '<--- Received SIP response (10 bytes) from TCP:10.0.0.2:5060 --->\n' + OK + '\n';
    const r = splitTrace(text);
    assert.equal(r.messages.length, 1);
    assert.equal(r.messages[0]!.text, OK);
    assert.equal(r.messages[0]!.time, undefined);
    assert.equal(r.messages[0]!.src?.transport, 'tcp');
  });
});

describe('Asterisk chan_sip debug', () => {
  it('reads read blocks, reliable transmissions and transmitted responses', () => {
    const text =
      '[2024-05-01 12:00:00.120] VERBOSE[111][C-00000001] <--- SIP read from UDP:10.0.0.1:5060 --->\n' +
      INV +
      '<------------->\n' +
      '--- (9 headers 7 lines) ---\n' +
      'Using INVITE request as basis request - call-1@10.0.0.1\n' +
      '<--- Transmitting (no NAT) to 10.0.0.1:5060 --->\n' +
      TRYING +
      '<------------>\n' +
      'Reliably Transmitting (NAT) to 10.0.0.3:5062:\n' +
      invite('call-2@pbx', 5) + '\n---\n';
    const r = splitTrace(text);
    assert.equal(r.format, 'asterisk-chan-sip');
    assert.equal(r.messages.length, 3);
    const [a, b, c] = r.messages;
    assert.equal(a!.direction, 'received');
    assert.deepEqual(a!.src, { host: '10.0.0.1', port: 5060, transport: 'udp' });
    assert.equal(a!.text, INV);
    assert.equal(a!.lastLine, lineOf(text, '--- (9 headers'));
    assert.deepEqual(a!.time, { ms: Date.UTC(2024, 4, 1, 12, 0, 0, 120), dated: true });
    assert.equal(a!.bytesIntact, true);
    assert.equal(b!.direction, 'sent');
    assert.deepEqual(b!.dst, { host: '10.0.0.1', port: 5060 });
    assert.equal(b!.text, TRYING);
    assert.equal(b!.lastLine, lineOf(text, '<------------>'));
    assert.equal(c!.direction, 'sent');
    assert.deepEqual(c!.dst, { host: '10.0.0.3', port: 5062 });
    assert.equal(c!.text, invite('call-2@pbx', 5));
    assert.equal(c!.lastLine, lineOf(text, '---', lineOf(text, 'Reliably')) + 0);
  });

  it('marks pedantic (CR-less) received messages as not byte-exact', () => {
    const text = '<--- SIP read from UDP:10.0.0.1:5060 --->\n' + toLf(INV) + '<------------->\n--- (9 headers 7 lines) ---\n';
    const r = splitTrace(text);
    assert.equal(r.messages.length, 1);
    assert.equal(r.messages[0]!.bytesIntact, false);
    assert.equal(r.messages[0]!.text, toLf(INV));
    assert.equal(r.messages[0]!.lastLine, text.split('\n').length - 2);
  });
});

describe('FreeSWITCH sofia siptrace', () => {
  it('reads modern output: flush left, ends after the body', () => {
    const text =
      'recv 903 bytes from udp/[10.0.0.1]:5090 at 12:30:57.916812:\n' +
      '   ------------------------------------------------------------------------\n' +
      toLf(INV) +
      '2024-05-01 12:30:57.920000 [NOTICE] switch_channel.c:1118 New Channel sofia/internal/1001@10.0.0.2\n' +
      'send 400 bytes to udp/[10.0.0.1]:5090 at 12:30:57.921000:\n' +
      '   ------------------------------------------------------------------------\n' +
      toLf(TRYING) + '\n';
    const r = splitTrace(text);
    assert.equal(r.format, 'freeswitch');
    assert.equal(r.messages.length, 2);
    const [a, b] = r.messages;
    assert.equal(a!.direction, 'received');
    assert.deepEqual(a!.src, { host: '10.0.0.1', port: 5090, transport: 'udp' });
    assert.equal(a!.startLine, 2);
    assert.equal(a!.text, toLf(INV));
    assert.equal(a!.lastLine, lineOf(text, 'a=rtpmap'));
    assert.equal(a!.bytesIntact, false);
    assert.equal(a!.announcedBytes, 903);
    assert.deepEqual(a!.time, { ms: (12 * 3600 + 30 * 60 + 57) * 1000 + 916.812, dated: false });
    assert.equal(b!.direction, 'sent');
    assert.deepEqual(b!.dst, { host: '10.0.0.1', port: 5090, transport: 'udp' });
    assert.equal(b!.text, toLf(TRYING));
  });

  it('reads old indented output closed by dashes', () => {
    const indent = (s: string) => toLf(s).replace(/\n$/, '').split('\n').map((l) => '   ' + l).join('\n') + '\n';
    const text =
      'send 812 bytes to tcp/[192.168.1.5]:5060 at 23:59:59.900000:\n' +
      '   ------------------------------------------------------------------------\n' +
      indent(OK) +
      '   ------------------------------------------------------------------------\n' +
      'recv 300 bytes from tcp/[192.168.1.5]:5060 at 00:00:00.100000:\n' +
      '   ------------------------------------------------------------------------\n' +
      indent(sip('ACK sip:1002@10.0.0.2 SIP/2.0', ['Call-ID: call-1@10.0.0.1', 'CSeq: 1 ACK'])) +
      '   ------------------------------------------------------------------------\n';
    const r = splitTrace(text);
    assert.equal(r.messages.length, 2);
    const [a, b] = r.messages;
    assert.equal(a!.startColumn, 3);
    assert.equal(a!.text, toLf(OK));
    assert.equal(a!.lastLine, lineOf(text, '---', 3));
    assert.equal(b!.text.split('\n')[0], 'ACK sip:1002@10.0.0.2 SIP/2.0');
    assert.equal(b!.direction, 'received');
    // 23:59:59.9 then 00:00:00.1: midnight crossed, so the second time is on the next day.
    assert.equal(b!.time!.ms - a!.time!.ms, 200);
  });
});

describe('Kamailio sipdump', () => {
  const block = (tag: string, t: string, src: string, dst: string, msg: string) =>
    '====================\n' +
    `tag: ${tag}\npid: 4242\nprocess: 7\ntime: ${t}\ndate: Wed May  1 12:00:00 2024\nproto: udp ipv4\n` +
    `srcip: ${src}\nsrcport: 5060\ndstip: ${dst}\ndstport: 5080\n` +
    '~~~~~~~~~~~~~~~~~~~~\n' + msg + '||||||||||||||||||||\n';
  it('reads tag, time, addresses and the exact message', () => {
    const text = block('rcv', '1714564800.250000', '10.0.0.1', '10.0.0.2', INV) + block('snd', '1714564800.260000', '10.0.0.2', '10.0.0.1', TRYING);
    const r = splitTrace(text);
    assert.equal(r.format, 'kamailio-sipdump');
    assert.equal(r.messages.length, 2);
    const [a, b] = r.messages;
    assert.equal(a!.firstLine, 0);
    assert.equal(a!.startLine, 12);
    assert.equal(a!.direction, 'received');
    assert.deepEqual(a!.src, { host: '10.0.0.1', port: 5060, transport: 'udp' });
    assert.deepEqual(a!.dst, { host: '10.0.0.2', port: 5080, transport: 'udp' });
    assert.deepEqual(a!.time, { ms: 1714564800250, dated: true });
    assert.equal(a!.text, INV);
    assert.equal(a!.lastLine, lineOf(text, '||||'));
    assert.equal(a!.bytesIntact, true);
    assert.equal(b!.direction, 'sent');
    assert.equal(b!.text, TRYING);
  });

  it('handles a body without a final line break (closing mark on the same line)', () => {
    const msg = sip('MESSAGE sip:1002@10.0.0.2 SIP/2.0', ['Call-ID: m1', 'CSeq: 1 MESSAGE', 'Content-Type: text/plain'], 'hello');
    const text = block('cfg', '1714564800.000000', '10.0.0.1', '10.0.0.2', msg);
    const r = splitTrace(text);
    assert.equal(r.messages.length, 1);
    assert.equal(r.messages[0]!.text, msg);
    assert.equal(r.messages[0]!.direction, 'unknown');
  });
});

describe('ngrep / sipgrep', () => {
  const byline = (s: string) => s.replace(/\r\n/g, '.\n');
  it('reads -W byline output, restoring CRs shown as dots', () => {
    const text =
      'interface: eth0 (10.0.0.0/255.255.255.0)\nfilter: ( port 5060 ) and ((ip || ip6) || (vlan && (ip || ip6)))\n#\n' +
      'U 2013/07/19 22:17:34.920749 10.0.0.1:5060 -> 10.0.0.2:5060 #1\n' + byline(INV) + '\n#\n' +
      'T 10.0.0.2:5060 -> 10.0.0.1:5060 [AP] #2\n' + byline(TRYING) + '\n' +
      'U 10.0.0.2:5060 -> 10.0.0.1:5060\n' + toLf(OK) + '\n' +
      '2 received, 0 dropped\n';
    const r = splitTrace(text);
    assert.equal(r.format, 'ngrep');
    assert.equal(r.messages.length, 3);
    const [a, b, c] = r.messages;
    assert.equal(a!.firstLine, 3);
    assert.equal(a!.startLine, 4);
    assert.equal(a!.text, INV);
    assert.equal(a!.bytesIntact, true);
    assert.equal(a!.direction, 'unknown');
    assert.deepEqual(a!.src, { host: '10.0.0.1', port: 5060, transport: 'udp' });
    assert.deepEqual(a!.dst, { host: '10.0.0.2', port: 5060, transport: 'udp' });
    assert.deepEqual(a!.time, { ms: Date.UTC(2013, 6, 19, 22, 17, 34) + 920.749, dated: true });
    assert.equal(a!.lastLine, lineOf(text, 'a=rtpmap'));
    assert.equal(b!.src?.transport, 'tcp');
    assert.equal(b!.text, TRYING);
    assert.equal(b!.time, undefined);
    assert.equal(c!.text, toLf(OK));
    assert.equal(c!.bytesIntact, false);
  });

  it('unfolds -W single output, CRLF shown as ".."', () => {
    const single = (s: string) => s.replace(/\r\n/g, '..');
    const bye = sip('BYE sip:1001@10.0.0.1 SIP/2.0', ['Via: SIP/2.0/UDP 10.0.0.2;branch=z9hG4bK.x', 'Call-ID: c..d@host', 'CSeq: 2 BYE', 'Subject: wait...']);
    const text =
      'U 2024/05/01 12:00:00.000001 10.0.0.1:5060 -> 10.0.0.2:5060 ' + single(INV) + '\n' +
      'U 10.0.0.2:5060 -> 10.0.0.1:5060 ' + single(bye) + '\n';
    const r = splitTrace(text);
    assert.equal(r.messages.length, 2);
    const [a, b] = r.messages;
    assert.equal(a!.text, INV);
    assert.equal(a!.startLine, 0);
    assert.equal(a!.lastLine, 0);
    assert.equal(a!.startColumn, text.indexOf('INVITE'));
    assert.equal(a!.bytesIntact, false);
    assert.equal(a!.lineMap!.length, INV.split('\n').length);
    assert.ok(a!.lineMap!.every((l) => l === 0));
    assert.equal(b!.text, bye);
    assert.equal(b!.startLine, 1);
  });

  it('re-joins the default wrapped output', () => {
    const dotted = INV.replace(/\r\n/g, '..');
    const chunks: string[] = [];
    for (let i = 0; i < dotted.length; i += 75) chunks.push('  ' + dotted.slice(i, i + 75));
    const text = 'U 10.0.0.1:5060 -> 10.0.0.2:5060\n' + chunks.join('\n') + '\n\n#\nU 10.0.0.2:5060 -> 10.0.0.1:5060\n  ' + TRYING.replace(/\r\n/g, '..') + '\n';
    const r = splitTrace(text);
    assert.equal(r.messages.length, 2);
    const a = r.messages[0]!;
    assert.equal(a.text, INV);
    assert.equal(a.startLine, 1);
    assert.equal(a.startColumn, 2);
    assert.equal(a.lastLine, chunks.length);
    assert.equal(a.lineMap![0], 1);
    // The Call-ID line starts in the chunk that holds "Call-ID:".
    const callIdLine = INV.split('\r\n').findIndex((l) => l.startsWith('Call-ID'));
    assert.equal(a.lineMap![callIdLine], 1 + chunks.findIndex((ch) => ch.includes('Call-ID') || ch.endsWith('Call-') || ch.endsWith('Cal')));
    assert.equal(r.messages[1]!.text, TRYING);
  });
});

describe('sngrep text export', () => {
  it('reads markers and takes the body by Content-Length', () => {
    const text =
      '2024/05/01 12:00:00.123456 10.0.0.1:5060 -> 10.0.0.2:5060\n' + INV + '\n' +
      '2024/05/01 12:00:00.200000 10.0.0.2:5060 -> 10.0.0.1:5060\n' + TRYING + '\n' +
      '2024/05/01 12:00:02.000000 10.0.0.2:5060 -> 10.0.0.1:5060\n' + OK + '\n';
    const r = splitTrace(text);
    assert.equal(r.format, 'sngrep');
    assert.equal(r.messages.length, 3);
    const [a, b, c] = r.messages;
    assert.equal(a!.firstLine, 0);
    assert.equal(a!.startLine, 1);
    assert.equal(a!.text, INV);
    assert.equal(a!.lastLine, lineOf(text, 'a=rtpmap'));
    assert.deepEqual(a!.src, { host: '10.0.0.1', port: 5060 });
    assert.deepEqual(a!.dst, { host: '10.0.0.2', port: 5060 });
    assert.equal(a!.direction, 'unknown');
    assert.deepEqual(a!.time, { ms: Date.UTC(2024, 4, 1, 12, 0, 0) + 123.456, dated: true });
    assert.equal(b!.text, TRYING);
    assert.equal(c!.text, OK);
    assert.equal(c!.bytesIntact, true);
  });
});
