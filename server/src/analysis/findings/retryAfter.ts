// retry-after: a final response that says when to try again (RFC 3261 §20.33).
import { t } from '../l10n';
import type { TraceAnalysis } from '../types';
import { frameOf, headerValue, makeFinding, sipOf, statusText } from './context';
import { finalsIn } from './group';
import { type Finding, withFacts } from './types';

export function retryAfterFindings(analysis: TraceAnalysis, group: readonly number[], local: (index: number) => boolean | undefined): Finding[] {
  const findings: Finding[] = [];
  for (const index of finalsIn(analysis, group)) {
    const sip = sipOf(analysis, index);
    if (!/\n\s*Retry-After\s*:/i.test(frameOf(analysis, index).text)) continue;
    const value = headerValue(analysis, index, 'retry-after');
    const match = value ? /^\s*(\d+)\s*(\(([^)]*)\))?/.exec(value) : null;
    if (!match) continue;
    const delay = Number(match[1]);
    const comment = match[3] ? ` ("${match[3].trim()}")` : '';
    const here = local(index) === true;
    const words = here
      ? t('{0} with Retry-After {1}{2}: this side asks to try again in {1} s — retrying sooner will most likely get the same answer.', statusText(sip), delay, comment)
      : t('{0} with Retry-After {1}{2}: the far side asks to try again in {1} s — retrying sooner will most likely get the same answer.', statusText(sip), delay, comment);
    findings.push(withFacts(makeFinding('retry-after', index, words, here ? 'local' : 'remote'), { delay: String(delay) }));
  }
  return findings;
}
