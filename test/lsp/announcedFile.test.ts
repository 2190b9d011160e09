// Reading a file the editor announced by URI: decoded as VS Code decodes its encoding, and checked
// against the editor's length and line count, its line breaks made the editor's one kind.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkText, decodeAs, editorText, FileMismatchError, withLineBreaks } from '../../server/src/announcedFile';

const TEXT = 'INVITE sip:müller@example.com SIP/2.0\r\nSubject: 日本\r\n';

function utf16be(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

describe('decodeAs', () => {
  it('decodes each encoding the editor may report, its BOM left out', () => {
    assert.equal(decodeAs(Buffer.from(TEXT), 'utf8'), TEXT);
    assert.equal(decodeAs(Buffer.from('plain ASCII\n'), 'utf8'), 'plain ASCII\n');
    assert.equal(decodeAs(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]), 'utf8bom'), TEXT);
    assert.equal(decodeAs(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]), 'utf16le'), TEXT);
    assert.equal(decodeAs(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(TEXT)]), 'utf16be'), TEXT);
    assert.equal(decodeAs(utf16be(TEXT), 'utf16be'), TEXT, 'no BOM');
    assert.equal(decodeAs(Buffer.from([0x41, 0xe9, 0xff]), 'iso88591'), 'Aéÿ');
  });

  it('turns down bytes the editor would have decoded otherwise', () => {
    const mismatch = (bytes: Buffer, encoding: string): void => assert.throws(() => decodeAs(bytes, encoding), FileMismatchError, encoding);
    mismatch(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]), 'utf8');
    mismatch(Buffer.from([0x41, 0xe9, 0x42]), 'utf8');
    mismatch(Buffer.from(TEXT), 'utf8bom');
    mismatch(Buffer.from([0x41, 0x00, 0x42]), 'utf16le');
    mismatch(Buffer.from(TEXT), 'windows1252');
  });
});

describe('editorText', () => {
  // SIPp writes CRLF inside messages and LF around them; a lone CR is a line break to VS Code too.
  const mixed = 'marker\nINVITE sip:a@b SIP/2.0\r\nVia: x\r\n\r\n\nnext\rlast\r';

  it('makes every line break the editor\'s one kind, as VS Code does with mixed line endings', () => {
    const crlf = { text: 'marker\r\nINVITE sip:a@b SIP/2.0\r\nVia: x\r\n\r\n\r\nnext\r\nlast\r\n', lineCount: 8 };
    assert.deepEqual(editorText(Buffer.from(mixed), 'utf8', '\r\n'), crlf);
    assert.deepEqual(editorText(Buffer.from(mixed), 'utf8', '\n'), { text: 'marker\nINVITE sip:a@b SIP/2.0\nVia: x\n\n\nnext\nlast\n', lineCount: 8 });
    assert.deepEqual(editorText(Buffer.from(mixed, 'utf16le'), 'utf16le', '\r\n'), crlf);
    assert.deepEqual(editorText(Buffer.from('\nü\r\nö\n'), 'utf8', '\r\n'), { text: '\r\nü\r\nö\r\n', lineCount: 4 });
    assert.deepEqual(editorText(Buffer.from('\rA\r'), 'iso88591', '\n'), { text: '\nA\n', lineCount: 3 });
  });

  it('leaves uniform line breaks as they are, counting the lines', () => {
    const crlf = Buffer.from('a\r\nb\r\n');
    assert.deepEqual(withLineBreaks(crlf, '\r\n'), { bytes: crlf, lineCount: 3 });
    assert.equal(withLineBreaks(crlf, '\r\n').bytes, crlf, 'no copy');
    const lf = Buffer.from('a\nb\n');
    assert.equal(withLineBreaks(lf, '\n').bytes, lf, 'no copy');
    assert.equal(withLineBreaks(Buffer.from('one line'), '\n').lineCount, 1);
  });

  it('rewrites the line breaks in place when the room before the bytes is enough, and in a copy when not', () => {
    const crlf = 'marker\r\nINVITE sip:a@b SIP/2.0\r\nVia: x\r\n\r\n\r\nnext\r\nlast\r\n';
    // As CRLF the mixed text gains 4 bytes: a CR before each of its 2 lone LFs, an LF after each of its 2 lone CRs.
    const added = crlf.length - mixed.length;
    for (const room of [0, added - 1, added, added + 4]) {
      const bytes = Buffer.concat([Buffer.alloc(room, 0x7a), Buffer.from(mixed)]);
      const result = withLineBreaks(bytes, '\r\n', room);
      assert.deepEqual({ text: result.bytes.toString('latin1'), lineCount: result.lineCount }, { text: crlf, lineCount: 8 }, `room ${room}`);
      assert.equal(result.bytes.buffer === bytes.buffer, room >= added, `in place with room ${room}`);
      assert.deepEqual(editorText(Buffer.concat([Buffer.alloc(room), Buffer.from(mixed)]), 'utf8', '\r\n', room), { text: crlf, lineCount: 8 });
    }
    const lf = Buffer.from(mixed);
    const shorter = withLineBreaks(lf, '\n');
    assert.equal(shorter.bytes.toString('latin1'), 'marker\nINVITE sip:a@b SIP/2.0\nVia: x\n\n\nnext\nlast\n');
    assert.equal(shorter.bytes.buffer, lf.buffer, 'LF only drops bytes: in place');
  });
});

describe('checkText', () => {
  it('accepts the text the editor holds', () => {
    checkText({ text: 'a\r\nb\r\nc', lineCount: 3 }, { length: 7, lineCount: 3 });
  });

  it('turns down another length or line count', () => {
    assert.throws(() => checkText({ text: 'a\r\nb\r\nc', lineCount: 3 }, { length: 8, lineCount: 3 }), FileMismatchError);
    assert.throws(() => checkText({ text: 'a\r\nb\r\nc', lineCount: 3 }, { length: 7, lineCount: 4 }), FileMismatchError);
  });
});
