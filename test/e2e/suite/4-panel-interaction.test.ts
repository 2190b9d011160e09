/// <reference types="mocha" />
// The summary panel as a user meets it: what it shows for calls.sip (a busy call and a
// route-blocked call), and that clicking in it moves the editor.
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { domBridgeAvailable } from '../support/dom';
import { lineOf } from '../support/editor';
import { click, query, selectionMovesTo, showSummaryOf } from '../support/panel';

suite('Call summary panel: content and navigation', () => {
  let document: vscode.TextDocument;

  suiteSetup(async function () {
    if (!domBridgeAvailable()) this.skip();
    document = await showSummaryOf('calls.sip');
  });

  test('the header and the outcome chart give the totals', async () => {
    const [facts] = await query('header p.muted', { contains: 'calls' });
    assert.match(facts.text, /format sipp/);
    assert.match(facts.text, /\b2 calls\b/);

    const rows = await query('.outcome-row', { minCount: 8 });
    const counts = Object.fromEntries(
      rows.map((row) => {
        const match = /^([a-z-]+)\s*(\d+)/.exec(row.text);
        assert.ok(match, `an outcome row reads "name count…": ${row.text}`);
        return [match[1], Number(match[2])];
      }),
    );
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
});
