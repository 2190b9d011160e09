// IP fragment reassembly for IPv4 and IPv6. INVITEs with SDP are often fragmented. Memory is
// bounded: a datagram is at most 64 KB, at most MAX_SETS datagrams wait at once, and a set not
// completed within EXPIRE_US of capture time (or pushed out by newer ones) is dropped and counted.

const MAX_DATAGRAM = 65535 + 40;
const MAX_PIECES = 2048;
const MAX_SETS = 1024;
const MAX_PENDING_BYTES = 32 * 1024 * 1024;
const EXPIRE_US = 30_000_000;

interface Piece {
  offset: number;
  bytes: Uint8Array;
  /** The frame that carried this fragment. */
  frame: number;
}

interface FragmentSet {
  pieces: Piece[];
  /** Length of the whole datagram once the last fragment was seen, else -1. */
  total: number;
  received: number;
  firstTimeUs: number;
  /** The header fields the reassembled datagram keeps (addresses etc.), copied from the first fragment seen. */
  header: Uint8Array;
  layers: number;
}

export interface Reassembled {
  payload: Uint8Array;
  header: Uint8Array;
  layers: number;
  /** Fragments it was rebuilt from (duplicates included). */
  count: number;
  /** The frames that carried them, in frame order, each once. */
  frames: number[];
}

export class FragmentTable {
  private readonly sets = new Map<string, FragmentSet>();
  private pendingBytes = 0;
  /** Datagrams dropped before all their fragments arrived. */
  expired = 0;
  /** Datagrams rebuilt from fragments. */
  reassembled = 0;

  /**
   * Adds one fragment (its payload bytes, `offset` into the datagram, whether more follow).
   * Returns the whole datagram once it is complete. `header` is kept (copied) from the first
   * fragment for the caller to read the datagram's addresses.
   */
  add(key: string, header: Uint8Array, offset: number, bytes: Uint8Array, more: boolean, timeUs: number, layers: number, frame: number): Reassembled | undefined {
    if (offset + bytes.length > MAX_DATAGRAM) return undefined;
    let set = this.sets.get(key);
    if (!set) {
      this.expire(timeUs);
      set = { pieces: [], total: -1, received: 0, firstTimeUs: timeUs, header: header.slice(), layers };
      this.sets.set(key, set);
    }
    if (set.pieces.length >= MAX_PIECES) {
      this.drop(key, set);
      return undefined;
    }
    set.pieces.push({ offset, bytes: bytes.slice(), frame });
    set.received += bytes.length;
    set.layers |= layers;
    this.pendingBytes += bytes.length;
    if (!more) set.total = offset + bytes.length;
    if (this.pendingBytes > MAX_PENDING_BYTES) this.expire(timeUs, true);
    if (set.total < 0 || set.received < set.total) return undefined;
    const payload = assemble(set);
    if (!payload) return undefined;
    this.sets.delete(key);
    this.pendingBytes -= set.received;
    this.reassembled++;
    const frames = [...new Set(set.pieces.map((p) => p.frame))].sort((a, b) => a - b);
    return { payload, header: set.header, layers: set.layers, count: set.pieces.length, frames };
  }

  /** Incomplete sets still waiting (at the end of the capture, these never completed). */
  get waiting(): number {
    return this.sets.size;
  }

  private drop(key: string, set: FragmentSet): void {
    this.sets.delete(key);
    this.pendingBytes -= set.received;
    this.expired++;
  }

  /** Drops sets too old, and the oldest while the table is over its limits (or `squeeze` says so). */
  private expire(nowUs: number, squeeze = false): void {
    // Maps iterate in insertion order: the oldest sets come first.
    for (const [key, set] of this.sets) {
      const tooOld = nowUs - set.firstTimeUs > EXPIRE_US;
      const tooMany = this.sets.size >= MAX_SETS || (squeeze && this.pendingBytes > MAX_PENDING_BYTES / 2);
      if (!tooOld && !tooMany) break;
      this.drop(key, set);
    }
  }
}

/** The datagram when the pieces cover it from 0 to its end without a hole, else undefined. */
function assemble(set: FragmentSet): Uint8Array | undefined {
  const pieces = set.pieces.slice().sort((a, b) => a.offset - b.offset);
  let covered = 0;
  for (const piece of pieces) {
    if (piece.offset > covered) return undefined;
    covered = Math.max(covered, piece.offset + piece.bytes.length);
  }
  if (covered < set.total) return undefined;
  const out = new Uint8Array(set.total);
  // Later copies of overlapping bytes are written first, so the first fragment seen wins.
  for (let i = set.pieces.length - 1; i >= 0; i--) {
    const piece = set.pieces[i]!;
    const room = set.total - piece.offset;
    if (room <= 0) continue;
    out.set(room < piece.bytes.length ? piece.bytes.subarray(0, room) : piece.bytes, piece.offset);
  }
  return out;
}
