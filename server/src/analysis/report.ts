// Plain-text renderings of a summary: a terminal table, Markdown and CSV.
// Shared by the CLI and the summary panel's export, so both say the same thing.
import { answerSeizureRatio, type Summary, type SummaryCall } from './summary';
import { formatNumber, t, tn } from './l10n';
import { outcomeWithLabel } from './outcomeWords';
import { OUTCOMES } from './types';

/** Human-readable duration: `350 ms`, `12.3 s`, `4 m 05 s`, `1 h 04 m`; `—` for unknown. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const value = Math.max(0, Math.round(ms));
  if (value < 1000) return t('{0} ms', formatNumber(value));
  if (value < 60_000) return t('{0} s', formatNumber(value / 1000, 1));
  const totalSeconds = Math.round(value / 1000);
  if (totalSeconds < 3600) {
    const minutes = Math.floor(totalSeconds / 60);
    return t('{0} m {1} s', minutes, String(totalSeconds % 60).padStart(2, '0'));
  }
  const totalMinutes = Math.round(totalSeconds / 60);
  return t('{0} h {1} m', formatNumber(Math.floor(totalMinutes / 60)), String(totalMinutes % 60).padStart(2, '0'));
}

export function formatPercent(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  return t('{0}%', Math.round(ratio * 100));
}

export interface ReportColumn {
  /** Stable name of the column (the English title). */
  key: string;
  /** The heading in the reader's language. */
  readonly title: string;
  value: (call: SummaryCall) => string;
}

/** A column whose heading is looked up when shown, in the language in use then. */
function column(key: string, heading: () => string, value: (call: SummaryCall) => string): ReportColumn {
  return {
    key,
    get title() {
      return heading();
    },
    value,
  };
}

/** The call-list columns, in the order every report shows them. */
export const CALL_COLUMNS: readonly ReportColumn[] = [
  column('Start', () => t('Start'), (c) => c.startTime ?? c.startClock ?? ''),
  column('Line', () => t('Line'), (c) => String(c.startLine + 1)),
  column('From', () => 'From', (c) => c.from),
  column('To', () => 'To', (c) => c.to),
  column('Outcome', () => t('Outcome'), (c) => outcomeWithLabel(c.outcome)),
  column('Final', () => t('Final'), (c) => (c.finalStatus === null ? '' : `${c.finalStatus} ${c.finalReason ?? ''}`.trim())),
  column('Cause', () => t('Cause'), (c) => c.cause ?? ''),
  column('Ended by', () => t('Ended by'), (c) => (c.endedBy === null ? '' : c.endedBy === 'local' ? t('local') : t('remote'))),
  column('Setup', () => t('Setup'), (c) => (c.setupMs === null ? '' : formatDuration(c.setupMs))),
  column('PDD', () => 'PDD', (c) => (c.pddMs === null ? '' : formatDuration(c.pddMs))),
  column('Duration', () => t('Duration'), (c) => (c.durationMs === null ? '' : formatDuration(c.durationMs))),
  column('Findings', () => t('Findings'), (c) => findingCodes(c)),
  column('Call-ID', () => 'Call-ID', (c) => c.callId),
];

/** The distinct finding codes of a call, in file order: `auth-rejected, retry-after`. */
export function findingCodes(call: Pick<SummaryCall, 'findings'>): string {
  return [...new Set((call.findings ?? []).map((f) => f.code))].join(', ');
}

/** Most findings listed under the table; the JSON output has them all. */
const FINDINGS_SHOWN = 200;

/** The findings section of the terminal report: each call's verdict and its findings with lines. */
function findingsSection(summary: Summary): string[] {
  const out: string[] = [];
  let shown = 0;
  let hidden = 0;
  for (const call of summary.calls) {
    if (call.findings.length === 0) continue;
    if (shown >= FINDINGS_SHOWN) {
      hidden += call.findings.length;
      continue;
    }
    out.push(`${printable(call.callId)} (${t('line {0}', call.startLine + 1)}): ${printable(call.verdict)}`);
    for (const f of call.findings) {
      out.push(`  ${t('line {0}', f.line + 1)}  ${f.code} (${f.severity}): ${printable(f.message)}`);
      shown++;
    }
  }
  for (const tx of summary.transactions) {
    for (const f of tx.findings ?? []) {
      if (shown >= FINDINGS_SHOWN) {
        hidden++;
        continue;
      }
      out.push(`${printable(tx.method)} ${printable(tx.callId)}: ${t('line {0}', f.line + 1)}  ${f.code} (${f.severity}): ${printable(f.message)}`);
      shown++;
    }
  }
  if (hidden > 0) out.push(t('… and {0} more (see --json)', formatNumber(hidden)));
  return out.length > 0 ? ['', t('Findings:'), ...out] : [];
}

/** One line of totals: `answered 3 · busy 1 · … · ASR 60%`. */
export function totalsLine(summary: Summary): string {
  const parts = OUTCOMES.filter((o) => summary.totals[o] > 0).map((o) => `${outcomeWithLabel(o)} ${formatNumber(summary.totals[o])}`);
  const attempts = summary.calls.length;
  const calls = tn(attempts, '{0} call', '{0} calls');
  return `${calls}${parts.length ? ': ' + parts.join(' · ') : ''} · ASR ${formatPercent(answerSeizureRatio(summary.totals))}`;
}

/** Control and bidirectional-override characters from a trace must not reach a terminal or a report. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?');
}

function clipCell(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

/** Groups of legs numbered in the order their first leg appears: group id → number. */
function groupNumbers(calls: readonly SummaryCall[]): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const call of calls) if (call.group && !numbers.has(call.group.id)) numbers.set(call.group.id, numbers.size + 1);
  return numbers;
}

/** A leg's role for the reader; the role word itself (`inbound`) stays in JSON. */
function roleWords(role: string): string {
  return role === 'inbound' ? t('inbound') : role === 'outbound' ? t('outbound') : role === 'unknown' ? t('unknown role') : role;
}

/** The call-list columns, with a `Leg` column (`#1 inbound`) when some calls are legs of one call. */
export function callColumns(calls: readonly SummaryCall[]): readonly ReportColumn[] {
  const numbers = groupNumbers(calls);
  if (numbers.size === 0) return CALL_COLUMNS;
  const leg = column('Leg', () => t('Leg'), (c) => (c.group ? `#${numbers.get(c.group.id)} ${roleWords(c.group.role)}` : ''));
  return [...CALL_COLUMNS.slice(0, 4), leg, ...CALL_COLUMNS.slice(4)];
}

/** One line per group of legs: how they were linked and what the near leg passed on. */
export function groupLines(calls: readonly SummaryCall[]): string[] {
  const numbers = groupNumbers(calls);
  const out: string[] = [];
  for (const [id, n] of numbers) {
    const legs = calls.filter((c) => c.group?.id === id);
    const group = legs[0].group!;
    let line = t('Call #{0}: {1} linked by {2} ({3})', n, tn(group.legs.length, '{0} leg', '{0} legs'), group.linkedBy, group.legs.join(', '));
    for (const leg of legs) {
      const d = leg.group?.decisive;
      if (d && leg.finalStatus !== null) line += t('; {0} on {1} passed on from {2} at line {3}', leg.finalStatus, leg.callId, `${d.status ?? '?'} ${d.reason ?? ''}`, d.line + 1).trimEnd();
    }
    out.push(printable(line));
  }
  return out;
}

/** A fixed-width table for terminals. */
export function toTable(summary: Summary): string {
  const columns = callColumns(summary.calls).filter((c) => c.key !== 'Line');
  // A capture's calls are found in Wireshark by frame number.
  if (summary.calls.some((c) => c.startFrame !== undefined)) columns.splice(1, 0, column('Frame', () => t('Frame'), (c) => (c.startFrame === undefined ? '' : String(c.startFrame))));
  const rows = summary.calls.map((call) => columns.map((c) => clipCell(printable(c.value(call)), 40)));
  const widths = columns.map((c, i) => Math.max(c.title.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  const layers = summary.encapsulations?.length ? ` (${summary.encapsulations.join(', ')})` : '';
  const out = [
    t('Format: {0} · {1} messages', `${summary.format}${layers}`, formatNumber(summary.messages)) +
      (summary.malformed ? t(' ({0} malformed)', formatNumber(summary.malformed)) : ''),
  ];
  for (const notice of summary.notices) out.push(t('Note: {0}', notice));
  if (rows.length > 0) {
    out.push('', line(columns.map((c) => c.title)), line(widths.map((w) => '-'.repeat(w))));
    for (const row of rows) out.push(line(row));
  }
  const groups = groupLines(summary.calls);
  if (groups.length > 0) out.push('', ...groups);
  out.push(...findingsSection(summary));
  out.push('', totalsLine(summary));
  if (summary.transactions.length > 0) {
    const counts = new Map<string, number>();
    const noFinal = t('no final');
    for (const tx of summary.transactions) {
      const key = `${printable(tx.method)} ${tx.finalStatus ?? noFinal}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    out.push(t('Other transactions: {0}', [...counts].map(([k, n]) => `${k} ×${formatNumber(n)}`).join(', ')));
  }
  return out.join('\n') + '\n';
}

/** A trace string as an inline code span that is safe inside a Markdown table cell: no live markup. */
export function mdCode(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const text = printable(value).replace(/\|/g, '\\|');
  let longestRun = 0;
  for (const run of text.match(/`+/g) ?? []) longestRun = Math.max(longestRun, run.length);
  const fence = '`'.repeat(longestRun + 1);
  // A space inside the fence keeps backticks at either end from merging with it.
  return longestRun > 0 || text.startsWith(' ') || text.endsWith(' ') ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

export function toMarkdown(summary: Summary): string {
  const out = [`**${totalsLine(summary)}** ${t('(format: {0}, {1} messages)', summary.format, formatNumber(summary.messages))}`, ''];
  const columns = callColumns(summary.calls);
  out.push(`| ${columns.map((c) => c.title).join(' | ')} |`);
  out.push(`|${columns.map(() => ' --- ').join('|')}|`);
  for (const call of summary.calls) out.push(`| ${columns.map((c) => mdCode(c.value(call))).join(' | ')} |`);
  const groups = groupLines(summary.calls);
  if (groups.length > 0) out.push('', ...groups.map((g) => `- ${g.replace(/[\\`*_[\]<>|]/g, '\\$&')}`));
  const verdicts = summary.calls.filter((c) => c.verdict);
  if (verdicts.length > 0) {
    out.push('', `**${t('Verdicts')}**`, '');
    for (const call of verdicts) out.push(`- ${t('line {0}', call.startLine + 1)} ${mdCode(call.callId)}: ${mdCode(call.verdict)}`);
  }
  return out.join('\n') + '\n';
}

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (leading `=`, `+`, `-`, `@`, tab
 * or CR) gets a leading apostrophe — except plain numbers such as `+4930123`, which spreadsheets
 * read as numbers anyway and which users want to see unchanged.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && !/^[+-]?[\d .()-]+$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const CSV_COLUMNS = ['callId', 'startTime', 'startClock', 'line', 'from', 'to', 'outcome', 'finalStatus', 'finalReason', 'cause', 'endedBy', 'setupMs', 'pddMs', 'durationMs', 'findings', 'verdict'] as const;

/** RFC 4180 CSV of calls with a header row; `line` is 1-based, durations in milliseconds. */
export function callsToCsv(calls: readonly SummaryCall[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const call of calls) {
    const cells: Record<(typeof CSV_COLUMNS)[number], string | number | null> = {
      callId: call.callId,
      startTime: call.startTime,
      startClock: call.startClock,
      line: call.startLine + 1,
      from: call.from,
      to: call.to,
      outcome: call.outcome,
      finalStatus: call.finalStatus,
      finalReason: call.finalReason,
      cause: call.cause,
      endedBy: call.endedBy,
      setupMs: call.setupMs,
      pddMs: call.pddMs,
      durationMs: call.durationMs,
      findings: findingCodes(call),
      verdict: call.verdict ?? '',
    };
    lines.push(CSV_COLUMNS.map((column) => csvCell(cells[column])).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
