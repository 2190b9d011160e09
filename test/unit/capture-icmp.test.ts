// What a capture shows beyond the SIP itself, as evidence for findings: ICMP destination
// unreachable errors that quote a SIP message's own packet (no-response is then decisive), and the
// IP fragments a message travelled in (udp-too-large). Both are carried in the rendered text's
// markers, so the text read back gives the same findings. Packets are built byte by byte; each
// must-not-fire case differs from a firing one in one thing only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeTrace } from '../../server/src/analysis/analyze';
import { analyzeCapture } from '../../server/src/analysis/capture';
import type { CaptureAnalysis } from '../../server/src/analysis/capture';
import { bytes, ipv4, ipv4Fragments, ipv6, pcap, SIP_INVITE, sipMessage, udp } from './capture.helpers';

const T0 = Date.UTC(2026, 10, 21, 23, 22, 27) * 1000;
const RAW_IP = 101;
const CALLER = '192.0.2.1';
const FAR = '192.0.2.2';

/** The INVITE's IP packet, from the caller's port 5060 to `port` on the far host. */
function invitePacket(port = 5999, payload: string | Uint8Array = SIP_INVITE): Buffer {
  return ipv4(CALLER, FAR, 17, udp(5060, port, payload));
}

/** An ICMP error (type, code) from `from` to the caller, quoting `quoted` cut to `keep` bytes. */
function icmp4(quoted: Buffer, o: { type?: number; code?: number; from?: string; keep?: number } = {}): Buffer {
  const cut = quoted.subarray(0, o.keep ?? Math.min(quoted.length, 548));
  return ipv4(o.from ?? FAR, CALLER, 1, bytes([o.type ?? 3, o.code ?? 3, 0, 0, 0, 0, 0, 0], cut));
}

function read(packets: Buffer[]): CaptureAnalysis {
  return analyzeCapture(pcap(packets.map((data, i) => ({ data, timeUs: T0 + i * 500_000 })), { linkType: RAW_IP }));
}

function codes(result: CaptureAnalysis): string[] {
  return result.analysis.calls.flatMap((c) => c.findings.map((f) => f.code));
}

describe('capture evidence: ICMP errors answering a SIP message', () => {
  it('each copy of an INVITE answered by a port unreachable: marked, shown on the marker, and no-response names it', () => {
    const invite = invitePacket();
    const result = read([invite, icmp4(invite), invite, icmp4(invite)]);
    const messages = result.analysis.messages;
    assert.equal(messages.length, 2);
    assert.deepEqual(messages.map((m) => m.frame.icmp), [
      { protocol: 'ICMP', kind: 'port unreachable', from: FAR, frame: 2 },
      { protocol: 'ICMP', kind: 'port unreachable', from: FAR, frame: 4 },
    ]);
    assert.match(result.text, /^#1 \S+ \S+ UDP 192\.0\.2\.1:5060 -> 192\.0\.2\.2:5999 \(ICMP port unreachable from 192\.0\.2\.2 in #2\)\r$/m);
    const [finding] = result.analysis.calls[0]!.findings;
    assert.equal(finding?.code, 'no-response');
    assert.match(finding!.message, /sent 2 times over UDP to 192\.0\.2\.2:5999 and nothing came back but an ICMP port unreachable from 192\.0\.2\.2 \(frame 2\)/);
    assert.match(finding!.message, /nothing listens on that port/);
    assert.equal(finding!.fault, 'remote');
    assert.deepEqual(finding!.related, [1]);
    assert.match(result.analysis.calls[0]!.verdict, /but an ICMP port unreachable from 192\.0\.2\.2/);
  });

  it('one INVITE, one ICMP error: decisive without any retransmission; without the error nothing fires', () => {
    const invite = invitePacket();
    assert.deepEqual(codes(read([invite, icmp4(invite)])), ['no-response']);
    assert.deepEqual(codes(read([invite])), []);
  });

  it('the rendered text read back keeps the ICMP error and gives the same finding', () => {
    const invite = invitePacket();
    const result = read([invite, icmp4(invite)]);
    const again = analyzeTrace(result.text);
    assert.deepEqual(again.messages[0]?.frame.icmp, result.analysis.messages[0]?.frame.icmp);
    assert.deepEqual(again.calls[0]?.findings.map((f) => [f.code, f.message]), result.analysis.calls[0]?.findings.map((f) => [f.code, f.message]));
  });

  it('an error about another packet is not taken for one about the INVITE', () => {
    const invite = invitePacket();
    const otherPort = invitePacket(5998);
    const otherBytes = invitePacket(5999, SIP_INVITE.replace('call-1@', 'call-2@'));
    const longer = invitePacket(5999, `${SIP_INVITE}x`);
    const cases: [string, Buffer][] = [
      ['another destination port', icmp4(otherPort)],
      ['another source port', icmp4(ipv4(CALLER, FAR, 17, udp(5070, 5999, SIP_INVITE)))],
      ['another far host', icmp4(ipv4(CALLER, '192.0.2.3', 17, udp(5060, 5999, SIP_INVITE)))],
      ['other bytes on the same ports', icmp4(otherBytes)],
      ['another UDP length, only the headers quoted', icmp4(longer, { keep: 28 })],
      ['fragmentation needed (not an unreachable)', icmp4(invite, { code: 4 })],
      ['an echo reply', icmp4(invite, { type: 0, code: 0 })],
      ['a quoted TCP packet', icmp4(ipv4(CALLER, FAR, 6, udp(5060, 5999, SIP_INVITE)))],
    ];
    for (const [name, error] of cases) {
      const result = read([invite, error]);
      assert.equal(result.analysis.messages[0]?.frame.icmp, undefined, name);
      assert.doesNotMatch(result.text, /ICMP/, name);
      assert.deepEqual(codes(result), [], name);
    }
  });

  it('an error captured before the packet it quotes does not answer it', () => {
    const invite = invitePacket();
    const result = analyzeCapture(pcap([{ data: icmp4(invite), timeUs: T0 }, { data: invite, timeUs: T0 + 1000 }], { linkType: RAW_IP }));
    assert.equal(result.analysis.messages[0]?.frame.icmp, undefined);
  });

  it('the 8 payload bytes RFC 792 asks for are enough when the ports and UDP length match', () => {
    const invite = invitePacket();
    const result = read([invite, icmp4(invite, { keep: 20 + 8 + 8 })]);
    assert.equal(result.analysis.messages[0]?.frame.icmp?.kind, 'port unreachable');
  });

  it('a router or firewall on the path says where to look', () => {
    const invite = invitePacket();
    const router = read([invite, icmp4(invite, { code: 1, from: '198.51.100.1' })]);
    assert.match(router.analysis.calls[0]!.findings[0]!.message, /ICMP host unreachable from 198\.51\.100\.1 \(frame 2\) — the router 198\.51\.100\.1 has no way to deliver it/);
    assert.equal(router.analysis.calls[0]!.findings[0]!.fault, 'network');
    const firewall = read([invite, icmp4(invite, { code: 13, from: '198.51.100.1' })]);
    assert.match(firewall.analysis.calls[0]!.findings[0]!.message, /administratively prohibited .* a firewall at 198\.51\.100\.1 rejects it/);
  });

  it('ICMPv6 port unreachable over IPv6', () => {
    const invite = ipv6('2001:db8::1', '2001:db8::2', 17, udp(5060, 5999, SIP_INVITE));
    const error = ipv6('2001:db8::2', '2001:db8::1', 58, bytes([1, 4, 0, 0, 0, 0, 0, 0], invite));
    const result = read([invite, error]);
    assert.deepEqual(result.analysis.messages[0]?.frame.icmp, { protocol: 'ICMPv6', kind: 'port unreachable', from: '2001:db8::2', frame: 2 });
    assert.match(result.text, /\(ICMPv6 port unreachable from 2001:db8::2 in #2\)\r$/m);
    assert.deepEqual(codes(result), ['no-response']);
    assert.deepEqual(analyzeTrace(result.text).messages[0]?.frame.icmp, result.analysis.messages[0]?.frame.icmp);
  });

  it('a response answered by SIP is no no-response, whatever ICMP errors say about other copies', () => {
    const invite = invitePacket(5060);
    const trying = ipv4(FAR, CALLER, 17, udp(5060, 5060, sipMessage(['SIP/2.0 100 Trying', 'Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-1', 'From: <sip:alice@192.0.2.1>;tag=a1', 'To: <sip:bob@192.0.2.2>', 'Call-ID: call-1@192.0.2.1', 'CSeq: 1 INVITE'])));
    const result = read([invite, icmp4(invite), invite, trying]);
    assert.ok(result.analysis.messages[0]?.frame.icmp);
    assert.deepEqual(codes(result), []);
  });
});

describe('capture evidence: IP fragments', () => {
  it('a request rebuilt from fragments says how many, on the marker and in udp-too-large — even under 1300 bytes', () => {
    const datagram = udp(5060, 5060, SIP_INVITE);
    const fragments = ipv4Fragments(CALLER, FAR, 17, datagram, 128);
    const result = read(fragments);
    assert.equal(result.analysis.messages[0]?.frame.fragments, fragments.length);
    assert.match(result.text, new RegExp(`^#${fragments.length} .* -> 192\\.0\\.2\\.2:5060 \\(${fragments.length} IP fragments\\)\\r$`, 'm'));
    const [finding] = result.analysis.calls[0]!.findings;
    assert.equal(finding?.code, 'udp-too-large');
    assert.match(finding!.message, new RegExp(`travelled in ${fragments.length} IP fragments — under the 1300 bytes`));
    assert.deepEqual(analyzeTrace(result.text).calls[0]?.findings.map((f) => f.message), [finding!.message]);
  });

  it("of one side's big requests, the one seen in fragments is the finding's evidence", () => {
    const padding = `X-Padding: ${'p'.repeat(1400)}`;
    const common = ['From: <sip:alice@192.0.2.1>;tag=a1', 'Call-ID: call-1@192.0.2.1'];
    const invite = sipMessage(['INVITE sip:bob@192.0.2.2 SIP/2.0', 'Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-1', ...common, 'To: <sip:bob@192.0.2.2>', 'CSeq: 1 INVITE', padding]);
    const ok = sipMessage(['SIP/2.0 200 OK', 'Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-1', ...common, 'To: <sip:bob@192.0.2.2>;tag=b1', 'CSeq: 1 INVITE']);
    const reinvite = sipMessage(['INVITE sip:bob@192.0.2.2 SIP/2.0', 'Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-2', ...common, 'To: <sip:bob@192.0.2.2>;tag=b1', 'CSeq: 2 INVITE', padding]);
    const packets = [
      ipv4(CALLER, FAR, 17, udp(5060, 5060, invite)),
      ipv4(FAR, CALLER, 17, udp(5060, 5060, ok)),
      ...ipv4Fragments(CALLER, FAR, 17, udp(5060, 5060, reinvite), 1000),
    ];
    const result = read(packets);
    const findings = result.analysis.calls[0]!.findings.filter((f) => f.code === 'udp-too-large');
    assert.equal(findings.length, 1);
    assert.equal(result.analysis.messages[findings[0]!.at]!.sip.cseq?.seq, 2);
    assert.match(findings[0]!.message, /travelled in 2 IP fragments/);
    // Without the fragments, the first big request stands for both.
    const whole = read([packets[0]!, packets[1]!, ipv4(CALLER, FAR, 17, udp(5060, 5060, reinvite))]);
    const plain = whole.analysis.calls[0]!.findings.filter((f) => f.code === 'udp-too-large');
    assert.deepEqual(plain.map((f) => whole.analysis.messages[f.at]!.sip.cseq?.seq), [1]);
  });

  it('the same request whole: no marker note and no finding', () => {
    const result = read([invitePacket(5060)]);
    assert.equal(result.analysis.messages[0]?.frame.fragments, undefined);
    assert.doesNotMatch(result.text, /fragments/);
    assert.deepEqual(codes(result), []);
  });
});
