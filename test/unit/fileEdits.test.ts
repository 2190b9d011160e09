// The editor's changes to a document opened by URI are applied to the file's text as pieces; the
// result must be exactly what a text document (vscode-languageserver-textdocument, which the
// server uses for documents sent as text) makes of the same changes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyFileEdits, type FileEdits } from '../../server/src/fileEdits';
import type { FileChange } from '../../server/src/protocol';

/** A small deterministic random source. */
function random(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % n;
  };
}

function textOf(next: (n: number) => number, eol: string, lines: number): string {
  const words = ['INVITE sip:2002@gw SIP/2.0', 'SIP/2.0 486 Busy Here', 'Call-ID: a', '', 'é€', 'CSeq: 1 INVITE'];
  return Array.from({ length: lines }, () => words[next(words.length)]).join(eol) + (next(2) ? eol : '');
}

function change(next: (n: number) => number, eol: string, lineCount: number): FileChange {
  // Lines the text has (as the editor sends), characters past a line's end too.
  const position = () => ({ line: next(lineCount), character: next(30) });
  const inserts = ['', 'x', `a${eol}b`, eol, `${eol}${eol}`, '486', 'SIP/2.0 200 OK'];
  return { range: { start: position(), end: position() }, text: inserts[next(inserts.length)]! };
}

function expected(text: string, changes: FileChange[]): TextDocument {
  return TextDocument.update(TextDocument.create('file:///t', 'sip-trace', 0, text), changes, 1);
}

describe('the editor\'s changes applied to a file\'s text', () => {
  it('make the text a text document makes of them, change after change (random edits)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const eol = next(2) ? '\r\n' : '\n';
      const text = textOf(next, eol, next(12));
      const changes: FileChange[] = [];
      let document = TextDocument.create('file:///t', 'sip-trace', 0, text);
      for (let i = 0, n = 1 + next(8); i < n; i++) {
        const c = change(next, eol, document.lineCount);
        changes.push(c);
        document = TextDocument.update(document, [c], i + 1);
      }
      const want = document.getText();
      const edits: FileEdits = { changes, length: want.length, lineCount: document.lineCount };
      assert.deepEqual(applyFileEdits(text, edits), { text: want }, `seed ${seed}: ${JSON.stringify({ text, changes })}`);
      assert.deepEqual(applyFileEdits(text, edits), { text: expected(text, changes).getText() }, `seed ${seed}: all at once`);
    }
  });

  it('read a line past the end as the end of the text, as a text document does', () => {
    const text = 'a\r\nb\r\n';
    const past: FileChange = { range: { start: { line: 1, character: 0 }, end: { line: 9, character: 0 } }, text: 'c' };
    const want = expected(text, [past]).getText();
    assert.equal(want, 'a\r\nc');
    assert.deepEqual(applyFileEdits(text, { changes: [past], length: want.length, lineCount: 2 }), { text: want });
  });

  it('read a range given end first the right way round', () => {
    const text = 'SIP/2.0 486 Busy Here\nCall-ID: a\n';
    const reversed: FileChange = { range: { start: { line: 0, character: 11 }, end: { line: 0, character: 8 } }, text: '600' };
    const want = expected(text, [reversed]).getText();
    assert.equal(want, 'SIP/2.0 600 Busy Here\nCall-ID: a\n');
    assert.deepEqual(applyFileEdits(text, { changes: [reversed], length: want.length, lineCount: 3 }), { text: want });
  });

  it('say so when the result is not as long, or has not as many lines, as the editor\'s text', () => {
    const text = 'a\nb\n';
    const insert: FileChange = { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'x\n' };
    assert.deepEqual(applyFileEdits(text, { changes: [insert], length: 6, lineCount: 4 }), { text: 'a\nx\nb\n' });
    assert.match((applyFileEdits(text, { changes: [insert], length: 7, lineCount: 4 }) as { mismatch: string }).mismatch, /6 characters, the editor's 7/);
    assert.match((applyFileEdits(text, { changes: [insert], length: 6, lineCount: 3 }) as { mismatch: string }).mismatch, /4 lines, the editor's 3/);
  });

  it('apply many edits to a big text without copying it for each', () => {
    const line = 'Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-1\r\n';
    const text = line.repeat(200_000);
    const changes: FileChange[] = Array.from({ length: 500 }, (_, i) => ({
      range: { start: { line: i * 300, character: 5 }, end: { line: i * 300, character: 12 } },
      text: 'SIP/3.0',
    }));
    const want = expected(text, changes);
    const result = applyFileEdits(text, { changes, length: want.getText().length, lineCount: want.lineCount });
    assert.ok('text' in result && result.text === want.getText());
  });
});
