// CSV and Markdown renderings of a summary, for "Save as CSV" and "Copy as Markdown". Pure.
// Trace strings are untrusted: CSV cells are guarded against spreadsheet formulas and Markdown
// puts every trace string in a code span, so a pasted report holds no live links or markup.

import type { Summary } from '../../../server/src/protocol';
import { OUTCOMES } from '../../../server/src/analysis/types';
import { buildPanelView, DEFAULT_QUERY, formatDuration, selectEntries, type RowQuery } from './viewModel';

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180)

const CSV_COLUMNS = [
  'callId',
  'startTime',
  'startClock',
  'line',
  'from',
  'to',
  'outcome',
  'finalStatus',
  'finalReason',
  'cause',
  'endedBy',
  'setupMs',
  'pddMs',
  'durationMs',
] as const;

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

/** The calls the query selects (all calls by default), one row each, header first, CRLF line ends. */
export function summaryToCsv(summary: Summary, query: RowQuery = DEFAULT_QUERY): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of selectEntries(summary, { ...query, showTransactions: false })) {
    const call = summary.calls[row.index];
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
    };
    lines.push(CSV_COLUMNS.map((column) => csvCell(cells[column])).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

// ---------------------------------------------------------------------------------------------
// Markdown (GitHub flavoured tables)

/** A trace string as an inline code span that is safe inside a table cell. */
export function mdCode(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const text = value.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
  let longestRun = 0;
  for (const run of text.match(/`+/g) ?? []) longestRun = Math.max(longestRun, run.length);
  const fence = '`'.repeat(longestRun + 1);
  // A space inside the fence keeps backticks at either end from merging with it.
  return longestRun > 0 || text.startsWith(' ') || text.endsWith(' ') ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

/** Calls listed in the Markdown report; the CSV has them all. */
export const MARKDOWN_MAX_CALLS = 500;

/**
 * A report to paste into a ticket: totals, KPIs, final codes, route-blocked numbers and the
 * calls the query selects. `title` is the file name (shown as a code span).
 */
export function summaryToMarkdown(summary: Summary, title: string, query: RowQuery = DEFAULT_QUERY): string {
  const view = buildPanelView(summary, title);
  const out: string[] = [];
  out.push(`## SIP call summary: ${mdCode(title)}`, '');
  out.push(
    `Format \`${view.format}\` · ${view.messages} messages · ${view.callCount} calls · ${view.transactionCount} other transactions` +
      (view.malformed > 0 ? ` · ${view.malformed} malformed` : ''),
    '',
  );
  if (view.callCount === 0) {
    out.push('No calls (no initial INVITE) in this trace.', '');
    return out.join('\n');
  }
  out.push('### Outcomes', '');
  out.push(...table(['Outcome', 'Calls', 'Share'], OUTCOMES.map((o, i) => [`\`${o}\``, String(view.outcomes[i].count), view.outcomes[i].shareText])));
  out.push('', '### Key figures', '');
  out.push(...table(['Figure', 'Value'], view.kpis.map((k) => [k.label, k.value])));
  out.push('', '### Final responses', '');
  out.push(
    ...table(
      ['Code', 'Calls', 'Reason phrases', 'Causes'],
      view.codes.map((c) => [
        c.code === 'none' ? 'no final' : c.code,
        String(c.count),
        c.reasons.map((r) => `${mdCode(r.text)} ×${r.count}`).join(', '),
        c.causes.map((r) => `${mdCode(r.text)} ×${r.count}`).join(', '),
      ]),
    ),
  );
  if (view.routeBlocked) {
    out.push('', '### Route-blocked numbers', '');
    out.push(
      'A 9xx answer means the dialled number’s prefix is outside the gateway’s allowed directions: local configuration, not the carrier.',
      '',
    );
    out.push(
      ...table(
        ['Shared prefix', 'Calls', 'Numbers'],
        view.routeBlocked.groups.map((g) => [
          g.shared ? mdCode(g.prefix) : '—',
          String(g.calls),
          g.numbers.map((n) => `${mdCode(n.text)}${n.count > 1 ? ` ×${n.count}` : ''}`).join(', '),
        ]),
      ),
    );
  }
  const rows = selectEntries(summary, { ...query, showTransactions: false });
  out.push('', `### Calls${rows.length > MARKDOWN_MAX_CALLS ? ` (first ${MARKDOWN_MAX_CALLS} of ${rows.length})` : ''}`, '');
  out.push(
    ...table(
      ['Time', 'From', 'To', 'Outcome', 'Final', 'Cause', 'Hung up', 'Setup', 'PDD', 'Duration', 'Line'],
      rows.slice(0, MARKDOWN_MAX_CALLS).map((row) => {
        const call = summary.calls[row.index];
        return [
          mdCode(row.time),
          mdCode(call.from),
          mdCode(call.to),
          `\`${call.outcome}\``,
          mdCode(row.final),
          mdCode(call.cause),
          call.endedBy ?? '',
          formatDuration(call.setupMs),
          formatDuration(call.pddMs),
          formatDuration(call.durationMs),
          String(call.startLine + 1),
        ];
      }),
    ),
  );
  out.push('');
  return out.join('\n');
}
