// Words for a trace file's figures, shared by the SIP Traces view and the workspace summary, in
// VS Code's display language (outcomes as the summary panel names them).

import * as vscode from 'vscode';
import { formatNumber } from '../../../server/src/analysis/l10n';
import { outcomeLabel } from '../../../server/src/analysis/outcomeWords';
import { formatPercent } from '../../../server/src/analysis/report';
import type { Outcome } from '../../../server/src/analysis/types';
import type { FailureKind, FileStats, OutcomeTotals, WorkspaceTraceFile } from '../../../server/src/protocol';
import { plural } from '../plural';

/** The outcomes of a file with at least one call, most frequent first (ties in vocabulary order). */
export function outcomeMix(totals: OutcomeTotals): [Outcome, number][] {
  return (Object.entries(totals) as [Outcome, number][]).filter(([, count]) => count > 0).sort((a, b) => b[1] - a[1]);
}

export function callCount(count: number): string {
  return plural(count, vscode.l10n.t('{0} call'), vscode.l10n.t('{0} calls'));
}

export function fileCount(count: number): string {
  return plural(count, vscode.l10n.t('{0} file'), vscode.l10n.t('{0} files'));
}

/** `42 calls · 31 answered · 6 failed · 2 busy`. */
export function statsLine(stats: FileStats): string {
  return [callCount(stats.calls), ...outcomeMix(stats.totals).map(([outcome, count]) => `${formatNumber(count)} ${outcomeLabel(outcome)}`)].join(' · ');
}

/** `74%` in the reader's way (`%74` in Turkish); `—` without calls. */
export function percentText(ratio: number | null): string {
  return formatPercent(ratio);
}

/** Reason phrases are the far end's words, of any length: this much of one is shown. */
const MAX_REASON = 60;

/** `503 Service Unavailable`, or the outcome where the call got no final response. */
export function failureName(kind: FailureKind): string {
  if (kind.status === null) return outcomeLabel(kind.outcome);
  if (!kind.reason) return String(kind.status);
  const reason = kind.reason.length > MAX_REASON ? `${kind.reason.slice(0, MAX_REASON - 1)}…` : kind.reason;
  return `${kind.status} ${reason}`;
}

/** `3 × 503 Service Unavailable, 1 × no-final`. */
export function failuresLine(failures: readonly FailureKind[]): string {
  return failures.map((f) => `${formatNumber(f.count)} × ${failureName(f)}`).join(', ');
}

export function sizeText(bytes: number): string {
  if (bytes < 1024) return vscode.l10n.t('{0} B', formatNumber(bytes));
  if (bytes < 1024 * 1024) return vscode.l10n.t('{0} KB', formatNumber(Math.round(bytes / 1024)));
  return vscode.l10n.t('{0} MB', formatNumber(Math.round(bytes / (1024 * 1024))));
}

/** Why a file has no figures, in words; undefined when it has them. */
export function notAnalysedLine(file: WorkspaceTraceFile): string | undefined {
  if (file.stats) return undefined;
  if (file.error) return vscode.l10n.t('could not be read');
  if (file.notAnalysed === 'too-large') return vscode.l10n.t('not analysed — too large ({0})', sizeText(file.size));
  if (file.notAnalysed === 'too-many') return vscode.l10n.t('not analysed — too many files');
  return undefined;
}
