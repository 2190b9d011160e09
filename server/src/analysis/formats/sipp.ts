// SIPp `-trace_msg`: a dashed line with the date, `UDP message sent (N bytes):` or
// `UDP message received [N] bytes :`, a blank line, the message; the next marker ends it.
import { NO_STRIP, readMessage } from './collect';
import { emit, type Emitter } from './emit';
import { execAt, SIPP_DIRECTION, takeSippMarker } from './markers';
import { datedTime } from './values';

export function readSipp(ctx: Emitter, at: number): boolean {
  const c = ctx.cursor;
  const text = c.text;
  const m = takeSippMarker(text, at);
  if (!m) return false;
  const firstLine = c.line;
  const time = m[1] === undefined ? undefined : datedTime(m[1], m[2]!, m[3]!, m[4]!, m[5]!, m[6]!, m[7]);
  c.advance();
  if (c.eof) return false;
  const d = execAt(SIPP_DIRECTION, text, c.start);
  if (!d) return false;
  c.advance();
  const res = readMessage(ctx, { strip: NO_STRIP, bounded: true, maxGap: 2 });
  if (!res) return false;
  const bytes = d[3] ?? d[4];
  emit(ctx, {
    format: 'sipp',
    firstLine,
    direction: d[2] === 'sent' ? 'sent' : 'received',
    time,
    announcedBytes: bytes !== undefined ? Number(bytes) : undefined,
    keepsBytes: true,
  }, res);
  return true;
}
