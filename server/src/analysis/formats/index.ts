// Format detection and message splitting: one pass over the text, line by line. Every line is
// asked "does a message start here?" — a marker of some framing, or a bare SIP start line —
// and the matching reader cuts the message out. Everything else is skipped unexamined beyond a
// first-character test, so unrelated log lines cost almost nothing.
import { formatNumber, t } from '../l10n';
import type { FileFormat, FormatId, FramedMessage, TraceNotice } from '../types';
import { asteriskPrefixTime, asteriskVerboseStrip, readAsterisk } from './asterisk';
import { audiocodesMarkerIn, readAudiocodes } from './audiocodes';
import { readBaresip } from './baresip';
import { readCaptureText } from './captureText';
import { isCiscoMarkerAt, readCisco } from './cisco';
import { LineCursor } from './cursor';
import type { Emitter } from './emit';
import { checkEncoding } from './encoding';
import { readFreeswitch } from './freeswitch';
import { readKamailio } from './kamailio';
import { isLinphoneMarkerAt, readLinphone } from './linphone';
import { asteriskPrefixEnd, markerAt, type MarkerKind } from './markers';
import { readNgrep } from './ngrep';
import { isPjsipAppMarkerAt, readPjsipApp } from './pjsipApp';
import { foundPrefix, linePrefixEnd, prefixTime, samePrefix, type PrefixKind } from './prefixes';
import { readRaw } from './raw';
import { isRibbonMarkerAt, readRibbon } from './ribbon';
import { readSipp } from './sipp';
import { findStartLineIn, isSipStartLineAt } from './sipText';
import { readSngrep } from './sngrep';
import { readWireshark } from './wireshark';
import { MidnightUnroller } from './values';

export { CancellationError } from './cursor';

export interface SplitResult {
  format: FileFormat;
  messages: FramedMessage[];
  notices: TraceNotice[];
  /** Number of lines in the text (one more than its line feeds), counted while splitting. */
  lineCount: number;
}

/** What a split says of the whole text once every message has been handed out. */
export type SplitSummary = Omit<SplitResult, 'messages'> & {
  /** How many messages were handed out. */
  count: number;
};

export interface SplitOptions {
  /** Consulted every few thousand lines; when it returns true a CancellationError is thrown. */
  isCancelled?: () => boolean;
  /** Most messages handed out; the split stops there with a notice (see MAX_MESSAGES in analyze.ts). */
  maxMessages?: number;
  /** Told every few thousand lines how much of the text has been read (0–1). */
  onProgress?: (fraction: number) => void;
}

// Any `SIP/x.y`: an unknown version still frames a message, so the parser can report it.
const SIP_VERSION = 'SIP/';

/**
 * Messages kept back before they are handed out: a reader may still join the last one or amend
 * it (a body read over TCP, a prefix's time), so only those before it are final. Handing them
 * out in batches keeps the window's array from being trimmed and grown for every message.
 */
const HAND_OUT_BATCH = 64;

/** Splits the whole text into its messages, as a list (see splitTraceInto). */
export function splitTrace(text: string, options: SplitOptions = {}): SplitResult {
  const messages: FramedMessage[] = [];
  const summary = splitTraceInto(text, (m) => messages.push(m), options);
  return { format: summary.format, messages, notices: summary.notices, lineCount: summary.lineCount };
}

/**
 * Splits the text and hands each message to `take` in file order as soon as it is final, so
 * the caller can parse and keep it while the split goes on: no list of every message is held.
 */
export function splitTraceInto(text: string, take: (message: FramedMessage) => void, options: SplitOptions = {}): SplitSummary {
  const encoding = checkEncoding(text);
  if (encoding.notice) return { format: 'unknown', count: 0, notices: [encoding.notice], lineCount: countLines(text) };

  const { isCancelled, onProgress } = options;
  // The cursor consults this every few thousand lines: the place to tell how far it has read too.
  const checkpoint = onProgress
    ? (): boolean => {
        onProgress(cursor.start / Math.max(1, text.length));
        return isCancelled?.() ?? false;
      }
    : isCancelled;
  const cursor: LineCursor = new LineCursor(text, checkpoint);
  /** Messages read but not handed out yet (the last few). */
  const messages: FramedMessage[] = [];
  const notices: TraceNotice[] = [];
  const ctx: Emitter = {
    text,
    cursor,
    messages,
    notices,
    isMarker: () => isMarkerLine(cursor),
  };

  const midnight = new MidnightUnroller();
  const formats = new Set<FormatId>();
  let count = 0;
  const maxMessages = options.maxMessages ?? Infinity;
  /** Line of the last message handed out. */
  let lastLine = -1;
  /** Hands out all messages of the window but the last `keep`, up to the most wanted. */
  const handOut = (keep: number) => {
    const n = Math.min(messages.length - keep, maxMessages - count);
    for (let i = 0; i < n; i++) {
      const message = messages[i]!;
      midnight.next(message.time);
      formats.add(message.format);
      take(message);
      lastLine = message.lastLine;
    }
    count += n;
    messages.splice(0, n);
  };

  // Offset of the next `SIP/2.0` at or after the current line: one native scan over the whole
  // text tells which skipped lines could hold a start line at all.
  let sipAt = text.indexOf(SIP_VERSION, encoding.offset);
  if (sipAt < 0) sipAt = text.length;

  while (!cursor.eof) {
    const line = cursor.line;
    const lineStart = line === 0 ? cursor.start + encoding.offset : cursor.start;
    if (sipAt < lineStart) {
      sipAt = text.indexOf(SIP_VERSION, lineStart);
      if (sipAt < 0) sipAt = text.length;
    }
    tryLine(ctx, lineStart, sipAt);
    if (messages.length > HAND_OUT_BATCH) handOut(1);
    if (count + messages.length > maxMessages) break;
    if (cursor.line === line) cursor.advance();
  }
  // More messages than wanted were read: the ones past the most are left out, and said so.
  const stopped = count + messages.length > maxMessages;
  handOut(0);

  // The cursor stops on the line that starts at the end of the text: after a final line feed
  // that (empty) line is one more line; otherwise the last line was already counted.
  let lineCount = text.length === 0 || text.charCodeAt(text.length - 1) === 10 ? cursor.line + 1 : cursor.line;
  if (stopped) {
    lineCount = countLines(text);
    notices.push({
      kind: 'too-large',
      line: lastLine + 1,
      message: t(
        'Only the first {0} SIP messages were read (to line {1}): more than SIP Lens holds at once. Split the file at line ends (e.g. `split -C 100M FILE part-`) and open the parts.',
        formatNumber(count),
        formatNumber(lastLine + 1),
      ),
    });
  }

  let format: FileFormat = 'unknown';
  if (formats.size === 1) format = formats.values().next().value as FormatId;
  else if (formats.size > 1) format = 'mixed';
  if (count === 0) {
    notices.push({ kind: 'no-sip', message: t('No SIP messages were found in this file.') });
  }
  return { format, count, notices, lineCount };
}

function countLines(text: string): number {
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}

/** Try to read a message starting on the cursor's line. */
function tryLine(ctx: Emitter, lineStart: number, sipAt: number): boolean {
  const c = ctx.cursor;
  const text = c.text;
  const kind = markerAt(c, lineStart);
  if (kind) return readMarked(ctx, kind, lineStart, lineStart);

  const first = text.charCodeAt(lineStart);
  if (first === 91 /* [ */) {
    const after = asteriskPrefixEnd(c, lineStart);
    if (after >= 0) {
      const inner = markerAt(c, after);
      if (inner === 'pjsip' || inner === 'chansip-read' || inner === 'chansip-tx') return readAsterisk(ctx, inner, lineStart, after);
      if (isSipStartLineAt(text, after, c.end)) {
        return readRaw(ctx, lineStart, after, asteriskVerboseStrip, asteriskPrefixTime(text, lineStart));
      }
      return false;
    }
    // otherwise maybe a logger's bare `[date] ` on every line: a per-line prefix below
  }

  const log = logMarkerAt(c, lineStart);
  if (log) return readLogMarked(ctx, log, lineStart);

  const content = linePrefixEnd(text, lineStart, c.end);
  if (content >= 0 && readPrefixed(ctx, lineStart, foundPrefix, content, sipAt)) return true;

  if (sipAt >= c.end) return false;
  if (isSipStartLineAt(text, lineStart, c.end)) return readRaw(ctx, lineStart, lineStart);
  // AudioCodes syslog puts its marker and the whole message (line breaks escaped) on one line.
  const ac = audiocodesMarkerIn(text, lineStart, sipAt);
  if (ac >= 0 && readAudiocodes(ctx, lineStart, ac)) return true;
  const at = findStartLineIn(text, lineStart, c.end, sipAt);
  return at >= 0 ? readRaw(ctx, lineStart, at) : false;
}

type LogMarker = 'cisco' | 'pjsip-app' | 'linphone' | 'ribbon';

/**
 * Markers that begin with the log's own time stamp (or stand alone), tested only on lines whose
 * first character can start one.
 */
function logMarkerAt(c: LineCursor, at: number): LogMarker | undefined {
  const ch = c.text.charCodeAt(at);
  if (ch >= 48 && ch <= 57) {
    if (isPjsipAppMarkerAt(c, at)) return 'pjsip-app';
    if (isLinphoneMarkerAt(c, at)) return 'linphone';
    if (isRibbonMarkerAt(c, at)) return 'ribbon';
    return isCiscoMarkerAt(c, at) ? 'cisco' : undefined;
  }
  if (ch === 42 /* * */ || ch === 46 /* . */ || ch === 47 /* / */ || (ch >= 65 && ch <= 90)) {
    return isCiscoMarkerAt(c, at) ? 'cisco' : undefined;
  }
  return undefined;
}

function readLogMarked(ctx: Emitter, kind: LogMarker, at: number): boolean {
  switch (kind) {
    case 'cisco':
      return readCisco(ctx, at);
    case 'pjsip-app':
      return readPjsipApp(ctx, at);
    case 'linphone':
      return readLinphone(ctx, at);
    case 'ribbon':
      return readRibbon(ctx, at);
  }
}

/**
 * A marker or a start line behind a per-line prefix (time stamp, syslog header, comment or quote
 * marker): the cursor drops that prefix from every line while the message is read, and the
 * message takes the prefix's time where its framing has none.
 */
function readPrefixed(ctx: Emitter, lineStart: number, kind: PrefixKind, at: number, sipAt: number): boolean {
  const c = ctx.cursor;
  const text = c.text;
  const inner = at < c.end ? markerAt(c, at) : undefined;
  const log = inner ? undefined : logMarkerAt(c, at);
  const start = !inner && !log && sipAt < c.end && isSipStartLineAt(text, at, c.end);
  if (!inner && !log && !start) return false;
  const before = ctx.messages.length;
  c.setPrefix(samePrefix(text, lineStart, { kind, end: at }));
  let read = false;
  try {
    if (inner) read = readMarked(ctx, inner, c.start, c.start);
    else if (log) read = readLogMarked(ctx, log, c.start);
    else read = readRaw(ctx, c.start, c.start);
  } finally {
    c.setPrefix(undefined);
  }
  if (read && ctx.messages.length > before) {
    const message = ctx.messages[before]!;
    if (!message.time) {
      const time = prefixTime(text, lineStart, at, kind);
      if (time) message.time = time;
    }
  }
  return read;
}

function readMarked(ctx: Emitter, kind: MarkerKind, lineStart: number, at: number): boolean {
  switch (kind) {
    case 'sipp':
      return readSipp(ctx, at);
    case 'pjsip':
    case 'chansip-read':
    case 'chansip-tx':
      return readAsterisk(ctx, kind, lineStart, at);
    case 'freeswitch':
      return readFreeswitch(ctx, at);
    case 'kamailio':
      return readKamailio(ctx);
    case 'ngrep':
      return readNgrep(ctx, at);
    case 'sngrep':
      return readSngrep(ctx, at);
    case 'baresip':
      return readBaresip(ctx, at);
    case 'wireshark':
      return readWireshark(ctx, at);
    case 'capture-text':
      return readCaptureText(ctx, at);
  }
}

/** A marker of any framing on the cursor's line, also behind an Asterisk log prefix. */
function isMarkerLine(c: LineCursor): boolean {
  if (markerAt(c, c.start)) return true;
  if (c.text.charCodeAt(c.start) !== 91) return false;
  const after = asteriskPrefixEnd(c, c.start);
  return after >= 0 && markerAt(c, after) !== undefined;
}
