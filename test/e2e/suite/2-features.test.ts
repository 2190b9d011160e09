/// <reference types="mocha" />
// Language features on a SIPp trace with a busy call (486) and a route-blocked call (903).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  diagnosticCode,
  hoverText,
  lineOf,
  openFixture,
  untilAnswered,
  waitForActivation,
  waitForDiagnostic,
} from '../support/editor';
import { statusBarItem } from '../support/panel';

/** Tests in this file; the harness fails the run when another number reports. */
export const expectedTests = 6;

suite('Language features on calls.sip', () => {
  let document: vscode.TextDocument;

  suiteSetup(async () => {
    document = await openFixture('calls.sip');
    await waitForActivation();
  });

  test('hover on the 486 line explains busy', async () => {
    const line = lineOf(document, /^SIP\/2\.0 486 /);
    const position = new vscode.Position(line, 10);
    const hovers = await untilAnswered('a hover on the 486 line', () =>
      vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position),
    );
    const text = hoverText(hovers);
    assert.match(text, /486/);
    assert.match(text, /Busy Here/);
    assert.match(text, /\bbusy\b/, 'names the call outcome with its vocabulary word');
  });

  test('the 903 line carries a route-blocked Error', async () => {
    const line = lineOf(document, /^SIP\/2\.0 903 /);
    const diagnostic = await waitForDiagnostic(
      document.uri,
      'a route-blocked diagnostic',
      (d) => d.source === 'sip-lens' && diagnosticCode(d) === 'route-blocked',
    );
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(diagnostic.range.start.line, line);
    assert.equal(diagnostic.range.start.character, 0);
    assert.equal(diagnostic.range.end.line, line);
    const onOtherLines = vscode.languages
      .getDiagnostics(document.uri)
      .filter((d) => diagnosticCode(d) === 'route-blocked' && d.range.start.line !== line);
    assert.deepEqual(onOtherLines, [], 'only the 903 is route-blocked');
  });

  test('the busy call gets an error-final warning, not route-blocked', async () => {
    const line = lineOf(document, /^SIP\/2\.0 486 /);
    const diagnostic = await waitForDiagnostic(document.uri, 'a diagnostic on the 486', (d) => d.range.start.line === line);
    assert.equal(diagnosticCode(diagnostic), 'error-final');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
  });

  test('document symbols list both calls', async () => {
    const symbols = await untilAnswered('document symbols', () =>
      vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[]>(
        'vscode.executeDocumentSymbolProvider',
        document.uri,
      ),
    );
    const rangeOf = (s: vscode.DocumentSymbol | vscode.SymbolInformation) => ('location' in s ? s.location.range : s.range);
    for (const dialled of ['2001', '8810099']) {
      const invite = lineOf(document, new RegExp(`^INVITE sip:${dialled}@`));
      const call = symbols.find((s) => rangeOf(s).contains(new vscode.Position(invite, 0)));
      assert.ok(call, `a symbol covers the INVITE to ${dialled} (line ${invite}); got ${symbols.map((s) => s.name).join(', ')}`);
    }
  });

  test('the status bar sums up the small trace', async () => {
    await vscode.window.showTextDocument(document, { preview: false });
    // calls.sip: a 486 and a 903, so no call was answered.
    const item = await statusBarItem('SIP: 2 calls');
    assert.match(item.text, /SIP: 2 calls · 1 route-blocked · ASR 0%/);
  });

  test('code lenses sit on the calls and open the call flow', async () => {
    const lenses = await untilAnswered('code lenses', () =>
      vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 100),
    );
    for (const callId of ['busy-1@127.0.0.1', 'blocked-2@127.0.0.1']) {
      const lens = lenses.find((l) => l.command?.command === 'sipLens.showCallFlow' && l.command.arguments?.[1] === callId);
      assert.ok(lens, `a lens opens the call flow of ${callId}; got ${JSON.stringify(lenses.map((l) => l.command))}`);
    }
  });
});
