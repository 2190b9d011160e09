// SCTP: SIP rides DATA chunks, one SIP message per user message (RFC 4168). A user message too big
// for one chunk is split into fragments (B and E flags) with consecutive TSNs, put back together
// here per association direction and stream. Several chunks may share one packet.
import { joinBytes, u16be, u32be } from './bytes';

const CHUNK_DATA = 0;
const MAX_PENDING_FRAGMENTS = 256;
const MAX_USER_MESSAGE = 4 * 1024 * 1024;
const MAX_STREAMS = 16_384;

interface Fragment {
  tsn: number;
  begin: boolean;
  end: boolean;
  data: Uint8Array;
  frame: number;
}

export interface SctpEvents {
  /**
   * A whole user message, in the packet being read; `frames` are those its fragments came in,
   * undefined when it came in one chunk (of the packet being read).
   */
  message(bytes: Uint8Array, srcPort: number, dstPort: number, frames: number[] | undefined): void;
}

export class SctpReassembler {
  /** Fragments waiting for the rest of their user message, by direction and stream. */
  private readonly pending = new Map<string, Fragment[]>();
  /** Recently delivered TSNs per direction, so a retransmitted DATA chunk is not a new message. */
  private readonly delivered = new Map<string, number[]>();

  constructor(private readonly events: SctpEvents) {}

  /** One SCTP packet at `off`; `addresses` identifies the direction (source and destination). */
  packet(d: Uint8Array, off: number, end: number, addresses: string, frame = 0): void {
    if (end - off < 12) return;
    const srcPort = u16be(d, off);
    const dstPort = u16be(d, off + 2);
    const direction = `${addresses}${srcPort}>${dstPort}`;
    let at = off + 12;
    for (let chunks = 0; at + 4 <= end && chunks < 4096; chunks++) {
      const type = d[at]!;
      const flags = d[at + 1]!;
      const length = u16be(d, at + 2);
      if (length < 4) return;
      const chunkEnd = Math.min(end, at + length);
      if (type === CHUNK_DATA && length >= 16 && at + 16 <= chunkEnd) {
        const tsn = u32be(d, at + 4);
        const stream = u16be(d, at + 8);
        this.data(direction, stream, tsn, flags, d.subarray(at + 16, chunkEnd), srcPort, dstPort, frame);
      }
      at += (length + 3) & ~3;
    }
  }

  private data(direction: string, stream: number, tsn: number, flags: number, data: Uint8Array, srcPort: number, dstPort: number, frame: number): void {
    if (this.seen(direction, tsn)) return;
    const begin = (flags & 0x02) !== 0;
    const end = (flags & 0x01) !== 0;
    if (begin && end) {
      this.events.message(data, srcPort, dstPort, undefined);
      return;
    }
    const key = `${direction}#${stream}`;
    let list = this.pending.get(key);
    if (!list) {
      if (this.pending.size >= MAX_STREAMS) this.pending.delete(this.pending.keys().next().value as string);
      list = [];
      this.pending.set(key, list);
    }
    if (list.length >= MAX_PENDING_FRAGMENTS) list.splice(0, list.length);
    if (list.some((f) => f.tsn === tsn)) return;
    list.push({ tsn, begin, end, data, frame });
    this.tryComplete(key, list, srcPort, dstPort);
  }

  /** Delivers every user message whose fragments run without a gap from a B to an E. */
  private tryComplete(key: string, list: Fragment[], srcPort: number, dstPort: number): void {
    list.sort((a, b) => ((a.tsn - b.tsn) | 0));
    for (let i = 0; i < list.length; i++) {
      if (!list[i]!.begin) continue;
      let size = list[i]!.data.length;
      for (let j = i; j < list.length; j++) {
        if (j > i) {
          if (((list[j]!.tsn - list[j - 1]!.tsn) | 0) !== 1 || list[j]!.begin) break;
          size += list[j]!.data.length;
        }
        if (size > MAX_USER_MESSAGE) break;
        if (list[j]!.end) {
          const parts = list.splice(i, j - i + 1);
          const out = joinBytes(parts.map((f) => f.data), size);
          if (list.length === 0) this.pending.delete(key);
          this.events.message(out, srcPort, dstPort, [...new Set(parts.map((f) => f.frame))].sort((a, b) => a - b));
          return;
        }
      }
    }
  }

  private seen(direction: string, tsn: number): boolean {
    let recent = this.delivered.get(direction);
    if (!recent) {
      if (this.delivered.size >= MAX_STREAMS) this.delivered.delete(this.delivered.keys().next().value as string);
      recent = [];
      this.delivered.set(direction, recent);
    }
    if (recent.includes(tsn)) return true;
    recent.push(tsn);
    if (recent.length > 64) recent.shift();
    return false;
  }
}
