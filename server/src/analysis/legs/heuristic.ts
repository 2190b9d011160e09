// Linking legs where nothing explicit says they belong together. Deliberately narrow, because a
// wrong link is worse than none: an INVITE the logging host received, followed within 2 s of the
// accepted INVITE of its initial chain by an INVITE the same host sent, for the same dialled
// number and the same caller, with the inbound leg's final after the outbound leg's.
// Two sent INVITEs are never linked, and where the trace does not tell direction it never applies.
import { msBetween } from '../calls';
import { uriUser } from '../message';
import type { Call, TraceAnalysis, TraceMessage } from '../types';
import { sameNumber } from './numbers';
import { before } from './timing';
import type { LegRole } from './types';

/** The outbound INVITE must follow the accepted inbound INVITE within this time. */
export const HEURISTIC_WINDOW_MS = 2000;
/** Inbound legs whose first INVITE is older than this are not looked at. */
const SEARCH_BACK_MS = 60_000;

function dialled(message: TraceMessage): string {
  const sip = message.sip;
  const fromUri = sip.requestUri ? uriUser(sip.requestUri) : '';
  return fromUri || sip.to?.user || '';
}

/** The caller's identities: the From user and any P-Asserted-Identity user. */
function callers(message: TraceMessage): string[] {
  const users = message.sip.from?.user ? [message.sip.from.user] : [];
  for (const header of message.sip.headers) {
    if (header.name !== 'p-asserted-identity') continue;
    for (const uri of header.value.match(/<([^>]*)>/g) ?? [header.value]) {
      const user = uriUser(uri.replace(/^<|>$/g, '').trim());
      if (user) users.push(user);
    }
  }
  return users;
}

function hostOf(message: TraceMessage, side: 'src' | 'dst'): string | undefined {
  return message.frame[side]?.host.toLowerCase();
}

function finalOf(analysis: TraceAnalysis, call: Call): TraceMessage | undefined {
  return call.finalResponse === undefined ? undefined : analysis.messages[call.finalResponse];
}

/** May `outbound` be the leg the logging host placed because of `inbound`? */
function fits(analysis: TraceAnalysis, inbound: Call, outbound: Call): boolean {
  const accepted = analysis.messages[inbound.lastInvite];
  const sent = analysis.messages[outbound.firstInvite];
  const gap = msBetween(accepted, sent);
  if (gap === null || gap < 0 || gap > HEURISTIC_WINDOW_MS || sent.index < accepted.index) return false;
  // The host that received the inbound INVITE sent the outbound one, where addresses say so.
  const receiver = hostOf(accepted, 'dst');
  const sender = hostOf(sent, 'src');
  if (receiver && sender && receiver !== sender) return false;
  if (!sameNumber(dialled(accepted), dialled(sent))) return false;
  const a = callers(accepted);
  const b = callers(sent);
  if (!a.some((x) => b.some((y) => sameNumber(x, y)))) return false;
  // The inbound leg passes on the outbound leg's answer, so its final comes later.
  const inFinal = finalOf(analysis, inbound);
  const outFinal = finalOf(analysis, outbound);
  if (inFinal && outFinal && before(inFinal, outFinal)) return false;
  return true;
}

/**
 * Pairs (inbound call, outbound call) the heuristic links. Each outbound leg gets at most one
 * inbound leg: the latest one that fits. `eligible` leaves out calls already linked explicitly.
 */
export function heuristicPairs(analysis: TraceAnalysis, roles: readonly LegRole[], eligible: (call: number) => boolean): [number, number][] {
  const inbound: number[] = [];
  const pairs: [number, number][] = [];
  analysis.calls.forEach((call, c) => {
    if (!eligible(c)) return;
    if (roles[c] === 'inbound') {
      inbound.push(c);
      return;
    }
    if (roles[c] !== 'outbound') return;
    for (let i = inbound.length - 1; i >= 0; i--) {
      // Bounds the work: an inbound chain that began long before cannot have been accepted 2 s ago.
      const age = msBetween(analysis.messages[analysis.calls[inbound[i]].firstInvite], analysis.messages[call.firstInvite]);
      if (age !== null && age > SEARCH_BACK_MS) break;
      if (fits(analysis, analysis.calls[inbound[i]], call)) {
        pairs.push([inbound[i], c]);
        return;
      }
    }
  });
  return pairs;
}
