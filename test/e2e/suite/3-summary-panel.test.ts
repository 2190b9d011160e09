/// <reference types="mocha" />
// The call summary is a webview, so the harness reads its DOM from the browser for us.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { askDom } from '../support/dom';
import { openFixture, waitForActivation } from '../support/editor';

/** Tests in this file; the harness fails the run when another number reports. */
export const expectedTests = 1;

suite('Call summary panel', () => {
  test('Show Call Summary lists the busy and the route-blocked call', async function () {
    await openFixture('calls.sip');
    await waitForActivation();
    await vscode.commands.executeCommand('sipLens.showSummary');

    const blocked = await askDom({ op: 'webviewText', contains: 'route-blocked', timeoutMs: 20_000 });
    assert.ok(blocked.ok, blocked.error);
    const text = blocked.text ?? '';
    assert.match(text, /\bbusy\b/);
    assert.match(text, /8810099/, 'shows the dialled number of the blocked call');
    const shot = await askDom({ op: 'screenshot', name: 'summary-panel' });
    assert.ok(shot.ok, shot.error);
  });
});
