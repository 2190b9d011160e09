/// <reference types="mocha" />
// VS Code hands extensions no TextDocument for files over 50 MB: no activeTextEditor, no
// onDidOpenTextDocument. SIP Lens then follows the active tab and the language server reads the
// file from disk. The ~55 MB trace is made here, in the run's copy of the workspace, by repeating
// calls.sip's two calls with fresh Call-IDs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { fixtureUri, sipLens, waitForActivation } from '../support/editor';
import { writeLargeTrace } from '../support/largeTrace';
import { query } from '../support/panel';
import { waitFor } from '../support/waiting';

/** Tests in this file; the harness fails the run when another number reports. */
export const expectedTests = 3;

const TARGET_BYTES = 55 * 1024 * 1024;

function activeTabUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputText ? input.uri : undefined;
}

suite('A trace over 50 MB', () => {
  let uri: vscode.Uri;
  let calls: number;

  suiteSetup(async function () {
    this.timeout(120_000);
    // Opening only a file this large wakes no onLanguage activation (the editor builds no text
    // model for it), so the suite starts the extension itself when it runs on its own.
    await sipLens().activate();
    await waitForActivation();
    uri = fixtureUri('large.sip');
    // Two calls a copy.
    calls = writeLargeTrace(uri.fsPath, TARGET_BYTES) * 2;
    assert.ok(fs.statSync(uri.fsPath).size > 50 * 1024 * 1024);
  });

  suiteTeardown(async () => {
    if (!uri) return;
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    const ours = tabs.filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
    if (ours.length > 0) await vscode.window.tabGroups.close(ours);
    fs.rmSync(uri.fsPath, { force: true });
  });

  test('opened in a tab, it reaches the extension only as a tab, not as a document', async function () {
    this.timeout(90_000);
    await vscode.commands.executeCommand('vscode.open', uri, { preview: false, viewColumn: vscode.ViewColumn.One });
    await waitFor('large.sip to be the active tab', () => (activeTabUri()?.toString() === uri.toString() ? true : undefined), {
      events: [vscode.window.tabGroups.onDidChangeTabs, vscode.window.tabGroups.onDidChangeTabGroups],
      timeoutMs: 60_000,
    });
    const key = uri.toString();
    assert.equal(
      vscode.workspace.textDocuments.find((d) => d.uri.toString() === key),
      undefined,
      'VS Code gave the extension no TextDocument for it',
    );
    assert.notEqual(vscode.window.activeTextEditor?.document.uri.toString(), key, 'and no text editor');
  });

  test('the status bar counts its calls, read by the server from disk', async function () {
    this.timeout(90_000);
    const [item] = await query('.statusbar-item', { scope: 'workbench', contains: `SIP: ${calls} calls`, timeoutMs: 75_000 });
    assert.match(item.text, new RegExp(`SIP: ${calls} calls · ${calls / 2} route-blocked · ASR 0%`));
  });

  test('Show Call Summary summarises it, with a bounded table', async function () {
    this.timeout(90_000);
    await vscode.commands.executeCommand('sipLens.showSummary');
    await query('header h1', { contains: 'large.sip', timeoutMs: 60_000 });
    const [facts] = await query('header p.muted', { contains: `${calls} calls`, timeoutMs: 60_000 });
    assert.match(facts.text, /format sipp/);
    const [status] = await query('.table-status', { contains: `of ${calls} matching rows` });
    assert.match(status.text, /Showing the first 1000 of/);
    const rows = await query('tbody tr.call', { minCount: 1000 });
    assert.equal(rows.length, 1000, 'the table draws at most 1000 rows');
  });
});
