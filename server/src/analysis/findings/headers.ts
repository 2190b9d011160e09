// One header of a message, read from its text without building its whole header list.
//
// The findings ask for a header no column holds (Retry-After, WWW-Authenticate, Warning…) on a
// few messages of many calls. `SipMessage.headers` would slice, unfold and name every line of
// the message (and the store keeps only a few such lists), so this walks the header block line
// by line, compares each name in place, and slices only the values asked for. It reads the text
// exactly as the parser and `headers` do: blank lines before the start line skipped, the block
// ended by the first empty line, folded lines unfolded, names trimmed, matched without case and
// with their compact forms.
import { canonicalHeaderName, COMPACT_HEADER_NAMES } from '../sipDocs';

/** Lower-case spellings (long and compact) whose canonical name is the key. */
const SPELLINGS = new Map<string, readonly string[]>();

function spellingsOf(name: string): readonly string[] {
  let spellings = SPELLINGS.get(name);
  if (spellings === undefined) {
    const list: string[] = [];
    if (canonicalHeaderName(name) === name) list.push(name);
    for (const [compact, long] of Object.entries(COMPACT_HEADER_NAMES)) if (long.toLowerCase() === name) list.push(compact);
    SPELLINGS.set(name, (spellings = list));
  }
  return spellings;
}

function isBlankOrSpace(code: number): boolean {
  return code === 32 || code === 9;
}

/** White space as String.prototype.trim removes it, within ASCII. */
function isAsciiTrimSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

/** End of the line starting at `from`, without its CR. */
function endOfLine(text: string, lf: number, from: number): number {
  if (lf === -1) return text.length;
  return lf > from && text.charCodeAt(lf - 1) === 13 ? lf - 1 : lf;
}

/**
 * Is `text[from, to)`, a header's raw name, one of `spellings` once trimmed and lower-cased?
 * Undefined when the name holds non-ASCII characters (Unicode trimming and case mapping are
 * then left to canonicalHeaderName).
 */
function nameIs(text: string, from: number, to: number, spellings: readonly string[]): boolean | undefined {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) > 0x7f) return undefined;
  while (from < to && isAsciiTrimSpace(text.charCodeAt(from))) from++;
  while (to > from && isAsciiTrimSpace(text.charCodeAt(to - 1))) to--;
  for (const spelling of spellings) {
    if (spelling.length !== to - from) continue;
    let i = 0;
    for (; i < spelling.length; i++) {
      let c = text.charCodeAt(from + i);
      if (c >= 65 && c <= 90) c += 32;
      if (c !== spelling.charCodeAt(i)) break;
    }
    if (i === spelling.length) return true;
  }
  return false;
}

/**
 * Values of the headers of a SIP text whose canonical name is `name` (lower-case long form), in
 * order, as `parseSipMessage(text).headers` lists them; `first` stops at the first one.
 */
export function headerValuesIn(text: string, name: string, first = false): string[] {
  const spellings = spellingsOf(name);
  const values: string[] = [];
  // Blank lines before the start line are skipped, then the start line itself.
  let pos = 0;
  while (pos < text.length) {
    const lf = text.indexOf('\n', pos);
    const blank = endOfLine(text, lf, pos) <= pos;
    pos = lf === -1 ? text.length : lf + 1;
    if (!blank) break;
  }
  while (pos < text.length) {
    const c = text.charCodeAt(pos);
    // The first empty line ends the header block.
    if (c === 10 || (c === 13 && text.charCodeAt(pos + 1) === 10)) break;
    const lineStart = pos;
    const lf = text.indexOf('\n', pos);
    const end = endOfLine(text, lf, pos);
    pos = lf === -1 ? text.length : lf + 1;
    if (pos < text.length && isBlankOrSpace(text.charCodeAt(pos))) {
      // Folded over several lines: unfolded as the header list unfolds them.
      let value = text.slice(lineStart, end);
      while (pos < text.length && isBlankOrSpace(text.charCodeAt(pos))) {
        const more = text.indexOf('\n', pos);
        value += ' ' + text.slice(pos, endOfLine(text, more, pos)).trim();
        pos = more === -1 ? text.length : more + 1;
      }
      const colon = value.indexOf(':');
      if (colon <= 0) continue;
      const rawName = value.slice(0, colon).trim();
      if (rawName && canonicalHeaderName(rawName) === name) {
        values.push(value.slice(colon + 1).trim());
        if (first) return values;
      }
      continue;
    }
    const colon = text.indexOf(':', lineStart);
    if (colon <= lineStart || colon >= end) continue;
    let matches = nameIs(text, lineStart, colon, spellings);
    if (matches === undefined) {
      const rawName = text.slice(lineStart, colon).trim();
      matches = rawName !== '' && canonicalHeaderName(rawName) === name;
    }
    if (matches) {
      values.push(text.slice(colon + 1, end).trim());
      if (first) return values;
    }
  }
  return values;
}
