// Words for a trace file's figures, shared by the SIP Traces view and the workspace summary.
// Outcome names stay the vocabulary of the summary JSON and the CLI (answered, busy, failed…).

import * as vscode from 'vscode';
import type { FailureKind, FileStats, OutcomeTotals, WorkspaceTraceFile } from '../../../server/src/protocol';

/** The outcomes of a file with at least one call, most frequent first (ties in vocabulary order). */
export function outcomeMix(totals: OutcomeTotals): [string, number][] {
  return Object.entries(totals)
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1]);
}

export function callCount(count: number): string {
  return count === 1 ? vscode.l10n.t('1 call') : vscode.l10n.t('{0} calls', count);
}

/** `42 calls · 31 answered · 6 failed · 2 busy`. */
export function statsLine(stats: FileStats): string {
  return [callCount(stats.calls), ...outcomeMix(stats.totals).map(([outcome, count]) => `${count} ${outcome}`)].join(' · ');
}

export function percentText(ratio: number | null): string {
  return ratio === null ? '—' : `${Math.round(ratio * 100)}%`;
}

/** Reason phrases are the far end's words, of any length: this much of one is shown. */
const MAX_REASON = 60;

/** `503 Service Unavailable`, or the outcome where the call got no final response. */
export function failureName(kind: FailureKind): string {
  if (kind.status === null) return kind.outcome;
  if (!kind.reason) return String(kind.status);
  const reason = kind.reason.length > MAX_REASON ? `${kind.reason.slice(0, MAX_REASON - 1)}…` : kind.reason;
  return `${kind.status} ${reason}`;
}

/** `3 × 503 Service Unavailable, 1 × no-final`. */
export function failuresLine(failures: readonly FailureKind[]): string {
  return failures.map((f) => `${f.count} × ${failureName(f)}`).join(', ');
}

export function sizeText(bytes: number): string {
  if (bytes < 1024) return vscode.l10n.t('{0} B', bytes);
  if (bytes < 1024 * 1024) return vscode.l10n.t('{0} KB', Math.round(bytes / 1024));
  return vscode.l10n.t('{0} MB', Math.round(bytes / (1024 * 1024)));
}

/** Why a file has no figures, in words; undefined when it has them. */
export function notAnalysedLine(file: WorkspaceTraceFile): string | undefined {
  if (file.stats) return undefined;
  if (file.error) return vscode.l10n.t('could not be read');
  if (file.notAnalysed === 'too-large') return vscode.l10n.t('not analysed — too large ({0})', sizeText(file.size));
  if (file.notAnalysed === 'too-many') return vscode.l10n.t('not analysed — too many files');
  return undefined;
}
