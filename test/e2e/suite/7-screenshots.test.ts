/// <reference types="mocha" />
// Pictures of the summary panel on a real multi-call trace (the SIPp fixtures, one after the
// other), in the light and the dark theme, with a call selected so its ladder shows, and of a
// packet capture open in its editor beside its text trace. They go to test/e2e/out/; with
// SIP_LENS_E2E_DOCS=1 also to docs/ for the README.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { domBridgeAvailable } from '../support/dom';
import { fixtureUri, waitForDiagnostic } from '../support/editor';
import { click, dom, editorOf, query, showSummaryOf } from '../support/panel';
import { waitFor } from '../support/waiting';

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
    if (!domBridgeAvailable()) this.skip();
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
      const shot = await dom({ op: 'screenshot', name: 'workbench', target: 'workbench', docs });
      assert.ok(shot.file);
    } finally {
      await dom({ op: 'viewport' });
    }
  });

  test('the panel on a multi-call trace, light and dark', async function () {
    if (!domBridgeAvailable()) this.skip();
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
      for (const theme of THEMES) {
        await useTheme(theme);
        const shot = await dom({ op: 'screenshot', name: `summary-panel-${theme.name}`, target: 'webview', docs });
        assert.ok(shot.file);
      }
      // The README's picture: the dark theme, which is still on.
      await dom({ op: 'screenshot', name: 'summary-panel', target: 'webview', docs });
    } finally {
      await dom({ op: 'viewport' });
    }
  });

  test('a packet capture in its editor, beside its text trace', async function () {
    if (!domBridgeAvailable()) this.skip();
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
    } finally {
      await dom({ op: 'viewport' });
    }
  });
});
