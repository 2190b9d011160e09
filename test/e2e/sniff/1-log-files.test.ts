/// <reference types="mocha" />
// In a folder of log files only (test/e2e/workspace-logs: capture.log, raw SIP of one answered
// call placed by 10.0.0.5, who also hangs up), no `workspaceContains` event can wake SIP Lens:
// the .log itself must, and the extension must then recognise the SIP in it. Each check looks for
// something only the running extension produces: its status bar text, its code lens.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
  fixtureUri,
  languageId,
  openDocument,
  openFixture,
  setSetting,
  sipLens,
  sipLensLenses,
  untilAnswered,
  waitForActivation,
  waitForSipTrace,
} from '../support/editor';
import { statusBarItem } from '../support/panel';

/** Tests in this file; the harness fails the run when another number reports. */
export const expectedTests = 4;

/** A copy of capture.log under another name: a .log the sniffer has not seen yet. */
function copyOfCapture(name: string): vscode.Uri {
  const uri = fixtureUri(name);
  fs.copyFileSync(fixtureUri('capture.log').fsPath, uri.fsPath);
  return uri;
}

/** Opens a SIP .log nobody has seen and waits for the sniffer to switch it: everything opened before was considered too. */
async function sniffedWitness(name: string): Promise<void> {
  const uri = copyOfCapture(name);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
  await waitForSipTrace(uri);
}

suite('Log files in a workspace without SIP traces', () => {
  // Output channels are `log` documents too, so `onLanguage:log` may wake the extension early;
  // what must hold is that no trace file in the folder could have done the work below.
  test('no workspaceContains activation event matches a file in this folder', async () => {
    const events = (sipLens().packageJSON as { activationEvents?: string[] }).activationEvents ?? [];
    const globs = events.filter((e) => e.startsWith('workspaceContains:')).map((e) => e.slice('workspaceContains:'.length));
    assert.ok(globs.length >= 1, `the manifest activates on workspaceContains (${events.join(', ')})`);
    for (const glob of globs) assert.deepEqual(await vscode.workspace.findFiles(glob), [], `nothing matches ${glob}`);
    assert.ok((await vscode.workspace.findFiles('**/*.log')).length >= 1, 'but there is a .log');
  });

  test('a .log holding raw SIP activates the extension, becomes SIP Trace and is analysed', async () => {
    const uri = fixtureUri('capture.log');
    await openFixture('capture.log');
    await waitForActivation();
    const document = await waitForSipTrace(uri);
    assert.equal(document.languageId, languageId);
    await vscode.window.showTextDocument(document, { preview: false });
    const item = await statusBarItem('SIP: 1 call');
    assert.match(item.text, /SIP: 1 call · 0 route-blocked · ASR 100%/);
    const [lens] = await untilAnswered('a code lens on the call', () => sipLensLenses(uri));
    assert.match(lens.command?.title ?? '', /^answered · 200 OK\b.*· ended by local$/);
    assert.equal(lens.command?.arguments?.[1], 'answered-3@10.0.0.5');
  });

  test('a log the user switched back to Log stays Log', async () => {
    const uri = fixtureUri('capture.log');
    const document = openDocument(uri);
    assert.ok(document && document.languageId === languageId, 'capture.log is a SIP trace now');
    const asLog = await vscode.languages.setTextDocumentLanguage(document, 'log');
    assert.equal(asLog.languageId, 'log');
    // The sniffer switches the next SIP .log; had it been going to undo the user's choice, it
    // would have done so by then.
    await sniffedWitness('witness-1.log');
    assert.equal(openDocument(uri)?.languageId, 'log', 'the user’s choice stands');
  });

  test('with sipLens.detectInLogFiles off a SIP .log stays Log, and Open as SIP Trace switches it', async () => {
    const uri = copyOfCapture('detect-off.log');
    await setSetting('sipLens', 'detectInLogFiles', false);
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document, { preview: false });
    } finally {
      await setSetting('sipLens', 'detectInLogFiles', undefined);
    }
    await sniffedWitness('witness-2.log');
    assert.equal(openDocument(uri)?.languageId, 'log', 'not switched while detection was off');

    await vscode.window.showTextDocument(document, { preview: false });
    await vscode.commands.executeCommand('sipLens.openAsSipTrace');
    const switched = await waitForSipTrace(uri);
    assert.equal(switched.languageId, languageId);
    const [lens] = await untilAnswered('a code lens on the switched log', () => sipLensLenses(uri));
    assert.match(lens.command?.title ?? '', /^answered · 200 OK/);
    await statusBarItem('SIP: 1 call · 0 route-blocked · ASR 100%');
  });
});
