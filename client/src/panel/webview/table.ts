// The calls table: its controls (filter, outcome chips, transactions toggle, Save Selected
// Calls As…), sortable head, and rows. Legs of one call sit together under the first of them,
// which opens and closes the group; calls are ticked for saving with a checkbox of their own.
import type { HostMessage } from '../messages';
import type { CallRow, PanelView } from '../viewModel';
import { clear, el, fillTemplate } from './dom';
import { formatCount, post, sendQuery, state } from './host';

type RowsMessage = Extract<HostMessage, { type: 'rows' }>;

export interface CallsTable {
  section: HTMLElement;
  /** Redraws the controls for a new summary. */
  showSummary(v: PanelView): void;
  showRows(message: RowsMessage): void;
  toggleOutcome(outcome: string): void;
}

export function createCallsTable(onSelectionCleared: () => void, onOutcomesChanged: () => void): CallsTable {
  const filterInput = el('input', { attrs: { type: 'search' } });
  let filterTimer: ReturnType<typeof setTimeout> | undefined;
  filterInput.addEventListener('input', () => {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(() => {
      state.query = { ...state.query, text: filterInput.value };
      sendQuery();
    }, 200);
  });
  const outcomeChips = el('div', { cls: 'chips', attrs: { role: 'group' } });
  const transactionsToggle = el('input', { attrs: { type: 'checkbox', id: 'show-transactions' } });
  transactionsToggle.addEventListener('change', () => {
    state.query = { ...state.query, showTransactions: transactionsToggle.checked };
    sendQuery();
  });
  const transactionsLabel = el('label', { attrs: { for: 'show-transactions' } });
  const saveSelected = el('button', { cls: 'save-selected', attrs: { type: 'button' } });
  saveSelected.addEventListener('click', () => {
    const indexes = [...state.ticked].sort((a, b) => a - b);
    if (indexes.length > 0) post({ type: 'saveCalls', indexes });
  });
  const tickedCount = el('span', { cls: 'muted ticked-count', attrs: { 'aria-live': 'polite' } });
  const tableStatus = el('p', { cls: 'muted table-status', attrs: { 'aria-live': 'polite' } });
  const table = el('table', { cls: 'call-table' });
  const thead = el('thead');
  const tbody = el('tbody');
  table.append(thead, tbody);
  const emptyCalls = el('div', { cls: 'empty' });
  const heading = el('h2', { attrs: { id: 'calls-heading' } });
  /** The rows last drawn, for ticking every call shown. */
  let shownRows: CallRow[] = [];

  const section = el('section', { cls: 'calls', attrs: { 'aria-labelledby': 'calls-heading' } }, [
    heading,
    emptyCalls,
    el('div', { cls: 'table-controls' }, [
      filterInput,
      outcomeChips,
      el('span', { cls: 'toggle' }, [transactionsToggle, transactionsLabel]),
      el('span', { cls: 'table-actions' }, [saveSelected, tickedCount]),
    ]),
    tableStatus,
    el('div', { cls: 'table-wrap' }, [table]),
  ]);

  function text() {
    if (!state.view) throw new Error('no summary yet');
    return state.view.text;
  }

  function renderTicked(): void {
    const t = text();
    saveSelected.textContent = t.saveSelected;
    saveSelected.disabled = state.ticked.size === 0;
    saveSelected.title = state.ticked.size === 0 ? t.saveSelectedNone : t.saveSelectedTitle;
    tickedCount.textContent = state.ticked.size === 0 ? '' : fillTemplate(t.ticked, formatCount(state.ticked.size));
    const calls = shownRows.filter((r) => r.kind === 'call');
    const all = thead.querySelector<HTMLInputElement>('input.tick-all');
    if (all) {
      const ticked = calls.filter((r) => state.ticked.has(r.index)).length;
      all.checked = calls.length > 0 && ticked === calls.length;
      all.indeterminate = ticked > 0 && ticked < calls.length;
    }
  }

  function setTicked(index: number, on: boolean): void {
    if (on) state.ticked.add(index);
    else state.ticked.delete(index);
    const box = tbody.querySelector<HTMLInputElement>(`tr[data-call="${index}"] input.tick`);
    if (box) box.checked = on;
    renderTicked();
  }

  function renderChips(v: PanelView): void {
    clear(outcomeChips);
    for (const o of v.outcomes) {
      if (o.count === 0 && !state.query.outcomes.includes(o.outcome)) continue;
      const active = state.query.outcomes.includes(o.outcome);
      const chip = el('button', {
        cls: `chip outcome-${o.outcome}${active ? ' active' : ''}`,
        text: `${o.outcome} ${formatCount(o.count)}`,
        title: o.label ? `${o.label}: ${o.description}` : o.description,
        attrs: { type: 'button', 'aria-pressed': String(active) },
      });
      chip.addEventListener('click', () => toggleOutcome(o.outcome));
      outcomeChips.append(chip);
    }
  }

  function toggleOutcome(outcome: string): void {
    const v = state.view;
    if (!v) return;
    const set = new Set<string>(state.query.outcomes);
    if (set.has(outcome)) set.delete(outcome);
    else set.add(outcome);
    state.query = { ...state.query, outcomes: v.outcomes.map((o) => o.outcome).filter((o) => set.has(o)) };
    renderChips(v);
    onOutcomesChanged();
    sendQuery();
  }

  function renderHead(): void {
    const v = state.view;
    if (!v) return;
    clear(thead);
    const tickAll = el('input', { cls: 'tick-all', title: v.text.tickAll, attrs: { type: 'checkbox', 'aria-label': v.text.tickAll } });
    tickAll.addEventListener('change', () => {
      for (const row of shownRows) if (row.kind === 'call') setTicked(row.index, tickAll.checked);
    });
    const tr = el('tr', {}, [el('th', { cls: 'tick-cell', attrs: { scope: 'col' } }, [tickAll])]);
    for (const column of v.columns) {
      const sorted = state.query.sortKey === column.key;
      const th = el('th', {
        cls: column.numeric ? 'num' : '',
        attrs: { scope: 'col', 'aria-sort': sorted ? (state.query.sortDir === 'asc' ? 'ascending' : 'descending') : 'none' },
      });
      const b = el('button', {
        cls: 'sort',
        text: column.label + (sorted ? (state.query.sortDir === 'asc' ? ' ▲' : ' ▼') : ''),
        title: column.sortTitle,
        attrs: { type: 'button', 'data-key': column.key },
      });
      b.addEventListener('click', () => {
        const dir = state.query.sortKey === column.key && state.query.sortDir === 'asc' ? 'desc' : 'asc';
        state.query = { ...state.query, sortKey: column.key, sortDir: dir };
        renderHead();
        sendQuery();
      });
      th.append(b);
      tr.append(th);
    }
    thead.append(tr);
  }

  function markSelected(index: number): void {
    for (const tr of tbody.querySelectorAll('tr.selected')) {
      tr.classList.remove('selected');
      tr.setAttribute('aria-selected', 'false');
    }
    const tr = tbody.querySelector(`tr[data-call="${index}"]`);
    if (tr) {
      tr.classList.add('selected');
      tr.setAttribute('aria-selected', 'true');
    }
  }

  function activateRow(row: CallRow): void {
    if (row.kind === 'call') {
      state.selected = row.index;
      state.scrolledTo = row.index;
      markSelected(row.index);
      post({ type: 'selectCall', index: row.index });
      post({ type: 'revealCall', index: row.index });
    } else {
      post({ type: 'revealLine', line: row.line });
    }
  }

  /** Opens or closes a group of legs: its other rows show or hide. */
  function setExpanded(groupId: string, open: boolean): void {
    if (open) state.expanded.add(groupId);
    else state.expanded.delete(groupId);
    for (const tr of tbody.querySelectorAll<HTMLElement>('tr[data-group]')) {
      if (tr.dataset.group !== groupId) continue;
      if (tr.classList.contains('leg-child')) tr.hidden = !open;
      const toggle = tr.querySelector<HTMLButtonElement>('button.leg-toggle');
      if (toggle) renderToggle(toggle, open);
    }
  }

  function renderToggle(toggle: HTMLButtonElement, open: boolean): void {
    const t = text();
    toggle.setAttribute('aria-expanded', String(open));
    toggle.title = open ? t.collapseLegs : t.expandLegs;
    toggle.setAttribute('aria-label', toggle.title);
    toggle.textContent = open ? '▾' : '▸';
  }

  function visibleSibling(tr: Element, forward: boolean): Element | null {
    let next = forward ? tr.nextElementSibling : tr.previousElementSibling;
    while (next instanceof HTMLElement && next.hidden) next = forward ? next.nextElementSibling : next.previousElementSibling;
    return next;
  }

  function rowKeys(event: KeyboardEvent, tr: HTMLElement, row: CallRow): void {
    let next: Element | null = null;
    if (event.key === 'ArrowDown') next = visibleSibling(tr, true);
    else if (event.key === 'ArrowUp') next = visibleSibling(tr, false);
    else if (event.key === 'Home') next = tbody.firstElementChild;
    else if (event.key === 'End') {
      next = tbody.lastElementChild;
      if (next instanceof HTMLElement && next.hidden) next = visibleSibling(next, false);
    } else if ((event.key === 'ArrowRight' || event.key === 'ArrowLeft') && row.group?.head && row.group.rows > 1) {
      event.preventDefault();
      setExpanded(row.group.id, event.key === 'ArrowRight');
      return;
    }
    if (next instanceof HTMLElement) {
      event.preventDefault();
      next.focus();
    }
  }

  function rowElement(row: CallRow): HTMLTableRowElement {
    const t = text();
    const key = `${row.kind}:${row.index}`;
    const isSelected = row.kind === 'call' && row.index === state.selected;
    const group = row.group && row.group.rows > 1 ? row.group : null;
    const child = group !== null && !group.head;
    const tr = el('tr', {
      cls: `${row.kind}${isSelected ? ' selected' : ''}${group ? (child ? ' leg-child' : ' leg-head') : ''}`,
      attrs: {
        tabindex: '0',
        'aria-selected': String(isSelected),
        'data-key': key,
        ...(row.kind === 'call' ? { 'data-call': String(row.index) } : {}),
        ...(group ? { 'data-group': group.id } : {}),
      },
    });
    if (child) tr.hidden = !state.expanded.has(group.id);

    const tickCell = el('td', { cls: 'tick-cell' });
    if (row.kind === 'call') {
      const tick = el('input', { cls: 'tick', title: t.tickCall, attrs: { type: 'checkbox', 'aria-label': t.tickCall } });
      tick.checked = state.ticked.has(row.index);
      tick.addEventListener('click', (event) => event.stopPropagation());
      tick.addEventListener('keydown', (event) => event.stopPropagation());
      tick.addEventListener('change', () => {
        // A closed group stands for the whole call: its tick takes every leg along.
        const closed = group?.head && !state.expanded.has(group.id);
        const legs = closed ? shownRows.filter((r) => r.kind === 'call' && r.group?.id === group.id) : [row];
        for (const leg of legs) setTicked(leg.index, tick.checked);
      });
      tickCell.append(tick);
    }
    let toggle: HTMLButtonElement | null = null;
    if (group?.head) {
      toggle = el('button', { cls: 'leg-toggle', attrs: { type: 'button' } });
      renderToggle(toggle, state.expanded.has(group.id));
      toggle.addEventListener('click', (event) => {
        event.stopPropagation();
        setExpanded(group.id, !state.expanded.has(group.id));
      });
    }
    tr.append(
      tickCell,
      el('td', { cls: 'time', text: row.time, title: row.timeDetail }),
      el('td', { text: row.from, title: row.from }),
      el('td', { text: row.to, title: row.to }),
      el('td', {}, [
        el('span', { cls: `badge outcome-${row.outcomeClass}`, text: row.outcome, title: row.outcomeLabel }),
        row.outcomeLabel ? el('span', { cls: 'outcome-label', text: row.outcomeLabel }) : null,
        row.findings.length > 0
          ? el('span', { cls: 'finding-badge', text: `⚑ ${formatCount(row.findings.length)}`, title: row.findingsDetail, attrs: { 'aria-label': fillTemplate(t.findingsOfRow, row.findings.join(', ')) } })
          : null,
        row.leg ? el('span', { cls: 'leg-badge', text: row.leg, title: row.legDetail }) : null,
      ]),
      el('td', { cls: `status-${row.finalClass}`, text: row.final, title: row.cause ? fillTemplate(t.cause, row.cause) : '' }),
      el('td', { text: row.endedBy }),
      el('td', { cls: 'num', text: row.setup }),
      el('td', { cls: 'num', text: row.pdd }),
      el('td', { cls: 'num', text: row.duration }),
    );
    if (toggle) tickCell.append(toggle);
    tr.addEventListener('click', () => activateRow(row));
    tr.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        activateRow(row);
      } else rowKeys(event, tr, row);
    });
    return tr;
  }

  function showSummary(v: PanelView): void {
    const t = v.text;
    heading.textContent = t.calls;
    filterInput.placeholder = t.filterPlaceholder;
    filterInput.setAttribute('aria-label', t.filterLabel);
    outcomeChips.setAttribute('aria-label', t.showOutcomes);
    // Indexes name calls of one summary: a new one starts with nothing ticked.
    state.ticked.clear();
    clear(emptyCalls);
    if (v.callCount === 0) emptyCalls.append(el('p', { cls: 'empty-title', text: t.noCalls }), el('p', { cls: 'muted', text: v.emptyText }));
    emptyCalls.hidden = v.callCount > 0;
    renderChips(v);
    transactionsLabel.textContent = ` ${fillTemplate(t.showTransactions, formatCount(v.transactionCount))}`;
    transactionsToggle.disabled = v.transactionCount === 0;
    renderHead();
    renderTicked();
  }

  function showRows(message: RowsMessage): void {
    state.query = message.query;
    state.selected = message.selected;
    if (filterInput.value !== state.query.text && document.activeElement !== filterInput) filterInput.value = state.query.text;
    transactionsToggle.checked = state.query.showTransactions;
    if (state.view) renderChips(state.view);
    renderHead();
    const focused = document.activeElement instanceof HTMLElement && tbody.contains(document.activeElement) ? document.activeElement.closest('tr')?.dataset.key : undefined;
    // A call chosen from outside the page (a code lens) that is a leg inside a closed group: open it.
    const chosen = message.rows.find((r) => r.kind === 'call' && r.index === state.selected);
    if (chosen?.group && !chosen.group.head) state.expanded.add(chosen.group.id);
    clear(tbody);
    shownRows = message.rows;
    for (const row of message.rows) tbody.append(rowElement(row));
    if (focused) {
      const again = tbody.querySelector(`tr[data-key="${focused}"]`);
      if (again instanceof HTMLElement && !again.hidden) again.focus();
    }
    if (state.selected !== null && state.selected !== state.scrolledTo) {
      // Chosen from outside the page (a code lens): bring its flow into view when it arrives.
      const tr = tbody.querySelector(`tr[data-call="${state.selected}"]`);
      if (tr instanceof HTMLElement) tr.scrollIntoView({ block: 'nearest' });
      state.scrollToFlow = true;
    }
    state.scrolledTo = state.selected;
    tableStatus.textContent = message.status;
    table.hidden = message.matched === 0;
    renderTicked();
    if (state.selected === null) onSelectionCleared();
  }

  return { section, showSummary, showRows, toggleOutcome };
}
