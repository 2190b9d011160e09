/// <reference types="mocha" />
// SIP Lens settings changed through VS Code's settings, as a user would, and what they change in
// the editor right away: each check sees the effect come, then go again when the setting goes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticCode, openFixture, setSetting, sipLensLenses, untilAnswered, waitForActivation, waitForSipTrace } from '../support/editor';
import { waitFor } from '../support/waiting';

/** Tests in this file; the harness fails the run when another number reports. */
export const expectedTests = 3;

/** Waits until the document's SIP Lens diagnostic codes are `codes` (sorted). */
function diagnosticCodes(uri: vscode.Uri, codes: string[]): Promise<true> {
  const now = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'sip-lens').map((d) => String(diagnosticCode(d))).sort();
  return waitFor(`diagnostics ${codes.join(', ')} (now ${now().join(', ')})`, () => (JSON.stringify(now()) === JSON.stringify(codes) ? true : undefined), {
    events: [vscode.languages.onDidChangeDiagnostics],
  });
}

/** Waits until SIP Lens's code lens titles on the document satisfy `check`. */
function lensTitles(uri: vscode.Uri, what: string, check: (titles: string[]) => boolean): Promise<string[]> {
  return waitFor(
    what,
    async () => {
      const titles = (await sipLensLenses(uri)).map((l) => l.command?.title ?? '');
      return check(titles) ? titles : undefined;
    },
    { pollMs: 250 },
  );
}

suite('Settings', () => {
  suiteTeardown(async () => {
    for (const key of ['diagnostics.ignoreCodes', 'codeLens.enabled', 'localAddresses']) await setSetting('sipLens', key, undefined);
  });

  test('sipLens.diagnostics.ignoreCodes silences a final status code', async () => {
    const document = await openFixture('calls.sip');
    await waitForActivation();
    await diagnosticCodes(document.uri, ['error-final', 'route-blocked']);
    await setSetting('sipLens', 'diagnostics.ignoreCodes', [486]);
    await diagnosticCodes(document.uri, ['route-blocked']);
    await setSetting('sipLens', 'diagnostics.ignoreCodes', undefined);
    await diagnosticCodes(document.uri, ['error-final', 'route-blocked']);
  });

  test('sipLens.codeLens.enabled: false takes the code lenses away', async () => {
    const document = await openFixture('calls.sip');
    await untilAnswered('code lenses on calls.sip', () => sipLensLenses(document.uri));
    await setSetting('sipLens', 'codeLens.enabled', false);
    await lensTitles(document.uri, 'no SIP Lens code lens', (titles) => titles.length === 0);
    await setSetting('sipLens', 'codeLens.enabled', undefined);
    const titles = await lensTitles(document.uri, 'the code lenses back', (t) => t.length === 2);
    assert.match(titles.join(' | '), /^busy · 486 Busy Here.* \| route-blocked · 903 /);
  });

  // two-hosts.ngrep.txt (scripts/make-fixtures/e2e-two-hosts.sh): ngrep's capture of a call from
  // 127.0.0.5 to 127.0.0.9, answered, and hung up by the callee. Addresses only: without the
  // setting the caller's side counts as local.
  test('sipLens.localAddresses decides who hung up in an address-only trace', async () => {
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'two-hosts.ngrep.txt');
    await openFixture('two-hosts.ngrep.txt');
    const document = await waitForSipTrace(uri);
    const endedBy = (side: string) => (titles: string[]) => titles.length === 1 && titles[0].endsWith(`ended by ${side}`);
    await lensTitles(document.uri, 'the caller counted as local, so the BYE came from the remote side', endedBy('remote'));
    await setSetting('sipLens', 'localAddresses', ['127.0.0.9']);
    await lensTitles(document.uri, 'the callee at 127.0.0.9 local, and so the one who hung up', endedBy('local'));
    await setSetting('sipLens', 'localAddresses', undefined);
    await lensTitles(document.uri, 'the caller local again', endedBy('remote'));
  });
});
