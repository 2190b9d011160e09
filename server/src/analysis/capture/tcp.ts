// TCP: each direction of a connection is a byte stream put back in sequence order (tolerating
// retransmissions, overlaps, gaps and a capture that starts mid-stream), then cut into SIP
// messages by Content-Length, or into WebSocket messages after an HTTP upgrade, or into HEP
// packets. Streams that are TLS or something else are recognised once and then skipped.
// Memory is bounded per stream (buffered bytes, held-back segments) and in the number of streams.
import { sourceAt } from './address';
import { asciiAt, joinBytes, latin1Key, u16be, u32be } from './bytes';
import { findSipStart, isSipStart, MAX_HEADER_BLOCK, messageExtent } from './sip';
import { isTlsRecord } from './tls';
import { isHttpStart, isWebSocketUpgrade, MAX_WS_MESSAGE, readWsFrame } from './websocket';

const enum Mode {
  /** Not known yet, or lost after a gap: looking for a SIP start line, an upgrade or TLS. */
  Searching,
  Sip,
  WebSocket,
  Hep,
  Tls,
}

/** The longest SIP message kept while its end is awaited. */
const MAX_MESSAGE = 4 * 1024 * 1024;
const MAX_HELD_SEGMENTS = 256;
const MAX_HELD_BYTES = 2 * 1024 * 1024;
const MAX_STREAMS = 65_536;
/** While searching, a tail this long is kept in case a start line is split across segments. */
const SEARCH_TAIL = 4096;

interface Held {
  seq: number;
  data: Uint8Array;
  frame: number;
  /** The frames of a segment that came in IP fragments. */
  frames: readonly number[] | undefined;
}

/**
 * Which frames carried which bytes of a stream, for reading back the frames of each message:
 * spans of stream positions (counted from the stream's first byte taken), in stream order.
 * Spans before the oldest byte still buffered are dropped as messages are taken.
 */
interface FrameSpans {
  starts: number[];
  ends: number[];
  frames: number[];
  /** Spans before this index are no longer needed. */
  head: number;
}

function addSpan(spans: FrameSpans, start: number, end: number, frame: number, frames: readonly number[] | undefined): void {
  for (const f of frames ?? [frame]) {
    spans.starts.push(start);
    spans.ends.push(end);
    spans.frames.push(f);
  }
}

/** Forgets the spans that end at or before `position`. */
function pruneSpans(spans: FrameSpans, position: number): void {
  while (spans.head < spans.ends.length && spans.ends[spans.head]! <= position) spans.head++;
  if (spans.head > 256 && spans.head * 2 > spans.ends.length) {
    spans.starts.splice(0, spans.head);
    spans.ends.splice(0, spans.head);
    spans.frames.splice(0, spans.head);
    spans.head = 0;
  }
}

/** The frames whose bytes fall in [start, end) of the stream, in frame order, each once. */
function framesOf(spans: FrameSpans, start: number, end: number): number[] {
  pruneSpans(spans, start);
  const found = new Set<number>();
  for (let i = spans.head; i < spans.starts.length && spans.starts[i]! < end; i++) if (spans.ends[i]! > start) found.add(spans.frames[i]!);
  return [...found].sort((a, b) => a - b);
}

export interface TcpStream {
  /** The stream's addresses: the IP header copy and where its addresses are. */
  readonly header: Uint8Array;
  readonly v6: boolean;
  readonly srcPort: number;
  readonly dstPort: number;
  /** Layers of the last segment that carried data. */
  layers: number;
  lastFrame: number;
  lastTimeUs: number;
}

interface StreamState extends TcpStream {
  key: string;
  nextSeq: number;
  started: boolean;
  held: Held[];
  heldBytes: number;
  /** Bytes taken in order and not yet consumed: `buf`, then `chunks` not joined to it yet. */
  buf: Uint8Array;
  chunks: Uint8Array[];
  chunkBytes: number;
  /** Consuming waits until this many bytes are buffered (0: try with every segment). */
  waitFor: number;
  /** Where the scan of an unfinished header block stopped in `buf`, and the Content-Length seen. */
  scanAt: number;
  scanLength: number;
  mode: Mode;
  /** Frames of the WebSocket message being put together, and their size. */
  wsParts: Uint8Array[];
  wsBytes: number;
  /** The stream was reported as TLS already. */
  tlsCounted: boolean;
  /** Bytes taken into the stream in all: the stream position just after `buf` and `chunks`. */
  appended: number;
  /** Where the WebSocket message being put together starts in the stream. */
  wsStart: number;
  /** Kept only when the reader was asked for every frame of each message. */
  spans: FrameSpans | undefined;
}

/**
 * `frames`: every frame that carried the message's bytes, when the reader keeps them
 * (`trackFrames`); undefined otherwise.
 */
export interface StreamEvents {
  sip(stream: TcpStream, bytes: Uint8Array, transport: 'tcp' | 'ws', incomplete: boolean, frames: number[] | undefined): void;
  hep(stream: TcpStream, bytes: Uint8Array, frames: number[] | undefined): void;
  tls(stream: TcpStream): void;
  /** A SIP message that could not be completed (a gap in the stream) was dropped. */
  lost(stream: TcpStream): void;
}

const EMPTY = new Uint8Array(0);

export class TcpReassembler {
  private readonly streams = new Map<string, StreamState>();
  constructor(
    private readonly events: StreamEvents,
    /** Keep which frames carried each message's bytes (for writing them out again); costs a little per segment. */
    private readonly trackFrames = false,
  ) {}

  /**
   * One TCP segment at `off` (its header) in `d`; `header`/`hdr` hold the IP addresses;
   * `missing` bytes of it were not captured (snap length).
   */
  segment(
    d: Uint8Array,
    off: number,
    end: number,
    header: Uint8Array,
    hdr: number,
    v6: boolean,
    layers: number,
    frame: number,
    timeUs: number,
    missing = 0,
    /** The frames of a segment that came in IP fragments (`frame` is the last of them). */
    frames?: readonly number[],
  ): void {
    if (end - off < 20) return;
    const dataOffset = (d[off + 12]! >> 4) * 4;
    if (dataOffset < 20 || off + dataOffset > end) return;
    const srcPort = u16be(d, off);
    const dstPort = u16be(d, off + 2);
    const seq = u32be(d, off + 4);
    const flags = d[off + 13]!;
    const syn = (flags & 0x02) !== 0;
    const data = d.subarray(off + dataOffset, end);
    if (!syn && data.length === 0) return;
    // Ports, then both addresses (source and destination lie next to each other in the header).
    const srcAt = sourceAt(hdr, v6);
    const key = String.fromCharCode(srcPort, dstPort) + latin1Key(header, srcAt, srcAt + (v6 ? 32 : 8));
    let s = this.streams.get(key);
    if (!s) {
      if (this.streams.size >= MAX_STREAMS) this.evictOldest();
      s = {
        key,
        header: copyAddresses(header, hdr, v6),
        v6,
        srcPort,
        dstPort,
        layers,
        lastFrame: frame,
        lastTimeUs: timeUs,
        nextSeq: 0,
        started: false,
        held: [],
        heldBytes: 0,
        buf: EMPTY,
        chunks: [],
        chunkBytes: 0,
        waitFor: 0,
        scanAt: 0,
        scanLength: 0,
        mode: Mode.Searching,
        wsParts: [],
        wsBytes: 0,
        tlsCounted: false,
        appended: 0,
        wsStart: 0,
        spans: this.trackFrames ? { starts: [], ends: [], frames: [], head: 0 } : undefined,
      };
      this.streams.set(key, s);
    }
    if (syn) {
      const next = (seq + 1) >>> 0;
      if (s.started && next !== s.nextSeq) {
        // A new connection on the same addresses and ports: what the old one left is dropped.
        flatten(s);
        if (s.mode === Mode.Sip && s.buf.length > 0) this.events.lost(s);
        drop(s);
        s.held = [];
        s.heldBytes = 0;
        s.wsParts = [];
        s.wsBytes = 0;
        s.mode = Mode.Searching;
      }
      s.nextSeq = next;
      s.started = true;
      return;
    }
    s.layers = layers;
    s.lastFrame = frame;
    s.lastTimeUs = timeUs;
    if (s.mode === Mode.Tls) return;
    if (!s.started) {
      // The capture joined the connection mid-way: take this segment as the start.
      s.nextSeq = seq;
      s.started = true;
    }
    this.accept(s, seq, data, frame, frames);
    if (missing > 0) this.cutShort(s, (seq + data.length) >>> 0, missing);
  }

  /**
   * The segment just taken lost its last `missing` bytes to the snap length: the message they
   * belonged to is handed on as far as it goes, and the stream goes on after them.
   */
  private cutShort(s: StreamState, capturedEnd: number, missing: number): void {
    if (s.nextSeq !== capturedEnd) return;
    flatten(s);
    if (s.mode === Mode.Sip && s.buf.length > 0 && isSipStart(s.buf, 0, s.buf.length)) this.events.sip(s, s.buf, 'tcp', true, this.framesOfTail(s));
    resync(s);
    s.nextSeq = (s.nextSeq + missing) >>> 0;
    this.drainHeld(s);
  }

  /** At the end of the capture: messages still waiting for their end are handed on as incomplete. */
  finish(): void {
    for (const s of this.streams.values()) {
      if (s.held.length > 0) this.skipGap(s);
      flatten(s);
      if ((s.mode === Mode.Sip || s.mode === Mode.Searching) && s.buf.length > 0 && isSipStart(s.buf, 0, s.buf.length)) {
        this.events.sip(s, s.buf, 'tcp', true, this.framesOfTail(s));
      }
      s.buf = EMPTY;
    }
    this.streams.clear();
  }

  /** Frames of the bytes buffered from `from` bytes into `buf` up to `to` (both relative to `buf`'s start). */
  private framesOfBuffered(s: StreamState, from: number, to: number): number[] | undefined {
    if (!s.spans) return undefined;
    const start = s.appended - s.buf.length - s.chunkBytes;
    return framesOf(s.spans, start + from, start + to);
  }

  /** Frames of everything buffered (a message handed on incomplete). */
  private framesOfTail(s: StreamState): number[] | undefined {
    return this.framesOfBuffered(s, 0, s.buf.length + s.chunkBytes);
  }

  private accept(s: StreamState, seq: number, data: Uint8Array, frame: number, frames: readonly number[] | undefined): void {
    const ahead = (seq - s.nextSeq) | 0;
    if (ahead > 0) {
      // A gap before this segment: hold it until the gap fills, within limits.
      if (s.held.some((h) => h.seq === seq && h.data.length >= data.length)) return;
      s.held.push({ seq, data, frame, frames });
      s.heldBytes += data.length;
      if (s.held.length > MAX_HELD_SEGMENTS || s.heldBytes > MAX_HELD_BYTES) this.skipGap(s);
      return;
    }
    // Retransmitted or overlapping bytes already taken are skipped.
    if (-ahead >= data.length) return;
    this.append(s, -ahead > 0 ? data.subarray(-ahead) : data, frame, frames);
    this.drainHeld(s);
  }

  private drainHeld(s: StreamState): void {
    while (s.held.length > 0) {
      let progressed = false;
      for (let i = 0; i < s.held.length; i++) {
        const h = s.held[i]!;
        const ahead = (h.seq - s.nextSeq) | 0;
        if (ahead > 0) continue;
        s.held.splice(i, 1);
        s.heldBytes -= h.data.length;
        i--;
        if (-ahead < h.data.length) {
          this.append(s, -ahead > 0 ? h.data.subarray(-ahead) : h.data, h.frame, h.frames);
          progressed = true;
        }
      }
      if (!progressed) return;
    }
  }

  /** The missing bytes will not come: drop the message they belonged to and go on after the gap. */
  private skipGap(s: StreamState): void {
    let lowest = s.held[0]!;
    for (const h of s.held) if (((h.seq - lowest.seq) | 0) < 0) lowest = h;
    if ((s.buf.length > 0 || s.chunkBytes > 0) && s.mode === Mode.Sip) this.events.lost(s);
    resync(s);
    s.nextSeq = lowest.seq;
    this.drainHeld(s);
  }

  private append(s: StreamState, data: Uint8Array, frame: number, frames: readonly number[] | undefined): void {
    s.nextSeq = (s.nextSeq + data.length) >>> 0;
    if (s.spans) {
      // Spans before the oldest byte still buffered (or of a WebSocket message being put
      // together) will never be asked for.
      const buffered = s.appended - s.buf.length - s.chunkBytes;
      pruneSpans(s.spans, s.wsParts.length > 0 ? Math.min(s.wsStart, buffered) : buffered);
      addSpan(s.spans, s.appended, s.appended + data.length, frame, frames);
    }
    s.appended += data.length;
    // The file's bytes live as long as the reading, so views are kept, and joined only once a
    // message is all there: joining at every segment would copy a long message over and over.
    if (s.buf.length === 0 && s.chunks.length === 0) {
      s.buf = data;
    } else {
      s.chunks.push(data);
      s.chunkBytes += data.length;
      if (s.waitFor > 0 && s.buf.length + s.chunkBytes < s.waitFor) return;
      // A header block still open ends only at a line feed: without one there is nothing new to scan.
      if (s.waitFor === 0 && s.mode === Mode.Sip && s.scanAt > 0 && data.indexOf(10) < 0 && s.buf.length + s.chunkBytes <= MAX_HEADER_BLOCK) return;
      flatten(s);
    }
    s.waitFor = 0;
    this.consume(s);
  }

  private consume(s: StreamState): void {
    for (let guard = 0; s.buf.length > 0 && guard < 1_000_000; guard++) {
      switch (s.mode) {
        case Mode.Searching:
          if (!this.search(s)) return;
          break;
        case Mode.Sip:
          if (!this.nextSip(s)) return;
          break;
        case Mode.WebSocket:
          if (!this.nextWs(s)) return;
          break;
        case Mode.Hep:
          if (!this.nextHep(s)) return;
          break;
        case Mode.Tls:
          s.buf = EMPTY;
          return;
      }
    }
  }

  /** Decides what the stream carries; true when it did and consuming can go on. */
  private search(s: StreamState): boolean {
    const b = s.buf;
    if (isSipStart(b, 0, b.length)) {
      s.mode = Mode.Sip;
      return true;
    }
    if (isTlsRecord(b, 0, b.length)) {
      s.mode = Mode.Tls;
      s.buf = EMPTY;
      if (!s.tlsCounted) {
        s.tlsCounted = true;
        this.events.tls(s);
      }
      return false;
    }
    if (asciiAt(b, 0, 'HEP3')) {
      s.mode = Mode.Hep;
      return true;
    }
    if (isHttpStart(b)) {
      const ext = messageExtent(b, 0, b.length);
      if (ext.headerEnd < 0) {
        if (b.length > MAX_HEADER_BLOCK) s.buf = EMPTY;
        return false;
      }
      // Both directions see their own side of the upgrade: the request and the 101 answer.
      if (isWebSocketUpgrade(b, ext.headerEnd)) s.mode = Mode.WebSocket;
      s.buf = b.subarray(ext.headerEnd);
      return true;
    }
    if (looksLikeWsFrame(b)) {
      s.mode = Mode.WebSocket;
      return true;
    }
    const at = findSipStart(b, 0, b.length);
    if (at > 0) {
      s.buf = b.subarray(at);
      s.mode = Mode.Sip;
      return true;
    }
    // Nothing yet: keep only a tail, where a start line split across segments may begin.
    if (b.length > SEARCH_TAIL) {
      const lf = b.lastIndexOf(10, b.length - 1);
      s.buf = lf >= 0 && b.length - lf - 1 <= SEARCH_TAIL ? b.subarray(lf + 1) : EMPTY;
    }
    return false;
  }

  private nextSip(s: StreamState): boolean {
    let b = s.buf;
    // Keep-alive line breaks (RFC 5626 CRLF pings) between messages.
    let skip = 0;
    while (skip < b.length && (b[skip] === 13 || b[skip] === 10)) skip++;
    if (skip > 0) {
      b = s.buf = b.subarray(skip);
      if (b.length === 0) return false;
    }
    if (!isSipStart(b, 0, b.length)) {
      // Not a start line where one should be; wait for the whole line before giving up on it.
      if (b.indexOf(10) < 0 && b.length < MAX_HEADER_BLOCK) return false;
      s.mode = Mode.Searching;
      const at = findSipStart(b, 1, b.length);
      s.buf = at > 0 ? b.subarray(at) : EMPTY;
      s.scanAt = 0;
      return at > 0;
    }
    const ext = messageExtent(b, 0, b.length, s.scanAt, s.scanLength);
    if (ext.end < 0) {
      if ((ext.headerEnd < 0 && b.length > MAX_HEADER_BLOCK) || ext.needed > MAX_MESSAGE) {
        this.events.lost(s);
        drop(s);
        s.mode = Mode.Searching;
        return false;
      }
      if (ext.headerEnd < 0) {
        s.scanAt = ext.resumeAt;
        s.scanLength = ext.contentLength;
      } else {
        s.waitFor = ext.needed;
      }
      return false;
    }
    s.scanAt = 0;
    this.events.sip(s, b.subarray(0, ext.end), 'tcp', false, this.framesOfBuffered(s, 0, ext.end));
    s.buf = b.subarray(ext.end);
    return true;
  }

  private nextWs(s: StreamState): boolean {
    const f = readWsFrame(s.buf);
    if (f.size === 0 && f.needed > 0) s.waitFor = f.needed;
    if (f.size < 0) {
      s.mode = Mode.Searching;
      const at = findSipStart(s.buf, 0, s.buf.length);
      s.buf = at >= 0 ? s.buf.subarray(at) : EMPTY;
      return at >= 0;
    }
    if (f.size === 0) return false;
    const frameStart = s.appended - s.buf.length - s.chunkBytes;
    s.buf = s.buf.subarray(f.size);
    if (f.opcode >= 8) return true;
    if (f.opcode !== 0) {
      s.wsParts = [];
      s.wsBytes = 0;
      s.wsStart = frameStart;
    }
    s.wsParts.push(f.payload);
    s.wsBytes += f.payload.length;
    if (s.wsBytes > MAX_WS_MESSAGE) {
      s.wsParts = [];
      s.wsBytes = 0;
      return true;
    }
    if (f.fin) {
      const whole = s.wsParts.length === 1 ? s.wsParts[0]! : joinBytes(s.wsParts, s.wsBytes);
      s.wsParts = [];
      s.wsBytes = 0;
      if (isSipStart(whole, 0, whole.length)) this.events.sip(s, whole, 'ws', false, s.spans ? framesOf(s.spans, s.wsStart, frameStart + f.size) : undefined);
    }
    return true;
  }

  private nextHep(s: StreamState): boolean {
    const b = s.buf;
    if (b.length < 6) return false;
    if (!asciiAt(b, 0, 'HEP3')) {
      s.mode = Mode.Searching;
      return true;
    }
    const length = u16be(b, 4);
    if (length < 6) {
      s.mode = Mode.Searching;
      s.buf = b.subarray(4);
      return true;
    }
    if (b.length < length) {
      s.waitFor = length;
      return false;
    }
    this.events.hep(s, b.subarray(0, length), this.framesOfBuffered(s, 0, length));
    s.buf = b.subarray(length);
    return true;
  }

  private evictOldest(): void {
    for (const key of this.streams.keys()) {
      this.streams.delete(key);
      return;
    }
  }
}

/** Joins the chunks waiting behind `buf` to it, in one copy. */
function flatten(s: StreamState): void {
  if (s.chunks.length === 0) return;
  s.chunks.unshift(s.buf);
  s.buf = joinBytes(s.chunks, s.buf.length + s.chunkBytes);
  s.chunks = [];
  s.chunkBytes = 0;
}

/** Forgets every buffered byte (a gap, a cut, a message too long to keep). */
function drop(s: StreamState): void {
  s.buf = EMPTY;
  s.chunks = [];
  s.chunkBytes = 0;
  s.waitFor = 0;
  s.scanAt = 0;
  s.scanLength = 0;
}

/** After bytes that will never come: nothing buffered is kept, and a SIP stream looks for its next start line. */
function resync(s: StreamState): void {
  drop(s);
  s.wsParts = [];
  s.wsBytes = 0;
  if (s.mode === Mode.Sip) s.mode = Mode.Searching;
}

function looksLikeWsFrame(b: Uint8Array): boolean {
  const first = b[0]!;
  if (first !== 0x81 && first !== 0x82 && first !== 0x01 && first !== 0x02) return false;
  const f = readWsFrame(b);
  if (f.size <= 0) return false;
  return isSipStart(f.payload, 0, f.payload.length);
}

/** A small copy of the IP header holding just what the stream needs: its addresses, at the usual offsets. */
function copyAddresses(header: Uint8Array, hdr: number, v6: boolean): Uint8Array {
  return header.slice(hdr, hdr + (v6 ? 40 : 20));
}
