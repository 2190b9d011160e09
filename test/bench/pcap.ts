// A classic pcap file of UDP/IPv4 packets, written by hand: a global header, then for each
// packet a record header and Ethernet + IPv4 + UDP headers around the SIP bytes. This gives
// tshark the same traffic as a text trace, for a like-for-like comparison.
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Endpoint } from './traffic';

const ETHERNET = 14;
const IPV4 = 20;
const UDP = 8;

function ipBytes(host: string): number[] {
  const parts = host.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !(p >= 0 && p <= 255))) throw new Error(`not an IPv4 address: ${host}`);
  return parts;
}

function ipChecksum(header: Buffer, offset: number): number {
  let sum = 0;
  for (let i = 0; i < IPV4; i += 2) sum += header.readUInt16BE(offset + i);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

export class PcapWriter {
  private readonly fd: number;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private ipId = 1;
  bytes = 0;
  packets = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
    const global = Buffer.alloc(24);
    global.writeUInt32LE(0xa1b2c3d4, 0); // microsecond timestamps, little-endian
    global.writeUInt16LE(2, 4);
    global.writeUInt16LE(4, 6);
    global.writeInt32LE(0, 8);
    global.writeUInt32LE(0, 12);
    global.writeUInt32LE(65535, 16); // snap length
    global.writeUInt32LE(1, 20); // LINKTYPE_ETHERNET
    this.add(global);
  }

  /** One UDP datagram carrying `payload` from `src` to `dst` at `timeMs` (epoch ms). */
  packet(timeMs: number, src: Endpoint, dst: Endpoint, payload: string): void {
    const body = Buffer.from(payload, 'latin1');
    const length = ETHERNET + IPV4 + UDP + body.length;
    const record = Buffer.alloc(16 + ETHERNET + IPV4 + UDP);
    const seconds = Math.floor(timeMs / 1000);
    record.writeUInt32LE(seconds, 0);
    record.writeUInt32LE(Math.floor((timeMs - seconds * 1000) * 1000), 4);
    record.writeUInt32LE(length, 8);
    record.writeUInt32LE(length, 12);
    let o = 16;
    // Ethernet: locally administered MACs, IPv4 ethertype.
    Buffer.from([0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1, 0x08, 0x00]).copy(record, o);
    o += ETHERNET;
    const ip = o;
    record[o] = 0x45;
    record[o + 1] = 0;
    record.writeUInt16BE(IPV4 + UDP + body.length, o + 2);
    record.writeUInt16BE(this.ipId++ & 0xffff, o + 4);
    record.writeUInt16BE(0x4000, o + 6); // don't fragment
    record[o + 8] = 64;
    record[o + 9] = 17; // UDP
    Buffer.from(ipBytes(src.host)).copy(record, o + 12);
    Buffer.from(ipBytes(dst.host)).copy(record, o + 16);
    record.writeUInt16BE(ipChecksum(record, ip), o + 10);
    o += IPV4;
    record.writeUInt16BE(src.port, o);
    record.writeUInt16BE(dst.port, o + 2);
    record.writeUInt16BE(UDP + body.length, o + 4);
    record.writeUInt16BE(0, o + 6); // no UDP checksum (allowed over IPv4)
    this.add(record);
    this.add(body);
    this.packets++;
  }

  private add(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    this.bytes += chunk.length;
    if (this.pendingBytes >= 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.pendingBytes === 0) return;
    writeSync(this.fd, Buffer.concat(this.pending, this.pendingBytes));
    this.pending = [];
    this.pendingBytes = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
