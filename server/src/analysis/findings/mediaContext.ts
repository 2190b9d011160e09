// Context for the ladder and the summary (information): hold (a re-INVITE or UPDATE with
// sendonly, inactive or c=0.0.0.0) and early media (an 18x with SDP).
import { type CallContext, isCopy, makeFinding, sentByCaller, sipOf, statusText } from './context';
import { holdKind, parseSdp } from './sdp';
import type { Finding } from './types';

const HOLD_WORDS: Record<'sendonly' | 'inactive' | 'c=0.0.0.0', string> = {
  sendonly: 'sendonly: it will only send media (music on hold, or nothing) and expects none back',
  inactive: 'inactive: no media either way while on hold',
  'c=0.0.0.0': 'c=0.0.0.0: the old RFC 2543 way of saying "send no media to me"',
};

export function holdFindings({ analysis, call }: CallContext): Finding[] {
  const findings: Finding[] = [];
  for (const index of call.messages) {
    const sip = sipOf(analysis, index);
    if (isCopy(analysis, index) || sip.kind !== 'request' || !sip.hasSdp) continue;
    if (!(sip.method === 'UPDATE' || (sip.method === 'INVITE' && sip.to?.tag))) continue;
    const sdp = parseSdp(sip.body);
    const kind = sdp ? holdKind(sdp) : undefined;
    if (!kind) continue;
    const side = sentByCaller(analysis, call, index) ? 'caller' : 'callee';
    findings.push(makeFinding('hold', index, `The ${side} puts the call on hold with this ${sip.method} (${HOLD_WORDS[kind]}).`, 'none'));
  }
  return findings;
}

export function earlyMediaFindings({ analysis, call }: CallContext): Finding[] {
  const seq = sipOf(analysis, call.lastInvite).cseq?.seq;
  const firstSeq = sipOf(analysis, call.firstInvite).cseq?.seq;
  const index = call.messages.find((i) => {
    const sip = sipOf(analysis, i);
    const status = sip.status ?? 0;
    return !isCopy(analysis, i) && sip.kind === 'response' && status > 100 && status < 200 && sip.hasSdp &&
      sip.cseq?.method === 'INVITE' && (sip.cseq.seq === seq || sip.cseq.seq === firstSeq);
  });
  if (index === undefined) return [];
  return [
    makeFinding(
      'early-media',
      index,
      `${statusText(sipOf(analysis, index))} carries SDP: media starts before the answer (early media) — tones or announcements may come from the network, not from the called phone.`,
      'none',
    ),
  ];
}
