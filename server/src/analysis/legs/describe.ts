// Words about legs, shared by hovers, diagnostics and the outline.
import { t } from '../l10n';
import type { TraceAnalysis, TraceMessage } from '../types';

export interface PassedOn {
  /** The far leg's response this call's final passed on. */
  response: TraceMessage;
  callId: string;
  /** `the carrier's 486` or `the other leg's 486`. */
  words: string;
}

/** The response on another leg that this call's final passed on, if the legs stage found one. */
export function passedOnFrom(analysis: TraceAnalysis, callIndex: number): PassedOn | undefined {
  const info = analysis.legs.ofCall[callIndex];
  if (!info || info.decisive === undefined || info.decisiveCall === undefined) return undefined;
  const response = analysis.messages[info.decisive];
  const far = analysis.legs.ofCall[info.decisiveCall];
  // The leg the host placed towards the network: the carrier, as users call it.
  const status = String(response.sip.status ?? '?');
  const words = far?.role === 'outbound' ? t("the carrier's {0}", status) : t("the other leg's {0}", status);
  return { response, callId: analysis.calls[info.decisiveCall].callId, words };
}

/** The calls whose final passed on this response, if it decided another leg. */
export function passedOnTo(analysis: TraceAnalysis, messageIndex: number): number[] {
  const out: number[] = [];
  analysis.legs.ofCall.forEach((info, c) => {
    if (info?.decisive === messageIndex) out.push(c);
  });
  return out;
}
