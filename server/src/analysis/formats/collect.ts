// Cutting one SIP message out of the trace, line by line, once a framing has told us where it
// starts. Every format uses this: it knows where the header block ends, how far the body runs
// (Content-Length), and when a line clearly belongs to something else. What it finds of a plain
// header block goes to the parser with the message (a HeaderIndex), so the lines are read once.
import { CONTENT_LENGTH_CODE, CONTENT_TYPE_CODE, MAX_HEADER_LINES, parsedHeaderCode } from '../message';
import type { HeaderIndex } from '../types';
import type { LineCursor } from './cursor';
import { headerNameEndAt, headerValueAt, isBlankRange, isHeaderLineAt, isSipStartLineAt, looksLikeLogLine } from './sipText';

/** What the splitter offers every reader. */
export interface SplitContext {
  readonly text: string;
  readonly cursor: LineCursor;
  /** True when the cursor's line is a marker line of any known framing. */
  isMarker(): boolean;
}

/**
 * Where the SIP content of the cursor's line starts (after a log prefix or indent), or -1 when
 * the line does not carry the framing's prefix and so belongs to something else.
 */
export type Strip = (c: LineCursor) => number;

export const NO_STRIP: Strip = (c) => c.start;

export interface ReadOptions {
  strip: Strip;
  /**
   * Bounded framings close each message explicitly (a closing line or the next marker): lines up
   * to the close belong to the message. Unbounded ones end with the body (by Content-Length).
   */
  bounded: boolean;
  /** The closing line of the framing, tested on the stripped content. */
  closer?: (text: string, at: number, end: number) => boolean;
  /** A closing mark that may follow the last body character on the same line (Kamailio). */
  closerSuffix?: string;
  /** The closing line only ends the message and is not part of its framing (ngrep's `#`). */
  closerOutside?: boolean;
  /** A line that ends the message and is left for the splitter (the next entry of a log). */
  stopBefore?: (text: string, at: number, end: number) => boolean;
  /** Line breaks were rewritten as bare LF by the logger: count each as CRLF for Content-Length. */
  lfConverted?: boolean;
  /** ngrep byline: a CR is shown as a trailing '.' on each line. */
  dotCr?: boolean;
  /** Blank lines allowed between the marker and the start line. */
  maxGap: number;
  /** The cursor already sits on the start line; this is where its SIP text begins. */
  startAt?: number;
  /**
   * The message runs to the line where this is true (or the end of the text), whatever it holds
   * before: a framing that writes messages exactly as they were, such as a capture rendered as
   * text, keeps a body with start-line or log-line look-alikes whole.
   */
  until?: (text: string, at: number, end: number) => boolean;
}

export interface ReadResult {
  startLine: number;
  startColumn: number;
  lastLine: number;
  text: string;
  /** The start line ended with CRLF (or its ngrep rendering). */
  crlf: boolean;
  /** The framing's closing line was seen. */
  closed: boolean;
  /** Header block terminated and the body as long as Content-Length says. */
  complete: boolean;
  /** File line of each line of `text`, when the text has lines the file does not (see FramedMessage). */
  lineMap?: number[];
  /** What was found of the header block, for the parser (see HeaderIndex), where it is plain. */
  headerIndex?: HeaderIndex;
}

// Scratch arrays reused for every message, so collecting does not allocate per line.
const segStart: number[] = [];
const segEnd: number[] = [];
const segTerm: string[] = [];
const segLine: number[] = [];
/**
 * Segments of the message being read. The arrays are overwritten, never emptied: setting an
 * array's length to 0 drops its storage, which would then be grown again for every message.
 */
let segCount = 0;

/**
 * The header lines of the message being read that the parser reads (code, colon, end; offsets
 * in the trace), for its HeaderIndex. Overwritten like the segments.
 */
const indexed: number[] = [];
let indexedCount = 0;

/**
 * Longest a header name with the white space after it may run for Content-Length and
 * Content-Type to be recognised here: what the framing has always read.
 */
const LENGTH_TYPE_NAME_LIMIT = 40;

function pushSegment(start: number, end: number, term: string, line: number): void {
  segStart[segCount] = start;
  segEnd[segCount] = end;
  segTerm[segCount] = term;
  segLine[segCount] = line;
  segCount++;
}

/**
 * Read one message. The cursor is on the first line after the marker (or on the start line when
 * `startAt` is given). On success the cursor is left on the first line after the message; when
 * no SIP start line follows, returns undefined and leaves the cursor where it was.
 */
export function readMessage(ctx: SplitContext, opts: ReadOptions): ReadResult | undefined {
  const c = ctx.cursor;
  const text = c.text;
  const entry = c.mark();

  let cs: number;
  let dot = false;
  if (opts.startAt !== undefined) {
    cs = opts.startAt;
    dot = !!opts.dotCr && endsWithDot(text, cs, c.end) && isSipStartLineAt(text, cs, c.end - 1);
  } else {
    let gap = 0;
    for (;;) {
      if (c.eof) return fail(c, entry);
      cs = opts.strip(c);
      if (cs < 0) return fail(c, entry);
      // ngrep's trailing '.' is a CR: `SIP/2.0 100 Trying.` is read as `SIP/2.0 100 Trying` + CR.
      if (opts.dotCr && endsWithDot(text, cs, c.end) && isSipStartLineAt(text, cs, c.end - 1)) {
        dot = true;
        break;
      }
      if (isSipStartLineAt(text, cs, c.end)) break;
      const blankish = isBlankRange(text, cs, c.end) || (opts.dotCr && c.end - cs === 1 && text.charCodeAt(cs) === 46);
      if (!blankish || ++gap > opts.maxGap) return fail(c, entry);
      c.advance();
    }
  }

  segCount = 0;
  const startLine = c.line;
  const startColumn = cs - c.lineStart;
  const crlf = dot || c.hasCrlf;
  const countCrlf = opts.lfConverted || !crlf;
  let natural = !dot;
  pushSegment(cs, dot ? c.end - 1 : c.end, dot ? '\r\n' : c.terminator, c.line);
  c.advance();

  let inHeaders = true;
  let headerEnd = -1;
  let contentLength: number | undefined;
  let sipfrag = false;
  let contentType = false;
  /** A blank line was put where the sender's was missing (a body straight after the headers). */
  let insertedBlank = -1;
  let consumed = 0;
  let blankAfterBody = false;
  let closed = false;
  let closerLine = -1;
  /** Every line of the header block so far is a plain `Name: value` line (see HeaderIndex). */
  let plainHeaders = true;
  indexedCount = 0;

  while (!c.eof) {
    const ls = opts.strip(c);
    if (ls < 0) break;
    let le = c.end;
    let term = c.terminator;
    if (dot && endsWithDot(text, ls, le)) {
      le--;
      term = '\r\n';
      natural = false;
    }
    if (opts.stopBefore && opts.stopBefore(text, ls, c.end)) {
      closed = true;
      break;
    }
    if (opts.closer && opts.closer(text, ls, c.end)) {
      closed = true;
      closerLine = c.line;
      c.advance();
      break;
    }
    if (opts.closerSuffix && le - ls > opts.closerSuffix.length && text.startsWith(opts.closerSuffix, le - opts.closerSuffix.length)) {
      // The body had no final line break: the closing mark follows it on the same line.
      pushSegment(ls, le - opts.closerSuffix.length, '', c.line);
      natural = false;
      closed = true;
      closerLine = c.line;
      c.advance();
      break;
    }
    if (opts.until) {
      if (opts.until(text, ls, c.end)) break;
    } else if (ctx.isMarker()) {
      break;
    }
    const blank = isBlankRange(text, ls, le);
    const whole = opts.until !== undefined;
    if (inHeaders) {
      if (blank) {
        headerEnd = segCount;
        inHeaders = false;
      } else {
        const ch = text.charCodeAt(ls);
        const nameEnd = ch === 32 || ch === 9 ? -1 : headerNameEndAt(text, ls, le);
        if (nameEnd >= 0) {
          let colon = nameEnd;
          while (text.charCodeAt(colon) !== 58) colon++;
          const code = parsedHeaderCode(text, ls, nameEnd);
          if (code !== 0) {
            indexed[indexedCount++] = code;
            indexed[indexedCount++] = colon;
            indexed[indexedCount++] = le;
            if (colon - ls <= LENGTH_TYPE_NAME_LIMIT) {
              if (code === CONTENT_LENGTH_CODE) {
                const v = parseInt(headerValueAt(text, ls, le), 10);
                if (Number.isFinite(v) && v >= 0) contentLength = v;
              } else if (code === CONTENT_TYPE_CODE) {
                contentType = true;
                if (headerValueAt(text, ls, le).toLowerCase().includes('sipfrag')) sipfrag = true;
              }
            }
          }
        } else {
          plainHeaders = false;
          if (ch === 32 || ch === 9) {
            // folded continuation of the previous header
          } else if (whole) {
            // A captured message is kept as it was captured, odd lines and all: nothing is repaired.
          } else if (isSipStartLineAt(text, ls, le) || looksLikeLogLine(text, ls, le)) {
            break;
          } else if (segCount > 1 && (contentType || (contentLength ?? 0) > 0) && isSdpLineAt(text, ls, le)) {
            // The body follows the headers with no blank line (Cisco debug output, careless pastes):
            // the blank line is put back, so the body is read as one.
            // (headerEnd is where the blank line would be: the body starts right after it)
            headerEnd = segCount - 1;
            insertedBlank = segCount;
            inHeaders = false;
            natural = false;
            consumed += le - ls + (countCrlf ? (term.length > 0 ? 2 : 0) : term.length);
            pushSegment(ls, le, term, c.line);
            c.advance();
            continue;
          } else if (segCount > 1 && (opts.bounded || nextLineContinuesHeaders(c))) {
            // A header hard-wrapped by a mail client: the rest of the value on a line of its own,
            // without the leading white space of a folded header. It is read as folded.
            segTerm[segCount - 1] = segTerm[segCount - 1] + ' ';
            natural = false;
          } else if (!opts.bounded) {
            break;
          }
        }
      }
      if (ls !== c.lineStart) natural = false;
      pushSegment(ls, le, term, c.line);
      c.advance();
      if (!inHeaders && !opts.bounded && contentLength === 0) break;
      continue;
    }
    // Body.
    const satisfied = contentLength !== undefined && consumed >= contentLength;
    if (whole) {
      if (!satisfied) consumed += le - ls + (countCrlf ? (term.length > 0 ? 2 : 0) : term.length);
    } else if (satisfied) {
      // Past Content-Length only text that runs straight on (a Content-Length that is too small)
      // still belongs to the message; after a blank line it is something else.
      if (blank) {
        if (!opts.bounded) break;
        blankAfterBody = true;
      } else if (!opts.bounded || blankAfterBody || looksLikeLogLine(text, ls, le) || isSipStartLineAt(text, ls, le)) {
        break;
      }
    } else {
      if (!sipfrag && isSipStartLineAt(text, ls, le)) break;
      if (looksLikeLogLine(text, ls, le)) break;
      if (contentLength === undefined && blank && !opts.bounded) break;
      consumed += le - ls + (countCrlf ? (term.length > 0 ? 2 : 0) : term.length);
    }
    if (ls !== c.lineStart) natural = false;
    pushSegment(ls, le, term, c.line);
    c.advance();
  }

  // Trailing blank lines after the body are the logger's, not the sender's.
  let count = segCount;
  while (count - 1 > headerEnd && headerEnd >= 0 && isBlankRange(text, segStart[count - 1]!, segEnd[count - 1]!)) count--;

  // A body that did not end with a line break gets one from the logger: drop it when
  // Content-Length shows the sender did not send it.
  let lastTerm = segTerm[count - 1]!;
  if (contentLength !== undefined && headerEnd >= 0 && count - 1 > headerEnd && !countCrlf && lastTerm.length > 0) {
    let bodyLen = 0;
    for (let i = headerEnd + 1; i < count; i++) bodyLen += segEnd[i]! - segStart[i]! + segTerm[i]!.length;
    if (bodyLen - lastTerm.length === contentLength) lastTerm = '';
  }

  let body: string;
  let lineMap: number[] | undefined;
  if (natural) {
    body = text.slice(segStart[0], segEnd[count - 1]! + lastTerm.length);
  } else {
    const parts: string[] = [];
    if (insertedBlank >= 0) lineMap = [];
    for (let i = 0; i < count; i++) {
      if (i === insertedBlank) {
        parts.push(segTerm[i - 1]!.length > 0 ? segTerm[i - 1]! : '\n');
        lineMap?.push(segLine[i]!);
      }
      parts.push(text.slice(segStart[i], segEnd[i]), i === count - 1 ? lastTerm : segTerm[i]!);
      lineMap?.push(segLine[i]!);
    }
    // The empty line after a final line break is a line of the text too.
    if (lineMap && lastTerm.length > 0) lineMap.push(segLine[count - 1]!);
    body = parts.join('');
  }
  const complete = headerEnd >= 0 && (contentLength === undefined || consumed >= contentLength);
  const lastLine = closed && closerLine >= 0 && !opts.closerOutside ? closerLine : segLine[count - 1]!;
  // Literals rather than a spread: the usual result is built in one allocation.
  if (lineMap) return { startLine, startColumn, lastLine, text: body, crlf, closed, complete, lineMap };
  // A block of more lines than the parser lists goes to its walk, which says so.
  if (natural && plainHeaders && headerEnd >= 0 && headerEnd <= MAX_HEADER_LINES) {
    const headerIndex = indexFor(body, headerEnd);
    if (headerIndex) return { startLine, startColumn, lastLine, text: body, crlf, closed, complete, headerIndex };
  }
  return { startLine, startColumn, lastLine, text: body, crlf, closed, complete };
}

/**
 * The HeaderIndex of the message just read, whose text `body` is the trace from its first
 * segment on, and whose header block of plain header lines ends at segment `headerEnd`; or
 * undefined when that segment is not an empty line ended by a line break, as the parser
 * wants one to end the block (a line of spaces would be a fold to it).
 */
function indexFor(body: string, headerEnd: number): HeaderIndex | undefined {
  const blankStart = segStart[headerEnd]!;
  const breakLength = segTerm[headerEnd]!.length;
  if (segEnd[headerEnd] !== blankStart || breakLength === 0 || segTerm[headerEnd] === '\r') return undefined;
  const base = segStart[0]!;
  const index = [body.length, blankStart - base, blankStart - base + breakLength];
  for (let k = 0; k < indexedCount; k += 3) index.push(indexed[k]!, indexed[k + 1]! - base, indexed[k + 2]! - base);
  return index;
}

/** `v=0` and the like: a line of an SDP body (a lower-case letter, then `=`). */
function isSdpLineAt(text: string, at: number, end: number): boolean {
  const c = text.charCodeAt(at);
  return end - at >= 2 && c >= 97 && c <= 122 && text.charCodeAt(at + 1) === 61;
}

/** The line after the cursor's is a header line or blank: the cursor's line sits inside the header block. */
function nextLineContinuesHeaders(c: LineCursor): boolean {
  const next = c.peekNext();
  if (!next) return false;
  return isBlankRange(c.text, next.start, next.end) || isHeaderLineAt(c.text, next.start, next.end);
}

function endsWithDot(text: string, at: number, end: number): boolean {
  return end > at && text.charCodeAt(end - 1) === 46;
}

function fail(c: LineCursor, entry: ReturnType<LineCursor['mark']>): undefined {
  c.restore(entry);
  return undefined;
}
