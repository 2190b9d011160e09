/// <reference types="mocha" />
// The call summary is a webview, so the harness reads its DOM from the browser for us.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { askDom, domBridgeAvailable } from '../support/dom';
import { openFixture, waitForActivation } from '../support/editor';

suite('Call summary panel', () => {
  test('Show Call Summary lists the busy and the route-blocked call', async function () {
    if (!domBridgeAvailable()) this.skip();
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
