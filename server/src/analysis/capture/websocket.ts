// WebSocket framing (RFC 6455) as SIP over WebSocket uses it (RFC 7118): one SIP message per
// WebSocket message, client frames masked, long messages possibly split into continuation frames.
import { asciiAt, u16be, u32be } from './bytes';

/** A WebSocket message larger than this is not SIP; the stream is given up. */
export const MAX_WS_MESSAGE = 4 * 1024 * 1024;

export interface WsFrame {
  /** Bytes the frame takes in the stream, or 0 when it is not complete yet, −1 when it cannot be a frame. */
  size: number;
  /** When the frame is not complete yet but its header is: the bytes it will take. */
  needed: number;
  opcode: number;
  fin: boolean;
  payload: Uint8Array;
}

const EMPTY = new Uint8Array(0);
const frame: WsFrame = { size: 0, needed: 0, opcode: 0, fin: false, payload: EMPTY };

/** Reads the frame at the start of `d`; the result object is reused between calls. */
export function readWsFrame(d: Uint8Array): WsFrame {
  frame.size = 0;
  frame.needed = 0;
  frame.payload = EMPTY;
  if (d.length < 2) return frame;
  const b0 = d[0]!;
  const b1 = d[1]!;
  frame.fin = (b0 & 0x80) !== 0;
  frame.opcode = b0 & 0x0f;
  // Reserved bits are only set by negotiated extensions (compression), which SIP does not use.
  if ((b0 & 0x70) !== 0 || (frame.opcode > 2 && frame.opcode < 8) || frame.opcode > 10) {
    frame.size = -1;
    return frame;
  }
  let length = b1 & 0x7f;
  let header = 2;
  if (length === 126) {
    if (d.length < 4) return frame;
    length = u16be(d, 2);
    header = 4;
  } else if (length === 127) {
    if (d.length < 10) return frame;
    if (u32be(d, 2) !== 0) {
      frame.size = -1;
      return frame;
    }
    length = u32be(d, 6);
    header = 10;
  }
  if (length > MAX_WS_MESSAGE) {
    frame.size = -1;
    return frame;
  }
  const masked = (b1 & 0x80) !== 0;
  const keyAt = header;
  if (masked) header += 4;
  if (d.length < header + length) {
    frame.needed = header + length;
    return frame;
  }
  frame.size = header + length;
  if (!masked) {
    frame.payload = d.subarray(header, header + length);
  } else {
    const out = new Uint8Array(length);
    const k0 = d[keyAt]!;
    const k1 = d[keyAt + 1]!;
    const k2 = d[keyAt + 2]!;
    const k3 = d[keyAt + 3]!;
    for (let i = 0; i < length; i++) {
      const k = (i & 3) === 0 ? k0 : (i & 3) === 1 ? k1 : (i & 3) === 2 ? k2 : k3;
      out[i] = d[header + i]! ^ k;
    }
    frame.payload = out;
  }
  return frame;
}

/** An HTTP request or response that upgrades the connection to WebSocket starts here. */
export function isHttpStart(d: Uint8Array): boolean {
  return asciiAt(d, 0, 'GET ') || asciiAt(d, 0, 'HTTP/1.');
}

/** Does the HTTP header block `d[0..end)` ask for (or grant) a WebSocket upgrade? */
export function isWebSocketUpgrade(d: Uint8Array, end: number): boolean {
  const head = Buffer.from(d.buffer, d.byteOffset, Math.min(end, d.length)).toString('latin1').toLowerCase();
  return head.includes('websocket') && (head.startsWith('get ') || / 101 /.test(head.slice(0, 16)));
}
