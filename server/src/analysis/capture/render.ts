// A capture's SIP messages as a text trace in the capture-text framing (formats/captureText.ts):
// a marker line with frame, dated time, transport and addresses, then the message as captured.
// Messages are put in time order: HEP agents stamp copies that reach the collector slightly out
// of wire order, and their own times are the ones that matter.
//
// The text is assembled as bytes in one buffer and decoded once (UTF-8 where the whole is valid
// UTF-8, which covers nearly every capture), instead of decoding message by message.
import { isUtf8 } from 'node:buffer';
import type { CapturedSip } from './types';

/** Orders messages by capture time; equal times keep the order they were found in. */
export function inTimeOrder(messages: CapturedSip[]): CapturedSip[] {
  let sorted = true;
  for (let i = 1; i < messages.length && sorted; i++) if (messages[i]!.timeUs < messages[i - 1]!.timeUs) sorted = false;
  if (sorted) return messages;
  // Array.prototype.sort is stable.
  return messages.slice().sort((a, b) => a.timeUs - b.timeUs);
}

function pad(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : '000000'.slice(0, width - s.length) + s;
}

// Messages come seconds apart at most: the date and time up to the second is formatted once per
// second, not once per message.
let cachedSecond = NaN;
let cachedPrefix = '';

/** `2026-11-21 23:22:27.183456` (UTC). */
export function formatTime(timeUs: number): string {
  const safe = Number.isFinite(timeUs) && Math.abs(timeUs) < 8.64e18 ? timeUs : 0;
  const micros = ((safe % 1_000_000) + 1_000_000) % 1_000_000;
  const second = (safe - micros) / 1_000_000;
  if (second !== cachedSecond) {
    const iso = new Date(second * 1000).toISOString();
    cachedPrefix = `${iso.slice(0, 10)} ${iso.slice(11, 19)}.`;
    cachedSecond = second;
  }
  return cachedPrefix + pad(micros, 6);
}

function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

export function markerLine(m: CapturedSip): string {
  return `#${m.frame} ${formatTime(m.timeUs)} ${m.transport.toUpperCase()} ${hostPort(m.src, m.srcPort)} -> ${hostPort(m.dst, m.dstPort)}`;
}

const DOT = 0x2e;

/**
 * Copies a message into `out` at `at`, showing as '.' the control characters that are not line
 * breaks or tabs, and the bytes an editor would take for a line break (a CR alone; NEL, LS and PS
 * in UTF-8, one dot per byte), so that the text's lines are the message's. Returns the new end.
 */
function copyShown(bytes: Uint8Array, out: Uint8Array, at: number): number {
  out.set(bytes, at);
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b >= 0x20 && b < 0x7f) continue;
    if (b === 10 || b === 9) continue;
    if (b === 13) {
      if (bytes[i + 1] !== 10) out[at + i] = DOT;
      continue;
    }
    if (b < 0x20 || b === 0x7f) {
      out[at + i] = DOT;
    } else if (b === 0xc2 && bytes[i + 1] === 0x85) {
      out[at + i] = DOT;
      out[at + i + 1] = DOT;
    } else if (b === 0xe2 && bytes[i + 1] === 0x80 && (bytes[i + 2] === 0xa8 || bytes[i + 2] === 0xa9)) {
      out[at + i] = DOT;
      out[at + i + 1] = DOT;
      out[at + i + 2] = DOT;
    }
  }
  return at + n;
}

const CRLF = [13, 10];

/** The capture's messages as one text trace. */
export function renderCapture(messages: CapturedSip[]): string {
  const markers: string[] = new Array(messages.length);
  let size = 0;
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i]!;
    markers[i] = markerLine(m);
    // Marker (ASCII) and its line break, the message, a line break if it lacks one, a blank line.
    size += markers[i]!.length + 2 + m.bytes.length + 2 + 2;
  }
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (let i = 0; i < messages.length; i++) {
    const bytes = messages[i]!.bytes;
    at += out.write(markers[i]!, at, 'latin1');
    out.set(CRLF, at);
    at = copyShown(bytes, out, at + 2);
    if (bytes.length === 0 || bytes[bytes.length - 1] !== 10) {
      out.set(CRLF, at);
      at += 2;
    }
    out.set(CRLF, at);
    at += 2;
  }
  const text = out.subarray(0, at);
  if (isUtf8(text)) return text.toString('utf8');
  // Some message is not UTF-8: decode message by message, each as UTF-8 where it can be.
  return renderPiecewise(messages);
}

function renderPiecewise(messages: CapturedSip[]): string {
  const parts: string[] = [];
  for (const m of messages) {
    const shown = Buffer.allocUnsafe(m.bytes.length);
    copyShown(m.bytes, shown, 0);
    const text = shown.toString(isUtf8(shown) ? 'utf8' : 'latin1');
    parts.push(markerLine(m), '\r\n', text, text.endsWith('\n') ? '\r\n' : '\r\n\r\n');
  }
  return parts.join('');
}
