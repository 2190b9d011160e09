import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeTrace } from '../../server/src/analysis/analyze';
import { summarize } from '../../server/src/analysis/summary';

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
