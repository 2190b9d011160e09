// The position lookups the features share (in-process: they are pure functions over an analysis).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeTrace } from '../../server/src/analysis/analyze';
import { headerAtLine, lineSourceOf, messageAtLine, messagesWithCallId, responsesTo } from '../../server/src/features/lookup';
import { rawTrace } from './traces';

describe('lookup', () => {
  const raw = rawTrace();
  const analysis = analyzeTrace(raw.text);

  it('finds the message covering any line, and none between messages', () => {
    // The trace as written: each message is its start line, its headers and the blank line that
    // ends them; the blank line after that separates messages and belongs to none.
    const textLines = raw.text.split('\n').map((l) => l.replace(/\r$/, ''));
    const lineCount = textLines.length;
    const expected: ({ index: number; start: string } | undefined)[] = [];
    let current: { index: number; start: string } | undefined;
    let count = 0;
    for (const text of textLines) {
      if (!current && /^(?:[A-Z]+ sip:\S+ SIP\/2\.0|SIP\/2\.0 \d{3} )/.test(text)) current = { index: count++, start: text };
      expected.push(current);
      if (current && text === '') current = undefined;
    }
    assert.equal(count, 13, 'the trace holds 13 messages');
    for (let line = 0; line < lineCount; line++) {
      const found = messageAtLine(analysis, line);
      const want = expected[line];
      assert.deepEqual(found && { index: found.index, start: found.sip.startLineText }, want, `line ${line}: ${textLines[line]}`);
    }
    assert.equal(messageAtLine(analysis, -1), undefined);
    assert.equal(messageAtLine(analysis, lineCount + 10), undefined);
    assert.equal(messageAtLine(analysis, raw.lines.busy486)?.sip.status, 486);
  });

  it('finds the header written on a line, folded continuation lines included', () => {
    const text = [
      'OPTIONS sip:gw@10.0.0.2 SIP/2.0',
      'Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKf',
      'From: <sip:mon@10.0.0.1>;tag=m1',
      'To: <sip:gw@10.0.0.2>',
      'i: folded-1',
      'Subject: a long',
      '  folded subject',
      'CSeq: 1 OPTIONS',
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
    const folded = analyzeTrace(text);
    const message = messageAtLine(folded, 4)!;
    assert.equal(headerAtLine(message, 4)?.name, 'call-id');
    assert.equal(headerAtLine(message, 5)?.name, 'subject');
    assert.equal(headerAtLine(message, 6)?.name, 'subject');
    assert.equal(headerAtLine(message, 7)?.name, 'cseq');
    assert.equal(headerAtLine(message, 0), undefined, 'the start line is no header');
  });

  it('indexes messages by Call-ID and responses by request', () => {
    assert.equal(messagesWithCallId(analysis, 'busy-1').length, 5);
    assert.deepEqual(messagesWithCallId(analysis, 'nope'), []);
    const invite = messageAtLine(analysis, raw.lines.busyInvite)!;
    assert.deepEqual(
      responsesTo(analysis, invite.index).map((i) => analysis.messages[i].sip.status),
      [100, 180, 486],
    );
  });

  it('measures lines without their line breaks', () => {
    const lines = lineSourceOf('ab\r\ncde\n\nf');
    assert.deepEqual([0, 1, 2, 3, 4].map((l) => lines.lineLength(l)), [2, 3, 0, 1, 0]);
    assert.equal(lines.lineText(1), 'cde');
  });
});
