// The capture reader layer by layer, on small packets built byte by byte in each test: file
// containers, link layers, IP (fragments, extension headers, tunnels), UDP, TCP reassembly,
// WebSocket, SCTP, HEP, and the text the capture is rendered as.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeTrace } from '../../server/src/analysis/analyze';
import { analyzeCapture, captureToText, detectCapture, type CaptureAnalysis } from '../../server/src/analysis/capture';
import { summarize } from '../../server/src/analysis/summary';
import {
  bytes,
  callMessages,
  ETHERTYPE_IPV4,
  ETHERTYPE_IPV6,
  ethernet,
  gzip,
  hep2,
  hep3,
  ipv4,
  ipv4Fragments,
  ipv6,
  ipv6Extension,
  ipv6Fragment,
  nullLink,
  pcap,
  pcapng,
  sctp,
  sctpData,
  SIP_INVITE,
  sll,
  sll2,
  tcp,
  TCP_SYN,
  udp,
  udpCall,
  wsFrame,
  type Packet,
} from './capture.helpers';

const T0 = Date.UTC(2026, 10, 21, 23, 22, 27) * 1000 + 183_456; // 2026-11-21 23:22:27.183456

function ipUdp(payload: string | Buffer, src = '192.0.2.1', dst = '192.0.2.2', srcPort = 5060, dstPort = 5060): Buffer {
  return ipv4(src, dst, 17, udp(srcPort, dstPort, payload));
}

function one(data: Uint8Array, timeUs = T0): Packet[] {
  return [{ data, timeUs }];
}

function callsOf(result: CaptureAnalysis): Array<[string, string, number | null, string | null]> {
  return result.analysis.calls.map((c) => [c.callId, c.outcome, c.finalStatus, c.endedBy]);
}

/** The first message's marker line in the rendered text. */
function firstMarker(result: CaptureAnalysis): string {
  return result.text.slice(0, result.text.indexOf('\r\n'));
}

function noticesOf(result: CaptureAnalysis): string {
  return result.analysis.notices.map((n) => n.message).join('\n');
}

describe('capture: file containers', () => {
  const packet = ethernet(ETHERTYPE_IPV4, ipUdp(SIP_INVITE));

  it('detects pcap and pcapng by magic bytes, gzip too, and nothing else', () => {
    assert.deepEqual(detectCapture(pcap(one(packet))), { container: 'pcap', gzip: false });
    assert.deepEqual(detectCapture(pcap(one(packet), { bigEndian: true, nanoseconds: true })), { container: 'pcap', gzip: false });
    const ng = pcapng([{ kind: 'section' }, { kind: 'interface', iface: { linkType: 1 } }]);
    assert.deepEqual(detectCapture(ng), { container: 'pcapng', gzip: false });
    assert.deepEqual(detectCapture(gzip(ng)), { container: 'pcapng', gzip: true });
    assert.deepEqual(detectCapture(gzip(pcap(one(packet)))), { container: 'pcap', gzip: true });
    assert.equal(detectCapture(Buffer.from(SIP_INVITE)), undefined);
    assert.equal(detectCapture(gzip(Buffer.from(SIP_INVITE))), undefined);
    assert.equal(detectCapture(new Uint8Array(0)), undefined);
  });

  for (const [label, options] of [
    ['little-endian, microseconds', {}],
    ['big-endian, microseconds', { bigEndian: true }],
    ['little-endian, nanoseconds', { nanoseconds: true }],
    ['big-endian, nanoseconds', { bigEndian: true, nanoseconds: true }],
  ] as const) {
    it(`pcap ${label}: frame, dated time to the microsecond, addresses and transport`, () => {
      const result = analyzeCapture(pcap([{ data: packet, timeUs: T0 - 5 }, { data: packet, timeUs: T0 }], options));
      assert.equal(result.container, 'pcap');
      assert.equal(result.analysis.format, 'pcap');
      assert.equal(firstMarker(result), '#1 2026-11-21 23:22:27.183451 UDP 192.0.2.1:5060 -> 192.0.2.2:5060');
      assert.deepEqual(result.analysis.messages.map((m) => m.frame.frame), [1, 2]);
      assert.equal(result.analysis.calls[0]?.startTime, '2026-11-21T23:22:27.183Z');
    });
  }

  it('pcapng: sections of either byte order, interfaces with their own link type, resolution and offset', () => {
    const raw = ipUdp(SIP_INVITE);
    const bye = ipUdp(callMessages('call-1@192.0.2.1')[4]!.text);
    const file = pcapng([
      { kind: 'section' },
      { kind: 'interface', iface: { linkType: 1 } },
      { kind: 'interface', iface: { linkType: 101, tsresol: 9 } },
      { kind: 'other', type: 0x0bad, body: Buffer.from('an unknown block is skipped') },
      { kind: 'epb', interfaceId: 0, timestamp: BigInt(T0), data: packet },
      { kind: 'epb', interfaceId: 1, timestamp: BigInt(T0 + 1000) * 1000n + 999n, data: raw },
      { kind: 'section', bigEndian: true },
      { kind: 'interface', iface: { linkType: 101, tsoffset: 3600 } },
      { kind: 'pb', interfaceId: 0, timestamp: BigInt(T0 + 2000 - 3_600_000_000), data: bye },
      { kind: 'spb', data: bye },
    ]);
    const result = analyzeCapture(file);
    assert.equal(result.container, 'pcapng');
    const markers = result.text.split('\r\n').filter((line) => line.startsWith('#'));
    assert.deepEqual(markers, [
      '#1 2026-11-21 23:22:27.183456 UDP 192.0.2.1:5060 -> 192.0.2.2:5060',
      '#2 2026-11-21 23:22:27.184456 UDP 192.0.2.1:5060 -> 192.0.2.2:5060',
      '#3 2026-11-21 23:22:27.185456 UDP 192.0.2.1:5060 -> 192.0.2.2:5060',
      // A Simple Packet Block has no time: it keeps the one before.
      '#4 2026-11-21 23:22:27.185456 UDP 192.0.2.1:5060 -> 192.0.2.2:5060',
    ]);
    assert.deepEqual(result.encapsulations, ['ethernet', 'raw-ip', 'ipv4', 'udp']);
  });

  it('times outside years 1970 to 9999 (a damaged file) show as 1970, still a marker SIP Lens reads', () => {
    const packet2 = ethernet(ETHERTYPE_IPV4, ipUdp(SIP_INVITE));
    const file = pcapng([
      { kind: 'section' },
      { kind: 'interface', iface: { linkType: 1, tsresol: 3 } },
      { kind: 'epb', interfaceId: 0, timestamp: 0xffffffffffffn, data: packet2 },
      { kind: 'interface', iface: { linkType: 1, tsoffset: -100_000 } },
      { kind: 'epb', interfaceId: 1, timestamp: 5n, data: packet2 },
    ]);
    const result = analyzeCapture(file);
    assert.deepEqual(result.text.split('\r\n').filter((l) => l.startsWith('#')), [
      '#1 1970-01-01 00:00:00.000000 UDP 192.0.2.1:5060 -> 192.0.2.2:5060',
      '#2 1970-01-01 00:00:00.000000 UDP 192.0.2.1:5060 -> 192.0.2.2:5060',
    ]);
    assert.ok(result.analysis.messages.every((m) => m.frame.frame !== undefined));
  });

  it('gzip: the same analysis as the plain file, format named by the container', () => {
    const file = pcap(udpCall('gz@192.0.2.1', T0));
    const plain = analyzeCapture(file);
    const zipped = analyzeCapture(gzip(file));
    assert.equal(zipped.analysis.format, 'pcap');
    assert.equal(zipped.text, plain.text);
    assert.deepEqual(callsOf(zipped), [['gz@192.0.2.1', 'answered', 200, 'local']]);
  });

  it('a gzip stream cut short or damaged: what decompresses is read, and a notice says so', () => {
    const file = gzip(pcap([...udpCall('gz-cut-1@192.0.2.1', T0), ...udpCall('gz-cut-2@192.0.2.1', T0 + 1_000_000)]));
    const cut = analyzeCapture(file.subarray(0, file.length - 30));
    assert.equal(cut.analysis.format, 'pcap');
    assert.ok(cut.analysis.calls.length >= 1);
    assert.match(noticesOf(cut), /compressed capture is cut short/);
    const damaged = Buffer.from(file);
    for (let i = Math.floor(file.length / 2); i < file.length - 8; i++) damaged[i] = 0xff;
    const result = analyzeCapture(damaged);
    assert.equal(result.analysis.format, 'pcap');
    // zlib cannot always tell damage from an early end: either way a notice says the file was not whole.
    assert.match(noticesOf(result), /compressed capture is (damaged|cut short)/);
  });

  it('a file cut inside a record: read as far as it goes, and a notice says where', () => {
    const file = pcap(udpCall('cut@192.0.2.1', T0));
    const cut = file.subarray(0, file.length - 40);
    const result = analyzeCapture(cut);
    assert.deepEqual(callsOf(result), [['cut@192.0.2.1', 'answered', 200, 'local']]);
    assert.match(noticesOf(result), /cut off inside frame 6/);
    assert.match(noticesOf(result), /1 SIP message was incomplete/);
    const headerOnly = analyzeCapture(file.subarray(0, 30));
    assert.equal(headerOnly.analysis.calls.length, 0);
    assert.match(noticesOf(headerOnly), /record header of frame 1/);
  });

  it('a small snap length: messages cut short are kept, counted and flagged', () => {
    const packets = udpCall('snap@192.0.2.1', T0).map((p) => ({ data: p.data.subarray(0, 200), timeUs: p.timeUs, originalLength: p.data.length }));
    const result = analyzeCapture(pcap(packets));
    assert.equal(result.analysis.messages.length, 6);
    assert.match(noticesOf(result), /6 of 6 frames were captured only in part/);
    assert.match(noticesOf(result), /6 SIP messages were incomplete/);
  });

  it('a pcapng block whose length does not advance, or runs past the end, stops the walk with a notice', () => {
    const good = pcapng([{ kind: 'section' }, { kind: 'interface', iface: { linkType: 1 } }, { kind: 'epb', interfaceId: 0, timestamp: BigInt(T0), data: packet }]);
    for (const length of [0, 8, 0xfffffff0]) {
      const bad = Buffer.concat([good, Buffer.from([6, 0, 0, 0]), Buffer.from(new Uint32Array([length]).buffer), Buffer.alloc(16)]);
      const result = analyzeCapture(bad);
      assert.equal(result.analysis.messages.length, 1);
      assert.match(noticesOf(result), /impossible length|cut off inside a block/);
    }
  });
});

describe('capture: link layers', () => {
  const v4 = ipUdp(SIP_INVITE);
  const v6 = ipv6('2001:db8::1', '2001:db8::2', 17, udp(5060, 5060, SIP_INVITE));
  const cases: Array<[string, number, Buffer, string[]]> = [
    ['Ethernet', 1, ethernet(ETHERTYPE_IPV4, v4), ['ethernet', 'ipv4', 'udp']],
    ['Ethernet with an 802.1Q tag', 1, ethernet(ETHERTYPE_IPV4, v4, [{ tpid: 0x8100, vid: 42 }]), ['ethernet', '802.1q', 'ipv4', 'udp']],
    ['Ethernet with stacked 802.1ad and 802.1Q tags', 1, ethernet(ETHERTYPE_IPV6, v6, [{ tpid: 0x88a8, vid: 100 }, { tpid: 0x8100, vid: 42 }]), ['ethernet', '802.1q', '802.1ad', 'ipv6', 'udp']],
    ['Ethernet, 802.1Q, then an MPLS label stack', 1, ethernet(0x8847, bytes([0, 0x10, 0x00, 64], [0, 0x20, 0x01, 64], v4), [{ tpid: 0x8100, vid: 7 }]), ['ethernet', '802.1q', 'mpls', 'ipv4', 'udp']],
    ['Ethernet with a PPPoE session', 1, ethernet(0x8864, bytes([0x11, 0, 0, 1], [(v6.length + 2) >> 8, (v6.length + 2) & 0xff], [0, 0x57], v6)), ['ethernet', 'pppoe', 'ipv6', 'udp']],
    ['Linux cooked SLL', 113, sll(ETHERTYPE_IPV4, v4), ['sll', 'ipv4', 'udp']],
    ['Linux cooked SLL2', 276, sll2(ETHERTYPE_IPV6, v6), ['sll2', 'ipv6', 'udp']],
    ['raw IP (101)', 101, v4, ['raw-ip', 'ipv4', 'udp']],
    ['raw IP (12)', 12, v6, ['raw-ip', 'ipv6', 'udp']],
    ['IPv4 (228)', 228, v4, ['raw-ip', 'ipv4', 'udp']],
    ['IPv6 (229)', 229, v6, ['raw-ip', 'ipv6', 'udp']],
    ['BSD loopback, IPv4', 0, nullLink(2, v4), ['loopback', 'ipv4', 'udp']],
    ['BSD loopback, IPv6 (macOS)', 0, nullLink(30, v6), ['loopback', 'ipv6', 'udp']],
  ];
  for (const [label, linkType, frame, layers] of cases) {
    it(label, () => {
      const result = analyzeCapture(pcap(one(frame), { linkType }));
      assert.equal(result.analysis.messages.length, 1);
      assert.equal(result.analysis.calls[0]?.callId, 'call-1@192.0.2.1');
      assert.deepEqual(result.encapsulations, layers);
    });
  }

  it('other link types are counted and named in a notice', () => {
    const result = analyzeCapture(pcap([...one(Buffer.alloc(60, 1)), ...one(Buffer.alloc(60, 2))], { linkType: 105 }));
    assert.equal(result.analysis.messages.length, 0);
    assert.match(noticesOf(result), /IEEE 802\.11 \(link type 105\): 2 frames/);
  });

  it('IPv6 addresses are shown in brackets, in their short form', () => {
    const result = analyzeCapture(pcap(one(ipv6('2001:db8:0:0:0:0:0:1', 'fe80::2', 17, udp(5062, 5060, SIP_INVITE))), { linkType: 101 }));
    assert.equal(firstMarker(result), '#1 2026-11-21 23:22:27.183456 UDP [2001:db8::1]:5062 -> [fe80::2]:5060');
    assert.equal(result.analysis.messages[0]?.frame.src?.host, '2001:db8::1');
  });
});

describe('capture: IP fragments and tunnels', () => {
  const datagram = udp(5060, 5060, SIP_INVITE);

  it('IPv4 fragments out of order, one of them twice: one message, with the frame that completed it', () => {
    const [a, b, c] = ipv4Fragments('192.0.2.1', '192.0.2.2', 17, datagram, 128);
    const result = analyzeCapture(pcap([c!, a!, a!, b!].map((data, i) => ({ data, timeUs: T0 + i })), { linkType: 101 }));
    assert.equal(result.analysis.messages.length, 1);
    assert.equal(result.analysis.messages[0]?.frame.frame, 4);
    assert.equal(result.analysis.messages[0]?.sip.problems.length, 0);
    assert.deepEqual(result.encapsulations, ['raw-ip', 'ipv4', 'ipv4-fragments', 'udp']);
  });

  it('fragments that never complete are dropped and counted', () => {
    const [a, , c] = ipv4Fragments('192.0.2.1', '192.0.2.2', 17, datagram, 128);
    const result = analyzeCapture(pcap([a!, c!].map((data) => ({ data, timeUs: T0 })), { linkType: 101 }));
    assert.equal(result.analysis.messages.length, 0);
    assert.match(noticesOf(result), /1 fragmented IP datagram was never completed/);
  });

  it('IPv6 with extension headers and a fragment header', () => {
    const half = 160;
    const first = ipv6Extension(60, Buffer.alloc(0));
    const packets = [
      ipv6('2001:db8::1', '2001:db8::2', 0, bytes(first, ipv6Extension(44, Buffer.alloc(0)), ipv6Fragment(17, 0, true, 99, datagram.subarray(0, half)))),
      ipv6('2001:db8::1', '2001:db8::2', 44, ipv6Fragment(17, half, false, 99, datagram.subarray(half))),
    ];
    const result = analyzeCapture(pcap(packets.map((data, i) => ({ data, timeUs: T0 + i })), { linkType: 101 }));
    assert.equal(result.analysis.messages.length, 1);
    assert.equal(result.analysis.messages[0]?.frame.frame, 2);
    assert.deepEqual(result.encapsulations, ['raw-ip', 'ipv6', 'ipv6-fragments', 'udp']);
  });

  it('IP-in-IP: IPv4 in IPv4, IPv6 in IPv4, IPv4 in IPv6 in IPv6 — the inner addresses count', () => {
    const inner4 = ipUdp(SIP_INVITE, '198.51.100.1', '198.51.100.2');
    const inner6 = ipv6('2001:db8::a', '2001:db8::b', 17, udp(5060, 5060, SIP_INVITE));
    const packets = [
      ipv4('203.0.113.1', '203.0.113.2', 4, inner4),
      ipv4('203.0.113.1', '203.0.113.2', 41, inner6),
      ipv6('2001:db8::1', '2001:db8::2', 41, ipv6('2001:db8::3', '2001:db8::4', 4, inner4)),
    ];
    const result = analyzeCapture(pcap(packets.map((data, i) => ({ data, timeUs: T0 + i })), { linkType: 101 }));
    assert.deepEqual(
      result.analysis.messages.map((m) => `${m.frame.src?.host} -> ${m.frame.dst?.host}`),
      ['198.51.100.1 -> 198.51.100.2', '2001:db8::a -> 2001:db8::b', '198.51.100.1 -> 198.51.100.2'],
    );
    assert.ok(result.encapsulations.includes('ip-in-ip'));
  });
});

describe('capture: UDP and TCP', () => {
  it('SIP is recognised by content on any port; RTP and other payloads are not SIP', () => {
    const packets = [ipUdp(SIP_INVITE, '192.0.2.1', '192.0.2.2', 40000, 7777), ipUdp(Buffer.from([0x80, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])), ipUdp('GET / HTTP/1.1\r\n\r\n')];
    const result = analyzeCapture(pcap(packets.map((data) => ({ data, timeUs: T0 })), { linkType: 101 }));
    assert.equal(result.analysis.messages.length, 1);
    assert.equal(firstMarker(result), '#1 2026-11-21 23:22:27.183456 UDP 192.0.2.1:40000 -> 192.0.2.2:7777');
  });

  function tcpPackets(segments: Array<[number, string | Buffer, number?]>, srcPort = 40001, dstPort = 5060, src = '192.0.2.1', dst = '192.0.2.2'): Packet[] {
    return segments.map(([seq, payload, flags], i) => ({ data: ipv4(src, dst, 6, tcp(srcPort, dstPort, seq, payload, flags)), timeUs: T0 + i * 1000 }));
  }

  it('TCP: two messages in one segment, one message over three, split by Content-Length', () => {
    const [invite, ringing, ok] = callMessages('tcp@192.0.2.1').map((m) => m.text);
    const stream = invite! + ringing! + ok!;
    const cut1 = invite!.length + ringing!.length + 40;
    const cut2 = cut1 + 100;
    const isn = 1000;
    const packets = tcpPackets([
      [isn, '', TCP_SYN],
      [isn + 1, stream.slice(0, cut1)],
      [isn + 1 + cut1, stream.slice(cut1, cut2)],
      [isn + 1 + cut2, stream.slice(cut2)],
    ]);
    const result = analyzeCapture(pcap(packets, { linkType: 101 }));
    assert.deepEqual(result.analysis.messages.map((m) => [m.frame.frame, m.sip.method ?? m.sip.status]), [[2, 'INVITE'], [2, 180], [4, 200]]);
    assert.ok(result.analysis.messages.every((m) => m.sip.problems.length === 0));
    assert.match(firstMarker(result), / TCP 192\.0\.2\.1:40001 -> 192\.0\.2\.2:5060$/);
  });

  it('TCP: out of order, retransmitted and overlapping segments, and a sequence number that wraps', () => {
    const [invite, ringing] = callMessages('wrap@192.0.2.1').map((m) => m.text);
    const stream = invite! + ringing!;
    const isn = 0xffffff00; // wraps past 2^32 inside the stream
    const at = (n: number): number => (isn + n) >>> 0;
    const packets = tcpPackets([
      [at(0), stream.slice(0, 100)],
      [at(300), stream.slice(300)], // ahead of a gap
      [at(0), stream.slice(0, 100)], // retransmission
      [at(50), stream.slice(50, 200)], // overlaps what was taken
      [at(200), stream.slice(200, 300)], // fills the gap
    ]);
    const result = analyzeCapture(pcap(packets, { linkType: 101 }));
    assert.deepEqual(result.analysis.messages.map((m) => [m.frame.frame, m.sip.method ?? m.sip.status]), [[5, 'INVITE'], [5, 180]]);
    assert.ok(result.analysis.messages.every((m) => m.sip.problems.length === 0));
  });

  it('TCP: a capture that starts mid-stream skips to the first whole message', () => {
    const [invite, ringing] = callMessages('late@192.0.2.1').map((m) => m.text);
    const packets = tcpPackets([[5000, invite!.slice(120) + ringing!]]);
    const result = analyzeCapture(pcap(packets, { linkType: 101 }));
    assert.deepEqual(result.analysis.messages.map((m) => m.sip.status), [180]);
  });

  it('TCP: a segment that never arrives loses its message only; the stream goes on', () => {
    const [invite, ringing, ok] = callMessages('gap@192.0.2.1').map((m) => m.text);
    const stream = invite! + ringing! + ok!;
    const a = invite!.length + 30;
    const b = invite!.length + ringing!.length;
    const packets = tcpPackets([[1, stream.slice(0, a)], [1 + b, stream.slice(b)]]);
    const result = analyzeCapture(pcap(packets, { linkType: 101 }));
    assert.deepEqual(result.analysis.messages.map((m) => m.sip.method ?? m.sip.status), ['INVITE', 200]);
    assert.match(noticesOf(result), /1 SIP message was incomplete/);
  });

  it('TCP with a small snap length: each message as far as it was captured, and the stream goes on', () => {
    const [invite, ringing] = callMessages('snap-tcp@192.0.2.1').map((m) => m.text);
    const packets = tcpPackets([[1, invite!], [1 + invite!.length, ringing!]]).map((p) => ({ data: p.data.subarray(0, 20 + 20 + 150), timeUs: p.timeUs, originalLength: p.data.length }));
    const result = analyzeCapture(pcap(packets, { linkType: 101 }));
    assert.deepEqual(result.analysis.messages.map((m) => [m.frame.frame, m.sip.method ?? m.sip.status]), [[1, 'INVITE'], [2, 180]]);
    assert.match(noticesOf(result), /2 SIP messages were incomplete/);
  });

  it('TCP: a new connection on the same ports starts afresh', () => {
    const [invite, ringing] = callMessages('reuse@192.0.2.1').map((m) => m.text);
    const packets = tcpPackets([[100, '', 0x02], [101, invite!.slice(0, 90)], [7000, '', 0x02], [7001, ringing!]]);
    const result = analyzeCapture(pcap(packets, { linkType: 101 }));
    assert.deepEqual(result.analysis.messages.map((m) => [m.frame.frame, m.sip.status]), [[4, 180]]);
    assert.match(noticesOf(result), /1 SIP message was incomplete/);
  });

  it('TLS streams are counted and named in one notice', () => {
    const hello = Buffer.from([0x16, 0x03, 0x01, 0x00, 0x05, 1, 0, 0, 1, 0]);
    const packets = [...tcpPackets([[1, hello]], 40002, 5061), ...tcpPackets([[9, hello]], 5061, 40002, '192.0.2.2', '192.0.2.1')];
    const result = analyzeCapture(pcap(packets, { linkType: 101 }));
    assert.equal(result.analysis.messages.length, 0);
    assert.match(noticesOf(result), /2 encrypted \(TLS\) streams cannot be read: 192\.0\.2\.1:40002 -> 192\.0\.2\.2:5061, 192\.0\.2\.2:5061 -> 192\.0\.2\.1:40002/);
  });
});

describe('capture: WebSocket and SCTP', () => {
  it('SIP over WebSocket after an upgrade: masked client frames, continuation frames, control frames skipped', () => {
    const [invite, ringing] = callMessages('ws@192.0.2.1').map((m) => m.text);
    const upgrade = 'GET / HTTP/1.1\r\nHost: 192.0.2.2\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Protocol: sip\r\n\r\n';
    const switching = 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Protocol: sip\r\n\r\n';
    const client = bytes(upgrade, wsFrame(invite!.slice(0, 50), { mask: [1, 2, 3, 4], fin: false }), wsFrame('', { opcode: 9, mask: [9, 9, 9, 9] }), wsFrame(invite!.slice(50), { mask: [5, 6, 7, 8], opcode: 0 }));
    const server = bytes(switching, wsFrame(ringing!));
    const packets: Packet[] = [
      { data: ipv4('192.0.2.1', '192.0.2.2', 6, tcp(40003, 8080, 1, client)), timeUs: T0 },
      { data: ipv4('192.0.2.2', '192.0.2.1', 6, tcp(8080, 40003, 1, server)), timeUs: T0 + 1 },
    ];
    const result = analyzeCapture(pcap(packets, { linkType: 101 }));
    assert.deepEqual(result.analysis.messages.map((m) => m.sip.method ?? m.sip.status), ['INVITE', 180]);
    assert.ok(result.analysis.messages.every((m) => m.sip.problems.length === 0));
    assert.match(firstMarker(result), / WS 192\.0\.2\.1:40003 -> 192\.0\.2\.2:8080$/);
    assert.ok(result.encapsulations.includes('websocket'));
  });

  it('SCTP: whole messages, bundled chunks, and a fragmented user message put back by TSN', () => {
    const [invite, ringing, ok] = callMessages('sctp@192.0.2.1').map((m) => m.text);
    const third = Math.floor(ok!.length / 3);
    const packets = [
      sctp(5060, 5060, sctpData(10, 3, invite!)),
      sctp(5060, 5060, sctpData(20, 3, ringing!), sctpData(23, 1, ok!.slice(2 * third))),
      sctp(5060, 5060, sctpData(21, 2, ok!.slice(0, third)), sctpData(22, 0, ok!.slice(third, 2 * third))),
      sctp(5060, 5060, sctpData(10, 3, invite!)), // a retransmitted DATA chunk
    ];
    const directions = ['192.0.2.1', '192.0.2.2', '192.0.2.2', '192.0.2.1'];
    const result = analyzeCapture(
      pcap(packets.map((p, i) => ({ data: ipv4(directions[i]!, directions[i] === '192.0.2.1' ? '192.0.2.2' : '192.0.2.1', 132, p), timeUs: T0 + i })), { linkType: 101 }),
    );
    assert.deepEqual(result.analysis.messages.map((m) => [m.frame.frame, m.sip.method ?? m.sip.status]), [[1, 'INVITE'], [2, 180], [3, 200]]);
    assert.ok(result.analysis.messages.every((m) => m.sip.problems.length === 0));
    assert.match(firstMarker(result), / SCTP 192\.0\.2\.1:5060 -> 192\.0\.2\.2:5060$/);
  });
});

describe('capture: HEP', () => {
  const messages = callMessages('hep@192.0.2.1');
  const fields = (i: number) => {
    const m = messages[i]!;
    const [src, dst] = m.fromCaller ? ['192.0.2.1', '192.0.2.2'] : ['192.0.2.2', '192.0.2.1'];
    return { src, dst, srcPort: 5060, dstPort: 5060, seconds: Math.floor(T0 / 1e6) + i, micros: 250, payload: m.text };
  };
  const collector = (payload: Buffer, port = 9060) => ipv4('203.0.113.9', '203.0.113.10', 17, udp(34567, port, payload));

  it('HEP v3 and v2: the inner addresses, ports, transport and time, on any port', () => {
    const packets = [collector(hep3(fields(0))), collector(hep2(fields(1)), 9999), collector(hep3({ ...fields(2), compress: true }))];
    const result = analyzeCapture(pcap(packets.map((data) => ({ data, timeUs: T0 + 60_000_000 })), { linkType: 101 }));
    const markers = result.text.split('\r\n').filter((l) => l.startsWith('#'));
    assert.deepEqual(markers, [
      '#1 2026-11-21 23:22:27.000250 UDP 192.0.2.1:5060 -> 192.0.2.2:5060',
      '#2 2026-11-21 23:22:28.000250 UDP 192.0.2.2:5060 -> 192.0.2.1:5060',
      '#3 2026-11-21 23:22:29.000250 UDP 192.0.2.2:5060 -> 192.0.2.1:5060',
    ]);
    assert.equal(result.analysis.messages[2]?.sip.status, 200);
    assert.deepEqual(result.encapsulations, ['raw-ip', 'ipv4', 'udp', 'hep2', 'hep3']);
  });

  it('copies out of wire order (ACK before its 200) and plain copies beside HEP copies: one call, one transaction each', () => {
    const order = [0, 1, 3, 2, 4, 5];
    const hepPackets = order.map((i) => ({ data: collector(hep3(fields(i))), timeUs: T0 + 100_000_000 + i }));
    const plain = messages.map((m, i) => {
      const f = fields(i);
      return { data: ipv4(f.src, f.dst, 17, udp(5060, 5060, m.text)), timeUs: f.seconds * 1e6 + 250 };
    });
    const result = analyzeCapture(pcap([...plain, ...hepPackets], { linkType: 101 }));
    assert.deepEqual(callsOf(result), [['hep@192.0.2.1', 'answered', 200, 'local']]);
    assert.equal(result.analysis.messages.length, 12);
    assert.equal(result.analysis.messages.filter((m) => m.retransmission).length, 6);
    const call = result.analysis.calls[0]!;
    assert.equal(call.setupMs, 2000);
    assert.equal(call.durationMs, 2000);
  });
});

describe('capture: progress and cancellation', () => {
  it('reports progress up to the whole file, and stops with a CancellationError when asked', () => {
    const file = pcap(udpCall('progress@192.0.2.1', T0));
    const seen: Array<[number, number]> = [];
    analyzeCapture(file, { onProgress: (done, total) => seen.push([done, total]) });
    assert.deepEqual(seen[seen.length - 1], [file.length, file.length]);
    assert.throws(() => analyzeCapture(file, { isCancelled: () => true }), (error: Error) => error.name === 'CancellationError');
  });
});

describe('capture: rendered as text', () => {
  it('the text reads back to the same summary, frames included', () => {
    const packets = [...udpCall('rt-1@192.0.2.1', T0), ...udpCall('rt-2@192.0.2.1', T0 + 5_000_000, false)];
    const result = analyzeCapture(pcap(packets));
    const back = analyzeTrace(result.text);
    assert.equal(back.format, 'capture-text');
    const { format: _a, encapsulations: _b, ...fromCapture } = summarize(result.analysis, result.encapsulations);
    const { format: _c, ...fromText } = summarize(back);
    assert.deepEqual(fromText, fromCapture);
    assert.deepEqual(callsOf(result), [['rt-1@192.0.2.1', 'answered', 200, 'local'], ['rt-2@192.0.2.1', 'answered', 200, 'remote']]);
    assert.equal(summarize(back).calls[1]?.startFrame, 7);
    assert.equal(summarize(back).calls[1]?.finalFrame, 9);
  });

  it('bytes that would break lines in an editor are shown as dots; UTF-8 stays UTF-8', () => {
    const text = SIP_INVITE.replace('Call-ID: call-1@192.0.2.1', 'Call-ID: call-1@192.0.2.1\r\nSubject: a\rb\x00c Jörg');
    const result = captureToText(pcap(one(ethernet(ETHERTYPE_IPV4, ipUdp(Buffer.from(text, 'utf8'))))));
    assert.match(result.text, /Subject: a\.b\.c Jörg\r\n/);
  });

  it('a message that is not UTF-8 is read one character per byte; the others stay UTF-8', () => {
    const latin1 = Buffer.from(SIP_INVITE.replace('CSeq: 1 INVITE', 'CSeq: 1 INVITE\r\nSubject: caf\xe9'), 'latin1');
    const utf8 = Buffer.from(SIP_INVITE.replace('CSeq: 1 INVITE', 'CSeq: 1 INVITE\r\nSubject: Jörg'), 'utf8');
    const result = captureToText(pcap([...one(ethernet(ETHERTYPE_IPV4, ipUdp(latin1))), ...one(ethernet(ETHERTYPE_IPV4, ipUdp(utf8)))]));
    assert.match(result.text, /Subject: café\r\n/);
    assert.match(result.text, /Subject: Jörg\r\n/);
    // The markers read the same whichever way the text was put together.
    const both = (message: Buffer) => pcap([...one(ipv6('2001:db8::1', '2001:db8::2', 17, udp(5060, 5060, message)), T0 + 999_999), ...one(ipUdp(message), T0 + 1_000_000)], { linkType: 101 });
    const slow = captureToText(both(latin1));
    const fast = captureToText(both(utf8));
    const markers = (text: string): string[] => text.split('\r\n').filter((l) => l.startsWith('#'));
    assert.deepEqual(markers(slow.text), markers(fast.text));
    assert.deepEqual(markers(fast.text), [
      '#1 2026-11-21 23:22:28.183455 UDP [2001:db8::1]:5060 -> [2001:db8::2]:5060',
      '#2 2026-11-21 23:22:28.183456 UDP 192.0.2.1:5060 -> 192.0.2.2:5060',
    ]);
  });
});
