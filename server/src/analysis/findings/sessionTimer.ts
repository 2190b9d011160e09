// session-expired: Session-Expires S negotiated in the 2xx (any S, even below RFC 4028's 90 s
// minimum), no successful refresh (re-INVITE/UPDATE answered 2xx) after it, and a BYE from either
// side between S − min(32, S/3) − 1 s and S + 2 s after the 2xx or the last refresh.
import { formatNumber, t } from '../l10n';
import { headerParam } from '../message';
import type { TraceAnalysis } from '../types';
import { type CallContext, frameOf, makeFinding, msBetween, seconds, sipOf } from './context';
import { responsesIn } from './group';
import type { Finding } from './types';

/** `Session-Expires: 90;refresher=uac` (or compact `x:`), read from the raw text: most 2xx carry none. */
const SESSION_EXPIRES = /\n[ \t]*(?:session-expires|x)[ \t]*:[ \t]*(\d+)([^\r\n]*)/i;

function sessionExpires(analysis: TraceAnalysis, index: number): { seconds: number; refresher?: string } | undefined {
  const match = SESSION_EXPIRES.exec(frameOf(analysis, index).text);
  if (!match) return undefined;
  return { seconds: Number(match[1]), refresher: headerParam(match[2], 'refresher')?.toLowerCase() || undefined };
}

export function sessionExpiredFindings({ analysis, call }: CallContext): Finding[] {
  if (call.outcome !== 'answered' || call.finalResponse === undefined || call.bye === undefined) return [];
  let base = call.finalResponse;
  let timer = sessionExpires(analysis, base);
  // Successful refreshes move the start of the interval (and may change it).
  for (const index of responsesIn(analysis, call.messages)) {
    if (index <= call.finalResponse || index >= call.bye) continue;
    const sip = sipOf(analysis, index);
    if ((sip.status ?? 0) < 200 || (sip.status ?? 0) >= 300) continue;
    if (sip.cseq?.method !== 'UPDATE' && !(sip.cseq?.method === 'INVITE' && (sip.cseq.seq ?? 0) > (sipOf(analysis, call.lastInvite).cseq?.seq ?? 0))) continue;
    base = index;
    timer = sessionExpires(analysis, index) ?? timer;
  }
  if (!timer || timer.seconds <= 0) return [];
  const since = msBetween(analysis, base, call.bye);
  if (since === null) return [];
  const s = timer.seconds;
  const low = (s - Math.min(32, s / 3) - 1) * 1000;
  const high = (s + 2) * 1000;
  if (since < low || since > high) return [];
  const refresher = timer.refresher === 'uac' ? 'caller' : timer.refresher === 'uas' ? 'callee' : undefined;
  const fault: Finding['fault'] = refresher === undefined ? 'network' : (timer.refresher === 'uac') === call.outgoing ? 'local' : 'remote';
  const expired =
    base === call.finalResponse
      ? t('BYE {0} after the answer, just as the session timer ran out (Session-Expires {1} s, no refresh since): the session expired — not a user hang-up. ', seconds(since), formatNumber(s))
      : t('BYE {0} after the last refresh, just as the session timer ran out (Session-Expires {1} s, no refresh since): the session expired — not a user hang-up. ', seconds(since), formatNumber(s));
  const check =
    refresher === 'caller'
      ? t('Check that the caller sends a re-INVITE or UPDATE before the interval ends and that it gets through.')
      : refresher === 'callee'
        ? t('Check that the callee sends a re-INVITE or UPDATE before the interval ends and that it gets through.')
        : t('Check that the refresher sends a re-INVITE or UPDATE before the interval ends and that it gets through.');
  const message = expired + check;
  return [makeFinding('session-expired', call.bye, message, fault, [base])];
}
