// Lookups within the messages of one Call-ID (a call's or a transaction's `messages`). A group can
// hold thousands of messages (a stuck Call-ID, a load test), so each group is read once — its
// first copies sorted into requests, responses and finals, a big group's responses also by CSeq
// number — and the detectors read those lists rather than the group: each looks only at the
// messages it can use. Every call of a big trace is looked at by every detector, so the reading
// makes no key strings: CSeq numbers key the maps, and fields are compared where strings would be
// joined; and most calls hold a handful of messages, so their index holds no map unless asked.
import type { CSeq, SipMessage, TraceAnalysis } from '../types';
import { isCopy, sipOf } from './context';

/** Up to this many messages, retransmitted copies are paired by comparing fields; above, by keys. */
const SMALL_GROUP = 64;

interface GroupIndex {
  /** First copies of the requests, in group order. */
  requests: number[];
  /** First copies of the responses, in group order. */
  responseList: number[];
  /** Those with a status of 300 or more. */
  finals: number[];
  /** Those of each method, made on first use. */
  byMethod?: Map<string, number[]>;
  /**
   * CSeq number → first copies of the responses with that number, in group order: made on first
   * use in a big group. A small group's few responses are read through instead (see withSeq).
   */
  responses?: Map<number, number[]>;
  /** First copy → its later copies; built on first use, and only for groups with retransmissions. */
  copies?: Map<number, number[]>;
  retransmitted: boolean;
}

const indexes = new WeakMap<readonly number[], GroupIndex>();

function indexOf(analysis: TraceAnalysis, group: readonly number[]): GroupIndex {
  let index = indexes.get(group);
  if (index) return index;
  index = { requests: [], responseList: [], finals: [], retransmitted: false };
  for (const i of group) {
    if (isCopy(analysis, i)) {
      index.retransmitted = true;
      continue;
    }
    const sip = sipOf(analysis, i);
    const kind = sip.kind;
    if (kind === 'request') index.requests.push(i);
    else if (kind === 'response') {
      index.responseList.push(i);
      if ((sip.status ?? 0) >= 300) index.finals.push(i);
    }
  }
  indexes.set(group, index);
  return index;
}

/** Lets a group's index go once the stage is done with the group (the analysis outlives the stage). */
export function forgetGroup(group: readonly number[]): void {
  indexes.delete(group);
}

/** First copies of the requests in a group, in file order. */
export function requestsIn(analysis: TraceAnalysis, group: readonly number[]): number[] {
  return indexOf(analysis, group).requests;
}

/** First copies of the responses in a group, in file order. */
export function responsesIn(analysis: TraceAnalysis, group: readonly number[]): readonly number[] {
  return indexOf(analysis, group).responseList;
}

/** First copies of the responses in a group with a status of 300 or more, in file order. */
export function finalsIn(analysis: TraceAnalysis, group: readonly number[]): readonly number[] {
  return indexOf(analysis, group).finals;
}

/** First copies of the requests in a group with this method (`CANCEL`, …), in file order. */
export function requestsWithMethod(analysis: TraceAnalysis, group: readonly number[], method: string): readonly number[] {
  const index = indexOf(analysis, group);
  let list = index.byMethod?.get(method);
  if (list === undefined) {
    list = [];
    for (const i of index.requests) if (sipOf(analysis, i).method === method) list.push(i);
    (index.byMethod ??= new Map()).set(method, list);
  }
  return list;
}

/**
 * The responses (first copies) of a group that may carry CSeq number `seq`, in group order: in a
 * big group exactly those, from its map; in a small one all of them, and the caller skips the
 * others (withSeq says which) — reading a few responses costs less than building a map.
 */
function responsesMaybeWithSeq(analysis: TraceAnalysis, index: GroupIndex, seq: number): readonly number[] {
  if (index.responseList.length <= SMALL_GROUP) return index.responseList;
  return (index.responses ??= responsesBySeq(analysis, index.responseList)).get(seq) ?? NO_MESSAGES;
}

/** The CSeq of response `i` when its number is `seq`. */
function withSeq(analysis: TraceAnalysis, i: number, seq: number): CSeq | undefined {
  const cseq = sipOf(analysis, i).cseq;
  return cseq !== undefined && cseq.seq === seq ? cseq : undefined;
}

function responsesBySeq(analysis: TraceAnalysis, responses: readonly number[]): Map<number, number[]> {
  const bySeq = new Map<number, number[]>();
  for (const i of responses) {
    const cseq = sipOf(analysis, i).cseq;
    if (!cseq) continue;
    const list = bySeq.get(cseq.seq);
    if (list) list.push(i);
    else bySeq.set(cseq.seq, [i]);
  }
  return bySeq;
}

const NO_MESSAGES: readonly number[] = Object.freeze([]);

/** Responses (first copies) that answer a request: same CSeq number and method, same branch where both have one. */
export function responsesTo(analysis: TraceAnalysis, group: readonly number[], request: number): number[] {
  const req = sipOf(analysis, request);
  const cseq = req.cseq;
  if (!cseq) return [];
  const out: number[] = [];
  for (const i of responsesMaybeWithSeq(analysis, indexOf(analysis, group), cseq.seq)) {
    if (withSeq(analysis, i, cseq.seq)?.method === cseq.method && answers(analysis, i, request, req)) out.push(i);
  }
  return out;
}

/** Does response `i` (same CSeq as the request) answer it: paired by correlation, or no branch says otherwise? */
function answers(analysis: TraceAnalysis, i: number, request: number, req: SipMessage): boolean {
  const branch = sipOf(analysis, i).branch;
  return analysis.requestOf[i] === request || !branch || !req.branch || branch === req.branch;
}

/** The final response (first copy) to a request: a 2xx wins over anything else, as with forking. */
export function finalTo(analysis: TraceAnalysis, group: readonly number[], request: number): number | undefined {
  const req = sipOf(analysis, request);
  const cseq = req.cseq;
  if (!cseq) return undefined;
  let final: number | undefined;
  for (const i of responsesMaybeWithSeq(analysis, indexOf(analysis, group), cseq.seq)) {
    const sip = sipOf(analysis, i);
    const status = sip.status ?? 0;
    // Only the answers to this request (as responsesTo says) count.
    if (status < 200 || withSeq(analysis, i, cseq.seq)?.method !== cseq.method || !answers(analysis, i, request, req)) continue;
    if (status < 300) return i;
    final ??= i;
  }
  return final;
}

/** Does a request have any response (first copy) in the group? Same rules as responsesTo, without a list. */
export function hasResponse(analysis: TraceAnalysis, group: readonly number[], request: number): boolean {
  const req = sipOf(analysis, request);
  const cseq = req.cseq;
  if (!cseq) return false;
  for (const i of responsesMaybeWithSeq(analysis, indexOf(analysis, group), cseq.seq)) {
    if (withSeq(analysis, i, cseq.seq)?.method === cseq.method && answers(analysis, i, request, req)) return true;
  }
  return false;
}

/** True when the group holds any retransmitted copy. */
export function hasRetransmissions(analysis: TraceAnalysis, group: readonly number[]): boolean {
  return indexOf(analysis, group).retransmitted;
}

/**
 * What makes two messages copies of one another: kind, CSeq, top Via branch, and the status and
 * To tag of a response or the method of a request. `copyKey` joins them into a string for the
 * map of a big group; `sameCopyKey` compares them in place, and says the same.
 */
function copyKey(sip: SipMessage): string | undefined {
  if (!sip.cseq) return undefined;
  const head = sip.kind === 'response' ? `${sip.status} ${sip.to?.tag ?? ''}` : `${sip.method}`;
  return `${sip.kind}\n${sip.cseq.seq} ${sip.cseq.method}\n${sip.branch ?? ''}\n${head}`;
}

function sameCopyKey(a: SipMessage, b: SipMessage): boolean {
  const ca = a.cseq;
  const cb = b.cseq;
  if (!ca || !cb || a.kind !== b.kind || ca.seq !== cb.seq || ca.method !== cb.method || (a.branch ?? '') !== (b.branch ?? '')) return false;
  if (a.kind === 'response') return a.status === b.status && (a.to?.tag ?? '') === (b.to?.tag ?? '');
  return a.method === b.method || String(a.method) === String(b.method);
}

/** Every first copy's later copies in a big group, by key: a copy belongs to the first message with its key. */
function copiesByKey(analysis: TraceAnalysis, group: readonly number[]): Map<number, number[]> {
  const copies = new Map<number, number[]>();
  const firstByKey = new Map<string, number>();
  for (const i of group) {
    const key = copyKey(sipOf(analysis, i));
    if (key === undefined) continue;
    if (!isCopy(analysis, i)) {
      if (!firstByKey.has(key)) firstByKey.set(key, i);
      continue;
    }
    const first = firstByKey.get(key);
    if (first === undefined) continue;
    const list = copies.get(first);
    if (list) list.push(i);
    else copies.set(first, [i]);
  }
  return copies;
}

/** Retransmitted copies of a message: later copies with the same start line and transaction. */
export function copiesOf(analysis: TraceAnalysis, group: readonly number[], index: number): number[] {
  const groupIndex = indexOf(analysis, group);
  if (!groupIndex.retransmitted) return [];
  if (group.length > SMALL_GROUP) return (groupIndex.copies ??= copiesByKey(analysis, group)).get(index) ?? [];
  // A small group: the copies that follow `index` in the group, unless an earlier first copy has its key.
  const sip = sipOf(analysis, index);
  if (!sip.cseq || isCopy(analysis, index)) return [];
  const copies: number[] = [];
  let after = false;
  for (const i of group) {
    if (i === index) {
      after = true;
      continue;
    }
    const copy = isCopy(analysis, i);
    if (!after && copy) continue;
    if (!sameCopyKey(sipOf(analysis, i), sip)) continue;
    if (!after) return [];
    if (copy) copies.push(i);
  }
  return copies;
}

/** First copies of the responses in a group with a given CSeq method (`INVITE`, …), in file order. */
export function responsesWithMethod(analysis: TraceAnalysis, group: readonly number[], method: string): number[] {
  const out: number[] = [];
  for (const i of indexOf(analysis, group).responseList) if (sipOf(analysis, i).cseq?.method === method) out.push(i);
  // The group is in file order, all but always: sorted only when it is not.
  for (let k = 1; k < out.length; k++) if (out[k - 1] > out[k]) return out.sort((a, b) => a - b);
  return out;
}
