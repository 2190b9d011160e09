#!/usr/bin/env node
// Turns the scratch output of make.sh into test/fixtures/ and writes test/fixtures/expected.json.
//
//   node reframe.mjs WORK_DIR FIXTURES_DIR
//
// Files written by real tools (SIPp, Kamailio sipdump, ngrep, tshark, sngrep) are copied as they
// are. For framings no tool here writes (Asterisk pjsip / chan_sip, FreeSWITCH siptrace, raw SIP,
// logs with unrelated lines), the real messages of a SIPp trace are re-framed, so every byte of
// SIP content still comes from the wire; only the wrapping follows the tool's documented shape.
//
// Expectations come from what each scenario did (the table RUNS), never from analysis code.
import fs from 'node:fs';
import path from 'node:path';
import { writeReframedNote } from './provenance.mjs';
import { parseSipp, startLine, isRequest, method, header } from './sipp-trace.mjs';

const [work, out] = process.argv.slice(2);
if (!work || !out) {
  console.error('usage: node reframe.mjs WORK_DIR FIXTURES_DIR');
  process.exit(2);
}

// What each run did. bye: who sent the BYE ('caller' | 'callee' | null).
const RUNS = {
  'answered-local-bye': { outcome: 'answered', finalStatus: 200, bye: 'caller' },
  'answered-remote-bye': { outcome: 'answered', finalStatus: 200, bye: 'callee' },
  'session-progress-answered': { outcome: 'answered', finalStatus: 200, bye: 'caller' },
  'busy-486': { outcome: 'busy', finalStatus: 486, bye: null },
  'busy-everywhere-600': { outcome: 'busy', finalStatus: 600, bye: null },
  'not-found-404': { outcome: 'failed', finalStatus: 404, bye: null },
  'forbidden-403': { outcome: 'failed', finalStatus: 403, bye: null },
  'unavailable-480': { outcome: 'failed', finalStatus: 480, bye: null },
  'unavailable-503': { outcome: 'failed', finalStatus: 503, bye: null },
  'declined-603': { outcome: 'failed', finalStatus: 603, bye: null },
  'redirect-302': { outcome: 'redirected', finalStatus: 302, bye: null },
  'no-answer-cancel': { outcome: 'no-answer', finalStatus: 487, bye: null },
  'cancelled-early': { outcome: 'cancelled', finalStatus: 487, bye: null },
  'auth-407-answered': { outcome: 'answered', finalStatus: 200, bye: 'caller' },
  'trying-only': { outcome: 'no-final', finalStatus: null, bye: null },
  'reinvite': { outcome: 'answered', finalStatus: 200, bye: 'caller' },
  'route-blocked-903': { outcome: 'route-blocked', finalStatus: 903, bye: null },
  'gateway-answered': { outcome: 'answered', finalStatus: 200, bye: 'caller' },
  // not calls: one entry per request transaction (a challenged REGISTER and its retry are two)
  'register-401': { transactions: ['REGISTER', 'REGISTER'] },
  'gateway-register': { transactions: ['REGISTER', 'REGISTER'] },
  'options-200': { transactions: ['OPTIONS'] },
  'gateway-options': { transactions: ['OPTIONS'] },
};
for (const name of Object.keys(RUNS)) {
  if (!name.startsWith('cap-')) RUNS[`cap-${name}`] = RUNS[name];
}

const callIdOf = (run) => `${run}-1@sip-lens`;

/** Expectations for runs seen from one side: local is 'caller' or 'callee'. */
function expect(format, parts) {
  const calls = [];
  const transactions = [];
  for (const [run, localSide] of parts) {
    const r = RUNS[run];
    if (!r) throw new Error(`no expectation for run ${run}`);
    if (r.transactions) {
      transactions.push(...r.transactions);
      continue;
    }
    calls.push({
      callId: callIdOf(run),
      outcome: r.outcome,
      finalStatus: r.finalStatus,
      endedBy: r.bye === null ? null : r.bye === localSide ? 'local' : 'remote',
    });
  }
  const entry = { format, calls };
  if (transactions.length > 0) entry.transactions = transactions;
  return entry;
}

const expected = {};
function put(rel, content, expectation) {
  const file = path.join(out, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  expected[rel] = expectation;
}
const read = (name) => fs.readFileSync(path.join(work, name), 'latin1');

// ---- SIPp -trace_msg parsing ------------------------------------------------------------------
/** The other party's ip:port: from the first request's Request-URI (sent) or top Via (received). */
function peerOf(messages) {
  const first = messages.find(isRequest);
  if (first.dir === 'sent') return /@?([\d.]+:\d+)/.exec(startLine(first).split(' ')[1])[1];
  return /SIP\/2\.0\/UDP ([\d.]+:\d+)/.exec(header(first, 'Via'))[1];
}
const sippMessages = (run, side) => parseSipp(read(`${run}.${side}.log`));

// ---- framings ---------------------------------------------------------------------------------
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const asteriskStamp = (msg) => {
  const [, mo, d] = msg.date.split('-');
  return `[${MONTHS[Number(mo) - 1]} ${d} ${msg.time.slice(0, 8)}]`;
};

/** Asterisk res_pjsip_logger; `prefix` adds the full-log "[date] VERBOSE[lwp] " prefix. */
function pjsip(messages, { prefix = false, lwp = 24817, extra = {} } = {}) {
  const peer = peerOf(messages);
  let s = '';
  messages.forEach((msg, i) => {
    const kind = isRequest(msg) ? 'request' : 'response';
    const head =
      msg.dir === 'sent'
        ? `<--- Transmitting SIP ${kind} (${msg.text.length} bytes) to UDP:${peer} --->`
        : `<--- Received SIP ${kind} (${msg.text.length} bytes) from UDP:${peer} --->`;
    s += `${prefix ? `${asteriskStamp(msg)} VERBOSE[${lwp}] ` : ''}${head}\n${msg.text}\n`;
    for (const line of extra[i] ?? []) {
      s += `${prefix ? `${asteriskStamp(msg)} ` : ''}${line}\n`;
    }
  });
  return s;
}

/** Asterisk chan_sip "sip set debug"; pedantic=yes strips CRs and repeated spaces on receipt. */
function chanSip(messages, { pedantic = true, extra = {} } = {}) {
  const peer = peerOf(messages);
  let s = '';
  messages.forEach((msg, i) => {
    if (msg.dir === 'received') {
      const text = pedantic ? msg.text.replace(/\r/g, '').replace(/ {2,}/g, ' ') : msg.text;
      const [head, body = ''] = text.split(/\r?\n\r?\n/);
      const headers = head.split(/\r?\n/).length - 1;
      const lines = body === '' ? 0 : body.replace(/\r?\n$/, '').split(/\r?\n/).length;
      s += `\n<--- SIP read from UDP:${peer} --->\n${text}\n<------------->\n--- (${headers} headers ${lines} lines) ---\n`;
    } else if (isRequest(msg)) {
      const reliably = method(msg) === 'ACK' ? '' : 'Reliably ';
      s += `${reliably}Transmitting (no NAT) to ${peer}:\n${msg.text}\n---\n`;
    } else {
      s += `\n<--- Transmitting (no NAT) to ${peer} --->\n${msg.text}\n<------------>\n`;
    }
    for (const line of extra[i] ?? []) s += `${line}\n`;
  });
  return s;
}

/** FreeSWITCH sofia siptrace: modern (blank line after the message) or old (3-space indent). */
function freeswitch(messages, { indented = false, extra = {} } = {}) {
  const [ip, port] = peerOf(messages).split(':');
  const dashes = '-'.repeat(72);
  const pad = indented ? '   ' : '';
  let s = '';
  messages.forEach((msg, i) => {
    const head =
      msg.dir === 'sent'
        ? `send ${msg.text.length} bytes to udp/[${ip}]:${port} at ${msg.time}:`
        : `recv ${msg.text.length} bytes from udp/[${ip}]:${port} at ${msg.time}:`;
    // sofia prints line by line: the CRs do not survive
    const lines = msg.text.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n');
    s += `${head}\n${pad}${dashes}\n`;
    s += lines.map((l) => (l === '' ? '' : pad + l)).join('\n') + '\n';
    s += indented ? `${pad}${dashes}\n` : '\n';
    for (const line of extra[i] ?? []) s += `${line}\n`;
  });
  return s;
}

/** Raw SIP: messages one after another, optionally with unrelated lines in between. */
function raw(messages, { extra = {} } = {}) {
  let s = '';
  messages.forEach((msg, i) => {
    s += msg.text;
    if (!msg.text.endsWith('\r\n')) s += '\r\n';
    for (const line of extra[i] ?? []) s += `${line}\n`;
  });
  return s;
}

// ---- 1. SIPp traces, as written ---------------------------------------------------------------
const callerLogs = [
  'answered-local-bye', 'answered-remote-bye', 'session-progress-answered', 'busy-486',
  'busy-everywhere-600', 'not-found-404', 'forbidden-403', 'unavailable-480', 'unavailable-503',
  'declined-603', 'redirect-302', 'no-answer-cancel', 'cancelled-early', 'auth-407-answered',
  'trying-only', 'register-401', 'options-200', 'reinvite', 'route-blocked-903',
];
for (const run of callerLogs) {
  put(`sipp/${run}.log`, read(`${run}.uac.log`), expect('sipp', [[run, 'caller']]));
}
// The callee's own traces: local is the callee, so the same BYE flips endedBy.
const calleeLogs = ['answered-local-bye', 'answered-remote-bye', 'busy-486', 'no-answer-cancel', 'auth-407-answered', 'register-401'];
for (const run of calleeLogs) {
  put(`sipp/${run}.callee.log`, read(`${run}.uas.log`), expect('sipp', [[run, 'callee']]));
}

// ---- 2. Kamailio sipdump (Kamailio is the callee / registrar) ---------------------------------
const dumpDir = path.join(work, 'sipdump');
const dataFile = fs.readdirSync(dumpDir).find((f) => f.endsWith('.data'));
put(
  'kamailio-sipdump/gateway.data',
  fs.readFileSync(path.join(dumpDir, dataFile), 'latin1'),
  expect('kamailio-sipdump', [
    ['route-blocked-903', 'callee'],
    ['gateway-answered', 'callee'],
    ['gateway-register', 'callee'],
    ['gateway-options', 'callee'],
  ]),
);

// ---- 3. Loopback captures: local is the caller ------------------------------------------------
const captured = [
  ['cap-answered-local-bye', 'caller'],
  ['cap-answered-remote-bye', 'caller'],
  ['cap-busy-486', 'caller'],
  ['cap-no-answer-cancel', 'caller'],
  ['cap-options-200', 'caller'],
  ['cap-route-blocked-903', 'caller'],
];
put('ngrep/byline.txt', read('ngrep-byline.txt'), expect('ngrep', captured));
put('ngrep/single.txt', read('ngrep-single.txt'), expect('ngrep', captured));
if (fs.existsSync(path.join(work, 'sngrep-export.txt'))) {
  put('sngrep/export.txt', read('sngrep-export.txt'), expect('sngrep', captured));
}
{
  const pcap = fs.readFileSync(path.join(work, 'capture.pcap'));
  if (pcap.length > 50_000) throw new Error(`capture.pcap is ${pcap.length} bytes; keep it under 50 KB`);
  // tshark writes pcapng whatever the file is called: the format comes from the magic bytes.
  put('binary/capture.pcap', pcap, expect('pcapng', captured));
}

// ---- 4. Re-framed real messages -------------------------------------------------------------
// Asterisk pjsip, console (no prefix), Asterisk as the callee.
{
  const a = sippMessages('answered-remote-bye', 'uas');
  const b = sippMessages('busy-486', 'uas');
  const c = sippMessages('no-answer-cancel', 'uas');
  put(
    'asterisk-pjsip/console-callee.log',
    [
      pjsip(a, { extra: { 0: ['    -- Executing [5551234@from-trunk:1] Answer("PJSIP/trunk-00000001", "") in new stack'] } }),
      pjsip(b, { extra: { 0: ['    -- Executing [5551234@from-trunk:1] Busy("PJSIP/trunk-00000002", "") in new stack'] } }),
      pjsip(c, { extra: { 0: ['    -- Executing [5551234@from-trunk:1] Ringing("PJSIP/trunk-00000003", "") in new stack'] } }),
    ].join(''),
    expect('asterisk-pjsip', [
      ['answered-remote-bye', 'callee'],
      ['busy-486', 'callee'],
      ['no-answer-cancel', 'callee'],
    ]),
  );
}
// Asterisk pjsip, full log file with "[date] VERBOSE[lwp] " prefixes, Asterisk as the caller.
{
  const a = sippMessages('auth-407-answered', 'uac');
  const b = sippMessages('register-401', 'uac');
  const c = sippMessages('declined-603', 'uac');
  put(
    'asterisk-pjsip/full-caller.log',
    [
      `${asteriskStamp(c[0])} VERBOSE[24801] asterisk.c: Remote UNIX connection\n`,
      pjsip(c, {
        prefix: true,
        lwp: 24833,
        extra: { 3: ['VERBOSE[24833][C-00000005] app_dial.c: Everyone is busy/congested at this time (1:0/0/1)'] },
      }),
      pjsip(a, {
        prefix: true,
        extra: {
          0: [
            'VERBOSE[24817][C-00000004] pbx.c: Executing [5551234@from-internal:1] Dial("PJSIP/alice-00000007", "PJSIP/5551234@trunk,30") in new stack',
            'VERBOSE[24817][C-00000004] app_dial.c: Called PJSIP/5551234@trunk',
          ],
          6: ['VERBOSE[24817][C-00000004] app_dial.c: PJSIP/trunk-00000008 answered PJSIP/alice-00000007'],
        },
      }),
      pjsip(b, { prefix: true, lwp: 24790 }),
    ].join(''),
    expect('asterisk-pjsip', [
      ['declined-603', 'caller'],
      ['auth-407-answered', 'caller'],
      ['register-401', 'caller'],
    ]),
  );
}
// Asterisk chan_sip with pedantic=yes, Asterisk as the caller.
{
  const a = sippMessages('answered-local-bye', 'uac');
  const b = sippMessages('not-found-404', 'uac');
  const c = sippMessages('cancelled-early', 'uac');
  const d = sippMessages('answered-remote-bye', 'uas');
  put(
    'asterisk-chan-sip/debug-pedantic.log',
    [
      chanSip(a, {
        extra: {
          0: ['Audio is at 10386', 'Adding codec 100004 (ulaw) to SDP'],
          1: ['sip_route_dump: route/path hop: <sip:5551234@127.0.0.1:5100>'],
          3: ['Found RTP audio format 0', 'Peer audio RTP is at port 127.0.0.1:6000'],
        },
      }),
      chanSip(d, { extra: { 0: ['Sending to 127.0.0.1:5103 (no NAT)', 'Looking for 5551234 in from-trunk (domain 127.0.0.1)'] } }),
      chanSip(b, { extra: { 2: ['  == Everyone is busy/congested at this time (1:0/0/1)'] } }),
      chanSip(c),
    ].join(''),
    expect('asterisk-chan-sip', [
      ['answered-local-bye', 'caller'],
      ['answered-remote-bye', 'callee'],
      ['not-found-404', 'caller'],
      ['cancelled-early', 'caller'],
    ]),
  );
}
// FreeSWITCH, modern builds, FreeSWITCH as the caller.
{
  const a = sippMessages('reinvite', 'uac');
  const b = sippMessages('unavailable-480', 'uac');
  const c = sippMessages('redirect-302', 'uac');
  const fsLine = (msg, text) => `${msg.date} ${msg.time} ${text}`;
  put(
    'freeswitch/siptrace.log',
    [
      freeswitch(b, { extra: { 3: [fsLine(b[3], '[NOTICE] sofia.c:7502 Hangup sofia/external/5551234 [CS_CONSUME_MEDIA] [NO_ANSWER]')] } }),
      freeswitch(c),
      freeswitch(a, {
        extra: {
          0: [fsLine(a[0], '[NOTICE] switch_channel.c:1142 New Channel sofia/external/5551234 [3b1f5a6e-0c1d-4e8a-9f61-2d7c5b9e4a10]')],
          3: [fsLine(a[3], '[NOTICE] sofia.c:8736 Channel [sofia/external/5551234] has been answered')],
        },
      }),
    ].join(''),
    expect('freeswitch', [
      ['unavailable-480', 'caller'],
      ['redirect-302', 'caller'],
      ['reinvite', 'caller'],
    ]),
  );
}
// FreeSWITCH, older builds (message indented by three spaces), FreeSWITCH as the callee.
{
  const a = sippMessages('answered-local-bye', 'uas');
  const b = sippMessages('unavailable-503', 'uas');
  const c = sippMessages('trying-only', 'uas');
  put(
    'freeswitch/siptrace-indented.log',
    [freeswitch(a, { indented: true }), freeswitch(b, { indented: true }), freeswitch(c, { indented: true })].join(''),
    expect('freeswitch', [
      ['answered-local-bye', 'callee'],
      ['unavailable-503', 'callee'],
      ['trying-only', 'callee'],
    ]),
  );
}
// Raw SIP: no framing at all; local is the caller.
{
  const a = sippMessages('answered-remote-bye', 'uac');
  const b = sippMessages('busy-everywhere-600', 'uac');
  const c = sippMessages('options-200', 'uac');
  put(
    'raw/messages.sip',
    raw([...a, ...b, ...c]),
    expect('raw', [
      ['answered-remote-bye', 'caller'],
      ['busy-everywhere-600', 'caller'],
      ['options-200', 'caller'],
    ]),
  );
}
// Raw SIP inside an application log: unrelated lines between the messages.
{
  const a = sippMessages('session-progress-answered', 'uac');
  const b = sippMessages('forbidden-403', 'uac');
  const line = (msg, level, text) => `${msg.date} ${msg.time.slice(0, 12)} ${level} [dialer-3] ${text}`;
  put(
    'mixed/app-log-with-sip.log',
    [
      `${a[0].date} ${a[0].time.slice(0, 12)} INFO  [main] campaign "spring" started, 2 numbers\n`,
      raw(a, {
        extra: {
          0: [line(a[0], 'DEBUG', 'INVITE sent, waiting for provisional response')],
          2: [line(a[2], 'INFO ', 'early media from 127.0.0.1:6000 (183)')],
          3: [line(a[3], 'INFO ', 'call answered after 0.3 s'), line(a[3], 'DEBUG', 'rtp session opened')],
          5: [line(a[5], 'INFO ', 'hangup requested by agent')],
        },
      }),
      raw(b, { extra: { 2: [line(b[2], 'WARN ', 'call rejected: 403 Forbidden (number not allowed for this trunk)')] } }),
      `${b[b.length - 1].date} ${b[b.length - 1].time.slice(0, 12)} INFO  [main] campaign "spring" finished\n`,
    ].join(''),
    expect('raw', [
      ['session-progress-answered', 'caller'],
      ['forbidden-403', 'caller'],
    ]),
  );
}
// Two framings in one file: a SIPp trace pasted above an Asterisk pjsip log.
{
  const sipp = read('answered-local-bye.uac.log');
  const b = sippMessages('busy-486', 'uas');
  put(
    'mixed/sipp-then-pjsip.log',
    sipp + '\n' + pjsip(b, { prefix: true }),
    {
      ...expect('mixed', [
        ['answered-local-bye', 'caller'],
        ['busy-486', 'callee'],
      ]),
    },
  );
}

// ---- provenance, beside the fixtures ------------------------------------------------------------
// Folders whose files no tool wrote as they are: say so next to them.
const REFRAMED = {
  'asterisk-pjsip': 'Asterisk res_pjsip_logger output (console, and a full log with "[date] VERBOSE[lwp]" prefixes)',
  'asterisk-chan-sip': 'Asterisk chan_sip "sip set debug" output with pedantic=yes',
  freeswitch: 'FreeSWITCH sofia siptrace output (modern, older builds with a three-space indent, and as drachtio, C comments and the event socket show it)',
  raw: 'raw SIP, messages one after another (and as pasted into an e-mail)',
  mixed: 'an application log with SIP messages between its own lines, and a SIPp trace pasted above an Asterisk pjsip log',
};
for (const [dir, framing] of Object.entries(REFRAMED)) writeReframedNote(out, dir, framing);

// ---- expected.json ---------------------------------------------------------------------------
const sorted = Object.fromEntries(Object.keys(expected).sort().map((k) => [k, expected[k]]));
fs.writeFileSync(path.join(out, 'expected.json'), JSON.stringify(sorted, null, 2) + '\n');
console.log(`wrote ${Object.keys(sorted).length} fixtures and expected.json to ${out}`);
