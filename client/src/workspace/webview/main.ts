// The workspace summary page: draws the rows its host sends (one per trace file, then the
// totals) and tells the host what was clicked. It builds the DOM with textContent only, so no
// file name or reason phrase is ever read as markup. Bundled for the browser by scripts/build.mjs.
import type { WorkspaceHostMessage, WorkspacePageData, WorkspacePageMessage, WorkspacePageRow } from '../pageMessages';

interface VsCodeApi {
  postMessage(message: WorkspacePageMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function cell(row: HTMLTableRowElement, text: string, className?: string): HTMLTableCellElement {
  const td = element('td', className, text);
  row.append(td);
  return td;
}

function fileRow(data: WorkspacePageData, file: WorkspacePageRow): HTMLTableRowElement {
  const tr = element('tr', file.analysed ? 'trace-file' : 'trace-file not-analysed');
  tr.dataset.uri = file.uri;
  const name = cell(tr, '', 'path');
  const open = element('button', 'open', file.path);
  open.type = 'button';
  open.title = data.labels.openHint;
  open.addEventListener('click', (event) => {
    event.stopPropagation();
    vscode.postMessage({ type: 'open', uri: file.uri });
  });
  name.append(open);
  cell(tr, file.format);
  cell(tr, file.calls, 'number');
  data.outcomes.forEach((_, i) => {
    const count = file.outcomes[i];
    cell(tr, count === undefined ? '' : String(count), count ? 'number' : 'number zero');
  });
  cell(tr, file.asr, 'number');
  const failures = cell(tr, file.failures, 'failures');
  if (file.canAnalyse) {
    const analyse = element('button', 'analyse', data.labels.analyse);
    analyse.type = 'button';
    analyse.addEventListener('click', (event) => {
      event.stopPropagation();
      vscode.postMessage({ type: 'analyse', uri: file.uri });
    });
    failures.append(' ', analyse);
  }
  // The whole row opens the file (the button is there for the keyboard).
  tr.addEventListener('click', () => vscode.postMessage({ type: 'open', uri: file.uri }));
  return tr;
}

function draw(data: WorkspacePageData): void {
  const { labels } = data;
  const header = element('header');
  header.append(element('h1', undefined, labels.title));
  const facts = element('p', 'muted', labels.heading);
  header.append(facts);
  const refresh = element('button', 'refresh', labels.refresh);
  refresh.type = 'button';
  refresh.addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
  header.append(refresh);
  const parts: Node[] = [header];
  if (labels.truncated) parts.push(element('p', 'note', labels.truncated));

  if (data.rows.length === 0) {
    parts.push(element('p', 'status', labels.empty));
    app.replaceChildren(...parts);
    return;
  }
  const table = element('table', 'files');
  const head = element('tr');
  for (const [title, className] of [
    [labels.file, ''],
    [labels.format, ''],
    [labels.calls, 'number'],
    ...data.outcomes.map((o) => [o, 'number']),
    [labels.asr, 'number'],
    [labels.failures, ''],
  ]) {
    const th = element('th', className || undefined, title);
    th.scope = 'col';
    head.append(th);
  }
  table.append(element('thead'));
  table.tHead!.append(head);
  const body = element('tbody');
  for (const row of data.rows) body.append(fileRow(data, row));
  table.append(body);
  const foot = element('tfoot');
  const totals = element('tr', 'totals');
  cell(totals, `${labels.total}: ${data.totals.files}`);
  cell(totals, '');
  cell(totals, data.totals.calls, 'number');
  for (const count of data.totals.outcomes) cell(totals, String(count), count ? 'number' : 'number zero');
  cell(totals, data.totals.asr, 'number');
  cell(totals, '');
  foot.append(totals);
  table.append(foot);
  // A narrow editor scrolls the table rather than squeezing its columns.
  const scroller = element('div', 'table-scroll');
  scroller.append(table);
  parts.push(scroller);
  app.replaceChildren(...parts);
}

function isHostMessage(value: unknown): value is WorkspaceHostMessage {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isHostMessage(message)) return;
  switch (message.type) {
    case 'loading':
      app.replaceChildren(element('p', 'status', message.text));
      break;
    case 'error':
      app.replaceChildren(element('p', 'status error', message.message));
      break;
    case 'data':
      draw(message.data);
      break;
  }
});

vscode.postMessage({ type: 'ready' });
