// The page's link to the extension: the webview API and the state every part of the page shares.
import type { WebviewMessage } from '../messages';
import type { PanelView, RowQuery } from '../viewModel';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

export function post(message: WebviewMessage): void {
  vscode.postMessage(message);
}

export interface PageState {
  view: PanelView | null;
  query: RowQuery;
  /** The call whose flow is shown, by index into the summary's calls. */
  selected: number | null;
  /** Last selection scrolled into view, so sorting or filtering does not jump the table. */
  scrolledTo: number | null;
  scrollToFlow: boolean;
  /** Calls ticked for Save Selected Calls As…, by index. */
  ticked: Set<number>;
  /** Groups of legs shown open, by group id. */
  expanded: Set<string>;
}

export const state: PageState = {
  view: null,
  query: { outcomes: [], text: '', showTransactions: false, sortKey: 'time', sortDir: 'asc', findings: [] },
  selected: null,
  scrolledTo: null,
  scrollToFlow: false,
  ticked: new Set(),
  expanded: new Set(),
};

export function sendQuery(): void {
  post({ type: 'query', query: state.query });
}

/** Numbers in the reader's language (`12 345` in Russian). */
export function formatCount(n: number): string {
  return new Intl.NumberFormat(state.view?.text.locale ?? 'en').format(n);
}
