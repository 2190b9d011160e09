// Small traces for the protocol tests, one per framing. Lines are easy to count: each function
// returns the text and the 0-based lines the tests look at.

/** Joins lines with CRLF, as SIP sends them. */
function crlf(lines: string[]): string {
  return lines.join('\r\n');
}

function headers(opts: {
  via: string;
  from: string;
  to: string;
  callId: string;
  cseq: string;
  extra?: string[];
}): string[] {
  return [
    `Via: SIP/2.0/UDP ${opts.via}`,
    `From: ${opts.from}`,
    `To: ${opts.to}`,
    `Call-ID: ${opts.callId}`,
    `CSeq: ${opts.cseq}`,
    ...(opts.extra ?? []),
    'Content-Length: 0',
    '',
  ];
}

const A = '<sip:1001@10.0.0.1>;tag=a1';
const B = '<sip:2002@10.0.0.2>';
const Bt = '<sip:2002@10.0.0.2>;tag=b1';

/**
 * A raw trace (bare SIP messages, blank line between):
 * - call busy-1: INVITE, 100, 180, 486, ACK → busy
 * - call auth-1: INVITE, 407, ACK, INVITE (with credentials), 100, 903 → route-blocked
 * - OPTIONS ping answered 404 (a transaction)
 */
export function rawTrace(): { text: string; lines: Record<string, number> } {
  const out: string[] = [];
  const lines: Record<string, number> = {};
  const add = (name: string | undefined, message: string[]): void => {
    if (name) lines[name] = out.length;
    out.push(...message, '');
  };
  const busy = (cseq: string): Parameters<typeof headers>[0] => ({ via: '10.0.0.1:5060;branch=z9hG4bKbusy1', from: A, to: B, callId: 'busy-1', cseq });
  add('busyInvite', ['INVITE sip:2002@10.0.0.2 SIP/2.0', ...headers(busy('1 INVITE'))]);
  add('busyTrying', ['SIP/2.0 100 Trying', ...headers(busy('1 INVITE'))]);
  add('busyRinging', ['SIP/2.0 180 Ringing', ...headers({ ...busy('1 INVITE'), to: Bt })]);
  add('busy486', ['SIP/2.0 486 Busy Here', ...headers({ ...busy('1 INVITE'), to: Bt, extra: ['Reason: Q.850;cause=17;text="User busy"'] })]);
  add('busyAck', ['ACK sip:2002@10.0.0.2 SIP/2.0', ...headers({ ...busy('1 ACK'), to: Bt })]);

  const auth = (cseq: string, branch: string): Parameters<typeof headers>[0] => ({
    via: `10.0.0.1:5060;branch=z9hG4bK${branch}`,
    from: '<sip:1001@10.0.0.1>;tag=a2',
    to: '<sip:0049301234@10.0.0.2>',
    callId: 'auth-1',
    cseq,
  });
  add('authInvite', ['INVITE sip:0049301234@10.0.0.2 SIP/2.0', ...headers(auth('1 INVITE', 'auth1'))]);
  add('auth407', ['SIP/2.0 407 Proxy Authentication Required', ...headers({ ...auth('1 INVITE', 'auth1'), to: '<sip:0049301234@10.0.0.2>;tag=p1' })]);
  add(undefined, ['ACK sip:0049301234@10.0.0.2 SIP/2.0', ...headers({ ...auth('1 ACK', 'auth1'), to: '<sip:0049301234@10.0.0.2>;tag=p1' })]);
  add('authInvite2', ['INVITE sip:0049301234@10.0.0.2 SIP/2.0', ...headers({ ...auth('2 INVITE', 'auth2'), extra: ['Proxy-Authorization: Digest username="1001"'] })]);
  add(undefined, ['SIP/2.0 100 Trying', ...headers(auth('2 INVITE', 'auth2'))]);
  add('auth903', ['SIP/2.0 903 Route blocked', ...headers({ ...auth('2 INVITE', 'auth2'), to: '<sip:0049301234@10.0.0.2>;tag=p2' })]);

  const ping = { via: '10.0.0.1:5060;branch=z9hG4bKping', from: '<sip:mon@10.0.0.1>;tag=m1', to: '<sip:gw@10.0.0.2>', callId: 'ping-1', cseq: '7 OPTIONS' };
  add('options', ['OPTIONS sip:gw@10.0.0.2 SIP/2.0', ...headers(ping)]);
  add('options404', ['SIP/2.0 404 Not Found', ...headers({ ...ping, to: '<sip:gw@10.0.0.2>;tag=g1' })]);
  return { text: crlf(out), lines };
}

interface Framed {
  /** The SIP message, one string per line. */
  sip: string[];
  /** Lines written before it by the framing. */
  marker: string[];
  /** Prefix put before every SIP line (log prefix or indent). */
  prefix?: string;
  /** Lines after it (closing marker, blank line). */
  after?: string[];
  name?: string;
}

function assemble(messages: Framed[], eol = '\n'): { text: string; lines: Record<string, number> } {
  const out: string[] = [];
  const lines: Record<string, number> = {};
  for (const m of messages) {
    out.push(...m.marker);
    if (m.name) lines[m.name] = out.length;
    out.push(...m.sip.map((l) => (m.prefix ?? '') + l));
    out.push(...(m.after ?? []));
  }
  return { text: out.join(eol) + eol, lines };
}

function sipMessage(start: string, opts: Parameters<typeof headers>[0]): string[] {
  return [start, ...headers(opts)];
}

/**
 * `copies` of the raw trace (CRLF line endings), each with its own Call-IDs (`<tag>-busy-<i>`, …):
 * per copy one busy call (486), one route-blocked call (407 then 903) and an OPTIONS answered
 * 404 — three diagnostics.
 */
export function copiesOfRaw(copies: number, tag: string): string {
  const raw = rawTrace().text;
  return Array.from({ length: copies }, (_, i) =>
    raw.replaceAll('busy-1', `${tag}-busy-${i}`).replaceAll('auth-1', `${tag}-auth-${i}`).replaceAll('ping-1', `${tag}-ping-${i}`),
  ).join('\r\n');
}

/**
 * SIPp `-trace_msg` (direction and times recorded): an answered call ended by the remote side,
 * with a retransmitted INVITE.
 */
export function sippTrace(): { text: string; lines: Record<string, number> } {
  const call = (cseq: string, to = B, branch = 'z9hG4bKsipp1'): Parameters<typeof headers>[0] => ({
    via: `127.0.0.1:5060;branch=${branch}`,
    from: '<sip:1001@127.0.0.1>;tag=s1',
    to,
    callId: 'sipp-answered-1',
    cseq,
  });
  const marker = (time: string, dir: 'sent' | 'received'): string[] => [
    `----------------------------------------------- 2026-11-21 10:00:${time}`,
    dir === 'sent' ? 'UDP message sent (400 bytes):' : 'UDP message received [400] bytes :',
    '',
  ];
  const framed = (name: string | undefined, time: string, dir: 'sent' | 'received', sip: string[]): Framed => ({
    name,
    marker: marker(time, dir),
    sip,
    after: [''],
  });
  return assemble(
    [
      framed('invite', '00.000000', 'sent', sipMessage('INVITE sip:2002@127.0.0.1:5070 SIP/2.0', call('1 INVITE'))),
      framed('inviteAgain', '00.500000', 'sent', sipMessage('INVITE sip:2002@127.0.0.1:5070 SIP/2.0', call('1 INVITE'))),
      framed('trying', '00.600000', 'received', sipMessage('SIP/2.0 100 Trying', call('1 INVITE'))),
      framed('ringing', '01.000000', 'received', sipMessage('SIP/2.0 180 Ringing', call('1 INVITE', Bt))),
      framed('ok', '03.000000', 'received', sipMessage('SIP/2.0 200 OK', call('1 INVITE', Bt))),
      framed('ack', '03.010000', 'sent', sipMessage('ACK sip:2002@127.0.0.1:5070 SIP/2.0', call('1 ACK', Bt, 'z9hG4bKsipp2'))),
      framed(
        'bye',
        '33.500000',
        'received',
        sipMessage('BYE sip:1001@127.0.0.1:5060 SIP/2.0', {
          via: '127.0.0.1:5070;branch=z9hG4bKsipp3',
          from: Bt,
          to: '<sip:1001@127.0.0.1>;tag=s1',
          callId: 'sipp-answered-1',
          cseq: '1 BYE',
        }),
      ),
      framed(
        'byeOk',
        '33.510000',
        'sent',
        sipMessage('SIP/2.0 200 OK', {
          via: '127.0.0.1:5070;branch=z9hG4bKsipp3',
          from: Bt,
          to: '<sip:1001@127.0.0.1>;tag=s1',
          callId: 'sipp-answered-1',
          cseq: '1 BYE',
        }),
      ),
    ],
    '\n',
  );
}

/**
 * Asterisk pjsip logger lines in a log file: every line carries the `[date] VERBOSE[id] ` prefix,
 * so the SIP start line begins after it. A call to a blocked prefix (909) and a call that only
 * ever got 100 Trying (no-final).
 */
export function asteriskTrace(): { text: string; lines: Record<string, number>; prefix: string } {
  const prefix = '[Nov 21 10:00:00] VERBOSE[4242] ';
  const peer = 'UDP:10.1.1.1:5060';
  const framed = (name: string | undefined, dir: 'rx' | 'tx', kind: 'request' | 'response', sip: string[]): Framed => ({
    name,
    marker: [
      dir === 'rx'
        ? `${prefix}<--- Received SIP ${kind} (500 bytes) from ${peer} --->`
        : `${prefix}<--- Transmitting SIP ${kind} (500 bytes) to ${peer} --->`,
    ],
    prefix,
    sip,
  });
  const blocked = (cseq: string, to = '<sip:0099887766@10.1.1.1>'): Parameters<typeof headers>[0] => ({
    via: '10.1.1.1:5060;branch=z9hG4bKast1',
    from: '<sip:3003@10.1.1.1>;tag=x1',
    to,
    callId: 'ast-blocked-1',
    cseq,
  });
  const silent = (cseq: string): Parameters<typeof headers>[0] => ({
    via: '10.1.1.1:5060;branch=z9hG4bKast2',
    from: '<sip:3003@10.1.1.1>;tag=x2',
    to: '<sip:4004@10.1.1.1>',
    callId: 'ast-silent-1',
    cseq,
  });
  const result = assemble([
    framed('blockedInvite', 'rx', 'request', sipMessage('INVITE sip:0099887766@10.1.1.1 SIP/2.0', blocked('10 INVITE'))),
    framed('blockedTrying', 'tx', 'response', sipMessage('SIP/2.0 100 Trying', blocked('10 INVITE'))),
    framed('blocked909', 'tx', 'response', sipMessage('SIP/2.0 909 Route Blocked', blocked('10 INVITE', '<sip:0099887766@10.1.1.1>;tag=gw9'))),
    framed('blockedAck', 'rx', 'request', sipMessage('ACK sip:0099887766@10.1.1.1 SIP/2.0', blocked('10 ACK', '<sip:0099887766@10.1.1.1>;tag=gw9'))),
    framed('silentInvite', 'tx', 'request', sipMessage('INVITE sip:4004@10.1.1.1 SIP/2.0', silent('20 INVITE'))),
    framed('silentTrying', 'rx', 'response', sipMessage('SIP/2.0 100 Trying', silent('20 INVITE'))),
  ]);
  return { ...result, prefix };
}
