// Applications built on pjsip (pjsua, and the softphones and gateways that use its logging):
// `15:02:23.487   pjsua_core.c  .RX 591 bytes Request msg INVITE/cseq=2 (rdata0x7f…) from UDP
// 192.0.2.10:5060:` or `.TX 1240 bytes Response msg 100/INVITE/cseq=2 (tdta0x…) to UDP …:`,
// the message as sent or received, then `--end msg--`. The leading dots show call depth.
import { NO_STRIP, readMessage } from './collect';
import type { LineCursor } from './cursor';
import { emit, peerFacts, type Emitter } from './emit';
import { execAt } from './markers';
import { indexInLine } from './sipText';
import { datedTime, endpoint, timeOfDay } from './values';

const PJSIP_APP_MARKER =
  /(?:(\d{4})-(\d{2})-(\d{2}) )?(\d{2}):(\d{2}):(\d{2})\.(\d{3})[ \t]+\S+[ \t]+\.*(RX|TX) (\d+) bytes (?:Request|Response) msg \S+ (?:\([^)\r\n]*\) )?(?:from|to) ([A-Za-z0-9]+) (\S+):(\d+):[ \t]*\r?$/my;

const END_MSG = '--end msg--';

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The log's time (`hh:mm:ss.mmm`, maybe after a date) starts the line, and `RX ` / `TX ` follows. */
export function isPjsipAppMarkerAt(c: LineCursor, at: number): boolean {
  const text = c.text;
  let clock = at;
  if (text.charCodeAt(at + 4) === 45) clock = at + 11;
  // pjlib writes milliseconds: `hh:mm:ss.mmm` and a space.
  if (!isDigit(text.charCodeAt(clock)) || text.charCodeAt(clock + 2) !== 58 || text.charCodeAt(clock + 8) !== 46) return false;
  if (text.charCodeAt(clock + 12) !== 32) return false;
  const x = indexInLine(text, 'X ', clock + 12, c.end);
  if (x < 0) return false;
  const rt = text.charCodeAt(x - 1);
  if (rt !== 82 && rt !== 84) return false;
  const before = text.charCodeAt(x - 2);
  if (before !== 46 && before !== 32) return false;
  PJSIP_APP_MARKER.lastIndex = at;
  return PJSIP_APP_MARKER.test(text);
}

export function readPjsipApp(ctx: Emitter, at: number): boolean {
  const c = ctx.cursor;
  const text = c.text;
  const m = execAt(PJSIP_APP_MARKER, text, at);
  if (!m) return false;
  const firstLine = c.line;
  const time = m[1] ? datedTime(m[1], m[2]!, m[3]!, m[4]!, m[5]!, m[6]!, m[7]) : timeOfDay(m[4]!, m[5]!, m[6]!, m[7]);
  const direction = m[8] === 'RX' ? 'received' : 'sent';
  const peer = endpoint(m[11]!, m[12], m[10]);
  c.advance();
  const res = readMessage(ctx, {
    strip: NO_STRIP,
    bounded: true,
    closer: (t, s, e) => e - s >= END_MSG.length && t.startsWith(END_MSG, s),
    maxGap: 0,
  });
  if (!res) return false;
  emit(ctx, {
    format: 'pjsip-app',
    firstLine,
    direction,
    ...peerFacts(direction, peer),
    time,
    announcedBytes: Number(m[9]),
    keepsBytes: true,
  }, res);
  return true;
}
