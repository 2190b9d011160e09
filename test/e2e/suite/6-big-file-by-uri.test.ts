/// <reference types="mocha" />
// A big trace opened from disk goes to the language server by URI: the server reads the file,
// the editor never sends its text — its edits go as changes, which the server applies to the
// file's text, and a save announces the file again. The ~8 MB trace (over the 2 MB from which the server reads big documents itself,
// under VS Code's 50 MB) is made here by repeating calls.sip's two calls with fresh Call-IDs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { diagnosticCode, fixtureUri, hoverText, sipLens, untilAnswered, waitForActivation } from '../support/editor';
import { writeLargeTrace } from '../support/largeTrace';
import { waitFor } from '../support/waiting';

/** Tests in this file; the harness fails the run when another number reports. */
export const expectedTests = 2;

const TARGET_BYTES = 8 * 1024 * 1024;

/** Bytes the extension host has written so far (files, pipes, sockets: its messages to the server too). */
function bytesWritten(): number {
  const io = fs.readFileSync('/proc/self/io', 'utf8');
  return Number(/^wchar:\s+(\d+)/m.exec(io)?.[1]);
}

/** 0-based numbers of the lines that are a 903 status line, in order. */
function blockedLines(document: vscode.TextDocument): number[] {
  const lines: number[] = [];
  for (let line = 0; line < document.lineCount; line++) if (document.lineAt(line).text.startsWith('SIP/2.0 903 ')) lines.push(line);
  return lines;
}

function routeBlocked(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => diagnosticCode(d) === 'route-blocked');
}

/** Waits until the document's route-blocked diagnostics are `count`, the last of them on `line`. */
function waitForRouteBlocked(uri: vscode.Uri, count: number, line: number): Promise<vscode.Diagnostic[]> {
  return waitFor(
    `${count} route-blocked diagnostics, the last on line ${line}`,
    () => {
      const found = routeBlocked(uri);
      return found.length === count && found.some((d) => d.range.start.line === line) ? found : undefined;
    },
    { events: [vscode.languages.onDidChangeDiagnostics], timeoutMs: 90_000 },
  );
}

suite('A big trace opened from disk', () => {
  let uri: vscode.Uri;
  let copies: number;
  let document: vscode.TextDocument;
  let blocked: number[];

  suiteSetup(async function () {
    this.timeout(60_000);
    await sipLens().activate();
    await waitForActivation();
    uri = fixtureUri('big-by-uri.sip');
    copies = writeLargeTrace(uri.fsPath, TARGET_BYTES);
  });

  suiteTeardown(async () => {
    if (!uri) return;
    const ours = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
    if (ours.length > 0) {
      // Edited by the tests: put back as on disk, so closing asks nothing.
      await vscode.window.showTextDocument(uri);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.window.tabGroups.close(ours);
    }
    fs.rmSync(uri.fsPath, { force: true });
  });

  test('gets diagnostics and hovers, its text never sent to the server', async function () {
    this.timeout(120_000);
    const size = fs.statSync(uri.fsPath).size;
    const before = bytesWritten();
    document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    assert.equal((document as { encoding?: string }).encoding, 'utf8', 'an encoding the server reads');
    blocked = blockedLines(document);
    assert.equal(blocked.length, copies);
    await waitForRouteBlocked(uri, copies, blocked[copies - 1]!);
    // Sent as text, the didOpen alone would be more than the file.
    const written = bytesWritten() - before;
    assert.ok(written < size / 2, `the extension host wrote ${written} bytes while the ${size}-byte file was opened and analysed`);

    const busy = blocked[copies - 1]! - 55;
    assert.match(document.lineAt(busy).text, /^SIP\/2\.0 486 /);
    const hovers = await untilAnswered('a hover on the last copy\'s 486', () =>
      vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(busy, 10)),
    );
    assert.match(hoverText(hovers), /Busy Here/);
  });

  test('editing and saving it update its diagnostics, edit after edit, its text still never sent', async function () {
    this.timeout(180_000);
    const size = fs.statSync(uri.fsPath).size;
    const before = bytesWritten();
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    // A copy's 903 becomes a 486: that call is no longer route-blocked.
    const codeOf = (line: number): vscode.Range => new vscode.Range(line, 8, line, 11);
    for (const edited of [1, 2, 3]) {
      const line = blocked[edited - 1]!;
      assert.ok(await editor.edit((edit) => edit.replace(codeOf(line), '486')));
      await waitFor(
        `${edited} route-blocked diagnostic(s) fewer`,
        () => {
          const found = routeBlocked(uri);
          return found.length === copies - edited && !found.some((d) => d.range.start.line === line) ? true : undefined;
        },
        { events: [vscode.languages.onDidChangeDiagnostics], timeoutMs: 90_000 },
      );
      // After the second edit the file is saved: it then holds the two edits, and the third applies to it.
      if (edited === 2) {
        assert.ok(await document.save(), 'saved');
        assert.equal(fs.readFileSync(uri.fsPath, 'utf8').split('\nSIP/2.0 903 ').length - 1, copies - 2, 'the file holds the edits');
      }
    }
    // The server was sent changes only (the file itself is written by the editor's server, not the extension host).
    const written = bytesWritten() - before;
    assert.ok(written < size / 2, `the extension host wrote ${written} bytes for three edits and a save of the ${size}-byte file`);
  });

});
