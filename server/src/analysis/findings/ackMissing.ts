// ack-missing: a 2xx to an INVITE retransmitted with no ACK for it in the trace. The ACK does
// not reach the answering side (Contact / Record-Route / NAT), or is never sent; the call drops.
import { t } from '../l10n';
import { type CallContext, frameOf, makeFinding, msBetween, seconds, sentLocally, sipOf, statusText, timesWords } from './context';
import { copiesOf, hasRetransmissions, requestsWithMethod, responsesWithMethod } from './group';
import type { Finding } from './types';

export function ackMissingFindings({ analysis, call }: CallContext): Finding[] {
  const findings: Finding[] = [];
  const group = call.messages;
  // The evidence is a retransmitted 2xx: without any retransmission there is nothing to find.
  if (!hasRetransmissions(analysis, group)) return findings;
  const ackedSeqs = new Set(requestsWithMethod(analysis, group, 'ACK').map((i) => sipOf(analysis, i).cseq?.seq));
  const byes = requestsWithMethod(analysis, group, 'BYE');
  for (const index of responsesWithMethod(analysis, group, 'INVITE')) {
    const sip = sipOf(analysis, index);
    if ((sip.status ?? 0) < 200 || (sip.status ?? 0) >= 300 || !sip.cseq) continue;
    const copies = copiesOf(analysis, group, index);
    if (copies.length === 0 || ackedSeqs.has(sip.cseq.seq)) continue;
    const bye = byes.find((i) => i > index);
    const byeAfter = bye !== undefined ? msBetween(analysis, index, bye) : null;
    const ending = bye === undefined ? '' : byeAfter !== null ? t(' The call then ended with a BYE {0} after the answer.', seconds(byeAfter)) : t(' The call then ended with a BYE.');
    const answeredHere = sentLocally(analysis, call, index);
    const knownDirection = frameOf(analysis, index).direction !== 'unknown';
    const times = timesWords(copies.length + 1);
    const status = String(sip.status);
    let message: string;
    let fault: Finding['fault'];
    if (answeredHere) {
      message = t("This side's {0} was sent {1} and no ACK for it appears: the caller's ACK does not reach this host — check the Contact and Record-Route of the {2} and any NAT between the sides; without the ACK the call drops.", statusText(sip), times, status) + ending;
      fault = 'network';
    } else if (knownDirection) {
      message = t("The far side's {0} was sent {1} and no ACK for it appears: this side never sent the ACK, or sent it where it does not arrive — check the {2}'s Contact and Record-Route and how this side routes the ACK; without it the call drops.", statusText(sip), times, status) + ending;
      fault = 'local';
    } else {
      message = t('The {0} was sent {1} and no ACK for it appears: the ACK does not reach the answering side — check the Contact and Record-Route of the {2} and any NAT between the sides; without the ACK the call drops.', statusText(sip), times, status) + ending;
      fault = 'network';
    }
    findings.push(makeFinding('ack-missing', index, message, fault, bye !== undefined ? [...copies, bye] : copies));
  }
  return findings;
}
