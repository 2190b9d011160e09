// ICMP and ICMPv6 destination unreachable errors that answer a SIP message sent over UDP. The
// error quotes the IP and UDP header of the packet it answers and as much of its payload as fits
// (RFC 792: at least 8 bytes; RFC 1812 and RFC 4443: as much as fits, which Linux does): the
// quoted addresses, ports, UDP length and payload must be those of a SIP message seen before it,
// so an error about any other packet is never taken for one about the SIP.
import { destinationAt, ipText, sourceAt } from './address';
import { u16be } from './bytes';
import type { CapturedSip } from './types';

export const PROTO_ICMP = 1;
export const PROTO_ICMPV6 = 58;
const PROTO_UDP = 17;

/** How far back (messages, and capture time) an error looks for the packet it quotes. */
const LOOK_BACK_MESSAGES = 1024;
const LOOK_BACK_US = 10_000_000;

const ICMP4_UNREACHABLE: Readonly<Record<number, string>> = {
  0: 'network unreachable',
  1: 'host unreachable',
  2: 'protocol unreachable',
  3: 'port unreachable',
  5: 'source route failed',
  6: 'network unknown',
  7: 'host unknown',
  9: 'network prohibited',
  10: 'host prohibited',
  11: 'network unreachable',
  12: 'host unreachable',
  13: 'administratively prohibited',
};

const ICMP6_UNREACHABLE: Readonly<Record<number, string>> = {
  0: 'no route',
  1: 'administratively prohibited',
  2: 'beyond scope',
  3: 'address unreachable',
  4: 'port unreachable',
  5: 'source address failed policy',
  6: 'reject route',
};

/** What an ICMP error says and which UDP packet it quotes. */
export interface QuotedUdp {
  protocol: 'ICMP' | 'ICMPv6';
  kind: string;
  src: string;
  srcPort: number;
  dst: string;
  dstPort: number;
  /** The quoted UDP length field: 8 + the payload's full length. */
  udpLength: number;
  /** The quoted part of the payload (may be empty). */
  payload: Uint8Array;
}

/**
 * The UDP packet a destination unreachable quotes, from the ICMP message at `off`; undefined for
 * any other ICMP message, and for errors about anything but UDP. "Fragmentation needed" (IPv4
 * code 4) is not an unreachable: the packet may still get through smaller.
 */
export function quotedUdp(d: Uint8Array, off: number, end: number, v6: boolean): QuotedUdp | undefined {
  if (end - off < 8) return undefined;
  const type = d[off]!;
  const code = d[off + 1]!;
  const kind = v6 ? (type === 1 ? ICMP6_UNREACHABLE[code] ?? 'destination unreachable' : undefined) : type === 3 && code !== 4 ? ICMP4_UNREACHABLE[code] ?? 'destination unreachable' : undefined;
  if (!kind) return undefined;
  const q = off + 8;
  let udp: number;
  if (v6) {
    // The quoted IPv6 header; extension headers before UDP are not followed (SIP rarely has any).
    if (end - q < 48 || d[q]! >> 4 !== 6 || d[q + 6] !== PROTO_UDP) return undefined;
    udp = q + 40;
  } else {
    if (end - q < 28 || d[q]! >> 4 !== 4 || d[q + 9] !== PROTO_UDP) return undefined;
    // A quoted non-first fragment has no UDP header.
    if ((u16be(d, q + 6) & 0x1fff) !== 0) return undefined;
    const headerLength = (d[q]! & 0x0f) * 4;
    if (headerLength < 20 || end - q < headerLength + 8) return undefined;
    udp = q + headerLength;
  }
  const udpLength = u16be(d, udp + 4);
  const payloadEnd = udpLength >= 8 ? Math.min(end, udp + udpLength) : end;
  return {
    protocol: v6 ? 'ICMPv6' : 'ICMP',
    kind,
    src: ipText(d, sourceAt(q, v6), v6),
    dst: ipText(d, destinationAt(q, v6), v6),
    srcPort: u16be(d, udp),
    dstPort: u16be(d, udp + 2),
    udpLength,
    payload: d.subarray(udp + 8, Math.max(udp + 8, payloadEnd)),
  };
}

/** Does the quoted packet carry exactly this message: same endpoints, length and bytes? */
function quotes(quoted: QuotedUdp, m: CapturedSip): boolean {
  if (m.transport !== 'udp' || m.srcPort !== quoted.srcPort || m.dstPort !== quoted.dstPort || m.src !== quoted.src || m.dst !== quoted.dst) return false;
  if (quoted.udpLength >= 8 && quoted.udpLength !== 8 + m.bytes.length) return false;
  const n = Math.min(quoted.payload.length, m.bytes.length);
  for (let i = 0; i < n; i++) if (quoted.payload[i] !== m.bytes[i]) return false;
  return true;
}

/**
 * The message (index into `messages`) the error answers: the latest one before it that it quotes
 * and that no other error answered yet (a retransmitted copy has the same bytes as the first, and
 * each copy gets its own error); -1 when none.
 */
export function answeredMessage(messages: readonly CapturedSip[], quoted: QuotedUdp, timeUs: number): number {
  const stop = Math.max(0, messages.length - LOOK_BACK_MESSAGES);
  for (let i = messages.length - 1; i >= stop; i--) {
    const m = messages[i]!;
    if (timeUs - m.timeUs > LOOK_BACK_US) break;
    if (m.icmp || m.timeUs > timeUs) continue;
    if (quotes(quoted, m)) return i;
  }
  return -1;
}
