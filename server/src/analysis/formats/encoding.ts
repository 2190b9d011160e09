// Refuse input that is not a text trace before any splitting: binary files would only produce
// garbage messages, and UTF-16 text needs re-decoding first. Packet captures are read by
// capture/, from their bytes; one that reaches the text path gets a notice saying so.
import type { TraceNotice } from '../types';

const SAMPLE_CHARS = 65_536;

export const BINARY_MESSAGE =
  'This is a binary packet capture (pcap/pcapng) read as text: open the file itself with SIP Lens, or run ' +
  '`sip-lens summary FILE` or `sip-lens text FILE` (which renders its SIP as a text trace)';

const OTHER_BINARY_MESSAGE =
  'This file looks binary: it is neither a text trace nor a packet capture SIP Lens reads';

const UTF16_MESSAGE =
  'This file looks like UTF-16 text. Save it as UTF-8 (e.g. `iconv -f UTF-16 -t UTF-8 file > file.txt`) to read it';

/** pcap / pcapng magic numbers as they appear when bytes are decoded as Latin-1. */
const CAPTURE_MAGICS = ['\xd4\xc3\xb2\xa1', '\xa1\xb2\xc3\xd4', '\x4d\x3c\xb2\xa1', '\xa1\xb2\x3c\x4d', '\x0a\x0d\x0d\x0a'];

export interface EncodingCheck {
  /** Offset where text starts (after a UTF-8 byte order mark). */
  offset: number;
  notice?: TraceNotice;
}

export function checkEncoding(text: string): EncodingCheck {
  if (text.length === 0) return { offset: 0 };
  // UTF-8 BOM decoded as UTF-8 (U+FEFF) or as Latin-1 (ï»¿).
  if (text.charCodeAt(0) === 0xfeff) return { offset: 1 };
  if (text.startsWith('\xef\xbb\xbf')) return { offset: 3 };
  // UTF-16 BOM decoded as Latin-1 (ÿþ / þÿ) or as UTF-8 replacement characters.
  if (text.startsWith('\xff\xfe') || text.startsWith('\xfe\xff') || text.startsWith('\ufffd\ufffd')) {
    if (looksUtf16(text, 2) || text.length < 4) return { offset: 0, notice: { kind: 'encoding', message: UTF16_MESSAGE } };
  }
  const head = text.slice(0, 4);
  for (const magic of CAPTURE_MAGICS) {
    if (head === magic) return { offset: 0, notice: { kind: 'binary', message: BINARY_MESSAGE } };
  }
  if (looksUtf16(text, 0)) return { offset: 0, notice: { kind: 'encoding', message: UTF16_MESSAGE } };

  const n = Math.min(text.length, SAMPLE_CHARS);
  let nul = 0;
  let control = 0;
  let replacement = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 32) {
      if (c === 0) nul++;
      // TAB, LF, VT, FF, CR and ESC (colour codes) are normal in console logs.
      else if (c !== 9 && c !== 10 && c !== 11 && c !== 12 && c !== 13 && c !== 27) control++;
    } else if (c === 0xfffd) replacement++;
  }
  // A crash can leave a block of NULs in a text log, so a few are tolerated.
  if (nul / n > 0.05 || (nul + control) / n > 0.1 || (nul > 0 && replacement / n > 0.1)) {
    const capture = /^\ufffd|^[\xa1\xd4\x4d\x0a]/.test(text) ? BINARY_MESSAGE : OTHER_BINARY_MESSAGE;
    return { offset: 0, notice: { kind: 'binary', message: capture } };
  }
  return { offset: 0 };
}

/** NUL in every other position: UTF-16 text read as 8-bit. */
function looksUtf16(text: string, from: number): boolean {
  const n = Math.min(text.length, from + 4096);
  if (n - from < 8) return false;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = from; i < n; i++) {
    if (text.charCodeAt(i) === 0) {
      if ((i - from) % 2 === 0) evenNul++;
      else oddNul++;
    }
  }
  const half = (n - from) / 2;
  return (oddNul > half * 0.6 && evenNul < half * 0.1) || (evenNul > half * 0.6 && oddNul < half * 0.1);
}
