// ngrep / sipgrep. The marker `U 2013/07/19 22:17:34.920749 1.2.3.4:5060 -> 5.6.7.8:5060`
// (`T` for TCP, the time only with -t) is followed by the packet in one of three renderings,
// all of which print every non-printable byte — CR included — as '.':
//  - byline (-W byline): the packet's own lines, each CR showing as a trailing '.';
//  - single (-W single): the whole packet on the marker line, CRLF showing as '..';
//  - normal (default): the packet cut into fixed-width chunks, each indented by two spaces.
import type { Endpoint, TraceTime } from '../types';
import { NO_STRIP, readMessage } from './collect';
import { emit, type Emitter } from './emit';
import { execAt, NGREP_MARKER } from './markers';
import { isSipStartLineAt, isTokenChar } from './sipText';
import { datedTime, endpoint } from './values';

const WRAP_INDENT = 2;

export function readNgrep(ctx: Emitter, at: number): boolean {
  const c = ctx.cursor;
  const text = c.text;
  const m = execAt(NGREP_MARKER, text, at);
  if (!m) return false;
  const transport = m[1] === 'U' ? 'udp' : 'tcp';
  const time = m[2] ? datedTime(m[2], m[3]!, m[4]!, m[5]!, m[6]!, m[7]!, m[8]) : undefined;
  const src = endpoint(m[9]!, m[10], transport);
  const dst = endpoint(m[11]!, m[12], transport);
  const firstLine = c.line;

  if (m[13] === ' ') return readSingle(ctx, NGREP_MARKER.lastIndex, src, dst, time);

  c.advance();
  if (c.eof) return false;
  if (text.startsWith('  ', c.start) && text.charCodeAt(c.start + WRAP_INDENT) !== 32) {
    return readWrapped(ctx, firstLine, src, dst, time);
  }
  const res = readMessage(ctx, {
    strip: NO_STRIP,
    bounded: true,
    closer: (t, s, e) => e > s && isHashLine(t, s, e),
    closerOutside: true,
    dotCr: true,
    maxGap: 1,
  });
  if (!res) return false;
  emit(ctx, { format: 'ngrep', firstLine, direction: 'unknown', src, dst, time, keepsBytes: true }, res);
  return true;
}

function isHashLine(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (text.charCodeAt(i) !== 35) return false;
  return true;
}

function readSingle(ctx: Emitter, payload: number, src: Endpoint, dst: Endpoint, time: TraceTime | undefined): boolean {
  const c = ctx.cursor;
  const un = unfoldDots(c.text.slice(payload, c.end));
  if (!startsWithStartLine(un.text)) return false;
  const line = c.line;
  ctx.messages.push({
    format: 'ngrep',
    firstLine: line,
    startLine: line,
    startColumn: payload - c.lineStart,
    lastLine: line,
    text: un.text,
    lineMap: un.starts.map(() => line),
    direction: 'unknown',
    src,
    dst,
    ...(time ? { time } : {}),
    bytesIntact: false,
  });
  c.advance();
  return true;
}

function readWrapped(ctx: Emitter, firstLine: number, src: Endpoint, dst: Endpoint, time: TraceTime | undefined): boolean {
  const c = ctx.cursor;
  const text = c.text;
  if (!isSipStartPrefix(text, c.start + WRAP_INDENT, c.end)) return false;
  const parts: string[] = [];
  const chunkLine: number[] = [];
  const chunkOffset: number[] = [];
  let total = 0;
  const startLine = c.line;
  let lastLine = c.line;
  while (!c.eof && c.end - c.start > WRAP_INDENT && text.startsWith('  ', c.start)) {
    const chunk = text.slice(c.start + WRAP_INDENT, c.end);
    chunkLine.push(c.line);
    chunkOffset.push(total);
    parts.push(chunk);
    total += chunk.length;
    lastLine = c.line;
    c.advance();
  }
  const un = unfoldDots(parts.join(''));
  let k = 0;
  const lineMap = un.starts.map((off) => {
    while (k + 1 < chunkOffset.length && chunkOffset[k + 1]! <= off) k++;
    return chunkLine[k]!;
  });
  ctx.messages.push({
    format: 'ngrep',
    firstLine,
    startLine,
    startColumn: WRAP_INDENT,
    lastLine,
    text: un.text,
    lineMap,
    direction: 'unknown',
    src,
    dst,
    ...(time ? { time } : {}),
    bytesIntact: false,
  });
  return true;
}

/** The first chunk of a wrapped packet may cut the start line short: check its beginning only. */
function isSipStartPrefix(text: string, at: number, end: number): boolean {
  if (text.startsWith('SIP/2.0 ', at)) return true;
  let i = at;
  while (i < end && text.charCodeAt(i) >= 65 && text.charCodeAt(i) <= 90) i++;
  return i > at && i < end && text.charCodeAt(i) === 32 && i - at <= 20;
}

function startsWithStartLine(s: string): boolean {
  const nl = s.indexOf('\r\n');
  return isSipStartLineAt(s, 0, nl < 0 ? s.length : nl);
}

export interface Unfolded {
  text: string;
  /** For each line of `text` (as `text.split('\n')` counts them), its offset in the input. */
  starts: number[];
}

/**
 * Turn ngrep's dotted rendering back into lines. A run of dots is some literal dots followed by
 * line breaks (two dots each); where the split is ambiguous, what follows decides: in the header
 * block, a run before another header is one break (`wait...` + CRLF keeps its dots), a run before
 * anything else ends the block with two breaks, and `a..b` inside a value stays as it is. In the
 * body, every pair of dots is a break.
 */
export function unfoldDots(s: string): Unfolded {
  const out: string[] = [];
  const starts: number[] = [0];
  let inHeaders = true;
  let segStart = 0;
  let i = 0;
  const n = s.length;
  while (i < n) {
    if (s.charCodeAt(i) !== 46) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && s.charCodeAt(j) === 46) j++;
    const run = j - i;
    let breaks = 0;
    if (run >= 2) {
      if (!inHeaders || j >= n) breaks = run >> 1;
      else if (plausibleHeaderStart(s, j)) breaks = 1;
      else if (run >= 4) breaks = 2;
    }
    if (breaks > 0) {
      const literalEnd = j - 2 * breaks;
      out.push(s.slice(segStart, literalEnd));
      for (let b = 1; b <= breaks; b++) {
        out.push('\r\n');
        starts.push(literalEnd + 2 * b);
      }
      if (breaks >= 2) inHeaders = false;
      segStart = j;
    }
    i = j;
  }
  out.push(s.slice(segStart));
  return { text: out.join(''), starts };
}

function plausibleHeaderStart(s: string, at: number): boolean {
  const c = s.charCodeAt(at);
  if (c === 32 || c === 9) return true;
  let i = at;
  const limit = Math.min(s.length, at + 64);
  while (i < limit && isTokenChar(s.charCodeAt(i)) && s.charCodeAt(i) !== 46) i++;
  if (i === at) return false;
  while (i < limit && s.charCodeAt(i) === 32) i++;
  return s.charCodeAt(i) === 58;
}
