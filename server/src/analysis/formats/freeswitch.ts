// FreeSWITCH sofia siptrace: `recv 584 bytes from udp/[1.2.3.4]:5090 at 12:30:57.916812:`
// then a line of dashes. Sofia logs line by line, so CRs are gone. Modern builds print the
// message flush left and end it with a blank line; older builds indent it by three spaces and
// close it with another line of dashes. Other programs built on sofia-sip log the same lines
// (drachtio puts its date before each; see prefixes.ts), and FreeSWITCH's event socket carries
// them as `log/data` events whose headers sit between the messages: all are read here.
import type { LineCursor } from './cursor';
import { NO_STRIP, readMessage, type Strip } from './collect';
import { emit, peerFacts, type Emitter } from './emit';
import { DASH_LINE, FS_MARKER, markerMatch, testAt } from './markers';
import { isBlankRange, isSipStartLineAt } from './sipText';
import { endpoint, timeOfDay } from './values';

const INDENT = 3;

const indentStrip: Strip = (c: LineCursor) => {
  if (isBlankRange(c.text, c.start, c.end)) return c.end;
  return c.text.startsWith('   ', c.start) ? c.start + INDENT : -1;
};

export function readFreeswitch(ctx: Emitter, at: number): boolean {
  const c = ctx.cursor;
  const text = c.text;
  const m = markerMatch(c, FS_MARKER, at);
  if (!m) return false;
  const firstLine = c.line;
  const direction = m[1] === 'recv' ? 'received' : 'sent';
  const peer = endpoint(m[4]!, m[5], m[3]);
  const time = timeOfDay(m[6]!, m[7]!, m[8]!, m[9]);
  c.advance();
  if (!c.eof && testAt(DASH_LINE, text, c.start)) c.advance();
  if (c.eof) return false;
  const indented =
    text.startsWith('   ', c.start) && text.charCodeAt(c.start + INDENT) !== 32 && isSipStartLineAt(text, c.start + INDENT, c.end);
  const res = indented
    ? readMessage(ctx, {
        strip: indentStrip,
        bounded: true,
        closer: (t, s, e) => t.charCodeAt(s) === 45 && testAt(DASH_LINE, t, s) && e > s,
        lfConverted: true,
        maxGap: 0,
      })
    : readMessage(ctx, { strip: NO_STRIP, bounded: false, lfConverted: true, maxGap: 1 });
  if (!res) return false;
  emit(ctx, {
    format: 'freeswitch',
    firstLine,
    direction,
    ...peerFacts(direction, peer),
    time,
    announcedBytes: Number(m[2]),
    keepsBytes: false,
  }, res);
  return true;
}
