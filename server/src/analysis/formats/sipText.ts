// Cheap, allocation-free tests on one line of SIP text, given as offsets into the trace.

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** RFC 3261 `token` characters (header names, methods). */
export function isTokenChar(c: number): boolean {
  if ((c >= 97 && c <= 122) || isUpper(c) || isDigit(c)) return true;
  // - . ! % * _ + ` ' ~
  return c === 45 || c === 46 || c === 33 || c === 37 || c === 42 || c === 95 || c === 43 || c === 96 || c === 39 || c === 126;
}

/**
 * `SIP/2.0 NNN` (reason optional) starting exactly at `at`. More than three digits is accepted
 * too: such a message is malformed, and the parser must see it to say so.
 */
export function isStatusLineAt(text: string, at: number, end: number): boolean {
  if (end - at < 11 || !text.startsWith('SIP/2.0 ', at)) return false;
  let d = at + 8;
  const first = d;
  while (d < end && d - first < 12 && isDigit(text.charCodeAt(d))) d++;
  if (d - first < 3) return false;
  return d === end || text.charCodeAt(d) === 32;
}

/**
 * `METHOD request-uri SIP/2.0` starting exactly at `at` and ending at `end`. The method is a
 * token, the URI has a scheme (`sip:`, `tel:` …). Extra white space and odd method tokens are
 * accepted (RFC 4475 torture cases): the parser reports them.
 */
export function isRequestLineAt(text: string, at: number, lineEnd: number): boolean {
  let end = lineEnd;
  while (end > at && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  if (end - at < 14 || !isTokenChar(text.charCodeAt(at))) return false;
  // The version is the last word: `SIP/2.0`, or another `SIP/x.y` the parser will report.
  let v = end;
  while (v > at && text.charCodeAt(v - 1) !== 32 && text.charCodeAt(v - 1) !== 9) v--;
  if (v - at < 6 || !isSipVersionAt(text, v, end)) return false;
  let i = at + 1;
  while (i < end && isTokenChar(text.charCodeAt(i))) i++;
  if (i >= end || i - at > 64) return false;
  const gap = text.charCodeAt(i);
  if (gap !== 32 && gap !== 9) return false;
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  // The URI's first word carries its scheme.
  for (let j = i; j < v - 1; j++) {
    const c = text.charCodeAt(j);
    if (c === 58) return j > i;
    if (c === 32 || c === 9) return false;
  }
  return false;
}

/** `SIP/<digits>.<digits>` exactly between `at` and `end`. */
function isSipVersionAt(text: string, at: number, end: number): boolean {
  if (!text.startsWith('SIP/', at)) return false;
  let i = at + 4;
  const major = i;
  while (i < end && isDigit(text.charCodeAt(i))) i++;
  if (i === major || i >= end || text.charCodeAt(i) !== 46) return false;
  const minor = ++i;
  while (i < end && isDigit(text.charCodeAt(i))) i++;
  return i > minor && i === end;
}

/** The strict form, for lines whose prefix we do not know: upper-case method, URI without spaces. */
function isPlainRequestLineAt(text: string, at: number, end: number): boolean {
  if (!isUpper(text.charCodeAt(at)) || !text.startsWith(' SIP/2.0', end - 8)) return false;
  let i = at + 1;
  while (i < end && isUpper(text.charCodeAt(i))) i++;
  if (i >= end || text.charCodeAt(i) !== 32 || i - at > 20) return false;
  let colon = false;
  for (let j = i + 1; j < end - 8; j++) {
    const c = text.charCodeAt(j);
    if (c === 32 || c === 9) return false;
    if (c === 58) colon = true;
  }
  return colon;
}

export function isSipStartLineAt(text: string, at: number, end: number): boolean {
  return isStatusLineAt(text, at, end) || isRequestLineAt(text, at, end);
}

/**
 * Where a SIP start line begins inside a line whose prefix we do not know, or -1. `hint` is an
 * offset of `SIP/2.0` known to lie in the line (found by one global indexOf scan).
 */
export function findStartLineIn(text: string, start: number, end: number, hint: number): number {
  // Status line: `SIP/2.0 NNN` at the hint, after start of line or a non-word character.
  if (hint >= start && hint < end && isStatusLineAt(text, hint, end) && (hint === start || !isTokenChar(text.charCodeAt(hint - 1)))) {
    return hint;
  }
  // Request line: ends with ` SIP/2.0`; walk back over the URI and the method.
  if (end - start < 14 || !text.startsWith(' SIP/2.0', end - 8)) return -1;
  let i = end - 9;
  while (i >= start && text.charCodeAt(i) !== 32 && text.charCodeAt(i) !== 9) i--;
  if (i <= start) return -1;
  let m = i - 1;
  while (m >= start && isUpper(text.charCodeAt(m))) m--;
  const methodStart = m + 1;
  if (methodStart >= i) return -1;
  return isPlainRequestLineAt(text, methodStart, end) ? methodStart : -1;
}

/** `Name: value` (spaces allowed before the colon). */
export function isHeaderLineAt(text: string, at: number, end: number): boolean {
  return headerNameEndAt(text, at, end) >= 0;
}

/**
 * Where the name of the `Name: value` line at `at` ends (spaces allowed before the colon), or
 * -1 when the line is not one. The colon is the first one of the line: a name has none.
 */
export function headerNameEndAt(text: string, at: number, end: number): number {
  let i = at;
  // Header names can be long (RFC 4475 `longreq` has one of 93 characters); the scan stops at
  // the first non-token character anyway.
  const limit = Math.min(end, at + 1024);
  while (i < limit && isTokenChar(text.charCodeAt(i))) i++;
  if (i === at) return -1;
  const nameEnd = i;
  while (i < limit && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i < end && text.charCodeAt(i) === 58 ? nameEnd : -1;
}

/** Lines that cannot be part of a SIP message: timestamps and console chatter of the usual loggers. */
export function looksLikeLogLine(text: string, at: number, end: number): boolean {
  if (at >= end) return false;
  let i = at;
  const c0 = text.charCodeAt(at);
  if (c0 === 91 /* [ */) {
    const c1 = text.charCodeAt(at + 1);
    return isDigit(c1) || isUpper(c1);
  }
  if (isDigit(c0)) {
    // 2024-05-01 12:00:00 / 2024-05-01T12:00 / 2024/05/01 12:00
    const sep = text.charCodeAt(at + 4);
    return (
      end - at >= 16 &&
      (sep === 45 || sep === 47) &&
      isDigit(text.charCodeAt(at + 1)) &&
      isDigit(text.charCodeAt(at + 3)) &&
      text.charCodeAt(at + 7) === sep &&
      (text.charCodeAt(at + 10) === 32 || text.charCodeAt(at + 10) === 84) &&
      isDigit(text.charCodeAt(at + 11)) &&
      text.charCodeAt(at + 13) === 58
    );
  }
  // Asterisk console chatter: `    -- Executing …`, `  == Using SIP RTP …`
  while (i < end && text.charCodeAt(i) === 32) i++;
  if (i > at && i + 2 < end) {
    const a = text.charCodeAt(i);
    if ((a === 45 || a === 61) && text.charCodeAt(i + 1) === a && text.charCodeAt(i + 2) === 32) return true;
  }
  // syslog: `Mar 30 13:35:40 host prog[123]: …`
  if (isUpper(c0) && end - at > 16 && text.charCodeAt(at + 3) === 32 && text.charCodeAt(at + 9) === 58 && text.charCodeAt(at + 12) === 58) {
    return isDigit(text.charCodeAt(at + 7)) && isDigit(text.charCodeAt(at + 8));
  }
  return false;
}

/** Length of the header name between `at` and the colon (at most 40 characters); 0 when the line is not a header. */
export function headerNameLengthAt(text: string, at: number, end: number): number {
  let i = at;
  const limit = Math.min(end, at + 40);
  while (i < limit && isTokenChar(text.charCodeAt(i))) i++;
  if (i === at) return 0;
  let j = i;
  while (j < limit && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
  if (j >= end || text.charCodeAt(j) !== 58) return 0;
  return i - at;
}

/** Whether the ASCII text at `at`, lower-cased, starts with `lower` (itself lower case). */
export function lowerCaseAt(text: string, at: number, lower: string): boolean {
  for (let k = 0; k < lower.length; k++) {
    let c = text.charCodeAt(at + k);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== lower.charCodeAt(k)) return false;
  }
  return true;
}

/** Value of a header line (after the colon, trimmed). */
export function headerValueAt(text: string, at: number, end: number): string {
  const colon = text.indexOf(':', at);
  if (colon < 0 || colon >= end) return '';
  return text.slice(colon + 1, end).trim();
}

export function isBlankRange(text: string, at: number, end: number): boolean {
  for (let i = at; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** Offset of `needle` starting in [from, end) (it may not run past `end`), or -1: a search that stays on one line. */
export function indexInLine(text: string, needle: string, from: number, end: number): number {
  const first = needle.charCodeAt(0);
  const last = end - needle.length;
  for (let i = from; i <= last; i++) {
    if (text.charCodeAt(i) === first && text.startsWith(needle, i)) return i;
  }
  return -1;
}
