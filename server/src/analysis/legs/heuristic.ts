// Linking legs where nothing explicit says they belong together. Deliberately narrow, because a
// wrong link is worse than none: an INVITE the logging host received, followed within 2 s of the
// accepted INVITE of its initial chain by an INVITE the same host sent, for the same dialled
// number and the same caller, with the inbound leg's final after the outbound leg's.
// Two sent INVITEs are never linked, and where the trace does not tell direction it never applies.
import { uriUser } from '../message';
import type { Call, TraceAnalysis, TraceMessage } from '../types';
import { sameNumber } from './numbers';
import { before } from './timing';
import type { LegRole } from './types';

/** The outbound INVITE must follow the accepted inbound INVITE within this time. */
export const HEURISTIC_WINDOW_MS = 2000;
/** Inbound legs whose first INVITE is older than this are not looked at. */
const SEARCH_BACK_MS = 60_000;

function dialled(message: TraceMessage): string {
  const sip = message.sip;
  const fromUri = sip.requestUri ? uriUser(sip.requestUri) : '';
  return fromUri || sip.to?.user || '';
}

/** The caller's identities: the From user and any P-Asserted-Identity user. */
function callers(message: TraceMessage): string[] {
  const users = message.sip.from?.user ? [message.sip.from.user] : [];
  for (const header of message.sip.headers) {
    if (header.name !== 'p-asserted-identity') continue;
    for (const uri of header.value.match(/<([^>]*)>/g) ?? [header.value]) {
      const user = uriUser(uri.replace(/^<|>$/g, '').trim());
      if (user) users.push(user);
    }
  }
  return users;
}

function hostOf(message: TraceMessage, side: 'src' | 'dst'): string | undefined {
  return message.frame[side]?.host.toLowerCase();
}

function finalOf(analysis: TraceAnalysis, call: Call): TraceMessage | undefined {
  return call.finalResponse === undefined ? undefined : analysis.messages[call.finalResponse];
}

/** A message's time as two numbers: its clock (NO_CLOCK, UNDATED or DATED) and milliseconds. */
const NO_CLOCK = 0;
const UNDATED = 1;
const DATED = 2;

/**
 * The times of each call's first and last INVITE, read once: the search below compares one
 * outbound leg with every inbound leg of the last minute, and reading times from the messages
 * for each comparison would cost a time object each.
 */
class InviteTimes {
  readonly firstClock: Uint8Array;
  readonly firstMs: Float64Array;
  readonly lastClock: Uint8Array;
  readonly lastMs: Float64Array;

  constructor(analysis: TraceAnalysis, wanted: (call: number) => boolean) {
    const n = analysis.calls.length;
    this.firstClock = new Uint8Array(n);
    this.firstMs = new Float64Array(n);
    this.lastClock = new Uint8Array(n);
    this.lastMs = new Float64Array(n);
    for (let c = 0; c < n; c++) {
      if (!wanted(c)) continue;
      const call = analysis.calls[c];
      this.read(analysis.messages[call.firstInvite], c, this.firstClock, this.firstMs);
      this.read(analysis.messages[call.lastInvite], c, this.lastClock, this.lastMs);
    }
  }

  private read(message: TraceMessage, c: number, clock: Uint8Array, ms: Float64Array): void {
    const time = message.frame.time;
    if (!time) return;
    clock[c] = time.dated ? DATED : UNDATED;
    ms[c] = time.ms;
  }
}

/** What the heuristic compares of an INVITE, read when it first comes to that and kept. */
class InviteWords {
  private readonly dialled = new Map<number, string>();
  private readonly callers = new Map<number, string[]>();

  constructor(private readonly analysis: TraceAnalysis) {}

  dialledBy(message: number): string {
    let words = this.dialled.get(message);
    if (words === undefined) this.dialled.set(message, (words = dialled(this.analysis.messages[message])));
    return words;
  }

  /** The From user ('' without one). */
  fromUser(message: number): string {
    return this.analysis.messages[message].sip.from?.user ?? '';
  }

  callersOf(message: number): string[] {
    let words = this.callers.get(message);
    if (words === undefined) this.callers.set(message, (words = callers(this.analysis.messages[message])));
    return words;
  }
}

/** Do two INVITEs name the same caller? The From users first: P-Asserted-Identity needs a header parse. */
function sameCaller(words: InviteWords, a: number, b: number): boolean {
  if (sameNumber(words.fromUser(a), words.fromUser(b))) return true;
  const x = words.callersOf(a);
  const y = words.callersOf(b);
  return x.some((u) => y.some((v) => sameNumber(u, v)));
}

/** May `outbound` be the leg the logging host placed because of `inbound`? */
function fits(analysis: TraceAnalysis, times: InviteTimes, words: InviteWords, inbound: number, outbound: number): boolean {
  const inCall = analysis.calls[inbound];
  const outCall = analysis.calls[outbound];
  // The gap from the accepted INVITE to the sent one, where both times can be compared.
  const clock = times.lastClock[inbound];
  if (clock === NO_CLOCK || clock !== times.firstClock[outbound]) return false;
  const gap = times.firstMs[outbound] - times.lastMs[inbound];
  if (gap < 0 || gap > HEURISTIC_WINDOW_MS || outCall.firstInvite < inCall.lastInvite) return false;
  const accepted = analysis.messages[inCall.lastInvite];
  const sent = analysis.messages[outCall.firstInvite];
  // The host that received the inbound INVITE sent the outbound one, where addresses say so.
  const receiver = hostOf(accepted, 'dst');
  const sender = hostOf(sent, 'src');
  if (receiver && sender && receiver !== sender) return false;
  if (!sameNumber(words.dialledBy(inCall.lastInvite), words.dialledBy(outCall.firstInvite))) return false;
  if (!sameCaller(words, inCall.lastInvite, outCall.firstInvite)) return false;
  // The inbound leg passes on the outbound leg's answer, so its final comes later.
  const inFinal = finalOf(analysis, inCall);
  const outFinal = finalOf(analysis, outCall);
  if (inFinal && outFinal && before(inFinal, outFinal)) return false;
  return true;
}

/**
 * Pairs (inbound call, outbound call) the heuristic links. Each outbound leg gets at most one
 * inbound leg: the latest one that fits. `eligible` leaves out calls already linked explicitly.
 */
export function heuristicPairs(analysis: TraceAnalysis, roles: readonly LegRole[], eligible: (call: number) => boolean): [number, number][] {
  const pairs: [number, number][] = [];
  // Nothing to pair without both kinds of leg (a trace without direction has neither).
  if (!roles.includes('inbound') || !roles.includes('outbound')) return pairs;
  const times = new InviteTimes(analysis, (c) => roles[c] !== 'unknown');
  const words = new InviteWords(analysis);
  const inbound: number[] = [];
  for (let c = 0; c < analysis.calls.length; c++) {
    if (!eligible(c)) continue;
    if (roles[c] === 'inbound') {
      inbound.push(c);
      continue;
    }
    if (roles[c] !== 'outbound') continue;
    const { firstClock, firstMs } = times;
    const clock = firstClock[c];
    for (let i = inbound.length - 1; i >= 0; i--) {
      const other = inbound[i];
      // Bounds the work: an inbound chain that began long before cannot have been accepted 2 s
      // ago (where the two times can be compared).
      if (clock !== NO_CLOCK && firstClock[other] === clock && firstMs[c] - firstMs[other] > SEARCH_BACK_MS) break;
      if (fits(analysis, times, words, other, c)) {
        pairs.push([other, c]);
        break;
      }
    }
  }
  return pairs;
}
