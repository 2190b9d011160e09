// A big document the editor announced by URI (`sipLens/didOpenFile`): its text is read from the
// file on disk — the bytes once, decoded as the editor decoded them, its line breaks made the
// editor's one kind as VS Code makes them — and checked against what the editor said it holds.
// Any difference (the file changed, another decoding) is a FileMismatchError, and the editor is
// then asked for the text. An edited document's changes since are applied to it (fileEdits.ts).
import { isAscii, isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { applyFileEdits, type FileEdits } from './fileEdits';
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

/** Text with its line count, as the editor counts lines (CRLF, CR and LF each end one). */
export interface EditorText {
  text: string;
  lineCount: number;
}

/**
 * The bytes (of an encoding where CR and LF are single bytes) with every line break `eol`: VS Code
 * makes a file's mixed line endings one kind (SIPp writes CRLF inside messages and LF around them),
 * and its text is the one the features' positions and cut-out calls must match. The breaks are
 * found with indexOf (memchr), and only those of the other kinds are rewritten.
 *
 * The file's bytes are `bytes` from `room` on; the bytes before them are free. The rewrite is made
 * in place, over the bytes it has read, whenever it fits (always for LF, which only drops bytes; for
 * CRLF when it adds at most `room`), so a big file is not held twice: the result may share `bytes`.
 */
export function withLineBreaks(bytes: Buffer, eol: '\n' | '\r\n', room = 0): { bytes: Buffer; lineCount: number } {
  const file = room === 0 ? bytes : bytes.subarray(room);
  // Every LF and the lone ones (no CR before them), every CR and the lone ones (no LF after them).
  let lfs = 0;
  let loneLfs = 0;
  for (let at = file.indexOf(10); at >= 0; at = file.indexOf(10, at + 1)) {
    lfs++;
    if (at === 0 || file[at - 1] !== 13) loneLfs++;
  }
  let crs = 0;
  let loneCrs = 0;
  for (let at = file.indexOf(13); at >= 0; at = file.indexOf(13, at + 1)) {
    crs++;
    if (file[at + 1] !== 10) loneCrs++;
  }
  const lineCount = lfs + loneCrs + 1;
  if (eol === '\n' ? crs === 0 : loneLfs + loneCrs === 0) return { bytes: file, lineCount };

  // CRLF loses its CR and a lone CR becomes an LF; or a CR goes in before a lone LF, an LF after a lone CR.
  const length = eol === '\n' ? file.length - (crs - loneCrs) : file.length + loneLfs + loneCrs;
  const inPlace = length <= file.length + room;
  const out = inPlace ? bytes : Buffer.allocUnsafeSlow(length);
  // Copies the file's bytes [from, to) to the output: within `bytes` the written part never
  // reaches the part still to be read (what is added is at most `room`).
  let written = 0;
  const copy = (from: number, to: number): void => {
    if (inPlace) bytes.copyWithin(written, room + from, room + to);
    else file.copy(out, written, from, to);
    written += to - from;
  };
  let at = 0;
  if (eol === '\n') {
    for (let cr = file.indexOf(13); cr >= 0; cr = file.indexOf(13, cr + 1)) {
      const lone = file[cr + 1] !== 10;
      copy(at, cr);
      if (lone) out[written++] = 10;
      at = cr + 1;
    }
  } else {
    let lf = file.indexOf(10);
    let cr = file.indexOf(13);
    while (lf >= 0 || cr >= 0) {
      if (cr < 0 || (lf >= 0 && lf < cr)) {
        // An LF before the next CR: lone, or the end of a CRLF already copied.
        if (lf === 0 || file[lf - 1] !== 13) {
          copy(at, lf);
          out[written++] = 13;
          at = lf;
        }
        lf = file.indexOf(10, lf + 1);
      } else {
        if (file[cr + 1] !== 10) {
          copy(at, cr + 1);
          out[written++] = 10;
          at = cr + 1;
        }
        cr = file.indexOf(13, cr + 1);
      }
    }
  }
  copy(at, file.length);
  return { bytes: inPlace ? bytes.subarray(0, written) : out, lineCount };
}

/** `text` with every line break `eol`, as VS Code holds it, and its line count. */
function textWithLineBreaks(text: string, eol: '\n' | '\r\n'): EditorText {
  const uniform = eol === '\n' ? !text.includes('\r') : !/\r(?!\n)|(?<!\r)\n/.test(text);
  const normalised = uniform ? text : text.replace(/\r\n|\r|\n/g, eol);
  let lineCount = 1;
  for (let at = normalised.indexOf('\n'); at >= 0; at = normalised.indexOf('\n', at + 1)) lineCount++;
  return { text: normalised, lineCount };
}

/** Whether the encoding's CR and LF are single bytes (their line breaks made uniform before decoding). */
function breaksAreBytes(encoding: string): boolean {
  return encoding !== 'utf16le' && encoding !== 'utf16be';
}

/**
 * The bytes decoded as the editor decoded them, with its line breaks; the file's bytes start at
 * `room` (free bytes before them let the line breaks be rewritten in place, see withLineBreaks).
 */
export function editorText(bytes: Buffer, encoding: string, eol: '\n' | '\r\n', room = 0): EditorText {
  // In UTF-16 a CR or LF byte is half a character: those are made uniform once decoded.
  if (!breaksAreBytes(encoding)) return textWithLineBreaks(decodeAs(room === 0 ? bytes : bytes.subarray(room), encoding), eol);
  const uniform = withLineBreaks(bytes, eol, room);
  return { text: decodeAs(uniform.bytes, encoding), lineCount: uniform.lineCount };
}

/** Throws unless the text (with the editor's line breaks) is as long as the editor's and has as many lines. */
export function checkText(text: EditorText, file: Pick<AnnouncedFile, 'length' | 'lineCount'>): void {
  if (text.text.length !== file.length) throw new FileMismatchError(`the file's text is ${text.text.length} characters, the editor's ${file.length}`);
  if (text.lineCount !== file.lineCount) throw new FileMismatchError(`the file has ${text.lineCount} lines, the editor's text ${file.lineCount}`);
}

/**
 * Reads the file (its bytes once), decodes and checks it, and applies the editor's changes since
 * it was announced; a FileMismatchError when the result is not the editor's text.
 */
export function readAnnouncedFile(file: AnnouncedFile, edits?: FileEdits): string {
  const fd = openSync(file.path, 'r');
  let bytes: Buffer;
  let room: number;
  try {
    const info = fstatSync(fd);
    if (info.size !== file.size) throw new FileMismatchError(`the file is ${info.size} bytes now, ${file.size} when opened`);
    // Within a millisecond: clients may read the time in whole milliseconds.
    if (Math.abs(info.mtimeMs - file.mtimeMs) >= 1) throw new FileMismatchError('the file was modified after it was opened');
    // Room before the bytes for the CRs that CRLF may add, one a line at most: the line breaks are
    // then rewritten in place, and the file is not held twice before it is decoded.
    room = file.eol === '\r\n' && breaksAreBytes(file.encoding) ? Math.min(Math.max(file.lineCount - 1, 0), info.size) : 0;
    bytes = Buffer.allocUnsafeSlow(room + info.size);
    for (let at = room; at < bytes.length; ) {
      const read = readSync(fd, bytes, at, bytes.length - at, at - room);
      if (read === 0) throw new FileMismatchError('the file got shorter while it was read');
      at += read;
    }
  } finally {
    closeSync(fd);
  }
  const text = editorText(bytes, file.encoding, file.eol, room);
  checkText(text, file);
  if (!edits || edits.changes.length === 0) return text.text;
  const edited = applyFileEdits(text.text, edits);
  if ('mismatch' in edited) throw new FileMismatchError(edited.mismatch);
  return edited.text;
}
