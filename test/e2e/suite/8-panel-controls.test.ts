/// <reference types="mocha" />
// The calls table's controls as a user works them, on sipp-calls.sip: the SIPp fixtures' 17
// calls in time order (answered 5, busy 2 — 486 Busy Here and 600 Busy Everywhere —, failed 5 —
// 403, 404, 480, 503, 603 —, redirected, no-answer, cancelled, no-final and route-blocked 1 each)
// and 3 other transactions (a challenged REGISTER and its retry, an OPTIONS).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DomElement } from '../bridgeProtocol';
import { lineOf } from '../support/editor';
import { click, dom, query, selectionMovesTo, showSummaryOf } from '../support/panel';

/** Tests in this file; the harness fails the run when another number reports. */
export const expectedTests = 6;

const ROW = 'tbody tr.call';

/** The table's rows once the status line says `matched of total`. */
async function rowsWhen(status: string, selector = 'tbody tr'): Promise<DomElement[]> {
  await query('.table-status', { contains: status });
  return query(selector, { minCount: 0, attributes: ['data-key', 'class'] });
}

/** Waits until the focused element of the panel has `data-key` (rows) or `aria-label` prefix (arrows). */
async function focused(expression: string, what: string): Promise<void> {
  await dom({ op: 'waitForExpression', scope: 'webview', expression: `(() => { const e = document.activeElement; return !!e && (${expression}); })()` }).catch(
    (error: Error) => assert.fail(`${what}: ${error.message}`),
  );
}

suite('Call summary panel: table controls', () => {
  let document: vscode.TextDocument;

  suiteSetup(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    document = await showSummaryOf('sipp-calls.sip');
    await rowsWhen('17 of 17 rows');
  });

  test('the filter box narrows the table to the calls whose text matches', async () => {
    await dom({ op: 'fill', scope: 'webview', selector: 'input[type=search]', text: 'Busy' });
    const rows = await rowsWhen('2 of 17 rows', ROW);
    assert.deepEqual(rows.map((r) => /(486 Busy Here|600 Busy Everywhere)/.exec(r.text)?.[1]).sort(), ['486 Busy Here', '600 Busy Everywhere']);
    await dom({ op: 'fill', scope: 'webview', selector: 'input[type=search]', text: '' });
    assert.equal((await rowsWhen('17 of 17 rows', ROW)).length, 17);
  });

  test('an outcome chip shows only the calls with that outcome, and a second click all again', async () => {
    await click('.chips button.chip', 'failed 5');
    const rows = await rowsWhen('5 of 17 rows', ROW);
    assert.equal(rows.length, 5);
    const badges = await query(`${ROW} .badge`, { minCount: 5 });
    assert.deepEqual(badges.map((b) => b.text), ['failed', 'failed', 'failed', 'failed', 'failed']);
    const finals = await query(`${ROW} td:nth-child(6)`, { minCount: 5 });
    assert.deepEqual(finals.map((f) => f.text.slice(0, 3)).sort(), ['403', '404', '480', '503', '603']);
    const [chip] = await query('.chips button.chip.active', { attributes: ['aria-pressed'] });
    assert.match(chip.text, /^failed 5$/);
    assert.equal(chip.attributes['aria-pressed'], 'true');
    await click('.chips button.chip', 'failed 5');
    await rowsWhen('17 of 17 rows');
  });

  test('a column’s sort button sorts by it, ascending then descending', async () => {
    const codesShown = async () => (await query(`${ROW} td:nth-child(6)`, { minCount: 17 })).map((td) => Number(/^\d{3}/.exec(td.text)?.[0] ?? 0));
    // The header changes at the click; the rows come back from the extension a moment later.
    const codesBecome = async (expected: number[]) => {
      let shown: number[] = [];
      for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
        shown = await codesShown();
        if (JSON.stringify(shown) === JSON.stringify(expected)) return;
      }
      assert.deepEqual(shown, expected);
    };
    const inTimeOrder = await codesShown();
    // Calls without a final response ("no final", 0 here) sort last in either direction.
    const known = inTimeOrder.filter((c) => c > 0);
    const unknown = inTimeOrder.filter((c) => c === 0);
    assert.equal(unknown.length, 1, 'one call (trying-only) has no final response');
    const ascending = [...[...known].sort((a, b) => a - b), ...unknown];
    const descending = [...[...known].sort((a, b) => b - a), ...unknown];
    assert.notDeepEqual(inTimeOrder, ascending, 'in time order the finals are not sorted already');
    await click('thead button.sort', 'Final');
    await query('th[aria-sort="ascending"]', { contains: 'Final' });
    await codesBecome(ascending);
    await click('thead button.sort', 'Final');
    await query('th[aria-sort="descending"]', { contains: 'Final' });
    await codesBecome(descending);
    await click('thead button.sort', 'Time');
    await query('th[aria-sort="ascending"]', { contains: 'Time' });
    await codesBecome(inTimeOrder);
  });

  test('the transactions toggle lists the REGISTERs and the OPTIONS, and hides them again', async () => {
    await click('label[for="show-transactions"]');
    await query('.table-status', { contains: '20 of 20 rows' });
    const methods = await query('tbody tr.transaction .badge', { minCount: 3 });
    assert.deepEqual(methods.map((m) => m.text).sort(), ['OPTIONS', 'REGISTER', 'REGISTER']);
    await click('label[for="show-transactions"]');
    await rowsWhen('17 of 17 rows');
    assert.deepEqual(await query('tbody tr.transaction', { minCount: 0 }), []);
  });

  test('rows are reached with the arrow keys, Home and End, and Enter shows the call', async () => {
    const keys = (await query(ROW, { minCount: 17, attributes: ['data-key'] })).map((r) => r.attributes['data-key']);
    await dom({ op: 'press', scope: 'webview', selector: ROW, key: 'ArrowDown' });
    await focused(`e.dataset.key === ${JSON.stringify(keys[1])}`, 'ArrowDown on the first row focuses the second');
    await dom({ op: 'press', scope: 'webview', selector: `${ROW}:focus`, key: 'End' });
    await focused(`e.dataset.key === ${JSON.stringify(keys[16])}`, 'End focuses the last row');
    await dom({ op: 'press', scope: 'webview', selector: `${ROW}:focus`, key: 'ArrowUp' });
    await focused(`e.dataset.key === ${JSON.stringify(keys[15])}`, 'ArrowUp focuses the row above');
    await dom({ op: 'press', scope: 'webview', selector: `${ROW}:focus`, key: 'Home' });
    await focused(`e.dataset.key === ${JSON.stringify(keys[0])}`, 'Home focuses the first row');

    // The declined call: its first INVITE is the last one before its Call-ID first appears.
    const callIdLine = lineOf(document, /^Call-ID: declined-603-1@sip-lens/);
    let invite = callIdLine;
    while (!/^INVITE /.test(document.lineAt(invite).text)) invite--;
    await selectionMovesTo(document.uri, invite, () => dom({ op: 'press', scope: 'webview', selector: ROW, contains: '603 Decline', key: 'Enter' }).then(() => undefined));
    const [selected] = await query(`${ROW}.selected`, { attributes: ['aria-selected'] });
    assert.match(selected.text, /603 Decline/);
    assert.equal(selected.attributes['aria-selected'], 'true');
  });

  test('ladder arrows are reached with Tab and shown in the editor with Enter or Space', async () => {
    await query('.flow .call-id code', { contains: 'declined-603-1@sip-lens' });
    const arrows = await query('svg.ladder g.arrow', { minCount: 3, attributes: ['aria-label'] });
    const labels = arrows.map((a) => a.attributes['aria-label'] ?? '');
    assert.match(labels[0], /^INVITE\b/);
    const declineLine = lineOf(document, /^SIP\/2\.0 603 /);
    await selectionMovesTo(document.uri, declineLine, () =>
      dom({ op: 'press', scope: 'webview', selector: 'svg.ladder g.arrow', contains: '603', key: 'Enter' }).then(() => undefined),
    );
    await dom({ op: 'press', scope: 'webview', selector: 'svg.ladder g.arrow', key: 'Tab' });
    await focused(`e.getAttribute('aria-label') === ${JSON.stringify(labels[1])}`, 'Tab from the first arrow focuses the second');
    // The call's second message: the next start line after its INVITE (SIPp wrote one call at a time).
    const invite = lineOf(document, /^INVITE sip:5551234@127\.0\.0\.1:5118 /);
    let secondLine = invite + 1;
    while (!/^(?:SIP\/2\.0 \d{3} |[A-Z]+ sip:)/.test(document.lineAt(secondLine).text)) secondLine++;
    assert.match(labels[1], new RegExp(`^${document.lineAt(secondLine).text.replace(/^SIP\/2\.0 /, '').slice(0, 7)}`));
    await selectionMovesTo(document.uri, secondLine, () =>
      dom({ op: 'press', scope: 'webview', selector: 'svg.ladder g.arrow:focus', key: 'Space' }).then(() => undefined),
    );
  });
});
