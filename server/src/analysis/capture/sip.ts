// Recognising SIP by content, on any port, and finding where each message ends in a byte stream
// (TCP, WebSocket-less streams): the header block ends at the first empty line, the body runs for
// Content-Length bytes (the long or compact `l` form).

const MAX_METHOD = 24;
/** A start line longer than this is not looked for: SIP request lines are short. */
const MAX_START_LINE = 8192;
/** A header block that has not ended after this many bytes is not SIP (or is broken beyond use). */
export const MAX_HEADER_BLOCK = 65536;

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

/** `SIP/2.0 ` followed by a three-digit status. */
function isStatusLine(d: Uint8Array, at: number, end: number): boolean {
  return (
    at + 11 < end &&
    d[at] === 83 && d[at + 1] === 73 && d[at + 2] === 80 && d[at + 3] === 47 && d[at + 4] === 50 &&
    d[at + 5] === 46 && d[at + 6] === 48 && d[at + 7] === 32 &&
    d[at + 8]! >= 48 && d[at + 8]! <= 57 && d[at + 9]! >= 48 && d[at + 9]! <= 57 && d[at + 10]! >= 48 && d[at + 10]! <= 57
  );
}

/**
 * Is there a SIP start line at `at`: `SIP/2.0 NNN …` or `METHOD uri SIP/2.0`? Checks the first
 * byte before anything else, so RTP and other binary payloads are turned away at once.
 */
export function isSipStart(d: Uint8Array, at: number, end: number): boolean {
  if (at >= end || !isUpper(d[at]!)) return false;
  if (d[at] === 83 && isStatusLine(d, at, end)) return true;
  let i = at + 1;
  const methodEnd = Math.min(end, at + MAX_METHOD);
  while (i < methodEnd && (isUpper(d[i]!) || d[i] === 45 || d[i] === 95)) i++;
  if (i >= end || d[i] !== 32) return false;
  const limit = Math.min(end, at + MAX_START_LINE);
  let lf = i;
  while (lf < limit && d[lf] !== 10) lf++;
  // A datagram may end without a line break after a bare start line.
  let e = lf;
  if (e > at && d[e - 1] === 13) e--;
  return e - at >= 10 && endsWithSipVersion(d, e);
}

function endsWithSipVersion(d: Uint8Array, e: number): boolean {
  // ` SIP/2.0` just before the line end.
  return d[e - 8] === 32 && d[e - 7] === 83 && d[e - 6] === 73 && d[e - 5] === 80 && d[e - 4] === 47 && d[e - 3] === 50 && d[e - 2] === 46 && d[e - 1] === 48;
}

/**
 * Offset of the first SIP start line that begins a line at or after `from`, or -1. Used where a
 * stream is joined mid-way (capture started late, or a gap): whatever comes before is skipped.
 */
export function findSipStart(d: Uint8Array, from: number, end: number): number {
  let at = from;
  while (at < end) {
    if ((at === from || d[at - 1] === 10) && isSipStart(d, at, end)) return at;
    const next = indexOfByte(d, 10, at, end);
    if (next < 0) return -1;
    at = next + 1;
  }
  return -1;
}

function indexOfByte(d: Uint8Array, byte: number, from: number, end: number): number {
  const i = d.indexOf(byte, from);
  return i < 0 || i >= end ? -1 : i;
}

export interface MessageExtent {
  /** Offset just past the message; -1 while the header block or body is incomplete. */
  end: number;
  /** Offset just past the header block (its empty line), or -1 when not seen yet. */
  headerEnd: number;
  /** Bytes the whole message takes from its start, once the header block is complete; else -1. */
  needed: number;
  /** While the header block is incomplete: where the next unread line starts, to resume there. */
  resumeAt: number;
  /** The Content-Length seen so far (0 when none), to resume with. */
  contentLength: number;
}

const extent: MessageExtent = { end: -1, headerEnd: -1, needed: -1, resumeAt: 0, contentLength: 0 };

/**
 * How far the SIP message starting at `at` runs in `d[at..end)`. The returned object is reused
 * between calls. A message without Content-Length ends with its header block. A stream that
 * grows a little at a time resumes the header scan where the last call stopped (`from` and
 * `contentLength` from its answer), so a long header block is not read again and again.
 */
export function messageExtent(d: Uint8Array, at: number, end: number, from = at, contentLength = 0): MessageExtent {
  extent.end = -1;
  extent.headerEnd = -1;
  extent.needed = -1;
  let line = Math.max(from, at);
  const limit = Math.min(end, at + MAX_HEADER_BLOCK);
  while (line < limit) {
    const lf = indexOfByte(d, 10, line, limit);
    if (lf < 0) break;
    const lineEnd = lf > line && d[lf - 1] === 13 ? lf - 1 : lf;
    if (lineEnd === line) {
      extent.headerEnd = lf + 1;
      const total = lf + 1 + contentLength;
      extent.needed = total - at;
      if (total <= end) extent.end = total;
      return extent;
    }
    if (line > at) {
      const length = contentLengthOf(d, line, lineEnd);
      if (length >= 0) contentLength = length;
    }
    line = lf + 1;
  }
  extent.resumeAt = line;
  extent.contentLength = contentLength;
  return extent;
}

/** The value of a `Content-Length:` / `l:` header line, or -1 for any other line. */
function contentLengthOf(d: Uint8Array, at: number, end: number): number {
  const c = d[at]! | 0x20;
  let i: number;
  if (c === 108 /* l */) {
    i = at + 1;
  } else if (c === 99 /* c */ && end - at > 14 && matchesLower(d, at, 'content-length')) {
    i = at + 14;
  } else {
    return -1;
  }
  while (i < end && (d[i] === 32 || d[i] === 9)) i++;
  if (d[i] !== 58 /* : */) return -1;
  i++;
  while (i < end && (d[i] === 32 || d[i] === 9)) i++;
  let value = 0;
  let digits = 0;
  while (i < end && d[i]! >= 48 && d[i]! <= 57 && digits < 9) {
    value = value * 10 + d[i]! - 48;
    i++;
    digits++;
  }
  return digits > 0 ? value : -1;
}

function matchesLower(d: Uint8Array, at: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) if ((d[at + i]! | 0x20) !== word.charCodeAt(i) && d[at + i] !== word.charCodeAt(i)) return false;
  return true;
}
