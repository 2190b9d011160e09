/// <reference types="mocha" />
// The extension wakes up for SIP traces: by file extension, and by sniffing .log files.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fixtureUri, languageId, openFixture, sipLens, waitForActivation, waitForSipTrace } from '../support/editor';

suite('Activation', () => {
  test('the sip-trace language is registered', async () => {
    assert.ok((await vscode.languages.getLanguages()).includes(languageId));
    assert.ok(sipLens(), 'the extension is known to the editor');
  });

  // First, while nothing else has woken the extension: the .log opens as the built-in `log`
  // language, which activates the extension, which then recognises SIP in it.
  test('a .log holding raw SIP activates the extension and becomes sip-trace', async () => {
    await openFixture('capture.log');
    await waitForActivation();
    const document = await waitForSipTrace(fixtureUri('capture.log'));
    assert.equal(document.languageId, languageId);
  });

  test('a .sip file opens as sip-trace with the extension active', async () => {
    const document = await openFixture('calls.sip');
    assert.equal(document.languageId, languageId);
    await waitForActivation();
    assert.ok(sipLens().isActive);
  });
});
