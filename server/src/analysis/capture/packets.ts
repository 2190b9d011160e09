// The dissector: every packet record goes down the layers (link → network → transport) and every
// SIP message found comes out as a CapturedSip, with the frame and time of the packet that
// completed it, its addresses, ports and transport. HEP copies give their inner packet's
// original addresses and time. Counts what could not be read, for the notices.
import { destinationAt, ipText, sourceAt } from './address';
import { latin1Key, u16be } from './bytes';
import { HEP2, HEP3, SCTP, TCP, UDP, WEBSOCKET } from './encapsulation';
import { readHep, type HepPacket } from './hep';
import { answeredMessage, PROTO_ICMP, PROTO_ICMPV6, quotedUdp } from './icmp';
import { isKnownLinkType, linkPayload, linkResult } from './link';
import { NetworkLayer, type TransportSink } from './network';
import { SctpReassembler } from './sctp';
import { isSipStart } from './sip';
import { TcpReassembler, type TcpStream } from './tcp';
import type { CapturedSip, PacketRecord } from './types';

const PROTO_TCP = 6;
const PROTO_UDP = 17;
const PROTO_SCTP = 132;

export interface DissectorStats {
  /** Frames of link types this reader does not understand, by link type. */
  unknownLinkTypes: Map<number, number>;
  /** Encrypted streams (TLS), as `src:port -> dst:port`. */
  tlsStreams: string[];
  /** SIP messages cut short (snap length, end of file) or lost in a gap of a TCP stream. */
  incompleteMessages: number;
  lostMessages: number;
  /** Layers that carried SIP, as an encapsulation mask. */
  layers: number;
}

export class Dissector implements TransportSink {
  readonly messages: CapturedSip[] = [];
  readonly stats: DissectorStats = { unknownLinkTypes: new Map(), tlsStreams: [], incompleteMessages: 0, lostMessages: 0, layers: 0 };
  private readonly network = new NetworkLayer(this);
  private readonly tcp: TcpReassembler;
  private readonly sctp: SctpReassembler;
  private frame = 0;
  private timeUs = 0;
  /** The current frame lost bytes to the snap length or the end of the file. */
  private cut = false;
  // The packet being read, for the SCTP callback.
  private header: Uint8Array = new Uint8Array(0);
  private hdr = 0;
  private v6 = false;
  private layers = 0;

  /** Keep every frame that carried each message (`CapturedSip.frames`), to write them out again. */
  private readonly trackFrames: boolean;

  constructor(options: { trackFrames?: boolean } = {}) {
    this.trackFrames = options.trackFrames === true;
    this.tcp = new TcpReassembler(
      {
        sip: (stream, bytes, transport, incomplete, frames) => this.fromStream(stream, bytes, transport, incomplete, frames),
        hep: (stream, bytes, frames) => this.hep(bytes, 0, bytes.length, stream.layers | TCP, frames),
        tls: (stream) => this.stats.tlsStreams.push(streamName(stream)),
        lost: () => this.stats.lostMessages++,
      },
      this.trackFrames,
    );
    this.sctp = new SctpReassembler({
      message: (bytes, srcPort, dstPort, frames) => {
        if (!isSipStart(bytes, 0, bytes.length)) return;
        this.emit(this.frame, this.layers | SCTP, ipText(this.header, sourceAt(this.hdr, this.v6), this.v6), srcPort, ipText(this.header, destinationAt(this.hdr, this.v6), this.v6), dstPort, 'sctp', bytes, this.cut, this.timeUs);
        this.noteFrames(this.messages[this.messages.length - 1]!, frames ?? this.network.datagramFrames);
      },
    });
  }

  packet(record: PacketRecord): void {
    this.frame = record.frame;
    this.network.frame = record.frame;
    this.timeUs = record.timeUs;
    this.cut = record.length < record.originalLength;
    const end = record.offset + record.length;
    linkPayload(record.linkType, record.data, record.offset, end);
    if (linkResult.offset < 0) {
      if (!isKnownLinkType(record.linkType)) this.stats.unknownLinkTypes.set(record.linkType, (this.stats.unknownLinkTypes.get(record.linkType) ?? 0) + 1);
      return;
    }
    this.network.ip(record.data, linkResult.offset, end, record.timeUs, linkResult.layers);
  }

  /** At the end of the capture: hands on what streams still hold. */
  finish(): { fragmentsExpired: number; fragmentsWaiting: number } {
    this.tcp.finish();
    return { fragmentsExpired: this.network.fragments.expired, fragmentsWaiting: this.network.fragments.waiting };
  }

  transport(proto: number, d: Uint8Array, off: number, end: number, header: Uint8Array, hdr: number, v6: boolean, layers: number, missing: number, fragments: number): void {
    switch (proto) {
      case PROTO_UDP: {
        if (end - off < 8) return;
        const srcPort = u16be(d, off);
        const dstPort = u16be(d, off + 2);
        const at = off + 8;
        if (at >= end) return;
        const first = d[at]!;
        // HEP first: "HEP3", or version 1/2; SIP starts with an upper-case letter.
        if (first === 72 /* H */ || first === 1 || first === 2) {
          if (this.hep(d, at, end, layers | UDP, fragments > 1 ? this.network.datagramFrames : undefined)) return;
        }
        if (!isSipStart(d, at, end)) return;
        this.emit(this.frame, layers | UDP, ipText(header, sourceAt(hdr, v6), v6), srcPort, ipText(header, destinationAt(hdr, v6), v6), dstPort, 'udp', d.subarray(at, end), this.cut, this.timeUs);
        if (fragments > 1) {
          const message = this.messages[this.messages.length - 1]!;
          message.fragments = fragments;
          this.noteFrames(message, this.network.datagramFrames);
        }
        return;
      }
      case PROTO_ICMP:
      case PROTO_ICMPV6:
        if ((proto === PROTO_ICMPV6) === v6) this.icmp(d, off, end, header, hdr, v6);
        return;
      case PROTO_TCP:
        this.tcp.segment(d, off, end, header, hdr, v6, layers | TCP, this.frame, this.timeUs, missing, this.network.datagramFrames);
        return;
      case PROTO_SCTP:
        this.header = header;
        this.hdr = hdr;
        this.v6 = v6;
        this.layers = layers;
        this.sctp.packet(d, off, end, latin1Key(header, sourceAt(hdr, v6), destinationAt(hdr, v6) + (v6 ? 16 : 4)), this.frame);
        return;
    }
  }

  /** A destination unreachable that quotes a SIP message seen before it marks that message. */
  private icmp(d: Uint8Array, off: number, end: number, header: Uint8Array, hdr: number, v6: boolean): void {
    const quoted = quotedUdp(d, off, end, v6);
    if (!quoted) return;
    const index = answeredMessage(this.messages, quoted, this.timeUs);
    if (index < 0) return;
    this.messages[index]!.icmp = { protocol: quoted.protocol, kind: quoted.kind, from: ipText(header, sourceAt(hdr, v6), v6), frame: this.frame };
  }

  /** A HEP packet at `off`; true when it carried SIP. */
  private hep(d: Uint8Array, off: number, end: number, layers: number, frames: number[] | undefined): boolean {
    const packet: HepPacket | undefined = readHep(d, off, end);
    if (!packet) return false;
    const transport = packet.proto === PROTO_TCP ? 'tcp' : packet.proto === PROTO_SCTP ? 'sctp' : 'udp';
    this.emit(this.frame, layers | (packet.version === 3 ? HEP3 : HEP2), packet.src, packet.srcPort, packet.dst, packet.dstPort, transport, packet.payload, this.cut, packet.timeUs ?? this.timeUs);
    this.noteFrames(this.messages[this.messages.length - 1]!, frames);
    return true;
  }

  private fromStream(stream: TcpStream, bytes: Uint8Array, transport: 'tcp' | 'ws', incomplete: boolean, frames: number[] | undefined): void {
    const v6 = stream.v6;
    const layers = stream.layers | (transport === 'ws' ? WEBSOCKET : 0);
    // A message completed by this packet takes its frame; one flushed at the end, the stream's last.
    this.emit(incomplete ? stream.lastFrame : this.frame, layers, ipText(stream.header, sourceAt(0, v6), v6), stream.srcPort, ipText(stream.header, destinationAt(0, v6), v6), stream.dstPort, transport, bytes, incomplete, incomplete ? stream.lastTimeUs : this.timeUs);
    this.noteFrames(this.messages[this.messages.length - 1]!, frames);
  }

  private emit(frame: number, layers: number, src: string, srcPort: number, dst: string, dstPort: number, transport: string, bytes: Uint8Array, incomplete: boolean, timeUs: number): void {
    this.stats.layers |= layers;
    if (incomplete) this.stats.incompleteMessages++;
    this.messages.push({ frame, timeUs, src, srcPort, dst, dstPort, transport, bytes, incomplete });
  }

  /** Keeps the frames a message came in, when asked to and when there is more than its own. */
  private noteFrames(message: CapturedSip, frames: number[] | undefined): void {
    if (this.trackFrames && frames && (frames.length > 1 || frames[0] !== message.frame)) message.frames = frames;
  }
}

function streamName(stream: TcpStream): string {
  const v6 = stream.v6;
  const host = (at: number): string => (v6 ? `[${ipText(stream.header, at, true)}]` : ipText(stream.header, at, false));
  return `${host(sourceAt(0, v6))}:${stream.srcPort} -> ${host(destinationAt(0, v6))}:${stream.dstPort}`;
}
