// answered-elsewhere: a CANCEL with `Reason: SIP;cause=200` — a forked call answered on another
// device, not a missed call. cancel-after-answer: a 2xx to the INVITE crosses the caller's CANCEL.
import { t } from '../l10n';
import { parseReasonHeader } from '../reasonCause';
import { type CallContext, headerValues, makeFinding, sentLocally, sipOf, statusText } from './context';
import { requestsWithMethod, responsesWithMethod } from './group';
import type { Finding } from './types';

export function cancelFindings({ analysis, call }: CallContext): Finding[] {
  const findings: Finding[] = [];
  const group = call.messages;
  const cancels = requestsWithMethod(analysis, group, 'CANCEL');
  if (cancels.length === 0) return findings;
  const byes = requestsWithMethod(analysis, group, 'BYE');
  // The first 2xx to each INVITE transaction.
  const answers = new Map<number, number>();
  for (const i of responsesWithMethod(analysis, group, 'INVITE')) {
    const m = sipOf(analysis, i);
    if ((m.status ?? 0) >= 200 && (m.status ?? 0) < 300 && m.cseq && !answers.has(m.cseq.seq)) answers.set(m.cseq.seq, i);
  }
  for (const index of cancels) {
    const sip = sipOf(analysis, index);
    const reasons = [...sip.reasonHeaders, ...(sip.reasonHeaders.length === 0 ? headerValues(analysis, index, 'reason') : [])].flatMap(parseReasonHeader);
    const elsewhere = reasons.find((r) => r.protocol === 'SIP' && r.cause === 200);
    if (elsewhere) {
      const text = elsewhere.text ? ` ("${elsewhere.text}")` : '';
      findings.push(
        makeFinding(
          'answered-elsewhere',
          index,
          t('CANCEL with Reason SIP cause 200{0}: the call was answered on another device or branch — not a missed call, nothing to fix.', text),
          'none',
        ),
      );
    }
    const answer = sip.cseq ? answers.get(sip.cseq.seq) : undefined;
    if (answer === undefined) continue;
    const bye = byes.find((i) => i > answer);
    const cancelledHere = sentLocally(analysis, call, index);
    const answerText = statusText(sipOf(analysis, answer));
    const message = cancelledHere
      ? bye !== undefined
        ? t("{0} to the INVITE crossed the caller's (this side's) CANCEL: the callee answered just as the caller gave up, so the call was set up anyway and a BYE ended it. A race, not a fault.", answerText)
        : t("{0} to the INVITE crossed the caller's (this side's) CANCEL: the callee answered just as the caller gave up, so the call was set up anyway and needs a BYE to end it. A race, not a fault.", answerText)
      : bye !== undefined
        ? t("{0} to the INVITE crossed the far side's CANCEL: the callee answered just as the caller gave up, so the call was set up anyway and a BYE ended it. A race, not a fault.", answerText)
        : t("{0} to the INVITE crossed the far side's CANCEL: the callee answered just as the caller gave up, so the call was set up anyway and needs a BYE to end it. A race, not a fault.", answerText);
    findings.push(makeFinding('cancel-after-answer', answer, message, 'none', bye !== undefined ? [index, bye] : [index]));
  }
  return findings;
}
