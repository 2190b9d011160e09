// Synthetic SIP traffic for the benchmark: a seeded stream of interleaved calls and
// out-of-call transactions, as the host that writes the log (a PBX at 10.0.0.1) sees them.
//
// Every outcome of DESIGN.md appears, in proportions a call-centre trunk might show, together
// with the things that make real traces awkward: retransmissions, SDP bodies, challenges and
// authenticated retries, Reason headers, compact header forms from some user agents.
import { Rng } from './rng';

export interface Endpoint {
  host: string;
  port: number;
}

/** One SIP message as it crossed the wire, with what the log writer knows about it. */
export interface SipEvent {
  /** Milliseconds since the Unix epoch (fractional: microseconds matter to some framings). */
  timeMs: number;
  /** The message exactly as sent (CRLF line breaks, body included). */
  text: string;
  /** True when the log writer (local host) sent it. */
  fromLocal: boolean;
  local: Endpoint;
  remote: Endpoint;
  /** True for a retransmitted copy. */
  retransmission: boolean;
}

export type Scenario =
  | 'answered-local-bye'
  | 'answered-remote-bye'
  | 'auth-retry-answered'
  | 'busy'
  | 'not-found'
  | 'forbidden'
  | 'temporarily-unavailable'
  | 'service-unavailable'
  | 'declined'
  | 'route-blocked'
  | 'ring-cancel'
  | 'early-cancel'
  | 'trying-only'
  | 'register'
  | 'options';

/** The outcome each call scenario must be classified as; undefined for out-of-call transactions. */
export const EXPECTED_OUTCOME: Record<Scenario, string | undefined> = {
  'answered-local-bye': 'answered',
  'answered-remote-bye': 'answered',
  'auth-retry-answered': 'answered',
  busy: 'busy',
  'not-found': 'failed',
  forbidden: 'failed',
  'temporarily-unavailable': 'failed',
  'service-unavailable': 'failed',
  declined: 'failed',
  'route-blocked': 'route-blocked',
  'ring-cancel': 'no-answer',
  'early-cancel': 'cancelled',
  'trying-only': 'no-final',
  register: undefined,
  options: undefined,
};

const SCENARIO_WEIGHTS: readonly (readonly [Scenario, number])[] = [
  ['answered-local-bye', 28],
  ['answered-remote-bye', 20],
  ['auth-retry-answered', 6],
  ['busy', 8],
  ['not-found', 4],
  ['forbidden', 2],
  ['temporarily-unavailable', 4],
  ['service-unavailable', 3],
  ['declined', 2],
  ['route-blocked', 3],
  ['ring-cancel', 8],
  ['early-cancel', 2],
  ['trying-only', 2],
  ['register', 4],
  ['options', 4],
];

const LOCAL: Endpoint = { host: '10.0.0.1', port: 5060 };
const LOCAL_DOMAIN = 'pbx.example.net';
const CARRIERS: readonly Endpoint[] = [
  { host: '203.0.113.10', port: 5060 },
  { host: '203.0.113.11', port: 5060 },
  { host: '198.51.100.7', port: 5080 },
];
const LOCAL_AGENTS = ['Asterisk PBX 20.5.2', 'FreeSWITCH-mod_sofia/1.10.11-release~64bit', 'Kamailio (5.7.4 (x86_64/linux))'];
const REMOTE_AGENTS = ['Sonus SBC', 'Cisco-SIPGateway/IOS-15.x', 'Oracle ESBC', 'Grandstream GXP2170 1.0.11.23', 'Yealink SIP-T46U 108.86.0.20', 'Linksys/SPA942-6.1.5(a)'];
const ALLOW = 'INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, SUBSCRIBE, NOTIFY, INFO, PUBLISH, MESSAGE, UPDATE, PRACK';

interface Party {
  user: string;
  display?: string;
  domain: string;
  ep: Endpoint;
  tag: string;
  agent: string;
  /** Writes compact header names (i:, f:, t:, v:, l:, c:, m:), as some devices do. */
  compact: boolean;
  rtpPort: number;
  sessionId: number;
}

interface Request {
  method: string;
  uri: string;
  cseq: number;
  branch: string;
  /** Sender is party A (the caller). */
  fromA: boolean;
  /** To-tag on the request (in-dialog requests). */
  toTag?: string;
}

/** Counts of what was generated, to check the analysis read every message and call. */
export interface TrafficStats {
  messages: number;
  retransmissions: number;
  calls: number;
  transactions: number;
  outcomes: Record<string, number>;
  scenarios: Record<string, number>;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function sdp(party: Party, hold: boolean): string {
  const ip = party.ep.host;
  const lines = [
    'v=0',
    `o=- ${party.sessionId} ${party.sessionId + (hold ? 1 : 0)} IN IP4 ${ip}`,
    `s=${party.agent.split(' ')[0]}`,
    `c=IN IP4 ${ip}`,
    't=0 0',
    `m=audio ${party.rtpPort} RTP/AVP 8 0 18 101`,
    'a=rtpmap:8 PCMA/8000',
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:18 G729/8000',
    'a=fmtp:18 annexb=no',
    'a=rtpmap:101 telephone-event/8000',
    'a=fmtp:101 0-16',
    'a=ptime:20',
    'a=maxptime:150',
    hold ? 'a=sendonly' : 'a=sendrecv',
  ];
  return lines.join('\r\n') + '\r\n';
}

/** Builds the messages of one dialog (or transaction) between party A and party B. */
class DialogBuilder {
  readonly events: SipEvent[] = [];

  constructor(
    private readonly rng: Rng,
    readonly callId: string,
    readonly a: Party,
    readonly b: Party,
    /** A is the local host (the call is outgoing). */
    readonly aIsLocal: boolean,
  ) {}

  private remote(): Endpoint {
    return this.aIsLocal ? this.b.ep : this.a.ep;
  }

  private emit(timeMs: number, text: string, fromA: boolean, retransmission = false): void {
    this.events.push({
      timeMs,
      text,
      fromLocal: fromA === this.aIsLocal,
      local: LOCAL,
      remote: this.remote(),
      retransmission,
    });
  }

  private nameAddr(party: Party, tag: string | undefined): string {
    const display = party.display ? `"${party.display}" ` : '';
    return `${display}<sip:${party.user}@${party.domain}>${tag ? `;tag=${tag}` : ''}`;
  }

  private headers(sender: Party, names: string[][]): string {
    const compact: Record<string, string> = {
      Via: 'v',
      From: 'f',
      To: 't',
      'Call-ID': 'i',
      Contact: 'm',
      'Content-Type': 'c',
      'Content-Length': 'l',
      Supported: 'k',
    };
    return names.map(([name, value]) => `${sender.compact ? (compact[name!] ?? name) : name}: ${value}`).join('\r\n');
  }

  newBranch(): string {
    return `z9hG4bK${this.rng.hex(16)}`;
  }

  request(timeMs: number, req: Request, extra: string[][] = [], body = ''): string {
    const sender = req.fromA ? this.a : this.b;
    const target = req.fromA ? this.b : this.a;
    const fromTag = sender.tag;
    const names: string[][] = [
      ['Via', `SIP/2.0/UDP ${sender.ep.host}:${sender.ep.port};rport;branch=${req.branch}`],
      ['Max-Forwards', '70'],
      ['From', this.nameAddr(sender, fromTag)],
      ['To', this.nameAddr(target, req.toTag)],
      ['Call-ID', this.callId],
      ['CSeq', `${req.cseq} ${req.method}`],
    ];
    if (req.method === 'INVITE' || req.method === 'REGISTER' || req.method === 'OPTIONS') {
      names.push(['Contact', `<sip:${sender.user}@${sender.ep.host}:${sender.ep.port};transport=udp>`]);
    }
    if (req.method === 'INVITE' || req.method === 'OPTIONS') {
      names.push(['Allow', ALLOW], ['Supported', 'replaces, timer, 100rel']);
    }
    if (req.method === 'INVITE') names.push(['Session-Expires', '1800'], ['Min-SE', '90']);
    names.push(['User-Agent', sender.agent], ...extra);
    if (body) names.push(['Content-Type', 'application/sdp']);
    names.push(['Content-Length', String(body.length)]);
    const text = `${req.method} ${req.uri} SIP/2.0\r\n${this.headers(sender, names)}\r\n\r\n${body}`;
    this.emit(timeMs, text, req.fromA);
    return text;
  }

  response(timeMs: number, req: Request, status: number, reason: string, toTag: string | undefined, extra: string[][] = [], body = ''): string {
    const requester = req.fromA ? this.a : this.b;
    const responder = req.fromA ? this.b : this.a;
    const names: string[][] = [
      ['Via', `SIP/2.0/UDP ${requester.ep.host}:${requester.ep.port};rport=${requester.ep.port};received=${requester.ep.host};branch=${req.branch}`],
      ['From', this.nameAddr(requester, requester.tag)],
      ['To', this.nameAddr(responder, toTag ?? req.toTag)],
      ['Call-ID', this.callId],
      ['CSeq', `${req.cseq} ${req.method}`],
    ];
    if (status >= 180 && status < 300 && req.method === 'INVITE') {
      names.push(['Contact', `<sip:${responder.user}@${responder.ep.host}:${responder.ep.port}>`]);
    }
    if (status === 200 && req.method === 'INVITE') names.push(['Allow', ALLOW], ['Supported', 'replaces, timer'], ['Session-Expires', '1800;refresher=uac']);
    names.push(['Server', responder.agent], ...extra);
    if (body) names.push(['Content-Type', 'application/sdp']);
    names.push(['Content-Length', String(body.length)]);
    const text = `SIP/2.0 ${status} ${reason}\r\n${this.headers(responder, names)}\r\n\r\n${body}`;
    this.emit(timeMs, text, !req.fromA);
    return text;
  }

  /** The same bytes sent again by the same side. */
  retransmit(timeMs: number, text: string, fromA: boolean): void {
    this.emit(timeMs, text, fromA, true);
  }
}

const FAILURES: Partial<Record<Scenario, [number, string, string | undefined]>> = {
  busy: [486, 'Busy Here', 'Q.850;cause=17;text="User busy"'],
  'not-found': [404, 'Not Found', 'Q.850;cause=1;text="Unallocated (unassigned) number"'],
  forbidden: [403, 'Forbidden', undefined],
  'temporarily-unavailable': [480, 'Temporarily Unavailable', 'Q.850;cause=18;text="No user responding"'],
  'service-unavailable': [503, 'Service Unavailable', 'Q.850;cause=34;text="No circuit/channel available"'],
  declined: [603, 'Decline', 'Q.850;cause=21;text="Call rejected"'],
  'route-blocked': [903, 'Route blocked', undefined],
};

/** A seeded, endless, time-ordered stream of SIP messages. */
export class TrafficGenerator {
  readonly stats: TrafficStats = { messages: 0, retransmissions: 0, calls: 0, transactions: 0, outcomes: {}, scenarios: {} };
  private readonly rng: Rng;
  /** Pending messages of started dialogs, as a binary min-heap on time (ties: creation order). */
  private readonly heap: { timeMs: number; seq: number; event: SipEvent }[] = [];
  private seq = 0;
  private nextStartMs: number;
  private serial = 0;
  private stopped = false;

  constructor(seed: number, startMs = Date.UTC(2026, 10, 21, 8, 0, 0)) {
    this.rng = new Rng(seed);
    this.nextStartMs = startMs;
  }

  /** Messages already scheduled by dialogs under way. */
  get pendingMessages(): number {
    return this.heap.length;
  }

  /** Start no new dialogs; the stream ends when the ones under way are complete. */
  stopStarting(): void {
    this.stopped = true;
  }

  /** The next message in time order, or undefined once stopped and drained. */
  next(): SipEvent | undefined {
    while (!this.stopped && (this.heap.length === 0 || this.heap[0]!.timeMs >= this.nextStartMs)) {
      this.startDialog(this.nextStartMs);
      this.nextStartMs += this.rng.exponential(350) + 0.001;
    }
    const top = this.pop();
    if (!top) return undefined;
    this.stats.messages++;
    if (top.retransmission) this.stats.retransmissions++;
    return top;
  }

  private push(event: SipEvent): void {
    const heap = this.heap;
    heap.push({ timeMs: event.timeMs, seq: this.seq++, event });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private less(i: number, j: number): boolean {
    const a = this.heap[i]!;
    const b = this.heap[j]!;
    return a.timeMs < b.timeMs || (a.timeMs === b.timeMs && a.seq < b.seq);
  }

  private pop(): SipEvent | undefined {
    const heap = this.heap;
    if (heap.length === 0) return undefined;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && this.less(l, m)) m = l;
        if (r < heap.length && this.less(r, m)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top.event;
  }

  private party(local: boolean, user: string, display: string | undefined): Party {
    const rng = this.rng;
    const ep = local ? LOCAL : rng.pick(CARRIERS);
    return {
      user,
      display,
      domain: local ? LOCAL_DOMAIN : ep.host,
      ep,
      tag: rng.hex(rng.pick([8, 10, 16])),
      agent: local ? rng.pick(LOCAL_AGENTS) : rng.pick(REMOTE_AGENTS),
      compact: !local && rng.chance(0.1),
      rtpPort: 10000 + 2 * rng.int(0, 9999),
      sessionId: rng.int(100000, 999999999),
    };
  }

  private startDialog(t0: number): void {
    const rng = this.rng;
    const scenario = rng.weighted(SCENARIO_WEIGHTS);
    this.serial++;
    this.stats.scenarios[scenario] = (this.stats.scenarios[scenario] ?? 0) + 1;
    const outcome = EXPECTED_OUTCOME[scenario];
    if (outcome) {
      this.stats.calls++;
      this.stats.outcomes[outcome] = (this.stats.outcomes[outcome] ?? 0) + 1;
    }
    // Half the calls are placed by the PBX towards a carrier, half come in from one.
    const outgoing = rng.chance(0.5);
    const extension = String(rng.int(1001, 1999));
    const external = `+49${rng.int(30, 89)}${pad(rng.int(0, 99999999), 8)}`;
    const agent = this.party(true, extension, rng.chance(0.6) ? `Agent ${extension}` : undefined);
    const far = this.party(false, external, undefined);
    const a = outgoing ? agent : far;
    const b = outgoing ? far : agent;
    const callId = rng.chance(0.5)
      ? `${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`
      : `${rng.hex(24)}@${a.ep.host}`;
    const d = new DialogBuilder(rng, callId, a, b, outgoing);

    if (scenario === 'register' || scenario === 'options') this.transaction(d, scenario, t0);
    else this.call(d, scenario, t0);
    for (const event of d.events) this.push(event);
  }

  private transaction(d: DialogBuilder, scenario: 'register' | 'options', t0: number): void {
    const rng = this.rng;
    const rtt = rng.range(2, 40);
    if (scenario === 'options') {
      this.stats.transactions++;
      const req: Request = { method: 'OPTIONS', uri: `sip:${d.b.domain}`, cseq: rng.int(1, 9999), branch: d.newBranch(), fromA: true };
      d.request(t0, req, [['Accept', 'application/sdp']]);
      d.response(t0 + rtt, req, 200, 'OK', d.b.tag, [['Accept', 'application/sdp']]);
      return;
    }
    // REGISTER, challenged and retried with credentials: two transactions.
    this.stats.transactions += 2;
    const first: Request = { method: 'REGISTER', uri: `sip:${d.b.domain}`, cseq: 1, branch: d.newBranch(), fromA: true };
    d.request(t0, first, [['Expires', '3600']]);
    const nonce = rng.hex(32);
    d.response(t0 + rtt, first, 401, 'Unauthorized', d.b.tag, [['WWW-Authenticate', `Digest realm="${d.b.domain}", nonce="${nonce}", algorithm=MD5, qop="auth"`]]);
    const retry: Request = { method: 'REGISTER', uri: first.uri, cseq: 2, branch: d.newBranch(), fromA: true };
    const t1 = t0 + rtt + rng.range(1, 20);
    d.request(t1, retry, [
      ['Expires', '3600'],
      ['Authorization', `Digest username="${d.a.user}", realm="${d.b.domain}", nonce="${nonce}", uri="${first.uri}", response="${rng.hex(32)}", algorithm=MD5, cnonce="${rng.hex(8)}", qop=auth, nc=00000001`],
    ]);
    d.response(t1 + rtt, retry, 200, 'OK', d.b.tag, [['Expires', '3600'], ['Contact', `<sip:${d.a.user}@${d.a.ep.host}:${d.a.ep.port}>;expires=3600`]]);
  }

  private call(d: DialogBuilder, scenario: Scenario, t0: number): void {
    const rng = this.rng;
    const rtt = rng.range(5, 80);
    const uri = `sip:${d.b.user}@${d.b.domain}`;
    let cseq = rng.int(1, 200);
    let invite: Request = { method: 'INVITE', uri, cseq, branch: d.newBranch(), fromA: true };
    let t = t0;
    let inviteText = d.request(t, invite, [], sdp(d.a, false));

    if (scenario === 'auth-retry-answered') {
      d.response(t + rtt, invite, 407, 'Proxy Authentication Required', d.b.tag + 'c', [
        ['Proxy-Authenticate', `Digest realm="${d.b.domain}", nonce="${rng.hex(32)}", algorithm=MD5, qop="auth"`],
      ]);
      d.request(t + rtt * 1.5, { ...invite, method: 'ACK', toTag: d.b.tag + 'c' });
      cseq++;
      t += rtt * 1.5 + rng.range(1, 10);
      invite = { method: 'INVITE', uri, cseq, branch: d.newBranch(), fromA: true };
      inviteText = d.request(t, invite, [['Proxy-Authorization', `Digest username="${d.a.user}", realm="${d.b.domain}", uri="${uri}", response="${rng.hex(32)}"`]], sdp(d.a, false));
    }

    // Timer A: a lost INVITE is sent again after 500 ms, before the far end says 100 Trying.
    let tryingAt = t + rtt;
    if (rng.chance(0.08)) {
      d.retransmit(t + 500, inviteText, true);
      tryingAt = t + 500 + rtt;
    }
    d.response(tryingAt, invite, 100, 'Trying', undefined);
    if (scenario === 'trying-only') return;

    // The ACK to a non-2xx final reuses the INVITE's branch and CSeq number.
    const ackFailure = (at: number, toTag: string): void => {
      d.request(at, { ...invite, method: 'ACK', toTag });
    };

    if (scenario === 'early-cancel') {
      const cancelAt = tryingAt + rng.range(100, 1500);
      const cancel: Request = { ...invite, method: 'CANCEL' };
      d.request(cancelAt, cancel, [['Reason', 'Q.850;cause=16;text="Normal Clearing"']]);
      d.response(cancelAt + rtt, cancel, 200, 'OK', d.b.tag);
      d.response(cancelAt + rtt + 1, invite, 487, 'Request Terminated', d.b.tag);
      ackFailure(cancelAt + rtt * 2, d.b.tag);
      return;
    }

    const failure = FAILURES[scenario];
    if (failure) {
      let at = tryingAt + rng.range(20, 400);
      if (scenario !== 'route-blocked' && rng.chance(0.3)) {
        d.response(at, invite, 180, 'Ringing', d.b.tag);
        at += rng.range(2000, 20000);
      }
      const [status, reason, cause] = failure;
      const text = d.response(at, invite, status, reason, d.b.tag, cause ? [['Reason', cause]] : []);
      // Timer G: the final is sent again when the ACK is slow.
      if (rng.chance(0.05)) d.retransmit(at + 500, text, false);
      ackFailure(at + rtt + (rng.chance(0.05) ? 500 : 0), d.b.tag);
      return;
    }

    // Ringing (sometimes with early media), then answer or cancel.
    let at = tryingAt + rng.range(50, 2500);
    if (rng.chance(0.2)) d.response(at, invite, 183, 'Session Progress', d.b.tag, [], sdp(d.b, false));
    else d.response(at, invite, 180, 'Ringing', d.b.tag);

    if (scenario === 'ring-cancel') {
      const cancelAt = at + rng.range(5000, 40000);
      const cancel: Request = { ...invite, method: 'CANCEL' };
      d.request(cancelAt, cancel);
      d.response(cancelAt + rtt, cancel, 200, 'OK', d.b.tag);
      d.response(cancelAt + rtt + 1, invite, 487, 'Request Terminated', d.b.tag);
      ackFailure(cancelAt + rtt * 2, d.b.tag);
      return;
    }

    // Answered.
    at += rng.range(1000, 15000);
    const ok = d.response(at, invite, 200, 'OK', d.b.tag, [], sdp(d.b, false));
    let ackAt = at + rtt;
    if (rng.chance(0.05)) {
      d.retransmit(at + 500, ok, false);
      ackAt = at + 500 + rtt;
    }
    d.request(ackAt, { method: 'ACK', uri: `sip:${d.b.user}@${d.b.ep.host}:${d.b.ep.port}`, cseq: invite.cseq, branch: d.newBranch(), fromA: true, toTag: d.b.tag });

    const byeAt = ackAt + rng.exponential(45000) + 2000;
    // `answered-local-bye`: the log writer hangs up, whichever side placed the call.
    const byA = scenario === 'answered-local-bye' ? d.aIsLocal : !d.aIsLocal;
    const bye: Request = byA
      ? { method: 'BYE', uri: `sip:${d.b.user}@${d.b.ep.host}:${d.b.ep.port}`, cseq: invite.cseq + 1, branch: d.newBranch(), fromA: true, toTag: d.b.tag }
      : { method: 'BYE', uri: `sip:${d.a.user}@${d.a.ep.host}:${d.a.ep.port}`, cseq: rng.int(1, 50), branch: d.newBranch(), fromA: false, toTag: d.a.tag };
    const byeText = d.request(byeAt, bye, [['Reason', 'Q.850;cause=16;text="Normal Clearing"']]);
    let okAt = byeAt + rtt;
    if (rng.chance(0.03)) {
      d.retransmit(byeAt + 500, byeText, byA);
      okAt = byeAt + 500 + rtt;
    }
    d.response(okAt, bye, 200, 'OK', undefined);
  }
}
