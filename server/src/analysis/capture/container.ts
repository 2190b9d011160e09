// File containers: pcap (microsecond and nanosecond magic, either byte order, and the
// "modified" variant with longer record headers) and pcapng (sections, interfaces with their own
// link type, time resolution and offset; Enhanced, Simple and obsolete Packet Blocks). Gzip is
// undone before this (see gzip.ts). A record cut by the end of the file is still handed on with
// what it holds; anything that cannot be read ends the walk with a problem in words.
import { u16, u32 } from './bytes';
import type { CaptureContainer, PacketRecord } from './types';

const PCAP_HEADER = 24;
const PCAPNG_SHB = 0x0a0d0d0a;
const PCAPNG_BYTE_ORDER = 0x1a2b3c4d;
/** Records claiming more than this are corrupt, whatever the file size. */
const MAX_RECORD = 256 * 1024 * 1024;

export interface ContainerResult {
  container: CaptureContainer;
  frames: number;
  /** What stopped the walk early, in words, or undefined when the file was read to its end. */
  problem?: string;
  /** Frames whose captured bytes are fewer than the packet had (snap length or end of file). */
  cutFrames: number;
  /** Link types seen, by number. */
  linkTypes: Set<number>;
}

export type PacketSink = (record: PacketRecord) => void;

interface PcapMagic {
  littleEndian: boolean;
  nanoseconds: boolean;
  /** The "modified pcap" format adds 8 bytes to each record header. */
  extraHeader: number;
}

function pcapMagic(d: Uint8Array): PcapMagic | undefined {
  if (d.length < 4) return undefined;
  const le = u32(d, 0, true);
  const be = u32(d, 0, false);
  const known: Record<number, { nanoseconds: boolean; extraHeader: number }> = {
    0xa1b2c3d4: { nanoseconds: false, extraHeader: 0 },
    0xa1b23c4d: { nanoseconds: true, extraHeader: 0 },
    0xa1b2cd34: { nanoseconds: false, extraHeader: 8 },
  };
  if (known[le]) return { littleEndian: true, ...known[le]! };
  if (known[be]) return { littleEndian: false, ...known[be]! };
  return undefined;
}

/** The container the bytes start with, by magic number only. */
export function containerOf(d: Uint8Array): CaptureContainer | undefined {
  if (pcapMagic(d)) return 'pcap';
  if (d.length >= 12 && u32(d, 0, true) === PCAPNG_SHB) {
    const order = u32(d, 8, true);
    if (order === PCAPNG_BYTE_ORDER || u32(d, 8, false) === PCAPNG_BYTE_ORDER) return 'pcapng';
  }
  return undefined;
}

export function readContainer(d: Uint8Array, sink: PacketSink, onProgress?: (done: number, total: number) => void): ContainerResult {
  return containerOf(d) === 'pcapng' ? readPcapng(d, sink, onProgress) : readPcap(d, sink, onProgress);
}

const PROGRESS_EVERY = 0x3fff;

function readPcap(d: Uint8Array, sink: PacketSink, onProgress?: (done: number, total: number) => void): ContainerResult {
  const magic = pcapMagic(d)!;
  const result: ContainerResult = { container: 'pcap', frames: 0, cutFrames: 0, linkTypes: new Set() };
  if (d.length < PCAP_HEADER) {
    result.problem = `The pcap file header is cut short (${d.length} of ${PCAP_HEADER} bytes).`;
    return result;
  }
  const le = magic.littleEndian;
  // The upper bits of the link type field carry FCS information, not the type.
  const linkType = u32(d, 20, le) & 0x03ffffff;
  result.linkTypes.add(linkType);
  const recordHeader = 16 + magic.extraHeader;
  const record: PacketRecord = { frame: 0, timeUs: 0, linkType, data: d, offset: 0, length: 0, originalLength: 0 };
  let at = PCAP_HEADER;
  while (at < d.length) {
    const frame = result.frames + 1;
    if (at + recordHeader > d.length) {
      result.problem = `The capture ends inside the record header of frame ${frame}.`;
      break;
    }
    const seconds = u32(d, at, le);
    const fraction = u32(d, at + 4, le);
    const included = u32(d, at + 8, le);
    const original = u32(d, at + 12, le);
    if (included > MAX_RECORD) {
      result.problem = `Frame ${frame} claims ${included} bytes, which cannot be right: the capture is damaged from there on.`;
      break;
    }
    const start = at + recordHeader;
    const available = Math.min(included, d.length - start);
    result.frames = frame;
    record.frame = frame;
    record.timeUs = seconds * 1_000_000 + (magic.nanoseconds ? Math.floor(fraction / 1000) : fraction);
    record.offset = start;
    record.length = available;
    record.originalLength = Math.max(original, included);
    if (available < record.originalLength) result.cutFrames++;
    sink(record);
    if (available < included) {
      result.problem = `The capture is cut off inside frame ${frame} (${available} of its ${included} bytes are there).`;
      break;
    }
    at = start + included;
    if ((frame & PROGRESS_EVERY) === 0) onProgress?.(at, d.length);
  }
  onProgress?.(d.length, d.length);
  return result;
}

interface Interface {
  linkType: number;
  /** The interface's 64-bit timestamp (high and low words, in its `if_tsresol` units) in microseconds. */
  toMicros: (high: number, low: number) => number;
  /** `if_tsoffset` in microseconds. */
  offsetUs: number;
}

/** Converts a 64-bit timestamp in units of 10^-digits seconds to microseconds, exactly where it can. */
function decimalClock(digits: number): (high: number, low: number) => number {
  if (digits === 6) return (high, low) => high * 4294967296 + low;
  if (digits < 6) {
    const factor = 10 ** (6 - digits);
    return (high, low) => (high * 4294967296 + low) * factor;
  }
  const divisor = 10 ** (digits - 6);
  if (divisor <= 1_000_000) {
    // high * 2^32 + low divided without losing the low digits: split high by the divisor first.
    return (high, low) => {
      const hq = Math.floor(high / divisor);
      const hr = high - hq * divisor;
      return hq * 4294967296 + Math.floor((hr * 4294967296 + low) / divisor);
    };
  }
  return (high, low) => Math.floor((high * 4294967296 + low) / divisor);
}

function binaryClock(bits: number): (high: number, low: number) => number {
  const unitsPerSecond = 2 ** bits;
  return (high, low) => Math.floor(((high * 4294967296 + low) / unitsPerSecond) * 1_000_000);
}

function readInterface(d: Uint8Array, body: number, end: number, le: boolean): Interface {
  const linkType = u16(d, body, le);
  let clock = decimalClock(6);
  let offsetUs = 0;
  let at = body + 8;
  while (at + 4 <= end) {
    const code = u16(d, at, le);
    const length = u16(d, at + 2, le);
    const value = at + 4;
    if (code === 0 || value + length > end) break;
    if (code === 9 && length >= 1) {
      const r = d[value]!;
      clock = r & 0x80 ? binaryClock(Math.min(r & 0x7f, 63)) : decimalClock(Math.min(r, 18));
    } else if (code === 14 && length >= 8) {
      // if_tsoffset: a signed 64-bit number of seconds added to every timestamp.
      const lowWord = u32(d, value + (le ? 0 : 4), le);
      const highWord = u32(d, value + (le ? 4 : 0), le) | 0;
      offsetUs = (highWord * 4294967296 + lowWord) * 1_000_000;
    }
    at = value + ((length + 3) & ~3);
  }
  return { linkType, toMicros: clock, offsetUs };
}

function readPcapng(d: Uint8Array, sink: PacketSink, onProgress?: (done: number, total: number) => void): ContainerResult {
  const result: ContainerResult = { container: 'pcapng', frames: 0, cutFrames: 0, linkTypes: new Set() };
  const record: PacketRecord = { frame: 0, timeUs: 0, linkType: 0, data: d, offset: 0, length: 0, originalLength: 0 };
  let le = true;
  let interfaces: Interface[] = [];
  let lastTimeUs = 0;
  let at = 0;
  let blocks = 0;
  while (at < d.length) {
    if (at + 12 > d.length) {
      result.problem = `The capture ends inside a block header (after frame ${result.frames}).`;
      break;
    }
    const type = u32(d, at, le);
    if (type === PCAPNG_SHB) {
      // A new section may change the byte order; its interfaces start afresh.
      const order = u32(d, at + 8, true);
      if (order === PCAPNG_BYTE_ORDER) le = true;
      else if (u32(d, at + 8, false) === PCAPNG_BYTE_ORDER) le = false;
      else {
        result.problem = `A section header after frame ${result.frames} has no valid byte-order magic: the capture is damaged from there on.`;
        break;
      }
      interfaces = [];
    }
    const total = u32(d, at + 4, le);
    if (total < 12 || total % 4 !== 0 || total > MAX_RECORD) {
      result.problem = `A block after frame ${result.frames} has an impossible length (${total}): the capture is damaged from there on.`;
      break;
    }
    const end = Math.min(at + total, d.length);
    const bodyEnd = end === at + total ? end - 4 : end;
    const body = at + 8;
    const cut = at + total > d.length;
    switch (type) {
      case 1:
        if (body + 8 <= bodyEnd) {
          const iface = readInterface(d, body, bodyEnd, le);
          interfaces.push(iface);
          result.linkTypes.add(iface.linkType);
        }
        break;
      case 6:
      case 2: {
        // Enhanced Packet Block (6) and the obsolete Packet Block (2): same fields, one narrower.
        if (body + 20 > bodyEnd) break;
        const ifaceId = type === 6 ? u32(d, body, le) : u16(d, body, le);
        const high = u32(d, body + 4, le);
        const low = u32(d, body + 8, le);
        const captured = u32(d, body + 12, le);
        const original = u32(d, body + 16, le);
        const iface = interfaces[ifaceId];
        const data = body + 20;
        const available = Math.max(0, Math.min(captured, bodyEnd - data));
        result.frames++;
        if (!iface) break;
        lastTimeUs = iface.toMicros(high, low) + iface.offsetUs;
        deliver(result, record, sink, iface.linkType, lastTimeUs, data, available, Math.max(original, captured));
        break;
      }
      case 3: {
        // Simple Packet Block: interface 0, no timestamp (the previous packet's time stands in).
        if (body + 4 > bodyEnd) break;
        const original = u32(d, body, le);
        const data = body + 4;
        const available = Math.min(original, bodyEnd - data);
        result.frames++;
        const iface = interfaces[0];
        if (!iface) break;
        deliver(result, record, sink, iface.linkType, lastTimeUs, data, Math.max(0, available), original);
        break;
      }
      default:
        // Name resolution, statistics, custom and unknown blocks carry no packets.
        break;
    }
    if (cut) {
      result.problem = `The capture is cut off inside a block (after frame ${result.frames}).`;
      break;
    }
    at += total;
    if ((++blocks & PROGRESS_EVERY) === 0) onProgress?.(at, d.length);
  }
  onProgress?.(d.length, d.length);
  return result;
}

function deliver(result: ContainerResult, record: PacketRecord, sink: PacketSink, linkType: number, timeUs: number, offset: number, length: number, original: number): void {
  record.frame = result.frames;
  record.timeUs = timeUs;
  record.linkType = linkType;
  record.offset = offset;
  record.length = length;
  record.originalLength = original;
  if (length < original) result.cutFrames++;
  sink(record);
}

/**
 * A copy of a capture (pcap or pcapng, not gzip'd) with only the frames `keep` names, numbered
 * as the readers above number them. Every kept record is copied byte for byte, so times, link
 * types and interfaces stay as they were: a pcap keeps its file header; a pcapng its section
 * headers (with the section length set to "unknown", as it changes), interface descriptions and
 * other blocks, less the interface statistics (whose counts would no longer hold). A record cut
 * by the end of the file is left out.
 */
export function keepFrames(d: Uint8Array, keep: ReadonlySet<number>): { bytes: Uint8Array; frames: number } {
  const parts: Uint8Array[] = [];
  let frames = 0;
  if (containerOf(d) === 'pcapng') {
    let le = true;
    let frame = 0;
    for (let at = 0; at + 12 <= d.length; ) {
      const type = u32(d, at, le);
      if (type === PCAPNG_SHB) {
        if (u32(d, at + 8, true) === PCAPNG_BYTE_ORDER) le = true;
        else if (u32(d, at + 8, false) === PCAPNG_BYTE_ORDER) le = false;
        else break;
      }
      const total = u32(d, at + 4, le);
      if (total < 12 || total % 4 !== 0 || total > MAX_RECORD || at + total > d.length) break;
      const bodyEnd = at + total - 4;
      const body = at + 8;
      // Packet blocks too short for their fields are not frames to the reader either.
      const packet = type === 6 || type === 2 ? body + 20 <= bodyEnd : type === 3 ? body + 4 <= bodyEnd : false;
      if (packet) frame++;
      if (packet ? keep.has(frame) : type !== 5 && type !== 6 && type !== 2 && type !== 3) {
        const block = d.slice(at, at + total);
        // Section length (bytes 16–23 of a section header): -1, "not given".
        if (type === PCAPNG_SHB && total >= 24) block.fill(0xff, 16, 24);
        if (packet) frames++;
        parts.push(block);
      }
      at += total;
    }
  } else {
    const magic = pcapMagic(d);
    if (!magic || d.length < PCAP_HEADER) return { bytes: new Uint8Array(0), frames: 0 };
    const le = magic.littleEndian;
    const recordHeader = 16 + magic.extraHeader;
    parts.push(d.subarray(0, PCAP_HEADER));
    let frame = 0;
    for (let at = PCAP_HEADER; at + recordHeader <= d.length; ) {
      const included = u32(d, at + 8, le);
      if (included > MAX_RECORD) break;
      const end = at + recordHeader + included;
      if (end > d.length) break;
      frame++;
      if (keep.has(frame)) {
        parts.push(d.subarray(at, end));
        frames++;
      }
      at = end;
    }
  }
  let size = 0;
  for (const part of parts) size += part.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return { bytes: out, frames };
}
