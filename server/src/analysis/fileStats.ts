// A trace file in a few figures: what the SIP Traces view and the workspace summary show per
// file — the format, the calls and their outcome mix, the ASR and the failures that need a look.
// The same per-file figures as a row of `sip-lens summary DIR`.
import { answerSeizureRatio, emptyTotals, type OutcomeTotals, type Summary } from './summary';
import { OUTCOMES, type Outcome } from './types';

/** Outcomes that point at a fault (not the callee's choice: busy, no answer, cancelled). */
export const FAILURE_OUTCOMES: readonly Outcome[] = ['failed', 'route-blocked', 'no-final'];
/** Kinds of failure listed per file, most frequent first. */
const MAX_FAILURE_KINDS = 5;

/** Failed calls that ended the same way. */
export interface FailureKind {
  outcome: Outcome;
  /** The final status, or null when the call got none. */
  status: number | null;
  reason: string | null;
  count: number;
}

export interface FileStats {
  format: string;
  messages: number;
  calls: number;
  totals: OutcomeTotals;
  /** Answered over all call attempts, or null with no calls. */
  asr: number | null;
  /** The failed calls (FAILURE_OUTCOMES) by final status and reason, most frequent first. */
  failures: FailureKind[];
  /** Notices about the file as a whole (truncated capture, encoding, …). */
  notices: string[];
}

export function fileStatsOf(summary: Summary): FileStats {
  const kinds = new Map<string, FailureKind>();
  for (const call of summary.calls) {
    if (!FAILURE_OUTCOMES.includes(call.outcome)) continue;
    const key = `${call.outcome}\n${call.finalStatus ?? ''}\n${call.finalReason ?? ''}`;
    const kind = kinds.get(key);
    if (kind) kind.count++;
    else kinds.set(key, { outcome: call.outcome, status: call.finalStatus, reason: call.finalReason, count: 1 });
  }
  const failures = [...kinds.values()].sort((a, b) => b.count - a.count || (a.status ?? 0) - (b.status ?? 0)).slice(0, MAX_FAILURE_KINDS);
  return {
    format: summary.format,
    messages: summary.messages,
    calls: summary.calls.length,
    totals: { ...summary.totals },
    asr: answerSeizureRatio(summary.totals),
    failures,
    notices: [...summary.notices],
  };
}

/** The totals over several files' figures, and the ASR over them all. */
export function combineFileStats(stats: readonly FileStats[]): { calls: number; messages: number; totals: OutcomeTotals; asr: number | null } {
  const totals = emptyTotals();
  let calls = 0;
  let messages = 0;
  for (const s of stats) {
    calls += s.calls;
    messages += s.messages;
    for (const outcome of OUTCOMES) totals[outcome] += s.totals[outcome];
  }
  return { calls, messages, totals, asr: answerSeizureRatio(totals) };
}
