// Correlating messages into calls and transactions, and classifying each call's outcome.
//
// The rules are those of DESIGN.md: a call is a Call-ID whose trace holds an initial INVITE;
// its result is the final response to the last INVITE of the initial chain (the first INVITE
// and its retries, e.g. after a 401/407 challenge); re-INVITEs never change it.
import { describeReason } from './reasonCause';
import type { AnalysisOptions, Call, Outcome, Side, TraceMessage, TraceTime, Transaction } from './types';

export interface Correlation {
  calls: Call[];
  transactions: Transaction[];
  callOf: Int32Array;
  transactionOf: Int32Array;
  requestOf: Int32Array;
  benignFinals: Set<number>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function isRinging(status: number | undefined): boolean {
  return status !== undefined && status >= 180 && status <= 189;
}

function isFinal(status: number | undefined): status is number {
  return status !== undefined && status >= 200;
}

function isChallenge(status: number | undefined): boolean {
  return status === 401 || status === 407;
}

/** The outcome vocabulary of DESIGN.md, decided by the final response first. */
export function classifyOutcome(finalStatus: number | null, rangBefore: boolean): Outcome {
  if (finalStatus === null) return rangBefore ? 'no-answer' : 'no-final';
  if (finalStatus >= 200 && finalStatus < 300) return 'answered';
  if (finalStatus === 486 || finalStatus === 600) return 'busy';
  if (finalStatus >= 300 && finalStatus < 400) return 'redirected';
  if (finalStatus >= 900 && finalStatus <= 999) return 'route-blocked';
  if (finalStatus === 487) return rangBefore ? 'no-answer' : 'cancelled';
  if (finalStatus === 408 && rangBefore) return 'no-answer';
  return 'failed';
}

function endpointKey(message: TraceMessage): string {
  const { src, dst, direction } = message.frame;
  return `${direction}>${src?.host ?? ''}:${src?.port ?? ''}>${dst?.host ?? ''}:${dst?.port ?? ''}`;
}

/**
 * Identity of a message for retransmission detection: the same start line, transaction and
 * path. A proxy's received and forwarded copies differ in path, so they are not merged.
 */
function retransmissionKey(message: TraceMessage): string | undefined {
  const sip = message.sip;
  if (!sip.callId || !sip.cseq) return undefined;
  const head = sip.kind === 'response' ? `${sip.status} ${sip.to?.tag ?? ''}` : `${sip.method}`;
  return `${sip.callId}\n${sip.cseq.seq} ${sip.cseq.method}\n${sip.branch ?? ''}\n${head}\n${endpointKey(message)}`;
}

function markRetransmissions(messages: TraceMessage[]): void {
  const seen = new Set<string>();
  for (const message of messages) {
    const key = retransmissionKey(message);
    if (key === undefined) continue;
    if (seen.has(key)) message.retransmission = true;
    else seen.add(key);
  }
}

/** The start-line part of retransmissionKey. */
function retransmissionHead(sip: TraceMessage['sip']): string {
  return sip.kind === 'response' ? `${sip.status} ${sip.to?.tag ?? ''}` : `${sip.method}`;
}

/** `retransmissionHead(a) === retransmissionHead(b)`, comparing fields where the kinds agree. */
function sameHead(a: TraceMessage['sip'], b: TraceMessage['sip']): boolean {
  const aResponse = a.kind === 'response';
  if (aResponse !== (b.kind === 'response')) return retransmissionHead(a) === retransmissionHead(b);
  // A response's status is a number, so `${status} ${tag}` strings match exactly when both parts do.
  if (aResponse) return a.status === b.status && (a.to?.tag ?? '') === (b.to?.tag ?? '');
  return String(a.method) === String(b.method);
}

/**
 * `endpointKey(a) === endpointKey(b)`: equal fields give equal keys, so the keys are built only
 * when a field differs (where different fields could still, in theory, spell the same key).
 */
function samePath(a: TraceMessage, b: TraceMessage): boolean {
  const x = a.frame;
  const y = b.frame;
  if (
    x.direction === y.direction &&
    (x.src?.host ?? '') === (y.src?.host ?? '') &&
    (x.src?.port ?? '') === (y.src?.port ?? '') &&
    (x.dst?.host ?? '') === (y.dst?.host ?? '') &&
    (x.dst?.port ?? '') === (y.dst?.port ?? '')
  ) {
    return true;
  }
  return endpointKey(a) === endpointKey(b);
}

/** Groups up to this size are scanned pair by pair instead of hashing a key per message. */
const SMALL_GROUP = 32;

/**
 * markRetransmissions for the messages of one Call-ID (a group from groupByCallId). Keys of
 * different Call-IDs never match (a Call-ID holds no line break), so marking group by group
 * gives the same result; small groups compare fields pair by pair and build no key strings.
 */
function markRetransmissionsIn(messages: TraceMessage[], group: number[]): void {
  if (group.length > SMALL_GROUP) {
    markRetransmissions(group.map((index) => messages[index]));
    return;
  }
  // retransmissionKey leaves out messages with an empty Call-ID.
  if (group.length === 0 || !messages[group[0]].sip.callId) return;
  for (let i = 1; i < group.length; i++) {
    const message = messages[group[i]];
    const sip = message.sip;
    if (!sip.cseq) continue;
    for (let j = 0; j < i; j++) {
      const earlier = messages[group[j]];
      const other = earlier.sip;
      if (earlier.retransmission || !other.cseq) continue;
      if (other.cseq.seq !== sip.cseq.seq || other.cseq.method !== sip.cseq.method || (other.branch ?? '') !== (sip.branch ?? '')) continue;
      if (!sameHead(other, sip) || !samePath(earlier, message)) continue;
      message.retransmission = true;
      break;
    }
  }
}

function timeOf(message: TraceMessage | undefined): TraceTime | undefined {
  return message?.frame.time;
}

/** Milliseconds from one message to another, or null when their times cannot be compared. */
export function msBetween(from: TraceMessage | undefined, to: TraceMessage | undefined): number | null {
  const a = timeOf(from);
  const b = timeOf(to);
  if (!a || !b || a.dated !== b.dated) return null;
  return b.ms - a.ms;
}

function elapsed(from: TraceMessage | undefined, to: TraceMessage | undefined): number | null {
  const ms = msBetween(from, to);
  return ms === null ? null : Math.max(0, Math.round(ms));
}

function clockOf(time: TraceTime): string {
  const ms = ((Math.floor(time.ms) % DAY_MS) + DAY_MS) % DAY_MS;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

/** An address without brackets or port, lower-case: `[2001:DB8::1]:5060` → `2001:db8::1`. */
export function hostOnly(address: string): string {
  let host = address.trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']') === -1 ? undefined : host.indexOf(']'));
  if (host.split(':').length === 2) host = host.slice(0, host.indexOf(':'));
  return host;
}

/** Decides which side of a call is local, per DESIGN.md "What is a call, and who is local". */
class LocalSide {
  private readonly hosts: Set<string>;

  constructor(addresses: readonly string[] | undefined) {
    this.hosts = new Set((addresses ?? []).map(hostOnly).filter((h) => h.length > 0));
  }

  /** Did the local host send this message? Undefined when the trace cannot tell. */
  sentLocally(message: TraceMessage): boolean | undefined {
    const { direction, src, dst } = message.frame;
    if (direction === 'sent') return true;
    if (direction === 'received') return false;
    if (this.hosts.size === 0) return undefined;
    if (src && this.hosts.has(src.host.toLowerCase())) return true;
    if (dst && this.hosts.has(dst.host.toLowerCase())) return false;
    return undefined;
  }
}

/** Collects the messages of each Call-ID, in file order. */
function groupByCallId(messages: TraceMessage[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const message of messages) {
    const callId = message.sip.callId;
    if (callId === undefined) continue;
    let group = groups.get(callId);
    if (!group) groups.set(callId, (group = []));
    group.push(message.index);
  }
  return groups;
}

/** Links each response to the request it answers: same Call-ID, CSeq and, preferably, branch. */
function linkResponses(messages: TraceMessage[], group: number[], requestOf: Int32Array): void {
  if (group.length <= SMALL_GROUP) {
    linkResponsesInSmallGroup(messages, group, requestOf);
    return;
  }
  const byBranch = new Map<string, number>();
  const byCSeq = new Map<string, number>();
  for (const index of group) {
    const sip = messages[index].sip;
    if (sip.kind !== 'request' || !sip.cseq || messages[index].retransmission) continue;
    const cseqKey = `${sip.cseq.seq} ${sip.cseq.method}`;
    if (sip.branch) {
      const branchKey = `${sip.branch}\n${cseqKey}`;
      if (!byBranch.has(branchKey)) byBranch.set(branchKey, index);
    }
    if (!byCSeq.has(cseqKey)) byCSeq.set(cseqKey, index);
  }
  for (const index of group) {
    const sip = messages[index].sip;
    if (sip.kind !== 'response' || !sip.cseq) continue;
    const cseqKey = `${sip.cseq.seq} ${sip.cseq.method}`;
    const request = (sip.branch ? byBranch.get(`${sip.branch}\n${cseqKey}`) : undefined) ?? byCSeq.get(cseqKey);
    if (request !== undefined) requestOf[index] = request;
  }
}

/**
 * linkResponses for a small group, by scanning the group's requests for each response: the same
 * first match as the keyed maps (a branch holds no line break and a CSeq method no space, so the
 * map keys compare exactly like their parts), without building key strings.
 */
function linkResponsesInSmallGroup(messages: TraceMessage[], group: number[], requestOf: Int32Array): void {
  for (const index of group) {
    const sip = messages[index].sip;
    if (sip.kind !== 'response' || !sip.cseq) continue;
    const { seq, method } = sip.cseq;
    let byCSeq = -1;
    let byBranch = -1;
    for (const candidate of group) {
      const request = messages[candidate];
      const q = request.sip;
      if (q.kind !== 'request' || !q.cseq || request.retransmission || q.cseq.seq !== seq || q.cseq.method !== method) continue;
      if (byCSeq === -1) byCSeq = candidate;
      if (sip.branch && q.branch && q.branch === sip.branch) {
        byBranch = candidate;
        break;
      }
    }
    const request = byBranch !== -1 ? byBranch : byCSeq;
    if (request !== -1) requestOf[index] = request;
  }
}

function isInitialInvite(message: TraceMessage): boolean {
  const sip = message.sip;
  return sip.kind === 'request' && sip.method === 'INVITE' && !sip.to?.tag && !message.retransmission;
}

function isResponseTo(message: TraceMessage, seq: number, method: string): boolean {
  const sip = message.sip;
  return sip.kind === 'response' && sip.cseq?.seq === seq && sip.cseq.method === method;
}

/**
 * describeReason by Reason header value, for one correlation: a trace repeats a handful of
 * values over and over, and describing one means splitting and matching it.
 */
type CauseMemo = Map<string, string | null>;

function firstCause(candidates: (TraceMessage | undefined)[], memo: CauseMemo): string | null {
  for (const message of candidates) {
    for (const value of message?.sip.reasonHeaders ?? []) {
      let words = memo.get(value);
      if (words === undefined) {
        words = describeReason(value);
        memo.set(value, words);
      }
      if (words) return words;
    }
  }
  return null;
}

/** Builds one call from the messages of a Call-ID that holds an initial INVITE. */
function buildCall(
  messages: TraceMessage[],
  group: number[],
  firstInviteIndex: number,
  local: LocalSide,
  options: AnalysisOptions,
  causes: CauseMemo,
): Call {
  const redecode = options.redecode ?? ((s: string) => s);
  const firstInvite = messages[firstInviteIndex];
  // The initial chain: the first INVITE and later INVITEs without a To-tag and a higher CSeq
  // (authenticated retries after 401/407, or other retries of the same call attempt).
  const chain: TraceMessage[] = [firstInvite];
  for (const index of group) {
    const message = messages[index];
    const last = chain[chain.length - 1];
    if (index > last.index && isInitialInvite(message) && (message.sip.cseq?.seq ?? 0) > (last.sip.cseq?.seq ?? 0)) {
      chain.push(message);
    }
  }
  const lastInvite = chain[chain.length - 1];
  const chainSeqs = new Set(chain.map((m) => m.sip.cseq?.seq));
  const lastSeq = lastInvite.sip.cseq?.seq ?? -1;

  let firstRinging: TraceMessage | undefined;
  let final: TraceMessage | undefined;
  let firstSuccess: TraceMessage | undefined;
  let cancel: TraceMessage | undefined;
  for (const index of group) {
    const m = messages[index];
    if (m.retransmission) continue;
    const sip = m.sip;
    if (sip.kind === 'request' && sip.method === 'CANCEL' && sip.cseq && chainSeqs.has(sip.cseq.seq)) cancel ??= m;
    if (sip.kind !== 'response' || !sip.cseq || sip.cseq.method !== 'INVITE' || !chainSeqs.has(sip.cseq.seq)) continue;
    if (isRinging(sip.status) && !final) firstRinging ??= m;
    if (sip.cseq.seq !== lastSeq || !isFinal(sip.status)) continue;
    if (sip.status < 300) firstSuccess ??= m;
    final = m;
  }
  // With forking, a 2xx from any branch answers the call, whatever other branches said later.
  if (firstSuccess) final = firstSuccess;
  // The final's first copy: a proxy logs the response it received and the one it forwarded.
  if (final) {
    const finalTag = final.sip.to?.tag;
    for (const index of group) {
      const m = messages[index];
      if (m.index >= final.index) break;
      if (isResponseTo(m, lastSeq, 'INVITE') && m.sip.status === final.sip.status && m.sip.to?.tag === finalTag) {
        final = m;
        break;
      }
    }
  }

  const finalStatus = final?.sip.status ?? null;
  const outcome = classifyOutcome(finalStatus, firstRinging !== undefined);

  // Local side: the writer of the log where direction is known, otherwise the caller.
  const inviteSentLocally = local.sentLocally(firstInvite);
  const outgoing = inviteSentLocally ?? true;

  let bye: TraceMessage | undefined;
  let endedBy: Side | null = null;
  if (outcome === 'answered' && final) {
    for (const index of group) {
      const m = messages[index];
      if (m.index > final.index && !m.retransmission && m.sip.kind === 'request' && m.sip.method === 'BYE') {
        bye = m;
        break;
      }
    }
    if (bye) {
      let sentLocally = local.sentLocally(bye);
      if (sentLocally === undefined) {
        const callerTag = firstInvite.sip.from?.tag;
        const byCaller = callerTag !== undefined ? bye.sip.from?.tag === callerTag : bye.sip.from?.uri === firstInvite.sip.from?.uri;
        sentLocally = byCaller === outgoing;
      }
      endedBy = sentLocally ? 'local' : 'remote';
    }
  }

  const startTime = timeOf(firstInvite);
  return {
    callId: redecode(firstInvite.sip.callId ?? ''),
    from: redecode(firstInvite.sip.from?.user ?? ''),
    to: redecode(firstInvite.sip.to?.user ?? ''),
    messages: group,
    firstInvite: firstInvite.index,
    lastInvite: lastInvite.index,
    finalResponse: final?.index,
    firstRinging: firstRinging?.index,
    bye: bye?.index,
    cancel: cancel?.index,
    outcome,
    finalStatus,
    finalReason: final ? redecode(final.sip.reason ?? '') : null,
    cause: firstCause(outcome === 'answered' ? [final, bye] : [final, cancel], causes),
    endedBy,
    startTime: startTime?.dated ? new Date(startTime.ms).toISOString() : null,
    startClock: startTime ? clockOf(startTime) : null,
    startLine: firstInvite.frame.startLine,
    finalLine: final ? final.frame.startLine : null,
    setupMs: final ? elapsed(firstInvite, final) : null,
    pddMs: firstRinging ? elapsed(firstInvite, firstRinging) : null,
    durationMs: bye && final ? elapsed(final, bye) : null,
    wholeSeconds: [firstInvite, final, firstRinging, bye].some((m) => m?.frame.time?.wholeSeconds === true),
    outgoing,
    findings: [],
    verdict: '',
  };
}

/** Splits the messages of a Call-ID without an initial INVITE into its transactions. */
function buildTransactions(messages: TraceMessage[], group: number[]): Transaction[] {
  const byCSeq = new Map<string, Transaction>();
  for (const index of group) {
    const m = messages[index];
    const sip = m.sip;
    if (!sip.cseq) continue;
    const key = `${sip.cseq.seq} ${sip.cseq.method}`;
    let transaction = byCSeq.get(key);
    if (!transaction) {
      transaction = {
        method: sip.cseq.method,
        callId: sip.callId ?? '',
        cseq: sip.cseq.seq,
        first: index,
        startLine: m.frame.startLine,
        finalStatus: null,
        finalReason: null,
        messages: [],
        findings: [],
      };
      byCSeq.set(key, transaction);
    } else if (sip.kind === 'request' && messages[transaction.first].sip.kind !== 'request') {
      // The request shows up after a response (e.g. a capture that started late): it leads.
      transaction.first = index;
      transaction.startLine = m.frame.startLine;
    }
    transaction.messages.push(index);
    if (sip.kind === 'response' && isFinal(sip.status) && !m.retransmission) {
      transaction.finalResponse = index;
      transaction.finalStatus = sip.status;
      transaction.finalReason = sip.reason ?? null;
    }
  }
  return [...byCSeq.values()];
}

/**
 * Marks the final responses >= 400 of a Call-ID that are normal call flow: a 401/407 followed by
 * a retry of the same method with a higher CSeq, and a 487 to a request the caller cancelled.
 */
function markBenignFinals(messages: TraceMessage[], group: number[], benignFinals: Set<number>): void {
  // Walking backwards, the highest CSeq of each method requested later is known at every step.
  const laterSeq = new Map<string, number>();
  for (let i = group.length - 1; i >= 0; i--) {
    const sip = messages[group[i]].sip;
    if (!sip.cseq) continue;
    if (sip.kind === 'request' && sip.method) laterSeq.set(sip.method, Math.max(laterSeq.get(sip.method) ?? -1, sip.cseq.seq));
    else if (sip.kind === 'response' && isChallenge(sip.status) && (laterSeq.get(sip.cseq.method) ?? -1) > sip.cseq.seq) benignFinals.add(group[i]);
  }
  const cancelled = new Set<number>();
  for (const index of group) {
    const sip = messages[index].sip;
    if (sip.kind === 'request' && sip.method === 'CANCEL' && sip.cseq) cancelled.add(sip.cseq.seq);
    else if (sip.kind === 'response' && sip.status === 487 && sip.cseq && cancelled.has(sip.cseq.seq)) benignFinals.add(index);
  }
}

/** Correlates parsed messages into calls and transactions. Marks retransmissions in place. */
export function correlate(messages: TraceMessage[], options: AnalysisOptions = {}): Correlation {
  const callOf = new Int32Array(messages.length).fill(-1);
  const transactionOf = new Int32Array(messages.length).fill(-1);
  const requestOf = new Int32Array(messages.length).fill(-1);
  const benignFinals = new Set<number>();
  const local = new LocalSide(options.localAddresses);
  const calls: Call[] = [];
  const transactions: Transaction[] = [];
  const redecode = options.redecode;
  const causes: CauseMemo = new Map();

  let visited = 0;
  for (const group of groupByCallId(messages).values()) {
    if ((visited++ & 0x3ff) === 0 && options.isCancelled?.()) {
      const error = new Error('Analysis cancelled');
      error.name = 'CancellationError';
      throw error;
    }
    markRetransmissionsIn(messages, group);
    linkResponses(messages, group, requestOf);
    markBenignFinals(messages, group, benignFinals);
    const firstInvite = group.find((index) => isInitialInvite(messages[index]));
    if (firstInvite !== undefined) {
      calls.push(buildCall(messages, group, firstInvite, local, options, causes));
      continue;
    }
    for (const transaction of buildTransactions(messages, group)) {
      if (redecode) {
        transaction.callId = redecode(transaction.callId);
        if (transaction.finalReason !== null) transaction.finalReason = redecode(transaction.finalReason);
      }
      transactions.push(transaction);
    }
  }
  // Groups are visited in order of first appearance; calls and transactions read best in file order.
  calls.sort((a, b) => a.firstInvite - b.firstInvite);
  transactions.sort((a, b) => a.first - b.first);
  calls.forEach((call, i) => call.messages.forEach((index) => (callOf[index] = i)));
  transactions.forEach((t, i) => t.messages.forEach((index) => (transactionOf[index] = i)));
  return { calls, transactions, callOf, transactionOf, requestOf, benignFinals };
}
