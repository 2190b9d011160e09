// CSV and Markdown renderings of a summary, for "Save as CSV" and "Copy as Markdown". Pure.
// Trace strings are untrusted: CSV cells are guarded against spreadsheet formulas and Markdown
// puts every trace string in a code span, so a pasted report holds no live links or markup.

import type { Summary } from '../../../server/src/protocol';
import { OUTCOMES } from '../../../server/src/analysis/types';
import { callsToCsv, formatDuration, mdCode } from '../../../server/src/analysis/report';
import { buildPanelView, DEFAULT_QUERY, selectEntries, type RowQuery } from './viewModel';

export { csvCell, mdCode } from '../../../server/src/analysis/report';

/** The calls the query selects (all calls by default), as CSV. */
export function summaryToCsv(summary: Summary, query: RowQuery = DEFAULT_QUERY): string {
  return callsToCsv(selectEntries(summary, { ...query, showTransactions: false }).map((row) => summary.calls[row.index]));
}

// ---------------------------------------------------------------------------------------------
// Markdown (GitHub flavoured tables)

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
  if (view.findings.length > 0) {
    out.push('', '### Findings', '');
    out.push(...table(['Finding', 'Severity', 'Calls and transactions'], view.findings.map((f) => [`\`${f.code}\``, f.severity, String(f.count)])));
  }
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
      ['Time', 'From', 'To', 'Outcome', 'Final', 'Cause', 'Hung up', 'Setup', 'PDD', 'Duration', 'Line', 'Findings', 'Verdict'],
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
          row.findings.map((code) => `\`${code}\``).join(', '),
          mdCode(call.verdict),
        ];
      }),
    ),
  );
  out.push('');
  return out.join('\n');
}
