#!/usr/bin/env node
// Writes the fixtures of the text sources and adds their expectations to test/fixtures/expected.json.
//
//   node text-sources.mjs WORK_DIR FIXTURES_DIR
//   node text-sources.mjs - FIXTURES_DIR     (re-frame only: the real tool output stays as committed)
//
// Real tool output from WORK_DIR (text-sources.sh): tshark packet details of a loopback capture,
// baresip's SIP trace. The other shapes are framed here around real SIPp messages (the committed
// SIPp traces in test/fixtures/sipp/), following each tool's documented output: every byte of SIP
// content comes from the wire, only the wrapping is written here (see test/fixtures/README.md).
//
// Expectations come from the scenario each run played and from the times the source recorded
// (SIPp's own time stamps, tshark's frame times), cut to the resolution the framing writes —
// never from SIP Lens.
import fs from 'node:fs';
import path from 'node:path';
import { writeReframedNote } from './provenance.mjs';
import { parseSipp, startLine, isRequest, method, status, header, cseqMethod } from './sipp-trace.mjs';

const [work, out] = process.argv.slice(2);
if (!work || !out) {
  console.error('usage: node text-sources.mjs WORK_DIR FIXTURES_DIR');
  process.exit(2);
}
const expectedFile = path.join(out, 'expected.json');
const expected = JSON.parse(fs.readFileSync(expectedFile, 'utf8'));

// What each SIPp run did (the scenario pairs of make.sh). bye: who sent the BYE.
const RUNS = {
  'answered-local-bye': { outcome: 'answered', finalStatus: 200, bye: 'caller' },
  'answered-remote-bye': { outcome: 'answered', finalStatus: 200, bye: 'callee' },
  'busy-486': { outcome: 'busy', finalStatus: 486, bye: null },
  'declined-603': { outcome: 'failed', finalStatus: 603, bye: null },
  'no-answer-cancel': { outcome: 'no-answer', finalStatus: 487, bye: null },
  'cancelled-early': { outcome: 'cancelled', finalStatus: 487, bye: null },
  'auth-407-answered': { outcome: 'answered', finalStatus: 200, bye: 'caller' },
  'unavailable-480': { outcome: 'failed', finalStatus: 480, bye: null },
  'redirect-302': { outcome: 'redirected', finalStatus: 302, bye: null },
  'not-found-404': { outcome: 'failed', finalStatus: 404, bye: null },
  'session-progress-answered': { outcome: 'answered', finalStatus: 200, bye: 'caller' },
};

// ---- message sources --------------------------------------------------------------------------
const sipp = (name) => parseSipp(fs.readFileSync(path.join(out, 'sipp', name), 'latin1'));
const lf = (text) => text.replace(/\r\n/g, '\n');
/** ip, port of the other side: the first request's Request-URI (sent) or top Via (received). */
function peerOf(messages) {
  const first = messages.find(isRequest);
  if (first.dir === 'sent') return /@?([\d.]+):(\d+)/.exec(startLine(first).split(' ')[1]).slice(1);
  return /SIP\/2\.0\/UDP ([\d.]+):(\d+)/.exec(header(first, 'Via')).slice(1);
}

// ---- expectations -----------------------------------------------------------------------------
/**
 * setup / PDD / duration from the times a framing writes: `cut` turns a message's time (epoch ms,
 * µs precision) into what the log shows, e.g. whole seconds.
 */
function timesOf(messages, cut) {
  const t = (m) => (m ? cut(m.ms) : undefined);
  const invites = messages.filter((m) => isRequest(m) && method(m) === 'INVITE' && !/;tag=/.test(header(m, 'To')));
  const first = invites[0];
  const last = invites[invites.length - 1];
  const lastCseq = header(last, 'CSeq');
  const final = messages.find((m) => !isRequest(m) && header(m, 'CSeq') === lastCseq && status(m) >= 200);
  const ringing = messages.find((m) => !isRequest(m) && cseqMethod(m) === 'INVITE' && status(m) >= 180 && status(m) < 190);
  const bye = messages.find((m) => isRequest(m) && method(m) === 'BYE');
  const diff = (a, b) => (a === undefined || b === undefined ? null : Math.max(0, Math.round(t(b) - t(a))));
  return {
    setupMs: final ? diff(first, final) : null,
    pddMs: ringing ? diff(first, ringing) : null,
    durationMs: bye && final && status(final) < 300 ? diff(final, bye) : null,
  };
}
const micro = (ms) => ms;
const milli = (ms) => Math.floor(ms);
const whole = (ms) => Math.floor(ms / 1000) * 1000;
const none = () => undefined;

/** One expected call: `local` is 'caller' or 'callee' (the side whose log it is). */
function call(callId, run, local, times) {
  const r = RUNS[run];
  return {
    callId,
    outcome: r.outcome,
    finalStatus: r.finalStatus,
    endedBy: r.bye === null ? null : r.bye === local ? 'local' : 'remote',
    ...(times ? { times } : {}),
  };
}
const noTimes = { setupMs: null, pddMs: null, durationMs: null };

function put(rel, content, format, calls, note) {
  const file = path.join(out, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  expected[rel] = { format, calls, ...(note ? { note } : {}) };
}

// ---- 1. Wireshark packet details (tshark, real) ----------------------------------------------
if (work !== '-') {
  const captured = [
    ['ws-answered-remote-bye', 'answered-remote-bye'],
    ['ws-busy-486', 'busy-486'],
    ['ws-no-answer-cancel', 'no-answer-cancel'],
    ['ws-answered-local-bye', 'answered-local-bye'],
  ];
  // frame.time_epoch|Call-ID|Method|Status-Code|CSeq method, per frame
  const frames = fs
    .readFileSync(path.join(work, 'capture-times.txt'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [epoch, callId, meth, code, cseqM] = line.split('|');
      return { ms: Number(epoch) * 1000, callId, meth, code: Number(code || 0), cseqM };
    });
  const timesFor = (callId) => {
    const of = frames.filter((f) => f.callId === callId);
    const inv = of.find((f) => f.meth === 'INVITE');
    const final = of.find((f) => f.code >= 200 && f.cseqM === 'INVITE');
    const ring = of.find((f) => f.code >= 180 && f.code < 190);
    const bye = of.find((f) => f.meth === 'BYE');
    const d = (a, b) => (a && b ? Math.max(0, Math.round(b.ms - a.ms)) : null);
    return { setupMs: d(inv, final), pddMs: d(inv, ring), durationMs: final && final.code < 300 ? d(final, bye) : null };
  };
  // The capture holds only addresses: local is the caller.
  const calls = (withTimes) =>
    captured.map(([name, run]) => call(`${name}-1@sip-lens`, run, 'caller', withTimes ? timesFor(`${name}-1@sip-lens`) : noTimes));
  const read = (f) => fs.readFileSync(path.join(work, f), 'latin1');
  put('wireshark-text/tshark-V.txt', read('tshark-V.txt'), 'wireshark-text', calls(true));
  put('wireshark-text/tshark-P-O-sip-x.txt', read('tshark-O-sip.txt'), 'wireshark-text', calls(true));
}

// ---- 2. baresip (real) -----------------------------------------------------------------------
if (work !== '-') {
  const runs = [
    ['baresip-answered-remote-bye', 'answered-remote-bye'],
    ['baresip-busy-486', 'busy-486'],
  ];
  let text = '';
  const calls = [];
  for (const [name, run] of runs) {
    text += fs.readFileSync(path.join(work, `${name}.baresip.log`), 'latin1');
    // The Call-ID baresip chose, as the SIPp callee received it.
    const invite = parseSipp(fs.readFileSync(path.join(work, `${name}.uas.log`), 'latin1')).find(isRequest);
    // baresip placed the call; its trace gives addresses only, so local is the caller.
    calls.push(call(header(invite, 'Call-ID'), run, 'caller', noTimes));
  }
  put('baresip/trace.log', text, 'baresip', calls);
}

// ---- 3. Re-framed real messages ----------------------------------------------------------------
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const callIdOf = (msgs) => header(msgs[0], 'Call-ID');
/** `%b %e %T` (one-digit day padded with a space) */
const asteriskDate = (msg) => {
  const [, mo, d] = msg.date.split('-');
  return `${MONTHS[Number(mo) - 1]} ${String(Number(d)).padStart(2, ' ')} ${msg.time.slice(0, 8)}`;
};

// Asterisk full log with call identifiers, pjsip logger. One call with the prefix on the
// marker line only; one with the prefix on every line (blank lines included), as some logger
// set-ups write. Asterisk is the caller. Times are whole seconds.
{
  const a = sipp('answered-local-bye.log');
  const b = sipp('busy-486.log');
  const [ip, port] = peerOf(a);
  const prefix = (msg, id) => `[${asteriskDate(msg)}] VERBOSE[26242][C-0000000${id}] res_pjsip_logger.c: `;
  const marker = (msg) =>
    msg.dir === 'sent'
      ? `<--- Transmitting SIP ${isRequest(msg) ? 'request' : 'response'} (${msg.text.length} bytes) to UDP:${ip}:${port} --->`
      : `<--- Received SIP ${isRequest(msg) ? 'request' : 'response'} (${msg.text.length} bytes) from UDP:${ip}:${port} --->`;
  let s = `[${asteriskDate(a[0])}] VERBOSE[26240][C-00000001] pbx.c: Executing [5551234@from-internal:1] Dial("PJSIP/alice-00000001", "PJSIP/5551234@trunk,30") in new stack\n`;
  for (const msg of a) s += `${prefix(msg, 1)}${marker(msg)}\n${lf(msg.text)}\n`;
  s += `[${asteriskDate(b[0])}] VERBOSE[26250][C-00000002] pbx.c: Executing [5551234@from-internal:1] Dial("PJSIP/alice-00000002", "PJSIP/5551234@trunk,30") in new stack\n`;
  for (const msg of b) {
    const lines = lf(msg.text).replace(/\n$/, '').split('\n');
    s += `${prefix(msg, 2)}${marker(msg)}\n` + lines.map((l) => prefix(msg, 2) + l).join('\n') + '\n';
  }
  s += `[${asteriskDate(b[b.length - 1])}] VERBOSE[26250][C-00000002] app_dial.c: Everyone is busy/congested at this time (1:1/0/0)\n`;
  put('asterisk-pjsip/full-log-callid.log', s, 'asterisk-pjsip', [
    call(callIdOf(a), 'answered-local-bye', 'caller', timesOf(a, whole)),
    call(callIdOf(b), 'busy-486', 'caller', timesOf(b, whole)),
  ]);
}

// Asterisk full log with call identifiers and a `[YYYY-MM-DD hh:mm:ss.mmm]` dateformat, chan_sip.
{
  const a = sipp('no-answer-cancel.log');
  const [ip, port] = peerOf(a);
  const stamp = (msg) => `[${msg.date} ${msg.time.slice(0, 12)}] VERBOSE[31002][C-0000000a] chan_sip.c: `;
  let s = '';
  for (const msg of a) {
    if (msg.dir === 'received') {
      const [head, body = ''] = msg.text.split('\r\n\r\n');
      s += `${stamp(msg)}\n<--- SIP read from UDP:${ip}:${port} --->\n${msg.text}\n<------------->\n`;
      s += `--- (${head.split('\r\n').length - 1} headers ${body === '' ? 0 : body.replace(/\r\n$/, '').split('\r\n').length} lines) ---\n`;
    } else {
      s += `${stamp(msg)}${method(msg) === 'ACK' ? '' : 'Reliably '}Transmitting (no NAT) to ${ip}:${port}:\n${msg.text}\n---\n`;
    }
  }
  put('asterisk-chan-sip/full-log-callid.log', s, 'asterisk-chan-sip', [call(callIdOf(a), 'no-answer-cancel', 'caller', timesOf(a, milli))]);
}

// Cisco IOS / CUBE `debug ccsip messages`: `*Mon dd hh:mm:ss.mmm: //-1/…/SIP/Msg/ccsipDisplayMsg:`,
// `Sent:` / `Received:`, the message without the blank line before its body. The gateway is the
// caller. Second file: `debug ccsip all` with syslog sequence numbers and other debug lines.
{
  const cisco = (msg, stampOf) => {
    const [head, body = ''] = lf(msg.text).split('\n\n');
    const lines = [head, ...(body ? [body.replace(/\n$/, '')] : [])].join('\n');
    return `${stampOf(msg)}//-1/xxxxxxxxxxxx/SIP/Msg/ccsipDisplayMsg:\n${msg.dir === 'sent' ? 'Sent:' : 'Received:'}\n${lines}\n`;
  };
  const star = (msg) => `*${asteriskDate(msg)}.${msg.time.slice(9, 12)}: `;
  const a = sipp('answered-local-bye.log');
  const b = sipp('declined-603.log');
  put(
    'cisco-ccsip/debug-ccsip-messages.log',
    'Router#debug ccsip messages\nSIP Call messages tracing is enabled\n' + [...a, ...b].map((m) => cisco(m, star)).join('\n'),
    'cisco-ccsip',
    [call(callIdOf(a), 'answered-local-bye', 'caller', timesOf(a, milli)), call(callIdOf(b), 'declined-603', 'caller', timesOf(b, milli))],
  );
  let seq = 1754;
  const numbered = (msg) => `${String(seq++).padStart(6, '0')}: ${asteriskDate(msg)}.${msg.time.slice(9, 12)}: `;
  const c = sipp('unavailable-480.log');
  let s = '';
  for (const msg of c) {
    s += cisco(msg, numbered);
    s += `${numbered(msg)}//1234/A5F0C6B8B3A5/SIP/Info/info/4096/sipSPICheckResponse: Response code ${isRequest(msg) ? 0 : status(msg)}\n`;
    s += `${numbered(msg)}//1234/A5F0C6B8B3A5/SIP/State/sipSPIChangeState: 0x7F1C2A3B4C50 : State change from (STATE_SENT_INVITE, SUBSTATE_NONE)  to (STATE_RECD_PROCEEDING, SUBSTATE_NONE)\n`;
  }
  put('cisco-ccsip/debug-ccsip-all.log', s, 'cisco-ccsip', [call(callIdOf(c), 'unavailable-480', 'caller', timesOf(c, milli))]);
}

// pjsua: `hh:mm:ss.mmm  pjsua_core.c  .TX 912 bytes Request msg INVITE/cseq=1 (tdta0x…) to UDP ip:port:`,
// the message, `--end msg--`. pjsua is the caller.
{
  const a = sipp('auth-407-answered.log');
  const b = sipp('cancelled-early.log');
  let n = 0;
  const pj = (msgs) => {
    const [ip, port] = peerOf(msgs);
    return msgs
      .map((msg) => {
        const what = isRequest(msg) ? `Request msg ${method(msg)}/cseq=${header(msg, 'CSeq').split(' ')[0]}` : `Response msg ${status(msg)}/${cseqMethod(msg)}/cseq=${header(msg, 'CSeq').split(' ')[0]}`;
        const buf = `${msg.dir === 'sent' ? 'tdta' : 'rdata'}0x55d0c2a1${(0x1000 + 0x40 * n++).toString(16)}`;
        const head = msg.dir === 'sent' ? `.TX ${msg.text.length} bytes ${what} (${buf}) to UDP ${ip}:${port}:` : `.RX ${msg.text.length} bytes ${what} (${buf}) from UDP ${ip}:${port}:`;
        const stamp = msg.time.slice(0, 12);
        return `${stamp}         pjsua_core.c  ${head}\n${msg.text}\n--end msg--\n${stamp}           pjsua_app.c  ......Call 0 state changed\n`;
      })
      .join('');
  };
  put('pjsip-app/pjsua.log', pj(a) + pj(b), 'pjsip-app', [
    call(callIdOf(a), 'auth-407-answered', 'caller', timesOf(a, milli)),
    call(callIdOf(b), 'cancelled-early', 'caller', timesOf(b, milli)),
  ]);
}

// linphone (liblinphone / belle-sip log): `date hh:mm:ss:mmm belle-sip-message-channel [0x…]: message sent to
// [UDP://ip:port], size: [N] bytes` / `… received [N] new bytes from [UDP://ip:port]:`. linphone is the caller.
{
  const a = sipp('answered-remote-bye.log');
  const b = sipp('unavailable-480.log');
  const lp = (msgs) => {
    const [ip, port] = peerOf(msgs);
    return msgs
      .map((msg) => {
        const stamp = `${msg.date} ${msg.time.slice(0, 8)}:${msg.time.slice(9, 12)}`;
        const head =
          msg.dir === 'sent'
            ? `belle-sip-message-channel [0x55f572e886b0]: message sent to [UDP://${ip}:${port}], size: [${msg.text.length}] bytes`
            : `belle-sip-message-channel [0x55f572e886b0]: received [${msg.text.length}] new bytes from [UDP://${ip}:${port}]:`;
        return `${stamp} ${head}\n${msg.text}\n${stamp} liblinphone-message-CallSession [0x55f572f26cd0] moving on\n`;
      })
      .join('');
  };
  put('linphone/linphonec.log', lp(a) + lp(b), 'linphone', [
    call(callIdOf(a), 'answered-remote-bye', 'caller', timesOf(a, milli)),
    call(callIdOf(b), 'unavailable-480', 'caller', timesOf(b, milli)),
  ]);
}

// sofia-sip traces from other programs, all `freeswitch`:
//  - drachtio: a date, then sofia's `recv N bytes from udp/[ip]:port at hh:mm:ss.uuuuuu:`, the message
//    flush left, tport log lines between messages; drachtio is the callee;
//  - a trace quoted in `// ` comments of a source file;
//  - FreeSWITCH's event socket `log/data` stream, each log line an event with its own headers.
{
  const sofiaHead = (msg, ip, port) =>
    msg.dir === 'sent' ? `send ${msg.text.length} bytes to udp/[${ip}]:${port} at ${msg.time}:` : `recv ${msg.text.length} bytes from udp/[${ip}]:${port} at ${msg.time}:`;
  const a = sipp('answered-local-bye.callee.log');
  const [ip, port] = peerOf(a);
  let s = '';
  for (const msg of a) {
    if (msg.dir === 'received') s += `${msg.date} ${msg.time} tport.c:3233 tport_recv_iovec() tport_recv_iovec(0x55ead080f0f0) msg 0x55ead081a8e0 from (udp/127.0.0.1:5100) has ${msg.text.length} bytes, veclen = 1\n`;
    s += `${msg.date} ${msg.time} ${sofiaHead(msg, ip, port)}\n${lf(msg.text).replace(/\n$/, '')}\n`;
    if (msg.dir === 'received' && isRequest(msg)) s += `${msg.date} ${msg.time} nta.c:3036 agent_recv_request() nta: received ${startLine(msg)} (CSeq ${header(msg, 'CSeq').split(' ')[0]})\n`;
  }
  put('freeswitch/drachtio.log', s, 'freeswitch', [call(callIdOf(a), 'answered-local-bye', 'callee', timesOf(a, micro))]);

  const b = sipp('redirect-302.log');
  const [ip2, port2] = peerOf(b);
  let q = '/*\n * Regression: the gateway must follow a 302 to the Contact it names.\n */\n';
  q += 'static void test_redirect(void)\n{\n    // Trace from the lab gateway:\n    //\n';
  for (const msg of b) {
    const lines = [sofiaHead(msg, ip2, port2), '-'.repeat(72), ...lf(msg.text).replace(/\n$/, '').split('\n'), ''];
    q += lines.map((l) => (l === '' ? '    //' : `    // ${l}`)).join('\n') + '\n';
  }
  q += '    run_redirect_case();\n}\n';
  put('freeswitch/quoted-in-comments.c.txt', q, 'freeswitch', [call(callIdOf(b), 'redirect-302', 'caller', timesOf(b, micro))]);

  const c = sipp('not-found-404.log');
  const [ip3, port3] = peerOf(c);
  let e = '';
  for (const msg of c) {
    const body = `${sofiaHead(msg, ip3, port3)}\n${'-'.repeat(72)}\n${lf(msg.text).replace(/\n$/, '')}\n`;
    e += `Content-Type: log/data\nContent-Length: ${Buffer.byteLength(body)}\nLog-Level: 7\nText-Channel: 3\nLog-File: sofia.c\nLog-Func: sofia_log\nLog-Line: 0\nUser-Data: \n\n${body}`;
  }
  put('freeswitch/event-socket-log.txt', e, 'freeswitch', [call(callIdOf(c), 'not-found-404', 'caller', timesOf(c, micro))]);
}

// AudioCodes SBC syslog: the device's `[S=…]` sequence and session id, `---- Incoming SIP Message
// from ip:port to SIPInterface #0 (SBC) UDP TO(#0) SocketID(12) ----`, then the whole message on
// the same line with its line breaks escaped. First call: as rsyslog stores it (server stamp and
// device address, CR LF as `#015#012`; times in whole seconds). Second call: the raw packets as a
// syslog collector prints them (`<133>` priority, the CR turned into a space before `#012`, the
// device's `[Time:dd-mm@hh:mm:ss.mmm]` tag). The SBC is the callee.
{
  let seq = 31870;
  const marker = (msg, ip, port) =>
    msg.dir === 'received'
      ? `---- Incoming SIP Message from ${ip}:${port} to SIPInterface #0 (SBC) UDP TO(#0) SocketID(12) ----`
      : `---- Outgoing SIP Message to ${ip}:${port} from SIPInterface #0 (SBC) UDP TO(#0) SocketID(12) ----`;
  const stored = (msgs, sid) => {
    const [ip, port] = peerOf(msgs);
    return msgs
      .map((msg) => {
        const escaped = msg.text.replace(/\r\n/g, '#015#012').replace(/#015#012$/, '');
        const stamp = asteriskDate(msg);
        const head = `${stamp} 192.0.2.5  [S=${seq++}] [SID=2ed1c8:96:${sid}] ( sip_stack)(${seq})`;
        return `${head}   ${marker(msg, ip, port)} #012${escaped}\n${stamp} 192.0.2.5  [S=${seq++}] [SID=2ed1c8:96:${sid}] (   lgr_sbc)(${seq}) |  #${sid}:SBC_SIP_MESSAGE_EV\n`;
      })
      .join('');
  };
  const packets = (msgs, sid) => {
    const [ip, port] = peerOf(msgs);
    return msgs
      .map((msg) => {
        const escaped = msg.text.replace(/\r\n/g, ' #012').replace(/ #012$/, '');
        const [, mo, d] = msg.date.split('-');
        const tag = `[Time:${d}-${mo}@${msg.time.slice(0, 12)}]`;
        return `<133>[S=${seq++}] [SID=2ed1c8:96:${sid}]  (N  ${seq}) ${marker(msg, ip, port)} #012${escaped} ${tag}\n`;
      })
      .join('');
  };
  const a = sipp('answered-remote-bye.callee.log');
  const b = sipp('no-answer-cancel.callee.log');
  put('audiocodes/syslog.log', stored(a, 5) + packets(b, 6), 'audiocodes', [
    call(callIdOf(a), 'answered-remote-bye', 'callee', timesOf(a, whole)),
    call(callIdOf(b), 'no-answer-cancel', 'callee', timesOf(b, milli)),
  ]);
}

// Ribbon (Sonus) SBC Core logs. Every entry: its length, `MMDDYYYY HHMMSS.uuuuuu`, a sequence
// number, level and subsystem. The SBC is the callee of the first call and the caller of the
// second; times keep the microseconds.
//  - call trace (.TRC): `EXTRA INFO: Ingress: received msg for CallId:… gcid:0x… from IP/port:ip/port,
//    Local IP/port:ip/port` (`Egress: sent msg … to IP/port:…` for what the SBC sends), `RAW PDU:`,
//    the message;
//  - debug log (.DBG): `.SIPCM: SipFeSocketRecvMsg - msg = ` and the message read from the socket,
//    then `, msgLen = N.`. It records what the SBC reads only, so the responses it sent are not
//    there: the call it received shows no final response.
{
  const pad = (n) => String(n).padStart(2, '0');
  const sonusStamp = (msg) => {
    const [y, mo, d] = msg.date.split('-');
    return `${mo}${d}${y} ${msg.time.slice(0, 8).replace(/:/g, '')}.${msg.time.slice(9, 15)}`;
  };
  let seq = 38340;
  /** One log entry: the length field counts the entry's bytes after it. */
  const entry = (msg, level, rest) => {
    const body = `${sonusStamp(msg)}:1.01.00.${seq++}.${level} ${rest}`;
    return `${Buffer.byteLength(body) + 1} ${body}\n`;
  };
  /** ip, port of this side: the first request's Request-URI (received) or top Via (sent). */
  const localOf = (msgs) => {
    const first = msgs.find(isRequest);
    if (first.dir === 'received') return /@?([\d.]+):(\d+)/.exec(startLine(first).split(' ')[1]).slice(1);
    return /SIP\/2\.0\/UDP ([\d.]+):(\d+)/.exec(header(first, 'Via')).slice(1);
  };
  const trace = (msgs, gcid) => {
    const [ip, port] = peerOf(msgs);
    const [lip, lport] = localOf(msgs);
    const callId = callIdOf(msgs);
    const filter = `FILTER=lab_trace GCID=0x${gcid.toString(16).toUpperCase().padStart(8, '0')}`;
    return msgs
      .map((msg) => {
        const logged = entry(msg, 'Info', `.SIPSG:CALL:${filter}: ${seq}. TraceCallLogger invoked - From pstProperties: PeerIP/port: ${ip}/${port} LocalIP/port:${lip}/${lport} ulMsgType-0x4000000${msg.dir === 'sent' ? 5 : 4}`);
        const what =
          msg.dir === 'sent'
            ? `Egress: sent msg for CallId:${callId} gcid:0x${gcid.toString(16).toUpperCase()} to IP/port:${ip}/${port}, Local IP/port:${lip}/${lport}`
            : `Ingress: received msg for CallId:${callId} gcid:0x${gcid.toString(16).toUpperCase()} from IP/port:${ip}/${port}, Local IP/port:${lip}/${lport}`;
        const head = `${sonusStamp(msg)}:1.01.00.${seq++}.MAJOR .SIPSG:${filter}: EXTRA INFO: ${what}\nRAW PDU:\n${msg.text}`;
        return logged + `${Buffer.byteLength(head) + 1} ${head}`;
      })
      .join('');
  };
  const a = sipp('answered-remote-bye.callee.log');
  const b = sipp('busy-486.log');
  put('ribbon/call-trace.log', trace(a, 0xddb) + trace(b, 0xddc), 'ribbon', [
    call(callIdOf(a), 'answered-remote-bye', 'callee', timesOf(a, micro)),
    call(callIdOf(b), 'busy-486', 'caller', timesOf(b, micro)),
  ]);

  const c = sipp('no-answer-cancel.callee.log');
  const [ip, port] = peerOf(c);
  let s = '';
  for (const msg of c) {
    if (msg.dir !== 'received') continue;
    s += entry(msg, 'Info', `.SIPCM: SipFeSocketRecvMsg - msg = ${msg.text}, msgLen = ${Buffer.byteLength(msg.text)}.`);
    s += entry(msg, 'Info', `.SIPFE: *FindRegistrationBlock: RCB not found by sourceIP, sourceIP:${ip} port:${port} zone:2`);
    if (isRequest(msg) && method(msg) === 'INVITE') {
      s += entry(msg, 'Info', '.NRM: *Licensed Session Count = 1000. Current Active Count = 1');
      s += entry(msg, 'Info', '.TRM: *TrmProcessIpLookupCmd: --> found a testCall[0]');
    }
  }
  // Only what the SBC read: the INVITE, the CANCEL and the ACK of the 487 it sent. No final
  // response and no 18x appear, whatever the call did on the wire.
  put('ribbon/sbc-debug.log', s, 'ribbon', [
    { callId: callIdOf(c), outcome: 'no-final', finalStatus: null, endedBy: null, times: { setupMs: null, pddMs: null, durationMs: null } },
  ]);
}

// Damage that pasting does, on real messages: a trace quoted in an e-mail reply (`> `), with a
// Via hard-wrapped by the mail client, a header line indented by one space, Call-ID and CSeq run
// together on one line, and a body pasted without its blank line. Raw SIP: local is the caller.
{
  const a = sipp('answered-remote-bye.log');
  const damaged = a.map((msg) => {
    let t = lf(msg.text);
    if (isRequest(msg) && method(msg) === 'INVITE') t = t.replace(';branch=', ';\nbranch=');
    if (!isRequest(msg) && status(msg) === 200 && cseqMethod(msg) === 'INVITE') t = t.replace('\nFrom:', '\n From:').replace('\n\nv=0', '\nv=0');
    if (isRequest(msg) && method(msg) === 'BYE') t = t.replace(/\nCSeq:/, ' CSeq:');
    return t.replace(/\n$/, '');
  });
  const quoted = damaged.map((t) => t.split('\n').map((l) => (l === '' ? '>' : `> ${l}`)).join('\n')).join('\n>\n');
  const mail = `Hi team,\n\nthe call below was dropped by the far end; trace from the lab:\n\nOn Mon, 23 Nov 2026, Bob wrote:\n${quoted}\n\nThanks,\nAlice\n`;
  put('raw/pasted-in-mail.txt', mail, 'raw', [call(callIdOf(a), 'answered-remote-bye', 'caller', noTimes)]);
}
// An Asterisk pjsip console log where the BYE was pasted without its marker line: the message
// keeps the log's format and its direction (Asterisk is the caller and sent the BYE).
{
  const a = sipp('answered-local-bye.log');
  const [ip, port] = peerOf(a);
  let s = '';
  for (const msg of a) {
    const kind = isRequest(msg) ? 'request' : 'response';
    if (!(isRequest(msg) && method(msg) === 'BYE')) {
      s += msg.dir === 'sent'
        ? `<--- Transmitting SIP ${kind} (${msg.text.length} bytes) to UDP:${ip}:${port} --->\n`
        : `<--- Received SIP ${kind} (${msg.text.length} bytes) from UDP:${ip}:${port} --->\n`;
    }
    s += `${msg.text}\n`;
  }
  put('asterisk-pjsip/bye-without-marker.log', s, 'asterisk-pjsip', [call(callIdOf(a), 'answered-local-bye', 'caller', noTimes)]);
}

// ---- provenance, beside the fixtures ------------------------------------------------------------
for (const [dir, framing] of Object.entries({
  'cisco-ccsip': 'Cisco IOS `debug ccsip messages` / `debug ccsip all` output',
  'pjsip-app': "a pjsip application's (pjsua) log",
  linphone: "liblinphone's belle-sip channel log",
  audiocodes: 'AudioCodes SBC syslog',
  ribbon: 'Ribbon (Sonus) SBC Core call-trace and debug logs',
})) {
  writeReframedNote(out, dir, framing);
}
fs.appendFileSync(
  path.join(out, 'ribbon', 'README.md'),
  '\nThe shapes followed: the call-trace entry of Ribbon\'s SBC Core documentation (an\n' +
    '`EXTRA INFO: Ingress: received msg for CallId:… gcid:… from IP/port:…, Local IP/port:…` entry, a\n' +
    '`RAW PDU:` line, the message), and its sent counterpart `sent msg for CallId:… to IP/port:…` as\n' +
    'public parsers of these logs read it (the words before `sent msg` — `Egress:` here — are not shown\n' +
    'in the documentation); the debug log\'s `SipFeSocketRecvMsg - msg = …` and `, msgLen = N.` as a\n' +
    'public DBG analysis guide shows them. No public example of a debug-log line for a message the SBC\n' +
    'sends was found, so `sbc-debug.log` holds what the SBC received only. Entry lengths, sequence\n' +
    'numbers and the log lines between messages are written by the script.\n',
);

// ---- expected.json ---------------------------------------------------------------------------
const sorted = Object.fromEntries(Object.keys(expected).sort().map((k) => [k, expected[k]]));
fs.writeFileSync(expectedFile, JSON.stringify(sorted, null, 2) + '\n');
console.log(`expected.json now lists ${Object.keys(sorted).length} fixtures`);
