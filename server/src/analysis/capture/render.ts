// A capture's SIP messages as a text trace in the capture-text framing (formats/captureText.ts):
// a marker line with frame, dated time, transport and addresses, then the message as captured.
// Messages are put in time order: HEP agents stamp copies that reach the collector slightly out
// of wire order, and their own times are the ones that matter.
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
  return String(n).padStart(width, '0');
}

/** `2026-11-21 23:22:27.183456` (UTC). */
export function formatTime(timeUs: number): string {
  const ms = Math.floor(timeUs / 1000);
  const iso = new Date(Number.isFinite(ms) ? ms : 0).toISOString();
  const micros = ((timeUs % 1_000_000) + 1_000_000) % 1_000_000;
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${pad(Math.floor(micros), 6)}`;
}

function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

export function markerLine(m: CapturedSip): string {
  return `#${m.frame} ${formatTime(m.timeUs)} ${m.transport.toUpperCase()} ${hostPort(m.src, m.srcPort)} -> ${hostPort(m.dst, m.dstPort)}`;
}

/**
 * The message as text: UTF-8 where the bytes are valid UTF-8, else one character per byte.
 * Control characters that are not line breaks or tabs, and bytes an editor would take for a line
 * break (a CR alone, NEL, LS, PS), are shown as '.', so that the text's lines are the message's.
 */
export function messageText(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  let clean = true;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b >= 0x20 && b < 0x7f) continue;
    if (b === 10 || b === 9 || (b === 13 && bytes[i + 1] === 10)) continue;
    if (b >= 0x80 && b !== 0x85 && b !== 0xc2 && b !== 0xe2) continue;
    clean = false;
    break;
  }
  const utf8 = isUtf8(buffer);
  let text = buffer.toString(utf8 ? 'utf8' : 'latin1');
  if (!clean) {
    text = text.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029]|\r(?!\n)/g, '.');
  }
  return text;
}

export interface RenderedCapture {
  text: string;
}

export function renderCapture(messages: CapturedSip[]): string {
  const parts: string[] = [];
  for (const m of messages) {
    parts.push(markerLine(m), '\r\n');
    const text = messageText(m.bytes);
    parts.push(text);
    if (!text.endsWith('\n')) parts.push('\r\n');
    parts.push('\r\n');
  }
  return parts.join('');
}
