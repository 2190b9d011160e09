// vendor-cause: vendor hang-up headers on a final or a BYE (Asterisk's X-Asterisk-HangupCause /
// X-Asterisk-HangupCauseCode, X-Reason), in words beside the Q.850 cause.
import { t } from '../l10n';
import { q850CauseName } from '../reasonCause';
import type { TraceAnalysis } from '../types';
import { frameOf, headerValue, makeFinding, sipOf } from './context';
import { finalsIn, requestsWithMethod } from './group';
import { type Finding, withFacts } from './types';

const VENDOR_HEADERS = /\n\s*X-(Asterisk-HangupCause|Asterisk-HangupCauseCode|Reason)\s*:/i;

export function vendorCauseFindings(analysis: TraceAnalysis, group: readonly number[], local: (index: number) => boolean | undefined): Finding[] {
  const findings: Finding[] = [];
  // The messages that end a call or a try: finals of 300 and above, BYE and CANCEL (first copies).
  const finals = finalsIn(analysis, group);
  const byes = requestsWithMethod(analysis, group, 'BYE');
  const cancels = requestsWithMethod(analysis, group, 'CANCEL');
  const ends = byes.length + cancels.length === 0 ? finals : [...finals, ...byes, ...cancels].sort((a, b) => a - b);
  for (const index of ends) {
    if (!VENDOR_HEADERS.test(frameOf(analysis, index).text)) continue;
    const sip = sipOf(analysis, index);
    const parts: string[] = [];
    const cause = headerValue(analysis, index, 'x-asterisk-hangupcause');
    const codeText = headerValue(analysis, index, 'x-asterisk-hangupcausecode');
    const code = codeText && /^\s*\d+\s*$/.test(codeText) ? Number(codeText) : undefined;
    if (cause !== undefined || code !== undefined) {
      const standard = code !== undefined ? q850CauseName(code) : undefined;
      const codeWords = code !== undefined ? ` (Q.850 ${code}${standard && standard.toLowerCase() !== (cause ?? '').trim().toLowerCase() ? ` ${standard}` : ''})` : '';
      parts.push(t('Asterisk hang-up cause: {0}', `${cause?.trim() || standard || t('unknown')}${codeWords}`));
    }
    const reason = headerValue(analysis, index, 'x-reason');
    if (reason !== undefined) parts.push(`X-Reason: ${reason.trim()}`);
    if (parts.length === 0) continue;
    const what = sip.kind === 'response' ? `${sip.status}` : sip.method;
    const words = parts.join('; ');
    const message = local(index) === true ? t('{0} — given by this side on its {1}.', words, String(what)) : t('{0} — given by the far side on its {1}.', words, String(what));
    findings.push(withFacts(makeFinding('vendor-cause', index, message, local(index) === true ? 'local' : 'remote'), { words }));
  }
  return findings;
}
