// The cards above the table: outcomes, key figures, findings, route-blocked numbers and the
// final responses. A click on an outcome or a finding filters the table.
import type { CountedText, PanelView, RouteBlockedView } from '../viewModel';
import { bar, el, fillTemplate } from './dom';
import { formatCount, state } from './host';

export interface OverviewActions {
  toggleOutcome(outcome: string): void;
  toggleFinding(code: string): void;
}

function renderOutcomes(v: PanelView, actions: OverviewActions): HTMLElement {
  const list = el('div', { cls: 'outcome-list', attrs: { role: 'list' } });
  for (const o of v.outcomes) {
    const active = state.query.outcomes.includes(o.outcome);
    const row = el(
      'button',
      {
        cls: `outcome-row${o.count === 0 ? ' zero' : ''}${active ? ' active' : ''}`,
        title: fillTemplate(v.text.clickToFilter, o.description),
        attrs: { type: 'button', role: 'listitem', 'aria-pressed': String(active), 'data-outcome': o.outcome },
      },
      [
        el('span', { cls: `outcome-name outcome-${o.outcome}` }, [
          el('span', { text: o.outcome }),
          o.label ? el('span', { cls: 'outcome-label', text: ` ${o.label}` }) : null,
        ]),
        bar(o.share, `outcome-${o.outcome}`),
        el('span', { cls: 'num', text: formatCount(o.count) }),
        el('span', { cls: 'num muted', text: o.shareText }),
      ],
    );
    row.addEventListener('click', () => actions.toggleOutcome(o.outcome));
    list.append(row);
  }
  return el('section', { cls: 'card' }, [el('h2', { text: v.text.outcomes }), list]);
}

function renderKpis(v: PanelView): HTMLElement {
  const grid = el('dl', { cls: 'kpis' });
  for (const k of v.kpis) {
    grid.append(el('div', { cls: 'kpi', title: k.detail }, [el('dt', { text: k.label }), el('dd', { text: k.value })]));
  }
  return el('section', { cls: 'card' }, [el('h2', { text: v.text.keyFigures }), grid]);
}

function countedList(v: PanelView, items: readonly CountedText[]): HTMLElement {
  if (items.length === 0) return el('span', { cls: 'muted', text: '—' });
  const list = el('ul', { cls: 'counted' });
  for (const item of items.slice(0, 8)) {
    list.append(el('li', {}, [el('span', { text: item.text }), el('span', { cls: 'muted', text: ` ×${formatCount(item.count)}` })]));
  }
  if (items.length > 8) list.append(el('li', { cls: 'muted', text: fillTemplate(v.text.more, formatCount(items.length - 8)) }));
  return list;
}

function renderCodes(v: PanelView): HTMLElement {
  const body = el('tbody');
  for (const c of v.codes) {
    body.append(
      el('tr', {}, [
        el('td', { cls: `code status-${c.statusClass}`, text: c.code === 'none' ? v.text.noFinal : c.code, title: c.outcomes.join(', ') }),
        el('td', { cls: 'bar-cell' }, [bar(c.share, `status-${c.statusClass}`)]),
        el('td', { cls: 'num', text: formatCount(c.count) }),
        el('td', {}, [countedList(v, c.reasons)]),
        el('td', {}, [countedList(v, c.causes)]),
      ]),
    );
  }
  const headings = [v.text.codeColumn, '', v.text.callsColumn, v.text.reasonsColumn, v.text.causesColumn];
  const head = el('thead', {}, [el('tr', {}, headings.map((h) => el('th', { text: h, attrs: { scope: 'col' } })))]);
  return el('section', { cls: 'card wide' }, [
    el('h2', { text: v.text.finalResponses }),
    el('div', { cls: 'table-wrap' }, [el('table', { cls: 'codes' }, [head, body])]),
  ]);
}

function renderFindings(v: PanelView, actions: OverviewActions): HTMLElement {
  const list = el('div', { cls: 'finding-list', attrs: { role: 'list' } });
  for (const f of v.findings) {
    const active = state.query.findings.includes(f.code);
    const row = el(
      'button',
      {
        cls: `finding-row severity-${f.severity}${active ? ' active' : ''}`,
        title: f.title,
        attrs: { type: 'button', role: 'listitem', 'aria-pressed': String(active), 'data-code': f.code },
      },
      [
        el('span', { cls: 'finding-mark', text: f.severity === 'information' || f.severity === 'hint' ? 'i' : '!', attrs: { 'aria-hidden': 'true' } }),
        el('span', { cls: 'finding-code', text: f.code }),
        el('span', { cls: 'num', text: formatCount(f.count) }),
      ],
    );
    row.addEventListener('click', () => actions.toggleFinding(f.code));
    list.append(row);
  }
  return el('section', { cls: 'card' }, [el('h2', { text: v.text.findings }), list]);
}

function renderRouteBlocked(v: PanelView, rb: RouteBlockedView): HTMLElement {
  const list = el('ul', { cls: 'prefix-groups' });
  for (const g of rb.groups) {
    const numbers = el('ul', { cls: 'numbers' });
    for (const n of g.numbers.slice(0, 20)) {
      numbers.append(el('li', {}, [el('code', { text: n.text }), n.count > 1 ? el('span', { cls: 'muted', text: ` ×${formatCount(n.count)}` }) : null]));
    }
    if (g.numbers.length > 20) numbers.append(el('li', { cls: 'muted', text: fillTemplate(v.text.more, formatCount(g.numbers.length - 20)) }));
    list.append(
      el('li', {}, [
        el('div', { cls: 'prefix-head' }, [
          g.shared
            ? el('span', {}, [el('span', { cls: 'muted', text: `${v.text.prefix} ` }), el('code', { cls: 'prefix', text: g.prefix })])
            : el('span', { cls: 'muted', text: rb.groups.length > 1 ? v.text.noSharedPrefix : v.text.singleNumber }),
          el('span', { cls: 'muted', text: ` · ${g.callsText}` }),
        ]),
        numbers,
      ]),
    );
  }
  return el('section', { cls: 'card wide route-blocked' }, [
    el('h2', { text: fillTemplate(v.text.routeBlocked, formatCount(rb.calls)) }),
    el('p', { text: v.text.routeBlockedExplanation }),
    list,
  ]);
}

/** The overview's cards for a trace with calls. */
export function renderOverview(v: PanelView, actions: OverviewActions): HTMLElement[] {
  const cards = [renderOutcomes(v, actions), renderKpis(v)];
  if (v.findings.length > 0) cards.push(renderFindings(v, actions));
  if (v.routeBlocked) cards.push(renderRouteBlocked(v, v.routeBlocked));
  cards.push(renderCodes(v));
  return cards;
}
