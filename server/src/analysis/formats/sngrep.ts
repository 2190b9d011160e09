// sngrep's text export: `2024/05/01 12:00:00.123456 10.0.0.1:5060 -> 10.0.0.2:5060`, the
// message, a blank line. The body follows the header block's blank line, so Content-Length
// decides where the message ends.
import { NO_STRIP, readMessage } from './collect';
import { emit, type Emitter } from './emit';
import { execAt, SNGREP_MARKER } from './markers';
import { datedTime, endpoint } from './values';

export function readSngrep(ctx: Emitter, at: number): boolean {
  const c = ctx.cursor;
  const m = execAt(SNGREP_MARKER, c.text, at);
  if (!m) return false;
  const firstLine = c.line;
  c.advance();
  const res = readMessage(ctx, { strip: NO_STRIP, bounded: false, maxGap: 0 });
  if (!res) return false;
  emit(ctx, {
    format: 'sngrep',
    firstLine,
    direction: 'unknown',
    src: endpoint(m[8]!, m[9]),
    dst: endpoint(m[10]!, m[11]),
    time: datedTime(m[1]!, m[2]!, m[3]!, m[4]!, m[5]!, m[6]!, m[7]),
    keepsBytes: true,
  }, res);
  return true;
}
