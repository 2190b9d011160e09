/// <reference types="mocha" />
// SIP Lens in a VS Code whose display language is Russian (code-server --locale ru). No language
// pack can be had here, so the workbench's own words stay English; what must be Russian is the
// extension's text: the summary panel, the status bar (the client's l10n/ bundle, loaded by VS
// Code for vscode.l10n and passed to the panel's view model) and the language server's hovers
// and diagnostics (the server learns the language from the client's `initialize`).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { domBridgeAvailable } from '../support/dom';
import { diagnosticCode, hoverText, lineOf, openFixture, untilAnswered, waitForActivation, waitForDiagnostic } from '../support/editor';
import { dom, query, showSummaryOf, statusBarItem } from '../support/panel';

/** Tests in this file; the harness fails the run when another number reports. */
export const expectedTests = 3;

suite('VS Code in Russian', () => {
  test('the display language is Russian', () => {
    assert.equal(vscode.env.language, 'ru');
  });

  test('hovers and diagnostics of the language server are Russian', async function () {
    this.timeout(60_000);
    const document = await openFixture('calls.sip');
    await waitForActivation();
    const line = lineOf(document, /^SIP\/2\.0 486 /);
    const hovers = await untilAnswered('a hover on the 486 line', () =>
      vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(line, 10)),
    );
    const text = hoverText(hovers);
    assert.match(text, /Busy Here/, 'the reason phrase stays as sent');
    assert.match(text, /`busy` \(занято\)/, 'the outcome word, then its Russian label');
    const diagnostic = await waitForDiagnostic(document.uri, 'a route-blocked diagnostic', (d) => diagnosticCode(d) === 'route-blocked');
    assert.match(diagnostic.message, /[а-яё]{4,}/i, `a Russian message: ${diagnostic.message}`);
    if (!domBridgeAvailable()) return;
    // The hover as the user sees it in the workbench.
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(line, 10, line, 10);
    await vscode.commands.executeCommand('editor.action.showHover');
    const [shown] = await query('.monaco-hover', { scope: 'workbench', contains: 'занято' });
    assert.match(shown.text, /486/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the summary panel and the status bar speak Russian, numbers and all', async function () {
    if (!domBridgeAvailable()) this.skip();
    this.timeout(90_000);
    await showSummaryOf('calls.sip');
    const [heading] = await query('section.calls h2', { contains: 'Вызовы' });
    assert.equal(heading.text, 'Вызовы');
    const sorts = await query('th button.sort', { minCount: 9 });
    assert.deepEqual(
      sorts.map((s) => s.text.replace(/ [▲▼]$/, '')),
      ['Время', 'Номер А', 'Номер Б', 'Исход', 'Финальный ответ', 'Кто завершил', 'Установление', 'PDD', 'Длительность'],
    );
    const [facts] = await query('header p.muted', { contains: 'формат' });
    assert.match(facts.text, /2 вызова/, 'a Russian plural form');
    await query('.save-selected', { contains: 'Сохранить выбранные вызовы как…' });
    await query('.table-status', { contains: 'Строк: 2 из 2' });
    const busy = await query('.outcome-row .outcome-name', { contains: 'busy' });
    assert.equal(busy[0].text.replace(/\s+/g, ' ').trim(), 'busy занято', 'the outcome word stays, its label follows');
    const lang = await dom({ op: 'evaluate', expression: 'document.documentElement.lang' });
    assert.ok(lang.values?.some((v) => v.value === 'ru'), `the page says it is Russian: ${JSON.stringify(lang.values)}`);
    // The ladder's times are Russian numbers: a decimal comma and the Russian unit.
    await vscode.commands.executeCommand('sipLens.showCallFlow', undefined, 'busy-1@127.0.0.1');
    const times = await query('svg.ladder text.arrow-time', { minCount: 2 });
    assert.ok(times.every((t) => /^\+\d+,\d{3} с$/.test(t.text)), times.map((t) => t.text).join(' | '));
    const shot = await dom({ op: 'screenshot', name: 'summary-panel-ru', target: 'webview' });
    assert.ok(shot.file);
    const item = await statusBarItem('вызова');
    assert.match(item.text, /SIP: 2 вызова · route-blocked: 1 · ASR 0\s?%/);
  });
});
