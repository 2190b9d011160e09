/// <reference types="mocha" />
// A trace is untrusted input. hostile.sip carries markup, script, javascript: and command: URIs,
// Markdown links, 10 KB strings and right-to-left overrides in its reason phrases, display
// names, user parts, Reason headers and a Call-ID. The panel and the hovers must show all of
// it as the characters it is, and nothing in it may run.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hoverText, lineOf, untilAnswered } from '../support/editor';
import { click, dom, query, showSummaryOf } from '../support/panel';

/** Tests in this file; the harness fails the run when another number reports. */
export const expectedTests = 7;

const SCRIPT = '<script>window.__pwned=1</script>';
const IMG = '<img src=x onerror="window.__pwned=1">';
const RLO = '\u202e';
const LONG_USER = 'A'.repeat(10240);

/** Links and images a Markdown renderer would build: `[text](target)` / `![alt](src)` not escaped. */
function markdownLinks(markdown: string): { image: boolean; label: string; target: string }[] {
  const links: { image: boolean; label: string; target: string }[] = [];
  const pattern = /(\\*)(!?)\[((?:\\.|[^\]\\])*)\]\(([^)\s]*)/g;
  for (let m = pattern.exec(markdown); m; m = pattern.exec(markdown)) {
    if (m[1].length % 2 === 1) {
      // `\[` is a literal bracket: look again just after it, a real link may start later.
      pattern.lastIndex = m.index + m[1].length + m[2].length + 1;
      continue;
    }
    links.push({ image: m[2] === '!', label: m[3], target: m[4] });
  }
  return links;
}

/** Raw HTML a Markdown renderer would pass on: `<tag` or `</tag` not escaped with a backslash. */
function rawHtml(markdown: string): string[] {
  return [...markdown.matchAll(/(\\*)(<\/?[a-z][^>]*>?)/gi)].filter((m) => m[1].length % 2 === 0).map((m) => m[2]);
}

suite('Hostile trace', () => {
  let document: vscode.TextDocument;

  suiteSetup(async function () {
    document = await showSummaryOf('hostile.sip');
    await query('tbody tr.call', { minCount: 3 });
  });

  test('the panel shows markup, links and overrides from the trace as literal text', async () => {
    const [body] = await query('body', { contains: IMG });
    for (const literal of [
      IMG, // reason phrase of the 486, in the row and in the final-responses table
      '[Decline](command:workbench.action.quit) ![x](javascript:window.__pwned=1)', // reason phrase of the 603
      'SIP 603 <img src=x onerror="window.__pwned=1"> [Call back](javascript:window.__pwned=1)', // its Reason header
      `${RLO}0001`, // caller's user part, override and all
      LONG_USER, // 10 KB user part, whole
    ]) {
      assert.ok(body.text.includes(literal), `the panel's text holds ${JSON.stringify(literal.slice(0, 80))}`);
    }
  });

  test('markup in a Call-ID and in a reason phrase stays text in the ladder', async () => {
    await click('tbody tr.call', 'route-blocked');
    const [callId] = await query('.flow .call-id code', { contains: '@evil.example' });
    assert.equal(callId.text, `${SCRIPT}@evil.example`);

    await click('tbody tr.call', 'busy');
    const arrows = await query('svg.ladder g.arrow', { contains: SCRIPT, attributes: ['aria-label'] });
    assert.match(arrows[0].attributes['aria-label'] ?? '', /^180 <script>window\.__pwned=1<\/script>/);
  });

  test('nothing from the trace became an element, a link or a handler', async () => {
    // Ask only once the page has drawn everything above, ladder included.
    await query('svg.ladder g.arrow', { minCount: 3 });
    // The content document holds the panel's own script and the one VS Code puts into every
    // webview (inline, it defines acquireVsCodeApi); nothing else.
    const scripts = await query('script', { minCount: 0, attributes: ['src'] });
    const ours = scripts.filter((s) => /\/dist\/webview\/panel\.js$/.test(s.attributes.src ?? ''));
    const host = scripts.filter((s) => s.attributes.src === null && s.text.includes('acquireVsCodeApi'));
    assert.equal(ours.length, 1, 'the panel script once');
    assert.equal(ours.length + host.length, scripts.length, `no other script: ${JSON.stringify(scripts.map((s) => s.attributes.src ?? s.text.slice(0, 80)))}`);
    assert.ok(scripts.every((s) => !s.text.includes('__pwned')), 'no script holds trace text');
    assert.deepEqual(await query('img, iframe, object, embed, image, foreignObject', { minCount: 0 }), []);
    const inBody = await query('body a, body [href], body [xlink\\:href]', { minCount: 0 });
    assert.deepEqual(inBody, [], 'the panel draws no links at all');
    const refs = await query('[href], [src]', { minCount: 0, attributes: ['href', 'src'] });
    for (const ref of refs) {
      const target = ref.attributes.href ?? ref.attributes.src ?? '';
      assert.match(
        target,
        /^https:\/\/[^/]*vscode-resource\.vscode-cdn\.net\/.*\/(?:media\/panel\.css|dist\/webview\/panel\.js)$/,
        `only the panel's own files are referenced: ${ref.tag} ${target}`,
      );
    }

    const handlers = await dom({
      op: 'evaluate',
      expression: `Array.from(document.querySelectorAll('*')).flatMap((e) => Array.from(e.attributes).filter((a) => /^on/i.test(a.name)).map((a) => e.tagName + ' ' + a.name))`,
    });
    for (const frame of handlers.values ?? []) {
      if (/fake\.html/.test(frame.url)) assert.deepEqual(frame.value, [], `no inline event handler in ${frame.url}`);
    }
  });

  test('window.__pwned is set in no frame', async () => {
    const answer = await dom({ op: 'evaluate', expression: 'typeof window.__pwned' });
    const values = answer.values ?? [];
    assert.ok(values.some((v) => /fake\.html/.test(v.url)), `the panel's frame was asked: ${values.map((v) => v.url).join(', ')}`);
    assert.ok(values.length >= 3, 'the workbench and the webview frames were asked');
    for (const frame of values) assert.equal(frame.value, 'undefined', `window.__pwned in ${frame.url}`);
  });

  test('a 10 KB user part does not stretch the table', async () => {
    const cells = await query('tbody tr.call td', { contains: LONG_USER });
    assert.equal(cells.length, 1);
    assert.ok(cells[0].width > 0 && cells[0].width < 600, `the cell is cut to a readable width (${cells[0].width} px)`);
  });

  test('hovers quote the trace as text: no HTML, no link or image built from it', async () => {
    const lines = [
      lineOf(document, /^INVITE sip:javascript:/),
      lineOf(document, /^SIP\/2\.0 180 </),
      lineOf(document, /^SIP\/2\.0 486 </),
      lineOf(document, /^Reason: Q\.850/),
      lineOf(document, /^INVITE sip:command:/),
      lineOf(document, /^SIP\/2\.0 603 \[/),
      lineOf(document, /^Reason: SIP;/),
      lineOf(document, /^INVITE sip:8810099@/),
      lineOf(document, /^SIP\/2\.0 903 B/),
    ];
    for (const line of lines) {
      const position = new vscode.Position(line, 4);
      const hovers = await untilAnswered(`a hover on line ${line + 1}`, () =>
        vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position),
      );
      const markdown = hoverText(hovers);
      const where = `hover on line ${line + 1}: ${markdown.slice(0, 300)}`;
      assert.deepEqual(rawHtml(markdown), [], `no raw HTML in the ${where}`);
      for (const link of markdownLinks(markdown)) {
        assert.ok(!link.image, `no image in the ${where}`);
        assert.match(link.target, /^https:\/\//, `only the catalogue's own https links in the ${where}`);
        assert.doesNotMatch(link.label, /window|Decline|Call back/, `no link labelled with trace text in the ${where}`);
      }
      assert.doesNotMatch(markdown, /(^|[^\\])(?:command|javascript):/, `no live command: or javascript: text in the ${where}`);
      assert.ok(!markdown.includes(RLO), `no right-to-left override applied in the ${where}`);
      assert.ok(markdown.length < 5000, `the ${where.slice(0, 40)} does not repeat a 10 KB string (${markdown.length} chars)`);
    }
  });

  test('the rendered hover shows the reason phrase as text, with no image or link from it', async () => {
    const line = lineOf(document, /^SIP\/2\.0 603 \[/);
    const editor = await vscode.window.showTextDocument(document, { preserveFocus: false, viewColumn: vscode.ViewColumn.One });
    editor.selection = new vscode.Selection(line, 10, line, 10);
    await vscode.commands.executeCommand('editor.action.showHover');
    const [hover] = await query('.monaco-hover', { scope: 'workbench', contains: 'Decline](command:' });
    assert.ok(hover.text.includes('603 [Decline](command:workbench.action.quit) ![x](javascript:window.__pwned=1)'), hover.text.slice(0, 300));
    const inside = await query('.monaco-hover img, .monaco-hover script', { scope: 'workbench', minCount: 0 });
    assert.deepEqual(inside, [], 'no image or script in the hover');
    const links = await query('.monaco-hover a', { scope: 'workbench', minCount: 0, attributes: ['href', 'data-href'] });
    for (const link of links) {
      const target = link.attributes['data-href'] ?? link.attributes.href ?? '';
      assert.doesNotMatch(target, /^(?:command|javascript):/i, `hover link ${link.text} → ${target}`);
      assert.doesNotMatch(link.text, /Decline|Call back|window/, `no link made of trace text: ${link.text}`);
    }
    await vscode.commands.executeCommand('editor.action.hideHover').then(undefined, () => undefined);
  });
});
