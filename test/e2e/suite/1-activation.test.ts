/// <reference types="mocha" />
// The extension wakes up for SIP traces and owns the sip-trace language: shown by what only the
// running extension produces (its language server's diagnostics), not by the manifest. Sniffing
// `.log` files is tested in a workspace without .sip files (../sniff/), where nothing else can
// have woken the extension first.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { diagnosticCode, fixtureUri, languageId, openFixture, sipLens, waitForActivation, waitForDiagnostic } from '../support/editor';

/** Tests in this file; the harness fails the run when another number reports. */
export const expectedTests = 2;

suite('Activation', () => {
  test('a .sip file opens as sip-trace with the extension active', async () => {
    const document = await openFixture('calls.sip');
    assert.equal(document.languageId, languageId);
    await waitForActivation();
    assert.ok(sipLens().isActive);
  });

  // An untitled document has no file name to go by: only the language id ties it to SIP Lens.
  test('a document switched to SIP Trace by hand is analysed by the language server', async () => {
    const text = fs.readFileSync(fixtureUri('calls.sip').fsPath, 'utf8');
    const untitled = await vscode.workspace.openTextDocument({ language: 'plaintext', content: text });
    await vscode.window.showTextDocument(untitled, { preview: false });
    const document = await vscode.languages.setTextDocumentLanguage(untitled, languageId);
    assert.equal(document.languageId, languageId);
    const lines = text.split(/\r?\n/);
    const blocked = await waitForDiagnostic(document.uri, 'a route-blocked diagnostic on the untitled trace', (d) => diagnosticCode(d) === 'route-blocked');
    assert.match(lines[blocked.range.start.line], /^SIP\/2\.0 903 /);
    const busy = await waitForDiagnostic(document.uri, 'an error-final diagnostic', (d) => diagnosticCode(d) === 'error-final');
    assert.match(lines[busy.range.start.line], /^SIP\/2\.0 486 /);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
