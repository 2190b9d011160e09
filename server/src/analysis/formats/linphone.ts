// linphone and other belle-sip applications (liblinphone logs): a log line
// `2026-12-01 02:16:34:810 belle-sip-message-channel [0x55…]: message sent to [UDP://192.0.2.2:5060], size: [912] bytes`
// or `… channel [0x55…]: received [912] new bytes from [UDP://192.0.2.2:5060]:`, then the message
// as sent or received; the next log line ends it.
import { NO_STRIP, readMessage } from './collect';
import type { LineCursor } from './cursor';
import { emit, peerFacts, type Emitter } from './emit';
import { execAt, testAt } from './markers';
import { indexInLine } from './sipText';
import { datedTime, endpoint } from './values';

const LINPHONE_MARKER =
  /(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})[:.](\d{3}) (?:\S+-)?(?:message|debug)-channel \[[^\]\r\n]*\]: (?:message (sent|silently discarded) to|received \[\d+\] new bytes from) \[([A-Za-z]+):\/\/(\S+?):(\d+)\](?:, size: \[(\d+)\] bytes|:)[ \t]*\r?$/my;

const CHANNEL = 'channel [';

/** A date, a time, a logger domain ending in `-channel [`: then the full test. */
export function isLinphoneMarkerAt(c: LineCursor, at: number): boolean {
  const text = c.text;
  // `hh:mm:ss:mmm ` (or `.mmm `): milliseconds and a space.
  if (text.charCodeAt(at + 4) !== 45 || text.charCodeAt(at + 13) !== 58 || text.charCodeAt(at + 23) !== 32) return false;
  if (indexInLine(text, CHANNEL, at + 24, Math.min(c.end, at + 60 + CHANNEL.length)) < 0) return false;
  return testAt(LINPHONE_MARKER, text, at);
}

export function readLinphone(ctx: Emitter, at: number): boolean {
  const c = ctx.cursor;
  const m = execAt(LINPHONE_MARKER, c.text, at);
  if (!m) return false;
  const firstLine = c.line;
  const direction = m[8] === undefined ? 'received' : 'sent';
  const peer = endpoint(m[10]!, m[11], m[9]);
  c.advance();
  const res = readMessage(ctx, { strip: NO_STRIP, bounded: false, maxGap: 1 });
  if (!res) return false;
  emit(ctx, {
    format: 'linphone',
    firstLine,
    direction,
    ...peerFacts(direction, peer),
    time: datedTime(m[1]!, m[2]!, m[3]!, m[4]!, m[5]!, m[6]!, m[7]),
    announcedBytes: m[12] !== undefined ? Number(m[12]) : undefined,
    keepsBytes: true,
  }, res);
  return true;
}
