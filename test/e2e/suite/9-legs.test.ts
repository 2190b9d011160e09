/// <reference types="mocha" />
// Legs of one call through a PBX in the summary panel: the table marks each leg, and selecting a
// leg draws the multi-lane ladder (phone — PBX — carrier); the legs sit together in the table,
// the first one's row opening to show the other. pbx-legs.sip is the hand-crafted
// Asterisk full log of test/fixtures/b2bua/. With SIP_LENS_E2E_DOCS=1 the picture goes to docs/.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { domBridgeAvailable } from '../support/dom';
import { click, dom, query, showSummaryOf } from '../support/panel';

const TRUNK = '7d1e0f6a-5b2c-4e8d-9a3f-1c2b3d4e5f60';

/** Tests this file runs: the runner checks the count, so a test lost on the way is noticed. */
export const expectedTests = 2;

suite('Legs of one call', () => {
  test('the table marks the legs and a leg is drawn with its other leg in one multi-lane ladder', async function () {
    if (!domBridgeAvailable()) this.skip();
    this.timeout(120_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const document = await showSummaryOf('pbx-legs.sip');
    await query('tbody tr.call', { minCount: 3 });
    const badges = await query('tbody tr.call .leg-badge', { minCount: 2 });
    assert.deepEqual(badges.map((b) => b.text), ['inbound leg', 'outbound leg']);

    await vscode.commands.executeCommand('sipLens.showCallFlow', document.uri.toString(), TRUNK);
    const lanes = await query('svg.ladder text.lane-label', { minCount: 3 });
    // A lane label's text holds its tooltip too: compare the start.
    const labels = ['192.0.2.20:5060', 'this host (B2BUA)', '198.51.100.7:5060'];
    assert.equal(lanes.length, 3);
    lanes.forEach((lane, i) => assert.ok(lane.text.startsWith(labels[i]), `lane ${i + 1}: ${lane.text}`));
    const arrows = await query('svg.ladder g.arrow', { minCount: 8 });
    assert.equal(arrows.filter((a) => a.text.includes('486')).length, 2, 'the carrier’s 486 and the one passed on');

    const shot = await dom({ op: 'screenshot', name: 'multi-lane-ladder', target: 'webview', docs: process.env.SIP_LENS_E2E_DOCS === '1' });
    assert.ok(shot.file);
  });

  test('the legs sit together: the first leg’s row opens and closes to show the other', async function () {
    if (!domBridgeAvailable()) this.skip();
    this.timeout(60_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await showSummaryOf('pbx-legs.sip');
    const attributes = ['data-group', 'data-call', 'hidden'];
    const heads = await query('tbody tr.call.leg-head', { minCount: 1, attributes });
    assert.equal(heads.length, 1, 'one call of two legs: one head row');
    const children = await query('tbody tr.call.leg-child', { minCount: 1, attributes });
    assert.equal(children.length, 1);
    assert.equal(children[0].attributes['data-group'], heads[0].attributes['data-group']);
    // The other leg follows its head directly, hidden until the group is opened.
    const order = (await query('tbody tr', { minCount: 3, attributes: ['data-key'] })).map((r) => r.attributes['data-key']);
    assert.equal(order.indexOf(`call:${children[0].attributes['data-call']}`), order.indexOf(`call:${heads[0].attributes['data-call']}`) + 1);
    assert.notEqual(children[0].attributes.hidden, null, 'closed at first');
    assert.equal(children[0].height, 0);
    const [toggle] = await query('tr.leg-head button.leg-toggle', { attributes: ['aria-expanded', 'title'] });
    assert.equal(toggle.attributes['aria-expanded'], 'false');
    assert.equal(toggle.attributes.title, 'Show the other legs of this call');

    await click('tr.leg-head button.leg-toggle');
    await dom({ op: 'waitForExpression', scope: 'webview', expression: `!document.querySelector('tr.leg-child').hidden` });
    const [open] = await query('tr.leg-child', { attributes: ['hidden'] });
    assert.equal(open.attributes.hidden, null);
    assert.ok(open.height > 0, 'the other leg shows');
    assert.match(open.text, /outbound leg/);
    const [opened] = await query('tr.leg-head button.leg-toggle', { attributes: ['aria-expanded'] });
    assert.equal(opened.attributes['aria-expanded'], 'true');
    // The toggle opens the group without selecting the call: no flow is drawn for it.
    const flows = await query('svg.ladder', { minCount: 0 });
    assert.equal(flows.length, 0);

    await dom({ op: 'press', scope: 'webview', selector: 'tr.leg-head', key: 'ArrowLeft' });
    await dom({ op: 'waitForExpression', scope: 'webview', expression: `document.querySelector('tr.leg-child').hidden` });

    // Closed, the group stands for the whole call: ticking its row ticks both legs for saving.
    await click('tr.leg-head input.tick');
    await dom({ op: 'waitForExpression', scope: 'webview', expression: `document.querySelector('tr.leg-child input.tick').checked` });
    await query('.ticked-count', { contains: '2' });
  });
});
