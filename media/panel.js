// SIP Lens summary panel: draws what the extension's view model sends.
// Every string from the trace is put into the page with textContent or as an attribute value
// of our own elements: never as HTML, never as a link, never sent back as a command argument
// (calls are named by their row index, lines by number).
// @ts-check
(function () {
  'use strict';

  // @ts-ignore acquireVsCodeApi is provided by the webview host.
  const vscode = acquireVsCodeApi();
  const SVG_NS = 'http://www.w3.org/2000/svg';

  const OUTCOMES = ['answered', 'busy', 'redirected', 'route-blocked', 'no-answer', 'cancelled', 'failed', 'no-final'];
  const COLUMNS = [
    { key: 'time', label: 'Time', field: 'time', numeric: false },
    { key: 'from', label: 'From', field: 'from', numeric: false },
    { key: 'to', label: 'To', field: 'to', numeric: false },
    { key: 'outcome', label: 'Outcome', field: 'outcome', numeric: false },
    { key: 'final', label: 'Final', field: 'final', numeric: false },
    { key: 'endedBy', label: 'Hung up', field: 'endedBy', numeric: false },
    { key: 'setup', label: 'Setup', field: 'setup', numeric: true },
    { key: 'pdd', label: 'PDD', field: 'pdd', numeric: true },
    { key: 'duration', label: 'Duration', field: 'duration', numeric: true },
  ];

  /** @type {any} */ let view = null;
  /** @type {any} */ let query = { outcomes: [], text: '', showTransactions: false, sortKey: 'time', sortDir: 'asc', findings: [] };
  /** @type {number|null} */ let selected = null;
  /** Last selection scrolled into view, so sorting or filtering does not jump the table. */
  /** @type {number|null} */ let scrolledTo = null;
  let scrollToFlow = false;

  const app = /** @type {HTMLElement} */ (document.getElementById('app'));

  // --- small DOM helpers ----------------------------------------------------------------------

  /**
   * @param {string} tag
   * @param {{cls?: string, text?: string, title?: string, attrs?: Record<string, string>}} [options]
   * @param {Array<Node|null|undefined>} [children]
   */
  function el(tag, options, children) {
    const node = document.createElement(tag);
    if (options) {
      if (options.cls) node.className = options.cls;
      if (options.text !== undefined) node.textContent = options.text;
      if (options.title) node.title = options.title;
      if (options.attrs) for (const [name, value] of Object.entries(options.attrs)) node.setAttribute(name, value);
    }
    if (children) for (const child of children) if (child) node.appendChild(child);
    return node;
  }

  /** @param {string} tag @param {Record<string, string|number>} attrs */
  function svg(tag, attrs) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
    return node;
  }

  /** @param {HTMLElement} node */
  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  /** @param {string} label @param {() => void} onClick @param {string} [title] */
  function button(label, onClick, title) {
    const b = el('button', { text: label, title, attrs: { type: 'button' } });
    b.addEventListener('click', onClick);
    return b;
  }

  /** @param {number} n @param {string} one @param {string} many */
  function plural(n, one, many) {
    return `${n} ${n === 1 ? one : many}`;
  }

  function sendQuery() {
    vscode.postMessage({ type: 'query', query });
  }

  // --- page skeleton ----------------------------------------------------------------------------

  const header = el('header', { cls: 'header' });
  const overview = el('div', { cls: 'overview' });
  const callsSection = el('section', { cls: 'calls', attrs: { 'aria-labelledby': 'calls-heading' } });
  const flowSection = el('section', { cls: 'flow', attrs: { 'aria-labelledby': 'flow-heading' } });

  // Calls table controls, built once so focus and typed text survive updates.
  const filterInput = /** @type {HTMLInputElement} */ (
    el('input', { attrs: { type: 'search', placeholder: 'Filter: number, Call-ID, code, reason…', 'aria-label': 'Filter calls' } })
  );
  /** @type {ReturnType<typeof setTimeout>|undefined} */ let filterTimer;
  filterInput.addEventListener('input', () => {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(() => {
      query = { ...query, text: filterInput.value };
      sendQuery();
    }, 200);
  });
  const outcomeChips = el('div', { cls: 'chips', attrs: { role: 'group', 'aria-label': 'Show outcomes' } });
  const transactionsToggle = /** @type {HTMLInputElement} */ (el('input', { attrs: { type: 'checkbox', id: 'show-transactions' } }));
  transactionsToggle.addEventListener('change', () => {
    query = { ...query, showTransactions: transactionsToggle.checked };
    sendQuery();
  });
  const transactionsLabel = el('label', { attrs: { for: 'show-transactions' } });
  const tableStatus = el('p', { cls: 'muted table-status', attrs: { 'aria-live': 'polite' } });
  const table = el('table', { cls: 'call-table' });
  const thead = el('thead');
  const tbody = el('tbody');
  table.append(thead, tbody);
  const emptyCalls = el('div', { cls: 'empty' });

  callsSection.append(
    el('h2', { text: 'Calls', attrs: { id: 'calls-heading' } }),
    emptyCalls,
    el('div', { cls: 'table-controls' }, [filterInput, outcomeChips, el('span', { cls: 'toggle' }, [transactionsToggle, transactionsLabel])]),
    tableStatus,
    el('div', { cls: 'table-wrap' }, [table]),
  );

  // --- rendering: status messages -------------------------------------------------------------

  /** @param {string} title @param {string} text @param {string} cls */
  function showStatus(title, text, cls) {
    view = null;
    clear(app);
    app.append(el('h1', { text: title }), el('p', { cls: `status ${cls}`, text }));
  }

  // --- rendering: overview --------------------------------------------------------------------

  /** @param {any} v */
  function renderHeader(v) {
    clear(header);
    const facts = [
      `format ${v.format}`,
      plural(v.messages, 'message', 'messages'),
      plural(v.callCount, 'call', 'calls'),
      plural(v.transactionCount, 'other transaction', 'other transactions'),
    ];
    if (v.malformed > 0) facts.push(`${v.malformed} malformed`);
    header.append(
      el('h1', { text: v.title, title: v.title }),
      el('p', { cls: 'muted', text: facts.join(' · ') }),
      el('div', { cls: 'actions' }, [
        ...(v.capture
          ? [button('Open as Text Trace', () => vscode.postMessage({ type: 'openTextTrace' }), 'Open the capture as a SIP text trace, with hovers and problems')]
          : []),
        button('Copy as Markdown', () => vscode.postMessage({ type: 'copyMarkdown' }), 'Copy the summary and the calls shown as a Markdown report'),
        button('Save as CSV…', () => vscode.postMessage({ type: 'exportCsv' }), 'Save the calls shown as a CSV file'),
      ]),
    );
    if (v.notices.length > 0) {
      header.append(el('ul', { cls: 'notices' }, v.notices.map((/** @type {string} */ n) => el('li', { text: n }))));
    }
  }

  /** @param {number} share @param {string} cls */
  function bar(share, cls) {
    const fill = el('span', { cls: `bar-fill ${cls}` });
    // CSSOM, not a style attribute: the page's CSP allows no inline styles.
    fill.style.width = `${Math.max(0, Math.min(1, share)) * 100}%`;
    return el('span', { cls: 'bar', attrs: { 'aria-hidden': 'true' } }, [fill]);
  }

  /** @param {any} v */
  function renderOutcomes(v) {
    const list = el('div', { cls: 'outcome-list', attrs: { role: 'list' } });
    for (const o of v.outcomes) {
      const active = query.outcomes.includes(o.outcome);
      const row = el(
        'button',
        {
          cls: `outcome-row${o.count === 0 ? ' zero' : ''}${active ? ' active' : ''}`,
          title: `${o.description}. Click to filter the table.`,
          attrs: { type: 'button', role: 'listitem', 'aria-pressed': String(active) },
        },
        [
          el('span', { cls: `outcome-name outcome-${o.outcome}`, text: o.outcome }),
          bar(o.share, `outcome-${o.outcome}`),
          el('span', { cls: 'num', text: String(o.count) }),
          el('span', { cls: 'num muted', text: o.shareText }),
        ],
      );
      row.addEventListener('click', () => toggleOutcome(o.outcome));
      list.append(row);
    }
    return el('section', { cls: 'card' }, [el('h2', { text: 'Outcomes' }), list]);
  }

  /** @param {any} v */
  function renderKpis(v) {
    const grid = el('dl', { cls: 'kpis' });
    for (const k of v.kpis) {
      grid.append(el('div', { cls: 'kpi', title: k.detail }, [el('dt', { text: k.label }), el('dd', { text: k.value })]));
    }
    return el('section', { cls: 'card' }, [el('h2', { text: 'Key figures' }), grid]);
  }

  /** @param {{text: string, count: number}[]} items */
  function countedList(items) {
    if (items.length === 0) return el('span', { cls: 'muted', text: '—' });
    const list = el('ul', { cls: 'counted' });
    for (const item of items.slice(0, 8)) {
      list.append(el('li', {}, [el('span', { text: item.text }), el('span', { cls: 'muted', text: ` ×${item.count}` })]));
    }
    if (items.length > 8) list.append(el('li', { cls: 'muted', text: `… ${items.length - 8} more` }));
    return list;
  }

  /** @param {any} v */
  function renderCodes(v) {
    const body = el('tbody');
    for (const c of v.codes) {
      body.append(
        el('tr', {}, [
          el('td', { cls: `code status-${c.statusClass}`, text: c.code === 'none' ? 'no final' : c.code, title: c.outcomes.join(', ') }),
          el('td', { cls: 'bar-cell' }, [bar(c.share, `status-${c.statusClass}`)]),
          el('td', { cls: 'num', text: String(c.count) }),
          el('td', {}, [countedList(c.reasons)]),
          el('td', {}, [countedList(c.causes)]),
        ]),
      );
    }
    const head = el('thead', {}, [
      el('tr', {}, ['Code', '', 'Calls', 'Reason phrases', 'Causes'].map((h) => el('th', { text: h, attrs: { scope: 'col' } }))),
    ]);
    return el('section', { cls: 'card wide' }, [
      el('h2', { text: 'Final responses' }),
      el('div', { cls: 'table-wrap' }, [el('table', { cls: 'codes' }, [head, body])]),
    ]);
  }

  /** @param {string} code */
  function toggleFinding(code) {
    const set = new Set(query.findings || []);
    if (set.has(code)) set.delete(code);
    else set.add(code);
    query = { ...query, findings: [...set] };
    for (const row of overview.querySelectorAll('.finding-row')) {
      const active = query.findings.includes(row.getAttribute('data-code') || '');
      row.classList.toggle('active', active);
      row.setAttribute('aria-pressed', String(active));
    }
    sendQuery();
  }

  /** Finding codes with counts; a click filters the table to the calls that show one. @param {any} v */
  function renderFindings(v) {
    const list = el('div', { cls: 'finding-list', attrs: { role: 'list' } });
    for (const f of v.findings) {
      const active = (query.findings || []).includes(f.code);
      const row = el(
        'button',
        {
          cls: `finding-row severity-${f.severity}${active ? ' active' : ''}`,
          title: `${f.severity}: ${f.count} ${f.count === 1 ? 'call or transaction shows' : 'calls or transactions show'} ${f.code}. Click to filter the table.`,
          attrs: { type: 'button', role: 'listitem', 'aria-pressed': String(active), 'data-code': f.code },
        },
        [el('span', { cls: 'finding-mark', text: f.severity === 'information' || f.severity === 'hint' ? 'i' : '!', attrs: { 'aria-hidden': 'true' } }), el('span', { cls: 'finding-code', text: f.code }), el('span', { cls: 'num', text: String(f.count) })],
      );
      row.addEventListener('click', () => toggleFinding(f.code));
      list.append(row);
    }
    return el('section', { cls: 'card' }, [el('h2', { text: 'Findings' }), list]);
  }

  /** @param {any} rb */
  function renderRouteBlocked(rb) {
    const list = el('ul', { cls: 'prefix-groups' });
    for (const g of rb.groups) {
      const numbers = el('ul', { cls: 'numbers' });
      for (const n of g.numbers.slice(0, 20)) {
        numbers.append(el('li', {}, [el('code', { text: n.text }), n.count > 1 ? el('span', { cls: 'muted', text: ` ×${n.count}` }) : null]));
      }
      if (g.numbers.length > 20) numbers.append(el('li', { cls: 'muted', text: `… ${g.numbers.length - 20} more` }));
      list.append(
        el('li', {}, [
          el('div', { cls: 'prefix-head' }, [
            g.shared
              ? el('span', {}, [el('span', { cls: 'muted', text: 'prefix ' }), el('code', { cls: 'prefix', text: g.prefix })])
              : el('span', { cls: 'muted', text: rb.groups.length > 1 ? 'shares no prefix with the others' : 'one number' }),
            el('span', { cls: 'muted', text: ` · ${plural(g.calls, 'call', 'calls')}` }),
          ]),
          numbers,
        ]),
      );
    }
    return el('section', { cls: 'card wide route-blocked' }, [
      el('h2', { text: `Route blocked (${rb.calls})` }),
      el('p', {
        text: 'A 9xx answer means the dialled number’s prefix is not in the SIP gateway’s allowed directions. This is local configuration, not the carrier: allow the prefix on the gateway or dial another route.',
      }),
      list,
    ]);
  }

  /** @param {any} v */
  function renderSummary(v) {
    view = v;
    clear(app);
    renderHeader(v);
    clear(overview);
    if (v.callCount > 0) {
      overview.append(renderOutcomes(v), renderKpis(v));
      if (v.findings && v.findings.length > 0) overview.append(renderFindings(v));
      if (v.routeBlocked) overview.append(renderRouteBlocked(v.routeBlocked));
      overview.append(renderCodes(v));
    }
    clear(emptyCalls);
    if (v.callCount === 0) {
      emptyCalls.append(
        el('p', { cls: 'empty-title', text: 'No calls in this trace.' }),
        el('p', {
          cls: 'muted',
          text:
            'A call starts with an initial INVITE. ' +
            (v.transactionCount > 0
              ? `This trace holds ${v.transactionCount} other transactions (OPTIONS, REGISTER…): tick “Show other transactions” to list them.`
              : v.messages > 0
                ? 'The SIP messages here belong to no call or transaction.'
                : 'No SIP messages were found.'),
        }),
      );
    }
    emptyCalls.hidden = v.callCount > 0;
    renderChips(v);
    transactionsLabel.textContent = ` Show other transactions (${v.transactionCount})`;
    transactionsToggle.disabled = v.transactionCount === 0;
    renderHead();
    app.append(header, overview, callsSection, flowSection);
  }

  // --- rendering: the calls table ---------------------------------------------------------------

  /** @param {string} outcome */
  function toggleOutcome(outcome) {
    const set = new Set(query.outcomes);
    if (set.has(outcome)) set.delete(outcome);
    else set.add(outcome);
    query = { ...query, outcomes: OUTCOMES.filter((o) => set.has(o)) };
    if (view) {
      renderChips(view);
      // Keep the overview's pressed states in step.
      for (const row of overview.querySelectorAll('.outcome-row')) {
        const name = row.querySelector('.outcome-name')?.textContent ?? '';
        const active = query.outcomes.includes(name);
        row.classList.toggle('active', active);
        row.setAttribute('aria-pressed', String(active));
      }
    }
    sendQuery();
  }

  /** @param {any} v */
  function renderChips(v) {
    clear(outcomeChips);
    for (const o of v.outcomes) {
      if (o.count === 0 && !query.outcomes.includes(o.outcome)) continue;
      const active = query.outcomes.includes(o.outcome);
      const chip = el('button', {
        cls: `chip outcome-${o.outcome}${active ? ' active' : ''}`,
        text: `${o.outcome} ${o.count}`,
        title: o.description,
        attrs: { type: 'button', 'aria-pressed': String(active) },
      });
      chip.addEventListener('click', () => toggleOutcome(o.outcome));
      outcomeChips.append(chip);
    }
  }

  function renderHead() {
    clear(thead);
    const tr = el('tr');
    for (const column of COLUMNS) {
      const sorted = query.sortKey === column.key;
      const th = el('th', {
        cls: column.numeric ? 'num' : '',
        attrs: { scope: 'col', 'aria-sort': sorted ? (query.sortDir === 'asc' ? 'ascending' : 'descending') : 'none' },
      });
      const b = el('button', {
        cls: 'sort',
        text: column.label + (sorted ? (query.sortDir === 'asc' ? ' ▲' : ' ▼') : ''),
        title: `Sort by ${column.label.toLowerCase()}`,
        attrs: { type: 'button' },
      });
      b.addEventListener('click', () => {
        const dir = query.sortKey === column.key && query.sortDir === 'asc' ? 'desc' : 'asc';
        query = { ...query, sortKey: column.key, sortDir: dir };
        renderHead();
        sendQuery();
      });
      th.append(b);
      tr.append(th);
    }
    thead.append(tr);
  }

  /** @param {any} row */
  function activateRow(row) {
    if (row.kind === 'call') {
      selected = row.index;
      scrolledTo = row.index;
      for (const tr of tbody.querySelectorAll('tr.selected')) {
        tr.classList.remove('selected');
        tr.setAttribute('aria-selected', 'false');
      }
      const tr = tbody.querySelector(`tr[data-call="${row.index}"]`);
      if (tr) {
        tr.classList.add('selected');
        tr.setAttribute('aria-selected', 'true');
      }
      vscode.postMessage({ type: 'selectCall', index: row.index });
      vscode.postMessage({ type: 'revealCall', index: row.index });
    } else {
      vscode.postMessage({ type: 'revealLine', line: row.line });
    }
  }

  /** @param {KeyboardEvent} event @param {HTMLElement} tr */
  function rowKeys(event, tr) {
    let next = null;
    if (event.key === 'ArrowDown') next = tr.nextElementSibling;
    else if (event.key === 'ArrowUp') next = tr.previousElementSibling;
    else if (event.key === 'Home') next = tbody.firstElementChild;
    else if (event.key === 'End') next = tbody.lastElementChild;
    if (next instanceof HTMLElement) {
      event.preventDefault();
      next.focus();
    }
  }

  /** @param {any} message */
  function renderRows(message) {
    query = message.query;
    selected = message.selected;
    if (filterInput.value !== query.text && document.activeElement !== filterInput) filterInput.value = query.text;
    transactionsToggle.checked = query.showTransactions;
    if (view) renderChips(view);
    renderHead();
    const focusedIndex = document.activeElement instanceof HTMLElement && tbody.contains(document.activeElement)
      ? document.activeElement.dataset.key
      : undefined;
    clear(tbody);
    for (const row of message.rows) {
      const key = `${row.kind}:${row.index}`;
      const isSelected = row.kind === 'call' && row.index === selected;
      const tr = el('tr', {
        cls: `${row.kind}${isSelected ? ' selected' : ''}`,
        attrs: {
          tabindex: '0',
          'aria-selected': String(isSelected),
          'data-key': key,
          ...(row.kind === 'call' ? { 'data-call': String(row.index) } : {}),
        },
      });
      tr.append(
        el('td', { cls: 'time', text: row.time, title: row.timeDetail }),
        el('td', { text: row.from, title: row.from }),
        el('td', { text: row.to, title: row.to }),
        el('td', {}, [
          el('span', { cls: `badge outcome-${row.outcomeClass}`, text: row.outcome }),
          row.findings && row.findings.length > 0
            ? el('span', { cls: 'finding-badge', text: `⚑ ${row.findings.length}`, title: row.findingsDetail, attrs: { 'aria-label': `Findings: ${row.findings.join(', ')}` } })
            : null,
          row.leg ? el('span', { cls: 'leg-badge', text: row.leg, title: row.legDetail }) : null,
        ]),
        el('td', { cls: `status-${row.finalClass}`, text: row.final, title: row.cause ? `Cause: ${row.cause}` : '' }),
        el('td', { text: row.endedBy }),
        el('td', { cls: 'num', text: row.setup }),
        el('td', { cls: 'num', text: row.pdd }),
        el('td', { cls: 'num', text: row.duration }),
      );
      tr.addEventListener('click', () => activateRow(row));
      tr.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          activateRow(row);
        } else rowKeys(event, tr);
      });
      tbody.append(tr);
    }
    if (focusedIndex) {
      const again = tbody.querySelector(`tr[data-key="${focusedIndex}"]`);
      if (again instanceof HTMLElement) again.focus();
    }
    if (selected !== null && selected !== scrolledTo) {
      // Chosen from outside the page (a code lens): bring its flow into view when it arrives.
      const tr = tbody.querySelector(`tr[data-call="${selected}"]`);
      if (tr instanceof HTMLElement) tr.scrollIntoView({ block: 'nearest' });
      scrollToFlow = true;
    }
    scrolledTo = selected;
    const shown = message.rows.length;
    tableStatus.textContent =
      message.matched === 0
        ? message.total === 0
          ? ''
          : 'No rows match the filter.'
        : shown < message.matched
          ? `Showing the first ${shown} of ${message.matched} matching rows (of ${message.total}). Narrow the filter or sort to see others.`
          : `${message.matched} of ${message.total} rows. Click a row, or press Enter on it, to show the call and its flow.`;
    table.hidden = message.matched === 0;
    if (selected === null) renderFlow(null);
  }

  // --- rendering: the ladder --------------------------------------------------------------------

  /** @param {any} message */
  function renderFlow(message) {
    clear(flowSection);
    if (!message) return;
    flowSection.append(el('h2', { text: 'Call flow', attrs: { id: 'flow-heading' } }));
    const ladder = message.ladder;
    if (!ladder) {
      flowSection.append(el('p', { cls: 'muted', text: message.message || 'No messages for this call.' }));
      return;
    }
    if (message.verdict) flowSection.append(el('p', { cls: 'verdict', text: message.verdict }));
    flowSection.append(
      el('p', { cls: 'muted call-id' }, [el('span', { text: 'Call-ID ' }), el('code', { text: ladder.callId })]),
      el('p', { cls: 'muted', text: 'Click an arrow (or focus it and press Enter) to show that message in the editor. Dashed arrows are retransmissions.' }),
    );
    const root = svg('svg', {
      width: ladder.width,
      height: ladder.height,
      viewBox: `0 0 ${ladder.width} ${ladder.height}`,
      role: 'group',
      'aria-label': 'Call flow diagram',
      class: 'ladder',
    });
    for (const lane of ladder.lanes) {
      const label = svg('text', { x: lane.x, y: 18, 'text-anchor': 'middle', class: `lane-label${lane.local ? ' local' : ''}` });
      label.textContent = lane.label;
      const title = svg('title', {});
      title.textContent = lane.detail;
      label.append(title);
      root.append(label);
      if (lane.local && !/\blocal\b/i.test(lane.label)) {
        const tag = svg('text', { x: lane.x, y: 32, 'text-anchor': 'middle', class: 'lane-tag' });
        tag.textContent = 'local';
        root.append(tag);
      }
      root.append(svg('line', { x1: lane.x, y1: 38, x2: lane.x, y2: ladder.height - 8, class: 'lane' }));
    }
    for (const arrow of ladder.arrows) {
      const findings = arrow.findings || [];
      const problem = findings.some((/** @type {any} */ f) => f.severity === 'warning' || f.severity === 'error');
      const group = svg('g', {
        class: `arrow status-${arrow.statusClass}${arrow.retransmission ? ' retransmission' : ''}${findings.length > 0 ? ` has-finding ${problem ? 'finding-problem' : 'finding-context'}` : ''}`,
        tabindex: 0,
        role: 'button',
        'aria-label': `${arrow.label}${arrow.retransmission ? ' (retransmission)' : ''}${arrow.time ? ` at ${arrow.time}` : ''}, line ${arrow.line + 1}${arrow.frame !== null ? `, frame ${arrow.frame}` : ''}${findings.length > 0 ? `; findings: ${findings.map((/** @type {any} */ f) => f.code).join(', ')}` : ''}`,
      });
      const tip = svg('title', {});
      tip.textContent =
        `${arrow.label}${arrow.hasSdp ? ' with SDP' : ''}${arrow.retransmission ? ' — retransmission' : ''} · line ${arrow.line + 1}${arrow.frame !== null ? ` · frame ${arrow.frame}` : ''}` +
        findings.map((/** @type {any} */ f) => `\n${f.code}: ${f.message}`).join('');
      group.append(tip);
      const y = arrow.y;
      const left = Math.min(arrow.x1, arrow.x2);
      const right = Math.max(arrow.x1, arrow.x2);
      group.append(svg('rect', { x: arrow.self ? arrow.x1 - 4 : left, y: y - 18, width: arrow.self ? 56 : Math.max(right - left, 8), height: 24, class: 'hit' }));
      if (arrow.self) {
        group.append(svg('path', { d: `M ${arrow.x1} ${y - 6} h 36 v 10 h -30`, class: 'shaft' }));
        group.append(svg('path', { d: `M ${arrow.x1} ${y + 4} l 7 -4 v 8 z`, class: 'head' }));
      } else {
        const dir = arrow.x2 > arrow.x1 ? 1 : -1;
        group.append(svg('line', { x1: arrow.x1, y1: y, x2: arrow.x2 - dir * 7, y2: y, class: 'shaft' }));
        group.append(svg('path', { d: `M ${arrow.x2} ${y} l ${-dir * 9} -5 v 10 z`, class: 'head' }));
      }
      const label = svg('text', {
        x: arrow.self ? arrow.x1 + 42 : (arrow.x1 + arrow.x2) / 2,
        y: y - 5,
        'text-anchor': arrow.self ? 'start' : 'middle',
        class: 'arrow-label',
      });
      // Sized and, past the widest lane spacing, shortened by the view model; the tooltip keeps the full label.
      label.textContent = arrow.text;
      group.append(label);
      if (findings.length > 0) {
        // A marker at the arrow's start: `!` for a problem, `i` for context; the tooltip says which.
        const mx = arrow.self ? arrow.x1 + 30 : arrow.x1 + (arrow.x2 > arrow.x1 ? 12 : -12);
        group.append(svg('circle', { cx: mx, cy: y - 10, r: 7, class: 'finding-dot' }));
        const mark = svg('text', { x: mx, y: y - 6.5, 'text-anchor': 'middle', class: 'finding-dot-text' });
        mark.textContent = problem ? '!' : 'i';
        group.append(mark);
      }
      if (arrow.time) {
        const time = svg('text', { x: 4, y: y + 4, class: 'arrow-time' });
        time.textContent = arrow.time;
        group.append(time);
      }
      const reveal = () => vscode.postMessage({ type: 'revealLine', line: arrow.line });
      group.addEventListener('click', reveal);
      group.addEventListener('keydown', (event) => {
        const key = /** @type {KeyboardEvent} */ (event).key;
        if (key === 'Enter' || key === ' ') {
          event.preventDefault();
          reveal();
        }
      });
      root.append(group);
    }
    flowSection.append(el('div', { cls: 'ladder-wrap' }, [root]));
    if (ladder.omitted > 0) flowSection.append(el('p', { cls: 'muted', text: `${ladder.omitted} more messages not drawn.` }));
  }

  // --- messages from the extension --------------------------------------------------------------

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || typeof message.type !== 'string') return;
    switch (message.type) {
      case 'loading':
        if (!view) showStatus(message.title, 'Analysing the trace…', 'loading');
        break;
      case 'error':
        showStatus(message.title, message.message, 'error');
        break;
      case 'summary':
        renderSummary(message.view);
        break;
      case 'rows':
        if (view) renderRows(message);
        break;
      case 'flow':
        if (view && message.index === selected) {
          renderFlow(message);
          if (scrollToFlow) flowSection.scrollIntoView({ block: 'start' });
          scrollToFlow = false;
        }
        break;
    }
  });

  vscode.postMessage({ type: 'ready' });
})();
