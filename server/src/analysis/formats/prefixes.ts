// Per-line prefixes that loggers and pasting put before every line of a trace: a time stamp,
// a syslog header, comment markers (`// `, `# `), e-mail quoting (`> `) or an Android logcat
// header. When a marker or a SIP start line sits behind one, the same kind of prefix is removed
// from every line of that message (the cursor does it, see LineCursor.setPrefix), so each framing
// reads its messages unchanged while lines and columns still refer to the file.
//
// Everything here is hand-written character tests: these run on lines that are not markers
// themselves, so they must cost next to nothing on the lines they reject.
import type { TraceTime } from '../types';
import type { LinePrefix } from './cursor';
import { indexInLine } from './sipText';
import { datedTime, timeOfDay } from './values';

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

function digitsAt(text: string, at: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (!isDigit(text.charCodeAt(at + i))) return false;
  return true;
}

/** `HH:MM:SS` at `at`. */
function clockAt(text: string, at: number): boolean {
  return (
    digitsAt(text, at, 2) && text.charCodeAt(at + 2) === 58 && digitsAt(text, at + 3, 2) && text.charCodeAt(at + 5) === 58 && digitsAt(text, at + 6, 2)
  );
}

/** End of a `.123` / `,123` fraction at `at` (or `at` when there is none). */
function fractionEnd(text: string, at: number, end: number): number {
  const c = text.charCodeAt(at);
  if (c !== 46 && c !== 44) return at;
  let i = at + 1;
  while (i < end && isDigit(text.charCodeAt(i))) i++;
  return i > at + 1 ? i : at;
}

/** End of a `Z` / `+01:00` / `-0500` zone at `at` (or `at`). */
function zoneEnd(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c === 90) return at + 1;
  if ((c === 43 || c === 45) && digitsAt(text, at + 1, 2)) {
    if (text.charCodeAt(at + 3) === 58 && digitsAt(text, at + 4, 2)) return at + 6;
    if (digitsAt(text, at + 3, 2)) return at + 5;
  }
  return at;
}

/** `YYYY-MM-DD HH:MM:SS[.fff][zone]` (or `T` between): end of the stamp, or -1. */
export function isoStampEnd(text: string, at: number, end: number): number {
  if (end - at < 19 || !digitsAt(text, at, 4) || text.charCodeAt(at + 4) !== 45 || text.charCodeAt(at + 7) !== 45) return -1;
  if (!digitsAt(text, at + 5, 2) || !digitsAt(text, at + 8, 2)) return -1;
  const sep = text.charCodeAt(at + 10);
  if ((sep !== 32 && sep !== 84) || !clockAt(text, at + 11)) return -1;
  return zoneEnd(text, fractionEnd(text, at + 19, end));
}

const MONTH_NAMES = 'JanFebMarAprMayJunJulAugSepOctNovDec';

/**
 * Where the clock of a `Mar 30 13:35:40` / `Mar  1 …` stamp starts: 7 characters in, or 6 where a
 * paste collapsed the padding of a one-digit day (`Jan 7 17:47:15`). -1 when there is no stamp.
 */
export function monthStampClock(text: string, at: number): number {
  if (!isUpper(text.charCodeAt(at)) || text.charCodeAt(at + 3) !== 32) return -1;
  if (!isLower(text.charCodeAt(at + 1)) || !isLower(text.charCodeAt(at + 2))) return -1;
  const d1 = text.charCodeAt(at + 4);
  const d2 = text.charCodeAt(at + 5);
  let clock: number;
  if ((d1 === 32 || isDigit(d1)) && isDigit(d2) && text.charCodeAt(at + 6) === 32) clock = at + 7;
  else if (isDigit(d1) && d2 === 32) clock = at + 6;
  else return -1;
  if (!clockAt(text, clock)) return -1;
  if (MONTH_NAMES.indexOf(text.slice(at, at + 3)) % 3 !== 0) return -1;
  return clock;
}

/** `Mar 30 13:35:40[.123]` / `Mar  1 …` (syslog, Cisco): end of the stamp, or -1. */
export function monthStampEnd(text: string, at: number, end: number): number {
  if (end - at < 14) return -1;
  const clock = monthStampClock(text, at);
  return clock < 0 ? -1 : fractionEnd(text, clock + 8, end);
}

/** Time of a stamp whose clock starts at `clock` and whose fraction (if any) runs to `stampEnd`. */
function clockTime(text: string, clock: number, stampEnd: number): TraceTime {
  const frac = stampEnd > clock + 9 ? text.slice(clock + 9, stampEnd) : undefined;
  const t = timeOfDay(text.slice(clock, clock + 2), text.slice(clock + 3, clock + 5), text.slice(clock + 6, clock + 8), frac);
  if (!frac) t.wholeSeconds = true;
  return t;
}

/** Time of an ISO stamp at `at` ending (fraction included, zone excluded) at `fracEnd`. */
function isoTime(text: string, at: number, end: number): TraceTime {
  const fracEnd = fractionEnd(text, at + 19, end);
  const frac = fracEnd > at + 20 ? text.slice(at + 20, fracEnd) : undefined;
  const t = datedTime(
    text.slice(at, at + 4),
    text.slice(at + 5, at + 7),
    text.slice(at + 8, at + 10),
    text.slice(at + 11, at + 13),
    text.slice(at + 14, at + 16),
    text.slice(at + 17, at + 19),
    frac,
  );
  if (!frac) t.wholeSeconds = true;
  return t;
}

/** Time carried by a stamp at `at` (ISO or month form), if any. */
export function stampTime(text: string, at: number, end: number): TraceTime | undefined {
  if (isoStampEnd(text, at, end) >= 0) return isoTime(text, at, end);
  const m = monthStampEnd(text, at, end);
  if (m >= 0) return clockTime(text, monthStampClock(text, at), m);
  return undefined;
}

/**
 * After a syslog stamp: ` host tag[pid]: ` (the tag may be missing: ` host: `). Returns the end
 * of the header, or -1.
 */
function syslogHeaderEnd(text: string, at: number, end: number): number {
  if (text.charCodeAt(at) !== 32) return -1;
  let i = at + 1;
  const host = i;
  while (i < end && text.charCodeAt(i) !== 32 && text.charCodeAt(i) !== 58) i++;
  if (i === host || i >= end) return -1;
  if (text.charCodeAt(i) === 32) {
    i++;
    const tag = i;
    while (i < end && i - tag < 64) {
      const c = text.charCodeAt(i);
      if (c === 58 || c === 32) break;
      i++;
    }
    if (i === tag) return -1;
  }
  if (text.charCodeAt(i) !== 58 || text.charCodeAt(i + 1) !== 32) return -1;
  return i + 2;
}

/** `D/Tag( 1234): ` (logcat brief) at `at`: end, or -1. */
function logcatBriefEnd(text: string, at: number, end: number): number {
  const level = text.charCodeAt(at);
  if (text.charCodeAt(at + 1) !== 47 || 'VDIWEF'.indexOf(String.fromCharCode(level)) < 0) return -1;
  let i = at + 2;
  while (i < end && i - at < 80 && text.charCodeAt(i) !== 40 && text.charCodeAt(i) !== 58) i++;
  if (text.charCodeAt(i) === 40) {
    i++;
    while (i < end && (text.charCodeAt(i) === 32 || isDigit(text.charCodeAt(i)))) i++;
    if (text.charCodeAt(i) !== 41) return -1;
    i++;
  }
  if (text.charCodeAt(i) !== 58 || text.charCodeAt(i + 1) !== 32) return -1;
  return i + 2;
}

/** `05-01 12:00:00.123  1234  5678 D Tag: ` (logcat threadtime) at `at`: end, or -1. */
function logcatThreadtimeEnd(text: string, at: number, end: number): number {
  if (end - at < 32 || !digitsAt(text, at, 2) || text.charCodeAt(at + 2) !== 45 || !digitsAt(text, at + 3, 2)) return -1;
  if (text.charCodeAt(at + 5) !== 32 || !clockAt(text, at + 6)) return -1;
  let i = fractionEnd(text, at + 14, end);
  for (let field = 0; field < 2; field++) {
    const before = i;
    while (i < end && text.charCodeAt(i) === 32) i++;
    const digits = i;
    while (i < end && isDigit(text.charCodeAt(i))) i++;
    if (i === digits || digits === before) return -1;
  }
  if (text.charCodeAt(i) !== 32 || 'VDIWEF'.indexOf(text.charAt(i + 1)) < 0 || text.charCodeAt(i + 2) !== 32) return -1;
  i += 3;
  while (i < end && i - at < 160 && !(text.charCodeAt(i) === 58 && text.charCodeAt(i + 1) === 32)) i++;
  return i < end ? i + 2 : -1;
}

/** Comment and quote markers: `// `, `# `, `> ` (nested `> > `). */
function quoteEnd(text: string, at: number, end: number): number {
  const c = text.charCodeAt(at);
  if (c === 47) {
    if (text.charCodeAt(at + 1) !== 47) return -1;
    if (at + 2 === end) return end;
    return text.charCodeAt(at + 2) === 32 ? at + 3 : -1;
  }
  if (c === 35) {
    if (at + 1 === end) return end;
    return text.charCodeAt(at + 1) === 32 ? at + 2 : -1;
  }
  if (c === 62) {
    let i = at;
    while (i < end && text.charCodeAt(i) === 62) {
      i++;
      if (text.charCodeAt(i) === 32) i++;
    }
    return i;
  }
  return -1;
}

export type PrefixKind = 'iso' | 'syslog' | 'iso-syslog' | 'bracket' | 'logcat' | 'logcat-threadtime' | 'quote';

/** `[Mar 30 13:35:51] ` or `[2026-03-30 13:35:51.123] ` (a logger's date alone, no level): end, or -1. */
function bracketStampEnd(text: string, at: number, end: number): number {
  if (text.charCodeAt(at) !== 91) return -1;
  let e = monthStampEnd(text, at + 1, end);
  if (e < 0) e = isoStampEnd(text, at + 1, end);
  if (e < 0 || text.charCodeAt(e) !== 93 || text.charCodeAt(e + 1) !== 32) return -1;
  return e + 2;
}

/** Kind of the prefix linePrefixEnd found last. */
export let foundPrefix: PrefixKind = 'iso';

function found(kind: PrefixKind, end: number): number {
  foundPrefix = kind;
  return end;
}

/**
 * Where the content of a line starts behind a known per-line prefix, or -1; `foundPrefix` then
 * holds its kind. Called for lines that are not markers (most lines of a log): it allocates
 * nothing, and the first character decides which test runs.
 */
export function linePrefixEnd(text: string, at: number, end: number): number {
  const c = text.charCodeAt(at);
  if (isDigit(c)) {
    const iso = isoStampEnd(text, at, end);
    if (iso >= 0) {
      const sys = syslogHeaderEnd(text, iso, end);
      if (sys >= 0) return found('iso-syslog', sys);
      return text.charCodeAt(iso) === 32 ? found('iso', iso + 1) : -1;
    }
    const lc = logcatThreadtimeEnd(text, at, end);
    return lc >= 0 ? found('logcat-threadtime', lc) : -1;
  }
  if (isUpper(c)) {
    if (text.charCodeAt(at + 1) === 47) {
      const lc = logcatBriefEnd(text, at, end);
      return lc >= 0 ? found('logcat', lc) : -1;
    }
    if (text.charCodeAt(at + 3) !== 32) return -1;
    const stamp = monthStampEnd(text, at, end);
    if (stamp < 0) return -1;
    const sys = syslogHeaderEnd(text, stamp, end);
    return sys >= 0 ? found('syslog', sys) : -1;
  }
  if (c === 60 /* < */) {
    // `<134>` syslog priority before an RFC 3164 header, as a network syslog receiver writes it.
    let i = at + 1;
    while (i < end && i - at < 5 && isDigit(text.charCodeAt(i))) i++;
    if (i === at + 1 || text.charCodeAt(i) !== 62) return -1;
    const inner = linePrefixEnd(text, i + 1, end);
    return inner >= 0 && (foundPrefix === 'syslog' || foundPrefix === 'iso-syslog') ? inner : -1;
  }
  if (c === 91 /* [ */) {
    const b = bracketStampEnd(text, at, end);
    return b >= 0 ? found('bracket', b) : -1;
  }
  if (c === 47 || c === 35 || c === 62) {
    const q = quoteEnd(text, at, end);
    return q >= 0 ? found('quote', q) : -1;
  }
  if (c === 32 || c === 9) {
    // an indented comment block: `    // …`
    let i = at + 1;
    while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    const q = text.charCodeAt(i) === 47 || text.charCodeAt(i) === 35 ? quoteEnd(text, i, end) : -1;
    return q >= 0 ? found('quote', q) : -1;
  }
  return -1;
}

/** The time a prefix carries (its stamp), if it has one. */
export function prefixTime(text: string, at: number, end: number, kind: PrefixKind): TraceTime | undefined {
  let s = at;
  if (text.charCodeAt(s) === 60) s = text.indexOf('>', s) + 1;
  switch (kind) {
    case 'iso':
    case 'iso-syslog':
    case 'syslog':
      return stampTime(text, s, end);
    case 'logcat-threadtime':
      return clockTime(text, s + 6, fractionEnd(text, s + 14, end));
    case 'bracket':
      return stampTime(text, s + 1, end);
    default:
      return undefined;
  }
}

/**
 * The LinePrefix that removes the same kind of prefix from the following lines. For syslog the
 * host and tag must be the same as on the marker line: lines of other programs are not part of
 * the message. A blank line behind a quote marker (`>` alone) is blank.
 */
export function samePrefix(text: string, at: number, match: { kind: PrefixKind; end: number }): LinePrefix {
  switch (match.kind) {
    case 'quote': {
      let first = at;
      while (text.charCodeAt(first) === 32 || text.charCodeAt(first) === 9) first++;
      const c = text.charCodeAt(first);
      return (t, s, e) => {
        let i = s;
        while (i < e && (t.charCodeAt(i) === 32 || t.charCodeAt(i) === 9)) i++;
        return t.charCodeAt(i) === c ? quoteEnd(t, i, e) : -1;
      };
    }
    case 'syslog':
    case 'iso-syslog': {
      // What follows the stamp (` host tag[pid]: `) must repeat exactly.
      let s = at;
      if (text.charCodeAt(s) === 60) s = text.indexOf('>', s) + 1;
      const stamp = match.kind === 'syslog' ? monthStampEnd(text, s, match.end) : isoStampEnd(text, s, match.end);
      const header = text.slice(stamp, match.end);
      return (t, ls, e) => {
        let p = ls;
        if (t.charCodeAt(p) === 60) {
          const close = t.charCodeAt(p + 1) >= 48 && t.charCodeAt(p + 1) <= 57 ? indexInLine(t, '>', p, Math.min(e, p + 6)) : -1;
          if (close < 0) return -1;
          p = close + 1;
        }
        const st = match.kind === 'syslog' ? monthStampEnd(t, p, e) : isoStampEnd(t, p, e);
        if (st < 0 || !t.startsWith(header, st)) return -1;
        return st + header.length;
      };
    }
    case 'iso':
      return (t, s, e) => {
        const st = isoStampEnd(t, s, e);
        return st >= 0 && t.charCodeAt(st) === 32 ? st + 1 : -1;
      };
    case 'bracket':
      return bracketStampEnd;
    case 'logcat':
      return logcatBriefEnd;
    case 'logcat-threadtime':
      return logcatThreadtimeEnd;
  }
}
