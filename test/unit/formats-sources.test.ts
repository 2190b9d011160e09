// Traces as people paste them: the newer text sources, per-line prefixes, whole-second times and
// the damage pasting does. One realistic sample each; expectations follow from how the sample
// was written.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeTrace } from '../../server/src/analysis/analyze';
import { splitTrace } from '../../server/src/analysis/formats/index';
import { computeHover } from '../../server/src/features/hover';
import { invite, lineOf, response, SDP, sip, toLf } from './formats.helpers';

const INV = invite();
const TRYING = response('100 Trying');
const RINGING = response('180 Ringing');
const OK = response('200 OK', 'call-1@10.0.0.1', SDP);
const lines = (s: string) => s.replace(/\n$/, '').split('\n');
const clock = (h: number, m: number, s: number, ms = 0) => ((h * 60 + m) * 60 + s) * 1000 + ms;

function lineSource(text: string) {
  const all = text.split('\n');
  return { lineLength: (l: number) => (all[l] ?? '').replace(/\r$/, '').length, lineText: (l: number) => all[l] ?? '' };
}

describe('Asterisk full log', () => {
  const p = (t: string) => `[Nov  1 23:22:${t}] VERBOSE[26242][C-00000001] res_pjsip_logger.c: `;
  it('reads markers behind the call identifier and source file, in whole seconds', () => {
    const text =
      p('18') + '<--- Transmitting SIP request (900 bytes) to UDP:10.0.0.2:5060 --->\n' + toLf(INV) + '\n' +
      p('18') + '<--- Received SIP response (300 bytes) from UDP:10.0.0.2:5060 --->\n' + toLf(TRYING) + '\n' +
      p('19') + '<--- Received SIP response (300 bytes) from UDP:10.0.0.2:5060 --->\n' + toLf(RINGING) + '\n' +
      p('21') + '<--- Received SIP response (300 bytes) from UDP:10.0.0.2:5060 --->\n' + toLf(OK) + '\n';
    const r = splitTrace(text);
    assert.equal(r.format, 'asterisk-pjsip');
    assert.deepEqual(r.messages.map((m) => m.direction), ['sent', 'received', 'received', 'received']);
    assert.deepEqual(r.messages[0]!.time, { ms: clock(23, 22, 18), dated: false, wholeSeconds: true });
    assert.equal(r.messages[0]!.text, toLf(INV));
    const a = analyzeTrace(text);
    const call = a.calls[0]!;
    assert.equal(call.setupMs, 3000);
    assert.equal(call.pddMs, 1000);
    assert.equal(call.wholeSeconds, true);
    // The hover says the times are whole seconds.
    const hover = computeHover(a, { line: lineOf(text, 'SIP/2.0 200 OK'), character: 3 }, lineSource(text));
    assert.match(String((hover?.contents as { value: string }).value), /3\.0 s after the first INVITE \(±1 s: the log gives whole seconds\)/);
  });

  it('removes the prefix from every line, so the line before the body is blank', () => {
    const body = lines(toLf(OK));
    const text = p('21') + '<--- Received SIP response (300 bytes) from UDP:10.0.0.2:5060 --->\n' + body.map((l) => p('21') + l).join('\n') + '\n';
    const r = splitTrace(text);
    assert.equal(r.messages.length, 1);
    assert.equal(r.messages[0]!.text, toLf(OK));
    assert.equal(r.messages[0]!.startColumn, p('21').length);
  });

  it('reads a logger file whose every line carries only the date', () => {
    const d = '[Mar 30 13:35:51] ';
    const text = d + '<--- Received SIP response (300 bytes) from UDP:10.0.0.2:5060 --->\n' + lines(toLf(OK)).map((l) => d + l).join('\n') + '\n' + d + 'Something else\n';
    const r = splitTrace(text);
    assert.equal(r.format, 'asterisk-pjsip');
    assert.equal(r.messages[0]!.text, toLf(OK));
    assert.equal(r.messages[0]!.direction, 'received');
    assert.deepEqual(r.messages[0]!.time, { ms: clock(13, 35, 51), dated: false, wholeSeconds: true });
  });

  it('reads the dated form with milliseconds, and a chan_sip prefix alone on the line before the marker', () => {
    const text = '[2026-11-21 23:22:27.183] VERBOSE[31002][C-0000000a] chan_sip.c: \n<--- SIP read from UDP:10.0.0.2:5060 --->\n' + INV + '<------------->\n';
    const r = splitTrace(text);
    assert.equal(r.format, 'asterisk-chan-sip');
    assert.deepEqual(r.messages[0]!.time, { ms: Date.UTC(2026, 10, 21, 23, 22, 27, 183), dated: true });
  });
});

describe('per-line prefixes', () => {
  it('syslog: a sofia trace behind `Mon dd hh:mm:ss host prog[pid]: ` on every line keeps its own time', () => {
    const sys = 'Mar 30 13:35:40 pbx freeswitch[812]: ';
    const msg = lines(toLf(INV));
    const text =
      sys + 'recv 900 bytes from udp/[10.0.0.1]:5060 at 13:35:40.250000:\n' + sys + '-'.repeat(72) + '\n' + msg.map((l) => sys + l).join('\n') + '\n' + sys + '\n' +
      'Mar 30 13:35:41 pbx kernel: unrelated\n';
    const r = splitTrace(text);
    assert.equal(r.format, 'freeswitch');
    assert.equal(r.messages.length, 1);
    assert.equal(r.messages[0]!.text, toLf(INV));
    assert.equal(r.messages[0]!.startColumn, sys.length);
    assert.deepEqual(r.messages[0]!.time, { ms: clock(13, 35, 40, 250), dated: false });
  });

  it('syslog: a raw message takes the time of its prefix, in whole seconds', () => {
    const sys = '<134>Mar  3 09:00:07 gw sipd: ';
    const text = lines(toLf(TRYING)).map((l) => sys + l).join('\n') + '\n';
    const r = splitTrace(text);
    assert.equal(r.messages.length, 1);
    assert.equal(r.messages[0]!.text, toLf(TRYING));
    assert.deepEqual(r.messages[0]!.time, { ms: clock(9, 0, 7), dated: false, wholeSeconds: true });
  });

  it('e-mail quoting and comment markers', () => {
    for (const q of ['> ', '// ', '# ', '    // ']) {
      const blank = q.trimEnd();
      const text = 'See below:\n' + lines(toLf(OK)).map((l) => (l === '' ? blank : q + l)).join('\n') + '\n';
      const r = splitTrace(text);
      assert.equal(r.messages.length, 1, q);
      assert.equal(r.messages[0]!.text, toLf(OK), q);
      assert.equal(r.messages[0]!.startLine, 1, q);
    }
  });

  it('an ISO time stamp (drachtio) before the sofia marker gives its date', () => {
    const text = '2021-09-07 07:36:14.784843 recv 900 bytes from udp/[10.0.0.1]:5060 at 07:36:14.784706:\n' + toLf(INV) +
      '2021-09-07 07:36:14.784972 nta.c:3036 agent_recv_request() nta: received INVITE\n';
    const r = splitTrace(text);
    assert.equal(r.format, 'freeswitch');
    assert.equal(r.messages[0]!.text, toLf(INV));
    assert.equal(r.messages[0]!.direction, 'received');
  });

  it('Android logcat headers', () => {
    const brief = 'D/SipStack( 4242): ';
    const r = splitTrace(lines(toLf(TRYING)).map((l) => brief + l).join('\n') + '\n');
    assert.equal(r.messages[0]!.text, toLf(TRYING));
    const tt = '05-01 12:00:00.123  1234  5678 D SipStack: ';
    const r2 = splitTrace(lines(toLf(TRYING)).map((l) => tt + l).join('\n') + '\n');
    assert.equal(r2.messages[0]!.text, toLf(TRYING));
    assert.deepEqual(r2.messages[0]!.time, { ms: clock(12, 0, 0, 123), dated: false });
  });
});

describe('Cisco ccsip debug', () => {
  it('reads Sent / Received after ccsipDisplayMsg, a body with no blank line before it, uptime stamps', () => {
    const noBlank = (s: string) => toLf(s).replace('\n\n', '\n');
    const text =
      '00:11:29: //-1/xxxxxxxxxxxx/SIP/Msg/ccsipDisplayMsg:\nSent:\n' + noBlank(INV) +
      '00:11:29: //-1/xxxxxxxxxxxx/SIP/Msg/ccsipDisplayMsg:\nReceived:\n' + noBlank(TRYING) +
      '00:11:31: //-1/xxxxxxxxxxxx/SIP/Msg/ccsipDisplayMsg:\nReceived:\n' + noBlank(OK);
    const r = splitTrace(text);
    assert.equal(r.format, 'cisco-ccsip');
    assert.deepEqual(r.messages.map((m) => m.direction), ['sent', 'received', 'received']);
    const [a, , c] = r.messages;
    assert.equal(a!.text, toLf(INV));
    assert.equal(a!.startLine, 2);
    assert.equal(a!.lineMap!.length, a!.text.split('\n').length);
    assert.equal(c!.text, toLf(OK));
    assert.deepEqual(a!.time, { ms: clock(0, 11, 29), dated: false, wholeSeconds: true });
    const call = analyzeTrace(text).calls[0]!;
    assert.equal(call.setupMs, 2000);
    assert.equal(call.outcome, 'answered');
  });

  it('reads a pasted stamp whose one-digit day lost its padding (`Jan 7 17:47:15.550:`)', () => {
    const text = 'Jan 7 17:47:15.550: //-1/xxxxxxxxxxxx/SIP/Msg/ccsipDisplayMsg:\nReceived:\n' + toLf(TRYING) + 'Jan 7 17:47:15.551: //-1/xxxxxxxxxxxx/SIP/Info/other\n';
    const r = splitTrace(text);
    assert.equal(r.format, 'cisco-ccsip');
    assert.deepEqual(r.messages[0]!.time, { ms: clock(17, 47, 15, 550), dated: false });
    assert.equal(r.messages[0]!.text, toLf(TRYING));
  });

  it('reads the older one-line form with a star stamp and a sequence number', () => {
    const text = '001756: *Oct  9 15:37:24.577: Received: \n' + toLf(TRYING) + '001757: *Oct  9 15:37:24.580: //1234/ABCD/SIP/Info/something\n';
    const r = splitTrace(text);
    assert.equal(r.messages.length, 1);
    assert.equal(r.messages[0]!.direction, 'received');
    assert.equal(r.messages[0]!.text, toLf(TRYING));
    assert.deepEqual(r.messages[0]!.time, { ms: clock(15, 37, 24, 577), dated: false });
  });
});

describe('pjsip applications, linphone, baresip', () => {
  it('pjsip: .TX / .RX … --end msg--', () => {
    const text =
      '15:02:23.487         pjsua_core.c  .TX 912 bytes Request msg INVITE/cseq=1 (tdta0x55d0) to UDP [2001:db8::2]:5060:\n' + INV + '\n--end msg--\n' +
      '15:02:23.520         pjsua_core.c  .RX 300 bytes Response msg 100/INVITE/cseq=1 (rdata0x55d1) from UDP [2001:db8::2]:5060:\n' + TRYING + '\n--end msg--\n';
    const r = splitTrace(text);
    assert.equal(r.format, 'pjsip-app');
    const [a, b] = r.messages;
    assert.equal(a!.direction, 'sent');
    assert.deepEqual(a!.dst, { host: '2001:db8::2', port: 5060, transport: 'udp' });
    assert.equal(a!.text, INV);
    assert.equal(a!.announcedBytes, 912);
    assert.equal(b!.direction, 'received');
    assert.deepEqual(b!.time, { ms: clock(15, 2, 23, 520), dated: false });
    assert.equal(b!.lastLine, lineOf(text, '--end msg--', a!.lastLine + 1));
  });

  it('linphone: belle-sip channel lines', () => {
    const text =
      '2026-12-01 02:16:34:810 belle-sip-message-channel [0x55f572e886b0]: message sent to [UDP://10.0.0.2:5060], size: [912] bytes\n' + INV +
      '2026-12-01 02:16:34:850 belle-sip-message-channel [0x55f572e886b0]: received [300] new bytes from [UDP://10.0.0.2:5060]:\n' + TRYING +
      '2026-12-01 02:16:34:851 liblinphone-message-CallSession moving on\n';
    const r = splitTrace(text);
    assert.equal(r.format, 'linphone');
    assert.deepEqual(r.messages.map((m) => m.direction), ['sent', 'received']);
    assert.deepEqual(r.messages[1]!.time, { ms: Date.UTC(2026, 11, 1, 2, 16, 34, 850), dated: true });
    assert.equal(r.messages[1]!.text, TRYING);
  });

  it('baresip: coloured `#` blocks with addresses', () => {
    const text = '\x1b[36;1m#\nUDP 10.0.0.1:5070 -> 10.0.0.2:5060\n' + INV + '\x1b[;m\n\x1b[36;1m#\nUDP 10.0.0.2:5060 -> 10.0.0.1:5070\n' + TRYING + '\x1b[;m\n';
    const r = splitTrace(text);
    assert.equal(r.format, 'baresip');
    assert.equal(r.messages.length, 2);
    assert.equal(r.messages[0]!.text, INV);
    assert.deepEqual(r.messages[0]!.src, { host: '10.0.0.1', port: 5070, transport: 'udp' });
    assert.equal(r.messages[0]!.direction, 'unknown');
  });
});

describe('AudioCodes syslog', () => {
  it('reads the whole message from the marker line, line breaks escaped as #015#012', () => {
    const esc = (m: string) => m.replace(/\r\n/g, '#015#012');
    const text =
      'Mar  1 10:00:00 192.0.2.5  [S=100] [SID=2ed1c8:96:5] ( sip_stack)(101)   ---- Incoming SIP Message from 192.0.2.1:5060 to SIPInterface #0 (SBC) UDP TO=#0 SRD=#0 (DefaultSRD) ---- #012' + esc(INV) + '\n' +
      '10:00:01.250 : 192.0.2.5 : NOTICE : [S=102] [SID=2ed1c8:96:5] ( sip_stack)(103)   ---- Outgoing SIP Message to 192.0.2.1:5060 from SIPInterface #0 (SBC) UDP TO=#0 SRD=#0 (DefaultSRD) ---- #012' + esc(TRYING) + '\n';
    const r = splitTrace(text);
    assert.equal(r.format, 'audiocodes');
    const [a, b] = r.messages;
    assert.equal(a!.text, INV);
    assert.equal(a!.direction, 'received');
    assert.deepEqual(a!.src, { host: '192.0.2.1', port: 5060 });
    assert.equal(a!.startColumn, text.indexOf('INVITE sip'));
    assert.ok(a!.lineMap!.every((l) => l === 0));
    assert.deepEqual(a!.time, { ms: clock(10, 0, 0), dated: false, wholeSeconds: true });
    assert.equal(b!.direction, 'sent');
    assert.deepEqual(b!.time, { ms: clock(10, 0, 1, 250), dated: false });
  });

  it('reads raw packets: the CR turned into a space before #012, the device time tag at the end', () => {
    const text = '<133>[S=1718478] [SID=b9027c:24:198173]  (N  6891753) ---- Incoming SIP Message from 192.0.2.1:5061 to SIPInterface #2 (Teams) TLS TO(#134) SocketID(200) ---- #012' +
      TRYING.replace(/\r\n/g, ' #012').replace(/ #012$/, '') + ' [Time:19-12@12:45:02.514]\n';
    const r = splitTrace(text);
    assert.equal(r.messages.length, 1);
    assert.equal(r.messages[0]!.text, TRYING.replace(/\r\n$/, ''));
    assert.deepEqual(r.messages[0]!.time, { ms: clock(12, 45, 2, 514), dated: false });
  });
});

describe('FreeSWITCH event socket', () => {
  it('log/data events: each sofia line an event, its headers between the messages', () => {
    const event = (body: string) =>
      `Content-Type: log/data\nContent-Length: ${Buffer.byteLength(body)}\nLog-Level: 7\nText-Channel: 3\nLog-File: sofia.c\nLog-Func: sofia_log\nLog-Line: 0\nUser-Data: \n\n${body}`;
    const sofia = (head: string, msg: string) => `${head}\n${'-'.repeat(72)}\n${toLf(msg).replace(/\n$/, '')}\n`;
    const text =
      event(sofia('send 900 bytes to udp/[10.0.0.2]:5060 at 12:30:57.916812:', INV)) +
      event(sofia('recv 300 bytes from udp/[10.0.0.2]:5060 at 12:30:57.950001:', TRYING)) +
      event(sofia('recv 500 bytes from udp/[10.0.0.2]:5060 at 12:30:58.100000:', OK));
    const r = splitTrace(text);
    assert.equal(r.format, 'freeswitch');
    assert.deepEqual(r.messages.map((m) => m.direction), ['sent', 'received', 'received']);
    // The event headers after a body are not part of the message before them.
    assert.equal(r.messages[0]!.text, toLf(INV));
    assert.equal(r.messages[2]!.text, toLf(OK));
    assert.deepEqual(r.messages[1]!.time, { ms: clock(12, 30, 57, 950.001), dated: false });
    assert.deepEqual(r.messages[0]!.dst, { host: '10.0.0.2', port: 5060, transport: 'udp' });
    assert.deepEqual(r.notices, []);
  });
});

describe('Ribbon / Sonus SBC logs', () => {
  const entry = (stamp: string, seq: number, level: string, rest: string) => `${rest.length + 40} ${stamp}:1.01.00.${seq}.${level} ${rest}`;
  const trc = (stamp: string, seq: number, what: string, msg: string) =>
    entry(stamp, seq, 'MAJOR', `.SIPSG:FILTER=lab GCID=0x00000DDB: EXTRA INFO: ${what}`) + '\nRAW PDU:\n' + msg;

  it('call trace: both directions, peer and local addresses, dated times with microseconds', () => {
    const text =
      entry('12162016 083615.736943', 38938, 'Info', '.SIPSG:CALL:FILTER=lab GCID=0x00000DDB: 14443. TraceCallLogger invoked - ulMsgType-0x40000004') + '\n' +
      trc('12162016 083615.737177', 38939, 'Ingress: received msg for CallId:call-1@10.0.0.1 gcid:0xDDB from IP/port:10.0.0.1/5060, Local IP/port:10.0.0.2/5060', INV) +
      trc('12162016 083615.737902', 38940, 'Egress: sent msg for CallId:call-1@10.0.0.1 gcid:0xDDB to IP/port:[2001:db8::1]/5060, Local IP/port:10.0.0.2/5060, SMM:-1', TRYING) +
      entry('12162016 083615.738001', 38941, 'Info', '.SIPSG: *next entry') + '\n';
    const r = splitTrace(text);
    assert.equal(r.format, 'ribbon');
    const [a, b] = r.messages;
    assert.equal(r.messages.length, 2);
    assert.equal(a!.text, INV);
    assert.equal(a!.direction, 'received');
    assert.deepEqual(a!.src, { host: '10.0.0.1', port: 5060 });
    assert.deepEqual(a!.dst, { host: '10.0.0.2', port: 5060 });
    assert.equal(a!.time!.dated, true);
    assert.ok(Math.abs(a!.time!.ms - (Date.UTC(2016, 11, 16, 8, 36, 15) + 737.177)) < 1e-3, 'microseconds kept');
    assert.equal(a!.firstLine, 1);
    assert.equal(a!.startLine, 3);
    assert.equal(b!.text, TRYING);
    assert.equal(b!.direction, 'sent');
    assert.deepEqual(b!.dst, { host: '2001:db8::1', port: 5060 });
    assert.deepEqual(b!.src, { host: '10.0.0.2', port: 5060 });
    assert.equal(b!.lastLine, lineOf(text, '*next entry') - 1);
  });

  it('call trace: an entry without its RAW PDU line is not a message', () => {
    const text = entry('12162016 083615.737177', 1, 'MAJOR', '.SIPSG:FILTER=lab GCID=0x1: EXTRA INFO: Ingress: received msg for CallId:x gcid:0x1 from IP/port:10.0.0.1/5060, Local IP/port:10.0.0.2/5060') + '\n';
    assert.equal(splitTrace(text).messages.length, 0);
  });

  it('debug log: the message read from the socket, up to its msgLen line', () => {
    const text =
      entry('09202018 165651.570846', 38344, 'Info', '.SIPCM: SipFeSocketRecvMsg - msg = ') + TRYING + `, msgLen = ${TRYING.length}.\n` +
      entry('09202018 165651.572939', 38374, 'Info', '.SIPFE: *FindRegistrationBlock: RCB not found by sourceIP, sourceIP:10.0.0.1 port:5060 zone:2') + '\n';
    const r = splitTrace(text);
    assert.equal(r.format, 'ribbon');
    assert.equal(r.messages.length, 1);
    const m = r.messages[0]!;
    assert.equal(m.text, TRYING);
    assert.equal(m.direction, 'received');
    assert.equal(m.src, undefined);
    assert.equal(m.startLine, 0);
    assert.equal(m.startColumn, text.indexOf('SIP/2.0 100'));
    assert.equal(m.lastLine, lineOf(text, ', msgLen = '));
    assert.equal(m.announcedBytes, TRYING.length);
    assert.equal(m.time!.dated, true);
    assert.ok(Math.abs(m.time!.ms - (Date.UTC(2018, 8, 20, 16, 56, 51) + 570.846)) < 1e-3, 'microseconds kept');
  });

  it('debug log: a body read apart over TCP is joined to its headers', () => {
    const head = INV.slice(0, INV.indexOf('\r\n\r\n') + 4);
    const body = INV.slice(head.length);
    const text =
      entry('09202018 165651.570846', 38344, 'Info', '.SIPCM: SipFeSocketRecvMsg - msg = ') + head + `, msgLen = ${head.length}.\n` +
      entry('09202018 165651.570900', 38345, 'Info', '.SIPCM: SipFeSocketRecvMsg - msg = ') + body + `, msgLen = ${body.length}.\n` +
      entry('09202018 165651.572939', 38374, 'Info', '.SIPFE: *next') + '\n';
    const r = splitTrace(text);
    assert.equal(r.messages.length, 1);
    const m = r.messages[0]!;
    assert.equal(m.text, INV);
    assert.equal(m.announcedBytes, INV.length);
    const bodyLine = lineOf(text, 'msg = v=0');
    const closing = lineOf(text, ', msgLen = ', bodyLine);
    assert.equal(m.lastLine, closing);
    // Every line of the joined text points at its own file line: the body's first line is the
    // second entry's line, and the final empty line is the closing msgLen line.
    const textLines = m.text.split('\n');
    assert.equal(m.lineMap!.length, textLines.length);
    assert.equal(m.lineMap![textLines.indexOf('v=0\r')], bodyLine);
    assert.equal(m.lineMap![textLines.length - 1], closing);
    const all = text.split('\n');
    for (let i = 0; i < textLines.length - 1; i++) assert.ok(all[m.lineMap![i]!]!.endsWith(textLines[i]!), `line ${i}`);
    assert.deepEqual(r.notices, []);
  });

  it('debug log: a body entry with no headers before it is left alone', () => {
    const text = entry('09202018 165651.570900', 38345, 'Info', '.SIPCM: SipFeSocketRecvMsg - msg = ') + 'v=0\r\ns=-\r\n, msgLen = 10.\n';
    const r = splitTrace(text);
    assert.equal(r.messages.length, 0);
  });

  it('reads calls with direction, so who hung up comes from the log', () => {
    const bye = sip('BYE sip:1001@10.0.0.1:5060 SIP/2.0', ['Via: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK-9', 'From: <sip:1002@10.0.0.2>;tag=b2', 'To: "Alice" <sip:1001@10.0.0.1>;tag=a1', 'Call-ID: call-1@10.0.0.1', 'CSeq: 1 BYE']);
    const ip = 'from IP/port:10.0.0.1/5060, Local IP/port:10.0.0.2/5060';
    const text =
      trc('12162016 083615.000000', 1, `Ingress: received msg for CallId:c gcid:0x1 ${ip}`, INV) +
      trc('12162016 083615.100000', 2, `Egress: sent msg for CallId:c gcid:0x1 ${ip.replace('from', 'to')}`, RINGING) +
      trc('12162016 083617.000000', 3, `Egress: sent msg for CallId:c gcid:0x1 ${ip.replace('from', 'to')}`, OK) +
      trc('12162016 083627.500000', 4, `Egress: sent msg for CallId:c gcid:0x1 ${ip.replace('from', 'to')}`, bye);
    const a = analyzeTrace(text);
    assert.equal(a.format, 'ribbon');
    const call = a.calls[0]!;
    assert.equal(call.outcome, 'answered');
    assert.equal(call.endedBy, 'local');
    assert.equal(call.setupMs, 2000);
    assert.equal(call.pddMs, 100);
    assert.equal(call.durationMs, 10500);
  });
});

describe('Wireshark packet details', () => {
  const frame = (n: number, startLine: string, headers: string[], sdp: string[] = []) =>
    [
      `Frame ${n}: 600 bytes on wire (4800 bits), 600 bytes captured (4800 bits)`,
      '    Arrival Time: Dec  1, 2026 02:23:36.280323000 UTC',
      `    Epoch Time: ${1796091816 + n}.280323000 seconds`,
      'Internet Protocol Version 4, Src: 192.0.2.1, Dst: 192.0.2.2',
      'User Datagram Protocol, Src Port: 5061, Dst Port: 5060',
      'Session Initiation Protocol (X)',
      `    ${startLine.startsWith('SIP/') ? 'Status-Line' : 'Request-Line'}: ${startLine}`,
      '        Method: X',
      '        [Resent Packet: False]',
      '    Message Header',
      ...headers.flatMap((h) => [`        ${h}`, '            Sub field: x']),
      '        [Generated Call-ID: c1]',
      ...(sdp.length ? ['    Message Body', '        Session Description Protocol', ...sdp.flatMap((l) => [`            ${l}`, '                Detail: y'])] : []),
      '',
    ].join('\n');
  it('rebuilds the message from the tree, with addresses, epoch time and a line map', () => {
    const head = ['Via: SIP/2.0/UDP 192.0.2.1:5061;branch=z9hG4bK1', 'From: <sip:a@x>;tag=1', 'To: <sip:b@y>', 'Call-ID: c1', 'CSeq: 1 INVITE', 'Subject: caf\\303\\251', 'Content-Length: 10'];
    const text = frame(1, 'INVITE sip:b@y SIP/2.0', head, ['Session Description Protocol Version (v): 0', 'Connection Information (c): IN IP4 192.0.2.1']);
    const r = splitTrace(text);
    assert.equal(r.format, 'wireshark-text');
    const m = r.messages[0]!;
    assert.equal(m.text, ['INVITE sip:b@y SIP/2.0', ...head.map((h) => h.replace('caf\\303\\251', 'café')), '', 'v=0', 'c=IN IP4 192.0.2.1', ''].join('\r\n'));
    assert.deepEqual(m.src, { host: '192.0.2.1', port: 5061, transport: 'udp' });
    assert.deepEqual(m.time, { ms: (1796091816 + 1) * 1000 + 280.323, dated: true });
    assert.equal(m.startLine, lineOf(text, 'Request-Line'));
    assert.equal(m.startColumn, '    Request-Line: '.length);
    assert.equal(m.lineMap![1], lineOf(text, '        Via:'));
    assert.equal(m.lineMap!.length, m.text.split('\n').length);
  });

  it('takes the time from the summary line of an export', () => {
    const text = '    1 2026-12-01 02:23:36.280323    192.0.2.1 → 192.0.2.2    SIP 300 Status: 100 Trying\n\n' +
      frame(1, 'SIP/2.0 100 Trying', ['Via: SIP/2.0/UDP 192.0.2.1:5061;branch=z9hG4bK1', 'Call-ID: c1', 'CSeq: 1 INVITE']).replace(/ {4}(Arrival|Epoch).*\n/g, '');
    const r = splitTrace(text);
    assert.deepEqual(r.messages[0]!.time, { ms: Date.UTC(2026, 11, 1, 2, 23, 36) + 280.323, dated: true });
  });
});

describe('damage that pasting does', () => {
  it('a header hard-wrapped by a mail client is read as folded', () => {
    const wrapped = toLf(INV).replace('Contact: <sip:1001@10.0.0.1:5060>', 'Contact:\n<sip:1001@10.0.0.1:5060>');
    const a = analyzeTrace('Hi, the INVITE:\n\n' + wrapped + '\nthanks\n');
    assert.equal(a.messages.length, 1);
    assert.deepEqual(a.messages[0]!.sip.problems, []);
    assert.equal(a.messages[0]!.sip.body, toLf(SDP));
  });

  it('a header line starting with a space, and two headers on one line, are repaired', () => {
    const damaged = toLf(INV).replace('\nFrom:', '\n From:').replace('\nCSeq: 1 INVITE', ' CSeq: 1 INVITE');
    const a = analyzeTrace(damaged);
    const m = a.messages[0]!;
    assert.deepEqual(m.sip.problems, []);
    assert.equal(m.sip.callId, 'call-1@10.0.0.1');
    assert.equal(m.sip.cseq?.seq, 1);
    assert.equal(m.sip.from?.tag, 'a1');
    // Both headers of the joined line map to that one file line.
    const joined = damaged.split('\n').findIndex((l) => l.startsWith('Call-ID'));
    const textLines = m.frame.text.split('\n');
    assert.equal(m.frame.lineMap![textLines.findIndex((l) => l.startsWith('CSeq'))], joined);
    assert.equal(a.calls.length, 1);
  });

  it('a message over a megabyte is not looked at for repair (a junk message of millions of lines)', () => {
    const damaged = toLf(INV).replace('\nFrom:', '\n From:');
    assert.deepEqual(analyzeTrace(damaged).messages[0]!.sip.problems, [], 'repaired when small');
    // The same damage in a message whose body makes it over 1 MB: read as it is.
    const big = damaged.replace('Content-Length: ', 'X-Pad: ' + 'x'.repeat(1 << 20) + '\nContent-Length: ');
    assert.ok(analyzeTrace(big).messages[0]!.sip.problems.length > 0, 'not repaired when big');
  });

  it('ngrep byline: the dot of each CR is dropped, a Call-ID that ends in dots keeps them', () => {
    const msg = sip('OPTIONS sip:a@10.0.0.2 SIP/2.0', ['Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK.1', 'From: <sip:b@10.0.0.1>;tag=x', 'To: <sip:a@10.0.0.2>', 'Call-ID: ends-with-dots...', 'CSeq: 1 OPTIONS']);
    const text = 'U 10.0.0.1:5060 -> 10.0.0.2:5060\n' + msg.replace(/\r\n/g, '.\n') + '\n#\n';
    const a = analyzeTrace(text);
    assert.equal(a.messages[0]!.frame.text, msg);
    assert.equal(a.messages[0]!.sip.callId, 'ends-with-dots...');
  });

  it('a message without its marker in a direction-bearing log keeps the log format and gets its direction', () => {
    const mk = (dir: 'Transmitting' | 'Received', kind: string, to: string) => `<--- ${dir} SIP ${kind} (300 bytes) ${to} UDP:10.0.0.2:5060 --->\n`;
    const bye = sip('BYE sip:1002@10.0.0.2 SIP/2.0', ['Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-bye', 'From: "Alice" <sip:1001@10.0.0.1>;tag=a1', 'To: <sip:1002@10.0.0.2>;tag=b2', 'Call-ID: call-1@10.0.0.1', 'CSeq: 2 BYE']);
    const text =
      mk('Transmitting', 'request', 'to') + INV + '\n' + mk('Received', 'response', 'from') + OK + '\n' +
      // the BYE's marker line was lost in the paste
      bye + '\n';
    const a = analyzeTrace(text);
    assert.equal(a.format, 'asterisk-pjsip');
    assert.equal(a.messages[2]!.frame.format, 'asterisk-pjsip');
    assert.equal(a.messages[2]!.frame.direction, 'sent');
    assert.equal(a.calls[0]!.endedBy, 'local');
  });
});
