// Lookups within the messages of one Call-ID (a call's or a transaction's `messages`).
import type { TraceAnalysis } from '../types';
import { sipOf } from './context';

/** First copies of the requests in a group, in file order. */
export function requestsIn(analysis: TraceAnalysis, group: readonly number[]): number[] {
  return group.filter((i) => !analysis.messages[i].retransmission && sipOf(analysis, i).kind === 'request');
}

/** Responses (first copies) that answer a request: same CSeq number and method, same branch where both have one. */
export function responsesTo(analysis: TraceAnalysis, group: readonly number[], request: number): number[] {
  const req = sipOf(analysis, request);
  if (!req.cseq) return [];
  const out: number[] = [];
  for (const i of group) {
    if (analysis.messages[i].retransmission) continue;
    const sip = sipOf(analysis, i);
    if (sip.kind !== 'response' || sip.cseq?.seq !== req.cseq.seq || sip.cseq.method !== req.cseq.method) continue;
    if (analysis.requestOf[i] === request || !sip.branch || !req.branch || sip.branch === req.branch) out.push(i);
  }
  return out;
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

/** Retransmitted copies of a message: later copies with the same start line and transaction. */
export function copiesOf(analysis: TraceAnalysis, group: readonly number[], index: number): number[] {
  const first = sipOf(analysis, index);
  const out: number[] = [];
  for (const i of group) {
    if (i <= index || !analysis.messages[i].retransmission) continue;
    const sip = sipOf(analysis, i);
    if (sip.kind !== first.kind || sip.cseq?.seq !== first.cseq?.seq || sip.cseq?.method !== first.cseq?.method) continue;
    if ((sip.branch ?? '') !== (first.branch ?? '')) continue;
    if (sip.kind === 'response' ? sip.status === first.status && sip.to?.tag === first.to?.tag : sip.method === first.method) out.push(i);
  }
  return out;
}

export function isInDialog(analysis: TraceAnalysis, index: number): boolean {
  return Boolean(sipOf(analysis, index).to?.tag);
}
