// The one-sentence verdict of a call: its outcome in words, sharpened by its findings — what
// happened, who is likely at fault, what to check.
import { t } from '../l10n';
import { describeStatus } from '../responseCodes';
import type { Call, TraceAnalysis } from '../types';
import { answeredFrom, frameOf, headerValue, msBetween, seconds, sentLocally, sentTo, sipOf, statusText } from './context';
import { icmpAdvice, icmpAnswerOf } from './noResponse';
import { FINDING_FACTS, type Finding, type FindingCode } from './types';

function firstSentence(text: string): string {
  const end = text.search(/\.(\s|$)/);
  const sentence = end === -1 ? text : text.slice(0, end);
  return sentence.charAt(0).toLowerCase() + sentence.slice(1);
}

export function buildVerdict(analysis: TraceAnalysis, call: Call, findings: readonly Finding[]): string {
  const has = (code: FindingCode) => findings.find((f) => f.code === code);
  const facts = (finding: Finding | undefined) => (finding ? (FINDING_FACTS.get(finding) ?? {}) : {});
  const final = call.finalResponse;
  const finalSip = final !== undefined ? sipOf(analysis, final) : undefined;
  const finalWords = finalSip ? statusText(finalSip) : '';
  const fromHere = final !== undefined && sentLocally(analysis, call, final);
  const answerer = final !== undefined && !fromHere ? answeredFrom(analysis, final) : undefined;
  const source = final !== undefined ? (fromHere ? t(' sent by this side') : answerer ? t(' from {0}', answerer) : '') : '';
  const cause = call.cause ? ` (${call.cause})` : '';
  const slow = has('slow-setup');
  const slowNote =
    slow && call.outcome !== 'no-final' ? t('; setup was slow ({0})', call.pddMs !== null ? t('post-dial delay {0}', seconds(call.pddMs)) : t('late first response')) : '';
  const bigFinding = has('udp-too-large');
  const big = facts(bigFinding);
  const bigFragments = bigFinding ? frameOf(analysis, bigFinding.at).fragments : undefined;
  const bigNote = bigFinding
    ? bigFragments
      ? t('; a {0}-byte {1} went over UDP in {2} IP fragments, which may be dropped', big.size ?? 'over-1300', big.method ?? t('request'), bigFragments)
      : t('; a {0}-byte {1} went over UDP, and its fragments may be dropped', big.size ?? 'over-1300', big.method ?? t('request'))
    : '';
  const retryNote = has('retry-after') ? t('; it asks to retry after {0} s', facts(has('retry-after')).delay ?? '?') : '';
  const vendorNote = has('vendor-cause') ? `; ${facts(has('vendor-cause')).words ?? ''}` : '';
  const nat = has('private-media-address');
  const natNote = nat
    ? facts(nat).side === 'caller'
      ? t('; the caller advertises a private address behind NAT, so media may not reach it')
      : t('; the callee advertises a private address behind NAT, so media may not reach it')
    : '';

  switch (call.outcome) {
    case 'answered': {
      const talked = call.durationMs !== null ? t(' after {0}', seconds(call.durationMs)) : '';
      if (has('cancel-after-answer')) {
        return call.bye !== undefined
          ? t('Answered as the caller cancelled: the {0} crossed the CANCEL, so the call was set up anyway and then ended with a BYE — a race, not a fault.', finalWords)
          : t('Answered as the caller cancelled: the {0} crossed the CANCEL, so the call was set up anyway — a race, not a fault.', finalWords);
      }
      if (has('ack-missing')) return t("Answered, but the ACK never reached the answering side, so the call dropped{0} — check the {1}'s Contact and Record-Route and any NAT between the sides.", talked, finalWords);
      if (has('session-expired')) return t('Answered, then ended by session-timer expiry{0}, not by a user hang-up — check that the refresher sends re-INVITE or UPDATE in time{1}.', talked, natNote);
      const rejected = findings.find((f) => f.code === 'media-rejected' && f.at === call.finalResponse);
      if (rejected) return t('Answered, but every media stream was rejected in the answer (m= port 0) — no media in common; check the codec lists on both sides.');
      const ended =
        call.endedBy === null ? t(', still up when the trace ends') : call.endedBy === 'local' ? t(', hung up by this side{0}', talked) : t(', hung up by the far side{0}', talked);
      const held = has('hold') ? t(', with a hold during the call') : '';
      const reoffer = findings.find((f) => f.code === 'media-rejected' && f.at !== call.finalResponse);
      const reofferNote = reoffer ? t('; a later media change was refused ({0})', statusText(sipOf(analysis, reoffer.at))) : '';
      const setup = call.setupMs !== null ? t(' {0} after the INVITE', seconds(call.setupMs)) : '';
      return `${t('Answered: {0}', finalWords)}${source}${setup}${ended}${held}${reofferNote}${vendorNote}${natNote}${bigNote}${slowNote}.`;
    }
    case 'busy':
      return `${t('Busy: {0}', finalWords)}${source}${cause}${t(' — the called party is busy; nothing is broken')}${retryNote}${vendorNote}${slowNote}.`;
    case 'redirected': {
      const contact = final !== undefined ? headerValue(analysis, final, 'contact') : undefined;
      return `${t('Redirected: {0}', finalWords)}${source}${contact ? t(' to {0}', contact) : ''}${t(' — the caller is expected to try the new address.')}`;
    }
    case 'route-blocked':
      return `${t('Route blocked: {0}', finalWords)}${source}${t(" — the local gateway's configuration does not allow this number's prefix (not the carrier); check the gateway's allowed prefixes for it.")}`;
    case 'no-answer':
    case 'cancelled': {
      if (has('answered-elsewhere')) return t("Answered elsewhere: the caller's CANCEL says the call was picked up on another device (Reason SIP cause 200) — not a missed call.");
      const cancel = call.cancel !== undefined ? msBetween(analysis, call.firstInvite, call.cancel) : null;
      if (call.outcome === 'cancelled') {
        return (cancel !== null ? t('Cancelled: the caller gave up after {0}, before it rang', seconds(cancel)) : t('Cancelled: the caller gave up before it rang')) + `${slowNote}.`;
      }
      const rang = call.firstRinging !== undefined && call.cancel !== undefined ? msBetween(analysis, call.firstRinging, call.cancel) : null;
      if (call.cancel !== undefined) {
        const words = rang !== null ? t('Not answered: it rang for {0} and the caller cancelled', seconds(rang)) : t('Not answered: it rang and the caller cancelled');
        return `${words}${finalWords ? ` (${finalWords})` : ''}${slowNote}.`;
      }
      if (finalSip) return `${t('Not answered: it rang and then timed out with {0}', finalWords)}${source}${slowNote}.`;
      return `${t('Not answered: it rang and the trace ends without a final response')}${slowNote}.`;
    }
    case 'no-final': {
      const silent = has('no-response');
      if (silent) {
        const target = sentTo(analysis, silent.at);
        const sentToWords = target ? t(' sent to {0}', target) : '';
        const icmp = icmpAnswerOf(analysis, [silent.at, ...silent.related]);
        if (icmp && silent.fault !== 'local') {
          const { protocol, kind, from } = icmp.icmp;
          return t('No response: nothing came back to the INVITE{0} but an {1} {2} from {3} — {4}', sentToWords, protocol, kind, from, icmpAdvice(icmp.icmp, target)[0]);
        }
        if (silent.fault === 'local') return t("No response: the INVITE arrived and this side never answered, not even with 100 Trying — check this host's SIP service and what it did with the request.");
        if (facts(silent).overConnection) {
          return t('No response: nothing came back to the INVITE{0} over its connection, not even 100 Trying — the far end does not answer; check its SIP service, address, port and transport.', sentToWords);
        }
        return t('No response: nothing came back to the INVITE{0}, not even 100 Trying — the far end is unreachable; check its address, port, transport and any firewall{1}.', sentToWords, bigNote);
      }
      return t('No final response: 100 Trying (or nothing) and then silence — the call got stuck beyond the next hop; check the routing and logs of the server that answered 100{0}.', bigNote);
    }
    case 'failed': {
      if (has('auth-rejected')) {
        return fromHere
          ? t("Failed: {0}{1} after an authenticated retry — this side rejected the caller's credentials; check the account's username and password.", finalWords, source)
          : t("Failed: {0}{1} after an authenticated retry — the far side rejected the credentials; check the account's username and password.", finalWords, source);
      }
      const media = has('media-rejected');
      if (media) {
        const offered = facts(media).offered;
        return t('Failed: {0}{1} — no media in common{2}; check the codec lists on both sides.', finalWords, source, offered !== undefined ? t(' (offered {0})', offered) : '');
      }
      if (has('unsupported-media-type')) {
        return t("Failed: {0}{1} — the body's type, encoding or language is not accepted (not a codec problem); compare the request's Content-Type with the response's Accept.", finalWords, source);
      }
      if (has('loop')) return t('Failed: {0}{1} — a routing loop; check the routes of the proxies and gateways on the path.', finalWords, source);
      const info = describeStatus(call.finalStatus ?? 0);
      return `${t('Failed: {0}', finalWords)}${source}${cause} — ${firstSentence(info.meaning)}${retryNote}${vendorNote}${bigNote}${slowNote}.`;
    }
  }
}
