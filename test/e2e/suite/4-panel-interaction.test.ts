/// <reference types="mocha" />
// The summary panel as a user meets it: what it shows for calls.sip (a busy call and a
// route-blocked call), and that clicking in it moves the editor.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { lineOf } from '../support/editor';
import { click, editorOf, query, selectionMovesTo, showSummaryOf } from '../support/panel';
import { waitFor } from '../support/waiting';

/** Tests in this file; the harness fails the run when another number reports. */
export const expectedTests = 6;

suite('Call summary panel: content and navigation', () => {
  let document: vscode.TextDocument;

  suiteSetup(async function () {
    document = await showSummaryOf('calls.sip');
  });

  test('the header and the outcome chart give the totals', async () => {
    const [facts] = await query('header p.muted', { contains: 'calls' });
    assert.match(facts.text, /format sipp/);
    assert.match(facts.text, /\b2 calls\b/);

    const names = await query('.outcome-row .outcome-name', { minCount: 8 });
    const numbers = await query('.outcome-row > .num:not(.muted)', { minCount: 8 });
    assert.equal(numbers.length, names.length, 'one count per outcome');
    const counts = Object.fromEntries(names.map((name, i) => [name.text, Number(numbers[i].text)]));
    assert.deepEqual(counts, {
      answered: 0,
      busy: 1,
      redirected: 0,
      'route-blocked': 1,
      'no-answer': 0,
      cancelled: 0,
      failed: 0,
      'no-final': 0,
    });
    const blocked = await query('section.route-blocked', { contains: '8810099' });
    assert.match(blocked[0].text, /Route blocked \(1\)/);
    assert.match(blocked[0].text, /local configuration, not the carrier/);
  });

  test('the key figures are computed from the two calls', async () => {
    const kpis = await query('.kpi', { minCount: 6, attributes: ['title'] });
    const figure = (label: string) => {
      const kpi = kpis.find((k) => k.text.startsWith(label));
      assert.ok(kpi, `a key figure "${label}" among ${kpis.map((k) => k.text).join(' | ')}`);
      return kpi.text.slice(label.length);
    };
    assert.equal(figure('Attempts'), '2');
    assert.equal(figure('ASR'), '0%');
    assert.equal(figure('Avg PDD'), '250 ms', 'only the busy call rang, 250 ms after its INVITE');
    assert.equal(figure('Hung up'), 'local 0 · remote 0');
  });

  test('the table has one row per call, in trace order', async () => {
    const rows = await query('tbody tr.call', { minCount: 2, attributes: ['data-call', 'aria-selected'] });
    assert.equal(rows.length, 2);
    assert.match(rows[0].text, /2001/);
    assert.match(rows[0].text, /busy/);
    assert.match(rows[0].text, /486 Busy Here/);
    assert.match(rows[1].text, /8810099/);
    assert.match(rows[1].text, /route-blocked/);
    assert.match(rows[1].text, /903/);
    assert.deepEqual(
      rows.map((r) => r.attributes['aria-selected']),
      ['false', 'false'],
      'no call is selected before a click',
    );
  });

  test('clicking a call row puts the cursor on its first INVITE', async () => {
    const invite = lineOf(document, /^INVITE sip:8810099@/);
    const editor = await selectionMovesTo(document.uri, invite, () => click('tbody tr.call', '8810099'));
    assert.equal(editor.selection.active.character, 0);
    const [selected] = await query('tbody tr.call.selected', { attributes: ['aria-selected'] });
    assert.match(selected.text, /8810099/);
    assert.equal(selected.attributes['aria-selected'], 'true');
  });

  test('the selected call shows its ladder; clicking an arrow reveals that message', async () => {
    const [callId] = await query('.flow .call-id code', { contains: 'blocked-2@127.0.0.1' });
    assert.equal(callId.text, 'blocked-2@127.0.0.1');
    const arrows = await query('svg.ladder g.arrow', { minCount: 3, attributes: ['aria-label', 'class'] });
    const labels = arrows.map((a) => a.attributes['aria-label'] ?? '');
    assert.match(labels[0], /^INVITE\b/);
    assert.ok(labels.some((l) => /^903 /.test(l)), `a 903 arrow among ${labels.join(' | ')}`);
    assert.ok(arrows.every((a) => a.width > 0 && a.height > 0), 'every arrow is drawn');
    const lanes = await query('svg.ladder text.lane-label', { minCount: 2 });
    assert.equal(lanes.length, 2, 'two parties');

    const finalLine = lineOf(document, /^SIP\/2\.0 903 /);
    await selectionMovesTo(document.uri, finalLine, () => click('svg.ladder g.arrow', '903'));
  });

  // The user opened the trace while the panel had focus, so its only tab sits behind the panel.
  test('a click shows the trace beside the panel, not on top of it', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    document = await showSummaryOf('calls.sip');
    const panelTab = () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('sipLens.summary'));
    const panelColumn = panelTab()?.group.viewColumn;
    assert.ok(panelColumn, 'the panel has a tab');
    await vscode.window.showTextDocument(document, { viewColumn: panelColumn, preview: false });
    const elsewhere = vscode.window.tabGroups.all
      .filter((g) => g.viewColumn !== panelColumn)
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === document.uri.toString());
    await vscode.window.tabGroups.close(elsewhere);
    await vscode.commands.executeCommand('sipLens.showSummary');
    await waitFor('the panel to be in front again', () => (panelTab()?.isActive ? true : undefined), {
      events: [vscode.window.tabGroups.onDidChangeTabs],
    });
    assert.equal(editorOf(document.uri), undefined, 'the trace is hidden behind the panel');

    const invite = lineOf(document, /^INVITE sip:2001@/);
    const shown = waitFor(
      `calls.sip to be shown at line ${invite + 1}`,
      () => {
        const editor = editorOf(document.uri);
        return editor && editor.selection.active.line === invite ? editor : undefined;
      },
      { events: [vscode.window.onDidChangeTextEditorSelection, vscode.window.onDidChangeVisibleTextEditors] },
    );
    await click('tbody tr.call', '2001');
    const editor = await shown;
    assert.notEqual(editor.viewColumn, panelTab()?.group.viewColumn, 'the trace opened in another group');
    assert.ok(panelTab()?.isActive, 'the panel is still in front in its group');
    await query('svg.ladder g.arrow', { contains: '486' });
  });
});
