// Small DOM helpers for the panel's page. Every string is put in with textContent or as an
// attribute value of our own elements: never as HTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

export interface ElementOptions {
  cls?: string;
  text?: string;
  title?: string;
  attrs?: Record<string, string>;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options?: ElementOptions,
  children?: ReadonlyArray<Node | null | undefined>,
): HTMLElementTagNameMap[K] {
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

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  return node;
}

export function clear(node: Element): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

export function button(label: string, onClick: () => void, title?: string): HTMLButtonElement {
  const b = el('button', { text: label, title, attrs: { type: 'button' } });
  b.addEventListener('click', onClick);
  return b;
}

/** A horizontal bar filled to `share` (0..1). */
export function bar(share: number, cls: string): HTMLSpanElement {
  const fill = el('span', { cls: `bar-fill ${cls}` });
  // CSSOM, not a style attribute: the page's CSP allows no inline styles.
  fill.style.width = `${Math.max(0, Math.min(1, share)) * 100}%`;
  return el('span', { cls: 'bar', attrs: { 'aria-hidden': 'true' } }, [fill]);
}

/** `{0}`, `{1}`… of a template from the extension replaced by the arguments. */
export function fillTemplate(template: string, ...args: Array<string | number>): string {
  return template.replace(/\{(\d+)\}/g, (whole, n: string) => (Number(n) < args.length ? String(args[Number(n)]) : whole));
}
