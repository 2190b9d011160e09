/// <reference types="mocha" />
// The export commands as a user runs them on calls.sip (busy-1: 486, blocked-2: 903): Save
// Calls as CSV… through VS Code's save dialog, Copy Summary as Markdown through the clipboard,
// and the panel's own Copy and Save buttons, which export only the calls the table shows.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { fixtureUri, openFixture, waitForActivation } from '../support/editor';
import { click, query, showSummaryOf } from '../support/panel';
import { acceptSaveDialog } from '../support/saveDialog';
import { waitFor } from '../support/waiting';

/** The name Save Calls as CSV… offers for a trace: `<trace>-calls.csv`. */
const csvName = (trace: string) => `${trace.replace(/\.[^.]*$/, '')}-calls.csv`;

/** Tests in this file; the harness fails the run when another number reports. */
export const expectedTests = 4;

const BUSY = 'busy-1@127.0.0.1';
const BLOCKED = 'blocked-2@127.0.0.1';

/** The CSV rows as [callId, outcome, finalStatus], once the file is there. */
async function csvRows(file: vscode.Uri): Promise<string[][]> {
  const text = await waitFor(`${file.path} to be written`, () => (fs.existsSync(file.fsPath) ? fs.readFileSync(file.fsPath, 'utf8') : undefined), {
    pollMs: 100,
  });
  const [header, ...rows] = text.trimEnd().split('\r\n').map((line) => line.split(','));
  const column = (name: string) => {
    const at = header.indexOf(name);
    assert.ok(at >= 0, `the CSV has a ${name} column: ${header.join(',')}`);
    return at;
  };
  const [id, outcome, status] = [column('callId'), column('outcome'), column('finalStatus')];
  return rows.map((row) => [row[id], row[outcome], row[status]]);
}

/** Clipboard text once it is no longer `before`. */
function clipboardChangedFrom(before: string): Promise<string> {
  return waitFor(
    'the clipboard to change',
    async () => {
      const text = await vscode.env.clipboard.readText();
      return text !== before ? text : undefined;
    },
    { pollMs: 200 },
  );
}

/** The data rows of the Markdown report's calls table. */
function markdownCallRows(markdown: string): string[] {
  const calls = markdown.slice(markdown.indexOf('### Calls'));
  return calls.split('\n').filter((line) => line.startsWith('| `'));
}

suite('Exports', () => {
  // The panel's buttons act on a copy of calls.sip, so their CSV gets a name of its own.
  const PANEL_TRACE = 'panel-copy.sip';
  const written: vscode.Uri[] = [];
  suiteSetup(() => fs.copyFileSync(fixtureUri('calls.sip').fsPath, fixtureUri(PANEL_TRACE).fsPath));
  suiteTeardown(() => {
    for (const file of [...written, fixtureUri(PANEL_TRACE)]) fs.rmSync(file.fsPath, { force: true });
  });

  test('Save Calls as CSV… writes every call to the file chosen in the save dialog', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await openFixture('calls.sip');
    await waitForActivation();
    const saved = vscode.commands.executeCommand('sipLens.exportCsv');
    const file = await acceptSaveDialog(csvName('calls.sip'));
    written.push(file);
    await saved;
    assert.deepEqual(await csvRows(file), [
      [BUSY, 'busy', '486'],
      [BLOCKED, 'route-blocked', '903'],
    ]);
  });

  test('Copy Summary as Markdown puts the report on the clipboard', async () => {
    await openFixture('calls.sip');
    const before = `stale ${Date.now()}`;
    await vscode.env.clipboard.writeText(before);
    await vscode.commands.executeCommand('sipLens.copyMarkdown');
    const markdown = await clipboardChangedFrom(before);
    assert.match(markdown, /^## SIP call summary: `calls\.sip`/);
    assert.match(markdown, /\| `busy` \| 1 \| 50% \|/);
    assert.match(markdown, /\| `route-blocked` \| 1 \| 50% \|/);
    assert.match(markdown, /\| ASR \| 0% \|/);
    const rows = markdownCallRows(markdown);
    assert.equal(rows.length, 2, rows.join('\n'));
    assert.match(rows[0], /`busy` \| `486 Busy Here`/);
    assert.match(rows[1], /`route-blocked` \| `903/);
  });

  test('the panel’s Copy as Markdown button copies only the calls the table shows', async () => {
    await showSummaryOf(PANEL_TRACE);
    await click('.chips button.chip', 'busy');
    await query('.table-status', { contains: '1 of 2 rows' });
    const before = `stale ${Date.now()}`;
    await vscode.env.clipboard.writeText(before);
    await click('header .actions button', 'Copy as Markdown');
    const rows = markdownCallRows(await clipboardChangedFrom(before));
    assert.equal(rows.length, 1, rows.join('\n'));
    assert.match(rows[0], /`busy` \| `486 Busy Here`/);
  });

  test('the panel’s Save as CSV… button saves only the calls the table shows', async () => {
    // The busy filter from the test before is still on.
    await query('.table-status', { contains: '1 of 2 rows' });
    await click('header .actions button', 'Save as CSV');
    const file = await acceptSaveDialog(csvName(PANEL_TRACE));
    written.push(file);
    assert.deepEqual(await csvRows(file), [[BUSY, 'busy', '486']]);
    await click('.chips button.chip', 'busy');
    await query('.table-status', { contains: '2 of 2 rows' });
  });
});
