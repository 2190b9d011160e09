// What the workspace summary page and its host say to each other. Types only, plus the check of
// what the page sends (it is treated as untrusted input). Shared with the page's script
// (client/src/webview/workspaceSummary.ts), which is bundled for the browser.

/** Words the page shows, in the reader's language (the page has no l10n of its own). */
export interface WorkspacePageLabels {
  title: string;
  /** `42 calls in 5 files · ASR 74%`. */
  heading: string;
  file: string;
  format: string;
  calls: string;
  asr: string;
  failures: string;
  total: string;
  refresh: string;
  analyse: string;
  /** Shown when no trace file was found. */
  empty: string;
  /** Shown when a folder was too big to look through entirely. */
  truncated?: string;
  /** Title of a row's button. */
  openHint: string;
}

export interface WorkspacePageRow {
  uri: string;
  path: string;
  format: string;
  calls: string;
  /** Counts per outcome, in `outcomes` order; empty when the file was not analysed. */
  outcomes: number[];
  asr: string;
  /** `3 × 503 Service Unavailable, …`; for files without figures, why. */
  failures: string;
  /** The file has figures; otherwise it may be analysed on request (unless it could not be read). */
  analysed: boolean;
  canAnalyse: boolean;
}

export interface WorkspacePageData {
  labels: WorkspacePageLabels;
  /** The outcome vocabulary, as column names. */
  outcomes: string[];
  rows: WorkspacePageRow[];
  totals: { files: string; calls: string; outcomes: number[]; asr: string };
}

export type WorkspaceHostMessage = { type: 'loading'; text: string } | { type: 'error'; message: string } | { type: 'data'; data: WorkspacePageData };

export type WorkspacePageMessage = { type: 'ready' } | { type: 'refresh' } | { type: 'open'; uri: string } | { type: 'analyse'; uri: string };

/** The page's message if it is one of ours, else undefined. */
export function parseWorkspacePageMessage(raw: unknown): WorkspacePageMessage | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const message = raw as Record<string, unknown>;
  switch (message.type) {
    case 'ready':
    case 'refresh':
      return { type: message.type };
    case 'open':
    case 'analyse':
      return typeof message.uri === 'string' && message.uri.length > 0 ? { type: message.type, uri: message.uri } : undefined;
    default:
      return undefined;
  }
}
