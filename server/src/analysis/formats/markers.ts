// Marker lines of every framing, recognised without allocating: a switch on the first
// character rules most lines out, then one sticky regex confirms in place.
import { isBaresipMarkerAt } from './baresip';
import type { LineCursor } from './cursor';
import { readSippDashes } from './sippMarker';
import { isWiresharkFrameAt } from './wireshark';

export type MarkerKind =
  | 'sipp'
  | 'pjsip'
  | 'chansip-read'
  | 'chansip-tx'
  | 'freeswitch'
  | 'kamailio'
  | 'ngrep'
  | 'sngrep'
  | 'baresip'
  | 'wireshark'
  | 'capture-text';

// All patterns are sticky (`y`, matched at lastIndex) and multi-line (`$` = end of line).
// SIPp's markers, which head every message of the commonest big traces, are read by character
// codes instead (sippMarker.ts).

export const PJSIP_MARKER =
  /<--- (Received|Transmitting) SIP (?:request|response) \((\d+) bytes\) (?:from|to) ([A-Za-z0-9]+):(\S+?):(\d+) --->[ \t]*\r?$/my;

export const CHANSIP_READ = /<--- SIP read from (?:([A-Za-z]+):)?(\S+?):(\d+) --->[ \t]*\r?$/my;
export const CHANSIP_TX = /(<--- )?(?:Reliably )?Transmitting \((?:no )?NAT\) to (?:([A-Za-z]+):)?(\S+?):(\d+)(?: --->|:)[ \t]*\r?$/my;
export const CHANSIP_ARROW_CLOSE = /<-{3,}>[ \t]*\r?$/my;
export const CHANSIP_DASH_CLOSE = /-{3,}[ \t]*\r?$/my;
export const CHANSIP_SUMMARY = /--- \(\d+ headers? \d+ lines?\)/y;

export const FS_MARKER =
  /(recv|send) (\d+) bytes (?:from|to) ([A-Za-z0-9-]+)\/\[([^\]\s]+)\]:(\d+)[^\r\n]*? at (\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?:[ \t]*\r?$/my;
export const DASH_LINE = /[ \t]*-{20,}[ \t]*\r?$/my;

export const KAMAILIO_MARKER = /={20}[ \t]*\r?$/my;
export const KAMAILIO_FIELD = /([a-z]+):[ \t]?([^\r\n]*)/my;
export const KAMAILIO_OPEN = /~{20}[ \t]*\r?$/my;
export const KAMAILIO_CLOSE_MARK = '||||||||||||||||||||';

// `U 2013/07/19 22:17:34.920749 1.2.3.4:5060 -> 5.6.7.8:5060 [AP] #12`, then end of line
// (byline, wrapped) or a space and the whole packet (single).
export const NGREP_MARKER =
  /([UT]) (?:(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d+))? )?(?:\+\d+\.\d+ )?(\S+?):(\d+) -> (\S+?):(\d+)(?: \[[A-Z]*\])?(?: #\d+)?(?:( )(?=[A-Z])|[ \t]*\r?$)/my;

export const SNGREP_MARKER =
  /(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d+))? (\S+?):(\d+) -> (\S+?):(\d+)[ \t]*\r?$/my;

// A capture rendered as text: `#12 2026-11-21 23:22:27.183456 UDP 192.0.2.1:5060 -> 192.0.2.2:5060`.
export const CAPTURE_MARKER =
  /#(\d+) (\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))? ([A-Za-z]+) (\S+?):(\d+) -> (\S+?):(\d+)(?: \((\d+) IP fragments\))?(?: \((ICMP|ICMPv6) ([a-z ]+?) from (\S+) in #(\d+)\))?[ \t]*\r?$/my;

// `[Mar 30 13:35:40] VERBOSE[123] `, `[2023-03-30 13:35:40.123] VERBOSE[123][C-00000001] `, and
// the full log's `[Nov 21 23:22:18] VERBOSE[26242][C-00000001] res_pjsip_logger.c: ` with the
// call identifier and the source file (the `%b %e` date pads a one-digit day with a space).
export const ASTERISK_PREFIX =
  /\[(?:[A-Z][a-z]{2} {1,2}\d{1,2} |(\d{4})-(\d{2})-(\d{2}) )(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?\] ([A-Z]+)\[\d+\](?:\[[^\]\r\n]*\])*(?: [A-Za-z0-9_.-]+\.[ch]:(?= |$))? ?/my;

export function testAt(re: RegExp, text: string, at: number): boolean {
  re.lastIndex = at;
  return re.test(text);
}

export function execAt(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

/**
 * End of an Asterisk log prefix at `at` on the cursor's text, or -1. The answer and the match
 * are remembered on the cursor: the splitter asks about a marker line's prefix when it ends the
 * message before and when it starts the next, and the reader then wants the prefix's time.
 */
export function asteriskPrefixEnd(c: LineCursor, at: number): number {
  if (c.prefixMemoAt === at) return c.prefixMemoEnd;
  const text = c.text;
  if (text.charCodeAt(at) !== 91) return -1;
  const m = execAt(ASTERISK_PREFIX, text, at);
  c.prefixMemoAt = at;
  c.prefixMemoMatch = m;
  c.prefixMemoEnd = m ? ASTERISK_PREFIX.lastIndex : -1;
  return c.prefixMemoEnd;
}

/** ASTERISK_PREFIX matched at `at` and where the match ends: asteriskPrefixEnd's, or a new one. */
export function asteriskPrefixMatch(text: string, at: number, c?: LineCursor): { match: RegExpExecArray; end: number } | undefined {
  if (c !== undefined && c.prefixMemoAt === at && c.text === text) {
    return c.prefixMemoMatch ? { match: c.prefixMemoMatch, end: c.prefixMemoEnd } : undefined;
  }
  const match = execAt(ASTERISK_PREFIX, text, at);
  return match ? { match, end: ASTERISK_PREFIX.lastIndex } : undefined;
}

/** The last marker pattern findMarkerAt matched with matchedAt, and its match (see markerMatch). */
let lastPattern: RegExp | undefined;
let lastMatch: RegExpExecArray | null = null;

/** `re` matched at `at`, remembered for markerMatch. */
function matchedAt(re: RegExp, text: string, at: number): boolean {
  lastPattern = re;
  lastMatch = execAt(re, text, at);
  return lastMatch !== null;
}

/**
 * Which marker, if any, starts exactly at `at` on the cursor's line. A marker found is
 * remembered on the cursor: one offset lies on one line, so the answer for it never changes.
 * (Most lines are ruled out by their first character, which costs less than remembering.)
 */
export function markerAt(c: LineCursor, at: number): MarkerKind | undefined {
  if (at === c.markerMemoAt) return c.markerMemo as MarkerKind | undefined;
  lastPattern = undefined;
  lastMatch = null;
  const kind = findMarkerAt(c, at);
  if (kind !== undefined) {
    c.markerMemoAt = at;
    c.markerMemo = kind;
    c.markerPattern = lastPattern;
    c.markerMatch = lastMatch;
  }
  // Not left behind to keep the text alive.
  lastPattern = undefined;
  lastMatch = null;
  return kind;
}

/**
 * `re` matched at `at`: the match markerAt made when it found the marker there, or a new one.
 * Readers call it for their marker line, which the splitter has just recognised.
 */
export function markerMatch(c: LineCursor, re: RegExp, at: number): RegExpExecArray | null {
  if (c.markerMemoAt === at && c.markerPattern === re && c.markerMatch !== null) return c.markerMatch;
  return execAt(re, c.text, at);
}

function findMarkerAt(c: LineCursor, at: number): MarkerKind | undefined {
  const text = c.text;
  if (at >= c.end) return undefined;
  switch (text.charCodeAt(at)) {
    case 45 /* - */: {
      if (text.charCodeAt(at + 5) !== 45) return undefined;
      return readSippDashes(text, at) ? 'sipp' : undefined;
    }
    case 60 /* < */:
      if (!text.startsWith('<--- ', at)) return undefined;
      if (matchedAt(PJSIP_MARKER, text, at)) return 'pjsip';
      if (testAt(CHANSIP_READ, text, at)) return 'chansip-read';
      if (testAt(CHANSIP_TX, text, at)) return 'chansip-tx';
      return undefined;
    case 82 /* R */:
    case 84 /* T */:
      if (text.charCodeAt(at + 1) === 32) return testAt(NGREP_MARKER, text, at) ? 'ngrep' : undefined;
      if (text.charCodeAt(at + 1) === 114 /* r */ || text.charCodeAt(at + 1) === 101 /* e */) {
        return testAt(CHANSIP_TX, text, at) ? 'chansip-tx' : undefined;
      }
      return text.charCodeAt(at) === 84 && isBaresipMarkerAt(c, at) ? 'baresip' : undefined;
    case 85 /* U */:
      if (text.charCodeAt(at + 1) === 32) return testAt(NGREP_MARKER, text, at) ? 'ngrep' : undefined;
      return isBaresipMarkerAt(c, at) ? 'baresip' : undefined;
    case 87 /* W */:
      return isBaresipMarkerAt(c, at) ? 'baresip' : undefined;
    case 70 /* F */:
      return text.charCodeAt(at + 5) === 32 && isWiresharkFrameAt(text, at) ? 'wireshark' : undefined;
    case 114 /* r */:
    case 115 /* s */:
      return text.charCodeAt(at + 4) === 32 && matchedAt(FS_MARKER, text, at) ? 'freeswitch' : undefined;
    case 35 /* # */:
      return text.charCodeAt(at + 1) >= 48 && text.charCodeAt(at + 1) <= 57 && testAt(CAPTURE_MARKER, text, at) ? 'capture-text' : undefined;
    case 61 /* = */:
      if (c.end - at < 20 || !testAt(KAMAILIO_MARKER, text, at)) return undefined;
      // Lines of '=' are common decoration; sipdump's is followed by its fields.
      return text.startsWith('tag:', c.next) || text.startsWith('pid:', c.next) ? 'kamailio' : undefined;
    default: {
      const ch = text.charCodeAt(at);
      if (ch >= 48 && ch <= 57 && text.charCodeAt(at + 4) === 47 && testAt(SNGREP_MARKER, text, at)) return 'sngrep';
      return undefined;
    }
  }
}
