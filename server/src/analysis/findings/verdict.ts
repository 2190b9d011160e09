// The one-sentence verdict of a call: its outcome in words, sharpened by its findings — what
// happened, who is likely at fault, what to check.
import { describeStatus } from '../responseCodes';
import type { Call, TraceAnalysis } from '../types';
import { answeredFrom, frameOf, msBetween, seconds, sentLocally, sentTo, sipOf, statusText } from './context';
import { icmpAdvice, icmpAnswerOf } from './noResponse';
import type { Finding, FindingCode } from './types';

function firstSentence(text: string): string {
  const end = text.search(/\.(\s|$)/);
  const sentence = end === -1 ? text : text.slice(0, end);
  return sentence.charAt(0).toLowerCase() + sentence.slice(1);
}

function durationWords(ms: number | null): string {
  return ms === null ? '' : ` after ${seconds(ms)}`;
}

export function buildVerdict(analysis: TraceAnalysis, call: Call, findings: readonly Finding[]): string {
  const has = (code: FindingCode) => findings.find((f) => f.code === code);
  const final = call.finalResponse;
  const finalSip = final !== undefined ? sipOf(analysis, final) : undefined;
  const finalWords = finalSip ? statusText(finalSip) : '';
  const fromHere = final !== undefined && sentLocally(analysis, call, final);
  const source = final !== undefined ? (fromHere ? ' sent by this side' : answeredFrom(analysis, final) ? ` from ${answeredFrom(analysis, final)}` : '') : '';
  const cause = call.cause ? ` (${call.cause})` : '';
  const slow = has('slow-setup');
  const slowNote = slow && call.outcome !== 'no-final' ? `; setup was slow (${call.pddMs !== null ? `post-dial delay ${seconds(call.pddMs)}` : 'late first response'})` : '';
  const big = has('udp-too-large');
  const bigMatch = big ? /This (\S+) is (\d+) bytes/.exec(big.message) : null;
  const bigFragments = big ? frameOf(analysis, big.at).fragments : undefined;
  const bigNote = big
    ? `; a ${bigMatch?.[2] ?? 'over-1300'}-byte ${bigMatch?.[1] ?? 'request'} went over UDP${bigFragments ? ` in ${bigFragments} IP fragments, which` : ', and its fragments'} may be dropped`
    : '';
  const retry = has('retry-after');
  const retryNote = retry ? `; it asks to retry after ${/Retry-After (\d+)/.exec(retry.message)?.[1] ?? '?'} s` : '';
  const vendor = has('vendor-cause');
  const vendorNote = vendor ? `; ${vendor.message.replace(/ — given by .*$/, '')}` : '';
  const nat = has('private-media-address');
  const natNote = nat ? `; ${nat.message.startsWith('The caller') ? 'the caller' : 'the callee'} advertises a private address behind NAT, so media may not reach it` : '';

  switch (call.outcome) {
    case 'answered': {
      const talked = call.durationMs !== null ? ` after ${seconds(call.durationMs)}` : '';
      if (has('cancel-after-answer')) return `Answered as the caller cancelled: the ${finalWords} crossed the CANCEL, so the call was set up anyway${call.bye !== undefined ? ' and then ended with a BYE' : ''} — a race, not a fault.`;
      const ack = has('ack-missing');
      if (ack) return `Answered, but the ACK never reached the answering side, so the call dropped${talked} — check the ${finalWords}'s Contact and Record-Route and any NAT between the sides.`;
      const expired = has('session-expired');
      if (expired) return `Answered, then ended by session-timer expiry${talked}, not by a user hang-up — check that the refresher sends re-INVITE or UPDATE in time${natNote}.`;
      const rejected = findings.find((f) => f.code === 'media-rejected' && f.at === call.finalResponse);
      if (rejected) return `Answered, but every media stream was rejected in the answer (m= port 0) — no media in common; check the codec lists on both sides.`;
      const ended = call.endedBy === null ? ', still up when the trace ends' : `, hung up by ${call.endedBy === 'local' ? 'this side' : 'the far side'}${talked}`;
      const held = has('hold') ? ', with a hold during the call' : '';
      const reoffer = findings.find((f) => f.code === 'media-rejected' && f.at !== call.finalResponse);
      const reofferNote = reoffer ? `; a later media change was refused (${statusText(sipOf(analysis, reoffer.at))})` : '';
      return `Answered: ${finalWords}${source}${call.setupMs !== null ? ` ${seconds(call.setupMs)} after the INVITE` : ''}${ended}${held}${reofferNote}${vendorNote}${natNote}${bigNote}${slowNote}.`;
    }
    case 'busy':
      return `Busy: ${finalWords}${source}${cause} — the called party is busy; nothing is broken${retryNote}${vendorNote}${slowNote}.`;
    case 'redirected': {
      const contact = finalSip?.headers.find((h) => h.name === 'contact')?.value;
      return `Redirected: ${finalWords}${source}${contact ? ` to ${contact}` : ''} — the caller is expected to try the new address.`;
    }
    case 'route-blocked':
      return `Route blocked: ${finalWords}${source} — the local gateway's configuration does not allow this number's prefix (not the carrier); check the gateway's allowed prefixes for it.`;
    case 'no-answer':
    case 'cancelled': {
      if (has('answered-elsewhere')) return `Answered elsewhere: the caller's CANCEL says the call was picked up on another device (Reason SIP cause 200) — not a missed call.`;
      const cancel = call.cancel !== undefined ? msBetween(analysis, call.firstInvite, call.cancel) : null;
      if (call.outcome === 'cancelled') return `Cancelled: the caller gave up${durationWords(cancel)}${cancel !== null ? "," : ""} before it rang${slowNote}.`;
      const rang = call.firstRinging !== undefined && call.cancel !== undefined ? msBetween(analysis, call.firstRinging, call.cancel) : null;
      if (call.cancel !== undefined) return `Not answered: it rang${rang !== null ? ` for ${seconds(rang)}` : ''} and the caller cancelled${finalWords ? ` (${finalWords})` : ''}${slowNote}.`;
      if (finalSip) return `Not answered: it rang and then timed out with ${finalWords}${source}${slowNote}.`;
      return `Not answered: it rang and the trace ends without a final response${slowNote}.`;
    }
    case 'no-final': {
      const silent = has('no-response');
      if (silent) {
        const target = sentTo(analysis, silent.at);
        const icmp = icmpAnswerOf(analysis, [silent.at, ...silent.related]);
        if (icmp && silent.fault !== 'local') {
          const { protocol, kind, from } = icmp.icmp;
          return `No response: nothing came back to the INVITE${target ? ` sent to ${target}` : ''} but an ${protocol} ${kind} from ${from} — ${icmpAdvice(icmp.icmp, target)[0]}`;
        }
        if (silent.fault === 'local') return `No response: the INVITE arrived and this side never answered, not even with 100 Trying — check this host's SIP service and what it did with the request.`;
        if (/over the connection/.test(silent.message)) {
          return `No response: nothing came back to the INVITE${target ? ` sent to ${target}` : ''} over its connection, not even 100 Trying — the far end does not answer; check its SIP service, address, port and transport.`;
        }
        return `No response: nothing came back to the INVITE${target ? ` sent to ${target}` : ''}, not even 100 Trying — the far end is unreachable; check its address, port, transport and any firewall${bigNote}.`;
      }
      return `No final response: 100 Trying (or nothing) and then silence — the call got stuck beyond the next hop; check the routing and logs of the server that answered 100${bigNote}.`;
    }
    case 'failed': {
      if (has('auth-rejected')) return `Failed: ${finalWords}${source} after an authenticated retry — ${fromHere ? "this side rejected the caller's credentials" : 'the far side rejected the credentials'}; check the account's username and password.`;
      const media = has('media-rejected');
      if (media) {
        const offered = /Offered: ([^.]*)\./.exec(media.message);
        return `Failed: ${finalWords}${source} — no media in common${offered ? ` (offered ${offered[1]})` : ''}; check the codec lists on both sides.`;
      }
      if (has('unsupported-media-type')) return `Failed: ${finalWords}${source} — the body's type, encoding or language is not accepted (not a codec problem); compare the request's Content-Type with the response's Accept.`;
      if (has('loop')) return `Failed: ${finalWords}${source} — a routing loop; check the routes of the proxies and gateways on the path.`;
      const info = describeStatus(call.finalStatus ?? 0);
      return `Failed: ${finalWords}${source}${cause} — ${firstSentence(info.meaning)}${retryNote}${vendorNote}${bigNote}${slowNote}.`;
    }
  }
}
