// Safety of the summary panel without a browser: the page's Content Security Policy and webview
// options, what the view model and the exports make of hostile trace strings, what the webview
// may send back, and a static reading of the page's script (client/src/panel/webview).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import type { CallFlow, Summary, SummaryCall, SummaryTransaction } from '../../server/src/protocol';
import { OUTCOMES, type Outcome } from '../../server/src/analysis/types';
import { createNonce, MEDIA_FOLDER, panelCsp, panelHtml, panelWebviewOptions, SCRIPT_FOLDER } from '../../client/src/panel/html';
import { csvCell, summaryToCsv, summaryToMarkdown } from '../../client/src/panel/export';
import { parseWebviewMessage } from '../../client/src/panel/messages';
import { buildLadder, buildPanelView, DEFAULT_QUERY, queryRows, type StatusClass } from '../../client/src/panel/viewModel';
import { codeSpans, liveLinks, liveMarkup } from './markdown.helpers';

const ROOT = resolve(__dirname, '..', '..');

// ---------------------------------------------------------------------------------------------
// Hostile input

const MEGABYTE = 'A'.repeat(1024 * 1024);
const RTL = 'abc\u202Egnp.exe';
const HOSTILE = {
  script: '<script>alert(1)</script>',
  image: '<img src=x onerror=alert(1)>',
  javascript: 'javascript:alert(document.cookie)',
  command: 'command:workbench.action.terminal.new?%5B%22rm%22%5D',
  mdLink: '[click](command:workbench.action.quit)',
  mdImage: '![x](https://example.com/track.png)',
  autolink: 'https://example.com/a www.example.com user@example.com',
  formula: '=HYPERLINK("https://example.com","x")',
  dde: "-2+3+cmd|' /C calc'!A0",
  at: '@SUM(1+1)*cmd|x',
  pipes: 'a | b || c',
  backticks: '``` `x` ``',
  newline: 'line one\r\n| injected | row |\nline three',
  rtl: RTL,
} as const;
const HOSTILE_VALUES: string[] = [...Object.values(HOSTILE), MEGABYTE];
/** Substrings that only hostile input holds: where they show up, a trace string went. */
const MARKERS = ['alert(', 'javascript:', 'command:', 'example.com', 'HYPERLINK', 'cmd|', 'injected', '\u202E', 'AAAAAAAA', 'click'];

function hostileCall(index: number, value: string, outcome: Outcome): SummaryCall {
  return {
    callId: `${value}#${index}`,
    from: value,
    to: value,
    outcome,
    startTime: null,
    startClock: value,
    startLine: index * 10,
    finalStatus: outcome === 'route-blocked' ? 903 : outcome === 'answered' ? 200 : 486,
    finalReason: value,
    finalLine: index * 10 + 5,
    cause: value,
    endedBy: outcome === 'answered' ? 'remote' : null,
    setupMs: 1000,
    pddMs: 300,
    durationMs: outcome === 'answered' ? 5000 : null,
    outgoing: true,
    messageCount: 4,
    findings: [{ code: 'retry-after', severity: 'information', line: index * 10 + 5, message: value, relatedLines: [], fault: 'remote' }],
    verdict: value,
    group: null,
  };
}

function hostileSummary(): Summary {
  const outcomes: Outcome[] = ['route-blocked', 'busy', 'answered'];
  const calls = HOSTILE_VALUES.map((value, i) => hostileCall(i, value, outcomes[i % outcomes.length]));
  const transactions: SummaryTransaction[] = HOSTILE_VALUES.map((value, i) => ({
    method: value,
    callId: value,
    startLine: 5000 + i,
    finalStatus: 200,
    finalReason: value,
    findings: [],
  }));
  const totals = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Summary['totals'];
  for (const call of calls) totals[call.outcome]++;
  return { format: 'raw', messages: calls.length * 3, calls, transactions, totals, malformed: 0, notices: [HOSTILE.script, HOSTILE.mdLink] };
}

function hostileFlow(): CallFlow {
  return {
    callId: HOSTILE.javascript,
    parties: [
      { id: HOSTILE.script, label: HOSTILE.image, local: true },
      { id: HOSTILE.command, label: MEGABYTE, local: false },
    ],
    arrows: HOSTILE_VALUES.map((value, i) => ({
      from: i % 2 === 0 ? HOSTILE.script : HOSTILE.command,
      to: i % 2 === 0 ? HOSTILE.command : 'unknown-party',
      label: value,
      kind: i % 2 === 0 ? 'request' : 'response',
      status: i % 2 === 0 ? null : 486,
      relativeMs: i * 10,
      line: i,
      retransmission: false,
      hasSdp: false,
      findings: [{ code: 'hold', severity: 'information', message: value }],
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// The page and the webview options

function cspOf(html: string): Map<string, string[]> {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(match, 'the page has a CSP meta tag');
  const directives = new Map<string, string[]>();
  for (const part of match[1].split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name, sources);
  }
  return directives;
}

describe('panel page: Content Security Policy and webview options', () => {
  const resources = {
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    nonce: createNonce(),
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/panel.js',
    styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/panel.css',
    lang: 'ru',
    loading: 'Анализ трассы…',
    title: 'Сводка SIP',
  };
  const html = panelHtml(resources);

  it('denies everything by default and runs only the nonce-tagged script', () => {
    const csp = cspOf(html);
    assert.deepEqual(csp.get('default-src'), ["'none'"]);
    assert.deepEqual(csp.get('script-src'), [`'nonce-${resources.nonce}'`], 'scripts only by nonce');
    assert.deepEqual(csp.get('style-src'), [resources.cspSource], 'styles only from the extension');
    assert.deepEqual(csp.get('img-src'), [resources.cspSource, 'data:']);
    assert.deepEqual([...csp.keys()].sort(), ['default-src', 'img-src', 'script-src', 'style-src'], 'no other directive widens it');
    for (const sources of csp.values()) {
      for (const source of sources) {
        assert.ok(!/unsafe-|^\*$|^https?:$|^blob:$|^'strict-dynamic'$/.test(source), `no loosening source: ${source}`);
      }
    }
    assert.equal(panelCsp(resources.cspSource, resources.nonce), html.match(/content="([^"]*)"/)?.[1]);
  });

  it('has one script, external and nonce-tagged, no inline code, handlers or styles', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0][1], new RegExp(`nonce="${resources.nonce.replace(/[+/]/g, '\\$&')}"`));
    assert.match(scripts[0][1], /src="[^"]+\/dist\/webview\/panel\.js"/);
    assert.match(html, /<html lang="ru">/);
    assert.match(html, /<p class="status">Анализ трассы…<\/p>/);
    assert.equal(scripts[0][2].trim(), '', 'no inline script');
    assert.ok(!/\son[a-z]+\s*=/i.test(html), 'no inline event handlers');
    assert.ok(!/\sstyle\s*=/i.test(html), 'no inline style attributes');
    assert.ok(!/<style/i.test(html), 'no inline stylesheet');
    assert.ok(!/javascript:|command:/i.test(html), 'no script or command URLs');
    // The shell holds no trace text: everything arrives later by postMessage.
    assert.ok(!/<(iframe|object|embed|form|a|base)\b/i.test(html), 'no frames, forms, links or base');
  });

  it('escapes the values it is given, so a strange URI cannot break out of its attribute', () => {
    const odd = panelHtml({ ...resources, scriptUri: 'https://x/"><script>alert(1)</script>' });
    assert.equal([...odd.matchAll(/<script\b/gi)].length, 1);
    assert.ok(!odd.includes('"><script>'));
  });

  it('makes a fresh, unguessable nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    assert.equal(nonces.size, 50);
    for (const nonce of nonces) {
      assert.match(nonce, /^[A-Za-z0-9+/]+={0,2}$/, 'base64, valid in a CSP nonce source');
      assert.ok(Buffer.from(nonce, 'base64').length >= 16, 'at least 128 bits');
    }
  });

  it('lets the webview load from the media folder and the page’s script folder only, with command links off', () => {
    const options = panelWebviewOptions('/ext', (base, ...segments) => [base, ...segments].join('/'));
    assert.deepEqual(options.localResourceRoots, ['/ext/media', '/ext/dist/webview']);
    assert.equal(MEDIA_FOLDER, 'media');
    assert.equal(SCRIPT_FOLDER, 'dist/webview');
    assert.equal(options.enableScripts, true);
    assert.equal(options.enableCommandUris, false);
  });

  it('is the page and the options the panel really uses', () => {
    const source = readFileSync(resolve(ROOT, 'client/src/summaryPanel.ts'), 'utf8');
    assert.match(source, /panelHtml\(/);
    assert.match(source, /panelWebviewOptions\(/);
    assert.match(source, /createNonce\(\)/);
    assert.ok(!/localResourceRoots|Content-Security-Policy|enableCommandUris/.test(source), 'no second, untested copy in summaryPanel.ts');
    assert.equal((source.match(/webview\.html\s*=/g) ?? []).length, 1, 'the page is set in one place');
  });

  it('ships a stylesheet that loads nothing from elsewhere', () => {
    const css = readFileSync(resolve(ROOT, 'media/panel.css'), 'utf8');
    assert.ok(!/@import/i.test(css));
    for (const match of css.matchAll(/url\(\s*['"]?([^'")]*)/gi)) assert.match(match[1], /^data:/, `url(${match[1]})`);
  });
});

// ---------------------------------------------------------------------------------------------
// View model: trace strings stay data

const STATUS_CLASSES: readonly StatusClass[] = [
  'provisional', 'success', 'redirect', 'client-error', 'server-error', 'global-failure', 'route-blocked', 'nonstandard', 'none',
];
/** Keys whose values the page shows as text (textContent, title or aria-label): trace strings may go here. */
const TEXT_KEYS = new Set([
  'title', 'notices', 'from', 'to', 'final', 'cause', 'callId', 'text', 'prefix', 'time', 'timeDetail', 'label', 'detail', 'outcome',
  'findingsDetail', 'message', 'verdict', 'facts', 'ariaLabel', 'tooltip',
]);
/** Keys that would make a string a link, a resource or code: none may exist. */
const FORBIDDEN_KEYS = /^(href|url|uri|link|src|srcdoc|command|commands|args|arguments|html|innerHTML|action|target|on[a-z]+)$/i;

/** Every string in a value, with the key it sits under (array items take their array's key). */
function strings(value: unknown, key = '', out: { key: string; value: string }[] = []): { key: string; value: string }[] {
  if (typeof value === 'string') out.push({ key, value });
  else if (Array.isArray(value)) for (const item of value) strings(item, key, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      assert.ok(!FORBIDDEN_KEYS.test(k), `no "${k}" field in what the page receives`);
      strings(v, k, out);
    }
  }
  return out;
}

function assertTraceTextOnlyAsText(value: unknown): void {
  for (const { key, value: text } of strings(value)) {
    if (MARKERS.some((m) => text.includes(m))) assert.ok(TEXT_KEYS.has(key), `trace text under "${key}"`);
    if (/class$/i.test(key)) {
      assert.ok(
        (STATUS_CLASSES as readonly string[]).includes(text) || (OUTCOMES as readonly string[]).includes(text) || text === 'transaction' || text === 'request',
        `${key} "${text.slice(0, 40)}" is from a fixed vocabulary (it becomes a CSS class)`,
      );
    }
  }
}

describe('view model with hostile trace strings', () => {
  const summary = hostileSummary();

  it('keeps trace strings in text fields of the overview', () => {
    const view = buildPanelView(summary, HOSTILE.mdLink);
    assertTraceTextOnlyAsText(view);
    // They are kept as sent: the page shows them with textContent, which needs no escaping.
    assert.ok(view.codes.some((c) => c.reasons.some((r) => r.text === HOSTILE.script)));
    assert.equal(view.format, 'raw');
  });

  it('keeps trace strings in text fields of the rows, calls and transactions alike', () => {
    const page = queryRows(summary, { ...DEFAULT_QUERY, showTransactions: true });
    assert.equal(page.rows.length, HOSTILE_VALUES.length * 2);
    assertTraceTextOnlyAsText(page);
    for (const row of page.rows) {
      assert.ok(Number.isInteger(row.index) && Number.isInteger(row.line), 'rows are named by numbers');
      assert.ok(row.kind === 'call' || row.kind === 'transaction');
    }
  });

  it('filters by hostile text without treating it as a pattern', () => {
    for (const text of ['.*', '(', '[', '\\', HOSTILE.script, MEGABYTE.slice(0, 200)]) {
      const page = queryRows(summary, { ...DEFAULT_QUERY, text });
      assert.ok(page.matched <= summary.calls.length);
    }
  });

  it('keeps trace strings in text fields of the ladder, and positions are numbers', () => {
    const ladder = buildLadder(hostileFlow());
    assertTraceTextOnlyAsText(ladder);
    for (const lane of ladder.lanes) {
      assert.ok(Number.isFinite(lane.x));
      assert.ok(lane.label.length <= 26, 'lane labels are shortened');
    }
    for (const arrow of ladder.arrows) for (const n of [arrow.x1, arrow.x2, arrow.y, arrow.line]) assert.ok(Number.isFinite(n));
  });
});

// ---------------------------------------------------------------------------------------------
// Exports

describe('exports with hostile trace strings', () => {
  const summary = hostileSummary();

  it('Markdown: trace strings only inside code spans, no live link, image, HTML or autolink', () => {
    const started = Date.now();
    const markdown = summaryToMarkdown(summary, HOSTILE.image);
    assert.ok(Date.now() - started < 5000, 'a megabyte string does not make it crawl');
    assert.deepEqual(liveLinks(markdown), []);
    const live = liveMarkup(markdown);
    for (const marker of MARKERS) assert.ok(!live.includes(marker), `"${marker}" is outside a code span`);
    assert.ok(!/<[a-z/]/i.test(live), 'no live HTML');
    assert.ok(!markdown.includes('\u202E'), 'no bidi override that would reorder the report');
    const spans = codeSpans(markdown);
    for (const value of [HOSTILE.script, HOSTILE.mdLink, HOSTILE.mdImage, HOSTILE.javascript, HOSTILE.formula]) {
      assert.ok(spans.some((s) => s.includes(value)), `${value} is shown, in a code span`);
    }
  });

  it('Markdown: a hostile cell cannot add rows or columns to a table', () => {
    const markdown = summaryToMarkdown(summary, 'trace.sip');
    const lines = markdown.split('\n');
    const header = lines.findIndex((l) => l.startsWith('| Time |'));
    assert.ok(header >= 0);
    const columns = (lines[header].match(/\|/g) ?? []).length;
    for (let i = header + 2; i < lines.length && lines[i].startsWith('|'); i++) {
      // Pipes inside code spans are escaped (`\|`), which GFM tables honour.
      const pipes = (lines[i].replace(/\\\|/g, '').match(/\|/g) ?? []).length;
      assert.equal(pipes, columns, `row ${i}: ${lines[i].slice(0, 120)}`);
    }
    for (const line of lines) assert.ok(!line.startsWith('| injected'), 'a newline in a field starts no row');
  });

  it('CSV: formulas are neutralised and every value survives as one cell', () => {
    const csv = summaryToCsv(summary);
    const rows = parseCsv(csv);
    const header = rows[0];
    assert.equal(rows.length, summary.calls.length + 1);
    for (const row of rows.slice(1)) {
      assert.equal(row.length, header.length, 'no cell breaks out of its row');
      for (const cell of row) {
        if (/^[=+\-@\t\r]/.test(cell)) assert.match(cell, /^[+-]?[\d .()-]+$/, `a formula-looking cell is a plain number: ${cell.slice(0, 60)}`);
      }
    }
    const reasons = rows.slice(1).map((r) => r[header.indexOf('finalReason')]);
    assert.ok(reasons.includes(`'${HOSTILE.formula}`));
    assert.ok(reasons.includes(`'${HOSTILE.dde}`));
    assert.ok(reasons.includes(`'${HOSTILE.at}`));
    assert.ok(reasons.includes(HOSTILE.newline), 'newlines stay inside the quoted cell');
    assert.ok(reasons.includes(MEGABYTE));
  });

  it('CSV: a cell guard for each dangerous lead character', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) assert.ok(csvCell(`${lead}cmd|x`).replace(/^"/, '').startsWith("'"), JSON.stringify(lead));
    assert.equal(csvCell('+49 30 1234567'), '+49 30 1234567', 'phone numbers stay as they are');
  });
});

/** RFC 4180 parser, enough for the test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Messages from the webview

describe('messages from the webview are validated field by field', () => {
  it('takes the calls to save by index, each once', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'saveCalls', indexes: [3, 1, 3] }), { type: 'saveCalls', indexes: [3, 1] });
  });

  it('refuses anything but the known messages with well-formed numbers', () => {
    for (const raw of [
      null,
      'ready',
      { type: 'open', url: HOSTILE.command },
      { type: 'executeCommand', command: 'workbench.action.quit' },
      { type: 'revealLine', line: HOSTILE.javascript },
      { type: 'revealLine', line: -1 },
      { type: 'revealLine', line: 1.5 },
      { type: 'selectCall', index: '0' },
      { type: 'saveCalls', indexes: [] },
      { type: 'saveCalls', indexes: [0, -1] },
      { type: 'saveCalls', indexes: [HOSTILE.script] },
      { type: 'saveCalls', indexes: '0' },
      { type: 'saveCalls', indexes: Array.from({ length: 100_001 }, (_, i) => i) },
      { type: 'selectCall', index: Number.NaN },
      { type: 'revealCall', index: Number.POSITIVE_INFINITY },
      { type: 'revealCall', callId: 'x' },
      { type: 'query', query: { outcomes: ['busy', HOSTILE.script], text: '', showTransactions: false, sortKey: 'time', sortDir: 'asc' } },
      { type: 'query', query: { outcomes: [], text: '', showTransactions: false, sortKey: 'constructor', sortDir: 'asc' } },
      { type: 'query', query: { outcomes: [], text: '', showTransactions: 'yes', sortKey: 'time', sortDir: 'asc' } },
    ]) {
      assert.equal(parseWebviewMessage(raw), undefined, JSON.stringify(raw));
    }
  });

  it('keeps only the fields it knows, and clips the filter text', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready', command: 'workbench.action.quit', href: HOSTILE.javascript }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'revealLine', line: 3, uri: 'file:///etc/passwd' }), { type: 'revealLine', line: 3 });
    assert.deepEqual(parseWebviewMessage({ type: 'openTextTrace', uri: 'file:///etc/passwd' }), { type: 'openTextTrace' });
    const query = parseWebviewMessage(
      JSON.parse(
        JSON.stringify({
          type: 'query',
          query: { outcomes: [], text: MEGABYTE, showTransactions: true, sortKey: 'from', sortDir: 'desc', __proto__: { polluted: true } },
        }),
      ),
    );
    assert.ok(query && query.type === 'query');
    assert.ok(query.query.text.length <= 200);
    assert.deepEqual(Object.keys(query.query).sort(), ['findings', 'outcomes', 'showTransactions', 'sortDir', 'sortKey', 'text']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('accepts only known finding codes as a filter', () => {
    const base = { outcomes: [], text: '', showTransactions: false, sortKey: 'time', sortDir: 'asc' };
    const ok = parseWebviewMessage({ type: 'query', query: { ...base, findings: ['ack-missing', 'hold', 'hold'] } });
    assert.deepEqual(ok && ok.type === 'query' ? ok.query.findings : undefined, ['ack-missing', 'hold']);
    assert.equal(parseWebviewMessage({ type: 'query', query: { ...base, findings: [HOSTILE.script] } }), undefined);
    assert.equal(parseWebviewMessage({ type: 'query', query: { ...base, findings: 'hold' } }), undefined);
  });
});

// ---------------------------------------------------------------------------------------------
// The page's script (client/src/panel/webview/*.ts), read statically

describe('the panel page\'s script (static reading)', () => {
  const dir = resolve(ROOT, 'client/src/panel/webview');
  const script = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(resolve(dir, f), 'utf8'))
    .join('\n');
  // Comments explain what the script never does; read the code only.
  const code = script.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

  it('never parses strings as HTML or code', () => {
    for (const pattern of [
      /\.innerHTML\b/,
      /\.outerHTML\b/,
      /insertAdjacentHTML/,
      /document\.write/,
      /createContextualFragment/,
      /DOMParser/,
      /\beval\s*\(/,
      /\bnew\s+Function\b/,
      /\bFunction\s*\(/,
      /set(?:Timeout|Interval)\s*\(\s*['"`]/,
      /\bimport\s*\(/,
      /srcdoc/,
    ]) {
      assert.ok(!pattern.test(code), `the page's script uses ${pattern}`);
    }
  });

  it('makes no links, frames, requests or navigation', () => {
    for (const pattern of [
      /['"`](?:a|iframe|frame|object|embed|form|script|base|link|meta)['"`]\s*[,)]/, // createElement / el() of such tags
      /['"`](?:href|xlink:href|src|formaction|action|style)['"`]/, // such attributes
      /\.(?:href|src)\s*=/,
      /\bon[a-z]+\s*=/, // handler properties (addEventListener only)
      /\b(?:fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon)\b/,
      /\bwindow\.open\b|\blocation\b/,
      /\bcommand:/,
    ]) {
      assert.ok(!pattern.test(code), `the page's script matches ${pattern}`);
    }
  });

  it('talks to the extension only by postMessage, with messages the extension accepts, named by numbers', () => {
    // One postMessage, typed by messages.ts (WebviewMessage); every other send goes through post().
    assert.equal((code.match(/\.postMessage\(/g) ?? []).length, 1);
    assert.match(code, /function post\(message: WebviewMessage\): void \{\s*vscode\.postMessage\(message\);/);
    const calls = [...code.matchAll(/\bpost\(\s*\{([^}]*)\}\s*\)/g)].map((m) => m[1]);
    assert.ok(calls.length >= 8, 'found the post calls');
    assert.equal(calls.length, (code.match(/\bpost\(\{/g) ?? []).length, 'every post sends an object literal read here');
    for (const body of calls) {
      const type = /type:\s*'([a-zA-Z]+)'/.exec(body)?.[1];
      assert.ok(type, body);
      const fields = [...body.matchAll(/(\w+)\s*(?::|,|$)/g)].map((m) => m[1]).filter((f) => f !== 'type' && f !== type);
      for (const field of fields) assert.ok(['index', 'line', 'query', 'row', 'arrow', 'indexes'].includes(field), `field ${field} in ${body}`);
      const sample = { type, index: 0, line: 0, query: DEFAULT_QUERY, indexes: [0] };
      assert.ok(parseWebviewMessage(sample), `the extension accepts "${type}"`);
    }
  });

  it('takes only types from outside its folder: its words and data come from the extension', () => {
    const imports = [...script.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'([^']+)';/gm)];
    assert.ok(imports.length > 0);
    for (const [line, typeOnly, from] of imports) assert.ok(typeOnly || from.startsWith('./'), line);
  });

  it('puts text into the page with textContent (and attribute values of its own elements)', () => {
    assert.match(code, /textContent/);
    const setAttribute = [...code.matchAll(/setAttribute\(([^,]+),/g)].map((m) => m[1].trim());
    for (const name of setAttribute) assert.ok(/^(name|'aria-[a-z]+')$/.test(name), `setAttribute(${name}, …)`);
  });
});
