// Correlating messages into calls and transactions, and classifying each call's outcome.
//
// The rules are those of DESIGN.md: a call is a Call-ID whose trace holds an initial INVITE;
// its result is the final response to the last INVITE of the initial chain (the first INVITE
// and its retries, e.g. after a 401/407 challenge); re-INVITEs never change it.
//
// The fields the rules compare are read from every message once, into columns (callFacts.ts),
// with the messages grouped by Call-ID; each group is then worked through by comparing numbers,
// and only the few messages that decide a call are read closely (tags, addresses, times, Reason).
import { BYE, CallFacts, CANCEL, HAS_CSEQ, HAS_METHOD, INVITE, KIND_REQUEST, KIND_RESPONSE, RETRANSMISSION } from './callFacts';
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

/** Groups up to this size are compared message by message; bigger ones are keyed by hashing. */
const SMALL_GROUP = 32;

/** Status codes as the facts hold them: NO_STATUS (-1) is neither ringing, final nor a challenge. */
function isRinging(status: number): boolean {
  return status >= 180 && status <= 189;
}

function isFinal(status: number): boolean {
  return status >= 200;
}

function isChallenge(status: number): boolean {
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

/**
 * The start-line part of a message's identity: `status to-tag` for a response, the method for
 * anything else. A response's always holds a space and a method never does, so the two kinds
 * never match.
 */
function retransmissionHead(sip: TraceMessage['sip']): string {
  return sip.kind === 'response' ? `${sip.status} ${sip.to?.tag ?? ''}` : `${sip.method}`;
}

/** `retransmissionHead` of messages i and j are equal: numbers first, the To-tag only where they agree. */
function sameHead(facts: CallFacts, messages: readonly TraceMessage[], i: number, j: number): boolean {
  const response = facts.kind[i] === KIND_RESPONSE;
  if (response !== (facts.kind[j] === KIND_RESPONSE)) return false;
  if (!response) return facts.method[i] === facts.method[j];
  return facts.status[i] === facts.status[j] && (messages[i].sip.to?.tag ?? '') === (messages[j].sip.to?.tag ?? '');
}

function markRetransmission(facts: CallFacts, messages: readonly TraceMessage[], i: number): void {
  facts.bits[i] |= RETRANSMISSION;
  messages[i].retransmission = true;
}

/**
 * Marks the copies of a message seen again within one Call-ID group: the same start line,
 * transaction (CSeq and branch) and path. A proxy's received and forwarded copies differ in
 * path, so they are not merged. Messages of an empty Call-ID are never marked.
 */
function markRetransmissions(facts: CallFacts, messages: readonly TraceMessage[], from: number, to: number): void {
  if (from === to || !messages[facts.members[from]].sip.callId) return;
  if (to - from > SMALL_GROUP) {
    markRetransmissionsByKey(facts, messages, from, to);
    return;
  }
  const { members, bits, seq, cseqMethod } = facts;
  for (let a = from + 1; a < to; a++) {
    const i = members[a];
    if ((bits[i] & HAS_CSEQ) === 0) continue;
    for (let b = from; b < a; b++) {
      const j = members[b];
      if ((bits[j] & (HAS_CSEQ | RETRANSMISSION)) !== HAS_CSEQ || seq[j] !== seq[i] || cseqMethod[j] !== cseqMethod[i]) continue;
      if (!sameHead(facts, messages, j, i) || (messages[j].sip.branch ?? '') !== (messages[i].sip.branch ?? '')) continue;
      if (!samePath(messages[j], messages[i])) continue;
      markRetransmission(facts, messages, i);
      break;
    }
  }
}

/** markRetransmissions for a big group: one identity string per message, looked up in a set. */
function markRetransmissionsByKey(facts: CallFacts, messages: readonly TraceMessage[], from: number, to: number): void {
  const seen = new Set<string>();
  for (let a = from; a < to; a++) {
    const i = facts.members[a];
    if ((facts.bits[i] & HAS_CSEQ) === 0) continue;
    const message = messages[i];
    // A branch holds no line break, so the parts cannot run into each other.
    const key = `${facts.seq[i]} ${facts.cseqMethod[i]}\n${message.sip.branch ?? ''}\n${retransmissionHead(message.sip)}\n${endpointKey(message)}`;
    if (seen.has(key)) markRetransmission(facts, messages, i);
    else seen.add(key);
  }
}

/**
 * Links each response of a group to the request it answers: the first request (not a
 * retransmission) with the same CSeq, preferring one with the same branch.
 */
function linkResponses(facts: CallFacts, messages: readonly TraceMessage[], from: number, to: number, requestOf: Int32Array): void {
  if (to - from > SMALL_GROUP) {
    linkResponsesByKey(facts, messages, from, to, requestOf);
    return;
  }
  const { members, kind, bits } = facts;
  for (let a = from; a < to; a++) {
    const i = members[a];
    if (kind[i] !== KIND_RESPONSE || (bits[i] & HAS_CSEQ) === 0) continue;
    let byCSeq = -1;
    let candidates = 0;
    for (let b = from; b < to && candidates < 2; b++) {
      if (!facts.mayAnswer(i, members[b])) continue;
      if (candidates++ === 0) byCSeq = members[b];
    }
    // One request with the CSeq is the answer whatever its branch; only between several does
    // the branch choose (the first with the response's, else the first).
    let request = byCSeq;
    const branch = candidates > 1 ? messages[i].sip.branch : undefined;
    if (branch) {
      for (let b = from; b < to; b++) {
        const j = members[b];
        if (facts.mayAnswer(i, j) && messages[j].sip.branch === branch) {
          request = j;
          break;
        }
      }
    }
    if (request !== -1) requestOf[i] = request;
  }
}

/** linkResponses for a big group, with the requests keyed by CSeq and by branch and CSeq. */
function linkResponsesByKey(facts: CallFacts, messages: readonly TraceMessage[], from: number, to: number, requestOf: Int32Array): void {
  const { members, kind, bits, seq, cseqMethod } = facts;
  const byBranch = new Map<string, number>();
  const byCSeq = new Map<string, number>();
  for (let a = from; a < to; a++) {
    const i = members[a];
    if (kind[i] !== KIND_REQUEST || (bits[i] & (HAS_CSEQ | RETRANSMISSION)) !== HAS_CSEQ) continue;
    const cseqKey = `${seq[i]} ${cseqMethod[i]}`;
    const branch = messages[i].sip.branch;
    // A branch holds no line break.
    if (branch && !byBranch.has(`${branch}\n${cseqKey}`)) byBranch.set(`${branch}\n${cseqKey}`, i);
    if (!byCSeq.has(cseqKey)) byCSeq.set(cseqKey, i);
  }
  for (let a = from; a < to; a++) {
    const i = members[a];
    if (kind[i] !== KIND_RESPONSE || (bits[i] & HAS_CSEQ) === 0) continue;
    const cseqKey = `${seq[i]} ${cseqMethod[i]}`;
    const branch = messages[i].sip.branch;
    const request = (branch ? byBranch.get(`${branch}\n${cseqKey}`) : undefined) ?? byCSeq.get(cseqKey);
    if (request !== undefined) requestOf[i] = request;
  }
}

/**
 * Marks the final responses >= 400 of a group that are normal call flow: a 401/407 followed by
 * a request of the same method with a higher CSeq, and a 487 to a request cancelled before it.
 */
function markBenignFinals(facts: CallFacts, from: number, to: number, benignFinals: Set<number>): void {
  if (to - from > SMALL_GROUP) {
    markBenignFinalsByKey(facts, from, to, benignFinals);
    return;
  }
  const { members, kind, bits, status, seq, cseqMethod, method } = facts;
  for (let a = from; a < to; a++) {
    const i = members[a];
    if (kind[i] !== KIND_RESPONSE || (bits[i] & HAS_CSEQ) === 0) continue;
    if (isChallenge(status[i])) {
      for (let b = a + 1; b < to; b++) {
        const j = members[b];
        if (kind[j] === KIND_REQUEST && (bits[j] & (HAS_CSEQ | HAS_METHOD)) === (HAS_CSEQ | HAS_METHOD) && method[j] === cseqMethod[i] && seq[j] > seq[i]) {
          benignFinals.add(i);
          break;
        }
      }
    } else if (status[i] === 487) {
      for (let b = from; b < a; b++) {
        const j = members[b];
        if (facts.isRequest(j, CANCEL) && (bits[j] & HAS_CSEQ) !== 0 && seq[j] === seq[i]) {
          benignFinals.add(i);
          break;
        }
      }
    }
  }
}

/** markBenignFinals for a big group: one walk each way, remembering CSeqs by method. */
function markBenignFinalsByKey(facts: CallFacts, from: number, to: number, benignFinals: Set<number>): void {
  const { members, kind, bits, status, seq, cseqMethod, method } = facts;
  // Walking backwards, the highest CSeq of each method requested later is known at every step.
  const laterSeq = new Map<number, number>();
  for (let a = to - 1; a >= from; a--) {
    const i = members[a];
    if ((bits[i] & HAS_CSEQ) === 0) continue;
    if (kind[i] === KIND_REQUEST) {
      if (bits[i] & HAS_METHOD) laterSeq.set(method[i], Math.max(laterSeq.get(method[i]) ?? -1, seq[i]));
    } else if (kind[i] === KIND_RESPONSE && isChallenge(status[i]) && (laterSeq.get(cseqMethod[i]) ?? -1) > seq[i]) benignFinals.add(i);
  }
  const cancelled = new Set<number>();
  for (let a = from; a < to; a++) {
    const i = members[a];
    if ((bits[i] & HAS_CSEQ) === 0) continue;
    if (facts.isRequest(i, CANCEL)) cancelled.add(seq[i]);
    else if (kind[i] === KIND_RESPONSE && status[i] === 487 && cancelled.has(seq[i])) benignFinals.add(i);
  }
}

function timeOf(message: TraceMessage | undefined): TraceTime | undefined {
  return message?.frame.time;
}

/** Milliseconds from one time to another, or null when they cannot be compared. */
function msApart(a: TraceTime | undefined, b: TraceTime | undefined): number | null {
  if (!a || !b || a.dated !== b.dated) return null;
  return b.ms - a.ms;
}

/** Milliseconds from one message to another, or null when their times cannot be compared. */
export function msBetween(from: TraceMessage | undefined, to: TraceMessage | undefined): number | null {
  return msApart(timeOf(from), timeOf(to));
}

function elapsed(from: TraceTime | undefined, to: TraceTime | undefined): number | null {
  const ms = msApart(from, to);
  return ms === null ? null : Math.max(0, Math.round(ms));
}

/** The largest time value a Date holds (ECMAScript's TimeClip). */
const MAX_TIME = 8.64e15;

/**
 * `new Date(ms).toISOString()`, with the date part made once per day: the calls of a trace
 * fall on a few days, and a Date and its ISO string per call cost about as much as the rest of
 * the call's fields.
 */
class IsoTimes {
  private day = NaN;
  private datePart = '';

  /** `clock`: clockOf the same time, where already made (from 1970 on, it is the ISO time of day). */
  of(ms: number, clock?: string): string {
    const t = Math.trunc(ms);
    // Out of range (or not a number): what Date says, a RangeError included.
    if (!(Math.abs(t) <= MAX_TIME)) return new Date(ms).toISOString();
    const day = Math.floor(t / DAY_MS);
    if (day !== this.day) {
      const iso = new Date(day * DAY_MS).toISOString();
      this.datePart = iso.slice(0, iso.indexOf('T'));
      this.day = day;
    }
    return `${this.datePart}T${clock !== undefined && ms >= 0 ? clock : timeOfDay(t - day * DAY_MS)}Z`;
  }
}

const DIGIT_0 = 0x30;
const COLON = 0x3a;
const DOT = 0x2e;

function clockOf(time: TraceTime): string {
  return timeOfDay(((Math.floor(time.ms) % DAY_MS) + DAY_MS) % DAY_MS);
}

/** `HH:MM:SS.mmm` of a whole number of milliseconds into the day. */
function timeOfDay(ms: number): string {
  // A time that is not a number (NaN) spells every part so.
  if (!(ms >= 0 && ms < DAY_MS)) return `${ms}:${ms}:${ms}.${ms}`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  const milli = ms % 1000;
  // One string from its character codes, rather than a new string at every concatenation.
  return String.fromCharCode(
    DIGIT_0 + Math.floor(h / 10),
    DIGIT_0 + (h % 10),
    COLON,
    DIGIT_0 + Math.floor(m / 10),
    DIGIT_0 + (m % 10),
    COLON,
    DIGIT_0 + Math.floor(s / 10),
    DIGIT_0 + (s % 10),
    DOT,
    DIGIT_0 + Math.floor(milli / 100),
    DIGIT_0 + (Math.floor(milli / 10) % 10),
    DIGIT_0 + (milli % 10),
  );
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

/**
 * describeReason by Reason header value, for one correlation: a trace repeats a handful of
 * values over and over, and describing one means splitting and matching it.
 */
type CauseMemo = Map<string, string | null>;

/** The words of the first Reason header of message `index` (-1: none) that has some. */
function causeIn(messages: readonly TraceMessage[], index: number, memo: CauseMemo): string | null {
  if (index === -1) return null;
  const values = messages[index].sip.reasonHeaders;
  for (let k = 0; k < values.length; k++) {
    const value = values[k];
    let words = memo.get(value);
    if (words === undefined) {
      words = describeReason(value);
      memo.set(value, words);
    }
    if (words) return words;
  }
  return null;
}

/** What every call of one correlation is built with. */
interface CallContext {
  messages: readonly TraceMessage[];
  facts: CallFacts;
  local: LocalSide;
  redecode: (s: string) => string;
  causes: CauseMemo;
  isoTimes: IsoTimes;
  /** decisiveOf's answer, reused from call to call. */
  decisive: Decisive;
}

function unchanged(s: string): string {
  return s;
}

/** The message indexes of a group, as a call or transaction lists them. */
function membersOf(facts: CallFacts, from: number, to: number): number[] {
  const list: number[] = [];
  for (let a = from; a < to; a++) list.push(facts.members[a]);
  return list;
}

/** The messages that decide a call, as indexes (-1: none). */
interface Decisive {
  lastInvite: number;
  final: number;
  firstRinging: number;
  cancel: number;
}

/**
 * The initial chain of a call and the responses that decide it. The chain is the first INVITE
 * and later INVITEs without a To-tag and a higher CSeq (authenticated retries after 401/407, or
 * other retries of the same call attempt).
 */
function decisiveOf(context: CallContext, from: number, to: number, firstInvite: number): Decisive {
  const { facts, messages } = context;
  const { members, kind, bits, status, seq, cseqMethod } = facts;
  let lastInvite = firstInvite;
  for (let a = from; a < to; a++) {
    const i = members[a];
    // Without a CSeq an INVITE counts as CSeq 0, as the facts hold it.
    if (i > lastInvite && facts.isInitialInvite(i) && seq[i] > seq[lastInvite]) lastInvite = i;
  }
  const lastSeq = bits[lastInvite] & HAS_CSEQ ? seq[lastInvite] : -1;
  // A CSeq is the chain's when one of its INVITEs carries it: the first INVITE's, or (rarely)
  // one of the rising CSeqs of later initial INVITEs up to the last one's.
  const firstSeq = bits[firstInvite] & HAS_CSEQ ? seq[firstInvite] : -1;
  const retried = lastInvite !== firstInvite;

  let firstRinging = -1;
  let final = -1;
  let firstSuccess = -1;
  let cancel = -1;
  for (let a = from; a < to; a++) {
    const i = members[a];
    if ((bits[i] & (HAS_CSEQ | RETRANSMISSION)) !== HAS_CSEQ) continue;
    if (seq[i] !== firstSeq && !(retried && seq[i] > seq[firstInvite] && seq[i] <= lastSeq && chainHas(facts, from, to, firstInvite, seq[i]))) continue;
    if (facts.isRequest(i, CANCEL) && cancel === -1) cancel = i;
    if (kind[i] !== KIND_RESPONSE || cseqMethod[i] !== INVITE) continue;
    if (isRinging(status[i]) && final === -1 && firstRinging === -1) firstRinging = i;
    if (seq[i] !== lastSeq || !isFinal(status[i])) continue;
    if (status[i] < 300 && firstSuccess === -1) firstSuccess = i;
    final = i;
  }
  // With forking, a 2xx from any branch answers the call, whatever other branches said later.
  if (firstSuccess !== -1) final = firstSuccess;
  // The final's first copy: a proxy logs the response it received and the one it forwarded.
  if (final !== -1) {
    for (let a = from; a < to; a++) {
      const i = members[a];
      if (i >= final) break;
      if (facts.isResponseTo(i, lastSeq, INVITE) && status[i] === status[final] && messages[i].sip.to?.tag === messages[final].sip.to?.tag) {
        final = i;
        break;
      }
    }
  }
  const decisive = context.decisive;
  decisive.lastInvite = lastInvite;
  decisive.final = final;
  decisive.firstRinging = firstRinging;
  decisive.cancel = cancel;
  return decisive;
}

/** Is `wanted` the CSeq of an INVITE of the chain after the first (walked as decisiveOf does)? */
function chainHas(facts: CallFacts, from: number, to: number, firstInvite: number, wanted: number): boolean {
  const { members, seq } = facts;
  let last = firstInvite;
  for (let a = from; a < to; a++) {
    const i = members[a];
    if (i > last && facts.isInitialInvite(i) && seq[i] > seq[last]) {
      if (seq[i] === wanted) return true;
      last = i;
    }
  }
  return false;
}

/** The first BYE (not a retransmission) after message `after`, or -1. */
function byeAfter(facts: CallFacts, from: number, to: number, after: number): number {
  for (let a = from; a < to; a++) {
    const i = facts.members[a];
    if (i > after && !facts.isRetransmission(i) && facts.isRequest(i, BYE)) return i;
  }
  return -1;
}

/** Which side sent the BYE: by direction or address where known, else by the caller's tag. */
function byeSide(context: CallContext, firstInvite: number, bye: number, outgoing: boolean): Side {
  const { messages, local } = context;
  let sentLocally = local.sentLocally(messages[bye]);
  if (sentLocally === undefined) {
    const invite = messages[firstInvite].sip;
    const by = messages[bye].sip;
    const callerTag = invite.from?.tag;
    const byCaller = callerTag !== undefined ? by.from?.tag === callerTag : by.from?.uri === invite.from?.uri;
    sentLocally = byCaller === outgoing;
  }
  return sentLocally ? 'local' : 'remote';
}

/** Builds one call from the messages of a Call-ID (members[from … to)) that holds an initial INVITE. */
function buildCall(context: CallContext, from: number, to: number, firstInvite: number): Call {
  const { messages, facts, redecode } = context;
  const { lastInvite, final, firstRinging, cancel } = decisiveOf(context, from, to, firstInvite);
  const finalStatus = final === -1 ? null : facts.status[final];
  const outcome = classifyOutcome(finalStatus, firstRinging !== -1);

  // Local side: the writer of the log where direction is known, otherwise the caller.
  const outgoing = context.local.sentLocally(messages[firstInvite]) ?? true;
  const bye = outcome === 'answered' && final !== -1 ? byeAfter(facts, from, to, final) : -1;
  const endedBy = bye === -1 ? null : byeSide(context, firstInvite, bye, outgoing);

  const invite = messages[firstInvite];
  const inviteTime = invite.frame.time;
  const finalTime = final === -1 ? undefined : messages[final].frame.time;
  const ringingTime = firstRinging === -1 ? undefined : messages[firstRinging].frame.time;
  const byeTime = bye === -1 ? undefined : messages[bye].frame.time;
  const startClock = inviteTime ? clockOf(inviteTime) : undefined;
  return {
    callId: redecode(invite.sip.callId ?? ''),
    from: redecode(invite.sip.from?.user ?? ''),
    to: redecode(invite.sip.to?.user ?? ''),
    messages: membersOf(facts, from, to),
    firstInvite,
    lastInvite,
    finalResponse: final === -1 ? undefined : final,
    firstRinging: firstRinging === -1 ? undefined : firstRinging,
    bye: bye === -1 ? undefined : bye,
    cancel: cancel === -1 ? undefined : cancel,
    outcome,
    finalStatus,
    finalReason: final === -1 ? null : redecode(messages[final].sip.reason ?? ''),
    cause: causeIn(messages, final, context.causes) ?? causeIn(messages, outcome === 'answered' ? bye : cancel, context.causes),
    endedBy,
    startTime: inviteTime?.dated ? context.isoTimes.of(inviteTime.ms, startClock) : null,
    startClock: startClock ?? null,
    startLine: invite.frame.startLine,
    finalLine: final === -1 ? null : messages[final].frame.startLine,
    setupMs: final === -1 ? null : elapsed(inviteTime, finalTime),
    pddMs: firstRinging === -1 ? null : elapsed(inviteTime, ringingTime),
    durationMs: bye === -1 || final === -1 ? null : elapsed(finalTime, byeTime),
    wholeSeconds: inviteTime?.wholeSeconds === true || finalTime?.wholeSeconds === true || ringingTime?.wholeSeconds === true || byeTime?.wholeSeconds === true,
    outgoing,
    findings: [],
    verdict: '',
  };
}

/** Splits the messages of a Call-ID without an initial INVITE into its transactions, by CSeq. */
function buildTransactions(context: CallContext, from: number, to: number): Transaction[] {
  const { messages, facts, redecode } = context;
  const { members, kind, bits, status, seq, cseqMethod } = facts;
  const transactions: Transaction[] = [];
  // The CSeq method (as a word number) of each transaction; big groups also look CSeqs up by key.
  const methods: number[] = [];
  const byCSeq = to - from > SMALL_GROUP ? new Map<string, number>() : undefined;
  for (let a = from; a < to; a++) {
    const i = members[a];
    if ((bits[i] & HAS_CSEQ) === 0) continue;
    let t = -1;
    if (byCSeq) t = byCSeq.get(`${seq[i]} ${cseqMethod[i]}`) ?? -1;
    else for (let k = 0; k < transactions.length && t === -1; k++) if (transactions[k].cseq === seq[i] && methods[k] === cseqMethod[i]) t = k;
    let transaction: Transaction;
    if (t === -1) {
      const sip = messages[i].sip;
      transaction = {
        method: sip.cseq?.method ?? '',
        callId: redecode(sip.callId ?? ''),
        cseq: seq[i],
        first: i,
        startLine: messages[i].frame.startLine,
        finalStatus: null,
        finalReason: null,
        messages: [],
        findings: [],
      };
      byCSeq?.set(`${seq[i]} ${cseqMethod[i]}`, transactions.length);
      transactions.push(transaction);
      methods.push(cseqMethod[i]);
    } else {
      transaction = transactions[t];
      if (kind[i] === KIND_REQUEST && kind[transaction.first] !== KIND_REQUEST) {
        // The request shows up after a response (e.g. a capture that started late): it leads.
        transaction.first = i;
        transaction.startLine = messages[i].frame.startLine;
      }
    }
    transaction.messages.push(i);
    if (kind[i] === KIND_RESPONSE && isFinal(status[i]) && (bits[i] & RETRANSMISSION) === 0) {
      transaction.finalResponse = i;
      transaction.finalStatus = status[i];
      const reason = messages[i].sip.reason;
      transaction.finalReason = reason === undefined ? null : redecode(reason);
    }
  }
  return transactions;
}

function cancelled(): Error {
  const error = new Error('Analysis cancelled');
  error.name = 'CancellationError';
  return error;
}

/** For each message in the calls (or transactions), the index of the one it belongs to. */
function owners(count: number, lists: readonly { messages: number[] }[]): Int32Array {
  const of = new Int32Array(count).fill(-1);
  for (let k = 0; k < lists.length; k++) {
    const messages = lists[k].messages;
    for (let m = 0; m < messages.length; m++) of[messages[m]] = k;
  }
  return of;
}

/** Correlates parsed messages into calls and transactions. Marks retransmissions in place. */
export function correlate(messages: TraceMessage[], options: AnalysisOptions = {}): Correlation {
  const facts = new CallFacts(messages);
  const requestOf = new Int32Array(messages.length).fill(-1);
  const benignFinals = new Set<number>();
  const context: CallContext = {
    messages,
    facts,
    local: new LocalSide(options.localAddresses),
    redecode: options.redecode ?? unchanged,
    causes: new Map(),
    isoTimes: new IsoTimes(),
    decisive: { lastInvite: -1, final: -1, firstRinging: -1, cancel: -1 },
  };
  const calls: Call[] = [];
  const transactions: Transaction[] = [];
  // Groups in order of first appearance.
  for (let g = 0; g < facts.groupCount; g++) {
    if ((g & 0x3ff) === 0 && options.isCancelled?.()) throw cancelled();
    const from = facts.groupStart[g];
    const to = facts.groupStart[g + 1];
    markRetransmissions(facts, messages, from, to);
    linkResponses(facts, messages, from, to, requestOf);
    markBenignFinals(facts, from, to, benignFinals);
    let firstInvite = -1;
    for (let a = from; a < to && firstInvite === -1; a++) if (facts.isInitialInvite(facts.members[a])) firstInvite = facts.members[a];
    if (firstInvite !== -1) calls.push(buildCall(context, from, to, firstInvite));
    else {
      const found = buildTransactions(context, from, to);
      for (let k = 0; k < found.length; k++) transactions.push(found[k]);
    }
  }
  // Calls and transactions read best in file order.
  calls.sort((a, b) => a.firstInvite - b.firstInvite);
  transactions.sort((a, b) => a.first - b.first);
  return {
    calls,
    transactions,
    callOf: owners(messages.length, calls),
    transactionOf: owners(messages.length, transactions),
    requestOf,
    benignFinals,
  };
}
