// ack-missing: a 2xx to an INVITE retransmitted with no ACK for it in the trace. The ACK does
// not reach the answering side (Contact / Record-Route / NAT), or is never sent; the call drops.
import { type CallContext, makeFinding, msBetween, plural, seconds, sentLocally, sipOf, statusText } from './context';
import { copiesOf } from './group';
import type { Finding } from './types';

export function ackMissingFindings({ analysis, call }: CallContext): Finding[] {
  const findings: Finding[] = [];
  const group = call.messages;
  for (const index of group) {
    const sip = sipOf(analysis, index);
    if (analysis.messages[index].retransmission || sip.kind !== 'response' || sip.cseq?.method !== 'INVITE') continue;
    if ((sip.status ?? 0) < 200 || (sip.status ?? 0) >= 300) continue;
    const copies = copiesOf(analysis, group, index);
    if (copies.length === 0) continue;
    const seq = sip.cseq.seq;
    const acked = group.some((i) => {
      const m = sipOf(analysis, i);
      return m.kind === 'request' && m.method === 'ACK' && m.cseq?.seq === seq;
    });
    if (acked) continue;
    const bye = group.find((i) => i > index && sipOf(analysis, i).kind === 'request' && sipOf(analysis, i).method === 'BYE' && !analysis.messages[i].retransmission);
    const byeAfter = bye !== undefined ? msBetween(analysis, index, bye) : null;
    const ending = bye !== undefined ? ` The call then ended with a BYE${byeAfter !== null ? ` ${seconds(byeAfter)} after the answer` : ''}.` : '';
    const answeredHere = sentLocally(analysis, call, index);
    const knownDirection = analysis.messages[index].frame.direction !== 'unknown';
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
