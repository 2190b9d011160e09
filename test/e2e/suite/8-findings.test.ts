/// <reference types="mocha" />
// Findings in a real VS Code, on a real SIPp trace (findings.sip: 407, a retry with credentials,
// then 403): the diagnostic with the finding's code beside the ★ one, the hover that carries the
// finding and the verdict, an SDP hover, and the panel's Findings list, verdict and ladder mark.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticCode, hoverText, lineOf, untilAnswered, waitForDiagnostic } from '../support/editor';
import { click, query, showSummaryOf } from '../support/panel';

/** Tests in this file; the harness fails the run when another number reports. */
export const expectedTests = 3;

suite('Findings', () => {
  let document: vscode.TextDocument;

  suiteSetup(async function () {
    document = await showSummaryOf('findings.sip');
  });

  const hoverAt = async (line: number): Promise<string> =>
    hoverText(
      await untilAnswered(`a hover on line ${line + 1}`, () =>
        vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(line, 3)),
      ),
    );

  test('the 403 carries an auth-rejected warning beside its error-final', async () => {
    const line = lineOf(document, /^SIP\/2\.0 403 /);
    const finding = await waitForDiagnostic(document.uri, 'an auth-rejected diagnostic', (d) => diagnosticCode(d) === 'auth-rejected');
    assert.equal(finding.range.start.line, line);
    assert.equal(finding.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(finding.message, /rejected the credentials/);
    assert.ok((finding.relatedInformation ?? []).length >= 3, 'the first INVITE, the challenge and the retry are related');
    const onLine = vscode.languages.getDiagnostics(document.uri).filter((d) => d.range.start.line === line).map(diagnosticCode);
    assert.deepEqual(onLine.sort(), ['auth-rejected', 'error-final']);
  });

  test('hovers show the finding and the verdict, and explain SDP lines', async () => {
    const text = await hoverAt(lineOf(document, /^SIP\/2\.0 403 /));
    assert.match(text, /auth-rejected/);
    assert.match(text, /Verdict/);
    const sdp = await hoverAt(lineOf(document, /^a=rtpmap:0 PCMU/));
    assert.match(sdp, /PCMU/);
    assert.match(sdp, /µ-law/);
  });

  test('the panel lists the finding, filters by it, shows the verdict and marks the arrow', async () => {
    const [row] = await query('.finding-row', { contains: 'auth-rejected' });
    assert.match(row.text, /auth-rejected\s*1/);
    await click('.finding-row', 'auth-rejected');
    const rows = await query('tbody tr.call', { minCount: 1 });
    assert.equal(rows.length, 1);
    await click('tbody tr.call', '5551234');
    const [verdict] = await query('.flow p.verdict', { contains: 'authenticated retry' });
    assert.match(verdict.text, /^Failed: 403 Forbidden from 203\.0\.113\.7 after an authenticated retry/);
    const marked = await query('svg.ladder g.arrow.has-finding', { minCount: 1, attributes: ['aria-label'] });
    assert.match(marked[0].attributes['aria-label'] ?? '', /^403 .*findings: auth-rejected/);
  });
});
