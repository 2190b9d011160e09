// Opens every real trace under test/fixtures/ (described by expected.json) in the built server and
// checks that diagnostics, summaries and outcomes agree with what is expected of it.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { isFindingCode } from '../../server/src/analysis/findings/types';
import type { CaptureText, Summary, SummaryCall } from '../../server/src/protocol';
import { fileUri, messageOf, ROOT, TestClient } from './client';

interface ExpectedCall {
  callId: string;
  outcome: string;
  finalStatus: number | null;
  endedBy: 'local' | 'remote' | null;
}

interface ExpectedFile {
  format: string;
  binary?: boolean;
  calls: ExpectedCall[];
  transactions?: string[];
}

const FIXTURES = join(ROOT, 'test', 'fixtures');
const EXPECTED = join(FIXTURES, 'expected.json');
const expected: Record<string, ExpectedFile> = existsSync(EXPECTED) ? JSON.parse(readFileSync(EXPECTED, 'utf8')) : {};
const START_LINE = /^(?:SIP\/2\.0 \d{3}\b|[A-Za-z]+ \S+ SIP\/2\.0)/;
/** The four ★ codes, mutually exclusive; findings add diagnostics of their own beside them. */
const STAR_CODES = ['route-blocked', 'error-final', 'no-final', 'malformed'];

function onLine(diagnostics: Diagnostic[], line: number | null): Diagnostic[] {
  return line === null ? [] : diagnostics.filter((d) => d.range.start.line === line && STAR_CODES.includes(String(d.code)));
}

/** What the ★ Diagnostics contract says about one call, checked against what was published. */
function checkCall(file: string, call: SummaryCall, diagnostics: Diagnostic[]): void {
  const where = `${file} ${call.callId} (${call.outcome})`;
  const atFinal = onLine(diagnostics, call.finalLine);
  const atStart = onLine(diagnostics, call.startLine);
  switch (call.outcome) {
    case 'route-blocked':
      assert.deepEqual(
        atFinal.map((d) => [d.code, d.severity]),
        [['route-blocked', DiagnosticSeverity.Error]],
        where,
      );
      break;
    case 'busy':
    case 'failed':
      assert.deepEqual(
        atFinal.map((d) => d.code),
        ['error-final'],
        where,
      );
      break;
    case 'no-final':
      assert.deepEqual(
        atStart.map((d) => d.code),
        ['no-final'],
        where,
      );
      break;
    case 'answered':
    case 'redirected':
      assert.deepEqual(atFinal, [], where);
      assert.deepEqual(atStart, [], where);
      break;
    case 'cancelled':
    case 'no-answer':
      // The 487 answers the caller's CANCEL: normal flow. A 408 after ringing is still an error final.
      if (call.finalStatus === 487) assert.deepEqual(atFinal, [], where);
      if (call.finalStatus === null) assert.deepEqual(atStart, [], `${where}: rang, so not no-final`);
      break;
  }
}

describe('fixtures', { skip: Object.keys(expected).length === 0 ? 'no test/fixtures/expected.json yet' : false }, () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(async () => {
    assert.deepEqual(client.errors(), []);
    await client.stop();
  });

  for (const [file, want] of Object.entries(expected)) {
    it(`${file}: diagnostics agree with the expected outcomes`, async () => {
      const path = join(FIXTURES, file);
      // A packet capture never reaches the server as a document; its text trace (what Open as
      // Text Trace shows) does, and must get the same outcomes.
      const capture = want.format === 'pcap' || want.format === 'pcapng';
      const uri = capture ? `untitled:${file}.sip` : fileUri(path);
      // As an editor would hold it: decoded as UTF-8.
      const text = capture
        ? (await client.requestByName<CaptureText>('sipLens/captureText', { uri: fileUri(path) })).text
        : readFileSync(path, 'utf8');
      const { diagnostics } = await client.open(uri, text, 'sip-trace');
      try {
        const summary = await client.requestByName<Summary>('sipLens/summary', { uri });
        if (want.binary) {
          assert.deepEqual(
            diagnostics.map((d) => [d.code, d.range.start.line]),
            [['unreadable', 0]],
          );
          assert.deepEqual(summary.calls, []);
          return;
        }
        assert.equal(summary.format, capture ? 'capture-text' : want.format, 'format');
        const outcomes = new Map(summary.calls.map((c) => [c.callId, c]));
        for (const call of want.calls) {
          const got = outcomes.get(call.callId);
          assert.ok(got, `${file}: call ${call.callId} is found`);
          assert.equal(got.outcome, call.outcome, `${file} ${call.callId}: outcome`);
          assert.equal(got.finalStatus, call.finalStatus, `${file} ${call.callId}: final status`);
          assert.equal(got.endedBy, call.endedBy, `${file} ${call.callId}: ended by`);
        }
        assert.deepEqual([...outcomes.keys()], want.calls.map((c) => c.callId), `${file}: exactly the expected calls, in order`);
        assert.deepEqual(summary.transactions.map((t) => t.method), want.transactions ?? [], `${file}: transactions outside calls`);
        for (const call of summary.calls) checkCall(file, call, diagnostics);

        const lines = text.split('\n');
        const perLine = new Set<string>();
        for (const d of diagnostics) {
          assert.equal(d.source, 'sip-lens');
          const star = STAR_CODES.includes(String(d.code));
          assert.ok(star || isFindingCode(String(d.code)), `${file}: code ${d.code}`);
          // One ★ diagnostic per message; one per message and code for findings.
          const key = `${d.range.start.line}\n${star ? '★' : d.code}`;
          assert.ok(!perLine.has(key), `${file}: one ${star ? '★ diagnostic' : String(d.code)} per message (line ${d.range.start.line})`);
          perLine.add(key);
          const line = (lines[d.range.start.line] ?? '').replace(/\r$/, '');
          assert.match(line.slice(d.range.start.character), START_LINE, `${file}:${d.range.start.line} starts at the SIP start line`);
          assert.equal(d.range.end.character, line.length, `${file}:${d.range.start.line} runs to the end of the line`);
          // Challenges in these traces are all answered by an authenticated retry.
          assert.doesNotMatch(messageOf(d), /^40[17] /, `${file}: a retried challenge is not an error`);
        }
      } finally {
        await client.close(uri);
      }
    });

    it(`${file}: the summary read from disk matches the open document's`, async () => {
      const uri = fileUri(join(FIXTURES, file));
      const fromDisk = await client.requestByName<Summary>('sipLens/summary', { uri });
      assert.deepEqual(
        fromDisk.calls.map((c) => [c.callId, c.outcome, c.finalStatus, c.endedBy]),
        want.calls.map((c) => [c.callId, c.outcome, c.finalStatus, c.endedBy]),
      );
      if (want.binary) assert.ok(fromDisk.notices.length > 0, 'a binary file says so');
    });
  }
});
