// One report over several trace files: the per-file summaries side by side, with totals.
// The JSON shape is DESIGN.md's: { files: [{ path, …summary }], totals, asr }. Each call appears
// once, under its file; the same Call-ID in two files stays two entries.
import { callsToCsv, csvCell, formatPercent, mdCode } from './report';
import { answerSeizureRatio, emptyTotals, type OutcomeTotals, type Summary } from './summary';
import { OUTCOMES } from './types';

export interface FileSummary extends Summary {
  path: string;
}

export interface MultiSummary {
  files: FileSummary[];
  totals: OutcomeTotals;
  /** Answered over all call attempts in every file, or null with no calls. */
  asr: number | null;
}

export function combineSummaries(files: readonly { path: string; summary: Summary }[]): MultiSummary {
  const totals = emptyTotals();
  for (const { summary } of files) for (const outcome of OUTCOMES) totals[outcome] += summary.totals[outcome];
  return {
    files: files.map(({ path, summary }) => ({ path, ...summary })),
    totals,
    asr: answerSeizureRatio(totals),
  };
}

const FILE_COLUMNS = ['File', 'Format', 'Messages', 'Calls', ...OUTCOMES, 'ASR'] as const;

function fileRow(file: FileSummary): string[] {
  return [
    file.path,
    file.format,
    String(file.messages),
    String(file.calls.length),
    ...OUTCOMES.map((o) => String(file.totals[o])),
    formatPercent(answerSeizureRatio(file.totals)),
  ];
}

function totalsRow(multi: MultiSummary): string[] {
  return [
    `${multi.files.length} file${multi.files.length === 1 ? '' : 's'}`,
    '',
    String(multi.files.reduce((n, f) => n + f.messages, 0)),
    String(multi.files.reduce((n, f) => n + f.calls.length, 0)),
    ...OUTCOMES.map((o) => String(multi.totals[o])),
    formatPercent(multi.asr),
  ];
}

/** Control and bidirectional-override characters from a file name must not reach a terminal. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?');
}

/** A fixed-width table: one row per file, then the totals, then the files' notices. */
export function multiToTable(multi: MultiSummary): string {
  const rows = [...multi.files.map(fileRow), totalsRow(multi)].map((r) => r.map(printable));
  const titles = [...FILE_COLUMNS];
  const widths = titles.map((t, i) => Math.max(t.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const rule = line(widths.map((w) => '-'.repeat(w)));
  const out = [line(titles), rule, ...rows.slice(0, -1).map(line), rule, line(rows[rows.length - 1])];
  for (const file of multi.files) for (const notice of file.notices) out.push(`Note: ${printable(file.path)}: ${printable(notice)}`);
  return out.join('\n') + '\n';
}

export function multiToMarkdown(multi: MultiSummary): string {
  const out = [`**${totalsRow(multi)[3]} calls in ${multi.files.length} files · ASR ${formatPercent(multi.asr)}**`, ''];
  out.push(`| ${FILE_COLUMNS.join(' | ')} |`, `|${FILE_COLUMNS.map(() => ' --- ').join('|')}|`);
  for (const file of multi.files) out.push(`| ${fileRow(file).map((cell, i) => (i === 0 ? mdCode(cell) : cell)).join(' | ')} |`);
  out.push(`| ${totalsRow(multi).map((cell) => `**${cell}**`.replace('****', '')).join(' | ')} |`);
  return out.join('\n') + '\n';
}

/** The calls of every file as CSV, with the file as the first column. */
export function multiToCsv(multi: MultiSummary): string {
  const lines: string[] = [];
  multi.files.forEach((file, i) => {
    const rows = callsToCsv(file.calls).split('\r\n').filter(Boolean);
    if (i === 0 || lines.length === 0) lines.push(`file,${rows[0]}`);
    for (const row of rows.slice(1)) lines.push(`${csvCell(file.path)},${row}`);
  });
  if (lines.length === 0) lines.push(`file,${callsToCsv([]).trimEnd()}`);
  return lines.join('\r\n') + '\r\n';
}
