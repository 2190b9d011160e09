// SIPp's two marker lines, read by character codes: they head every message of a SIPp trace,
// so they are matched in place, without a regular expression or a string per line. Each reader
// accepts exactly what these patterns (sticky, multi-line: `$` is the end of a line) accept:
//   dashes:     -{5,}(?:[ \t]+(\d{4})-(\d{2})-(\d{2})[ \t]+(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?
//               (?:[ \t]+\d+(?:\.\d+)?)?)?[ \t]*\r?$
//   direction:  (?:Unexpected )?([A-Za-z0-9]+) (?:control )?message (sent|received)
//               (?: \((\d+) bytes\)| \[(\d+)\] bytes)?[ \t]*:?[ \t]*\r?$
// SIPp writes the time on the dashed line, except before an `Unexpected … message received:`
// copy of a message that its scenario did not expect (logged again after the normal record).

/** What the last successful readSippDashes found (valid until the next call). */
export const sippDashes = {
  /** Where the line read starts. */
  at: -1,
  /** The line carries a date and time. */
  dated: false,
  year: 0,
  month: 0,
  day: 0,
  hour: 0,
  minute: 0,
  second: 0,
  /** The fraction of a second, in milliseconds (0 when none is written). */
  fractionMs: 0,
};

/** What the last successful readSippDirection found (valid until the next call). */
export const sippDirection = {
  sent: false,
  /** Byte count the line announces, or undefined. */
  bytes: undefined as number | undefined,
};

const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** Where a multi-line `$` matches: the end of the text or before any line terminator. */
function isLineEnd(text: string, at: number): boolean {
  if (at >= text.length) return true;
  const c = text.charCodeAt(at);
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/** `[ \t]*\r?$` from `at`: white space up to the end of the line. */
function blanksToLineEnd(text: string, at: number): boolean {
  while (isBlank(text.charCodeAt(at))) at++;
  return isLineEnd(text, at);
}

/** The number written by the `count` digits at `at` (known to be digits). */
function digitsAt(text: string, at: number, count: number): number {
  let n = 0;
  for (let i = 0; i < count; i++) n = n * 10 + (text.charCodeAt(at + i) - 48);
  return n;
}

/** `count` digits at `at`. */
function hasDigits(text: string, at: number, count: number): boolean {
  for (let i = 0; i < count; i++) if (!isDigit(text.charCodeAt(at + i))) return false;
  return true;
}

/** True when SIPp's dashed line starts at `at`; its time is then in `sippDashes`. */
export function readSippDashes(text: string, at: number): boolean {
  let i = at;
  while (text.charCodeAt(i) === 45) i++;
  if (i - at < 5) return false;
  sippDashes.at = -1;
  sippDashes.dated = false;
  if (!readDashesTime(text, i) && !blanksToLineEnd(text, i)) return false;
  sippDashes.at = at;
  return true;
}

/** The optional time group after the dashes, up to the end of the line. */
function readDashesTime(text: string, at: number): boolean {
  let i = at;
  if (!isBlank(text.charCodeAt(i))) return false;
  while (isBlank(text.charCodeAt(i))) i++;
  // YYYY-MM-DD
  if (!hasDigits(text, i, 4) || text.charCodeAt(i + 4) !== 45 || !hasDigits(text, i + 5, 2) || text.charCodeAt(i + 7) !== 45 || !hasDigits(text, i + 8, 2)) {
    return false;
  }
  const date = i;
  i += 10;
  if (!isBlank(text.charCodeAt(i))) return false;
  while (isBlank(text.charCodeAt(i))) i++;
  // HH:MM:SS
  if (!hasDigits(text, i, 2) || text.charCodeAt(i + 2) !== 58 || !hasDigits(text, i + 3, 2) || text.charCodeAt(i + 5) !== 58 || !hasDigits(text, i + 6, 2)) {
    return false;
  }
  const time = i;
  i += 8;
  // The fraction takes 1–9 digits; more cannot be followed by what the pattern allows.
  let fractionMs = 0;
  if (text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) {
    let end = i + 1;
    while (isDigit(text.charCodeAt(end))) end++;
    const count = end - i - 1;
    if (count > 9) return false;
    // The digits as a number over a power of ten: exactly Number('0.' + digits), both being
    // the double nearest the same fraction.
    fractionMs = (digitsAt(text, i + 1, count) / POWERS_OF_TEN[count]!) * 1000;
    i = end;
  }
  // SIPp's optional elapsed-time field (`1700000000.123456`).
  if (isBlank(text.charCodeAt(i))) {
    let j = i;
    while (isBlank(text.charCodeAt(j))) j++;
    if (isDigit(text.charCodeAt(j))) {
      while (isDigit(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) === 46 && isDigit(text.charCodeAt(j + 1))) {
        j++;
        while (isDigit(text.charCodeAt(j))) j++;
      }
      if (blanksToLineEnd(text, j)) i = j;
    }
  }
  if (!blanksToLineEnd(text, i)) return false;
  sippDashes.dated = true;
  sippDashes.year = digitsAt(text, date, 4);
  sippDashes.month = digitsAt(text, date + 5, 2);
  sippDashes.day = digitsAt(text, date + 8, 2);
  sippDashes.hour = digitsAt(text, time, 2);
  sippDashes.minute = digitsAt(text, time + 3, 2);
  sippDashes.second = digitsAt(text, time + 6, 2);
  sippDashes.fractionMs = fractionMs;
  return true;
}

/** True when SIPp's direction line starts at `at`; what it says is then in `sippDirection`. */
export function readSippDirection(text: string, at: number): boolean {
  // `Unexpected` may also be the transport word itself, when what follows does not fit.
  return (text.startsWith('Unexpected ', at) && readDirectionFrom(text, at + 11)) || readDirectionFrom(text, at);
}

function isAlphanumeric(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** `TRANSPORT [control ]message sent|received …` from `at`. */
function readDirectionFrom(text: string, at: number): boolean {
  let i = at;
  while (isAlphanumeric(text.charCodeAt(i))) i++;
  if (i === at || text.charCodeAt(i) !== 32) return false;
  i++;
  if (text.startsWith('control ', i) && text.startsWith('message ', i + 8)) i += 8;
  if (!text.startsWith('message ', i)) return false;
  i += 8;
  let sent: boolean;
  if (text.startsWith('sent', i)) {
    sent = true;
    i += 4;
  } else if (text.startsWith('received', i)) {
    sent = false;
    i += 8;
  } else {
    return false;
  }
  const counted = byteCountEnd(text, i);
  if (counted >= 0 && directionTail(text, counted)) {
    sippDirection.sent = sent;
    sippDirection.bytes = byteCount(text, i + 2);
    return true;
  }
  if (!directionTail(text, i)) return false;
  sippDirection.sent = sent;
  sippDirection.bytes = undefined;
  return true;
}

/** End of ` (N bytes)` or ` [N] bytes` at `at`, or -1. */
function byteCountEnd(text: string, at: number): number {
  if (text.charCodeAt(at) !== 32) return -1;
  const open = text.charCodeAt(at + 1);
  if (open !== 40 /* ( */ && open !== 91 /* [ */) return -1;
  let i = at + 2;
  while (isDigit(text.charCodeAt(i))) i++;
  if (i === at + 2) return -1;
  if (open === 40) return text.startsWith(' bytes)', i) ? i + 7 : -1;
  return text.startsWith('] bytes', i) ? i + 7 : -1;
}

/** The digits that start at `at`, as Number reads them. */
function byteCount(text: string, at: number): number {
  let i = at;
  while (isDigit(text.charCodeAt(i))) i++;
  // Up to 15 digits add up exactly; longer ones are left to Number's rounding.
  return i - at <= 15 ? digitsAt(text, at, i - at) : Number(text.slice(at, i));
}

/** `[ \t]*:?[ \t]*\r?$` from `at`. */
function directionTail(text: string, at: number): boolean {
  while (isBlank(text.charCodeAt(at))) at++;
  if (text.charCodeAt(at) === 58) at++;
  return blanksToLineEnd(text, at);
}
