// Cisco IOS / CUBE `debug ccsip messages` (and `debug ccsip all`, which interleaves other debug
// lines). Every debug line starts with the router's stamp — `*Mar  1 00:10:24.123: `, with a
// syslog sequence number `001756: Oct  9 15:37:24.577: `, or uptime `00:11:29: ` — and a
// message is announced by `//-1/xxxxxxxxxxxx/SIP/Msg/ccsipDisplayMsg:` then `Received:` or
// `Sent:` on a line of its own (older releases: `<stamp>: Received: `). The message follows with
// no blank line before its body; the next stamped line ends it. No peer address is printed.
import type { TraceTime } from '../types';
import { NO_STRIP, readMessage } from './collect';
import type { LineCursor } from './cursor';
import { emit, type Emitter } from './emit';
import { monthStampClock, monthStampEnd } from './prefixes';
import { indexInLine } from './sipText';
import { timeOfDay } from './values';

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export interface CiscoStamp {
  /** End of the stamp and its `: ` (where the debug text starts). */
  end: number;
  time?: TraceTime;
}

/**
 * The stamp a Cisco debug line starts with: optional `*` / `.` (clock not in sync), optional
 * sequence number `001756: `, then `Mon dd hh:mm:ss[.mmm]` or uptime `hh:mm:ss` / `1d02h`,
 * then `: `. Undefined when the line has none.
 */
export function ciscoStampAt(text: string, at: number, end: number): CiscoStamp | undefined {
  let i = at;
  const c0 = text.charCodeAt(i);
  if (c0 === 42 || c0 === 46) i++;
  // sequence number
  if (isDigit(text.charCodeAt(i))) {
    let j = i;
    while (j < end && isDigit(text.charCodeAt(j))) j++;
    if (j - i >= 3 && text.charCodeAt(j) === 58 && text.charCodeAt(j + 1) === 32) i = j + 2;
    const c1 = text.charCodeAt(i);
    if (c1 === 42 || c1 === 46) i++;
  }
  const m = monthStampEnd(text, i, end);
  if (m >= 0) {
    if (text.charCodeAt(m) !== 58 || text.charCodeAt(m + 1) !== 32) return undefined;
    const clock = monthStampClock(text, i);
    const frac = m > clock + 9 ? text.slice(clock + 9, m) : undefined;
    const time = timeOfDay(text.slice(clock, clock + 2), text.slice(clock + 3, clock + 5), text.slice(clock + 6, clock + 8), frac);
    if (!frac) time.wholeSeconds = true;
    return { end: m + 2, time };
  }
  // uptime: hh:mm:ss
  if (
    isDigit(text.charCodeAt(i)) &&
    isDigit(text.charCodeAt(i + 1)) &&
    text.charCodeAt(i + 2) === 58 &&
    text.charCodeAt(i + 5) === 58 &&
    text.charCodeAt(i + 8) === 58 &&
    text.charCodeAt(i + 9) === 32
  ) {
    const time = timeOfDay(text.slice(i, i + 2), text.slice(i + 3, i + 5), text.slice(i + 6, i + 8));
    time.wholeSeconds = true;
    return { end: i + 10, time };
  }
  // uptime beyond a day (`1d02h: `, `2w3d: `) carries no usable clock
  return uptimeUnitsEnd(text, i, end);
}

/** `1d02h: ` / `2w3d: `: digits, a unit letter, digits, a unit letter, `: `. */
function uptimeUnitsEnd(text: string, at: number, end: number): CiscoStamp | undefined {
  let i = at;
  for (let part = 0; part < 2; part++) {
    const digits = i;
    while (i < end && i - digits < 3 && isDigit(text.charCodeAt(i))) i++;
    if (i === digits) return undefined;
    const unit = text.charCodeAt(i);
    if (unit !== 119 && unit !== 100 && unit !== 104 && unit !== 109) return undefined;
    i++;
  }
  return text.charCodeAt(i) === 58 && text.charCodeAt(i + 1) === 32 ? { end: i + 2 } : undefined;
}

const DISPLAY_MSG = '/SIP/Msg/ccsipDisplayMsg:';

type CiscoDirection = 'received' | 'sent';

function directionWordAt(text: string, at: number, end: number): CiscoDirection | undefined {
  let e = end;
  while (e > at && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9)) e--;
  if (e - at === 9 && text.startsWith('Received:', at)) return 'received';
  if (e - at === 5 && text.startsWith('Sent:', at)) return 'sent';
  return undefined;
}

/** `//-1/xxxxxxxxxxxx/SIP/Msg/ccsipDisplayMsg:` (or `Received:` / `Sent:`) at `at`. */
function isAnnouncementAt(text: string, at: number, end: number): boolean {
  if (text.charCodeAt(at) === 47) {
    let e = end;
    while (e > at && text.charCodeAt(e - 1) === 32) e--;
    return text.charCodeAt(at + 1) === 47 && e - at > DISPLAY_MSG.length && text.startsWith(DISPLAY_MSG, e - DISPLAY_MSG.length);
  }
  return directionWordAt(text, at, end) !== undefined;
}

/** True when a Cisco message announcement starts the line at `at` (with or without a stamp). */
export function isCiscoMarkerAt(c: LineCursor, at: number): boolean {
  const text = c.text;
  const first = text.charCodeAt(at);
  if (first === 47) return isAnnouncementAt(text, at, c.end);
  if (first !== 42 && first !== 46 && !isDigit(first) && !(first >= 65 && first <= 90)) return false;
  const stamp = ciscoStampAt(text, at, c.end);
  return stamp !== undefined && isAnnouncementAt(text, stamp.end, c.end);
}

/** A stamped debug line (or an unstamped announcement) ends the message before it. */
function isDebugLine(text: string, at: number, end: number): boolean {
  const first = text.charCodeAt(at);
  if (first === 47) return text.charCodeAt(at + 1) === 47 && indexInLine(text, '/', at + 2, end) > 0;
  if (first !== 42 && first !== 46 && !isDigit(first) && !(first >= 65 && first <= 90)) return false;
  return ciscoStampAt(text, at, end) !== undefined;
}

export function readCisco(ctx: Emitter, at: number): boolean {
  const c = ctx.cursor;
  const text = c.text;
  const firstLine = c.line;
  const stamp = text.charCodeAt(at) === 47 ? undefined : ciscoStampAt(text, at, c.end);
  const content = stamp ? stamp.end : at;
  let direction = directionWordAt(text, content, c.end);
  c.advance();
  if (!direction) {
    if (c.eof) return false;
    direction = directionWordAt(text, c.start, c.end);
    if (!direction) return false;
    c.advance();
  }
  const res = readMessage(ctx, {
    strip: NO_STRIP,
    bounded: true,
    stopBefore: isDebugLine,
    lfConverted: true,
    maxGap: 1,
  });
  if (!res) return false;
  emit(ctx, { format: 'cisco-ccsip', firstLine, direction, time: stamp?.time, keepsBytes: false }, res);
  return true;
}
