// A big document the editor announced by URI (`sipLens/didOpenFile`): its text is read from the
// file on disk — the bytes once, decoded as the editor decoded them, its line breaks made the
// editor's one kind as VS Code makes them — and checked against what the editor said it holds.
// Any difference (the file changed, another decoding) is a FileMismatchError, and the editor is
// then asked for the text.
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

/** The line breaks in bytes of an encoding where CR and LF are single bytes: CRLF, lone CR, lone LF. */
function lineBreaksOf(bytes: Uint8Array): { crlf: number; cr: number; lf: number } {
  let crlf = 0;
  let cr = 0;
  let lf = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === 13) {
      if (bytes[i + 1] === 10) {
        crlf++;
        i++;
      } else cr++;
    } else if (c === 10) lf++;
  }
  return { crlf, cr, lf };
}

/**
 * The bytes (of an encoding where CR and LF are single bytes) with every line break `eol`: VS Code
 * makes a file's mixed line endings one kind (SIPp writes CRLF inside messages and LF around them),
 * and its text is the one the features' positions and cut-out calls must match.
 */
export function withLineBreaks(bytes: Buffer, eol: '\n' | '\r\n'): Buffer {
  // The common cases need no copy: no CR at all for LF; for CRLF, neither a lone CR nor a lone LF.
  if (eol === '\n' && bytes.indexOf(13) < 0) return bytes;
  const { crlf, cr, lf } = lineBreaksOf(bytes);
  if (eol === '\n' ? crlf + cr === 0 : cr + lf === 0) return bytes;
  const out = Buffer.allocUnsafeSlow(bytes.length - 2 * crlf - cr - lf + (crlf + cr + lf) * eol.length);
  let at = 0;
  let written = 0;
  let nextCr = bytes.indexOf(13);
  let nextLf = bytes.indexOf(10);
  for (;;) {
    const next = nextCr < 0 ? nextLf : nextLf < 0 ? nextCr : Math.min(nextCr, nextLf);
    if (next < 0) break;
    written += bytes.copy(out, written, at, next);
    at = bytes[next] === 13 && bytes[next + 1] === 10 ? next + 2 : next + 1;
    if (eol === '\r\n') out[written++] = 13;
    out[written++] = 10;
    if (nextCr >= 0 && nextCr < at) nextCr = bytes.indexOf(13, at);
    if (nextLf >= 0 && nextLf < at) nextLf = bytes.indexOf(10, at);
  }
  bytes.copy(out, written, at);
  return out;
}

/** `text` with every line break `eol`, as VS Code holds it. */
function textWithLineBreaks(text: string, eol: '\n' | '\r\n'): string {
  const uniform = eol === '\n' ? !text.includes('\r') : !/\r(?!\n)|(?<!\r)\n/.test(text);
  return uniform ? text : text.replace(/\r\n|\r|\n/g, eol);
}

/** The bytes decoded as the editor decoded them, with its line breaks. */
export function editorText(bytes: Buffer, encoding: string, eol: '\n' | '\r\n'): string {
  // In UTF-16 a CR or LF byte is half a character: those are made uniform once decoded.
  if (encoding === 'utf16le' || encoding === 'utf16be') return textWithLineBreaks(decodeAs(bytes, encoding), eol);
  return decodeAs(withLineBreaks(bytes, eol), encoding);
}

/** Throws unless `text` (with the editor's line breaks) is as long as the editor's and has as many lines. */
export function checkText(text: string, file: Pick<AnnouncedFile, 'length' | 'lineCount'>): void {
  if (text.length !== file.length) throw new FileMismatchError(`the file's text is ${text.length} characters, the editor's ${file.length}`);
  let lines = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines++;
  if (lines !== file.lineCount) throw new FileMismatchError(`the file has ${lines} lines, the editor's text ${file.lineCount}`);
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
  const text = editorText(bytes, file.encoding, file.eol);
  checkText(text, file);
  return text;
}
