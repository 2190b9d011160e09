import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeTrace, MAX_MESSAGES } from '../../server/src/analysis/analyze';
import { summarize } from '../../server/src/analysis/summary';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { lineSourceOf } from '../../server/src/features/lookup';
import { defaultSettings } from '../../server/src/settings';

const CALL = [
  'INVITE sip:2002@gw SIP/2.0',
  'Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1',
  'From: <sip:1001@pbx>;tag=a',
  'To: <sip:2002@gw>',
  'Call-ID: c1',
  'CSeq: 1 INVITE',
  'Content-Length: 0',
  '',
  'SIP/2.0 480 Temporarily Unavailable',
  'Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1',
  'From: <sip:1001@pbx>;tag=a',
  'To: <sip:2002@gw>;tag=b',
  'Call-ID: c1',
  'CSeq: 1 INVITE',
  'Content-Length: 0',
  '',
  '',
];

describe('analyzeTrace', () => {
  it('reads a trace end to end into calls and a summary', () => {
    const analysis = analyzeTrace(CALL.join('\r\n'));
    assert.equal(analysis.format, 'raw');
    assert.equal(analysis.messages.length, 2);
    assert.equal(analysis.lineCount, CALL.length);
    const summary = summarize(analysis);
    assert.deepEqual(
      summary.calls.map((c) => [c.outcome, c.finalStatus, c.startLine, c.finalLine]),
      [['failed', 480, 0, 8]],
    );
    assert.equal(summary.totals.failed, 1);
  });

  it('reads no more than the most messages, analyses those, and says where it stopped', () => {
    const second = CALL.map((line) => line.replace('Call-ID: c1', 'Call-ID: c2'));
    const analysis = analyzeTrace([...CALL.slice(0, -1), ...second].join('\r\n'), { maxMessages: 3 });
    assert.equal(analysis.messages.length, 3);
    assert.deepEqual(analysis.calls.map((c) => [c.callId, c.outcome]), [['c1', 'failed'], ['c2', 'no-final']]);
    const notice = analysis.notices.find((n) => n.kind === 'too-large');
    const lastLine = analysis.messages[2]!.frame.lastLine + 1;
    assert.ok(lastLine > CALL.length, 'the third message is the second call\'s INVITE');
    assert.ok((notice?.message ?? '').startsWith(`Only the first 3 SIP messages were read (to line ${lastLine})`), notice?.message);
    assert.ok(MAX_MESSAGES >= 2_000_000, 'real traces up to the longest text stay whole');
    // In the editor: a warning on the line where reading stopped, after the messages' own diagnostics.
    const text = [...CALL.slice(0, -1), ...second].join('\r\n');
    const diagnostics = computeDiagnostics('file:///t.log', analysis, lineSourceOf(text), defaultSettings());
    const last = diagnostics[diagnostics.length - 1]!;
    assert.equal(last.code, 'too-large');
    assert.equal(last.range.start.line, lastLine);
    assert.equal(last.message, notice?.message);
    assert.ok(diagnostics.slice(0, -1).every((d) => d.range.start.line <= lastLine && d.code !== 'too-large'), 'in file order');
  });

  it('reads files whose lines end in a bare CR', () => {
    const analysis = analyzeTrace(CALL.join('\r'));
    assert.equal(analysis.messages.length, 2);
    assert.equal(analysis.calls[0].finalLine, 8);
  });

  it('stops when cancelled', () => {
    assert.throws(() => analyzeTrace(CALL.join('\n'), { isCancelled: () => true }), { name: 'CancellationError' });
  });

  it('says when a file holds no SIP', () => {
    const analysis = analyzeTrace('just a log line\nanother one\n');
    assert.equal(analysis.format, 'unknown');
    assert.deepEqual(analysis.notices.map((n) => n.kind), ['no-sip']);
  });
});
