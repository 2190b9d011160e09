// The summary panel's view model: turns the server's Summary and CallFlow into plain,
// pre-formatted data the webview only has to draw. Pure (no vscode import) so every number
// the user sees can be unit-tested; the webview script stays a thin renderer. Every word is in
// the language the extension chose at activation (English by default).

import * as l10n from '@vscode/l10n';
import type { CallFlow, CallFlowArrow, Summary, SummaryCall, SummaryTransaction } from '../../../server/src/protocol';
import { formatNumber, intlLocale } from '../../../server/src/analysis/l10n';
import { plural } from '../plural';
import { outcomeLabel } from '../../../server/src/analysis/outcomeWords';
import { formatDuration, formatPercent } from '../../../server/src/analysis/report';
import { OUTCOMES, type Outcome } from '../../../server/src/analysis/types';
import { panelText, type PanelText } from './text';

// ---------------------------------------------------------------------------------------------
// Formatting helpers

/** Status classes the webview colours; one CSS class each. */
export type StatusClass =
  | 'provisional'
  | 'success'
  | 'redirect'
  | 'client-error'
  | 'server-error'
  | 'global-failure'
  | 'route-blocked'
  | 'nonstandard'
  | 'none';

export function statusClass(status: number | null | undefined): StatusClass {
  if (status === null || status === undefined || !Number.isFinite(status)) return 'none';
  if (status >= 100 && status < 200) return 'provisional';
  if (status >= 200 && status < 300) return 'success';
  if (status >= 300 && status < 400) return 'redirect';
  if (status >= 400 && status < 500) return 'client-error';
  if (status >= 500 && status < 600) return 'server-error';
  if (status >= 600 && status < 700) return 'global-failure';
  if (status >= 900 && status < 1000) return 'route-blocked';
  return 'nonstandard';
}

export { formatDuration, formatPercent } from '../../../server/src/analysis/report';

/** Time of day shown in the table: the trace's clock, else the ISO time's clock part. */
export function callClock(call: Pick<SummaryCall, 'startTime' | 'startClock'>): string {
  if (call.startClock) return call.startClock;
  if (call.startTime) {
    const match = /T(\d{2}:\d{2}:\d{2}(?:\.\d+)?)/.exec(call.startTime);
    if (match) return match[1];
  }
  return '';
}

/**
 * The trace's date and time for the reader: the date in the language's words (`21 нояб. 2026 г.`),
 * then the clock as the trace gives it, to the millisecond. The trace's clock is shown as it is
 * (no time zone is applied: a log's times are its host's).
 */
export function formatTraceTime(call: Pick<SummaryCall, 'startTime' | 'startClock'>): string {
  const parsed = call.startTime ? Date.parse(call.startTime) : NaN;
  if (!Number.isFinite(parsed)) return call.startTime ?? call.startClock ?? l10n.t('no time in trace');
  const date = new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(parsed);
  return `${date} ${callClock(call)}`;
}

/** Milliseconds usable for sorting by start time, or null when the trace gives no time. */
function callTimeKey(call: SummaryCall): number | null {
  if (call.startTime) {
    const parsed = Date.parse(call.startTime);
    if (Number.isFinite(parsed)) return parsed;
  }
  if (call.startClock) {
    const match = /^(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?/.exec(call.startClock);
    if (match) {
      const fraction = match[4] ? Number(`0.${match[4]}`) : 0;
      return ((Number(match[1]) * 60 + Number(match[2])) * 60 + Number(match[3]) + fraction) * 1000;
    }
  }
  return null;
}

function finalText(status: number | null, reason: string | null): string {
  if (status === null) return '';
  return reason ? `${status} ${reason}` : String(status);
}

function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Words for each outcome, as shown in the panel (the vocabulary word itself stays visible). */
export function outcomeDescription(outcome: Outcome): string {
  switch (outcome) {
    case 'answered':
      return l10n.t('answered (2xx)');
    case 'busy':
      return l10n.t('busy (486 / 600)');
    case 'redirected':
      return l10n.t('redirected (3xx)');
    case 'route-blocked':
      return l10n.t('route blocked (9xx): the number’s prefix is outside the gateway’s allowed directions — local configuration');
    case 'no-answer':
      return l10n.t('rang, then cancelled, timed out or the trace ended');
    case 'cancelled':
      return l10n.t('cancelled by the caller before ringing');
    case 'failed':
      return l10n.t('failed with another final ≥ 400');
    case 'no-final':
      return l10n.t('no final response and no ringing');
  }
}

/** The outcome's translated label, or empty in English (where the word says it all). */
function labelBeside(outcome: Outcome): string {
  const label = outcomeLabel(outcome);
  return label === outcome ? '' : label;
}

// ---------------------------------------------------------------------------------------------
// Overview: totals, KPIs, code histogram, route-blocked numbers

export interface OutcomeBar {
  outcome: Outcome;
  count: number;
  /** 0..1 of all calls. */
  share: number;
  shareText: string;
  description: string;
  /** The outcome in the reader's language, shown beside the word; empty in English. */
  label: string;
}

export interface Kpi {
  id: 'attempts' | 'asr' | 'setup' | 'pdd' | 'acd' | 'endedBy';
  label: string;
  value: string;
  /** Tooltip: how the number is computed. */
  detail: string;
}

export interface CountedText {
  text: string;
  count: number;
}

export interface CodeBucket {
  /** `486`, or `none` for calls without a final response. */
  code: string;
  status: number | null;
  statusClass: StatusClass;
  count: number;
  /** 0..1 of all calls. */
  share: number;
  reasons: CountedText[];
  causes: CountedText[];
  outcomes: Outcome[];
}

export interface PrefixGroup {
  /** Longest prefix the group's numbers share (the number itself for a group of one). */
  prefix: string;
  /** Calls whose dialled number is in the group. */
  calls: number;
  numbers: CountedText[];
  /** False for a number that shares no meaningful prefix with another. */
  shared: boolean;
}

export interface RouteBlockedView {
  calls: number;
  numbers: CountedText[];
  groups: RouteBlockedGroup[];
}

export interface RouteBlockedGroup extends PrefixGroup {
  /** `3 calls`, in the reader's words. */
  callsText: string;
}

export interface PanelView {
  /** The page's own words, in the reader's language. */
  text: PanelText;
  /** File name of the trace (display only). */
  title: string;
  format: string;
  /** `format sipp · 40 messages · 17 calls · …` */
  facts: string;
  /** What the page says when the trace has no calls. */
  emptyText: string;
  /** The columns of the calls table. */
  columns: TableColumn[];
  /** A packet capture: its lines are those of its text trace, which the page offers to open. */
  capture: boolean;
  messages: number;
  malformed: number;
  notices: string[];
  callCount: number;
  transactionCount: number;
  outcomes: OutcomeBar[];
  kpis: Kpi[];
  codes: CodeBucket[];
  routeBlocked: RouteBlockedView | null;
  /** Finding codes with the number of calls (and transactions) showing each, most frequent first. */
  findings: FindingEntry[];
}

export interface FindingCount {
  code: string;
  severity: string;
  count: number;
}

/** A finding code's entry in the panel's Findings card. */
export interface FindingEntry extends FindingCount {
  /** Tooltip: how many calls show it, and that a click filters. */
  title: string;
}

export interface TableColumn {
  key: SortKey;
  label: string;
  /** Tooltip of the column's sort button. */
  sortTitle: string;
  numeric: boolean;
}

/** The calls table's columns, in order. */
export function tableColumns(): TableColumn[] {
  const column = (key: SortKey, label: string, numeric = false): TableColumn => ({ key, label, sortTitle: l10n.t('Sort by {0}', label), numeric });
  return [
    column('time', l10n.t('Time')),
    column('from', l10n.t('From')),
    column('to', l10n.t('To')),
    column('outcome', l10n.t('Outcome')),
    column('final', l10n.t('Final')),
    column('endedBy', l10n.t('Hung up')),
    column('setup', l10n.t('Setup'), true),
    column('pdd', l10n.t('PDD'), true),
    column('duration', l10n.t('Duration'), true),
  ];
}

/** How many calls and transactions show each finding code (each counted once per code). */
export function countFindings(summary: Pick<Summary, 'calls' | 'transactions'>): FindingCount[] {
  const counts = new Map<string, FindingCount>();
  for (const owner of [...summary.calls, ...summary.transactions]) {
    for (const code of new Set((owner.findings ?? []).map((f) => f.code))) {
      const severity = owner.findings.find((f) => f.code === code)?.severity ?? 'information';
      const entry = counts.get(code) ?? { code, severity, count: 0 };
      entry.count++;
      counts.set(code, entry);
    }
  }
  const rank = (severity: string) => (severity === 'error' ? 0 : severity === 'warning' ? 1 : 2);
  return [...counts.values()].sort((a, b) => rank(a.severity) - rank(b.severity) || b.count - a.count || a.code.localeCompare(b.code));
}

export interface Kpis {
  attempts: number;
  answered: number;
  /** answered / attempts, or null with no calls. */
  asr: number | null;
  /** Mean first INVITE → final response over answered calls that have one. */
  avgSetupMs: number | null;
  /** Mean first INVITE → first 18x over calls that rang. */
  avgPddMs: number | null;
  /** Average call duration (ACD) over answered calls with a BYE. */
  acdMs: number | null;
  endedByLocal: number;
  endedByRemote: number;
}

export function computeKpis(calls: readonly SummaryCall[]): Kpis {
  const setups: number[] = [];
  const pdds: number[] = [];
  const durations: number[] = [];
  let answered = 0;
  let endedByLocal = 0;
  let endedByRemote = 0;
  for (const call of calls) {
    if (call.outcome === 'answered') {
      answered++;
      if (call.setupMs !== null) setups.push(call.setupMs);
      if (call.durationMs !== null) durations.push(call.durationMs);
    }
    if (call.pddMs !== null) pdds.push(call.pddMs);
    if (call.endedBy === 'local') endedByLocal++;
    else if (call.endedBy === 'remote') endedByRemote++;
  }
  return {
    attempts: calls.length,
    answered,
    asr: calls.length === 0 ? null : answered / calls.length,
    avgSetupMs: mean(setups),
    avgPddMs: mean(pdds),
    acdMs: mean(durations),
    endedByLocal,
    endedByRemote,
  };
}

function kpiList(k: Kpis): Kpi[] {
  return [
    { id: 'attempts', label: l10n.t('Attempts'), value: formatNumber(k.attempts), detail: l10n.t('Calls: Call-IDs with an initial INVITE') },
    {
      id: 'asr',
      label: 'ASR',
      value: formatPercent(k.asr),
      detail: l10n.t('Answer-seizure ratio: {0} answered ÷ {1} attempts', formatNumber(k.answered), formatNumber(k.attempts)),
    },
    {
      id: 'setup',
      label: l10n.t('Avg setup'),
      value: formatDuration(k.avgSetupMs),
      detail: l10n.t('Mean time from the first INVITE to the 2xx, over answered calls'),
    },
    {
      id: 'pdd',
      label: l10n.t('Avg PDD'),
      value: formatDuration(k.avgPddMs),
      detail: l10n.t('Post-dial delay: mean time from the first INVITE to the first 18x, over calls that rang'),
    },
    {
      id: 'acd',
      label: 'ACD',
      value: formatDuration(k.acdMs),
      detail: l10n.t('Average call duration: 2xx → BYE, over answered calls that ended in the trace'),
    },
    {
      id: 'endedBy',
      label: l10n.t('Hung up'),
      value: l10n.t('local {0} · remote {1}', formatNumber(k.endedByLocal), formatNumber(k.endedByRemote)),
      detail: l10n.t('Who sent the BYE of answered calls'),
    },
  ];
}

function countInto(map: Map<string, number>, key: string | null): void {
  if (!key) return;
  map.set(key, (map.get(key) ?? 0) + 1);
}

function sortedCounts(map: Map<string, number>): CountedText[] {
  return [...map.entries()]
    .map(([text, count]) => ({ text, count }))
    .sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
}

/** Final codes of the calls, most frequent first, with the reason phrases and causes seen. */
export function codeHistogram(calls: readonly SummaryCall[]): CodeBucket[] {
  interface Acc {
    status: number | null;
    count: number;
    reasons: Map<string, number>;
    causes: Map<string, number>;
    outcomes: Set<Outcome>;
  }
  const buckets = new Map<string, Acc>();
  for (const call of calls) {
    const code = call.finalStatus === null ? 'none' : String(call.finalStatus);
    let acc = buckets.get(code);
    if (!acc) {
      acc = { status: call.finalStatus, count: 0, reasons: new Map(), causes: new Map(), outcomes: new Set() };
      buckets.set(code, acc);
    }
    acc.count++;
    countInto(acc.reasons, call.finalReason);
    countInto(acc.causes, call.cause);
    acc.outcomes.add(call.outcome);
  }
  const total = calls.length;
  return [...buckets.entries()]
    .map(([code, acc]) => ({
      code,
      status: acc.status,
      statusClass: statusClass(acc.status),
      count: acc.count,
      share: total === 0 ? 0 : acc.count / total,
      reasons: sortedCounts(acc.reasons),
      causes: sortedCounts(acc.causes),
      outcomes: OUTCOMES.filter((o) => acc.outcomes.has(o)),
    }))
    .sort((a, b) => b.count - a.count || (a.status ?? 10_000) - (b.status ?? 10_000));
}

/** Characters of a number's international lead (`+` or `00`) shared by both numbers. */
function sharedLead(a: string, b: string): number {
  if (a.startsWith('+') && b.startsWith('+')) return 1;
  if (a.startsWith('00') && b.startsWith('00')) return 2;
  return 0;
}

function commonPrefixLength(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/**
 * Groups dialled numbers by the longest prefix they share, to show which direction a gateway
 * refuses. Neighbours in sorted order join a group when they share at least `minShared`
 * characters after a common international lead (`+`, `00`), so `+4930…` and `+4940…` group under
 * `+49` but `+49…` and `+44…` stay apart. The group's prefix is the longest one all its numbers
 * share. Groups with more calls come first.
 */
export function groupByPrefix(numbers: readonly CountedText[], minShared = 2): PrefixGroup[] {
  const sorted = [...numbers].filter((n) => n.text.length > 0).sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  const groups: CountedText[][] = [];
  for (let i = 0; i < sorted.length; i++) {
    const current = sorted[i];
    const previous = i > 0 ? sorted[i - 1] : undefined;
    const joins =
      previous !== undefined &&
      commonPrefixLength(previous.text, current.text) - sharedLead(previous.text, current.text) >= minShared;
    if (joins) groups[groups.length - 1].push(current);
    else groups.push([current]);
  }
  return groups
    .map((members) => {
      const first = members[0].text;
      const last = members[members.length - 1].text;
      return {
        prefix: members.length === 1 ? first : first.slice(0, commonPrefixLength(first, last)),
        calls: members.reduce((sum, m) => sum + m.count, 0),
        numbers: [...members].sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : 1)),
        shared: members.length > 1,
      };
    })
    .sort((a, b) => b.calls - a.calls || (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0));
}

export function routeBlockedView(calls: readonly SummaryCall[]): RouteBlockedView | null {
  const counts = new Map<string, number>();
  let blocked = 0;
  for (const call of calls) {
    if (call.outcome !== 'route-blocked') continue;
    blocked++;
    counts.set(call.to, (counts.get(call.to) ?? 0) + 1);
  }
  if (blocked === 0) return null;
  const numbers = sortedCounts(counts);
  const groups = groupByPrefix(numbers).map((g) => ({ ...g, callsText: plural(g.calls, l10n.t('{0} call'), l10n.t('{0} calls')) }));
  return { calls: blocked, numbers, groups };
}

/** Formats read from packet captures; their summaries' lines refer to the capture rendered as text. */
export function isCaptureFormat(format: string): boolean {
  return format === 'pcap' || format === 'pcapng';
}

/**
 * The line under the title: format, messages, calls, other transactions, malformed messages.
 * `quote` marks the format up (a Markdown backtick in the report).
 */
export function traceFacts(summary: Summary, quote = ''): string {
  const facts = [
    l10n.t('format {0}', `${quote}${summary.format}${quote}`),
    plural(summary.messages, l10n.t('{0} message'), l10n.t('{0} messages')),
    plural(summary.calls.length, l10n.t('{0} call'), l10n.t('{0} calls')),
    plural(summary.transactions.length, l10n.t('{0} other transaction'), l10n.t('{0} other transactions')),
  ];
  if ((summary.malformed ?? 0) > 0) facts.push(l10n.t('{0} malformed', formatNumber(summary.malformed ?? 0)));
  return facts.join(' · ');
}

/** Why the table is empty, and what to do. */
function emptyTraceText(summary: Summary): string {
  const others = summary.transactions.length;
  return (
    l10n.t('A call starts with an initial INVITE.') +
    ' ' +
    (others > 0
      ? plural(others, l10n.t('This trace holds {0} other transaction (OPTIONS, REGISTER…): tick “Show other transactions” to list it.'), l10n.t('This trace holds {0} other transactions (OPTIONS, REGISTER…): tick “Show other transactions” to list them.'))
      : summary.messages > 0
        ? l10n.t('The SIP messages here belong to no call or transaction.')
        : l10n.t('No SIP messages were found.'))
  );
}

function findingEntry(f: FindingCount): FindingEntry {
  const shows = plural(f.count, l10n.t('{0} call or transaction shows {1}'), l10n.t('{0} calls or transactions show {1}'), f.code);
  return { ...f, title: l10n.t('{0}: {1}. Click to filter the table.', severityWord(f.severity), shows) };
}

function severityWord(severity: string): string {
  switch (severity) {
    case 'error':
      return l10n.t('error');
    case 'warning':
      return l10n.t('warning');
    case 'hint':
      return l10n.t('hint');
    default:
      return l10n.t('information');
  }
}

export function buildPanelView(summary: Summary, title: string): PanelView {
  const total = summary.calls.length;
  const outcomes: OutcomeBar[] = OUTCOMES.map((outcome) => {
    const count = summary.totals[outcome] ?? 0;
    const share = total === 0 ? 0 : count / total;
    return {
      outcome,
      count,
      share,
      shareText: formatPercent(total === 0 ? null : share),
      description: outcomeDescription(outcome),
      label: labelBeside(outcome),
    };
  });
  return {
    text: panelText(),
    title,
    format: summary.format,
    facts: traceFacts(summary),
    emptyText: emptyTraceText(summary),
    columns: tableColumns(),
    capture: isCaptureFormat(summary.format),
    messages: summary.messages,
    malformed: summary.malformed ?? 0,
    notices: summary.notices ?? [],
    callCount: total,
    transactionCount: summary.transactions.length,
    outcomes,
    kpis: kpiList(computeKpis(summary.calls)),
    codes: codeHistogram(summary.calls),
    routeBlocked: routeBlockedView(summary.calls),
    findings: countFindings(summary).map(findingEntry),
  };
}

// ---------------------------------------------------------------------------------------------
// The table of calls (and, on request, transactions)

export const SORT_KEYS = ['time', 'from', 'to', 'outcome', 'final', 'endedBy', 'setup', 'pdd', 'duration'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface RowQuery {
  /** Outcomes to show; empty shows all. Applies to calls only. */
  outcomes: Outcome[];
  /** Case-insensitive text searched in numbers, Call-ID, outcome, code, reason and cause. */
  text: string;
  /** Show OPTIONS, REGISTER and other transactions outside calls. */
  showTransactions: boolean;
  sortKey: SortKey;
  sortDir: 'asc' | 'desc';
  /** Finding codes: show only rows with at least one of them; empty shows all. */
  findings: string[];
}

export const DEFAULT_QUERY: RowQuery = { outcomes: [], text: '', showTransactions: false, sortKey: 'time', sortDir: 'asc', findings: [] };

/** The most rows drawn at once; the rest are reachable by filtering or sorting. */
export const MAX_ROWS = 1000;

export interface CallRow {
  kind: 'call' | 'transaction';
  /** Index into Summary.calls or Summary.transactions. */
  index: number;
  time: string;
  /** Tooltip for the time cell: the full timestamp or the line. */
  timeDetail: string;
  from: string;
  to: string;
  /** Outcome word for calls, the method for transactions. */
  outcome: string;
  /** The outcome in the reader's language, shown beside the word; empty in English and for transactions. */
  outcomeLabel: string;
  outcomeClass: Outcome | 'transaction';
  final: string;
  finalClass: StatusClass;
  cause: string;
  endedBy: string;
  setup: string;
  pdd: string;
  duration: string;
  /** 0-based line of the first INVITE (or the transaction's request). */
  line: number;
  callId: string;
  /** Distinct finding codes, in file order. */
  findings: string[];
  /** The findings in words, one per line, for the tooltip. */
  findingsDetail: string;
  /** For a leg of a call through a B2BUA: `inbound leg` / `outbound leg`, else empty. */
  leg: string;
  /** The other legs and how they were linked, for the tooltip. */
  legDetail: string;
  /**
   * Legs of one call through a B2BUA sit together in the table: the first of them in the table's
   * order heads the group, which opens to show the others. Null for a call without legs and
   * for transactions.
   */
  group: RowGroup | null;
}

export interface RowGroup {
  /** The same for every leg of one call (SummaryGroup.id). */
  id: string;
  /** This row heads the group: it carries the toggle and stays visible when the group is closed. */
  head: boolean;
  /** Rows of the group in this table (the legs that match the query). */
  rows: number;
}

function findingFields(findings: SummaryCall['findings'] | undefined): Pick<CallRow, 'findings' | 'findingsDetail'> {
  const list = findings ?? [];
  return { findings: [...new Set(list.map((f) => f.code))], findingsDetail: list.map((f) => `${f.code}: ${f.message}`).join('\n') };
}

/** A time difference, marked `≈` when the log gives whole seconds only. */
function approximate(call: Pick<SummaryCall, 'wholeSeconds'>, ms: number | null): string {
  return call.wholeSeconds && ms !== null ? `≈ ${formatDuration(ms)}` : formatDuration(ms);
}

export function callRow(call: SummaryCall, index: number): CallRow {
  return {
    kind: 'call',
    index,
    time: callClock(call),
    // Captures also give the frame, as Wireshark numbers it.
    timeDetail: [
      formatTraceTime(call),
      ...(call.startFrame !== undefined ? [l10n.t('frame {0}', formatNumber(call.startFrame))] : []),
      l10n.t('line {0}', formatNumber(call.startLine + 1)),
      ...(call.wholeSeconds ? [l10n.t('the log gives whole seconds: setup, PDD and duration are ±1 s')] : []),
    ].join(' · '),
    from: call.from,
    to: call.to,
    outcome: call.outcome,
    outcomeLabel: labelBeside(call.outcome),
    outcomeClass: call.outcome,
    final: finalText(call.finalStatus, call.finalReason),
    finalClass: statusClass(call.finalStatus),
    cause: call.cause ?? '',
    endedBy: call.endedBy === 'local' ? l10n.t('local') : call.endedBy === 'remote' ? l10n.t('remote') : '',
    setup: approximate(call, call.setupMs),
    pdd: approximate(call, call.pddMs),
    duration: approximate(call, call.durationMs),
    line: call.startLine,
    callId: call.callId,
    ...findingFields(call.findings),
    ...legFields(call),
    group: call.group ? { id: call.group.id, head: true, rows: 1 } : null,
  };
}

/** The leg badge of a call that is one leg of a call through a B2BUA. */
function legFields(call: SummaryCall): Pick<CallRow, 'leg' | 'legDetail'> {
  const group = call.group;
  if (!group) return { leg: '', legDetail: '' };
  const others = group.legs.filter((id) => id !== call.callId);
  const decisive = group.decisive;
  const passed = decisive
    ? ` · ${l10n.t('passed on {0} from {1}', `${decisive.status ?? '?'} ${decisive.reason ?? ''}`.trimEnd(), decisive.callId)}`
    : '';
  const leg = group.role === 'inbound' ? l10n.t('inbound leg') : group.role === 'outbound' ? l10n.t('outbound leg') : l10n.t('leg');
  return {
    leg,
    legDetail:
      plural(group.legs.length, l10n.t('One of {0} leg (linked by {1})'), l10n.t('One of {0} legs (linked by {1})'), group.linkedBy) +
      '; ' +
      plural(others.length, l10n.t('other leg: {1}'), l10n.t('other legs: {1}'), others.join(', ')) +
      passed,
  };
}

export function transactionRow(transaction: SummaryTransaction, index: number): CallRow {
  return {
    kind: 'transaction',
    index,
    time: '',
    timeDetail: l10n.t('line {0}', formatNumber(transaction.startLine + 1)),
    from: '',
    to: '',
    outcome: transaction.method,
    outcomeLabel: '',
    outcomeClass: 'transaction',
    final: finalText(transaction.finalStatus, transaction.finalReason ?? null),
    finalClass: statusClass(transaction.finalStatus),
    cause: '',
    endedBy: '',
    setup: '—',
    pdd: '—',
    duration: '—',
    line: transaction.startLine,
    callId: transaction.callId,
    ...findingFields(transaction.findings),
    leg: '',
    legDetail: '',
    group: null,
  };
}

function callMatchesText(call: SummaryCall, needle: string): boolean {
  return [call.from, call.to, call.callId, call.outcome, call.finalStatus === null ? '' : String(call.finalStatus), call.finalReason ?? '', call.cause ?? '']
    .some((field) => field.toLowerCase().includes(needle));
}

function transactionMatchesText(t: SummaryTransaction, needle: string): boolean {
  return [t.method, t.callId, t.finalStatus === null ? '' : String(t.finalStatus), t.finalReason ?? '']
    .some((field) => field.toLowerCase().includes(needle));
}

type Entry = { kind: 'call'; index: number; call: SummaryCall } | { kind: 'transaction'; index: number; t: SummaryTransaction };

function compareNullable(a: number | null, b: number | null): number {
  // Unknown values sort last whichever way the column is sorted; see sortEntries.
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

function compareText(a: string, b: string): number {
  return a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });
}

function entryLine(e: Entry): number {
  return e.kind === 'call' ? e.call.startLine : e.t.startLine;
}

/** The value a column sorts by; null for "unknown", which always goes last. */
function sortValue(e: Entry, key: SortKey): number | string | null {
  if (e.kind === 'transaction') {
    switch (key) {
      case 'outcome':
        return e.t.method;
      case 'final':
        return e.t.finalStatus;
      case 'time':
        return null;
      default:
        return null;
    }
  }
  const call = e.call;
  switch (key) {
    case 'time':
      return callTimeKey(call);
    case 'from':
      return call.from || null;
    case 'to':
      return call.to || null;
    case 'outcome':
      return call.outcome;
    case 'final':
      return call.finalStatus;
    case 'endedBy':
      return call.endedBy;
    case 'setup':
      return call.setupMs;
    case 'pdd':
      return call.pddMs;
    case 'duration':
      return call.durationMs;
  }
}

function sortEntries(entries: Entry[], key: SortKey, dir: 'asc' | 'desc'): void {
  const sign = dir === 'asc' ? 1 : -1;
  entries.sort((a, b) => {
    const va = sortValue(a, key);
    const vb = sortValue(b, key);
    let result: number;
    if (va === null || vb === null) result = va === vb ? 0 : va === null ? 1 : -1;
    else if (typeof va === 'number' && typeof vb === 'number') result = sign * compareNullable(va, vb);
    else result = sign * compareText(String(va), String(vb));
    // Ties (and unknown times) keep file order, which is also time order in a trace.
    return result !== 0 ? result : entryLine(a) - entryLine(b);
  });
}

/** Every call (and transaction, when asked) the query matches, sorted; no row limit. */
export function selectEntries(summary: Summary, query: RowQuery): CallRow[] {
  const needle = query.text.trim().toLowerCase();
  const wanted = new Set<Outcome>(query.outcomes);
  const findings = new Set(query.findings ?? []);
  const hasFinding = (list: SummaryCall['findings'] | undefined) => findings.size === 0 || (list ?? []).some((f) => findings.has(f.code));
  const entries: Entry[] = [];
  summary.calls.forEach((call, index) => {
    if (wanted.size > 0 && !wanted.has(call.outcome)) return;
    if (!hasFinding(call.findings)) return;
    if (needle && !callMatchesText(call, needle)) return;
    entries.push({ kind: 'call', index, call });
  });
  if (query.showTransactions) {
    summary.transactions.forEach((t, index) => {
      if (!hasFinding(t.findings)) return;
      if (needle && !transactionMatchesText(t, needle)) return;
      entries.push({ kind: 'transaction', index, t });
    });
  }
  sortEntries(entries, query.sortKey, query.sortDir);
  return groupLegs(entries.map((e) => (e.kind === 'call' ? callRow(e.call, e.index) : transactionRow(e.t, e.index))));
}

/**
 * Puts the legs of one call together: each group's rows follow the first of them in sorted
 * order (its head), in file order; rows without a group keep their places.
 */
function groupLegs(rows: CallRow[]): CallRow[] {
  const members = new Map<string, CallRow[]>();
  for (const row of rows) {
    if (!row.group) continue;
    const list = members.get(row.group.id);
    if (list) list.push(row);
    else members.set(row.group.id, [row]);
  }
  const out: CallRow[] = [];
  for (const row of rows) {
    if (!row.group) {
      out.push(row);
      continue;
    }
    const list = members.get(row.group.id);
    if (!list || list[0] !== row) continue; // placed with its head
    const rest = list.slice(1).sort((a, b) => a.line - b.line);
    out.push({ ...row, group: { id: row.group.id, head: true, rows: list.length } });
    for (const leg of rest) out.push({ ...leg, group: { id: row.group.id, head: false, rows: list.length } });
  }
  return out;
}

export interface RowPage {
  rows: CallRow[];
  /** Rows the query matched (may exceed rows.length). */
  matched: number;
  /** Calls plus, when shown, transactions before filtering. */
  total: number;
  /** The line under the controls: how many rows show, and what to do next. */
  status: string;
}

export function queryRows(summary: Summary, query: RowQuery, limit = MAX_ROWS): RowPage {
  const all = selectEntries(summary, query);
  const total = summary.calls.length + (query.showTransactions ? summary.transactions.length : 0);
  const rows = all.slice(0, limit);
  return { rows, matched: all.length, total, status: tableStatus(rows.length, all.length, total) };
}

function tableStatus(shown: number, matched: number, total: number): string {
  if (matched === 0) return total === 0 ? '' : l10n.t('No rows match the filter.');
  if (shown < matched) {
    return l10n.t(
      'Showing the first {0} of {1} matching rows (of {2}). Narrow the filter or sort to see others.',
      formatNumber(shown),
      formatNumber(matched),
      formatNumber(total),
    );
  }
  return l10n.t('{0} of {1} rows. Click a row, or press Enter on it, to show the call and its flow.', formatNumber(matched), formatNumber(total));
}

// ---------------------------------------------------------------------------------------------
// The ladder (sequence) diagram of one call

export const LADDER = {
  /** Least room left of the first lane and right of the last (lane names and times sit there). */
  marginX: 90,
  /** Lane spacing adapts to the labels between two lanes, within these bounds. */
  minLaneSpacing: 140,
  maxLaneSpacing: 340,
  headerHeight: 46,
  rowHeight: 30,
  bottomPadding: 16,
  maxLabel: 26,
  maxArrows: 2000,
  /**
   * Estimated advance of one character of the ladder's 12px monospace font (about 0.6 em);
   * the view model sizes lanes without a DOM, so it counts characters.
   */
  charWidth: 7.3,
  /** Room kept between an arrow label and the lane lines either side of it. */
  labelPad: 8,
  /** Room kept between the names of two neighbouring lanes. */
  laneLabelGap: 16,
  /** Where a self arrow's label starts, right of its lane. */
  selfLabelOffset: 42,
} as const;

export interface LadderLane {
  x: number;
  label: string;
  /** Full party name for the tooltip. */
  detail: string;
  local: boolean;
  /** Drawn under the label of the local side, unless the label already says it is local. */
  tag: string;
}

export interface LadderArrow {
  y: number;
  x1: number;
  x2: number;
  /** Both ends on one lane (a party talking to itself or an unknown peer). */
  self: boolean;
  /** The full label (`407 Proxy Authentication Required`), for the tooltip and screen readers. */
  label: string;
  /**
   * What the diagram draws above the arrow: the label with its retransmission and SDP marks,
   * shortened with `…` when even the widest lane spacing cannot hold it.
   */
  text: string;
  /** `+1.234 s` since the call's first message, or empty. */
  time: string;
  kind: 'request' | 'response';
  statusClass: StatusClass | 'request';
  retransmission: boolean;
  hasSdp: boolean;
  /** 0-based line of the message's start line. */
  line: number;
  /** Findings that point at this message. */
  findings: { code: string; severity: string; message: string }[];
  /** Captures: the frame that carried it (as Wireshark numbers frames), else null. */
  frame: number | null;
  /** What a screen reader says for the arrow. */
  ariaLabel: string;
  /** The arrow's tooltip: label, marks, line, frame and findings, one per line. */
  tooltip: string;
}

export interface LadderView {
  callId: string;
  width: number;
  height: number;
  lanes: LadderLane[];
  arrows: LadderArrow[];
  /** Arrows left out because the call has more than LADDER.maxArrows messages. */
  omitted: number;
  /** Says how many were left out; empty when none was. */
  omittedText: string;
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** `+1.234 s` (`+1,234 с` in Russian) */
export function formatRelative(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '';
  return l10n.t('+{0} s', formatNumber(ms / 1000, 3));
}

/** Whether a party's label already calls it local, in English or in the reader's language. */
function saysLocal(label: string): boolean {
  return /\blocal\b/i.test(label) || label.toLocaleLowerCase().includes(l10n.t('local').toLocaleLowerCase());
}

/** The words a screen reader says for an arrow, and its tooltip. */
function arrowWords(arrow: CallFlowArrow, time: string): Pick<LadderArrow, 'ariaLabel' | 'tooltip'> {
  const findings = arrow.findings ?? [];
  const line = l10n.t('line {0}', formatNumber(arrow.line + 1));
  const frame = arrow.frame !== undefined ? l10n.t('frame {0}', formatNumber(arrow.frame)) : '';
  const aria = [
    arrow.retransmission ? l10n.t('{0} (retransmission)', arrow.label) : arrow.label,
    ...(time ? [l10n.t('at {0}', time)] : []),
    line,
    ...(frame ? [frame] : []),
  ].join(', ');
  const head = [
    arrow.hasSdp ? l10n.t('{0} with SDP', arrow.label) : arrow.label,
  ];
  if (arrow.retransmission) head[0] += ` — ${l10n.t('retransmission')}`;
  return {
    ariaLabel: findings.length > 0 ? `${aria}; ${l10n.t('findings: {0}', findings.map((f) => f.code).join(', '))}` : aria,
    tooltip: [[...head, line, ...(frame ? [frame] : [])].join(' · '), ...findings.map((f) => `${f.code}: ${f.message}`)].join('\n'),
  };
}

/** Columns a character takes in a monospace font: East Asian wide forms and emoji take two. */
function columnsOf(codePoint: number): number {
  const wide =
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x1f300 && codePoint <= 0x1faff) ||
    codePoint >= 0x20000;
  return wide ? 2 : 1;
}

/**
 * Estimated drawn width of a text, in pixels. Stops counting past `limit`, so a megabyte-long
 * reason phrase costs no more than a short one.
 */
export function ladderTextWidth(text: string, limit = Infinity): number {
  let width = 0;
  for (const char of text) {
    width += columnsOf(char.codePointAt(0) ?? 0) * LADDER.charWidth;
    if (width > limit) break;
  }
  return width;
}

/** The longest start of `text` that, with a trailing `…`, fits `maxWidth`; `text` itself when it fits. */
function fitText(text: string, maxWidth: number): string {
  if (ladderTextWidth(text, maxWidth) <= maxWidth) return text;
  const budget = maxWidth - LADDER.charWidth; // the ellipsis
  let width = 0;
  let end = 0;
  for (const char of text) {
    const next = width + columnsOf(char.codePointAt(0) ?? 0) * LADDER.charWidth;
    if (next > budget) break;
    width = next;
    end += char.length; // whole code points: never half a surrogate pair
  }
  return `${text.slice(0, end)}…`;
}

/** The arrow's label with its marks; only the label part is shortened, so the marks stay visible. */
function arrowText(arrow: CallFlowArrow, maxWidth: number): string {
  const prefix = arrow.retransmission ? '↻ ' : '';
  const suffix = arrow.hasSdp ? ' (SDP)' : '';
  const marks = ladderTextWidth(prefix + suffix);
  return prefix + fitText(arrow.label, Math.max(maxWidth - marks, 2 * LADDER.charWidth)) + suffix;
}

function arrowTextWidth(arrow: CallFlowArrow, limit: number): number {
  const marks = (arrow.retransmission ? '↻ ' : '') + (arrow.hasSdp ? ' (SDP)' : '');
  return ladderTextWidth(marks) + ladderTextWidth(arrow.label, limit);
}

/**
 * Spacing rule: each gap between two neighbouring lanes is at least LADDER.minLaneSpacing, wide
 * enough for the two lane names, for the label of every arrow between those two lanes, and for
 * the label of a self arrow on the left lane; an arrow that spans several gaps widens them evenly
 * when its label does not fit their sum. No gap grows past LADDER.maxLaneSpacing: longer labels
 * are shortened with `…` (the tooltip keeps the full text), so one long reason phrase cannot
 * stretch the diagram off screen.
 */
export function ladderGaps(laneLabels: readonly string[], arrows: ReadonlyArray<{ from: number; to: number; width: number }>): number[] {
  const gaps = laneLabels.slice(1).map((label, k) =>
    Math.max(LADDER.minLaneSpacing, (ladderTextWidth(laneLabels[k]) + ladderTextWidth(label)) / 2 + LADDER.laneLabelGap),
  );
  const need = (arrow: { from: number; to: number; width: number }): number =>
    arrow.from === arrow.to ? LADDER.selfLabelOffset + arrow.width + LADDER.labelPad : arrow.width + 2 * LADDER.labelPad;
  for (const arrow of arrows) {
    const left = Math.min(arrow.from, arrow.to);
    const right = Math.max(arrow.from, arrow.to);
    if (right - left > 1 || left >= gaps.length) continue;
    gaps[left] = Math.max(gaps[left], need(arrow));
  }
  for (let k = 0; k < gaps.length; k++) gaps[k] = Math.min(gaps[k], LADDER.maxLaneSpacing);
  for (const arrow of arrows) {
    const left = Math.min(arrow.from, arrow.to);
    const right = Math.max(arrow.from, arrow.to);
    if (right - left < 2) continue;
    const span = gaps.slice(left, right).reduce((sum, gap) => sum + gap, 0);
    const missing = need(arrow) - span;
    if (missing <= 0) continue;
    for (let k = left; k < right; k++) gaps[k] = Math.min(gaps[k] + missing / (right - left), LADDER.maxLaneSpacing);
  }
  // Whole pixels keep lane lines crisp.
  return gaps.map((gap) => Math.ceil(gap));
}

export function buildLadder(flow: CallFlow): LadderView {
  const laneIndex = new Map<string, number>();
  flow.parties.forEach((party, i) => laneIndex.set(party.id, i));
  const laneLabels = flow.parties.map((party) => shorten(party.label, LADDER.maxLabel));
  const shown = flow.arrows.slice(0, LADDER.maxArrows);
  // An arrow from or to a party the flow does not list is drawn on the sender's lane (or the first).
  const ends = shown.map((arrow) => {
    const from = laneIndex.get(arrow.from) ?? 0;
    return { from, to: laneIndex.get(arrow.to) ?? from };
  });
  // Past this width a label is shortened anyway, so measuring further is wasted work.
  const widest = LADDER.maxLaneSpacing;
  const gaps = ladderGaps(
    laneLabels,
    shown.map((arrow, i) => ({ ...ends[i], width: arrowTextWidth(arrow, widest) })),
  );
  const leftMargin = Math.ceil(Math.max(LADDER.marginX, ladderTextWidth(laneLabels[0] ?? '') / 2 + 4));
  const laneXs: number[] = [leftMargin];
  for (const gap of gaps) laneXs.push(laneXs[laneXs.length - 1] + gap);

  const lanes: LadderLane[] = flow.parties.map((party, i) => ({
    x: laneXs[i],
    label: laneLabels[i],
    detail: party.local ? l10n.t('{0} (local)', party.label) : party.label,
    local: party.local,
    tag: party.local && !saysLocal(party.label) ? l10n.t('local') : '',
  }));
  const lastLane = Math.max(lanes.length - 1, 0);
  const lastX = laneXs[lastLane];
  let rightMargin = Math.max(LADDER.marginX, ladderTextWidth(laneLabels[lastLane] ?? '') / 2 + 4);

  const arrows: LadderArrow[] = shown.map((arrow, i) => {
    const { from, to } = ends[i];
    const x1 = laneXs[from];
    const x2 = laneXs[to];
    const self = from === to;
    let room: number;
    if (!self) room = Math.abs(x2 - x1) - 2 * LADDER.labelPad;
    else if (from < lastLane) room = gaps[from] - LADDER.selfLabelOffset - LADDER.labelPad;
    else room = LADDER.maxLaneSpacing - LADDER.selfLabelOffset - LADDER.labelPad;
    const text = arrowText(arrow, room);
    if (self && from === lastLane) {
      rightMargin = Math.max(rightMargin, LADDER.selfLabelOffset + ladderTextWidth(text) + LADDER.labelPad);
    }
    const time = formatRelative(arrow.relativeMs);
    return {
      y: LADDER.headerHeight + (i + 1) * LADDER.rowHeight,
      x1,
      x2,
      self,
      label: arrow.label,
      text,
      time,
      kind: arrow.kind,
      statusClass: arrow.kind === 'request' ? 'request' : statusClass(arrow.status),
      retransmission: arrow.retransmission,
      hasSdp: arrow.hasSdp,
      line: arrow.line,
      findings: (arrow.findings ?? []).map(({ code, severity, message }) => ({ code, severity, message })),
      frame: arrow.frame ?? null,
      ...arrowWords(arrow, time),
    };
  });
  const omitted = flow.arrows.length - shown.length;
  return {
    callId: flow.callId,
    width: Math.ceil(lastX + rightMargin),
    height: LADDER.headerHeight + (arrows.length + 1) * LADDER.rowHeight + LADDER.bottomPadding,
    lanes,
    arrows,
    omitted,
    omittedText: omitted > 0 ? plural(omitted, l10n.t('{0} more message not drawn.'), l10n.t('{0} more messages not drawn.')) : '',
  };
}
