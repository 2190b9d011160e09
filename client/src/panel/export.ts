// CSV and Markdown renderings of a summary, for "Save as CSV" and "Copy as Markdown". Pure.
// Trace strings are untrusted: CSV cells are guarded against spreadsheet formulas and Markdown
// puts every trace string in a code span, so a pasted report holds no live links or markup.

import * as l10n from '@vscode/l10n';
import type { Summary } from '../../../server/src/protocol';
import { formatNumber } from '../../../server/src/analysis/l10n';
import { outcomeWithLabel } from '../../../server/src/analysis/outcomeWords';
import { OUTCOMES } from '../../../server/src/analysis/types';
import { callsToCsv, formatDuration, mdCode } from '../../../server/src/analysis/report';
import { buildPanelView, DEFAULT_QUERY, selectEntries, traceFacts, type RowQuery } from './viewModel';

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
  out.push(`## ${l10n.t('SIP call summary: {0}', mdCode(title))}`, '');
  out.push(traceFacts(summary, '`'), '');
  if (view.callCount === 0) {
    out.push(l10n.t('No calls (no initial INVITE) in this trace.'), '');
    return out.join('\n');
  }
  const count = (n: number) => formatNumber(n);
  out.push(`### ${l10n.t('Outcomes')}`, '');
  out.push(
    ...table(
      [l10n.t('Outcome'), l10n.t('Calls'), l10n.t('Share')],
      OUTCOMES.map((o, i) => [outcomeWithLabel(o, '`'), count(view.outcomes[i].count), view.outcomes[i].shareText]),
    ),
  );
  out.push('', `### ${l10n.t('Key figures')}`, '');
  out.push(...table([l10n.t('Figure'), l10n.t('Value')], view.kpis.map((k) => [k.label, k.value])));
  out.push('', `### ${l10n.t('Final responses')}`, '');
  out.push(
    ...table(
      [l10n.t('Code'), l10n.t('Calls'), l10n.t('Reason phrases'), l10n.t('Causes')],
      view.codes.map((c) => [
        c.code === 'none' ? l10n.t('no final') : c.code,
        count(c.count),
        c.reasons.map((r) => `${mdCode(r.text)} ×${count(r.count)}`).join(', '),
        c.causes.map((r) => `${mdCode(r.text)} ×${count(r.count)}`).join(', '),
      ]),
    ),
  );
  if (view.findings.length > 0) {
    out.push('', `### ${l10n.t('Findings')}`, '');
    out.push(
      ...table(
        [l10n.t('Finding'), l10n.t('Severity'), l10n.t('Calls and transactions')],
        view.findings.map((f) => [`\`${f.code}\``, f.severity, count(f.count)]),
      ),
    );
  }
  if (view.routeBlocked) {
    out.push('', `### ${l10n.t('Route-blocked numbers')}`, '');
    out.push(
      l10n.t('A 9xx answer means the dialled number’s prefix is outside the gateway’s allowed directions: local configuration, not the carrier.'),
      '',
    );
    out.push(
      ...table(
        [l10n.t('Shared prefix'), l10n.t('Calls'), l10n.t('Numbers')],
        view.routeBlocked.groups.map((g) => [
          g.shared ? mdCode(g.prefix) : '—',
          count(g.calls),
          g.numbers.map((n) => `${mdCode(n.text)}${n.count > 1 ? ` ×${count(n.count)}` : ''}`).join(', '),
        ]),
      ),
    );
  }
  const rows = selectEntries(summary, { ...query, showTransactions: false });
  const heading =
    rows.length > MARKDOWN_MAX_CALLS ? l10n.t('Calls (first {0} of {1})', count(MARKDOWN_MAX_CALLS), count(rows.length)) : l10n.t('Calls');
  out.push('', `### ${heading}`, '');
  out.push(
    ...table(
      [
        l10n.t('Time'),
        l10n.t('From'),
        l10n.t('To'),
        l10n.t('Outcome'),
        l10n.t('Final'),
        l10n.t('Cause'),
        l10n.t('Hung up'),
        l10n.t('Setup'),
        'PDD',
        l10n.t('Duration'),
        l10n.t('Line'),
        l10n.t('Findings'),
        l10n.t('Verdict'),
      ],
      rows.slice(0, MARKDOWN_MAX_CALLS).map((row) => {
        const call = summary.calls[row.index];
        return [
          mdCode(row.time),
          mdCode(call.from),
          mdCode(call.to),
          `\`${call.outcome}\``,
          mdCode(row.final),
          mdCode(call.cause),
          row.endedBy,
          formatDuration(call.setupMs),
          formatDuration(call.pddMs),
          formatDuration(call.durationMs),
          count(call.startLine + 1),
          row.findings.map((code) => `\`${code}\``).join(', '),
          mdCode(call.verdict),
        ];
      }),
    ),
  );
  out.push('');
  return out.join('\n');
}
