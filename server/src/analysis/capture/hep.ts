// HEP, Homer's encapsulation (usually UDP 9060, any port here): a copy of a packet with its
// original addresses, ports, transport and capture time. Version 3 is a chunked format
// ("HEP3"); versions 1 and 2 are a fixed header (version 2 adds the time).
import { inflateSync, gunzipSync } from 'node:zlib';
import { asciiAt, u16be, u32be, u32le } from './bytes';
import { ipText } from './address';
import { isSipStart } from './sip';

export interface HepPacket {
  version: 2 | 3;
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  /** IP protocol of the original packet: 17 UDP, 6 TCP, 132 SCTP. */
  proto: number;
  /** Original capture time in microseconds since the epoch, where the packet carries one. */
  timeUs?: number;
  payload: Uint8Array;
}

/** Is there a HEP packet at `off` carrying SIP? */
export function readHep(d: Uint8Array, off: number, end: number): HepPacket | undefined {
  if (asciiAt(d, off, 'HEP3')) return readHep3(d, off, end);
  const version = d[off];
  if (version === 1 || version === 2) return readHep2(d, off, end);
  return undefined;
}

const HEP3_SIP = 1;

function readHep3(d: Uint8Array, off: number, end: number): HepPacket | undefined {
  if (end - off < 6) return undefined;
  const stop = Math.min(end, off + u16be(d, off + 4));
  let proto = 17;
  let src: string | undefined;
  let dst: string | undefined;
  let srcPort = 0;
  let dstPort = 0;
  let seconds: number | undefined;
  let micros = 0;
  let type = HEP3_SIP;
  let payload: Uint8Array | undefined;
  let at = off + 6;
  while (at + 6 <= stop) {
    const vendor = u16be(d, at);
    const chunk = u16be(d, at + 2);
    const length = u16be(d, at + 4);
    if (length < 6 || at + length > stop) break;
    const v = at + 6;
    const size = length - 6;
    if (vendor === 0) {
      // The address family (chunk 1) follows from which address chunks are present.
      switch (chunk) {
        case 2:
          proto = d[v]!;
          break;
        case 3:
          if (size >= 4) src = ipText(d, v, false);
          break;
        case 4:
          if (size >= 4) dst = ipText(d, v, false);
          break;
        case 5:
          if (size >= 16) src = ipText(d, v, true);
          break;
        case 6:
          if (size >= 16) dst = ipText(d, v, true);
          break;
        case 7:
          if (size >= 2) srcPort = u16be(d, v);
          break;
        case 8:
          if (size >= 2) dstPort = u16be(d, v);
          break;
        case 9:
          if (size >= 4) seconds = u32be(d, v);
          break;
        case 10:
          if (size >= 4) micros = u32be(d, v);
          break;
        case 11:
          type = d[v]!;
          break;
        case 15:
          payload = d.subarray(v, v + size);
          break;
        case 16:
          // A compressed payload (heplify can send one): zlib or gzip.
          payload ??= decompress(d.subarray(v, v + size));
          break;
      }
    }
    at += length;
  }
  if (type !== HEP3_SIP || !payload || src === undefined || dst === undefined) return undefined;
  if (!isSipStart(payload, 0, payload.length)) return undefined;
  return { version: 3, src, dst, srcPort, dstPort, proto, timeUs: seconds !== undefined ? seconds * 1_000_000 + Math.min(micros, 999_999) : undefined, payload };
}

/** HEP packets are at most 64 KB; their payload inflated is bounded likewise. */
const MAX_INFLATED = 1 << 20;

function decompress(data: Uint8Array): Uint8Array | undefined {
  for (const inflate of [inflateSync, gunzipSync]) {
    try {
      return inflate(data, { maxOutputLength: MAX_INFLATED });
    } catch {
      // not this kind of compression
    }
  }
  return undefined;
}

/**
 * HEP v1/v2: version, header length, address family, protocol, source and destination port
 * (network order), the two addresses, then for v2 the time (seconds, microseconds, in the sender's
 * byte order, in practice little-endian) and a capture id, padded to 12 bytes.
 */
function readHep2(d: Uint8Array, off: number, end: number): HepPacket | undefined {
  if (end - off < 16) return undefined;
  const version = d[off]!;
  const family = d[off + 2];
  if (family !== 2 && family !== 10) return undefined;
  const v6 = family === 10;
  const proto = d[off + 3]!;
  if (proto !== 17 && proto !== 6 && proto !== 132) return undefined;
  const srcPort = u16be(d, off + 4);
  const dstPort = u16be(d, off + 6);
  const addresses = off + 8;
  const addrLength = v6 ? 16 : 4;
  let at = addresses + 2 * addrLength;
  let timeUs: number | undefined;
  if (version === 2) {
    if (at + 12 > end) return undefined;
    timeUs = u32le(d, at) * 1_000_000 + Math.min(u32le(d, at + 4), 999_999);
    at += 12;
  }
  if (!isSipStart(d, at, end)) return undefined;
  return {
    version: 2,
    src: ipText(d, addresses, v6),
    dst: ipText(d, addresses + addrLength, v6),
    srcPort,
    dstPort,
    proto,
    timeUs,
    payload: d.subarray(at, end),
  };
}
