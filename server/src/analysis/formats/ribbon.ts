// Ribbon (Sonus) SBC Core logs. Every log entry starts with its length, the date (MMDDYYYY), the
// time with microseconds, a sequence number, the level and the subsystem:
//   `339 09202018 165651.570846:1.01.00.38344.Info .SIPCM: …`
// Two kinds of entry carry SIP messages:
// - the debug log (.DBG) writes each message the SBC reads from a socket:
//   `… .SIPCM: SipFeSocketRecvMsg - msg = INVITE sip:… SIP/2.0` on the entry's line, the rest of
//   the message on the lines after, then `, msgLen = 818.` on a line of its own. Received only:
//   the entry names no peer. Over TCP the headers and the body may come as two entries, the
//   second one's `msg = ` starting with the body (`v=0`): it is joined to the headers before it.
// - the call trace (.TRC) writes both directions with both addresses:
//   `… EXTRA INFO: Ingress: received msg for CallId:… gcid:0xDDB from IP/port:192.0.2.10/5060,
//   Local IP/port:192.0.2.1/5060` (or `sent msg for CallId:… to IP/port:…`), a `RAW PDU:` line,
//   then the message up to the next entry.
import type { FramedMessage, TraceTime } from '../types';
import { NO_STRIP, readMessage } from './collect';
import type { LineCursor } from './cursor';
import { emit, type Emitter } from './emit';
import { execAt, testAt } from './markers';
import { indexInLine, isSipStartLineAt } from './sipText';
import { datedTime, endpoint } from './values';

/** The entry header: length, date, time, sequence number, level and subsystem. */
const ENTRY = String.raw`\d+ (\d{2})(\d{2})(\d{4}) (\d{2})(\d{2})(\d{2})\.(\d{1,6}):[\d.]+\.[A-Za-z]+ \.[A-Za-z0-9]+:`;
const ENTRY_START = new RegExp(ENTRY, 'y');
const DBG_MARKER = new RegExp(ENTRY + String.raw`[^\r\n]*? SipFeSocketRecvMsg - msg = `, 'y');
const TRC_MARKER = new RegExp(
  ENTRY +
    String.raw`[^\r\n]*? (received|sent) msg for CallId:\S*(?: gcid:\S+)? (?:from|to) IP\/port:(\S+?)\/(\d+), Local IP\/port:(\S+?)\/(\d+)(?:,[^\r\n]*)?[ \t]*\r?$`,
  'my',
);
const RAW_PDU = /RAW PDU:[ \t]*\r?$/my;
const MSG_LEN = /, msgLen = (\d+)\./y;

const DBG_TEXT = 'SipFeSocketRecvMsg - msg = ';
const TRC_TEXT = ' msg for CallId:';

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Where the entry header's date starts (after the length and a space), or -1. */
function dateAt(text: string, at: number): number {
  let i = at;
  while (i < at + 7 && isDigit(text.charCodeAt(i))) i++;
  if (i === at || text.charCodeAt(i) !== 32) return -1;
  // `MMDDYYYY HHMMSS.`
  return text.charCodeAt(i + 9) === 32 && text.charCodeAt(i + 16) === 46 ? i + 1 : -1;
}

/** A log entry header starts at `at`. */
function isEntryAt(text: string, at: number): boolean {
  return dateAt(text, at) >= 0 && testAt(ENTRY_START, text, at);
}

/** A Ribbon entry that carries a SIP message starts the cursor's line at `at`. */
export function isRibbonMarkerAt(c: LineCursor, at: number): boolean {
  const text = c.text;
  const date = dateAt(text, at);
  if (date < 0) return false;
  const from = date + 16;
  if (indexInLine(text, DBG_TEXT, from, c.end) >= 0) return testAt(DBG_MARKER, text, at);
  return indexInLine(text, TRC_TEXT, from, c.end) >= 0 && testAt(TRC_MARKER, text, at);
}

export function readRibbon(ctx: Emitter, at: number): boolean {
  const m = execAt(DBG_MARKER, ctx.cursor.text, at);
  if (m) return readSocketEntry(ctx, m, DBG_MARKER.lastIndex);
  const t = execAt(TRC_MARKER, ctx.cursor.text, at);
  return t ? readTraceEntry(ctx, t) : false;
}

function entryTime(m: RegExpExecArray): TraceTime {
  return datedTime(m[3]!, m[1]!, m[2]!, m[4]!, m[5]!, m[6]!, m[7]);
}

/** The `msgLen` of a closing `, msgLen = N.` line at `at`, or undefined. */
function msgLenAt(text: string, at: number, end: number): number | undefined {
  const len = execAt(MSG_LEN, text, at);
  return len && MSG_LEN.lastIndex <= end ? Number(len[1]) : undefined;
}

/** `SipFeSocketRecvMsg - msg = …`: the message starts on the entry's own line. */
function readSocketEntry(ctx: Emitter, m: RegExpExecArray, payload: number): boolean {
  const c = ctx.cursor;
  const text = c.text;
  const firstLine = c.line;
  if (!isSipStartLineAt(text, payload, c.end)) return readBodyEntry(ctx, payload);
  // The closing line's `msgLen`, seen by the closer while the message is read.
  let msgLen: number | undefined;
  const res = readMessage(ctx, {
    strip: NO_STRIP,
    bounded: true,
    closer: (t, s, e) => (msgLen = msgLenAt(t, s, e)) !== undefined,
    stopBefore: (t, s) => isEntryAt(t, s),
    maxGap: 0,
    startAt: payload,
  });
  if (!res) return false;
  // Assigned by the closer, which the compiler cannot follow.
  const announced = msgLen as number | undefined;
  emit(ctx, {
    format: 'ribbon',
    firstLine,
    direction: 'received',
    time: entryTime(m),
    ...(announced !== undefined ? { announcedBytes: announced } : {}),
    keepsBytes: true,
  }, res);
  return true;
}

/**
 * An entry whose `msg = ` is a body: the rest of a message read over TCP, whose headers (with a
 * Content-Length but no body yet) are the last message read. It is joined to them.
 */
function readBodyEntry(ctx: Emitter, payload: number): boolean {
  const c = ctx.cursor;
  const text = c.text;
  const head = ctx.messages[ctx.messages.length - 1];
  if (!head || head.format !== 'ribbon' || head.direction !== 'received' || !awaitsBody(head)) return false;
  const parts: string[] = [];
  const lines: number[] = [];
  let from = payload;
  let msgLen: number | undefined;
  while (!c.eof) {
    if (from === c.start) {
      msgLen = msgLenAt(text, c.start, c.end);
      if (msgLen !== undefined || isEntryAt(text, c.start) || ctx.isMarker()) break;
    }
    parts.push(text.slice(from, c.end), c.terminator);
    lines.push(c.line);
    c.advance();
    from = c.start;
  }
  if (parts.length === 0) return false;
  const closed = msgLen !== undefined;
  const lastLine = closed ? c.line : lines[lines.length - 1]!;
  const body = parts.join('');
  // Line i of the joined text: the head's lines but its last (empty) one, then the body's.
  const headLines = head.text.split('\n').length;
  const map = head.lineMap ?? Array.from({ length: headLines }, (_, i) => head.startLine + i);
  map.length = headLines - 1;
  map.push(...lines);
  if (body.endsWith('\n')) map.push(lastLine);
  head.text += body;
  head.lineMap = map;
  head.lastLine = lastLine;
  if (head.announcedBytes !== undefined) {
    if (msgLen !== undefined) head.announcedBytes += msgLen;
    else delete head.announcedBytes;
  }
  if (closed) c.advance();
  return true;
}

/** The message ends with its header block and announces a body. */
function awaitsBody(message: FramedMessage): boolean {
  const t = message.text;
  if (!(t.endsWith('\n\n') || t.endsWith('\r\n\r\n'))) return false;
  const length = /^(?:content-length|l)[ \t]*:[ \t]*(\d+)/im.exec(t);
  return length !== null && Number(length[1]) > 0;
}

/** `received msg for CallId:… from IP/port:…, Local IP/port:…`, `RAW PDU:`, the message. */
function readTraceEntry(ctx: Emitter, m: RegExpExecArray): boolean {
  const c = ctx.cursor;
  const text = c.text;
  const firstLine = c.line;
  const entry = c.mark();
  c.advance();
  if (c.eof || !testAt(RAW_PDU, text, c.start)) {
    c.restore(entry);
    return false;
  }
  c.advance();
  const res = readMessage(ctx, {
    strip: NO_STRIP,
    bounded: true,
    stopBefore: (t, s) => isEntryAt(t, s),
    maxGap: 0,
  });
  if (!res) {
    c.restore(entry);
    return false;
  }
  const direction = m[8] === 'received' ? 'received' : 'sent';
  const peer = endpoint(m[9]!, m[10]);
  const local = endpoint(m[11]!, m[12]);
  emit(ctx, {
    format: 'ribbon',
    firstLine,
    direction,
    src: direction === 'received' ? peer : local,
    dst: direction === 'received' ? local : peer,
    time: entryTime(m),
    keepsBytes: true,
  }, res);
  return true;
}
