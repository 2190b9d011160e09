// Turning the bytes of a trace file into text the analysis can scan.
//
// Big traces are read from disk (the CLI, and files VS Code does not send to extensions).
// Decoding 100 MB as UTF-8 costs several times a line scan, so the bytes are decoded as
// Latin-1 (one char per byte, very cheap) and only the strings kept for output are re-decoded
// as UTF-8 afterwards. SIP framing is ASCII, so scanning Latin-1 text finds the same messages.
import { formatMegabytes, t } from './l10n';
import { constants, isUtf8 } from 'node:buffer';
import { checkEncoding } from './formats/encoding';
import type { TraceNotice } from './types';

export interface DecodedTrace {
  text: string;
  /** Present when `text` is Latin-1 decoded bytes: turns a kept substring into proper text. */
  redecode?: (latin1: string) => string;
  notices: TraceNotice[];
  /**
   * True when the bytes cannot be read as a trace — not text at all, or more text than one string
   * can hold; `notices[0]` says which. The analysis should not look for messages.
   */
  unreadable: boolean;
}

/** Re-decodes a Latin-1 string as UTF-8 where its bytes are valid UTF-8; keeps it otherwise. */
export function redecodeUtf8(latin1: string): string {
  for (let i = 0; i < latin1.length; i++) {
    if (latin1.charCodeAt(i) > 0x7f) {
      const bytes = Buffer.from(latin1, 'latin1');
      return isUtf8(bytes) ? bytes.toString('utf8') : latin1;
    }
  }
  return latin1;
}

function utf16Notice(bytes: Buffer, maxLength: number): { text: string; notice: TraceNotice } | 'too-large' | undefined {
  const le = bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe;
  const be = bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff;
  // Without a BOM, UTF-16 shows as a NUL after (LE) or before (BE) every ASCII byte.
  const leNoBom = !le && !be && bytes.length >= 4 && bytes[1] === 0 && bytes[3] === 0 && bytes[0] !== 0;
  const beNoBom = !le && !be && bytes.length >= 4 && bytes[0] === 0 && bytes[2] === 0 && bytes[1] !== 0;
  if (!le && !be && !leNoBom && !beNoBom) return undefined;
  let body = bytes.subarray(le || be ? 2 : 0);
  if (body.length / 2 > maxLength) return 'too-large';
  if (be || beNoBom) {
    const swapped = Buffer.from(body.subarray(0, body.length - (body.length % 2)));
    swapped.swap16();
    body = swapped;
  }
  return {
    text: body.toString('utf16le'),
    notice: { kind: 'encoding', message: t('This file is UTF-16 encoded; it was read as UTF-16.') },
  };
}

/**
 * The most characters a string can have (V8's limit, about 512 MB of text): a longer text cannot
 * be decoded at all, so such a file is turned down with a notice rather than left to throw.
 */
const MAX_TEXT_LENGTH = constants.MAX_STRING_LENGTH;

/** How much of a file too big to decode is looked at to tell text from binary. */
const SAMPLE_BYTES = 1 << 20;

function tooLarge(bytes: Buffer, maxLength: number): DecodedTrace {
  const sample = checkEncoding(bytes.toString('latin1', 0, Math.min(bytes.length, SAMPLE_BYTES)));
  if (sample.notice?.kind === 'binary') return { text: '', notices: [sample.notice], unreadable: true };
  const message = t(
    'This file is {0} MB: more text than SIP Lens can hold at once ({1} MB). Split it at line ends (e.g. `split -C 400M FILE part-`) and open the parts',
    formatMegabytes(bytes.length),
    formatMegabytes(maxLength),
  );
  return { text: '', notices: [{ kind: 'too-large', message }], unreadable: true };
}

/**
 * Decodes trace bytes, spotting binary captures, UTF-16 and text too big to hold; never throws.
 * `maxLength` is the longest text read (tests give a small one rather than half a gigabyte).
 */
export function decodeTraceBytes(bytes: Buffer, maxLength = MAX_TEXT_LENGTH): DecodedTrace {
  const utf16 = utf16Notice(bytes, maxLength);
  if (utf16 === 'too-large') return tooLarge(bytes, maxLength);
  if (utf16) return { text: utf16.text, notices: [utf16.notice], unreadable: false };
  // Latin-1 keeps every byte as one char, so the splitter's own check sees the bytes as they are.
  // Dropping a UTF-8 byte order mark shifts no line numbers.
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (bytes.length - (bom ? 3 : 0) > maxLength) return tooLarge(bytes, maxLength);
  const text = bytes.toString('latin1', bom ? 3 : 0);
  const check = checkEncoding(text);
  if (check.notice?.kind === 'binary') return { text: '', notices: [check.notice], unreadable: true };
  return { text, redecode: redecodeUtf8, notices: [], unreadable: false };
}
