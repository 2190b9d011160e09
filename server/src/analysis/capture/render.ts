// A capture's SIP messages as a text trace in the capture-text framing (formats/captureText.ts):
// a marker line with frame, dated time, transport and addresses, then the message as captured.
// Messages are put in time order: HEP agents stamp copies that reach the collector slightly out
// of wire order, and their own times are the ones that matter.
//
// The text is assembled as bytes in one buffer and decoded once (UTF-8 where the whole is valid
// UTF-8, which covers nearly every capture), instead of decoding message by message.
import { constants, isUtf8 } from 'node:buffer';
import type { CapturedSip } from './types';

/**
 * Orders messages by capture time as shown; equal times keep the order they were found in.
 * Nearly every capture is in order already, so that is checked first.
 */
export function inTimeOrder(messages: CapturedSip[]): CapturedSip[] {
  let sorted = true;
  for (let i = 1; i < messages.length && sorted; i++) if (shownTime(messages[i]!.timeUs) < shownTime(messages[i - 1]!.timeUs)) sorted = false;
  if (sorted) return messages;
  // Array.prototype.sort is stable.
  return messages.slice().sort((a, b) => shownTime(a.timeUs) - shownTime(b.timeUs));
}

function pad(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : '000000'.slice(0, width - s.length) + s;
}

// Messages come seconds apart at most: the date and time up to the second is formatted once per
// second, not once per message.
let cachedSecond = NaN;
let cachedPrefix = '';

/** Microseconds from 1970 to the year 10000: times outside it (a damaged file) show as 1970. */
const YEAR_10000_US = 253_402_300_800_000_000;

function shownTime(timeUs: number): number {
  return Number.isFinite(timeUs) && timeUs >= 0 && timeUs < YEAR_10000_US ? Math.floor(timeUs) : 0;
}

/** `2026-11-21 23:22:27.183456` (UTC). */
export function formatTime(timeUs: number): string {
  const safe = shownTime(timeUs);
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

/**
 * What the capture shows about the packet beyond the message itself, after the addresses: the IP
 * fragments it travelled in, and an ICMP error that answered it —
 * ` (3 IP fragments) (ICMP port unreachable from 203.0.113.7 in #6)`. Empty for most messages.
 */
export function markerNote(m: CapturedSip): string {
  if (m.fragments === undefined && m.icmp === undefined) return '';
  let note = '';
  if (m.fragments !== undefined) note += ` (${m.fragments} IP fragments)`;
  if (m.icmp) note += ` (${m.icmp.protocol} ${m.icmp.kind} from ${m.icmp.from} in #${m.icmp.frame})`;
  return note;
}

export function markerLine(m: CapturedSip): string {
  return `#${m.frame} ${formatTime(m.timeUs)} ${m.transport.toUpperCase()} ${hostPort(m.src, m.srcPort)} -> ${hostPort(m.dst, m.dstPort)}${markerNote(m)}`;
}

const DOT = 0x2e;

/**
 * Shows as '.' the control characters that are not line breaks or tabs, and the bytes an editor
 * would take for a line break (a CR alone; NEL, LS and PS in UTF-8, one dot per byte), so that
 * the text's lines are the messages'. One pass over the whole rendered buffer.
 */
function showControls(out: Uint8Array, end: number): void {
  let i = 0;
  // Nearly every byte is printable ASCII: four at a time, a word goes by when none of its bytes
  // is below 0x20, 0x7f or above (a borrow or carry may send a word to the byte test needlessly,
  // never let one through). The words need 4-byte alignment of the underlying buffer.
  while (i < end && (out.byteOffset + i) % 4 !== 0) showControlAt(out, i++, end);
  const words = new Uint32Array(out.buffer, out.byteOffset + i, (end - i) >> 2);
  for (let w = 0; w < words.length; w++, i += 4) {
    const word = words[w]!;
    if (((word | (word - 0x20202020) | (word + 0x01010101)) & 0x80808080) === 0) continue;
    showControlAt(out, i, end);
    showControlAt(out, i + 1, end);
    showControlAt(out, i + 2, end);
    showControlAt(out, i + 3, end);
  }
  while (i < end) showControlAt(out, i++, end);
}

/** One byte of showControls; may also blank the one or two bytes after it (NEL, LS, PS). */
function showControlAt(out: Uint8Array, i: number, end: number): void {
  const b = out[i]!;
  if (b >= 0x20 && b < 0x7f) return;
  if (b === 10 || b === 9) return;
  if (b === 13) {
    if (i + 1 >= end || out[i + 1] !== 10) out[i] = DOT;
  } else if (b < 0x20 || b === 0x7f) {
    out[i] = DOT;
  } else if (b === 0xc2 && i + 1 < end && out[i + 1] === 0x85) {
    out[i] = DOT;
    out[i + 1] = DOT;
  } else if (b === 0xe2 && i + 2 < end && out[i + 1] === 0x80 && (out[i + 2] === 0xa8 || out[i + 2] === 0xa9)) {
    out[i] = DOT;
    out[i + 1] = DOT;
    out[i + 2] = DOT;
  }
}

/** Longest marker line: `#` frame, time, transport, two bracketed IPv6 endpoints, separators. */
const MAX_MARKER = 1 + 16 + 1 + 26 + 1 + 8 + 2 * (2 + 45 + 1 + 5) + 4 + 8;

/**
 * Writes marker lines straight into the output buffer, byte by byte: building a string per
 * marker and encoding it costs more than the rest of the rendering together. Host names, the
 * transport and the time up to the second are encoded once and reused.
 */
class MarkerWriter {
  private readonly encoded = new Map<string, Buffer>();
  private second = NaN;
  private secondBytes: Buffer = Buffer.alloc(0);

  constructor(private readonly out: Buffer) {}

  private bytesOf(s: string): Buffer {
    let b = this.encoded.get(s);
    if (!b) {
      b = Buffer.from(s, 'latin1');
      this.encoded.set(s, b);
    }
    return b;
  }

  private digits(n: number, at: number, width = 0): number {
    const out = this.out;
    let v = Math.max(0, Math.floor(n));
    let len = 1;
    for (let t = v; t >= 10; t = Math.floor(t / 10)) len++;
    const total = Math.max(len, width);
    for (let i = total - 1; i >= 0; i--) {
      out[at + i] = 48 + (v % 10);
      v = Math.floor(v / 10);
    }
    return at + total;
  }

  private endpoint(host: string, port: number, at: number): number {
    const out = this.out;
    const v6 = host.includes(':');
    if (v6) out[at++] = 91;
    const h = this.bytesOf(host);
    h.copy(out, at);
    at += h.length;
    if (v6) out[at++] = 93;
    out[at++] = 58;
    return this.digits(port, at);
  }

  /** Writes the marker of `m` at `at`; returns where it ends. Same text as markerLine(m). */
  write(m: CapturedSip, at: number): number {
    at = this.addresses(m, at);
    const note = markerNote(m);
    if (note) at += this.out.write(note, at, 'latin1');
    return at;
  }

  private addresses(m: CapturedSip, at: number): number {
    const out = this.out;
    out[at++] = 35;
    at = this.digits(m.frame, at);
    out[at++] = 32;
    const timeUs = shownTime(m.timeUs);
    const micros = ((timeUs % 1_000_000) + 1_000_000) % 1_000_000;
    const second = (timeUs - micros) / 1_000_000;
    if (second !== this.second) {
      this.second = second;
      this.secondBytes = Buffer.from(formatTime(timeUs).slice(0, -6), 'latin1');
    }
    this.secondBytes.copy(out, at);
    at = this.digits(micros, at + this.secondBytes.length, 6);
    out[at++] = 32;
    const transport = this.bytesOf(m.transport.toUpperCase());
    transport.copy(out, at);
    at += transport.length;
    out[at++] = 32;
    at = this.endpoint(m.src, m.srcPort, at);
    out[at++] = 32;
    out[at++] = 45;
    out[at++] = 62;
    out[at++] = 32;
    return this.endpoint(m.dst, m.dstPort, at);
  }
}

/** A capture's messages as text: all of them, or the first ones, when the rest would not fit. */
export interface RenderedCapture {
  text: string;
  /** How many messages (the last ones, in time order) were left out. */
  left: number;
}

/**
 * The capture's messages as one text trace, at most `maxLength` characters of it: a string cannot
 * be longer (V8 holds about 512 MB), so the messages after the last that fits are left out and
 * counted. Tests give a small `maxLength`.
 */
export function renderCapture(messages: CapturedSip[], maxLength: number = constants.MAX_STRING_LENGTH): RenderedCapture {
  let size = 0;
  let count = 0;
  // Marker and its line break, the message, a line break if it lacks one, a blank line.
  for (; count < messages.length; count++) {
    const m = messages[count]!;
    const more = MAX_MARKER + (m.src.length + m.dst.length) + 2 + m.bytes.length + 4 + markerNote(m).length;
    if (size + more > maxLength) break;
    size += more;
  }
  const kept = count < messages.length ? messages.slice(0, count) : messages;
  const out = Buffer.allocUnsafe(size);
  const markers = new MarkerWriter(out);
  let at = 0;
  for (let i = 0; i < kept.length; i++) {
    const bytes = kept[i]!.bytes;
    at = markers.write(kept[i]!, at);
    out[at++] = 13;
    out[at++] = 10;
    out.set(bytes, at);
    at += bytes.length;
    if (bytes.length === 0 || bytes[bytes.length - 1] !== 10) {
      out[at++] = 13;
      out[at++] = 10;
    }
    out[at++] = 13;
    out[at++] = 10;
  }
  showControls(out, at);
  const text = out.subarray(0, at);
  const left = messages.length - kept.length;
  if (isUtf8(text)) return { text: text.toString('utf8'), left };
  // Some message is not UTF-8: decode message by message, each as UTF-8 where it can be.
  return { text: renderPiecewise(kept), left };
}

function renderPiecewise(messages: CapturedSip[]): string {
  const parts: string[] = [];
  for (const m of messages) {
    const shown = Buffer.from(m.bytes);
    showControls(shown, shown.length);
    const text = shown.toString(isUtf8(shown) ? 'utf8' : 'latin1');
    parts.push(markerLine(m), '\r\n', text, text.endsWith('\n') ? '\r\n' : '\r\n\r\n');
  }
  return parts.join('');
}
