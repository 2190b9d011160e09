// auth-rejected: a 401/407 challenge, a retry with credentials, and then 403 — or the same
// challenge again for the same realm. Not a second challenge with stale=true (the nonce only
// expired), nor one for another realm (a proxy's 407 then the far end's 401 is normal).
import { t } from '../l10n';
import { headerParam } from '../message';
import type { TraceAnalysis } from '../types';
import { headerValue, makeFinding, sipOf, statusText } from './context';
import { finalTo, requestsIn } from './group';
import type { Finding } from './types';

interface Challenge {
  header: 'www-authenticate' | 'proxy-authenticate';
  realm: string;
  stale: boolean;
}

function challengeOf(analysis: TraceAnalysis, index: number): Challenge | undefined {
  const sip = sipOf(analysis, index);
  const header = sip.status === 401 ? 'www-authenticate' : sip.status === 407 ? 'proxy-authenticate' : undefined;
  if (!header) return undefined;
  const value = headerValue(analysis, index, header) ?? '';
  const params = value.replace(/^\s*\S+\s*/, ';').replace(/,/g, ';');
  return { header, realm: headerParam(params, 'realm') ?? '', stale: (headerParam(params, 'stale') ?? '').toLowerCase() === 'true' };
}

function hasCredentials(analysis: TraceAnalysis, index: number): boolean {
  return headerValue(analysis, index, 'authorization') !== undefined || headerValue(analysis, index, 'proxy-authorization') !== undefined;
}

/** `local(index)`: whether the trace's host sent the message (undefined: cannot tell). */
export function authRejectedFindings(analysis: TraceAnalysis, group: readonly number[], local: (index: number) => boolean | undefined): Finding[] {
  const findings: Finding[] = [];
  const requests = requestsIn(analysis, group);
  for (const first of requests) {
    const method = sipOf(analysis, first).method;
    if (method === 'ACK' || method === 'CANCEL') continue;
    const challengeIndex = finalTo(analysis, group, first);
    if (challengeIndex === undefined) continue;
    // A challenge (its header is read only once a retry with credentials follows it).
    const challengeStatus = sipOf(analysis, challengeIndex).status;
    if (challengeStatus !== 401 && challengeStatus !== 407) continue;
    const seq = sipOf(analysis, first).cseq?.seq ?? 0;
    const retry = requests.find((i) => i > challengeIndex && sipOf(analysis, i).method === method && (sipOf(analysis, i).cseq?.seq ?? 0) > seq);
    if (retry === undefined || !hasCredentials(analysis, retry)) continue;
    const finalIndex = finalTo(analysis, group, retry);
    if (finalIndex === undefined) continue;
    const challenge = challengeOf(analysis, challengeIndex)!;
    const final = sipOf(analysis, finalIndex);
    const again = final.status === 403 ? undefined : challengeOf(analysis, finalIndex);
    const rejected = final.status === 403 || (again !== undefined && again.header === challenge.header && again.realm === challenge.realm && !again.stale);
    if (!rejected) continue;
    const realm = challenge.realm ? t(' for realm "{0}"', challenge.realm) : '';
    const what = final.status === 403 ? t('{0} after the retry with credentials{1}', statusText(final), realm) : t('{0} again{1} after the retry with credentials', statusText(final), realm);
    const localSentCredentials = local(retry);
    const message =
      localSentCredentials === false
        ? t("{0}: this side rejected the caller's credentials — check the account's username, password and realm on both sides.", what)
        : t('{0}: the far side rejected the credentials — check the username, password and realm configured for this account or trunk.', what);
    findings.push(makeFinding('auth-rejected', finalIndex, message, localSentCredentials === false ? 'remote' : 'local', [challengeIndex, retry]));
  }
  return findings;
}
