// Plain-text renderings of a summary: a terminal table, Markdown and CSV.
// Shared by the CLI and the summary panel's export, so both say the same thing.
import { answerSeizureRatio, type Summary, type SummaryCall } from './summary';
import { OUTCOMES } from './types';

/** `1.2 s`, `850 ms`, `2 min 05 s`; an em dash for unknown. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}

export function formatPercent(ratio: number | null): string {
  return ratio === null ? '—' : `${Math.round(ratio * 100)}%`;
}

export interface ReportColumn {
  title: string;
  value: (call: SummaryCall) => string;
}

/** The call-list columns, in the order every report shows them. */
export const CALL_COLUMNS: readonly ReportColumn[] = [
  { title: 'Start', value: (c) => c.startTime ?? c.startClock ?? '' },
  { title: 'Line', value: (c) => String(c.startLine + 1) },
  { title: 'From', value: (c) => c.from },
  { title: 'To', value: (c) => c.to },
  { title: 'Outcome', value: (c) => c.outcome },
  { title: 'Final', value: (c) => (c.finalStatus === null ? '' : `${c.finalStatus} ${c.finalReason ?? ''}`.trim()) },
  { title: 'Cause', value: (c) => c.cause ?? '' },
  { title: 'Ended by', value: (c) => c.endedBy ?? '' },
  { title: 'Setup', value: (c) => (c.setupMs === null ? '' : formatDuration(c.setupMs)) },
  { title: 'PDD', value: (c) => (c.pddMs === null ? '' : formatDuration(c.pddMs)) },
  { title: 'Duration', value: (c) => (c.durationMs === null ? '' : formatDuration(c.durationMs)) },
  { title: 'Call-ID', value: (c) => c.callId },
];

/** One line of totals: `answered 3 · busy 1 · … · ASR 60%`. */
export function totalsLine(summary: Summary): string {
  const parts = OUTCOMES.filter((o) => summary.totals[o] > 0).map((o) => `${o} ${summary.totals[o]}`);
  const attempts = summary.calls.length;
  return `${attempts} call${attempts === 1 ? '' : 's'}${parts.length ? ': ' + parts.join(' · ') : ''} · ASR ${formatPercent(answerSeizureRatio(summary.totals))}`;
}

/** Control and bidirectional-override characters from a trace must not reach a terminal or a report. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?');
}

function clipCell(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

/** A fixed-width table for terminals. */
export function toTable(summary: Summary): string {
  const columns = CALL_COLUMNS.filter((c) => c.title !== 'Line');
  const rows = summary.calls.map((call) => columns.map((c) => clipCell(printable(c.value(call)), 40)));
  const widths = columns.map((c, i) => Math.max(c.title.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  const out = [`Format: ${summary.format} · ${summary.messages} messages${summary.malformed ? ` (${summary.malformed} malformed)` : ''}`];
  for (const notice of summary.notices) out.push(`Note: ${notice}`);
  if (rows.length > 0) {
    out.push('', line(columns.map((c) => c.title)), line(widths.map((w) => '-'.repeat(w))));
    for (const row of rows) out.push(line(row));
  }
  out.push('', totalsLine(summary));
  if (summary.transactions.length > 0) {
    const counts = new Map<string, number>();
    for (const t of summary.transactions) {
      const key = `${printable(t.method)} ${t.finalStatus ?? 'no final'}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    out.push(`Other transactions: ${[...counts].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
  }
  return out.join('\n') + '\n';
}

function markdownCell(text: string): string {
  return printable(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/([<>*_`[\]])/g, '\\$1');
}

export function toMarkdown(summary: Summary): string {
  const out = [`**${markdownCell(totalsLine(summary))}** (format: ${summary.format}, ${summary.messages} messages)`, ''];
  out.push(`| ${CALL_COLUMNS.map((c) => c.title).join(' | ')} |`);
  out.push(`|${CALL_COLUMNS.map(() => ' --- ').join('|')}|`);
  for (const call of summary.calls) out.push(`| ${CALL_COLUMNS.map((c) => markdownCell(c.value(call))).join(' | ')} |`);
  return out.join('\n') + '\n';
}

function csvCell(text: string): string {
  // A leading = + - @ would make a spreadsheet evaluate the cell: trace text must stay text.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV with a header row; durations in milliseconds for spreadsheets. */
export function toCsv(summary: Summary): string {
  const header = ['callId', 'startTime', 'line', 'from', 'to', 'outcome', 'finalStatus', 'finalReason', 'cause', 'endedBy', 'setupMs', 'pddMs', 'durationMs'];
  const rows = summary.calls.map((c) =>
    [c.callId, c.startTime ?? c.startClock ?? '', String(c.startLine + 1), c.from, c.to, c.outcome, c.finalStatus === null ? '' : String(c.finalStatus), c.finalReason ?? '', c.cause ?? '', c.endedBy ?? '', String(c.setupMs ?? ''), String(c.pddMs ?? ''), String(c.durationMs ?? '')].map(csvCell).join(','),
  );
  return [header.join(','), ...rows].join('\r\n') + '\r\n';
}
