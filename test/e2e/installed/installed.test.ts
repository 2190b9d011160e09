/// <reference types="mocha" />
// The packaged extension, installed from dist/sip-lens.vsix like a user would, works on its own:
// nothing is loaded from the working tree.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  diagnosticCode,
  fixtureUri,
  languageId,
  openFixture,
  sipLens,
  waitForActivation,
  waitForDiagnostic,
} from '../support/editor';
import { dom, query, showSummaryOf } from '../support/panel';
import { waitFor } from '../support/waiting';

/** Tests in this file; the harness fails the run when another number reports. */
export const expectedTests = 6;

/** The files the summary panel's page loads, relative to the extension's root. */
const PANEL_MEDIA = ['dist/webview/panel.js', 'media/panel.css'];
/** The client's translations: VS Code loads them for vscode.l10n from the manifest's `l10n` folder. */
const CLIENT_BUNDLES = ['l10n/bundle.l10n.json', 'l10n/bundle.l10n.ru.json', 'l10n/bundle.l10n.tr.json', 'l10n/bundle.l10n.es.json', 'l10n/bundle.l10n.pt-br.json'];

suite('Installed from the .vsix', () => {
  test('the extension comes from the extensions folder', () => {
    const extensionsDir = process.env.SIP_LENS_E2E_EXTENSIONS_DIR;
    assert.ok(extensionsDir, 'the harness names the extensions folder');
    const relative = path.relative(extensionsDir, sipLens().extensionPath);
    assert.ok(!relative.startsWith('..') && !path.isAbsolute(relative), `${sipLens().extensionPath} is inside ${extensionsDir}`);
  });

  test('every file the manifest names was packaged', async () => {
    const extension = sipLens();
    const manifest = extension.packageJSON as {
      main?: string;
      contributes?: { languages?: { configuration?: string }[]; grammars?: { path?: string }[] };
    };
    const files = [
      manifest.main,
      'dist/server.js',
      ...(manifest.contributes?.languages ?? []).map((l) => l.configuration),
      ...(manifest.contributes?.grammars ?? []).map((g) => g.path),
    ].filter((file): file is string => !!file);
    for (const file of files) {
      const uri = vscode.Uri.joinPath(extension.extensionUri, file);
      await assert.doesNotReject(Promise.resolve(vscode.workspace.fs.stat(uri)), `${file} is in the package`);
    }
  });

  test('a .sip file activates it, and its bundled language server reports the 903', async () => {
    const document = await openFixture('calls.sip');
    assert.equal(document.languageId, languageId);
    await waitForActivation();
    const diagnostic = await waitForDiagnostic(
      document.uri,
      'a route-blocked diagnostic',
      (d) => diagnosticCode(d) === 'route-blocked',
    );
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
  });

  test('the panel’s script and styles, and the client’s translations, are in the .vsix and in the installed extension', async () => {
    const vsix = process.env.SIP_LENS_E2E_VSIX;
    assert.ok(vsix, 'the harness names the .vsix');
    const listing = spawnSync('unzip', ['-Z1', vsix], { encoding: 'utf8' });
    assert.equal(listing.status, 0, listing.stderr);
    const entries = listing.stdout.split('\n');
    assert.equal((sipLens().packageJSON as { l10n?: string }).l10n, './l10n');
    for (const file of [...PANEL_MEDIA, ...CLIENT_BUNDLES]) {
      assert.ok(entries.includes(`extension/${file}`), `extension/${file} is packaged`);
      await assert.doesNotReject(Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(sipLens().extensionUri, file))), `${file} is installed`);
    }
  });

  test('the panel opens from the installed extension, its script draws it and its styles lay it out', async () => {
    await showSummaryOf('calls.sip');
    const rows = await query('tbody tr.call', { minCount: 2 });
    assert.equal(rows.length, 2);
    assert.match(rows[0].text, /486 Busy Here/);
    assert.match(rows[1].text, /903/);
    // The page's script and stylesheet come from the installed copy, not the working tree.
    const [script] = await query('script[src]', { attributes: ['src'] });
    const [style] = await query('link[rel="stylesheet"]', { attributes: ['href'] });
    const installed = path.basename(sipLens().extensionPath);
    for (const [url, file] of [[script.attributes.src ?? '', 'dist/webview/panel.js'], [style.attributes.href ?? '', 'media/panel.css']]) {
      assert.ok(decodeURIComponent(url).includes(`${installed}/${file}`), `${url} is the installed ${file}`);
    }
    // panel.css lays the outcome chart out as a grid; without it the rows would be inline buttons.
    await dom({ op: 'waitForExpression', scope: 'webview', expression: `getComputedStyle(document.querySelector('.outcome-row')).display === 'grid'` });
  });

  test('a .pcapng opens in its capture editor, and its text trace gets diagnostics', async function () {
    this.timeout(60_000);
    const capture = fixtureUri('sipp-calls.pcapng');
    await vscode.commands.executeCommand('vscode.open', capture);
    await waitFor(
      'the capture editor to open',
      () => {
        const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
        return input instanceof vscode.TabInputCustom && input.viewType === 'sipLens.capture' ? true : undefined;
      },
      { events: [vscode.window.tabGroups.onDidChangeTabs] },
    );
    await vscode.commands.executeCommand('sipLens.openCaptureAsText');
    const text = await waitFor(
      'the text trace of the capture',
      () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'sip-lens-capture' && d.languageId === languageId),
      { events: [vscode.workspace.onDidOpenTextDocument] },
    );
    const diagnostic = await waitForDiagnostic(text.uri, 'the 486 reported', (d) => diagnosticCode(d) === 'error-final');
    assert.match(text.lineAt(diagnostic.range.start.line).text, /SIP\/2\.0 486 Busy Here/);
  });
});
