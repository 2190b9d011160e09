/// <reference types="mocha" />
// Save Selected Calls As…: from the panel (ticked rows) and as a command (the call at the cursor,
// else the calls picked from a list), through VS Code's save dialog. The file written holds only those calls' messages, copied
// verbatim: each of its lines is a line of the trace, in the trace's order.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { domBridgeAvailable } from '../support/dom';
import { fixtureUri, lineOf, openFixture, waitForActivation } from '../support/editor';
import { click, dom, query, showSummaryOf } from '../support/panel';
import { acceptSaveDialog } from '../support/saveDialog';
import { waitFor } from '../support/waiting';

/** Tests in this file; the harness fails the run when another number reports. */
export const expectedTests = 3;

const BUSY = 'busy-1@127.0.0.1';
const BLOCKED = 'blocked-2@127.0.0.1';

async function written(file: vscode.Uri): Promise<string> {
  return waitFor(`${file.path} to be written`, () => (fs.existsSync(file.fsPath) ? fs.readFileSync(file.fsPath, 'utf8') : undefined), { pollMs: 100 });
}

/** The Call-IDs of the messages in a trace's text. */
function callIds(text: string): Set<string> {
  return new Set([...text.matchAll(/^Call-ID: (\S+)/gm)].map((m) => m[1]));
}

/** Every line of `part` is a line of `whole`, in the same order. */
function isVerbatimPart(part: string, whole: string): boolean {
  const lines = whole.split('\n');
  let at = 0;
  for (const line of part.split('\n').filter((l) => l !== '')) {
    while (at < lines.length && lines[at] !== line) at++;
    if (at === lines.length) return false;
    at++;
  }
  return true;
}

suite('Save Selected Calls As…', () => {
  const files: vscode.Uri[] = [];
  suiteTeardown(() => {
    for (const file of files) fs.rmSync(file.fsPath, { force: true });
  });

  test('the panel saves the ticked calls as a new trace of their messages', async function () {
    if (!domBridgeAvailable()) this.skip();
    this.timeout(90_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const document = await showSummaryOf('calls.sip');
    const [save] = await query('button.save-selected', { attributes: ['disabled'] });
    assert.notEqual(save.attributes.disabled, null, 'nothing to save before a call is ticked');
    const rows = await query('tbody tr.call', { minCount: 2, attributes: ['data-call'] });
    const busyRow = rows.find((r) => r.text.includes('486'));
    assert.ok(busyRow, 'the busy call has a row');
    await click(`tr[data-call="${busyRow.attributes['data-call']}"] input.tick`);
    await query('.ticked-count', { contains: '1' });
    // Ticking is not choosing: no call was selected, so no flow is drawn.
    assert.equal((await query('svg.ladder', { minCount: 0 })).length, 0);
    await dom({ op: 'waitForExpression', scope: 'webview', expression: `!document.querySelector('button.save-selected').disabled` });

    await click('button.save-selected');
    const file = await acceptSaveDialog('calls-calls.sip');
    files.push(file);
    const text = await written(file);
    assert.deepEqual([...callIds(text)], [BUSY], 'only the ticked call');
    assert.match(text, /^INVITE sip:2001@127\.0\.0\.1:5060 SIP\/2\.0$/m);
    assert.match(text, /^SIP\/2\.0 486 Busy Here$/m);
    assert.ok(isVerbatimPart(text, document.getText()), 'copied verbatim, in the trace’s order');
  });

  test('the command saves the call at the cursor', async function () {
    if (!domBridgeAvailable()) this.skip();
    this.timeout(90_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const copy = fixtureUri('calls-command.sip');
    fs.copyFileSync(fixtureUri('calls.sip').fsPath, copy.fsPath);
    files.push(copy);
    const document = await openFixture('calls-command.sip');
    await waitForActivation();
    const editor = await vscode.window.showTextDocument(document);
    const line = lineOf(document, /^SIP\/2\.0 903 /);
    editor.selection = new vscode.Selection(line, 0, line, 0);
    const saved = vscode.commands.executeCommand<vscode.Uri | undefined>('sipLens.saveCallsAs');
    const file = await acceptSaveDialog('calls-command-calls.sip');
    files.push(file);
    assert.equal((await saved)?.toString(), file.toString());
    const text = await written(file);
    assert.deepEqual([...callIds(text)], [BLOCKED], 'only the call under the cursor');
    assert.match(text, /^SIP\/2\.0 903 /m);
    assert.ok(isVerbatimPart(text, document.getText()));
  });

  test('the command offers the calls to pick when the cursor is on no call (a REGISTER)', async function () {
    if (!domBridgeAvailable()) this.skip();
    this.timeout(90_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const copy = fixtureUri('sipp-pick.sip');
    fs.copyFileSync(fixtureUri('sipp-calls.sip').fsPath, copy.fsPath);
    files.push(copy);
    const document = await openFixture('sipp-pick.sip');
    await waitForActivation();
    const editor = await vscode.window.showTextDocument(document);
    const line = lineOf(document, /^REGISTER /);
    editor.selection = new vscode.Selection(line, 0, line, 0);
    const saved = vscode.commands.executeCommand<vscode.Uri | undefined>('sipLens.saveCallsAs');
    const wanted = 'busy-486-1@sip-lens';
    await query('.quick-input-list .monaco-list-row', { scope: 'workbench', contains: '@sip-lens' });
    await dom({ op: 'fill', scope: 'workbench', selector: '.quick-input-widget input.input', text: wanted });
    await query('.quick-input-list .monaco-list-row', { scope: 'workbench', contains: wanted });
    // A click on a row of a many-pick list ticks it.
    await click('.quick-input-list .monaco-list-row', wanted, 'workbench');
    await dom({
      op: 'waitForExpression',
      scope: 'workbench',
      expression: `(() => { const row = document.querySelector('.quick-input-list .monaco-list-row'); return !!row && row.getAttribute('aria-checked') === 'true'; })()`,
    });
    await dom({ op: 'press', scope: 'workbench', selector: '.quick-input-widget input.input', key: 'Enter' });
    const file = await acceptSaveDialog('sipp-pick-calls.sip');
    files.push(file);
    assert.equal((await saved)?.toString(), file.toString());
    const text = await written(file);
    assert.deepEqual([...callIds(text)], [wanted], 'only the call picked');
    assert.ok(isVerbatimPart(text, document.getText()));
  });
});
