// baresip's SIP trace (`baresip -s`, or `sip_trace yes`): a `#` line, then
// `UDP 192.0.2.1:5060 -> 192.0.2.2:5060` (TCP, TLS, WS, WSS too), then the message as sent or
// received. On a terminal the block is coloured: the `#` line starts with an escape sequence and a
// reset sequence on a line of its own closes it. Only addresses are given, no direction or time.
import { NO_STRIP, readMessage } from './collect';
import type { LineCursor } from './cursor';
import { emit, type Emitter } from './emit';
import { execAt, testAt } from './markers';
import { endpoint } from './values';

const BARESIP_MARKER = /(UDP|TCP|TLS|WSS?) (\S+):(\d+) -> (\S+):(\d+)[ \t]*\r?$/my;

/** `UDP `, `TCP `, `TLS `, `WS `, `WSS ` then the marker: the caller tested the first character. */
export function isBaresipMarkerAt(c: LineCursor, at: number): boolean {
  const text = c.text;
  const second = text.charCodeAt(at + 1);
  if (second !== 68 && second !== 67 && second !== 76 && second !== 83) return false;
  return testAt(BARESIP_MARKER, text, at);
}

/** The `#` line of the next block, or the colour reset that ends this one. */
function isBlockEnd(text: string, at: number, end: number): boolean {
  const c = text.charCodeAt(at);
  if (c === 27) return true;
  return c === 35 && (end === at + 1 || text.charCodeAt(at + 1) === 27);
}

export function readBaresip(ctx: Emitter, at: number): boolean {
  const c = ctx.cursor;
  const m = execAt(BARESIP_MARKER, c.text, at);
  if (!m) return false;
  const firstLine = c.line;
  const transport = m[1]!.toLowerCase();
  c.advance();
  const res = readMessage(ctx, { strip: NO_STRIP, bounded: true, stopBefore: isBlockEnd, maxGap: 0 });
  if (!res) return false;
  emit(ctx, {
    format: 'baresip',
    firstLine,
    direction: 'unknown',
    src: endpoint(m[2]!, m[3], transport),
    dst: endpoint(m[4]!, m[5], transport),
    keepsBytes: true,
  }, res);
  return true;
}
