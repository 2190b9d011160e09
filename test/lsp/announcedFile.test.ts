// Reading a file the editor announced by URI: decoded as VS Code decodes its encoding, and checked
// against the editor's length, line count and line ending.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkText, decodeAs, FileMismatchError } from '../../server/src/announcedFile';

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

describe('checkText', () => {
  const crlf = 'a\r\nb\r\nc';
  it('accepts the text the editor holds', () => {
    checkText(crlf, { length: 7, lineCount: 3, eol: '\r\n' });
    checkText('a\nb\n', { length: 4, lineCount: 3, eol: '\n' });
    checkText('one line', { length: 8, lineCount: 1, eol: '\r\n' });
  });

  it('turns down another length, line count or line endings the editor would have made one kind', () => {
    assert.throws(() => checkText(crlf, { length: 8, lineCount: 3, eol: '\r\n' }), FileMismatchError);
    assert.throws(() => checkText(crlf, { length: 7, lineCount: 4, eol: '\r\n' }), FileMismatchError);
    assert.throws(() => checkText(crlf, { length: 7, lineCount: 3, eol: '\n' }), FileMismatchError);
    // Mixed: VS Code makes them all CRLF (a longer text) or all LF.
    assert.throws(() => checkText('a\r\nb\nc', { length: 6, lineCount: 3, eol: '\r\n' }), FileMismatchError);
    assert.throws(() => checkText('a\nb\rc', { length: 5, lineCount: 3, eol: '\n' }), FileMismatchError, 'a lone CR is a line break to VS Code');
  });
});
