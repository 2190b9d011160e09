// Lookups within the messages of one Call-ID (a call's or a transaction's `messages`). A group can
// hold thousands of messages (a stuck Call-ID, a load test), so each group is indexed once —
// responses by transaction, retransmitted copies by their first copy — and every lookup is a map
// read rather than a scan.
import type { SipMessage, TraceAnalysis } from '../types';
import { isCopy, sipOf } from './context';

interface GroupIndex {
  requests: number[];
  /** `seq method` → first copies of the responses of that transaction, in file order. */
  responses: Map<string, number[]>;
  /** First copy → its later copies; built on first use, and only for groups with retransmissions. */
  copies?: Map<number, number[]>;
  retransmitted: boolean;
}

const indexes = new WeakMap<readonly number[], GroupIndex>();

function copyKey(analysis: TraceAnalysis, index: number): string | undefined {
  const sip = sipOf(analysis, index);
  if (!sip.cseq) return undefined;
  const head = sip.kind === 'response' ? `${sip.status} ${sip.to?.tag ?? ''}` : `${sip.method}`;
  return `${sip.kind}\n${sip.cseq.seq} ${sip.cseq.method}\n${sip.branch ?? ''}\n${head}`;
}

function indexOf(analysis: TraceAnalysis, group: readonly number[]): GroupIndex {
  let index = indexes.get(group);
  if (index) return index;
  index = { requests: [], responses: new Map(), retransmitted: false };
  for (const i of group) {
    const sip = sipOf(analysis, i);
    if (isCopy(analysis, i)) {
      index.retransmitted = true;
      continue;
    }
    if (sip.kind === 'request') index.requests.push(i);
    else if (sip.kind === 'response' && sip.cseq) {
      const txn = `${sip.cseq.seq} ${sip.cseq.method}`;
      const list = index.responses.get(txn);
      if (list) list.push(i);
      else index.responses.set(txn, [i]);
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

/** Responses (first copies) that answer a request: same CSeq number and method, same branch where both have one. */
export function responsesTo(analysis: TraceAnalysis, group: readonly number[], request: number): number[] {
  const req = sipOf(analysis, request);
  if (!req.cseq) return [];
  const candidates = indexOf(analysis, group).responses.get(`${req.cseq.seq} ${req.cseq.method}`) ?? [];
  return candidates.filter((i) => answers(analysis, i, request, req));
}

/** Does response `i` (same CSeq as the request) answer it: paired by correlation, or no branch says otherwise? */
function answers(analysis: TraceAnalysis, i: number, request: number, req: SipMessage): boolean {
  const branch = sipOf(analysis, i).branch;
  return analysis.requestOf[i] === request || !branch || !req.branch || branch === req.branch;
}

/** The final response (first copy) to a request: a 2xx wins over anything else, as with forking. */
export function finalTo(analysis: TraceAnalysis, group: readonly number[], request: number): number | undefined {
  let final: number | undefined;
  for (const i of responsesTo(analysis, group, request)) {
    const status = sipOf(analysis, i).status ?? 0;
    if (status < 200) continue;
    if (status < 300) return i;
    final ??= i;
  }
  return final;
}

function copiesIn(analysis: TraceAnalysis, group: readonly number[], index: GroupIndex): Map<number, number[]> {
  if (index.copies) return index.copies;
  const copies = new Map<number, number[]>();
  if (index.retransmitted) {
    const firstByKey = new Map<string, number>();
    for (const i of group) {
      const key = copyKey(analysis, i);
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
  }
  index.copies = copies;
  return copies;
}

/** Does a request have any response (first copy) in the group? Same rules as responsesTo, without a list. */
export function hasResponse(analysis: TraceAnalysis, group: readonly number[], request: number): boolean {
  const req = sipOf(analysis, request);
  if (!req.cseq) return false;
  const candidates = indexOf(analysis, group).responses.get(`${req.cseq.seq} ${req.cseq.method}`);
  return candidates !== undefined && candidates.some((i) => answers(analysis, i, request, req));
}

/** True when the group holds any retransmitted copy. */
export function hasRetransmissions(analysis: TraceAnalysis, group: readonly number[]): boolean {
  return indexOf(analysis, group).retransmitted;
}

/** Retransmitted copies of a message: later copies with the same start line and transaction. */
export function copiesOf(analysis: TraceAnalysis, group: readonly number[], index: number): number[] {
  return copiesIn(analysis, group, indexOf(analysis, group)).get(index) ?? [];
}

/** First copies of the responses in a group with a given CSeq method (`INVITE`, …). */
export function responsesWithMethod(analysis: TraceAnalysis, group: readonly number[], method: string): number[] {
  const out: number[] = [];
  for (const [txn, list] of indexOf(analysis, group).responses) if (txn.endsWith(` ${method}`)) out.push(...list);
  return out.sort((a, b) => a - b);
}
