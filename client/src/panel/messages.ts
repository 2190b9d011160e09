// Messages between the summary panel's page (webview/main.ts) and the extension.
// Pure types plus the validator for what the webview sends: the webview renders trace text,
// so everything it posts is treated as untrusted input and checked field by field.

import type { CallRow, LadderView, PanelView, RowQuery, SortKey } from './viewModel';
import { SORT_KEYS } from './viewModel';
import { isFindingCode } from '../../../server/src/analysis/findings/types';
import { OUTCOMES, type Outcome } from '../../../server/src/analysis/types';

/** Extension → webview. */
export type HostMessage =
  | { type: 'loading'; title: string; text: string }
  | { type: 'error'; title: string; message: string }
  | { type: 'summary'; view: PanelView }
  | { type: 'rows'; rows: CallRow[]; matched: number; total: number; status: string; query: RowQuery; selected: number | null }
  | { type: 'flow'; index: number; ladder: LadderView | null; message?: string; verdict?: string };

/**
 * Webview → extension. Calls are named by their row index in the current summary, never by
 * Call-ID or any other trace string, so nothing the page holds becomes a command argument.
 */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'query'; query: RowQuery }
  | { type: 'selectCall'; index: number }
  | { type: 'revealCall'; index: number }
  | { type: 'revealLine'; line: number }
  | { type: 'copyMarkdown' }
  | { type: 'exportCsv' }
  /** Open the packet capture on show as a text trace. */
  | { type: 'openTextTrace' }
  /** Save the messages of these calls (indexes into the summary's calls) as a new trace. */
  | { type: 'saveCalls'; indexes: number[] };

/** The most calls one Save Selected Calls As… takes (the table draws at most MAX_ROWS). */
const MAX_SAVED_CALLS = 100_000;

const MAX_TEXT_FILTER = 200;

function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0x7fffffff;
}

function parseQuery(value: unknown): RowQuery | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const raw = value as Record<string, unknown>;
  const outcomes: Outcome[] = [];
  if (!Array.isArray(raw.outcomes)) return undefined;
  for (const outcome of raw.outcomes) {
    if (typeof outcome !== 'string' || !(OUTCOMES as readonly string[]).includes(outcome)) return undefined;
    outcomes.push(outcome as Outcome);
  }
  if (typeof raw.text !== 'string') return undefined;
  if (typeof raw.showTransactions !== 'boolean') return undefined;
  if (typeof raw.sortKey !== 'string' || !(SORT_KEYS as readonly string[]).includes(raw.sortKey)) return undefined;
  if (raw.sortDir !== 'asc' && raw.sortDir !== 'desc') return undefined;
  const findings: string[] = [];
  if (raw.findings !== undefined) {
    if (!Array.isArray(raw.findings)) return undefined;
    for (const code of raw.findings) {
      if (typeof code !== 'string' || !isFindingCode(code)) return undefined;
      if (!findings.includes(code)) findings.push(code);
    }
  }
  return {
    outcomes,
    text: raw.text.slice(0, MAX_TEXT_FILTER),
    showTransactions: raw.showTransactions,
    sortKey: raw.sortKey as SortKey,
    sortDir: raw.sortDir,
    findings,
  };
}

/** Returns the message when it is one the extension understands, exactly as typed; otherwise undefined. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const raw = value as Record<string, unknown>;
  switch (raw.type) {
    case 'ready':
    case 'copyMarkdown':
    case 'exportCsv':
    case 'openTextTrace':
      return { type: raw.type };
    case 'query': {
      const query = parseQuery(raw.query);
      return query ? { type: 'query', query } : undefined;
    }
    case 'selectCall':
    case 'revealCall':
      return isIndex(raw.index) ? { type: raw.type, index: raw.index } : undefined;
    case 'revealLine':
      return isIndex(raw.line) ? { type: 'revealLine', line: raw.line } : undefined;
    case 'saveCalls': {
      const indexes = raw.indexes;
      if (!Array.isArray(indexes) || indexes.length === 0 || indexes.length > MAX_SAVED_CALLS || !indexes.every(isIndex)) return undefined;
      return { type: 'saveCalls', indexes: [...new Set(indexes)] };
    }
    default:
      return undefined;
  }
}
