// vendor-cause: vendor hang-up headers on a final or a BYE (Asterisk's X-Asterisk-HangupCause /
// X-Asterisk-HangupCauseCode, X-Reason), in words beside the Q.850 cause.
import { q850CauseName } from '../reasonCause';
import type { TraceAnalysis } from '../types';
import { frameOf, headerValue, isCopy, makeFinding, sipOf } from './context';
import type { Finding } from './types';

const VENDOR_HEADERS = /\n\s*X-(Asterisk-HangupCause|Asterisk-HangupCauseCode|Reason)\s*:/i;

export function vendorCauseFindings(analysis: TraceAnalysis, group: readonly number[], local: (index: number) => boolean | undefined): Finding[] {
  const findings: Finding[] = [];
  for (const index of group) {
    const frame = frameOf(analysis, index);
    if (isCopy(analysis, index)) continue;
    const sip = sipOf(analysis, index);
    const ends = (sip.kind === 'response' && (sip.status ?? 0) >= 300) || (sip.kind === 'request' && (sip.method === 'BYE' || sip.method === 'CANCEL'));
    if (!ends || !VENDOR_HEADERS.test(frame.text)) continue;
    const parts: string[] = [];
    const cause = headerValue(sip, 'x-asterisk-hangupcause');
    const codeText = headerValue(sip, 'x-asterisk-hangupcausecode');
    const code = codeText && /^\s*\d+\s*$/.test(codeText) ? Number(codeText) : undefined;
    if (cause !== undefined || code !== undefined) {
      const standard = code !== undefined ? q850CauseName(code) : undefined;
      const codeWords = code !== undefined ? ` (Q.850 ${code}${standard && standard.toLowerCase() !== (cause ?? '').trim().toLowerCase() ? ` ${standard}` : ''})` : '';
      parts.push(`Asterisk hang-up cause: ${cause?.trim() || standard || 'unknown'}${codeWords}`);
    }
    const reason = headerValue(sip, 'x-reason');
    if (reason !== undefined) parts.push(`X-Reason: ${reason.trim()}`);
    if (parts.length === 0) continue;
    const what = sip.kind === 'response' ? `${sip.status}` : sip.method;
    const who = local(index) === true ? 'this side' : 'the far side';
    findings.push(
      makeFinding('vendor-cause', index, `${parts.join('; ')} — given by ${who} on its ${what}.`, local(index) === true ? 'local' : 'remote'),
    );
  }
  return findings;
}
