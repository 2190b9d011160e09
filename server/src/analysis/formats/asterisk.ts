// Asterisk: the pjsip logger (`<--- Received SIP request (N bytes) from UDP:… --->`) and
// chan_sip debug (`<--- SIP read from …` / `Transmitting (no NAT) to …`), with or without the
// `[Mar 30 13:35:40] VERBOSE[123] ` prefix the log file puts before console lines.
import type { TraceTime } from '../types';
import type { LineCursor } from './cursor';
import { readMessage, type Strip } from './collect';
import { emit, peerFacts, type Emitter } from './emit';
import {
  asteriskPrefixEnd,
  asteriskPrefixMatch,
  CHANSIP_ARROW_CLOSE,
  CHANSIP_DASH_CLOSE,
  CHANSIP_READ,
  CHANSIP_SUMMARY,
  CHANSIP_TX,
  execAt,
  markerMatch,
  PJSIP_MARKER,
  testAt,
  type MarkerKind,
} from './markers';
import { datedTime, endpoint, timeOfDay } from './values';

interface Prefix {
  end: number;
  level: string;
  time: TraceTime;
}

/** The log prefix at `at`; `c`, where given, may already have matched it (asteriskPrefixEnd). */
function readPrefix(text: string, at: number, c?: LineCursor): Prefix | undefined {
  if (text.charCodeAt(at) !== 91) return undefined;
  const found = asteriskPrefixMatch(text, at, c);
  if (!found) return undefined;
  const m = found.match;
  const time = m[1] ? datedTime(m[1], m[2]!, m[3]!, m[4]!, m[5]!, m[6]!, m[7]) : timeOfDay(m[4]!, m[5]!, m[6]!, m[7]);
  if (m[7] === undefined) time.wholeSeconds = true;
  return { end: found.end, level: m[8]!, time };
}

/** A log prefix with nothing after it on the line before `lineStart`. */
function prefixAlone(text: string, lineStart: number): Prefix | undefined {
  if (lineStart === 0) return undefined;
  let end = lineStart - 1;
  if (end > 0 && text.charCodeAt(end - 1) === 13) end--;
  const start = text.lastIndexOf('\n', lineStart - 2) + 1;
  if (text.charCodeAt(start) !== 91) return undefined;
  const p = readPrefix(text, start);
  return p && p.end >= end ? p : undefined;
}

/**
 * Lines of the message may repeat the prefix (then it is removed) or not; a prefixed line of
 * another level (NOTICE, WARNING …) is a different log entry and ends the message.
 */
function asteriskStrip(level: string): Strip {
  return (c: LineCursor) => {
    const text = c.text;
    if (text.charCodeAt(c.start) !== 91) return c.start;
    // Through the cursor's memory: a prefixed line that ends the message is the next one's.
    if (asteriskPrefixEnd(c, c.start) < 0) return c.start;
    const found = asteriskPrefixMatch(text, c.start, c)!;
    const m = found.match;
    return m[8] === level || m[8] === 'VERBOSE' ? found.end : -1;
  };
}

export const asteriskVerboseStrip = asteriskStrip('VERBOSE');

/** The log prefix at the start of the line, if it is one, for raw messages under a prefix. */
export function asteriskPrefixTime(text: string, at: number): TraceTime | undefined {
  return readPrefix(text, at)?.time;
}

/**
 * `lineStart` is where the line begins (and the prefix, if any); `at` is where the marker
 * begins.
 */
export function readAsterisk(ctx: Emitter, kind: MarkerKind, lineStart: number, at: number): boolean {
  const c = ctx.cursor;
  const text = c.text;
  // chan_sip starts its debug text with a line break, so the log prefix can stand alone on the
  // line before the marker.
  const prefix = at > lineStart ? readPrefix(text, lineStart, c) : prefixAlone(text, lineStart);
  const strip = asteriskStrip(prefix?.level ?? 'VERBOSE');
  const firstLine = c.line;
  const time = prefix?.time;

  if (kind === 'pjsip') {
    const m = markerMatch(c, PJSIP_MARKER, at);
    if (!m) return false;
    c.advance();
    const res = readMessage(ctx, { strip, bounded: false, maxGap: 1 });
    if (!res) return false;
    const direction = m[1] === 'Received' ? 'received' : 'sent';
    emit(ctx, {
      format: 'asterisk-pjsip',
      firstLine,
      direction,
      ...peerFacts(direction, endpoint(m[4]!, m[5], m[3])),
      time,
      announcedBytes: Number(m[2]),
      keepsBytes: true,
    }, res);
    return true;
  }

  const read = kind === 'chansip-read';
  const m = execAt(read ? CHANSIP_READ : CHANSIP_TX, text, at);
  if (!m) return false;
  const peer = read ? endpoint(m[2]!, m[3], m[1]) : endpoint(m[3]!, m[4], m[2]);
  const arrow = read || m[1] !== undefined;
  c.advance();
  const closer = arrow
    ? (t: string, s: number) => t.charCodeAt(s) === 60 && testAt(CHANSIP_ARROW_CLOSE, t, s)
    : (t: string, s: number) => t.charCodeAt(s) === 45 && testAt(CHANSIP_DASH_CLOSE, t, s);
  const res = readMessage(ctx, { strip, bounded: true, closer, maxGap: 1 });
  if (!res) return false;
  let lastLine = res.lastLine;
  // `--- (12 headers 11 lines) ---` after a received message is part of its framing.
  if (res.closed && !c.eof) {
    const s = strip(c);
    if (s >= 0 && testAt(CHANSIP_SUMMARY, text, s)) {
      lastLine = c.line;
      c.advance();
    }
  }
  const direction = read ? 'received' : 'sent';
  emit(ctx, {
    format: 'asterisk-chan-sip',
    firstLine,
    direction,
    ...peerFacts(direction, peer),
    time,
    keepsBytes: true,
  }, res, lastLine);
  return true;
}
