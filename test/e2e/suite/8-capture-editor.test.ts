/// <reference types="mocha" />
// Packet captures in the editor. sipp-calls.pcapng is a loopback capture of two SIPp calls
// (scripts/make-fixtures/e2e-capture.sh): "answered-1@sip-lens" (answered, the caller hangs up)
// and "busy-1@sip-lens" (486 Busy Here). Opening it shows the capture editor — the call summary
// panel — instead of the binary-file page; Open as Text Trace gives a sip-trace document with
// the features of any trace, and clicks in the panel land on that document.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { diagnosticCode, fixtureUri, hoverText, languageId, lineOf, untilAnswered, waitForDiagnostic } from '../support/editor';
import { click, editorOf, query } from '../support/panel';
import { waitFor } from '../support/waiting';

/** Tests in this file; the harness fails the run when another number reports. */
export const expectedTests = 4;

const CAPTURE = 'sipp-calls.pcapng';
const CAPTURE_VIEW_TYPE = 'sipLens.capture';
const TEXT_SCHEME = 'sip-lens-capture';
/** Start lines of the busy call's INVITE and of its 486, wherever the text puts them on a line. */
const BUSY_INVITE = /INVITE sip:5551234@127\.0\.0\.1:5622 SIP\/2\.0/;
const BUSY_486 = /SIP\/2\.0 486 Busy Here/;

function allTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs);
}

function captureTab(uri: vscode.Uri): vscode.Tab | undefined {
  return allTabs().find(
    (t) => t.input instanceof vscode.TabInputCustom && t.input.viewType === CAPTURE_VIEW_TYPE && t.input.uri.toString() === uri.toString(),
  );
}

/** The capture's text document, once open with the sip-trace language. */
function waitForCaptureText(capture: vscode.Uri, timeoutMs = 30_000): Promise<vscode.TextDocument> {
  return waitFor(
    `the text trace of ${CAPTURE} to open`,
    () =>
      vscode.workspace.textDocuments.find(
        (d) => d.uri.scheme === TEXT_SCHEME && d.uri.query === capture.toString() && d.languageId === languageId,
      ),
    { events: [vscode.workspace.onDidOpenTextDocument], timeoutMs },
  );
}

/** Waits until an editor of `uri` is visible with its cursor on `line`. */
function cursorLandsOn(uri: vscode.Uri, line: number): Promise<vscode.TextEditor> {
  return waitFor(
    `the cursor of ${uri.path} to be on line ${line + 1}`,
    () => {
      const editor = editorOf(uri);
      return editor && editor.selection.active.line === line ? editor : undefined;
    },
    { events: [vscode.window.onDidChangeTextEditorSelection, vscode.window.onDidChangeVisibleTextEditors], timeoutMs: 20_000 },
  );
}

suite('Packet captures in the editor', () => {
  let capture: vscode.Uri;
  let text: vscode.TextDocument | undefined;

  suiteSetup(async function () {
    capture = fixtureUri(CAPTURE);
    // No other webview may answer the panel queries below.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('opening a .pcapng shows its calls in the capture editor', async function () {
    this.timeout(90_000);
    // As a user opens a file: VS Code picks the default editor for the name.
    await vscode.commands.executeCommand('vscode.open', capture);
    await waitFor('the capture editor to open', () => (captureTab(capture)?.isActive ? true : undefined), {
      events: [vscode.window.tabGroups.onDidChangeTabs],
      timeoutMs: 30_000,
    });

    await query('header h1', { contains: CAPTURE, timeoutMs: 30_000 });
    const [facts] = await query('header p.muted', { contains: 'calls' });
    assert.match(facts.text, /format pcapng/);
    assert.match(facts.text, /\b11 messages\b/, 'INVITE 100 180 200 ACK BYE 200, INVITE 100 486 ACK');
    assert.match(facts.text, /\b2 calls\b/);

    const rows = await query('tbody tr.call', { minCount: 2 });
    assert.equal(rows.length, 2);
    assert.match(rows[0].text, /answered/);
    assert.match(rows[1].text, /busy/);
    assert.match(rows[1].text, /486 Busy Here/);
    const buttons = await query('header .actions button', { minCount: 3 });
    assert.ok(
      buttons.some((b) => b.text === 'Open as Text Trace'),
      buttons.map((b) => b.text).join(' | '),
    );
  });

  test('Open as Text Trace gives a sip-trace document with diagnostics, hovers and an outline', async function () {
    this.timeout(90_000);
    assert.ok(captureTab(capture)?.isActive, 'the capture editor is the active tab');
    const opened = waitForCaptureText(capture);
    await vscode.commands.executeCommand('sipLens.openCaptureAsText');
    const document = await opened;
    text = document;
    assert.ok(editorOf(document.uri), 'the text trace is shown');

    const busyLine = lineOf(document, BUSY_486);
    const inviteLine = lineOf(document, BUSY_INVITE);
    const diagnostic = await waitForDiagnostic(document.uri, 'a problem on the 486', (d) => d.range.start.line === busyLine);
    assert.equal(diagnosticCode(diagnostic), 'error-final');
    assert.equal(diagnostic.source, 'sip-lens');

    const hovers = await untilAnswered('a hover on the 486', () =>
      vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(busyLine, document.lineAt(busyLine).text.indexOf('486'))),
    );
    const hover = hoverText(hovers);
    assert.match(hover, /Busy Here/);
    assert.match(hover, /\bbusy\b/, 'the hover names the call outcome');

    const symbols = await untilAnswered('the outline', () =>
      vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri),
    );
    const names = symbols.map((s) => `${s.name} ${s.detail}`).join(' | ');
    assert.match(names, /answered-1@sip-lens|answered/, names);
    assert.match(names, /busy-1@sip-lens|busy/, names);

    const lenses = await untilAnswered('code lenses', () =>
      vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri),
    );
    assert.equal(lenses.length, 2, 'one code lens per call');

    // Go to definition from the 486 leads to the call's INVITE.
    const definitions = await untilAnswered('the definition of the 486', () =>
      vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
        'vscode.executeDefinitionProvider',
        document.uri,
        new vscode.Position(busyLine, 2),
      ),
    );
    const target = definitions[0];
    const targetUri = target instanceof vscode.Location ? target.uri : target.targetUri;
    const targetRange = target instanceof vscode.Location ? target.range : target.targetRange;
    assert.equal(targetUri.toString(), document.uri.toString(), 'the definition is in the text trace');
    assert.equal(targetRange.start.line, inviteLine);
  });

  test('clicking a call row or a ladder arrow lands on the text trace, opening it if needed', async function () {
    this.timeout(90_000);
    assert.ok(text, 'the previous test opened the text trace');
    const textUri = text.uri;
    const invite = lineOf(text, BUSY_INVITE);
    const busyLine = lineOf(text, BUSY_486);
    // Close the text trace: the click must open it again.
    await vscode.window.tabGroups.close(allTabs().filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === textUri.toString()));
    const tab = captureTab(capture);
    assert.ok(tab, 'the capture editor is still open');
    await vscode.commands.executeCommand('vscode.open', capture, { viewColumn: tab.group.viewColumn });

    const landed = cursorLandsOn(textUri, invite);
    await click('tbody tr.call', 'busy');
    const editor = await landed;
    assert.notEqual(editor.viewColumn, captureTab(capture)?.group.viewColumn, 'the text trace opened beside the capture editor');

    const arrows = await query('svg.ladder g.arrow', { contains: '486', minCount: 1, attributes: ['aria-label'] });
    // Frames as Wireshark numbers them: the answered call took 1–7, the busy call's 486 is 10.
    assert.match(arrows[0].attributes['aria-label'] ?? '', /^486 Busy Here\b.*, frame 10$/);
    const onBusy = cursorLandsOn(textUri, busyLine);
    await click('svg.ladder g.arrow', '486');
    await onBusy;
  });

  test('a capture whose text is over 50 MB: its summary, and its text shown without a document', async function () {
    this.timeout(240_000);
    const large = fixtureUri('large-capture.pcapng');
    const copies = writeLargeCapture(capture.fsPath, large.fsPath);
    try {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('vscode.open', large);
      await query('header h1', { contains: 'large-capture.pcapng', timeoutMs: 120_000 });
      const [facts] = await query('header p.muted', { contains: `${2 * copies} calls`, timeoutMs: 120_000 });
      assert.match(facts.text, /format pcapng/);
      assert.match(facts.text, new RegExp(`\\b${11 * copies} messages\\b`));

      // VS Code gives extensions no document for text this long: the text trace is shown in a
      // tab all the same.
      const shown = waitFor(
        'a tab showing the large text trace',
        () =>
          allTabs().find((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === TEXT_SCHEME && t.input.uri.query === large.toString()),
        { events: [vscode.window.tabGroups.onDidChangeTabs], timeoutMs: 120_000 },
      );
      await click('header .actions button', 'Open as Text Trace');
      await shown;
      assert.equal(
        vscode.workspace.textDocuments.find((d) => d.uri.scheme === TEXT_SCHEME && d.uri.query === large.toString()),
        undefined,
        'no TextDocument for it',
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(large.fsPath, { force: true });
    }
  });
});

/**
 * Writes a capture of `copies` copies of the small capture's calls, each copy one second later
 * and with Call-IDs of the same length made unique (`answered-1@sip-lens` → `00000abc-1@sip-lens`),
 * until its text is over 50 MB. Returns the number of copies.
 */
function writeLargeCapture(small: string, target: string): number {
  const bytes = fs.readFileSync(small);
  assert.equal(bytes.readUInt32LE(8), 0x1a2b3c4d, 'the small capture is little-endian pcapng');
  const head: Buffer[] = [];
  const packets: Buffer[] = [];
  for (let offset = 0; offset + 12 <= bytes.length; ) {
    const length = bytes.readUInt32LE(offset + 4);
    const block = bytes.subarray(offset, offset + length);
    (bytes.readUInt32LE(offset) === 6 ? packets : head).push(block);
    offset += length;
  }
  assert.equal(packets.length, 11, 'the small capture has 11 packets');
  const names = ['answered-1@sip-lens', 'busy-1@sip-lens'];
  const copies = 12_000;
  const fd = fs.openSync(target, 'w');
  try {
    for (const block of head) fs.writeSync(fd, block);
    for (let copy = 0; copy < copies; copy++) {
      for (const packet of packets) {
        const out = Buffer.from(packet);
        const time = ((BigInt(out.readUInt32LE(12)) << 32n) | BigInt(out.readUInt32LE(16))) + BigInt(copy) * 1_000_000n;
        out.writeUInt32LE(Number(time >> 32n), 12);
        out.writeUInt32LE(Number(time & 0xffffffffn), 16);
        let text = out.toString('latin1');
        for (const name of names) {
          const prefix = name.slice(0, name.indexOf('-'));
          text = text.replaceAll(name, copy.toString(36).padStart(prefix.length, '0') + name.slice(prefix.length));
        }
        fs.writeSync(fd, Buffer.from(text, 'latin1'));
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return copies;
}
