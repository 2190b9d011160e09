#!/usr/bin/env node
// Small edits of real classic-pcap captures, for the capture fixtures no tool here can write
// directly (this kernel has no VLAN or IP-in-IP interfaces, and tshark here cannot read HEP):
//
//   pcap-edit.mjs vlan IN OUT 0x8100:100             insert an 802.1Q tag into every Ethernet frame
//   pcap-edit.mjs vlan IN OUT 0x88a8:200,0x8100:100  stacked tags (802.1ad outer, 802.1Q inner)
//   pcap-edit.mjs ipip IN OUT [--outer=6]            wrap every IPv4 packet in an outer IPv4 header
//                                                    (protocol 4) and every IPv6 packet in IPv4
//                                                    (protocol 41), as a tunnel endpoint would;
//                                                    --outer=6: in an outer IPv6 header instead
//   pcap-edit.mjs null IN OUT                        Ethernet → BSD loopback (link type 0): a
//                                                    4-byte address family in the writer's byte
//                                                    order instead of the Ethernet header
//   pcap-edit.mjs swap IN OUT                        the same file in the other byte order, as
//                                                    a big-endian host writes it
//   pcap-edit.mjs hep-unwrap IN OUT [--check PLAIN]  HEP v2/v3 packets → the SIP they carry as
//                                                    Ethernet/IP/UDP|TCP frames with the original
//                                                    addresses, ports and time from the HEP chunks,
//                                                    one frame per HEP frame (frame numbers kept);
//                                                    --check compares them with a plain capture
//   pcap-edit.mjs rawip IN OUT                       Ethernet → raw IP (link type 101): the
//                                                    Ethernet header taken off every IP frame,
//                                                    frames that are not IP (ARP) left out
//   pcap-edit.mjs cut IN OUT FRAME                   cut the file in the middle of record FRAME
//   pcap-edit.mjs junk OUT BYTES                     deterministic non-capture binary bytes
//
// Only the headers change: every SIP byte stays as the real software sent it.
import { readFileSync, writeFileSync } from 'node:fs';

function readPcap(path) {
  const buf = readFileSync(path);
  const magic = buf.readUInt32LE(0);
  let le;
  let nano;
  if (magic === 0xa1b2c3d4 || magic === 0xa1b23c4d) le = true;
  else if (buf.readUInt32BE(0) === 0xa1b2c3d4 || buf.readUInt32BE(0) === 0xa1b23c4d) le = false;
  else throw new Error(`${path}: not a classic pcap`);
  nano = (le ? buf.readUInt32LE(0) : buf.readUInt32BE(0)) === 0xa1b23c4d;
  const u32 = (o) => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
  const linkType = u32(20) & 0xffff;
  const records = [];
  let o = 24;
  while (o + 16 <= buf.length) {
    const incl = u32(o + 8);
    if (o + 16 + incl > buf.length) break;
    records.push({ offset: o, sec: u32(o), frac: u32(o + 4), orig: u32(o + 12), data: buf.subarray(o + 16, o + 16 + incl) });
    o += 16 + incl;
  }
  return { buf, le, nano, linkType, header: buf.subarray(0, 24), records };
}

function writePcap(path, pcap, records) {
  const parts = [Buffer.from(pcap.header)];
  for (const r of records) {
    const h = Buffer.alloc(16);
    const w = (v, o) => (pcap.le ? h.writeUInt32LE(v >>> 0, o) : h.writeUInt32BE(v >>> 0, o));
    w(r.sec, 0);
    w(r.frac, 4);
    w(r.data.length, 8);
    w(r.orig + (r.data.length - r.inclBefore), 12);
    parts.push(h, r.data);
  }
  writeFileSync(path, Buffer.concat(parts));
}

function ipv4Checksum(header) {
  let sum = 0;
  for (let i = 0; i < header.length; i += 2) sum += header.readUInt16BE(i);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function ipv4Header(protocol, payloadLength, src, dst, id) {
  const h = Buffer.alloc(20);
  h[0] = 0x45;
  h.writeUInt16BE(20 + payloadLength, 2);
  h.writeUInt16BE(id & 0xffff, 4);
  h[8] = 64;
  h[9] = protocol;
  Buffer.from(src).copy(h, 12);
  Buffer.from(dst).copy(h, 16);
  h.writeUInt16BE(ipv4Checksum(h), 10);
  return h;
}

function ethernetOnly(pcap) {
  if (pcap.linkType !== 1) throw new Error(`link type ${pcap.linkType}: only Ethernet captures are edited`);
}

function vlan(input, output, spec) {
  const pcap = readPcap(input);
  ethernetOnly(pcap);
  const tags = spec.split(',').map((t) => {
    const [tpid, vid] = t.split(':');
    const tag = Buffer.alloc(4);
    tag.writeUInt16BE(Number(tpid), 0);
    tag.writeUInt16BE(Number(vid) & 0x0fff, 2); // priority 0, DEI 0
    return tag;
  });
  const records = pcap.records.map((r) => ({ ...r, inclBefore: r.data.length, data: Buffer.concat([r.data.subarray(0, 12), ...tags, r.data.subarray(12)]) }));
  writePcap(output, pcap, records);
}

// Tunnel endpoints in documentation ranges, distinct from the inner addresses.
const TUNNEL_SRC = [198, 51, 100, 1];
const TUNNEL_DST = [198, 51, 100, 2];
const TUNNEL6_SRC = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x01];
const TUNNEL6_DST = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x02];

function ipip(input, output, outer6) {
  const pcap = readPcap(input);
  ethernetOnly(pcap);
  let id = 0x4000;
  const records = pcap.records.map((r) => {
    const type = r.data.readUInt16BE(12);
    const inner = r.data.subarray(14);
    if (type !== 0x0800 && type !== 0x86dd) return { ...r, inclBefore: r.data.length };
    const protocol = type === 0x0800 ? 4 : 41;
    // The outer source is the tunnel end on the inner sender's side, so direction survives.
    const fromFirst = type === 0x0800 ? inner[15] === 1 : inner[23] === 1;
    // A snap-length cut inner packet keeps its real length in the outer header.
    const innerLength = type === 0x0800 ? inner.readUInt16BE(2) : 40 + inner.readUInt16BE(4);
    const ethernet = Buffer.from(r.data.subarray(0, 14));
    ethernet.writeUInt16BE(outer6 ? 0x86dd : 0x0800, 12);
    const header = outer6
      ? ipv6Header(protocol, innerLength, ...(fromFirst ? [TUNNEL6_SRC, TUNNEL6_DST] : [TUNNEL6_DST, TUNNEL6_SRC]))
      : ipv4Header(protocol, innerLength, ...(fromFirst ? [TUNNEL_SRC, TUNNEL_DST] : [TUNNEL_DST, TUNNEL_SRC]), id++);
    return { ...r, inclBefore: r.data.length, data: Buffer.concat([ethernet, header, inner]) };
  });
  writePcap(output, pcap, records);
}

function loopbackNull(input, output) {
  const pcap = readPcap(input);
  ethernetOnly(pcap);
  const records = pcap.records
    .filter((r) => [0x0800, 0x86dd].includes(r.data.readUInt16BE(12)))
    .map((r) => {
      const family = Buffer.alloc(4);
      // AF_INET 2; AF_INET6 as BSD numbers it (24 on NetBSD/OpenBSD, 28 FreeBSD, 30 macOS).
      const af = r.data.readUInt16BE(12) === 0x0800 ? 2 : 30;
      if (pcap.le) family.writeUInt32LE(af, 0);
      else family.writeUInt32BE(af, 0);
      return { ...r, inclBefore: r.data.length, data: Buffer.concat([family, r.data.subarray(14)]) };
    });
  const header = Buffer.from(pcap.header);
  if (pcap.le) header.writeUInt32LE(0, 20);
  else header.writeUInt32BE(0, 20);
  writePcap(output, { ...pcap, header }, records);
}

function swap(input, output) {
  const pcap = readPcap(input);
  const header = Buffer.from(pcap.header);
  for (const o of [0, 8, 12, 16, 20]) header.writeUInt32BE(pcap.le ? pcap.header.readUInt32LE(o) : pcap.header.readUInt32BE(o), o);
  for (const o of [4, 6]) header.writeUInt16BE(pcap.le ? pcap.header.readUInt16LE(o) : pcap.header.readUInt16BE(o), o);
  if (!pcap.le) throw new Error('swap writes big-endian from little-endian only');
  const records = pcap.records.map((r) => ({ ...r, inclBefore: r.data.length }));
  writePcap(output, { ...pcap, le: false, header }, records);
}

function rawip(input, output) {
  const pcap = readPcap(input);
  ethernetOnly(pcap);
  const records = pcap.records
    .filter((r) => [0x0800, 0x86dd].includes(r.data.readUInt16BE(12)))
    .map((r) => ({ ...r, inclBefore: r.data.length, data: r.data.subarray(14) }));
  const header = Buffer.from(pcap.header);
  if (pcap.le) header.writeUInt32LE(101, 20);
  else header.writeUInt32BE(101, 20);
  writePcap(output, { ...pcap, header }, records);
}

// ---- HEP ----------------------------------------------------------------------------------

/** The UDP payload of an Ethernet/IPv4 frame, or undefined. */
function udpPayload(frame) {
  if (frame.readUInt16BE(12) !== 0x0800) return undefined;
  const ip = frame.subarray(14);
  if (ip[9] !== 17) return undefined;
  const ihl = (ip[0] & 0x0f) * 4;
  const udp = ip.subarray(ihl);
  return { srcPort: udp.readUInt16BE(0), dstPort: udp.readUInt16BE(2), payload: udp.subarray(8, udp.readUInt16BE(4)) };
}

/** A HEP v1/v2 or v3 packet → { family, proto, src, dst, srcPort, dstPort, sec, usec, payload, version }. */
export function parseHep(p) {
  if (p.length >= 6 && p.toString('latin1', 0, 4) === 'HEP3') {
    const total = p.readUInt16BE(4);
    const hep = { version: 3 };
    let o = 6;
    while (o + 6 <= total) {
      const vendor = p.readUInt16BE(o);
      const type = p.readUInt16BE(o + 2);
      const length = p.readUInt16BE(o + 4);
      if (length < 6) throw new Error('HEP3 chunk shorter than its header');
      const value = p.subarray(o + 6, o + length);
      if (vendor === 0) {
        switch (type) {
          case 1: hep.family = value[0]; break;
          case 2: hep.proto = value[0]; break;
          case 3: hep.src = [...value]; break;
          case 4: hep.dst = [...value]; break;
          case 5: hep.src = [...value]; break;
          case 6: hep.dst = [...value]; break;
          case 7: hep.srcPort = value.readUInt16BE(0); break;
          case 8: hep.dstPort = value.readUInt16BE(0); break;
          case 9: hep.sec = value.readUInt32BE(0); break;
          case 10: hep.usec = value.readUInt32BE(0); break;
          case 11: hep.protoType = value[0]; break;
          case 12: hep.captureId = value.readUInt32BE(0); break;
          case 15: hep.payload = Buffer.from(value); break;
          default: break;
        }
      }
      o += length;
    }
    return hep;
  }
  if (p.length >= 16 && (p[0] === 1 || p[0] === 2)) {
    // v1/v2: version, header length, family, protocol, ports, addresses; v2 then adds
    // seconds, microseconds (host byte order of the sender: little-endian here) and a 16-bit
    // capture id, padded to 12 bytes as the sender's C struct is.
    const version = p[0];
    const headerLength = p[1];
    const family = p[2];
    const proto = p[3];
    const srcPort = p.readUInt16BE(4);
    const dstPort = p.readUInt16BE(6);
    const addrLength = family === 2 ? 4 : 16;
    const src = [...p.subarray(8, 8 + addrLength)];
    const dst = [...p.subarray(8 + addrLength, 8 + 2 * addrLength)];
    let o = 8 + 2 * addrLength;
    const hep = { version, family, proto, src, dst, srcPort, dstPort };
    if (version === 2) {
      hep.sec = p.readUInt32LE(o);
      hep.usec = p.readUInt32LE(o + 4);
      hep.captureId = p.readUInt16LE(o + 8);
      o += 12;
    }
    if (headerLength !== 8 + 2 * addrLength) throw new Error(`HEP${version} header length ${headerLength}, expected ${8 + 2 * addrLength}`);
    hep.payload = Buffer.from(p.subarray(o));
    return hep;
  }
  return undefined;
}

function ipv6Header(nextHeader, payloadLength, src, dst) {
  const h = Buffer.alloc(40);
  h.writeUInt32BE(0x60000000, 0);
  h.writeUInt16BE(payloadLength, 4);
  h[6] = nextHeader;
  h[7] = 64;
  Buffer.from(src).copy(h, 8);
  Buffer.from(dst).copy(h, 24);
  return h;
}

/** Ethernet + IP + UDP (or TCP, as one PSH segment) around a HEP packet's payload. */
function frameFor(hep) {
  const v6 = hep.family === 10 || hep.src.length === 16;
  let transport;
  if (hep.proto === 6) {
    transport = Buffer.alloc(20);
    transport.writeUInt16BE(hep.srcPort, 0);
    transport.writeUInt16BE(hep.dstPort, 2);
    transport[12] = 0x50;
    transport[13] = 0x18; // PSH, ACK
    transport.writeUInt16BE(65535, 14);
  } else {
    transport = Buffer.alloc(8);
    transport.writeUInt16BE(hep.srcPort, 0);
    transport.writeUInt16BE(hep.dstPort, 2);
    transport.writeUInt16BE(8 + hep.payload.length, 4);
  }
  const l4 = Buffer.concat([transport, hep.payload]);
  const proto = hep.proto === 6 ? 6 : 17;
  const ip = v6 ? ipv6Header(proto, l4.length, hep.src, hep.dst) : ipv4Header(proto, l4.length, hep.src, hep.dst, 1);
  const ethernet = Buffer.from([0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1, v6 ? 0x86 : 0x08, v6 ? 0xdd : 0x00]);
  return Buffer.concat([ethernet, ip, l4]);
}

function hepUnwrap(input, output, plainPath) {
  const pcap = readPcap(input);
  ethernetOnly(pcap);
  const records = [];
  const unwrapped = [];
  for (const r of pcap.records) {
    const udp = udpPayload(r.data);
    const hep = udp && parseHep(udp.payload);
    if (!hep || !hep.payload) throw new Error(`${input}: record at byte ${r.offset} is not HEP`);
    unwrapped.push(hep);
    const data = frameFor(hep);
    const frac = pcap.nano ? hep.usec * 1000 : hep.usec;
    records.push({ sec: hep.sec, frac, orig: data.length, inclBefore: data.length, data });
  }
  writePcap(output, pcap, records);
  if (plainPath) checkAgainstPlain(unwrapped, plainPath);
  const versions = [...new Set(unwrapped.map((h) => h.version))];
  process.stdout.write(`${input}: ${unwrapped.length} HEP v${versions.join('/')} packets unwrapped\n`);
}

/**
 * Every HEP copy must match one plain SIP packet captured on the wire at the same time: the
 * same payload bytes, addresses and ports, its time within a second (the proxy stamps a copy
 * when it handles the message, which on a busy machine can be tens of ms after the wire saw
 * it). Every plain SIP packet must have its HEP copy (the mirroring proxy sees all of them).
 */
function checkAgainstPlain(unwrapped, plainPath) {
  const plain = readPcap(plainPath);
  const wire = [];
  for (const r of plain.records) {
    const udp = udpPayload(r.data);
    if (!udp || udp.payload.length === 0) continue;
    const ip = r.data.subarray(14);
    wire.push({ key: `${[...ip.subarray(12, 16)].join('.')}:${udp.srcPort}>${[...ip.subarray(16, 20)].join('.')}:${udp.dstPort}|${udp.payload.toString('latin1')}`, time: r.sec + r.frac / (plain.nano ? 1e9 : 1e6), used: false });
  }
  let problems = 0;
  let duplicates = 0;
  let skew = 0;
  for (const hep of unwrapped) {
    const key = `${hep.src.join('.')}:${hep.srcPort}>${hep.dst.join('.')}:${hep.dstPort}|${hep.payload.toString('latin1')}`;
    const time = hep.sec + hep.usec / 1e6;
    const near = (w) => w.key === key && Math.abs(w.time - time) < 1;
    const match = wire.find((w) => !w.used && near(w));
    if (match) {
      match.used = true;
      skew = Math.max(skew, Math.abs(match.time - time));
    }
    // siptrace mirrors the ACK of a stateless non-2xx reply twice (as received, and again when
    // sl absorbs it): a second copy of a message already matched is a duplicate, not a mismatch.
    else if (wire.some((w) => w.used && near(w))) duplicates++;
    else {
      problems++;
      const twin = wire.find((w) => w.key === key);
      const off = twin ? ` (a plain twin ${((time - twin.time) * 1000).toFixed(1)} ms away)` : '';
      process.stderr.write(`HEP copy without a plain twin${off}: ${key.slice(0, 120).replace(/\r\n/g, ' | ')}\n`);
    }
  }
  const unmatched = wire.filter((w) => !w.used);
  for (const w of unmatched) process.stderr.write(`plain packet without a HEP copy: ${w.key.slice(0, 120).replace(/\r\n/g, ' | ')}\n`);
  problems += unmatched.length;
  if (problems) throw new Error(`HEP cross-check failed: ${problems} mismatches`);
  process.stdout.write(`HEP cross-check: ${unwrapped.length - duplicates} copies = ${wire.length} plain packets (payload, addresses, ports; HEP time at most ${(skew * 1000).toFixed(1)} ms from the wire)${duplicates ? `; ${duplicates} duplicate copies` : ''}\n`);
}

function cut(input, output, frameNumber) {
  const pcap = readPcap(input);
  const record = pcap.records[frameNumber - 1];
  if (!record) throw new Error(`${input} has no frame ${frameNumber}`);
  const middle = record.offset + 16 + Math.floor(record.data.length / 2);
  writeFileSync(output, pcap.buf.subarray(0, middle));
}

function junk(output, bytes) {
  // xorshift32 from a fixed seed: the same bytes every run, NULs and high bytes included.
  let x = 0x5eed1234;
  const out = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  writeFileSync(output, out);
}

const [command, ...args] = process.argv.slice(2);
switch (command) {
  case 'vlan': vlan(args[0], args[1], args[2]); break;
  case 'ipip': ipip(args[0], args[1], args[2] === '--outer=6'); break;
  case 'null': loopbackNull(args[0], args[1]); break;
  case 'swap': swap(args[0], args[1]); break;
  case 'hep-unwrap': hepUnwrap(args[0], args[1], args[2] === '--check' ? args[3] : undefined); break;
  case 'rawip': rawip(args[0], args[1]); break;
  case 'cut': cut(args[0], args[1], Number(args[2])); break;
  case 'junk': junk(args[0], Number(args[1])); break;
  default:
    process.stderr.write('usage: pcap-edit.mjs vlan|ipip|null|swap|rawip|hep-unwrap|cut|junk …\n');
    process.exit(2);
}
