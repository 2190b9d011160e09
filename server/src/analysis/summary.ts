// The per-file summary: the ★ contract shared by the `sipLens/summary` request and `cli --json`.
import type { LegRole, LinkKind } from './legs/types';
import { OUTCOMES, type Call, type FileFormat, type Outcome, type Side, type TraceAnalysis } from './types';

export interface SummaryCall {
  callId: string;
  from: string;
  to: string;
  startTime: string | null;
  /** Time of day of the first INVITE where the trace has no date. */
  startClock: string | null;
  startLine: number;
  outcome: Outcome;
  finalStatus: number | null;
  finalReason: string | null;
  finalLine: number | null;
  cause: string | null;
  endedBy: Side | null;
  setupMs: number | null;
  pddMs: number | null;
  durationMs: number | null;
  /** True when the local side placed the call. */
  outgoing: boolean;
  /** Messages of this Call-ID in the trace (retransmissions included). */
  messageCount: number;
  /** The other legs of the same call through a B2BUA, or null when the call has none. */
  group: SummaryGroup | null;
}

/** A call's place among the legs of one call (DESIGN.md ★ Summary). */
export interface SummaryGroup {
  /** The same for every leg of one call. */
  id: string;
  role: LegRole;
  /** Call-IDs of every leg, this one included, in file order. */
  legs: string[];
  /** How the legs were linked: the most trustworthy kind among the links. */
  linkedBy: LinkKind;
  /** Each link as it was made, between two legs' Call-IDs. */
  links: { from: string; to: string; by: LinkKind }[];
  /** The far leg's response this leg's final passed on, or null. */
  decisive: { callId: string; status: number | null; reason: string | null; line: number } | null;
}

export interface SummaryTransaction {
  method: string;
  callId: string;
  startLine: number;
  finalStatus: number | null;
  finalReason: string | null;
}

export type OutcomeTotals = Record<Outcome, number>;

export interface Summary {
  format: FileFormat;
  messages: number;
  calls: SummaryCall[];
  transactions: SummaryTransaction[];
  totals: OutcomeTotals;
  /** Messages that did not parse. */
  malformed: number;
  /** Whole-file notices (binary input, odd encoding…), in words. */
  notices: string[];
}

export function emptyTotals(): OutcomeTotals {
  const totals = {} as OutcomeTotals;
  for (const outcome of OUTCOMES) totals[outcome] = 0;
  return totals;
}

function summarizeGroup(analysis: TraceAnalysis, callIndex: number): SummaryGroup | null {
  const info = analysis.legs.ofCall[callIndex];
  if (!info) return null;
  const group = analysis.legs.groups[info.group];
  const callId = (c: number) => analysis.calls[c].callId;
  const decisive = info.decisive === undefined ? undefined : analysis.messages[info.decisive];
  return {
    id: group.id,
    role: info.role,
    legs: group.calls.map(callId),
    linkedBy: group.linkedBy,
    links: group.links.map((l) => ({ from: callId(l.a), to: callId(l.b), by: l.by })),
    decisive:
      decisive && info.decisiveCall !== undefined
        ? { callId: callId(info.decisiveCall), status: decisive.sip.status ?? null, reason: decisive.sip.reason ?? null, line: decisive.frame.startLine }
        : null,
  };
}

function summarizeCall(call: Call, group: SummaryGroup | null): SummaryCall {
  return {
    callId: call.callId,
    from: call.from,
    to: call.to,
    startTime: call.startTime,
    startClock: call.startClock,
    startLine: call.startLine,
    outcome: call.outcome,
    finalStatus: call.finalStatus,
    finalReason: call.finalReason,
    finalLine: call.finalLine,
    cause: call.cause,
    endedBy: call.endedBy,
    setupMs: call.setupMs,
    pddMs: call.pddMs,
    durationMs: call.durationMs,
    outgoing: call.outgoing,
    messageCount: call.messages.length,
    group,
  };
}

export function summarize(analysis: TraceAnalysis): Summary {
  const totals = emptyTotals();
  for (const call of analysis.calls) totals[call.outcome]++;
  let malformed = 0;
  for (const message of analysis.messages) if (message.sip.problems.length > 0) malformed++;
  return {
    format: analysis.format,
    messages: analysis.messages.length,
    calls: analysis.calls.map((call, i) => summarizeCall(call, summarizeGroup(analysis, i))),
    transactions: analysis.transactions.map((t) => ({
      method: t.method,
      callId: t.callId,
      startLine: t.startLine,
      finalStatus: t.finalStatus,
      finalReason: t.finalReason,
    })),
    totals,
    malformed,
    notices: analysis.notices.map((n) => n.message),
  };
}

/** Answer-seizure ratio: answered calls over all call attempts, or null with no calls. */
export function answerSeizureRatio(totals: OutcomeTotals): number | null {
  let attempts = 0;
  for (const outcome of OUTCOMES) attempts += totals[outcome];
  return attempts === 0 ? null : totals.answered / attempts;
}
