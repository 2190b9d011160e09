// One report over several trace files: the per-file summaries side by side, with totals.
// The JSON shape is DESIGN.md's: { files: [{ path, …summary }], totals, asr }. Each call appears
// once, under its file; the same Call-ID in two files stays two entries.
import { callsToCsv, csvCell, formatPercent, mdCode } from './report';
import { answerSeizureRatio, emptyTotals, type OutcomeTotals, type Summary } from './summary';
import { formatNumber, t, tn } from './l10n';
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

/** The file table's headings, in the language in use; outcome words stay as in JSON. */
function fileColumns(): string[] {
  return [t('File'), t('Format'), t('Messages'), t('Calls'), ...OUTCOMES, 'ASR'];
}

function fileRow(file: FileSummary): string[] {
  return [
    file.path,
    file.format,
    formatNumber(file.messages),
    formatNumber(file.calls.length),
    ...OUTCOMES.map((o) => formatNumber(file.totals[o])),
    formatPercent(answerSeizureRatio(file.totals)),
  ];
}

function totalsRow(multi: MultiSummary): string[] {
  return [
    tn(multi.files.length, '{0} file', '{0} files'),
    '',
    formatNumber(multi.files.reduce((n, f) => n + f.messages, 0)),
    formatNumber(multi.files.reduce((n, f) => n + f.calls.length, 0)),
    ...OUTCOMES.map((o) => formatNumber(multi.totals[o])),
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
  const titles = fileColumns();
  const widths = titles.map((t, i) => Math.max(t.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const rule = line(widths.map((w) => '-'.repeat(w)));
  const out = [line(titles), rule, ...rows.slice(0, -1).map(line), rule, line(rows[rows.length - 1])];
  for (const file of multi.files) for (const notice of file.notices) out.push(t('Note: {0}: {1}', printable(file.path), printable(notice)));
  return out.join('\n') + '\n';
}

export function multiToMarkdown(multi: MultiSummary): string {
  const calls = multi.files.reduce((n, f) => n + f.calls.length, 0);
  // English has always said `1 calls in 1 files` here; a translation's plural forms still apply.
  const heading = t('{0} in {1} · ASR {2}', tn(calls, '{0} calls', '{0} calls'), tn(multi.files.length, '{0} files', '{0} files'), formatPercent(multi.asr));
  const columns = fileColumns();
  const out = [`**${heading}**`, ''];
  out.push(`| ${columns.join(' | ')} |`, `|${columns.map(() => ' --- ').join('|')}|`);
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
