// SIP message parsing (RFC 3261 §7): start line, headers, body.
//
// Traces hold hundreds of thousands of messages, so one scan picks out only what correlation
// needs (Call-ID, CSeq, From, To, top Via, Content-Length/Type, Reason). The full header list
// is built on first access, for hover and other on-demand features. The framing has read the
// header lines already to find where the message ends: where it hands over what it found (a
// HeaderIndex), the parser reads the headers it needs from that instead of walking the lines again.
import { formatNumber, t } from './l10n';
import { canonicalHeaderName, COMPACT_HEADER_NAMES } from './sipDocs';
import type { CSeq, HeaderIndex, NameAddr, SipHeader, SipMessage } from './types';

export interface ParseOptions {
  /** Framing keeps the bytes as sent, so Content-Length can be checked. */
  bytesIntact?: boolean;
  /** The text is Latin-1 decoded bytes: one char per byte when counting body length. */
  latin1?: boolean;
  /**
   * Shared by the messages of one trace (see newParseCache): messages of a dialog repeat the
   * same From and To values, which are then parsed once and held once.
   */
  cache?: ParseCache;
}

/** Parsed From/To values by header text, for the messages of one trace. */
export interface ParseCache {
  from: Map<string, NameAddr>;
  to: Map<string, NameAddr>;
  /** Sent-by of the top Via (as written, with any port) → viaHost. */
  viaHosts: Map<string, string>;
  /** Call-IDs: the messages of a call hold one copy (and compare by identity when grouped). */
  callIds: Map<string, string>;
  /** CSeq header text → its parse. */
  cseqs: Map<string, CSeq>;
}

/** The value already kept for `key`, or `value`, now kept for it. */
function shared<T>(cache: Map<string, T> | undefined, key: string, value: T): T {
  if (cache === undefined) return value;
  const kept = cache.get(key);
  if (kept !== undefined) return kept;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/**
 * Values kept per header before the cache starts over: enough for the dialogs that interleave
 * in a trace, and a bound on what a long trace keeps.
 */
const CACHE_LIMIT = 4096;

export function newParseCache(): ParseCache {
  return { from: new Map(), to: new Map(), viaHosts: new Map(), callIds: new Map(), cseqs: new Map() };
}

const TOKEN_CHARS = /^[A-Za-z0-9\-.!%*_+`'~]+$/;
const SIP_VERSION = /^SIP\/(\d+)\.(\d+)$/i;

/** Finds the end of the line starting at `from`, without its CR. */
function lineEnd(text: string, from: number): { end: number; next: number } {
  const lf = text.indexOf('\n', from);
  if (lf === -1) return { end: text.length, next: text.length };
  const end = lf > from && text.charCodeAt(lf - 1) === 13 ? lf - 1 : lf;
  return { end, next: lf + 1 };
}

function isBlankOrSpace(code: number): boolean {
  return code === 32 || code === 9;
}

function percentDecode(value: string): string {
  if (value.indexOf('%') === -1) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** User part of a sip:, sips: or tel: URI, %-decoded; the host where there is no user. */
export function uriUser(uri: string): string {
  let rest = uri.trim();
  const colon = rest.indexOf(':');
  const scheme = colon > 0 ? rest.slice(0, colon).toLowerCase() : '';
  if (scheme === 'sip' || scheme === 'sips' || scheme === 'tel') rest = rest.slice(colon + 1);
  if (scheme === 'tel') {
    const semi = rest.indexOf(';');
    return percentDecode(semi === -1 ? rest : rest.slice(0, semi));
  }
  const at = rest.lastIndexOf('@');
  if (at !== -1) {
    let user = rest.slice(0, at);
    const password = user.indexOf(':');
    if (password !== -1) user = user.slice(0, password);
    const params = user.indexOf(';');
    if (params !== -1) user = user.slice(0, params);
    return percentDecode(user);
  }
  // No user: the host, without port, parameters or headers.
  const end = rest.search(/[;?>]/);
  let host = end === -1 ? rest : rest.slice(0, end);
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    if (close !== -1) host = host.slice(0, close + 1);
  } else {
    const port = host.lastIndexOf(':');
    if (port !== -1) host = host.slice(0, port);
  }
  return percentDecode(host);
}

/** Every character String.prototype.trim removes (white space and line terminators): `\s`. */
function isTrimSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

/** `text.slice(from, to).trim()` with one slice instead of two. */
function trimmedSlice(text: string, from: number, to: number): string {
  while (from < to && isTrimSpace(text.charCodeAt(from))) from++;
  while (to > from && isTrimSpace(text.charCodeAt(to - 1))) to--;
  return text.slice(from, to);
}

/** White space that String.prototype.trim removes, within ASCII. */
function isAsciiTrimSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

/**
 * Whether `text[from, to)`, trimmed and lower-cased, equals `lowerName` (itself lower case).
 * Compares in place for ASCII; other text takes the slice/trim/toLowerCase path, whose Unicode
 * rules (white space beyond ASCII, case mappings that change length) it must follow exactly.
 */
function trimmedLowerEquals(text: string, from: number, to: number, lowerName: string): boolean {
  for (let i = from; i < to; i++) {
    if (text.charCodeAt(i) > 0x7f) return text.slice(from, to).trim().toLowerCase() === lowerName;
  }
  while (from < to && isAsciiTrimSpace(text.charCodeAt(from))) from++;
  while (to > from && isAsciiTrimSpace(text.charCodeAt(to - 1))) to--;
  if (to - from !== lowerName.length) return false;
  for (let i = 0; i < lowerName.length; i++) {
    let c = text.charCodeAt(from + i);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== lowerName.charCodeAt(i)) return false;
  }
  return true;
}

/** `"x"` → `x`, exactly as `value.replace(/^"(.*)"$/, '$1')` (no line breaks inside). */
function unquote(value: string): string {
  const last = value.length - 1;
  if (last < 1 || value.charCodeAt(0) !== 34 || value.charCodeAt(last) !== 34) return value;
  for (let i = 1; i < last; i++) {
    const c = value.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return value;
  }
  return value.slice(1, last);
}

/** Value of a `;name=value` parameter in a parameter list, case-insensitive name. */
export function headerParam(params: string, name: string): string | undefined {
  const lowerName = name.toLowerCase();
  // Walks the `;`-separated parts in place (this runs for every From, To and Via).
  let start = 0;
  for (;;) {
    let stop = params.indexOf(';', start);
    if (stop === -1) stop = params.length;
    let eq = params.indexOf('=', start);
    if (eq >= stop) eq = -1;
    if (trimmedLowerEquals(params, start, eq === -1 ? stop : eq, lowerName)) {
      return eq === -1 ? '' : unquote(params.slice(eq + 1, stop).trim());
    }
    if (stop === params.length) return undefined;
    start = stop + 1;
  }
}

/** Index of `char` outside double-quoted strings (a display name may hold `<`), or -1. */
function indexOutsideQuotes(value: string, char: string): number {
  const code = char.charCodeAt(0);
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 92 /* \\ */ && quoted) i++;
    else if (c === 34 /* " */) quoted = !quoted;
    else if (!quoted && c === code) return i;
  }
  return -1;
}

/** Parses a From/To/Contact style value: `"Name" <sip:user@host>;tag=x` or `sip:user@host;tag=x`. */
export function parseNameAddr(raw: string): NameAddr {
  const value = raw.trim();
  let displayName: string | undefined;
  let uri: string;
  let params: string;
  const open = indexOutsideQuotes(value, '<');
  const close = open === -1 ? -1 : value.indexOf('>', open);
  if (open !== -1 && close !== -1) {
    const name = value.slice(0, open).trim();
    if (name) displayName = unquote(name);
    uri = value.slice(open + 1, close).trim();
    params = value.slice(close + 1);
  } else {
    // addr-spec form: parameters after the URI belong to the header (RFC 3261 §20.10).
    const semi = value.indexOf(';');
    uri = semi === -1 ? value : value.slice(0, semi);
    params = semi === -1 ? '' : value.slice(semi);
  }
  const tag = headerParam(params, 'tag');
  return { raw: value, displayName, uri, user: uriUser(uri), tag: tag || undefined };
}

/**
 * Methods, reason phrases and content types that nearly every message repeats. A message keeps the shared copy
 * instead of its own: short strings are copied out of the trace, not sliced, so without this
 * each message would hold a few more small strings for its whole life.
 */
const COMMON_WORDS: readonly (readonly string[] | undefined)[] = (() => {
  const byLength: string[][] = [];
  for (const word of [
    'INVITE', 'ACK', 'BYE', 'CANCEL', 'OPTIONS', 'REGISTER', 'PRACK', 'UPDATE', 'INFO', 'REFER',
    'SUBSCRIBE', 'NOTIFY', 'MESSAGE', 'PUBLISH',
    'Trying', 'Ringing', 'Session Progress', 'OK', 'Unauthorized', 'Proxy Authentication Required',
    'Not Found', 'Forbidden', 'Busy Here', 'Request Terminated', 'Temporarily Unavailable',
    'Service Unavailable', 'Decline', 'Accepted', 'application/sdp',
  ]) {
    (byLength[word.length] ??= []).push(word);
  }
  return byLength;
})();

/** The shared copy of `word` when it is a common one (compared by length first: no hashing). */
function commonWord(word: string): string {
  const candidates = COMMON_WORDS[word.length];
  if (candidates !== undefined) {
    for (let i = 0; i < candidates.length; i++) if (candidates[i] === word) return candidates[i]!;
  }
  return word;
}

function parseCSeq(value: string): CSeq | undefined {
  const match = /^\s*(\d{1,10})\s+(\S+)\s*$/.exec(value);
  if (!match) return undefined;
  const seq = Number(match[1]);
  if (seq > 0xffffffff) return undefined;
  return { seq, method: commonWord(match[2]) };
}

/** Splits a header value on commas outside quotes and angle brackets. */
export function splitHeaderValues(value: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\' && quoted) i++;
    else if (c === '"') quoted = !quoted;
    else if (!quoted && c === '<') depth++;
    else if (!quoted && c === '>' && depth > 0) depth--;
    else if (!quoted && depth === 0 && c === ',') {
      parts.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(value.slice(start).trim());
  return parts.filter((p) => p.length > 0);
}

/** Syntax problems a Via value can show that correlation would otherwise read past. */
function viaProblem(value: string): string | undefined {
  const comma = value.indexOf(',') !== -1;
  if (/;\s*(?:[;,]|$)/.test(value) || (comma && (/,\s*(?:,|$)/.test(value) || /^\s*,/.test(value)))) {
    return t('bad Via header "{0}" (empty parameter or value)', clip(value));
  }
  if (!/^SIP\s*\/\s*[^/\s]+\s*\/\s*\S+\s+\S/i.test(value)) return t('bad Via header "{0}" (expected SIP/2.0/TRANSPORT host)', clip(value));
  return undefined;
}

/** An unbalanced quote or angle bracket in From/To makes the whole value unreliable. */
function nameAddrProblem(header: string, value: string): string | undefined {
  let quoted = false;
  let open = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 92 /* \\ */ && quoted) i++;
    else if (c === 34 /* " */) quoted = !quoted;
    else if (!quoted && c === 60 /* < */) open++;
    else if (!quoted && c === 62 /* > */) open--;
  }
  if (quoted) return t('bad {0} header: unterminated quoted string', header);
  if (open !== 0) return t('bad {0} header: unbalanced angle brackets', header);
  const angle = indexOutsideQuotes(value, '<');
  if (angle !== -1) {
    if (/^<\s|\s>/.test(value.slice(angle, value.indexOf('>', angle) + 1))) return t('bad {0} header: white space inside <…>', header);
    const display = value.slice(0, angle).trim();
    // An unquoted display name is a run of tokens (RFC 3261 §25.1): a comma or @ needs quotes.
    if (display && !display.startsWith('"') && !/^[A-Za-z0-9\-.!%*_+`'~ \t]+$/.test(display)) {
      return t('bad {0} header: display name "{1}" must be quoted', header, clip(display));
    }
  }
  return undefined;
}

/**
 * True when a SIP URI carries `?headers`. A `?` in the user part is legal (RFC 3261 §25.1), and
 * the user part ends at the first `@`, which it may not hold unescaped; after that a `?` can
 * only start the headers.
 */
function hasUriHeaders(uri: string): boolean {
  return uri.indexOf('?', uri.indexOf('@') + 1) !== -1;
}

/**
 * RFC 3261 §20: a URI holding a comma, question mark or semicolon must be enclosed in <>; an
 * addr-spec with ?headers outside <> is malformed (RFC 4475 regbadct). Only `?` is checked: an
 * unenclosed `;` legally starts header parameters and a comma separates values.
 */
function bareUriProblem(header: string, value: string): string | undefined {
  if (value.indexOf('?') === -1 || indexOutsideQuotes(value, '<') !== -1 || !hasUriHeaders(value)) return undefined;
  return t('bad {0} header: a URI with ?headers must be enclosed in <…>', header);
}

/** RFC 3261 §20.17: the Date header is an RFC 1123 date, always in GMT (RFC 4475 baddate). */
function dateProblem(value: string): string | undefined {
  if (/^(?:[A-Za-z]{3},\s+)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}:\d{2}\s+GMT$/.test(value)) return undefined;
  return t('bad Date header "{0}" (expected an RFC 1123 date in GMT)', clip(value));
}

/** `splitHeaderValues(value)[0] ?? ''`, without splitting past the first non-empty value. */
function firstHeaderValue(value: string): string {
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 92 /* \\ */ && quoted) i++;
    else if (c === 34 /* " */) quoted = !quoted;
    else if (!quoted && c === 60 /* < */) depth++;
    else if (!quoted && c === 62 /* > */ && depth > 0) depth--;
    else if (!quoted && depth === 0 && c === 44 /* , */) {
      const part = value.slice(start, i).trim();
      if (part.length > 0) return part;
      start = i + 1;
    }
  }
  return value.slice(start).trim();
}

function viaHostOf(sentBy: string): string {
  return sentBy.startsWith('[') ? sentBy : sentBy.replace(/:\d+$/, '');
}

/** viaHostOf(sentBy), the copy shared by the messages of the trace where there is a cache. */
function sharedViaHost(sentBy: string, hosts: Map<string, string> | undefined): string {
  // A trace names few hosts: each message keeps the shared copy of its host.
  let host = hosts?.get(sentBy);
  if (host === undefined) {
    host = viaHostOf(sentBy);
    if (hosts) {
      if (hosts.size >= CACHE_LIMIT) hosts.clear();
      hosts.set(sentBy, host);
    }
  }
  return host;
}

function parseVia(value: string, hosts: Map<string, string> | undefined): { branch?: string; host?: string } {
  const first = firstHeaderValue(value);
  const match = /^SIP\s*\/\s*[^/\s]+\s*\/\s*\S+\s+([^;\s]+)/i.exec(first);
  const sentBy = match?.[1];
  const host = sentBy ? sharedViaHost(sentBy, hosts) : sentBy;
  const semi = first.indexOf(';');
  const branch = semi === -1 ? undefined : headerParam(first.slice(semi), 'branch');
  return { branch: branch || undefined, host };
}

/** Printable ASCII other than space, comma and double quote. */
function isPlainViaChar(code: number): boolean {
  return code > 32 && code < 127 && code !== 44 && code !== 34;
}

/**
 * The usual top Via, `SIP/2.0/TRANSPORT host[:port];name=value;…` (one value, no white space
 * past the transport, no quotes, no empty parameter), read in one pass: sets what parseVia
 * would set, viaProblem having nothing to say about it. False for anything else, which then
 * takes the general path.
 */
function readPlainVia(value: string, message: ParsedSipMessage, hosts: Map<string, string> | undefined): boolean {
  if (!value.startsWith('SIP/2.0/')) return false;
  const n = value.length;
  let i = 8;
  while (i < n && value.charCodeAt(i) !== 32) {
    const c = value.charCodeAt(i);
    if (!isPlainViaChar(c) || c === 59) return false;
    i++;
  }
  const hostStart = i + 1;
  if (i === 8 || hostStart >= n) return false;
  let semi = -1;
  for (let j = hostStart; j < n; j++) {
    const c = value.charCodeAt(j);
    if (!isPlainViaChar(c)) return false;
    if (c === 59 /* ; */) {
      if (semi === -1) semi = j;
      if (j + 1 === n || value.charCodeAt(j + 1) === 59) return false;
    }
  }
  const hostEnd = semi === -1 ? n : semi;
  if (hostEnd === hostStart) return false;
  let branch: string | undefined;
  // The first parameter named `branch` (any case), as headerParam finds it.
  for (let p = semi; p !== -1 && p < n; ) {
    const start = p + 1;
    let stop = value.indexOf(';', start);
    if (stop === -1) stop = n;
    let eq = value.indexOf('=', start);
    if (eq >= stop) eq = -1;
    const nameEnd = eq === -1 ? stop : eq;
    if (nameEnd - start === 6 && trimmedLowerEquals(value, start, nameEnd, 'branch')) {
      branch = eq === -1 ? '' : value.slice(eq + 1, stop);
      break;
    }
    p = stop;
  }
  message.branch = branch || undefined;
  message.viaHost = sharedViaHost(value.slice(hostStart, hostEnd), hosts);
  return true;
}

/** Byte length of text: Latin-1 text is one byte per char; real text is UTF-8 on the wire. */
function byteLength(text: string, latin1: boolean): number {
  if (latin1) return text.length;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return Buffer.byteLength(text, 'utf8');
  return text.length;
}

/** The first `length` bytes of the body, as text. */
function bodyPrefix(body: string, length: number, latin1: boolean): string {
  if (latin1 || byteLength(body, false) === body.length) return body.slice(0, length);
  return Buffer.from(body, 'utf8').subarray(0, length).toString('utf8');
}

interface StartLine {
  kind: SipMessage['kind'];
  method?: string;
  requestUri?: string;
  status?: number;
  reason?: string;
  version?: string;
  problem?: string;
}

/** Whether `line` starts with `SIP/`, in any case (as `/^SIP\//i`). */
function startsWithSipSlash(line: string): boolean {
  return line.length >= 4 && (line.charCodeAt(0) | 32) === 115 && (line.charCodeAt(1) | 32) === 105 && (line.charCodeAt(2) | 32) === 112 && line.charCodeAt(3) === 47;
}

/**
 * The usual status line, `SIP/2.0 NNN reason` (code 100–999, no line break in the reason), read
 * without regular expressions; undefined for anything else, which parseStartLine reads in full.
 * Gives exactly what the general path gives for such a line.
 */
function plainStatusLine(line: string): StartLine | undefined {
  if (line.length < 11 || !line.startsWith('SIP/2.0 ')) return undefined;
  const d0 = line.charCodeAt(8) - 48;
  const d1 = line.charCodeAt(9) - 48;
  const d2 = line.charCodeAt(10) - 48;
  if (d0 < 1 || d0 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return undefined;
  if (line.length > 11) {
    const separator = line.charCodeAt(11);
    if (separator !== 32 && separator !== 9) return undefined;
    for (let i = 12; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return undefined;
    }
  }
  return { kind: 'response', version: 'SIP/2.0', reason: commonWord(line.slice(12).trim()), status: d0 * 100 + d1 * 10 + d2 };
}

/**
 * A request line whose three elements are separated by single spaces (no tabs): the elements
 * found with indexOf instead of two splits; undefined for anything else.
 */
function plainRequestParts(line: string): [string, string, string] | undefined {
  if (line.indexOf('\t') !== -1 || startsWithSipSlash(line)) return undefined;
  const s1 = line.indexOf(' ');
  if (s1 <= 0) return undefined;
  const s2 = line.indexOf(' ', s1 + 1);
  if (s2 <= s1 + 1 || s2 === line.length - 1 || line.indexOf(' ', s2 + 1) !== -1) return undefined;
  const version = line.slice(s2 + 1);
  return [commonWord(line.slice(0, s1)), line.slice(s1 + 1, s2), version === 'SIP/2.0' ? 'SIP/2.0' : version];
}

function parseStartLine(line: string): StartLine {
  if (line.length === 0) return { kind: 'invalid', problem: t('empty start line') };
  const plainStatus = plainStatusLine(line);
  if (plainStatus) return plainStatus;
  const plainRequest = plainRequestParts(line);
  if (plainRequest) return requestStartLine(...plainRequest);
  if (/^SIP\//i.test(line)) {
    const match = /^(SIP\/\S*)[ \t]+(\S+)(?:[ \t]+(.*))?$/i.exec(line);
    if (!match) return { kind: 'invalid', problem: t('bad status line "{0}"', clip(line)) };
    const [, version, codeText, reason = ''] = match;
    const start: StartLine = { kind: 'response', version, reason: reason.trim() };
    if (!/^\d{3}$/.test(codeText)) {
      return { ...start, kind: 'invalid', problem: t('bad status code "{0}" (must be three digits)', clip(codeText)) };
    }
    start.status = Number(codeText);
    if (start.status < 100) return { ...start, kind: 'invalid', problem: t('bad status code {0} (below 100)', codeText) };
    if (!SIP_VERSION.test(version)) start.problem = t('bad SIP version "{0}"', clip(version));
    else if (version.toUpperCase() !== 'SIP/2.0') start.problem = t('unknown SIP version {0}', version);
    return start;
  }
  const parts = line.split(/[ \t]+/);
  if (parts.length === 3 && line.split(' ').length !== 3) {
    return { kind: 'request', method: parts[0], requestUri: parts[1], version: parts[2], problem: t('bad start line "{0}" (its elements must be separated by single spaces)', clip(line)) };
  }
  if (parts.length !== 3) {
    return { kind: 'invalid', problem: t('bad start line "{0}" (expected METHOD URI SIP/2.0 or SIP/2.0 CODE REASON)', clip(line)) };
  }
  const [method, requestUri, version] = parts;
  return requestStartLine(method, requestUri, version);
}

/** A scheme character after the first (RFC 3986 §3.1). */
function isSchemeChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 43 || c === 46 || c === 45;
}

/**
 * `scheme:rest` with no white space in `rest`: what `/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/` accepts,
 * read in one pass (every request line is checked).
 */
function isAbsoluteUri(uri: string): boolean {
  const first = uri.charCodeAt(0);
  if (!((first >= 97 && first <= 122) || (first >= 65 && first <= 90))) return false;
  let i = 1;
  while (i < uri.length && isSchemeChar(uri.charCodeAt(i))) i++;
  if (uri.charCodeAt(i) !== 58 /* : */ || i + 1 >= uri.length) return false;
  for (let j = i + 1; j < uri.length; j++) if (isTrimSpace(uri.charCodeAt(j))) return false;
  return true;
}

function requestStartLine(method: string, requestUri: string, version: string): StartLine {
  const start: StartLine = { kind: 'request', method, requestUri, version };
  if (!TOKEN_CHARS.test(method)) start.problem = t('bad method "{0}"', clip(method));
  else if (!isAbsoluteUri(requestUri)) start.problem = t('bad Request-URI "{0}"', clip(requestUri));
  // RFC 3261 §19.1.1: a SIP URI's ?headers are not allowed in a Request-URI (RFC 4475 escruri).
  else if (/^sips?:/i.test(requestUri) && hasUriHeaders(requestUri)) start.problem = t('bad Request-URI "{0}" (headers are not allowed in a Request-URI)', clip(requestUri));
  else if (!SIP_VERSION.test(version)) start.problem = t('bad SIP version "{0}"', clip(version));
  else if (version.toUpperCase() !== 'SIP/2.0') start.problem = t('unknown SIP version {0}', version);
  return start;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/**
 * The empty `problems` and `reasonHeaders` of every message that has none (most of them): one
 * frozen array instead of two per message, which adds up over hundreds of thousands.
 */
const NO_STRINGS = Object.freeze([]) as unknown as string[];

/**
 * Offsets of a parsed message's parts, relative to the SIP text from `begin` on: enough to
 * give back its start line, body and header list from the text alone (see store.ts).
 */
export interface MessageLayout {
  /** Offset in the text given to parseSipMessage where the message starts (blank lines skipped). */
  begin: number;
  /** End of the header block, from `begin`. */
  headerEnd: number;
  /** Start of the body, from `begin`. */
  bodyStart: number;
  /**
   * True when `body` is the text from bodyStart on, or a prefix of it; false when a UTF-8 body
   * cut short by Content-Length was decoded anew (its last character may differ).
   */
  bodyIsSlice: boolean;
}

/** The layout of a message made by parseSipMessage; undefined for one made any other way. */
export function messageLayout(sip: SipMessage): MessageLayout | undefined {
  return sip instanceof ParsedSipMessage ? sip : undefined;
}

/** The full header list of a message's SIP text (from its `begin`), as SipMessage.headers has it. */
export function headersIn(text: string, headerEnd: number): SipHeader[] {
  return collectHeaders(text, headerEnd);
}

/** A parsed message whose full header list is built only when asked for. */
class ParsedSipMessage implements SipMessage, MessageLayout {
  kind: SipMessage['kind'] = 'invalid';
  method?: string;
  requestUri?: string;
  status?: number;
  reason?: string;
  version?: string;
  startLineText = '';
  callId?: string;
  cseq?: CSeq;
  from?: NameAddr;
  to?: NameAddr;
  branch?: string;
  viaHost?: string;
  contentLength?: number;
  contentType?: string;
  reasonHeaders: string[] = NO_STRINGS;
  body = '';
  hasSdp = false;
  hasLinkHeader = false;
  problems: string[] = NO_STRINGS;
  private headerList?: SipHeader[];

  /** End of the header block (set once the header walk has found it). */
  headerEnd = 0;
  bodyStart = 0;
  bodyIsSlice = true;

  constructor(
    private readonly text: string,
    readonly begin: number,
  ) {}

  addProblem(problem: string): void {
    if (this.problems === NO_STRINGS) this.problems = [];
    this.problems.push(problem);
  }

  addReasonHeader(value: string): void {
    if (this.reasonHeaders === NO_STRINGS) this.reasonHeaders = [];
    this.reasonHeaders.push(value);
  }

  get headers(): SipHeader[] {
    this.headerList ??= collectHeaders(this.text, this.headerEnd);
    return this.headerList;
  }
}

/** Visits each (unfolded) header of the header block between `from` and `headerEnd`. */
function forEachHeader(
  text: string,
  from: number,
  headerEnd: number,
  visit: (rawName: string, value: string, line: number) => void,
  most = Infinity,
): void {
  let pos = from;
  let line = 1;
  for (let visited = 0; pos < headerEnd && visited < most; visited++) {
    const { end, next } = lineEnd(text, pos);
    const headerLine = line;
    let value = text.slice(pos, end);
    pos = next;
    line++;
    // Folded continuation lines start with white space (RFC 3261 §7.3.1).
    while (pos < headerEnd && isBlankOrSpace(text.charCodeAt(pos))) {
      const more = lineEnd(text, pos);
      value += ' ' + text.slice(pos, more.end).trim();
      pos = more.next;
      line++;
    }
    const colon = value.indexOf(':');
    if (colon <= 0) {
      visit('', value, headerLine);
      continue;
    }
    visit(value.slice(0, colon).trim(), value.slice(colon + 1).trim(), headerLine);
  }
}

/**
 * Headers a B2BUA copies from one leg into the other (legs/explicit.ts reads the link from them):
 * the parser only notes that a message has one (`hasLinkHeader`), so the legs stage reads the
 * headers of those messages alone rather than searching the whole trace for them.
 */
export const LINK_HEADERS: readonly string[] = ['x-call-id', 'x-cid', 'x-orig-call-id', 'session-id', 'p-charging-vector'];

/** Canonical names of the headers parseSipMessage reads; every other header is skipped. */
const PARSED_HEADERS = ['call-id', 'cseq', 'from', 'to', 'via', 'content-length', 'content-type', 'reason', 'contact', 'date', ...LINK_HEADERS];

/**
 * The lower-case spellings (long and compact) of the parsed headers with their codes (see
 * parsedHeaderCode), indexed by length, so a header line can be classified in place without
 * slicing its name.
 */
const PARSED_SPELLINGS: readonly (readonly (readonly [string, number])[] | undefined)[] = (() => {
  const byLength: [string, number][][] = [];
  for (const spelling of [...PARSED_HEADERS, ...Object.keys(COMPACT_HEADER_NAMES)]) {
    const code = PARSED_HEADERS.indexOf(canonicalHeaderName(spelling)) + 1;
    if (code === 0) continue;
    const list = (byLength[spelling.length] ??= []);
    if (!list.some(([s]) => s === spelling)) list.push([spelling, code]);
  }
  return byLength;
})();

/** parsedHeaderCode's codes of the headers a framing looks at itself. */
export const CONTENT_LENGTH_CODE = PARSED_HEADERS.indexOf('content-length') + 1;
export const CONTENT_TYPE_CODE = PARSED_HEADERS.indexOf('content-type') + 1;

/**
 * Which header parseSipMessage reads is named exactly `text[from, to)` (ASCII, no white space
 * around it), in any case and long or compact: a code from 1 on, or 0 for any other header.
 * Framings classify header lines with it while cutting a message out, and hand the parser the
 * codes (see HeaderIndex).
 */
export function parsedHeaderCode(text: string, from: number, to: number): number {
  const candidates = PARSED_SPELLINGS[to - from];
  if (candidates === undefined) return 0;
  for (let k = 0; k < candidates.length; k++) {
    const spelling = candidates[k]![0];
    let i = 0;
    for (; i < spelling.length; i++) {
      let c = text.charCodeAt(from + i);
      if (c >= 65 && c <= 90) c += 32;
      if (c !== spelling.charCodeAt(i)) break;
    }
    if (i === spelling.length) return candidates[k]![1];
  }
  return 0;
}

/**
 * Canonical name of the header whose name is `text[from, to)` when parseSipMessage reads it,
 * '' for a name that is empty after trimming, undefined for any other header; null when the
 * name holds non-ASCII characters (the caller then takes the general, allocating path, whose
 * Unicode trimming and case mapping this must not second-guess).
 */
function parsedHeaderAt(text: string, from: number, to: number): string | undefined | null {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) > 0x7f) return null;
  while (from < to && isAsciiTrimSpace(text.charCodeAt(from))) from++;
  while (to > from && isAsciiTrimSpace(text.charCodeAt(to - 1))) to--;
  if (from === to) return '';
  const code = parsedHeaderCode(text, from, to);
  return code === 0 ? undefined : PARSED_HEADERS[code - 1];
}

/** Reads the headers a HeaderIndex lists into `message`, as readHeaderBlock would read that block. */
function readIndexedHeaders(text: string, index: HeaderIndex, message: ParsedSipMessage, cache: ParseCache | undefined): void {
  for (let k = 3; k < index.length; k += 3) {
    readHeader(message, PARSED_HEADERS[index[k]! - 1]!, trimmedSlice(text, index[k + 1]! + 1, index[k + 2]!), cache);
  }
  message.headerEnd = index[1]!;
  message.bodyStart = index[2]!;
  headerWalk.foundBlank = true;
}

/**
 * Reads the header block that starts at `from` (the line after the start line) into `message`,
 * up to the first empty line, and sets where the block ends and the body starts. Like
 * forEachHeader, it unfolds continuation lines; only the headers in PARSED_HEADERS are read
 * (and lines without a name reported), the others skipped without slicing, which is most of
 * them in real traffic. One pass finds the block's end and reads its headers.
 */
function readHeaderBlock(text: string, from: number, message: ParsedSipMessage, cache: ParseCache | undefined): void {
  const length = text.length;
  let pos = from;
  for (let lines = 0; ; lines++) {
    if (pos >= length) {
      message.headerEnd = length;
      message.bodyStart = length;
      return;
    }
    const c = text.charCodeAt(pos);
    if (c === 10 || (c === 13 && text.charCodeAt(pos + 1) === 10)) {
      message.headerEnd = pos;
      message.bodyStart = pos + (c === 10 ? 1 : 2);
      headerWalk.foundBlank = true;
      return;
    }
    if (lines === MAX_HEADER_LINES) message.addProblem(t('more than {0} header lines: only the first {0} are listed', formatNumber(MAX_HEADER_LINES)));
    const lf = text.indexOf('\n', pos);
    const next = lf === -1 ? length : lf + 1;
    const end = lf === -1 ? length : lf > pos && text.charCodeAt(lf - 1) === 13 ? lf - 1 : lf;
    // (An empty line never starts with white space, so a fold never runs past the block.)
    if (isBlankOrSpace(text.charCodeAt(next))) {
      // Folded over several lines: unfold exactly as forEachHeader does.
      let value = text.slice(pos, end);
      pos = next;
      while (isBlankOrSpace(text.charCodeAt(pos))) {
        const more = lineEnd(text, pos);
        value += ' ' + text.slice(pos, more.end).trim();
        pos = more.next;
      }
      const colon = value.indexOf(':');
      if (colon <= 0) {
        readHeader(message, '', value, cache);
        continue;
      }
      const rawName = value.slice(0, colon).trim();
      readHeader(message, rawName ? canonicalHeaderName(rawName) : '', value.slice(colon + 1).trim(), cache);
      continue;
    }
    const lineStart = pos;
    pos = next;
    const colon = text.indexOf(':', lineStart);
    if (colon <= lineStart || colon >= end) {
      readHeader(message, '', text.slice(lineStart, end), cache);
      continue;
    }
    const name = parsedHeaderAt(text, lineStart, colon);
    if (name === undefined) continue;
    if (name === null) {
      const rawName = text.slice(lineStart, colon).trim();
      readHeader(message, rawName ? canonicalHeaderName(rawName) : '', text.slice(colon + 1, end).trim(), cache);
      continue;
    }
    readHeader(message, name, trimmedSlice(text, colon + 1, end), cache);
  }
}

/**
 * What the header walk of the message being parsed has seen, beside the message's own fields.
 * One object for all messages (parsing is never re-entered), reset by parseSipMessage.
 */
const headerWalk = {
  viaSeen: false,
  badCseq: false,
  contentLengthText: undefined as string | undefined,
  /** Headers that must appear once, as bits: Call-ID 1, CSeq 2, From 4, To 8. */
  seenOnce: 0,
  /** The header block ends with an empty line (else the message has no body). */
  foundBlank: false,
};

function resetHeaderWalk(): void {
  headerWalk.viaSeen = false;
  headerWalk.badCseq = false;
  headerWalk.contentLengthText = undefined;
  headerWalk.seenOnce = 0;
  headerWalk.foundBlank = false;
}

/** Reports a second copy of a header that must appear once. */
function once(message: ParsedSipMessage, bit: number, display: string): void {
  if (headerWalk.seenOnce & bit) message.addProblem(t('more than one {0} header', display));
  headerWalk.seenOnce |= bit;
}

/** Reads one header of the block: `name` canonical ('' for a line without a name). */
function readHeader(message: ParsedSipMessage, name: string, value: string, cache: ParseCache | undefined): void {
  if (!name) {
    message.addProblem(t('header line without a name: "{0}"', clip(value)));
    return;
  }
  switch (name) {
    case 'call-id':
      once(message, 1, 'Call-ID');
      if (message.callId === undefined) message.callId = shared(cache?.callIds, value, value);
      break;
    case 'cseq':
      once(message, 2, 'CSeq');
      if (message.cseq === undefined) {
        const cseqs = cache?.cseqs;
        message.cseq = cseqs?.get(value);
        if (message.cseq === undefined) {
          message.cseq = parseCSeq(value);
          if (!message.cseq) {
            headerWalk.badCseq = true;
            message.addProblem(t('bad CSeq "{0}"', clip(value)));
          }
          else if (cseqs) shared(cseqs, value, message.cseq);
        }
      }
      break;
    case 'from':
    case 'to': {
      const isFrom = name === 'from';
      once(message, isFrom ? 4 : 8, isFrom ? 'From' : 'To');
      if (isFrom ? message.from : message.to) break;
      const addrs = cache && (isFrom ? cache.from : cache.to);
      let addr = addrs?.get(value);
      if (addr === undefined) {
        const display = isFrom ? 'From' : 'To';
        const problem = nameAddrProblem(display, value) ?? bareUriProblem(display, value);
        if (problem) message.addProblem(problem);
        addr = parseNameAddr(value);
        // Only well-formed values are shared, so a cache hit never owes a problem.
        if (addrs && !problem) {
          if (addrs.size >= CACHE_LIMIT) addrs.clear();
          addrs.set(value, addr);
        }
      }
      if (isFrom) message.from = addr;
      else message.to = addr;
      break;
    }
    case 'via':
      if (!headerWalk.viaSeen) {
        headerWalk.viaSeen = true;
        if (readPlainVia(value, message, cache?.viaHosts)) break;
        const problem = viaProblem(value);
        if (problem) message.addProblem(problem);
        const via = parseVia(value, cache?.viaHosts);
        message.branch = via.branch;
        message.viaHost = via.host;
      }
      break;
    case 'content-length': {
      const seen = headerWalk.contentLengthText;
      if (seen !== undefined && seen !== value) {
        message.addProblem(t('conflicting Content-Length values {0} and {1}', clip(seen), clip(value)));
      }
      headerWalk.contentLengthText ??= value;
      break;
    }
    case 'content-type':
      message.contentType ??= commonWord(value);
      break;
    case 'reason':
      message.addReasonHeader(value);
      break;
    case 'contact': {
      const problem = bareUriProblem('Contact', value);
      if (problem) message.addProblem(problem);
      break;
    }
    case 'date': {
      const problem = dateProblem(value);
      if (problem) message.addProblem(problem);
      break;
    }
    case 'x-call-id':
    case 'x-cid':
    case 'x-orig-call-id':
    case 'session-id':
    case 'p-charging-vector':
      message.hasLinkHeader = true;
      break;
  }
}

/**
 * The most header lines of a message that are read into its header list. Real messages have tens;
 * a junk "message" of millions of lines would make an object of each (an 84 MB one took 2 GB), so
 * past this the parse reports them and the list stops.
 */
export const MAX_HEADER_LINES = 10_000;

function collectHeaders(text: string, headerEnd: number): SipHeader[] {
  const headers: SipHeader[] = [];
  const first = lineEnd(text, 0).next;
  forEachHeader(
    text,
    first,
    headerEnd,
    (rawName, value, line) => {
      if (rawName) headers.push({ name: canonicalHeaderName(rawName), rawName, value, line });
    },
    MAX_HEADER_LINES,
  );
  return headers;
}

/** As `/[ \t]$/.test(text)`. */
function endsWithSpaceOrTab(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  return last === 32 || last === 9;
}

/**
 * Parses one SIP message. Never throws: problems are reported in `problems`. `index`, what the
 * framing found of the header block, spares reading its lines again; it is ignored unless it
 * was made for this text.
 */
export function parseSipMessage(text: string, options: ParseOptions = {}, index?: HeaderIndex): SipMessage {
  // Skip blank lines before the start line (RFC 3261 §7.5 allows them on streams).
  let begin = 0;
  while (begin < text.length) {
    const { end, next } = lineEnd(text, begin);
    if (end > begin) break;
    begin = next;
  }
  const body = text.slice(begin);
  const first = lineEnd(body, 0);
  const message = new ParsedSipMessage(body, begin);
  message.startLineText = body.slice(0, first.end);
  const start = parseStartLine(message.startLineText.trim());
  if (start.kind === 'request' && !start.problem && endsWithSpaceOrTab(message.startLineText)) {
    start.problem = t('bad start line "{0}" (white space after the SIP version)', clip(message.startLineText));
  }
  message.kind = start.kind;
  message.method = start.method;
  message.requestUri = start.requestUri;
  message.status = start.status;
  message.reason = start.reason;
  message.version = start.version;
  if (start.problem) message.addProblem(start.problem);

  resetHeaderWalk();
  if (index !== undefined && begin === 0 && index[0] === text.length) readIndexedHeaders(body, index, message, options.cache);
  else readHeaderBlock(body, first.next, message, options.cache);
  const { viaSeen, badCseq, contentLengthText, foundBlank } = headerWalk;

  if (message.kind !== 'invalid') {
    if (!message.callId) message.addProblem(t('missing Call-ID header'));
    if (!message.cseq && !badCseq) message.addProblem(t('missing CSeq header'));
    if (!message.from) message.addProblem(t('missing From header'));
    if (!message.to) message.addProblem(t('missing To header'));
    if (!viaSeen) message.addProblem(t('missing Via header'));
    if (message.kind === 'request' && message.cseq && message.method && message.cseq.method !== message.method) {
      // Every request's CSeq names its own method (ACK and CANCEL reuse only the INVITE's number).
      message.addProblem(t('CSeq method {0} does not match request method {1}', message.cseq.method, String(message.method)));
    }
  }

  message.body = foundBlank ? body.slice(message.bodyStart) : '';
  if (contentLengthText !== undefined) {
    if (!/^\d+$/.test(contentLengthText)) {
      message.addProblem(t('bad Content-Length "{0}"', clip(contentLengthText)));
    } else {
      const length = Number(contentLengthText);
      message.contentLength = length;
      const available = byteLength(message.body, options.latin1 === true);
      if (options.bytesIntact && length > available) {
        message.addProblem(t('Content-Length {0} is larger than the body ({1} bytes): the message is truncated', length, available));
      }
      if (length < available && options.bytesIntact) {
        const prefix = bodyPrefix(message.body, length, options.latin1 === true);
        message.bodyIsSlice = message.body.startsWith(prefix);
        message.body = prefix;
      }
    }
  }
  const type = message.contentType?.toLowerCase() ?? '';
  message.hasSdp = type.startsWith('application/sdp') || (type === '' && /^v=0\r?$/m.test(message.body.slice(0, 8)));
  return message;
}
