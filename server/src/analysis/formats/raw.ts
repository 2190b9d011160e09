// A SIP message with no framing: its start line is the marker. It may be indented (pasted into
// a document) or carry a log prefix we do not know; the same indent or prefix is then removed
// from the lines that follow.
import type { LineCursor } from './cursor';
import { readMessage, type Strip } from './collect';
import { emit, type Emitter } from './emit';
import { isBlankRange } from './sipText';
import type { TraceTime } from '../types';

export function readRaw(ctx: Emitter, lineStart: number, at: number, strip?: Strip, time?: TraceTime): boolean {
  const c = ctx.cursor;
  const text = c.text;
  const indented = at > lineStart && isBlankRange(text, lineStart, at);
  let s = strip;
  if (!s) {
    if (at === lineStart) s = (cur: LineCursor) => cur.start;
    else if (indented) s = indentStrip(text.slice(lineStart, at));
    else s = samePrefixStrip(text.slice(lineStart, at));
  }
  const firstLine = c.line;
  const res = readMessage(ctx, { strip: s, bounded: false, maxGap: 0, startAt: at });
  if (!res) return false;
  emit(ctx, { format: 'raw', firstLine, direction: 'unknown', time, keepsBytes: !indented }, res);
  return true;
}

function indentStrip(indent: string): Strip {
  return (c: LineCursor) => {
    if (isBlankRange(c.text, c.start, c.end)) return c.end;
    return c.text.startsWith(indent, c.start) ? c.start + indent.length : -1;
  };
}

/** Lines that repeat the start line's prefix exactly lose it; other lines are taken as they are. */
function samePrefixStrip(prefix: string): Strip {
  return (c: LineCursor) => (c.text.startsWith(prefix, c.start) ? c.start + prefix.length : c.start);
}
