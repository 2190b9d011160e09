// The network layer: IPv4 (with fragment reassembly) and IPv6 (extension headers, fragment
// header), and IP-in-IP tunnels (protocol 4 and 41, inside either version) unwrapped to any depth
// up to a bound that only a hostile file reaches.
import { latin1Key, u16be } from './bytes';
import { IP_IN_IP, IPV4, IPV4_FRAGMENTS, IPV6, IPV6_FRAGMENTS } from './encapsulation';
import { FragmentTable, type Reassembled } from './fragments';

const MAX_TUNNEL_DEPTH = 8;

/** Where the upper layer's bytes are, and the IP header whose addresses they came with. */
export interface TransportSink {
  /**
   * `missing`: bytes the IP header counts beyond what was captured (snap length, end of file).
   * `header` holds the addresses: IPv4 source at `hdr + 12`, destination at `hdr + 16`; IPv6
   * source at `hdr + 8`, destination at `hdr + 24`. `fragments`: the IP fragments the datagram
   * was rebuilt from, 0 when it was not fragmented.
   */
  transport(proto: number, d: Uint8Array, off: number, end: number, header: Uint8Array, hdr: number, v6: boolean, layers: number, missing: number, fragments: number): void;
}

export class NetworkLayer {
  /** Datagrams waiting for their fragments; it counts those that never completed. */
  readonly fragments = new FragmentTable();
  /** The frame being read (set by the caller before each packet). */
  frame = 0;
  /**
   * While the upper layer reads a datagram rebuilt from IP fragments: the frames they came in.
   * Undefined for a datagram that came whole.
   */
  datagramFrames: number[] | undefined;

  constructor(private readonly sink: TransportSink) {}

  /** An IP packet of either version at `off`, told apart by its first nibble. */
  ip(d: Uint8Array, off: number, end: number, timeUs: number, layers: number, depth = 0): void {
    if (off >= end) return;
    const version = d[off]! >> 4;
    if (version === 4) this.ipv4(d, off, end, timeUs, layers, depth);
    else if (version === 6) this.ipv6(d, off, end, timeUs, layers, depth);
  }

  ipv4(d: Uint8Array, off: number, end: number, timeUs: number, layers: number, depth = 0): void {
    if (end - off < 20 || d[off]! >> 4 !== 4) return;
    const headerLength = (d[off]! & 0x0f) * 4;
    if (headerLength < 20 || off + headerLength > end) return;
    const totalLength = u16be(d, off + 2);
    // The total length trims Ethernet padding; a packet cut by the snap length keeps what it has.
    // TCP segmentation offload writes 0 here: then the captured bytes are the packet.
    const stop = totalLength >= headerLength ? Math.min(end, off + totalLength) : end;
    const flags = u16be(d, off + 6);
    const more = (flags & 0x2000) !== 0;
    const fragmentOffset = (flags & 0x1fff) * 8;
    const proto = d[off + 9]!;
    layers |= depth > 0 ? IPV4 | IP_IN_IP : IPV4;
    if (more || fragmentOffset > 0) {
      // Key: addresses, protocol and identification (RFC 791).
      const key = `4${String.fromCharCode(d[off + 4]!, d[off + 5]!, proto)}${latin1Key(d, off + 12, off + 20)}`;
      const whole = this.fragments.add(key, d.subarray(off, off + 20), fragmentOffset, d.subarray(off + headerLength, stop), more, timeUs, layers | IPV4_FRAGMENTS, this.frame);
      if (whole) this.reassembled(proto, whole, false, timeUs, depth);
      return;
    }
    this.upper(proto, d, off + headerLength, stop, d, off, false, timeUs, layers, depth, totalLength >= headerLength ? Math.max(0, off + totalLength - end) : 0, 0);
  }

  ipv6(d: Uint8Array, off: number, end: number, timeUs: number, layers: number, depth = 0): void {
    if (end - off < 40 || d[off]! >> 4 !== 6) return;
    const payloadLength = u16be(d, off + 4);
    // A zero payload length is a jumbogram or offloaded segment: the captured bytes are the packet.
    const stop = payloadLength > 0 ? Math.min(end, off + 40 + payloadLength) : end;
    let next = d[off + 6]!;
    let at = off + 40;
    layers |= depth > 0 ? IPV6 | IP_IN_IP : IPV6;
    // Extension headers, each at most a few hundred bytes; a bounded number of them.
    for (let hops = 0; hops < 16; hops++) {
      switch (next) {
        case 0: // hop-by-hop options
        case 43: // routing
        case 60: // destination options
        case 135: // mobility
        case 139: // host identity protocol
        case 140: // shim6
          if (at + 8 > stop) return;
          next = d[at]!;
          at += (d[at + 1]! + 1) * 8;
          continue;
        case 51: // authentication header: length in 4-byte units, minus 2
          if (at + 8 > stop) return;
          next = d[at]!;
          at += (d[at + 1]! + 2) * 4;
          continue;
        case 44: {
          if (at + 8 > stop) return;
          const proto = d[at]!;
          const field = u16be(d, at + 2);
          const fragmentOffset = field & 0xfff8;
          const more = (field & 1) !== 0;
          const dataStart = at + 8;
          if (!more && fragmentOffset === 0) {
            // An atomic fragment (RFC 6946): the datagram whole.
            next = proto;
            at = dataStart;
            continue;
          }
          const key = `6${latin1Key(d, at + 4, at + 8)}${latin1Key(d, off + 8, off + 40)}`;
          const whole = this.fragments.add(key, d.subarray(off, off + 40), fragmentOffset, d.subarray(dataStart, stop), more, timeUs, layers | IPV6_FRAGMENTS, this.frame);
          if (whole) this.reassembled(proto, whole, true, timeUs, depth);
          return;
        }
        default:
          if (at > stop) return;
          this.upper(next, d, at, stop, d, off, true, timeUs, layers, depth, payloadLength > 0 ? Math.max(0, off + 40 + payloadLength - end) : 0, 0);
          return;
      }
    }
  }

  private reassembled(proto: number, whole: Reassembled, v6: boolean, timeUs: number, depth: number): void {
    // A tunnelled datagram fragmented inside a fragmented one came in the outer one's frames too.
    const outer = this.datagramFrames;
    this.datagramFrames = outer ? [...new Set([...outer, ...whole.frames])].sort((a, b) => a - b) : whole.frames;
    try {
      this.upper(proto, whole.payload, 0, whole.payload.length, whole.header, 0, v6, timeUs, whole.layers, depth, 0, whole.count);
    } finally {
      this.datagramFrames = outer;
    }
  }

  private upper(proto: number, d: Uint8Array, off: number, end: number, header: Uint8Array, hdr: number, v6: boolean, timeUs: number, layers: number, depth: number, missing: number, fragments: number): void {
    if (proto === 4 || proto === 41) {
      if (depth >= MAX_TUNNEL_DEPTH) return;
      if (proto === 4) this.ipv4(d, off, end, timeUs, layers, depth + 1);
      else this.ipv6(d, off, end, timeUs, layers, depth + 1);
      return;
    }
    this.sink.transport(proto, d, off, end, header, hdr, v6, layers, missing, fragments);
  }
}
