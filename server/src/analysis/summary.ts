// The per-file summary: the ★ contract shared by the `sipLens/summary` request and `cli --json`.
import type { LegRole, LinkKind } from './legs/types';
import type { Fault, Finding, FindingCode, FindingSeverity } from './findings/types';
import { OUTCOMES, type Call, type FileFormat, type Outcome, type Side, type TraceAnalysis } from './types';

/** A finding as the summary shows it: lines are 0-based start lines of first copies. */
export interface SummaryFinding {
  code: FindingCode;
  severity: FindingSeverity;
  line: number;
  message: string;
  /** Start lines of the other messages that show the evidence. */
  relatedLines: number[];
  /** Where to look first: `local` (this side), `remote` (the far side), `network`, or `none`. */
  fault: Fault;
}

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
  /** The log gives whole seconds only: setupMs, pddMs and durationMs are good to ±1 s. */
  wholeSeconds?: boolean;
  /** True when the local side placed the call. */
  outgoing: boolean;
  /** Messages of this Call-ID in the trace (retransmissions included). */
  messageCount: number;
  findings: SummaryFinding[];
  /** One sentence: what happened and what to check. */
  verdict: string;
  /**
   * 1-based frame (as Wireshark numbers them) of the first INVITE and of the final response
   * (null when none): present for captures and their rendered text, whose markers carry frames.
   */
  startFrame?: number;
  finalFrame?: number | null;
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
  findings: SummaryFinding[];
}

export type OutcomeTotals = Record<Outcome, number>;

export interface Summary {
  format: FileFormat;
  /** Captures only: the layers SIP was found inside, outermost first (`ethernet`, `ipv4`, `udp`…). */
  encapsulations?: string[];
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

function summarizeFindings(analysis: TraceAnalysis, findings: readonly Finding[]): SummaryFinding[] {
  const lineOf = (index: number) => analysis.messages[index].frame.startLine;
  return findings.map((f) => ({
    code: f.code,
    severity: f.severity,
    line: lineOf(f.at),
    message: f.message,
    relatedLines: f.related.map(lineOf),
    fault: f.fault,
  }));
}

function summarizeCall(analysis: TraceAnalysis, call: Call, group: SummaryGroup | null): SummaryCall {
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
    wholeSeconds: call.wholeSeconds,
    outgoing: call.outgoing,
    messageCount: call.messages.length,
    findings: summarizeFindings(analysis, call.findings),
    verdict: call.verdict,
    group,
    ...frames(call, analysis.messages),
  };
}

function frames(call: Call, messages: TraceAnalysis['messages']): Pick<SummaryCall, 'startFrame' | 'finalFrame'> {
  const startFrame = messages[call.firstInvite]?.frame.frame;
  if (startFrame === undefined) return {};
  const finalFrame = call.finalResponse !== undefined ? (messages[call.finalResponse]?.frame.frame ?? null) : null;
  return { startFrame, finalFrame };
}

/** The summary of a trace; `encapsulations` is given for packet captures. */
export function summarize(analysis: TraceAnalysis, encapsulations?: string[]): Summary {
  const totals = emptyTotals();
  for (const call of analysis.calls) totals[call.outcome]++;
  let malformed = 0;
  for (const message of analysis.messages) if (message.sip.problems.length > 0) malformed++;
  return {
    format: analysis.format,
    ...(encapsulations ? { encapsulations } : {}),
    messages: analysis.messages.length,
    calls: analysis.calls.map((call, i) => summarizeCall(analysis, call, summarizeGroup(analysis, i))),
    transactions: analysis.transactions.map((t) => ({
      method: t.method,
      callId: t.callId,
      startLine: t.startLine,
      finalStatus: t.finalStatus,
      finalReason: t.finalReason,
      findings: summarizeFindings(analysis, t.findings),
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
