// ack-missing: a 2xx to an INVITE retransmitted with no ACK for it in the trace. The ACK does
// not reach the answering side (Contact / Record-Route / NAT), or is never sent; the call drops.
import { type CallContext, frameOf, makeFinding, msBetween, plural, seconds, sentLocally, sipOf, statusText } from './context';
import { copiesOf, hasRetransmissions, requestsIn, responsesWithMethod } from './group';
import type { Finding } from './types';

export function ackMissingFindings({ analysis, call }: CallContext): Finding[] {
  const findings: Finding[] = [];
  const group = call.messages;
  // The evidence is a retransmitted 2xx: without any retransmission there is nothing to find.
  if (!hasRetransmissions(analysis, group)) return findings;
  const requests = requestsIn(analysis, group);
  const ackedSeqs = new Set(requests.filter((i) => sipOf(analysis, i).method === 'ACK').map((i) => sipOf(analysis, i).cseq?.seq));
  const byes = requests.filter((i) => sipOf(analysis, i).method === 'BYE');
  for (const index of responsesWithMethod(analysis, group, 'INVITE')) {
    const sip = sipOf(analysis, index);
    if ((sip.status ?? 0) < 200 || (sip.status ?? 0) >= 300 || !sip.cseq) continue;
    const copies = copiesOf(analysis, group, index);
    if (copies.length === 0 || ackedSeqs.has(sip.cseq.seq)) continue;
    const bye = byes.find((i) => i > index);
    const byeAfter = bye !== undefined ? msBetween(analysis, index, bye) : null;
    const ending = bye !== undefined ? ` The call then ended with a BYE${byeAfter !== null ? ` ${seconds(byeAfter)} after the answer` : ''}.` : '';
    const answeredHere = sentLocally(analysis, call, index);
    const knownDirection = frameOf(analysis, index).direction !== 'unknown';
    const what = `${statusText(sip)} was sent ${plural(copies.length + 1, 'time')} and no ACK for it appears`;
    let message: string;
    let fault: Finding['fault'];
    if (answeredHere) {
      message = `This side's ${what}: the caller's ACK does not reach this host — check the Contact and Record-Route of the ${sip.status} and any NAT between the sides; without the ACK the call drops.${ending}`;
      fault = 'network';
    } else if (knownDirection) {
      message = `The far side's ${what}: this side never sent the ACK, or sent it where it does not arrive — check the ${sip.status}'s Contact and Record-Route and how this side routes the ACK; without it the call drops.${ending}`;
      fault = 'local';
    } else {
      message = `The ${what}: the ACK does not reach the answering side — check the Contact and Record-Route of the ${sip.status} and any NAT between the sides; without the ACK the call drops.${ending}`;
      fault = 'network';
    }
    findings.push(makeFinding('ack-missing', index, message, fault, bye !== undefined ? [...copies, bye] : copies));
  }
  return findings;
}
