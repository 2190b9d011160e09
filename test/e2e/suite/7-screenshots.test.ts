/// <reference types="mocha" />
// Pictures of the summary panel on a real multi-call trace (the SIPp fixtures, one after the
// other), in the light and the dark theme, with a call selected so its ladder shows, and of a
// packet capture open in its editor beside its text trace, and of a call's findings and verdict. They go to test/e2e/out/; with
// SIP_LENS_E2E_DOCS=1 also to docs/ for the README.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { fixtureUri, waitForDiagnostic } from '../support/editor';
import { click, dom, editorOf, query, showSummaryOf } from '../support/panel';
import { waitFor } from '../support/waiting';

/** Tests in this file; the harness fails the run when another number reports. */
export const expectedTests = 4;

/** Width and height of a PNG, from its IHDR chunk: a picture was really drawn, at the size shown. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', `${file} is a PNG`);
  assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The outcome chart of the panel as { outcome: count }. */
async function outcomeCounts(): Promise<Record<string, number>> {
  const names = await query('.outcome-row .outcome-name', { minCount: 8 });
  const numbers = await query('.outcome-row > .num:not(.muted)', { minCount: 8 });
  return Object.fromEntries(names.map((name, i) => [name.text, Number(numbers[i].text)]));
}

/** sipp-calls.sip holds the SIPp fixtures' calls: what each scenario was made to end with. */
const SIPP_OUTCOMES = { answered: 5, busy: 2, redirected: 1, 'route-blocked': 1, 'no-answer': 1, cancelled: 1, failed: 5, 'no-final': 1 };

const THEMES = [
  { name: 'light', theme: 'Default Light Modern', kind: vscode.ColorThemeKind.Light, bodyClass: 'vscode-light' },
  { name: 'dark', theme: 'Default Dark Modern', kind: vscode.ColorThemeKind.Dark, bodyClass: 'vscode-dark' },
] as const;

async function useTheme(theme: (typeof THEMES)[number]): Promise<void> {
  const applied = waitFor(`the ${theme.theme} theme`, () => (vscode.window.activeColorTheme.kind === theme.kind ? true : undefined), {
    events: [vscode.window.onDidChangeActiveColorTheme],
  });
  await vscode.workspace.getConfiguration('workbench').update('colorTheme', theme.theme, vscode.ConfigurationTarget.Global);
  await applied;
  // The webview learns the theme by message; wait until its body says so.
  await query(`body.${theme.bodyClass}`);
}

/** Only what the picture is about: no other editors, no side bar, no bottom panel. */
async function clearWorkbench(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('workbench.action.closeSidebar');
  await vscode.commands.executeCommand('workbench.action.closePanel');
}

suite('Screenshots', () => {
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
  });

  test('the editor beside the panel: diagnostics, code lenses and a hover on a 486', async function () {
    this.timeout(120_000);
    const docs = process.env.SIP_LENS_E2E_DOCS === '1';
    await clearWorkbench();
    await dom({ op: 'viewport', width: 1600, height: 950 });
    try {
      const document = await showSummaryOf('sipp-calls.sip');
      await query('tbody tr.call', { minCount: 17 });
      await vscode.commands.executeCommand('vscode.setEditorLayout', { orientation: 0, groups: [{ size: 0.55 }, { size: 0.45 }] });
      const busyLine = [...Array(document.lineCount).keys()].find((line) => document.lineAt(line).text.startsWith('SIP/2.0 486'));
      assert.ok(busyLine !== undefined, 'the trace has a 486');
      const editor = editorOf(document.uri);
      assert.ok(editor, 'the trace is visible beside the panel');
      await vscode.window.showTextDocument(document, { viewColumn: editor.viewColumn, preserveFocus: false });
      editor.selection = new vscode.Selection(busyLine, 10, busyLine, 10);
      editor.revealRange(new vscode.Range(busyLine - 12, 0, busyLine + 4, 0), vscode.TextEditorRevealType.AtTop);
      await vscode.commands.executeCommand('editor.action.showHover');
      await dom({ op: 'query', scope: 'workbench', selector: '.monaco-hover .hover-contents', contains: 'Busy Here' });
      // What the picture must show, each made by the running extension: its hover, its code
      // lenses, its diagnostics' squiggles, its status bar item and its panel.
      const [hover] = await query('.monaco-hover .hover-contents', { scope: 'workbench', contains: 'Busy Here' });
      assert.match(hover.text, /\bbusy\b/);
      await query('.codelens-decoration', { scope: 'workbench', contains: 'busy · 486 Busy Here' });
      await query('.squiggly-warning, .squiggly-error', { scope: 'workbench' });
      await query('.statusbar-item', { scope: 'workbench', contains: 'SIP: 17 calls · 1 route-blocked · ASR 29%' });
      await query('header h1', { contains: 'sipp-calls.sip' });
      const shot = await dom({ op: 'screenshot', name: 'workbench', target: 'workbench', docs });
      assert.ok(shot.file);
      assert.deepEqual(pngSize(shot.file), { width: 1600, height: 950 });
    } finally {
      await dom({ op: 'viewport' });
    }
  });

  test('the panel on a multi-call trace, light and dark', async function () {
    this.timeout(120_000);
    const docs = process.env.SIP_LENS_E2E_DOCS === '1';
    await clearWorkbench();
    const document = await showSummaryOf('sipp-calls.sip');
    await query('tbody tr.call', { minCount: 17 });

    // Select the call that needed credentials: its ladder has the most to show.
    await vscode.commands.executeCommand('sipLens.showCallFlow', document.uri.toString(), 'auth-407-answered-1@sip-lens');
    const arrows = await query('svg.ladder g.arrow', { minCount: 8 });
    assert.ok(arrows.some((a) => a.text.includes('407')), 'the ladder shows the 407 challenge');

    // The whole panel in one picture: a wide editor group for it, and a window tall enough
    // that nothing scrolls.
    await vscode.commands.executeCommand('vscode.setEditorLayout', { orientation: 0, groups: [{ size: 0.25 }, { size: 0.75 }] });
    const measured = await dom({
      op: 'waitForExpression',
      scope: 'webview',
      expression: 'document.querySelector("svg.ladder") ? document.documentElement.scrollHeight : 0',
    });
    const height = Number(measured.values?.[0]?.value);
    assert.ok(height > 500, `the panel is ${height} px tall`);
    await dom({ op: 'viewport', width: 1500, height: Math.min(height + 120, 2600) });
    try {
      await dom({ op: 'waitForExpression', scope: 'webview', expression: 'document.documentElement.scrollHeight <= innerHeight + 1' });
      assert.deepEqual(await outcomeCounts(), SIPP_OUTCOMES);
      const [facts] = await query('header p.muted', { contains: 'calls' });
      assert.match(facts.text, /\b17 calls · 3 other transactions\b/);
      const [selected] = await query('tbody tr.call.selected', { attributes: ['aria-selected'] });
      assert.equal(selected.attributes['aria-selected'], 'true');
      assert.match(selected.text, /answered/);
      const [frame] = await query('iframe.webview', { scope: 'workbench' });
      for (const theme of THEMES) {
        await useTheme(theme);
        const shot = await dom({ op: 'screenshot', name: `summary-panel-${theme.name}`, target: 'webview', docs });
        assert.ok(shot.file);
        const size = pngSize(shot.file);
        assert.ok(
          Math.abs(size.width - frame.width) <= 1 && Math.abs(size.height - frame.height) <= 1,
          `the picture (${size.width}×${size.height}) is of the panel (${frame.width}×${frame.height})`,
        );
      }
      // The README's picture: the dark theme, which is still on.
      await dom({ op: 'screenshot', name: 'summary-panel', target: 'webview', docs });
    } finally {
      await dom({ op: 'viewport' });
    }
  });

  test('a packet capture in its editor, beside its text trace', async function () {
    this.timeout(120_000);
    const docs = process.env.SIP_LENS_E2E_DOCS === '1';
    await clearWorkbench();
    // Tall enough for the ladder below the table.
    await dom({ op: 'viewport', width: 1600, height: 1250 });
    try {
      const capture = fixtureUri('sipp-calls.pcapng');
      await vscode.commands.executeCommand('vscode.open', capture);
      await query('header h1', { contains: 'sipp-calls.pcapng', timeoutMs: 30_000 });
      await query('tbody tr.call', { minCount: 2 });
      // Clicking the busy call draws its ladder and opens the text trace beside, at its INVITE.
      const textShown = waitFor(
        'the text trace beside the capture editor',
        () => vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'sip-lens-capture'),
        { events: [vscode.window.onDidChangeVisibleTextEditors], timeoutMs: 30_000 },
      );
      await click('tbody tr.call', 'busy');
      await query('svg.ladder g.arrow', { contains: '486' });
      const text = await textShown;
      await waitForDiagnostic(text.document.uri, 'the 486 reported in the text trace', (d) => /486/.test(d.message));
      await vscode.commands.executeCommand('vscode.setEditorLayout', { orientation: 0, groups: [{ size: 0.55 }, { size: 0.45 }] });
      await query('svg.ladder g.arrow', { contains: '486' });
      const shot = await dom({ op: 'screenshot', name: 'capture-editor', target: 'workbench', docs });
      assert.ok(shot.file);
      assert.deepEqual(pngSize(shot.file), { width: 1600, height: 1250 });
    } finally {
      await dom({ op: 'viewport' });
    }
  });

  test('findings: a hover with the finding, the verdict under the call and the marked arrow', async function () {
    this.timeout(120_000);
    const docs = process.env.SIP_LENS_E2E_DOCS === '1';
    await clearWorkbench();
    await dom({ op: 'viewport', width: 1600, height: 1000 });
    try {
      const document = await showSummaryOf('findings.sip');
      await vscode.commands.executeCommand('vscode.setEditorLayout', { orientation: 0, groups: [{ size: 0.5 }, { size: 0.5 }] });
      await click('tbody tr.call', '5551234');
      await query('.flow p.verdict', { contains: 'authenticated retry' });
      await query('svg.ladder g.arrow.has-finding', { minCount: 1 });
      const line = [...Array(document.lineCount).keys()].find((l) => document.lineAt(l).text.startsWith('SIP/2.0 403'));
      assert.ok(line !== undefined, 'the trace has a 403');
      const editor = editorOf(document.uri);
      assert.ok(editor, 'the trace is visible beside the panel');
      await vscode.window.showTextDocument(document, { viewColumn: editor.viewColumn, preserveFocus: false });
      editor.selection = new vscode.Selection(line, 10, line, 10);
      editor.revealRange(new vscode.Range(Math.max(0, line - 14), 0, line + 4, 0), vscode.TextEditorRevealType.AtTop);
      await vscode.commands.executeCommand('editor.action.showHover');
      await query('.monaco-hover .hover-contents', { scope: 'workbench', contains: 'auth-rejected' });
      await query('.monaco-hover .hover-contents', { scope: 'workbench', contains: 'Verdict' });
      await query('.finding-row', { contains: 'auth-rejected' });
      const shot = await dom({ op: 'screenshot', name: 'findings', target: 'workbench', docs });
      assert.ok(shot.file);
      assert.deepEqual(pngSize(shot.file), { width: 1600, height: 1000 });
    } finally {
      await dom({ op: 'viewport' });
    }
  });
});
