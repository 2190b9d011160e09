// The summary panel's page: draws what the extension's view model sends, in the words it sends.
// Every string from the trace is put into the page with textContent or as an attribute value
// of our own elements: never as HTML, never as a link, never sent back as a command argument
// (calls are named by their row index, lines by number).
import type { HostMessage } from '../messages';
import type { PanelView } from '../viewModel';
import { button, clear, el } from './dom';
import { post, sendQuery, state } from './host';
import { renderFlow } from './ladder';
import { renderOverview } from './overview';
import { createCallsTable } from './table';

const app = document.getElementById('app') as HTMLElement;
const header = el('header', { cls: 'header' });
const overview = el('div', { cls: 'overview' });
const flowSection = el('section', { cls: 'flow', attrs: { 'aria-labelledby': 'flow-heading' } });

/** Keeps the overview's pressed outcome rows in step with the table's filter. */
function syncOutcomeRows(): void {
  for (const row of overview.querySelectorAll<HTMLElement>('.outcome-row')) {
    const active = state.query.outcomes.includes(row.dataset.outcome as (typeof state.query.outcomes)[number]);
    row.classList.toggle('active', active);
    row.setAttribute('aria-pressed', String(active));
  }
}

const table = createCallsTable(() => renderFlow(flowSection, state.view, null), syncOutcomeRows);

function toggleFinding(code: string): void {
  const set = new Set(state.query.findings);
  if (set.has(code)) set.delete(code);
  else set.add(code);
  state.query = { ...state.query, findings: [...set] };
  for (const row of overview.querySelectorAll('.finding-row')) {
    const active = state.query.findings.includes(row.getAttribute('data-code') ?? '');
    row.classList.toggle('active', active);
    row.setAttribute('aria-pressed', String(active));
  }
  sendQuery();
}

function showStatus(title: string, text: string, cls: string): void {
  state.view = null;
  clear(app);
  app.append(el('h1', { text: title }), el('p', { cls: `status ${cls}`, text }));
}

function renderHeader(v: PanelView): void {
  clear(header);
  const t = v.text;
  header.append(
    el('h1', { text: v.title, title: v.title }),
    el('p', { cls: 'muted', text: v.facts }),
    el('div', { cls: 'actions' }, [
      v.capture ? button(t.openTextTrace, () => post({ type: 'openTextTrace' }), t.openTextTraceTitle) : null,
      button(t.copyMarkdown, () => post({ type: 'copyMarkdown' }), t.copyMarkdownTitle),
      button(t.saveCsv, () => post({ type: 'exportCsv' }), t.saveCsvTitle),
    ]),
  );
  if (v.notices.length > 0) header.append(el('ul', { cls: 'notices' }, v.notices.map((n) => el('li', { text: n }))));
}

function renderSummary(v: PanelView): void {
  state.view = v;
  document.documentElement.lang = v.text.locale;
  clear(app);
  renderHeader(v);
  clear(overview);
  if (v.callCount > 0) overview.append(...renderOverview(v, { toggleOutcome: table.toggleOutcome, toggleFinding }));
  table.showSummary(v);
  app.append(header, overview, table.section, flowSection);
}

window.addEventListener('message', (event: MessageEvent<HostMessage | undefined>) => {
  const message = event.data;
  if (!message || typeof message.type !== 'string') return;
  switch (message.type) {
    case 'loading':
      if (!state.view) showStatus(message.title, message.text, 'loading');
      break;
    case 'error':
      showStatus(message.title, message.message, 'error');
      break;
    case 'summary':
      renderSummary(message.view);
      break;
    case 'rows':
      if (state.view) table.showRows(message);
      break;
    case 'flow':
      if (state.view && message.index === state.selected) {
        renderFlow(flowSection, state.view, message);
        if (state.scrollToFlow) flowSection.scrollIntoView({ block: 'start' });
        state.scrollToFlow = false;
      }
      break;
  }
});

post({ type: 'ready' });
