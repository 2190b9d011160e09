// Context for the ladder and the summary (information): hold (a re-INVITE or UPDATE with
// sendonly, inactive or c=0.0.0.0) and early media (an 18x with SDP).
import { t } from '../l10n';
import { type CallContext, makeFinding, sentByCaller, sipOf, statusText } from './context';
import { requestsIn, responsesIn } from './group';
import { holdKind, parseSdp } from './sdp';
import type { Finding } from './types';

function holdWords(kind: 'sendonly' | 'inactive' | 'c=0.0.0.0'): string {
  switch (kind) {
    case 'sendonly':
      return t('sendonly: it will only send media (music on hold, or nothing) and expects none back');
    case 'inactive':
      return t('inactive: no media either way while on hold');
    case 'c=0.0.0.0':
      return t('c=0.0.0.0: the old RFC 2543 way of saying "send no media to me"');
  }
}

export function holdFindings({ analysis, call }: CallContext): Finding[] {
  const findings: Finding[] = [];
  for (const index of requestsIn(analysis, call.messages)) {
    const sip = sipOf(analysis, index);
    if (!sip.hasSdp) continue;
    if (!(sip.method === 'UPDATE' || (sip.method === 'INVITE' && sip.to?.tag))) continue;
    const sdp = parseSdp(sip.body);
    const kind = sdp ? holdKind(sdp) : undefined;
    if (!kind) continue;
    const method = sip.method ?? '';
    const words = sentByCaller(analysis, call, index)
      ? t('The caller puts the call on hold with this {0} ({1}).', method, holdWords(kind))
      : t('The callee puts the call on hold with this {0} ({1}).', method, holdWords(kind));
    findings.push(makeFinding('hold', index, words, 'none'));
  }
  return findings;
}

export function earlyMediaFindings({ analysis, call }: CallContext): Finding[] {
  const seq = sipOf(analysis, call.lastInvite).cseq?.seq;
  const firstSeq = sipOf(analysis, call.firstInvite).cseq?.seq;
  const index = responsesIn(analysis, call.messages).find((i) => {
    const sip = sipOf(analysis, i);
    const status = sip.status ?? 0;
    return status > 100 && status < 200 && sip.hasSdp &&
      sip.cseq?.method === 'INVITE' && (sip.cseq.seq === seq || sip.cseq.seq === firstSeq);
  });
  if (index === undefined) return [];
  return [
    makeFinding(
      'early-media',
      index,
      t('{0} carries SDP: media starts before the answer (early media) — tones or announcements may come from the network, not from the called phone.', statusText(sipOf(analysis, index))),
      'none',
    ),
  ];
}
