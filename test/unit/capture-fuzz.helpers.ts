// Shared by test/unit/capture-fuzz.test.ts (bounded, in CI) and scripts/fuzz-long.ts: seed
// captures (built here, plus the public captures where they are), byte-level mutations, hostile
// shapes, and the invariants every capture analysis must satisfy whatever the bytes.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { analyzeCapture, detectCapture } from '../../server/src/analysis/capture';
import { summarize } from '../../server/src/analysis/summary';
import {
  bytes,
  callMessages,
  ETHERTYPE_IPV4,
  ethernet,
  gzip,
  hep3,
  ipv4,
  ipv4Fragments,
  ipv6,
  ipv6Fragment,
  pcap,
  pcapng,
  sctp,
  sctpData,
  SIP_INVITE,
  tcp,
  udp,
  udpCall,
  wsFrame,
} from './capture.helpers';
import { checkAnalysis } from './fuzz.helpers';

const T0 = Date.UTC(2026, 0, 2, 3, 4, 5) * 1000;
const WILD = process.env.SIP_LENS_WILD_CAPTURES ?? resolve(__dirname, '..', '..', '..', 'shared', 'wild-captures');

/** Small captures of every shape the reader knows, built byte by byte. */
function builtSeeds(): Buffer[] {
  const [invite, ringing, ok] = callMessages('fuzz@192.0.2.1').map((m) => m.text);
  const stream = invite! + ringing! + ok!;
  const raw = (datas: Uint8Array[]) => pcap(datas.map((data, i) => ({ data, timeUs: T0 + i })), { linkType: 101 });
  return [
    pcap(udpCall('fuzz-udp@192.0.2.1', T0)),
    pcapng([
      { kind: 'section' },
      { kind: 'interface', iface: { linkType: 1, tsresol: 9 } },
      ...udpCall('fuzz-ng@192.0.2.1', T0).map((p) => ({ kind: 'epb' as const, interfaceId: 0, timestamp: BigInt(p.timeUs) * 1000n, data: p.data })),
      { kind: 'spb', data: ethernet(ETHERTYPE_IPV4, ipv4('192.0.2.1', '192.0.2.2', 17, udp(5060, 5060, SIP_INVITE))) },
    ]),
    raw([0, 200, 400].map((at, i) => ipv4('192.0.2.1', '192.0.2.2', 6, tcp(40000, 5060, 0xffffff80 + at, stream.slice(at, i === 2 ? undefined : at + 200))))),
    raw(ipv4Fragments('192.0.2.1', '192.0.2.2', 17, udp(5060, 5060, SIP_INVITE), 64)),
    raw([ipv6('2001:db8::1', '2001:db8::2', 44, ipv6Fragment(17, 0, true, 5, udp(5060, 5060, SIP_INVITE).subarray(0, 96))), ipv6('2001:db8::1', '2001:db8::2', 44, ipv6Fragment(17, 96, false, 5, udp(5060, 5060, SIP_INVITE).subarray(96)))]),
    raw([ipv4('192.0.2.1', '192.0.2.2', 6, tcp(40001, 80, 1, bytes('GET / HTTP/1.1\r\nUpgrade: websocket\r\n\r\n', wsFrame(invite!, { mask: [1, 2, 3, 4] }))))]),
    raw([ipv4('192.0.2.1', '192.0.2.2', 132, sctp(5060, 5060, sctpData(1, 2, invite!.slice(0, 100)), sctpData(2, 1, invite!.slice(100))))]),
    raw([ipv4('203.0.113.1', '203.0.113.2', 17, udp(9060, 9060, hep3({ src: '192.0.2.1', dst: '192.0.2.2', srcPort: 5060, dstPort: 5060, seconds: 1, micros: 2, payload: invite! })))]),
    raw([ipv4('203.0.113.1', '203.0.113.2', 4, ipv4('192.0.2.1', '192.0.2.2', 17, udp(5060, 5060, ok!)))]),
  ];
}

/** Seed captures to mutate: the built ones, and the public real-world captures when present. */
export function loadCaptureSeeds(): Buffer[] {
  const seeds = builtSeeds();
  if (existsSync(WILD)) {
    for (const name of readdirSync(WILD).sort()) {
      if (/\.(pcap|pcapng)$/.test(name)) seeds.push(readFileSync(join(WILD, name)));
    }
  }
  return seeds;
}

export type CaptureMutation =
  | { op: 'truncate'; at: number }
  | { op: 'flip'; at: number; value: number }
  | { op: 'u32'; at: number; value: number; littleEndian: boolean }
  | { op: 'splice'; at: number; data: Uint8Array }
  | { op: 'duplicate'; at: number; length: number }
  | { op: 'gzip' };

const SPECIAL_U32 = [0, 1, 4, 8, 12, 16, 0x7fffffff, 0xffffffff, 0xfffffff0, 65535, 65536, 0x80000000];

export function captureMutationArb(): fc.Arbitrary<CaptureMutation> {
  const at = fc.integer({ min: 0, max: 1 << 22 });
  return fc.oneof(
    fc.record({ op: fc.constant('truncate' as const), at }),
    fc.record({ op: fc.constant('flip' as const), at, value: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ op: fc.constant('u32' as const), at, value: fc.oneof(fc.constantFrom(...SPECIAL_U32), fc.integer({ min: 0, max: 0xffffffff })), littleEndian: fc.boolean() }),
    fc.record({ op: fc.constant('splice' as const), at, data: fc.uint8Array({ maxLength: 64 }) }),
    fc.record({ op: fc.constant('duplicate' as const), at, length: fc.integer({ min: 1, max: 4096 }) }),
    fc.constant({ op: 'gzip' as const }),
  );
}

export function applyCaptureMutation(data: Buffer, m: CaptureMutation): Buffer {
  if (data.length === 0) return data;
  const at = m.op === 'gzip' ? 0 : m.at % data.length;
  switch (m.op) {
    case 'truncate':
      return data.subarray(0, at);
    case 'flip': {
      const out = Buffer.from(data);
      out[at] = m.value;
      return out;
    }
    case 'u32': {
      const out = Buffer.from(data);
      if (at + 4 > out.length) return out;
      if (m.littleEndian) out.writeUInt32LE(m.value >>> 0, at);
      else out.writeUInt32BE(m.value >>> 0, at);
      return out;
    }
    case 'splice':
      return Buffer.concat([data.subarray(0, at), Buffer.from(m.data), data.subarray(at)]);
    case 'duplicate':
      return Buffer.concat([data.subarray(0, at), data.subarray(at, at + m.length), data.subarray(at)]);
    case 'gzip':
      return gzip(data);
  }
}

export interface MutatedCapture {
  seed: number;
  mutations: CaptureMutation[];
}

export function mutatedCaptureArb(seedCount: number, maxMutations = 4): fc.Arbitrary<MutatedCapture> {
  return fc.record({ seed: fc.integer({ min: 0, max: seedCount - 1 }), mutations: fc.array(captureMutationArb(), { minLength: 1, maxLength: maxMutations }) });
}

export function buildMutatedCapture(seeds: readonly Buffer[], t: MutatedCapture): Buffer {
  let data = seeds[t.seed % seeds.length]!;
  for (const m of t.mutations) data = applyCaptureMutation(data, m);
  return data;
}

/** A capture header (pcap or pcapng) before random bytes, so the reader goes past its first check. */
export function withCaptureHeader(body: Uint8Array, kind: 'pcap' | 'pcapng' | 'pcap-raw'): Buffer {
  if (kind === 'pcapng') return Buffer.concat([pcapng([{ kind: 'section' }, { kind: 'interface', iface: { linkType: 1 } }]), Buffer.from(body)]);
  return Buffer.concat([pcap([], { linkType: kind === 'pcap-raw' ? 101 : 1 }), Buffer.from(body)]);
}

/**
 * A capture of `count` tiny IPv4 fragments (8 payload bytes each, raw IP): with `sameDatagram`
 * they all claim one datagram (overlapping and never complete), else each its own.
 */
export function tinyFragments(count: number, sameDatagram: boolean): Buffer {
  const record = 16 + 20 + 8;
  const out = Buffer.alloc(24 + count * record);
  pcap([], { linkType: 101 }).copy(out, 0);
  for (let i = 0; i < count; i++) {
    const at = 24 + i * record;
    out.writeUInt32LE(Math.floor(T0 / 1e6) + Math.floor(i / 1000), at);
    out.writeUInt32LE((i % 1000) * 1000, at + 4);
    out.writeUInt32LE(28, at + 8);
    out.writeUInt32LE(28, at + 12);
    const ip = at + 16;
    out[ip] = 0x45;
    out.writeUInt16BE(28, ip + 2);
    out.writeUInt16BE(sameDatagram ? 7 : i & 0xffff, ip + 4);
    // More fragments follow, at an offset that wanders (and overlaps) over the first 64 KB.
    out.writeUInt16BE(0x2000 | ((i * 7) % 8000), ip + 6);
    out[ip + 8] = 64;
    out[ip + 9] = 17;
    out.writeUInt32BE(0xc0000201 + (sameDatagram ? 0 : (i >> 16) & 0xff), ip + 12);
    out.writeUInt32BE(0xc0000202, ip + 16);
    out.write('SIP/2.0 ', ip + 20, 'latin1');
  }
  return out;
}

/** TCP segments of one stream with random sequence numbers (wrapping, overlapping, gaps). */
export function randomTcpStream(segments: Array<{ seq: number; length: number; syn: boolean }>): Buffer {
  const [invite, ringing] = callMessages('tcp-fuzz@192.0.2.1').map((m) => m.text);
  const text = Buffer.from((invite! + ringing!).repeat(4), 'latin1');
  return pcap(
    segments.map((s, i) => ({ data: ipv4('192.0.2.1', '192.0.2.2', 6, tcp(40000, 5060, s.seq, text.subarray(i % text.length, (i % text.length) + s.length), s.syn ? 0x02 : 0x18)), timeUs: T0 + i })),
    { linkType: 101 },
  );
}

/** Reads any bytes as a capture where they are one, and checks what comes back. */
export function analyzeCaptureBytes(data: Buffer): void {
  const detected = detectCapture(data);
  if (!detected) return;
  const result = analyzeCapture(data);
  const fail = (why: string): never => {
    throw new Error(`invariant broken: ${why}`);
  };
  if (result.container !== detected.container || result.analysis.format !== detected.container) fail(`container ${result.container} / ${result.analysis.format} for ${detected.container}`);
  if (typeof result.text !== 'string') fail('no text');
  checkAnalysis(result.text, result.analysis);
  let previousFrame = 0;
  for (const m of result.analysis.messages) {
    const frame = m.frame.frame;
    if (frame === undefined || !Number.isInteger(frame) || frame < 1) fail(`message ${m.index} has frame ${frame}`);
    if (m.frame.format !== 'capture-text') fail(`message ${m.index} framed as ${m.frame.format}`);
    previousFrame = Math.max(previousFrame, frame!);
  }
  JSON.stringify(summarize(result.analysis, result.encapsulations));
}

/**
 * One SIP message of `bodyBytes` body over TCP in segments of `segment` bytes, announced by its
 * Content-Length and then a header block of `headerLines` short lines: the shapes that would cost
 * quadratic time if a stream were joined or scanned again at every segment.
 */
export function longTcpMessage(bodyBytes: number, segment: number, headerLines = 0): Buffer {
  const extra = Array.from({ length: headerLines }, (_, i) => `X-${i}: y`);
  const message = Buffer.from(
    [
      'MESSAGE sip:bob@192.0.2.2 SIP/2.0',
      'Via: SIP/2.0/TCP 192.0.2.1;branch=z9hG4bK-long',
      'From: <sip:alice@192.0.2.1>;tag=a',
      'To: <sip:bob@192.0.2.2>',
      'Call-ID: long@192.0.2.1',
      'CSeq: 1 MESSAGE',
      `Content-Length: ${bodyBytes}`,
      ...extra,
      '',
      'x'.repeat(bodyBytes),
    ].join('\r\n'),
    'latin1',
  );
  const packets = [];
  for (let at = 0; at < message.length; at += segment) {
    packets.push({ data: ipv4('192.0.2.1', '192.0.2.2', 6, tcp(40000, 5060, 1 + at, message.subarray(at, at + segment))), timeUs: T0 + packets.length });
  }
  return pcap(packets, { linkType: 101 });
}
