/// <reference types="mocha" />
// The SIP Traces view and the workspace summary, on the fixture workspace. What each fixture was
// made to hold (test/e2e/README.md): calls.sip a 486 and a 903 call; capture.log one answered
// call; sipp-calls.pcapng an answered and a 486 call; two-hosts.ngrep.txt one answered call;
// sipp-calls.sip the 17 SIPp scenario calls (5 answered, 5 failed, 2 busy and one of each other
// outcome); findings.sip, hostile.sip and pbx-legs.sip are SIP traces too. The view is read in the
// workbench's DOM: what a user sees.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { fixtureUri } from '../support/editor';
import { writeLargeTrace } from '../support/largeTrace';
import { click, dom, editorOf, query } from '../support/panel';
import { waitFor } from '../support/waiting';

/** Tests in this file; the harness fails the run when another number reports. */
export const expectedTests = 6;

/** Rows of the SIP Traces view (a custom tree view; the file explorer is not one). */
const VIEW_ROW = '.customview-tree .monaco-list-row';
const CAPTURE_VIEW_TYPE = 'sipLens.capture';

/** Each fixture's description in the view: calls, then outcomes by count (ties in vocabulary order). */
const EXPECTED: Record<string, string> = {
  'calls.sip': '2 calls · 1 busy · 1 route-blocked',
  'capture.log': '1 call · 1 answered',
  'sipp-calls.pcapng': '2 calls · 1 answered · 1 busy',
  'two-hosts.ngrep.txt': '1 call · 1 answered',
  'sipp-calls.sip': '17 calls · 5 answered · 5 failed · 2 busy · 1 redirected · 1 route-blocked · 1 no-answer · 1 cancelled · 1 no-final',
};
const OTHER_TRACES = ['findings.sip', 'hostile.sip', 'pbx-legs.sip'];

async function viewRow(label: string, contains: string, timeoutMs = 30_000): Promise<string> {
  const rows = await query(VIEW_ROW, { scope: 'workbench', contains: `${label}${contains}`, timeoutMs });
  return rows[0].text;
}

/** Waits until no row of the view mentions `text`. */
async function noViewRow(text: string, timeoutMs = 30_000): Promise<void> {
  const expression = `![...document.querySelectorAll(${JSON.stringify(VIEW_ROW)})].some((r) => r.textContent.includes(${JSON.stringify(text)}))`;
  await dom({ op: 'waitForExpression', scope: 'workbench', expression, timeoutMs });
}

/** Over the view's 32 MB bound for one file. */
const LARGE_BYTES = 33 * 1024 * 1024;

function activeTabInput(): unknown {
  return vscode.window.tabGroups.activeTabGroup.activeTab?.input;
}

suite('SIP Traces view and workspace summary', () => {
  const made: vscode.Uri[] = [];

  suiteSetup(async function () {
    this.timeout(60_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    // Only this view in the Explorer (the file tree hidden), so every row is drawn.
    await vscode.commands.executeCommand('workbench.view.explorer');
    await click('.pane-header', 'workspace', 'workbench');
    await vscode.commands.executeCommand('sipLens.traces.focus');
  });

  suiteTeardown(async () => {
    for (const uri of made) fs.rmSync(uri.fsPath, { recursive: true, force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the view lists the workspace trace files with their call counts and outcome mix', async function () {
    this.timeout(90_000);
    for (const [file, description] of Object.entries(EXPECTED)) await viewRow(file, description);
    for (const file of OTHER_TRACES) await viewRow(file, '');
    const rows = await query(VIEW_ROW, { scope: 'workbench', minCount: 8 });
    assert.equal(rows.length, 8, rows.map((r) => r.text).join(' | '));
    // The tooltip's figures are the same in the row's accessible name.
    const [busy] = await query(VIEW_ROW, { scope: 'workbench', contains: 'calls.sip2 calls', attributes: ['aria-label'] });
    assert.match(busy.attributes['aria-label'] ?? '', /calls\.sip/);
  });

  test('the view follows the disk: a new trace appears, other files stay out, a deleted trace goes', async function () {
    this.timeout(90_000);
    const folder = fixtureUri('nightly');
    made.push(folder);
    fs.mkdirSync(folder.fsPath, { recursive: true });
    fs.writeFileSync(vscode.Uri.joinPath(folder, 'notes.md').fsPath, '# Nightly run\n\nThe INVITE to the carrier failed with 486.\n');
    const copy = vscode.Uri.joinPath(folder, 'copied-trace.log');
    fs.copyFileSync(fixtureUri('calls.sip').fsPath, copy.fsPath);
    await viewRow('nightly/copied-trace.log', EXPECTED['calls.sip']);
    await noViewRow('notes.md', 1000);
    fs.rmSync(copy.fsPath);
    await noViewRow('copied-trace.log');
  });

  test('a file over the bounds is listed unanalysed, and a click analyses it', async function () {
    this.timeout(180_000);
    const folder = fixtureUri('nightly');
    fs.mkdirSync(folder.fsPath, { recursive: true });
    const large = vscode.Uri.joinPath(folder, 'large.sip');
    const copies = writeLargeTrace(large.fsPath, LARGE_BYTES);
    try {
      await viewRow('nightly/large.sip', 'not analysed — too large (33 MB) · click to analyse', 60_000);
      await click(VIEW_ROW, 'nightly/large.sipnot analysed', 'workbench');
      await viewRow('nightly/large.sip', `${2 * copies} calls · ${copies} busy · ${copies} route-blocked`, 120_000);
    } finally {
      fs.rmSync(large.fsPath, { force: true });
    }
    await noViewRow('large.sip');
  });

  test('clicking a file opens it: text in an editor, a capture in the capture editor', async function () {
    this.timeout(90_000);
    const text = fixtureUri('two-hosts.ngrep.txt');
    const opened = waitFor('two-hosts.ngrep.txt to open', () => editorOf(text), { events: [vscode.window.onDidChangeVisibleTextEditors], timeoutMs: 20_000 });
    await click(VIEW_ROW, `two-hosts.ngrep.txt${EXPECTED['two-hosts.ngrep.txt']}`, 'workbench');
    await opened;

    const capture = fixtureUri('sipp-calls.pcapng');
    const inCaptureEditor = () => {
      const input = activeTabInput();
      return input instanceof vscode.TabInputCustom && input.viewType === CAPTURE_VIEW_TYPE && input.uri.toString() === capture.toString() ? true : undefined;
    };
    const shown = waitFor('the capture editor', inCaptureEditor, { events: [vscode.window.tabGroups.onDidChangeTabs], timeoutMs: 30_000 });
    await click(VIEW_ROW, `sipp-calls.pcapng${EXPECTED['sipp-calls.pcapng']}`, 'workbench');
    await shown;
    await query('header h1', { contains: 'sipp-calls.pcapng', timeoutMs: 30_000 });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Show Workspace Summary: a row per file, outcomes, ASR, failures and the totals', async function () {
    this.timeout(120_000);
    const docs = process.env.SIP_LENS_E2E_DOCS === '1';
    await vscode.commands.executeCommand('sipLens.showWorkspaceSummary');
    await query('tr.trace-file', { minCount: 8, timeoutMs: 30_000 });
    const names = await query('tr.trace-file td.path');
    assert.deepEqual(
      names.map((n) => n.text),
      ['calls.sip', 'capture.log', 'findings.sip', 'hostile.sip', 'pbx-legs.sip', 'sipp-calls.pcapng', 'sipp-calls.sip', 'two-hosts.ngrep.txt'],
    );
    // Columns: file, format, calls, the eight outcomes in vocabulary order, ASR, failures.
    const cells = await dom({
      op: 'waitForExpression',
      scope: 'webview',
      expression: `(() => { const row = [...document.querySelectorAll('tr.trace-file')].find((r) => r.dataset.uri.endsWith('/calls.sip')); return row && JSON.stringify([...row.cells].map((c) => c.textContent)); })()`,
    });
    assert.deepEqual(JSON.parse(String(cells.values?.[0]?.value)), ['calls.sip', 'sipp', '2', '0', '1', '0', '1', '0', '0', '0', '0', '0%', '1 × 903 Route blocked']);
    const [sipp] = await query('tr.trace-file', { contains: 'sipp-calls.sip' });
    assert.match(sipp.text, /29%/, '5 answered of 17');
    const [totals] = await query('tr.totals');
    assert.match(totals.text, /8 files/);
    const [heading] = await query('header p.muted', { contains: 'files' });
    assert.match(heading.text, /30 calls in 8 files · ASR 27%/, '8 answered of 30');

    // The view's title has the button that opened this.
    const buttons = await query('.pane-header .actions .action-label', { scope: 'workbench', attributes: ['aria-label'], minCount: 2 });
    assert.ok(
      buttons.some((b) => b.attributes['aria-label'] === 'Show Workspace Summary'),
      buttons.map((b) => b.attributes['aria-label']).join(' | '),
    );
    // Wide enough for every column; the view beside it in the side bar.
    await dom({ op: 'viewport', width: 1760, height: 560 });
    try {
      await query('th', { contains: 'Failures to look at' });
      const shot = await dom({ op: 'screenshot', name: 'workspace-summary', target: 'workbench', docs });
      assert.ok(shot.file && fs.statSync(shot.file).size > 10_000, 'a picture was drawn');
    } finally {
      await dom({ op: 'viewport' });
    }
  });

  test("a row opens that file's own call summary", async function () {
    this.timeout(90_000);
    await click('tr.trace-file', 'calls.sip');
    await query('header h1', { contains: 'calls.sip', timeoutMs: 30_000 });
    const [facts] = await query('header p.muted', { contains: '2 calls' });
    assert.match(facts.text, /format sipp/);
  });
});
