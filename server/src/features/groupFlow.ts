// `sipLens/callFlow` with `legs: true`: the legs of one call through a B2BUA as one ladder with
// a lane per party — phone, the host in the middle (PBX, SBC), carrier — built from the addresses
// each leg used. The host that wrote the log is one lane whatever port each leg used.
import type { CallFlow, CallFlowArrow, CallFlowParty } from '../protocol';
import type { TraceAnalysis, TraceMessage } from '../analysis/types';
import { arrowOf, computeCallFlow, endpointId } from './callFlow';
import { t } from '../analysis/l10n';

const MIDDLE = 'middle';

/**
 * The lanes of one message: the middle host on one end where the trace says which side sent it
 * (direction, or the local addresses), the peer's address on the other; without direction, the
 * two addresses; without addresses, caller and callee of the message's leg.
 */
function endsOf(message: TraceMessage, leg: number, callerTag: string | undefined, local: ReadonlySet<string>): { from: string; to: string } {
  const { direction, src, dst } = message.frame;
  const sent = direction === 'sent' || (direction === 'unknown' && src !== undefined && local.has(src.host));
  const received = direction === 'received' || (direction === 'unknown' && dst !== undefined && local.has(dst.host));
  if (sent) return { from: MIDDLE, to: dst ? endpointId(dst) : t('far end of leg {0}', leg + 1) };
  if (received) return { from: src ? endpointId(src) : t('far end of leg {0}', leg + 1), to: MIDDLE };
  if (src && dst) return { from: endpointId(src), to: endpointId(dst) };
  const fromCaller = callerTag === undefined || message.sip.from?.tag === callerTag;
  const callerSends = message.sip.kind === 'response' ? !fromCaller : fromCaller;
  const caller = t('leg {0} caller', leg + 1);
  const callee = t('leg {0} callee', leg + 1);
  return callerSends ? { from: caller, to: callee } : { from: callee, to: caller };
}

/** The ladder of every leg of the call `callId`; the one-leg ladder when it has no other leg. */
export function computeGroupFlow(analysis: TraceAnalysis, callId: string, localAddresses: readonly string[] = []): CallFlow | null {
  const callIndex = analysis.calls.findIndex((call) => call.callId === callId);
  const info = callIndex >= 0 ? analysis.legs.ofCall[callIndex] : null;
  if (!info) return computeCallFlow(analysis, callId, localAddresses);
  const legs = analysis.legs.groups[info.group].calls;
  const local = new Set(localAddresses.map((a) => a.toLowerCase()));
  const entries: { message: TraceMessage; leg: number }[] = [];
  legs.forEach((c, leg) => {
    for (const index of analysis.calls[c].messages) entries.push({ message: analysis.messages[index], leg });
  });
  entries.sort((a, b) => a.message.frame.startLine - b.message.frame.startLine || a.message.index - b.message.index);

  const ends = entries.map(({ message, leg }) =>
    endsOf(message, leg, analysis.messages[analysis.calls[legs[leg]].firstInvite].sip.from?.tag, local),
  );
  // Far ends the trace gives no address for are named by their leg's role.
  const farLabels = new Map<string, string>();
  legs.forEach((c, leg) => {
    const role = analysis.legs.ofCall[c]?.role;
    farLabels.set(t('far end of leg {0}', leg + 1), role === 'inbound' ? t('caller side (leg {0})', leg + 1) : role === 'outbound' ? t('carrier side (leg {0})', leg + 1) : t('far end of leg {0}', leg + 1));
  });
  const parties: CallFlowParty[] = [];
  const seen = new Set<string>();
  for (const end of ends) {
    for (const id of [end.from, end.to]) {
      if (seen.has(id)) continue;
      seen.add(id);
      parties.push({ id, label: id === MIDDLE ? t('this host (B2BUA)') : (farLabels.get(id) ?? id), local: id === MIDDLE });
    }
  }
  const start = entries.find((e) => e.message.frame.time)?.message.frame.time?.ms;
  const arrows: CallFlowArrow[] = entries.map(({ message: m, leg }, i) => ({
    ...arrowOf(m, ends[i], start, []),
    callId: analysis.calls[legs[leg]].callId,
  }));
  return { callId, parties, arrows, legs: legs.map((c) => analysis.calls[c].callId) };
}
