// A big document the editor announced by URI (`sipLens/didOpenFile`): its text is read from the
// file on disk — the bytes once, decoded as the editor decoded them — and checked against what
// the editor said it holds. Any difference (the file changed, another decoding, line endings the
// editor normalised) is a FileMismatchError, and the editor is then asked for the text.
import { isAscii, isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { DidOpenFileParams } from './protocol';

/** The error code of a FileMismatchError (it crosses threads as a code). */
export const FILE_MISMATCH = 'SIP_LENS_FILE_MISMATCH';

/** The file and what the editor holds of it. */
export type AnnouncedFile = Omit<DidOpenFileParams, 'textDocument'> & { path: string };

export class FileMismatchError extends Error {
  readonly code = FILE_MISMATCH;
  constructor(message: string) {
    super(message);
    this.name = 'FileMismatchError';
  }
}

function startsWith(bytes: Buffer, ...prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}

/** The bytes as text, decoded the way VS Code decodes `encoding` (its BOM left out); one of OPEN_BY_URI_ENCODINGS. */
export function decodeAs(bytes: Buffer, encoding: string): string {
  switch (encoding) {
    case 'utf8':
      // A UTF-8 BOM makes VS Code report `utf8bom`; bytes that are not UTF-8 it may have
      // replaced otherwise than Node does.
      if (startsWith(bytes, 0xef, 0xbb, 0xbf)) throw new FileMismatchError('the file starts with a UTF-8 BOM');
      if (isAscii(bytes)) return bytes.toString('latin1');
      if (!isUtf8(bytes)) throw new FileMismatchError('the file is not valid UTF-8');
      return bytes.toString('utf8');
    case 'utf8bom': {
      if (!startsWith(bytes, 0xef, 0xbb, 0xbf)) throw new FileMismatchError('the file has no UTF-8 BOM');
      const body = bytes.subarray(3);
      if (!isUtf8(body)) throw new FileMismatchError('the file is not valid UTF-8');
      return body.toString('utf8');
    }
    case 'utf16le':
    case 'utf16be': {
      const bom = encoding === 'utf16le' ? [0xff, 0xfe] : [0xfe, 0xff];
      const body = startsWith(bytes, ...bom) ? bytes.subarray(2) : bytes;
      if (body.length % 2 !== 0) throw new FileMismatchError('the file is not UTF-16 (an odd number of bytes)');
      // Node decodes little-endian only: a big-endian file is swapped in a copy.
      return encoding === 'utf16le' ? body.toString('utf16le') : Buffer.from(body).swap16().toString('utf16le');
    }
    case 'iso88591':
      return bytes.toString('latin1');
    default:
      throw new FileMismatchError(`the editor decoded the file as ${encoding}`);
  }
}

/** How many times `needle` occurs in `text`. */
function count(text: string, needle: string): number {
  let n = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) n++;
  return n;
}

/**
 * Throws unless `text` is what the editor holds: the same length and line count, and every line
 * break the editor's `eol` (VS Code makes a file's mixed line endings one kind, which changes
 * the text without always changing its length).
 */
export function checkText(text: string, file: Pick<AnnouncedFile, 'length' | 'lineCount' | 'eol'>): void {
  if (text.length !== file.length) throw new FileMismatchError(`the file's text is ${text.length} characters, the editor's ${file.length}`);
  const newlines = count(text, '\n');
  const returns = count(text, '\r');
  const sameBreaks = file.eol === '\n' ? returns === 0 : returns === newlines && count(text, '\r\n') === newlines;
  if (!sameBreaks) throw new FileMismatchError('the file has line endings the editor changed');
  if (newlines + 1 !== file.lineCount) throw new FileMismatchError(`the file has ${newlines + 1} lines, the editor's text ${file.lineCount}`);
}

/** Reads the file (its bytes once), decodes and checks it; a FileMismatchError when it is not the editor's text. */
export function readAnnouncedFile(file: AnnouncedFile): string {
  const fd = openSync(file.path, 'r');
  let bytes: Buffer;
  try {
    const info = fstatSync(fd);
    if (info.size !== file.size) throw new FileMismatchError(`the file is ${info.size} bytes now, ${file.size} when opened`);
    // Within a millisecond: clients may read the time in whole milliseconds.
    if (Math.abs(info.mtimeMs - file.mtimeMs) >= 1) throw new FileMismatchError('the file was modified after it was opened');
    bytes = Buffer.allocUnsafeSlow(info.size);
    for (let at = 0; at < bytes.length; ) {
      const read = readSync(fd, bytes, at, bytes.length - at, at);
      if (read === 0) throw new FileMismatchError('the file got shorter while it was read');
      at += read;
    }
  } finally {
    closeSync(fd);
  }
  const text = decodeAs(bytes, file.encoding);
  checkText(text, file);
  return text;
}
