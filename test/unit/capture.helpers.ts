// Byte builders for capture tests: packets and files put together field by field, so each test
// says exactly what it feeds the reader.
import { deflateSync, gzipSync } from 'node:zlib';

export const SIP_INVITE = sipMessage([
  'INVITE sip:bob@192.0.2.2 SIP/2.0',
  'Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-1',
  'From: <sip:alice@192.0.2.1>;tag=a1',
  'To: <sip:bob@192.0.2.2>',
  'Call-ID: call-1@192.0.2.1',
  'CSeq: 1 INVITE',
], 'v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n');

/** A SIP message with CRLF line breaks and a Content-Length that fits its body. */
export function sipMessage(headers: string[], body = ''): string {
  return [...headers, `Content-Length: ${Buffer.byteLength(body)}`, '', body].join('\r\n');
}

/** The messages of one call from 192.0.2.1 (caller) to 192.0.2.2: INVITE, 180, 200, ACK, BYE, 200. */
export function callMessages(callId: string, byeFromCaller = true): { text: string; fromCaller: boolean }[] {
  const via = 'Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-';
  const common = (cseq: string, toTag: boolean): string[] => [
    'From: <sip:alice@192.0.2.1>;tag=a1',
    `To: <sip:bob@192.0.2.2>${toTag ? ';tag=b1' : ''}`,
    `Call-ID: ${callId}`,
    `CSeq: ${cseq}`,
  ];
  const byeHeaders = byeFromCaller
    ? [via + 'bye', ...common('2 BYE', true)]
    : ['Via: SIP/2.0/UDP 192.0.2.2:5060;branch=z9hG4bK-rbye', 'From: <sip:bob@192.0.2.2>;tag=b1', 'To: <sip:alice@192.0.2.1>;tag=a1', `Call-ID: ${callId}`, 'CSeq: 1 BYE'];
  return [
    { text: sipMessage(['INVITE sip:bob@192.0.2.2 SIP/2.0', via + 'inv', ...common('1 INVITE', false)], 'v=0\r\ns=-\r\n'), fromCaller: true },
    { text: sipMessage(['SIP/2.0 180 Ringing', via + 'inv', ...common('1 INVITE', true)]), fromCaller: false },
    { text: sipMessage(['SIP/2.0 200 OK', via + 'inv', ...common('1 INVITE', true)], 'v=0\r\ns=-\r\n'), fromCaller: false },
    { text: sipMessage(['ACK sip:bob@192.0.2.2 SIP/2.0', via + 'ack', ...common('1 ACK', true)]), fromCaller: true },
    { text: sipMessage([`BYE sip:${byeFromCaller ? 'bob@192.0.2.2' : 'alice@192.0.2.1'} SIP/2.0`, ...byeHeaders]), fromCaller: byeFromCaller },
    { text: sipMessage(['SIP/2.0 200 OK', ...byeHeaders]), fromCaller: !byeFromCaller },
  ];
}

export function bytes(...parts: (Uint8Array | number[] | string)[]): Buffer {
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p as Uint8Array))));
}

function u16(n: number): number[] {
  return [(n >> 8) & 0xff, n & 0xff];
}

function u32(n: number): number[] {
  return [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
}

export function ip4(address: string): number[] {
  return address.split('.').map(Number);
}

export function ip6(address: string): number[] {
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const words = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t].map((w) => parseInt(w, 16));
  return words.flatMap((w) => u16(w));
}

// ---- transport ------------------------------------------------------------------------------

export function udp(srcPort: number, dstPort: number, payload: Uint8Array | string): Buffer {
  const body = bytes(payload);
  return bytes(u16(srcPort), u16(dstPort), u16(8 + body.length), [0, 0], body);
}

export const TCP_SYN = 0x02;
export const TCP_ACK = 0x10;
export const TCP_PSH = 0x08;
export const TCP_FIN = 0x01;

export function tcp(srcPort: number, dstPort: number, seq: number, payload: Uint8Array | string = '', flags = TCP_ACK | TCP_PSH): Buffer {
  return bytes(u16(srcPort), u16(dstPort), u32(seq >>> 0), u32(0), [0x50, flags], u16(65535), [0, 0, 0, 0], bytes(payload));
}

/** One SCTP DATA chunk: flags B (2) and E (1) say where the user message starts and ends. */
export function sctpData(tsn: number, flags: number, data: Uint8Array | string, stream = 0): Buffer {
  const body = bytes(data);
  const length = 16 + body.length;
  const padding = (4 - (length % 4)) % 4;
  return bytes([0, flags], u16(length), u32(tsn), u16(stream), u16(0), u32(0), body, Array(padding).fill(0));
}

export function sctp(srcPort: number, dstPort: number, ...chunks: Buffer[]): Buffer {
  return bytes(u16(srcPort), u16(dstPort), u32(1), u32(0), ...chunks);
}

/** A WebSocket frame; client frames are masked (RFC 6455). */
export function wsFrame(payload: string | Uint8Array, options: { mask?: number[]; fin?: boolean; opcode?: number } = {}): Buffer {
  const data = bytes(payload);
  const { mask, fin = true, opcode = 1 } = options;
  const header: number[] = [(fin ? 0x80 : 0) | opcode];
  const m = mask ? 0x80 : 0;
  if (data.length < 126) header.push(m | data.length);
  else if (data.length < 65536) header.push(m | 126, ...u16(data.length));
  else header.push(m | 127, 0, 0, 0, 0, ...u32(data.length));
  if (!mask) return bytes(header, data);
  const masked = Buffer.from(data.map((b, i) => b ^ mask[i % 4]!));
  return bytes(header, mask, masked);
}

export interface HepFields {
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  proto?: number;
  seconds: number;
  micros: number;
  payload: string;
  /** Send the payload compressed (chunk 16) instead of plain (chunk 15). */
  compress?: boolean;
}

export function hep3(f: HepFields): Buffer {
  const v6 = f.src.includes(':');
  const chunk = (type: number, value: number[] | Buffer): Buffer => {
    const v = Buffer.from(value);
    return bytes(u16(0), u16(type), u16(6 + v.length), v);
  };
  const chunks = bytes(
    chunk(1, [v6 ? 10 : 2]),
    chunk(2, [f.proto ?? 17]),
    chunk(v6 ? 5 : 3, v6 ? ip6(f.src) : ip4(f.src)),
    chunk(v6 ? 6 : 4, v6 ? ip6(f.dst) : ip4(f.dst)),
    chunk(7, u16(f.srcPort)),
    chunk(8, u16(f.dstPort)),
    chunk(9, u32(f.seconds)),
    chunk(10, u32(f.micros)),
    chunk(11, [1]),
    chunk(12, u32(2001)),
    f.compress ? chunk(16, deflateSync(Buffer.from(f.payload, 'latin1'))) : chunk(15, Buffer.from(f.payload, 'latin1')),
  );
  return bytes('HEP3', u16(6 + chunks.length), chunks);
}

/** HEP v2 as Kamailio's siptrace writes it: fixed header, addresses, little-endian time. */
export function hep2(f: HepFields): Buffer {
  const le32 = (n: number): number[] => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
  return bytes([2, 16, 2, f.proto ?? 17], u16(f.srcPort), u16(f.dstPort), ip4(f.src), ip4(f.dst), le32(f.seconds), le32(f.micros), [0x01, 0x00, 0, 0], f.payload);
}

// ---- network --------------------------------------------------------------------------------

export interface Ip4Options {
  id?: number;
  /** Fragment offset in bytes (a multiple of 8). */
  offset?: number;
  more?: boolean;
}

export function ipv4(src: string, dst: string, proto: number, payload: Uint8Array, o: Ip4Options = {}): Buffer {
  const flags = (o.more ? 0x2000 : 0) | ((o.offset ?? 0) >> 3);
  return bytes([0x45, 0], u16(20 + payload.length), u16(o.id ?? 1), u16(flags), [64, proto], [0, 0], ip4(src), ip4(dst), payload);
}

/** IPv4 fragments of one datagram, `size` payload bytes each (a multiple of 8). */
export function ipv4Fragments(src: string, dst: string, proto: number, payload: Uint8Array, size: number, id = 7): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < payload.length; at += size) {
    const piece = payload.subarray(at, Math.min(payload.length, at + size));
    out.push(ipv4(src, dst, proto, piece, { id, offset: at, more: at + size < payload.length }));
  }
  return out;
}

export function ipv6(src: string, dst: string, next: number, payload: Uint8Array): Buffer {
  return bytes([0x60, 0, 0, 0], u16(payload.length), [next, 64], ip6(src), ip6(dst), payload);
}

/** An IPv6 extension header (hop-by-hop, routing, destination options) of 8 bytes. */
export function ipv6Extension(next: number, body: Uint8Array): Buffer {
  return bytes([next, 0], [0, 0, 0, 0, 0, 0], body);
}

export function ipv6Fragment(next: number, offset: number, more: boolean, id: number, body: Uint8Array): Buffer {
  return bytes([next, 0], u16(offset | (more ? 1 : 0)), u32(id), body);
}

// ---- link -----------------------------------------------------------------------------------

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_IPV6 = 0x86dd;

export function ethernet(etherType: number, payload: Uint8Array, tags: { tpid: number; vid: number }[] = []): Buffer {
  const tagBytes = tags.flatMap((t) => [...u16(t.tpid), ...u16(t.vid)]);
  return bytes([2, 0, 0, 0, 0, 2], [2, 0, 0, 0, 0, 1], tagBytes, u16(etherType), payload);
}

export function sll(etherType: number, payload: Uint8Array): Buffer {
  return bytes(u16(0), u16(1), u16(6), [2, 0, 0, 0, 0, 1, 0, 0], u16(etherType), payload);
}

export function sll2(etherType: number, payload: Uint8Array): Buffer {
  return bytes(u16(etherType), u16(0), u32(1), u16(1), [0, 6], [2, 0, 0, 0, 0, 1, 0, 0], payload);
}

/** BSD loopback (link type 0): the address family in the capturing host's (little-endian) order. */
export function nullLink(family: number, payload: Uint8Array): Buffer {
  return bytes([family, 0, 0, 0], payload);
}

// ---- files ----------------------------------------------------------------------------------

export interface Packet {
  data: Uint8Array;
  /** Microseconds since the epoch. */
  timeUs: number;
  /** Bytes on the wire, when more than were captured. */
  originalLength?: number;
}

export interface PcapOptions {
  linkType?: number;
  bigEndian?: boolean;
  nanoseconds?: boolean;
}

/** A 32-bit field in the file's byte order (the capturing host's, for pcap and pcapng). */
function uint32(n: number, littleEndian: boolean): Buffer {
  const b = Buffer.alloc(4);
  if (littleEndian) b.writeUInt32LE(n >>> 0);
  else b.writeUInt32BE(n >>> 0);
  return b;
}

function uint16(n: number, littleEndian: boolean): Buffer {
  const b = Buffer.alloc(2);
  if (littleEndian) b.writeUInt16LE(n);
  else b.writeUInt16BE(n);
  return b;
}

export function pcap(packets: Packet[], o: PcapOptions = {}): Buffer {
  const le = !o.bigEndian;
  const w32 = (n: number): Buffer => uint32(n, le);
  const w16 = (n: number): Buffer => uint16(n, le);
  const parts: Buffer[] = [w32(o.nanoseconds ? 0xa1b23c4d : 0xa1b2c3d4), w16(2), w16(4), w32(0), w32(0), w32(65535), w32(o.linkType ?? 1)];
  for (const p of packets) {
    const seconds = Math.floor(p.timeUs / 1e6);
    const fraction = p.timeUs % 1e6;
    parts.push(w32(seconds), w32(o.nanoseconds ? fraction * 1000 : fraction), w32(p.data.length), w32(p.originalLength ?? p.data.length), Buffer.from(p.data));
  }
  return Buffer.concat(parts);
}

export interface NgInterface {
  linkType: number;
  /** if_tsresol byte: 6 = microseconds, 9 = nanoseconds, 0x80|n = 2^-n. */
  tsresol?: number;
  /** if_tsoffset, in seconds. */
  tsoffset?: number;
}

export type NgBlock =
  | { kind: 'section'; bigEndian?: boolean }
  | { kind: 'interface'; iface: NgInterface }
  | { kind: 'epb'; interfaceId: number; timestamp: bigint; data: Uint8Array; originalLength?: number }
  | { kind: 'spb'; data: Uint8Array }
  | { kind: 'pb'; interfaceId: number; timestamp: bigint; data: Uint8Array }
  | { kind: 'other'; type: number; body: Uint8Array };

/** A pcapng file from blocks in order; each section's byte order applies to the blocks after it. */
export function pcapng(blocks: NgBlock[]): Buffer {
  let le = true;
  const parts: Buffer[] = [];
  const w32 = (n: number): Buffer => uint32(n, le);
  const w16 = (n: number): Buffer => uint16(n, le);
  const pad = (b: Uint8Array): Buffer => Buffer.concat([Buffer.from(b), Buffer.alloc((4 - (b.length % 4)) % 4)]);
  const block = (type: number, body: Buffer): Buffer => Buffer.concat([w32(type), w32(12 + body.length), body, w32(12 + body.length)]);
  const ts = (t: bigint): Buffer => Buffer.concat([w32(Number(t >> 32n)), w32(Number(t & 0xffffffffn))]);
  for (const b of blocks) {
    switch (b.kind) {
      case 'section':
        le = !b.bigEndian;
        parts.push(block(0x0a0d0d0a, Buffer.concat([w32(0x1a2b3c4d), w16(1), w16(0), Buffer.alloc(8, 0xff)])));
        break;
      case 'interface': {
        const options: Buffer[] = [];
        if (b.iface.tsresol !== undefined) options.push(w16(9), w16(1), pad(Buffer.from([b.iface.tsresol])));
        if (b.iface.tsoffset !== undefined) {
          const v = Buffer.alloc(8);
          if (le) v.writeBigInt64LE(BigInt(b.iface.tsoffset));
          else v.writeBigInt64BE(BigInt(b.iface.tsoffset));
          options.push(w16(14), w16(8), v);
        }
        if (options.length > 0) options.push(w16(0), w16(0));
        parts.push(block(1, Buffer.concat([w16(b.iface.linkType), w16(0), w32(0), ...options])));
        break;
      }
      case 'epb':
        parts.push(block(6, Buffer.concat([w32(b.interfaceId), ts(b.timestamp), w32(b.data.length), w32(b.originalLength ?? b.data.length), pad(b.data)])));
        break;
      case 'spb':
        parts.push(block(3, Buffer.concat([w32(b.data.length), pad(b.data)])));
        break;
      case 'pb':
        parts.push(block(2, Buffer.concat([w16(b.interfaceId), w16(0), ts(b.timestamp), w32(b.data.length), w32(b.data.length), pad(b.data)])));
        break;
      case 'other':
        parts.push(block(b.type, pad(b.body)));
        break;
    }
  }
  return Buffer.concat(parts);
}

export function gzip(data: Uint8Array): Buffer {
  return gzipSync(data);
}

/** Ethernet/IPv4/UDP packets of the call's messages, 10 ms apart, caller 192.0.2.1:5060. */
export function udpCall(callId: string, startUs: number, byeFromCaller = true): Packet[] {
  return callMessages(callId, byeFromCaller).map((m, i) => {
    const [src, dst] = m.fromCaller ? ['192.0.2.1', '192.0.2.2'] : ['192.0.2.2', '192.0.2.1'];
    return { data: ethernet(ETHERTYPE_IPV4, ipv4(src, dst, 17, udp(5060, 5060, m.text), { id: 100 + i })), timeUs: startUs + i * 10_000 };
  });
}
