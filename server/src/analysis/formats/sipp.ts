// SIPp `-trace_msg`: a dashed line with the date, `UDP message sent (N bytes):` or
// `UDP message received [N] bytes :`, a blank line, the message; the next marker ends it.
import { NO_STRIP, readMessage } from './collect';
import { emit, type Emitter } from './emit';
import { readSippDashes, readSippDirection, sippDashes, sippDirection } from './sippMarker';
import { utcTime } from './values';

export function readSipp(ctx: Emitter, at: number): boolean {
  const c = ctx.cursor;
  const text = c.text;
  // The splitter found the dashed line here just before (markerAt): what it read still stands.
  const found = sippDashes.at === at && c.markerMemoAt === at && c.markerMemo === 'sipp';
  if (!found && !readSippDashes(text, at)) return false;
  const firstLine = c.line;
  const d = sippDashes;
  const time = d.dated ? utcTime(d.year, d.month, d.day, d.hour, d.minute, d.second, d.fractionMs) : undefined;
  c.advance();
  if (c.eof) return false;
  if (!readSippDirection(text, c.start)) return false;
  const { sent, bytes } = sippDirection;
  c.advance();
  const res = readMessage(ctx, { strip: NO_STRIP, bounded: true, maxGap: 2 });
  if (!res) return false;
  emit(ctx, {
    format: 'sipp',
    firstLine,
    direction: sent ? 'sent' : 'received',
    time,
    announcedBytes: bytes,
    keepsBytes: true,
  }, res);
  return true;
}
