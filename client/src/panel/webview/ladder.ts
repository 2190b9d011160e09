// The ladder (sequence) diagram of the selected call: lanes, arrows, their times and findings.
// Sizes, positions and words come from the view model; a click on an arrow reveals its line.
import type { HostMessage } from '../messages';
import type { LadderView, PanelView } from '../viewModel';
import { clear, el, svg } from './dom';
import { post } from './host';

type FlowMessage = Extract<HostMessage, { type: 'flow' }>;

function drawLadder(v: PanelView, ladder: LadderView): SVGSVGElement {
  const root = svg('svg', {
    width: ladder.width,
    height: ladder.height,
    viewBox: `0 0 ${ladder.width} ${ladder.height}`,
    role: 'group',
    'aria-label': v.text.flowDiagram,
    class: 'ladder',
  });
  for (const lane of ladder.lanes) {
    const label = svg('text', { x: lane.x, y: 18, 'text-anchor': 'middle', class: `lane-label${lane.local ? ' local' : ''}` });
    label.textContent = lane.label;
    const title = svg('title', {});
    title.textContent = lane.detail;
    label.append(title);
    root.append(label);
    if (lane.tag) {
      const tag = svg('text', { x: lane.x, y: 32, 'text-anchor': 'middle', class: 'lane-tag' });
      tag.textContent = lane.tag;
      root.append(tag);
    }
    root.append(svg('line', { x1: lane.x, y1: 38, x2: lane.x, y2: ladder.height - 8, class: 'lane' }));
  }
  for (const arrow of ladder.arrows) {
    const findings = arrow.findings;
    const problem = findings.some((f) => f.severity === 'warning' || f.severity === 'error');
    const marks = findings.length > 0 ? ` has-finding ${problem ? 'finding-problem' : 'finding-context'}` : '';
    const group = svg('g', {
      class: `arrow status-${arrow.statusClass}${arrow.retransmission ? ' retransmission' : ''}${marks}`,
      tabindex: 0,
      role: 'button',
      'aria-label': arrow.ariaLabel,
    });
    const tip = svg('title', {});
    tip.textContent = arrow.tooltip;
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
    const reveal = () => post({ type: 'revealLine', line: arrow.line });
    group.addEventListener('click', reveal);
    group.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        reveal();
      }
    });
    root.append(group);
  }
  return root;
}

/** Draws the call's flow into `section`, or empties it (no call selected). */
export function renderFlow(section: HTMLElement, v: PanelView | null, message: FlowMessage | null): void {
  clear(section);
  if (!message || !v) return;
  section.append(el('h2', { text: v.text.callFlow, attrs: { id: 'flow-heading' } }));
  const ladder = message.ladder;
  if (!ladder) {
    section.append(el('p', { cls: 'muted', text: message.message || v.text.noMessages }));
    return;
  }
  if (message.verdict) section.append(el('p', { cls: 'verdict', text: message.verdict }));
  section.append(
    el('p', { cls: 'muted call-id' }, [el('span', { text: `${v.text.callId} ` }), el('code', { text: ladder.callId })]),
    el('p', { cls: 'muted', text: v.text.flowHint }),
    el('div', { cls: 'ladder-wrap' }, [drawLadder(v, ladder)]),
  );
  if (ladder.omittedText) section.append(el('p', { cls: 'muted', text: ladder.omittedText }));
}
