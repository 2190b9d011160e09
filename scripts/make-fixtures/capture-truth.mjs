#!/usr/bin/env node
// Ground truth for the capture fixtures, from tshark's own dissection (never from SIP Lens):
//
//   capture-truth.mjs FIXTURE-DIR WORK-DIR   → FIXTURE-DIR/expected.json
//
// For every capture: tshark -r F -Y sip -T fields (frame number, epoch time, addresses, Call-ID,
// status, method, CSeq, To-tag) with IP defragmentation and TCP reassembly on; SIP on any port
// through tshark's SIP heuristics. HEP files are read through their unwrapped copy (WORK-DIR/
// hep-vN.unwrapped.pcap, one frame per HEP frame, original addresses and HEP timestamps),
// since tshark here has no HEP dissector.
//
// Per call, with the analysis's definitions (a call is a Call-ID with an initial INVITE; the
// first copy of a message sets its time; local = the sender of the call's first INVITE):
// outcome, finalStatus, endedBy, setupMs (first INVITE → final of the chain's last INVITE),
// pddMs (first INVITE → first 18x), durationMs (2xx → BYE), startFrame, finalFrame.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';

const [dir, work] = process.argv.slice(2);
if (!dir || !work) {
  process.stderr.write('usage: capture-truth.mjs FIXTURE-DIR WORK-DIR\n');
  process.exit(2);
}

const FIELDS = ['frame.number', 'frame.time_epoch', 'frame.len', 'frame.cap_len', 'ip.src', 'ipv6.src', 'sip.Call-ID', 'sip.Status-Code', 'sip.Method', 'sip.CSeq.seq', 'sip.CSeq.method', 'sip.to.tag', 'frame.protocols'];
const AGG = '|';

function tshark(file) {
  const args = ['-r', file, '-o', 'ip.defragment:TRUE', '-o', 'ipv6.defragment:TRUE', '-o', 'tcp.desegment_tcp_streams:TRUE', '-Y', 'sip', '-T', 'fields', '-E', 'separator=\t', '-E', 'occurrence=a', '-E', `aggregator=${AGG}`];
  for (const f of FIELDS) args.push('-e', f);
  const result = spawnSync('tshark', args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  // A truncated file ends with an error after the frames before the cut: keep those.
  if (result.status !== 0 && !/cut short|truncated|appears to be damaged/i.test(result.stderr)) throw new Error(`tshark ${file}: ${result.stderr}`);
  const stderr = result.stderr.split('\n').filter((line) => line && !line.startsWith('Running as user')).join('\n');
  return { rows: result.stdout.split('\n').filter(Boolean).map((line) => line.split('\t')), stderr };
}

/** Every SIP message tshark saw, in frame order (several per frame over TCP). */
function messages(file) {
  const { rows, stderr } = tshark(file);
  const out = [];
  for (const row of rows) {
    const get = (name) => row[FIELDS.indexOf(name)] ?? '';
    const list = (name) => (get(name) === '' ? [] : get(name).split(AGG));
    const callIds = list('sip.Call-ID');
    const statuses = list('sip.Status-Code');
    const methods = list('sip.Method');
    const seqs = list('sip.CSeq.seq');
    const cseqMethods = list('sip.CSeq.method');
    if (callIds.length === 0) continue;
    if (statuses.length && methods.length && callIds.length > 1) throw new Error(`${file} frame ${get('frame.number')}: requests and responses in one frame; cannot pair fields`);
    if (statuses.length + methods.length !== callIds.length) throw new Error(`${file} frame ${get('frame.number')}: ${callIds.length} Call-IDs, ${statuses.length} statuses, ${methods.length} methods`);
    // Innermost addresses (IP-in-IP): the source of the last IP layer tshark lists.
    const v6 = list('ipv6.src');
    const v4 = list('ip.src');
    const layers = get('frame.protocols').split(':');
    const innerIsV6 = layers.lastIndexOf('ipv6') > layers.lastIndexOf('ip');
    const src = innerIsV6 ? v6[v6.length - 1] : v4[v4.length - 1];
    const toTags = list('sip.to.tag');
    for (let i = 0; i < callIds.length; i++) {
      out.push({
        frame: Number(get('frame.number')),
        time: Number(get('frame.time_epoch')),
        cut: Number(get('frame.cap_len')) < Number(get('frame.len')),
        src,
        callId: callIds[i],
        status: statuses.length ? Number(statuses[i]) : undefined,
        method: methods.length ? methods[i] : undefined,
        cseq: Number(seqs[i]),
        cseqMethod: cseqMethods[i],
        // Over several messages in a frame the To-tags cannot be paired: only one-message frames.
        toTag: callIds.length === 1 ? toTags[0] : undefined,
        protocols: get('frame.protocols'),
      });
    }
  }
  return { list: out, stderr };
}

function outcomeOf(finalStatus, rang) {
  if (finalStatus === null) return rang ? 'no-answer' : 'no-final';
  if (finalStatus < 300) return 'answered';
  if (finalStatus === 486 || finalStatus === 600) return 'busy';
  if (finalStatus < 400) return 'redirected';
  if (finalStatus >= 900) return 'route-blocked';
  if (finalStatus === 487) return rang ? 'no-answer' : 'cancelled';
  if (finalStatus === 408 && rang) return 'no-answer';
  return 'failed';
}

const ms = (from, to) => Math.round((to - from) * 1000);

function calls(list) {
  const byCall = new Map();
  for (const m of list) {
    if (!byCall.has(m.callId)) byCall.set(m.callId, []);
    byCall.get(m.callId).push(m);
  }
  const result = [];
  const transactions = [];
  for (const [callId, msgs] of byCall) {
    const initial = msgs.filter((m) => m.method === 'INVITE' && !m.toTag);
    if (initial.length === 0) {
      const first = msgs.find((m) => m.method);
      if (first) transactions.push(first.method);
      continue;
    }
    const invite = initial[0];
    const chain = new Set(initial.map((m) => m.cseq));
    const lastSeq = Math.max(...chain);
    const responses = msgs.filter((m) => m.status !== undefined && m.cseqMethod === 'INVITE');
    // A 401/407 to an earlier INVITE of the chain is not final for the call.
    const final = responses.find((m) => m.cseq === lastSeq && m.status >= 200) ?? null;
    const ring = responses.find((m) => chain.has(m.cseq) && m.status >= 180 && m.status <= 189) ?? null;
    const finalStatus = final ? final.status : null;
    const outcome = outcomeOf(finalStatus, ring !== null);
    const bye = msgs.find((m) => m.method === 'BYE') ?? null;
    const answered = outcome === 'answered';
    result.push({
      callId,
      outcome,
      finalStatus,
      endedBy: answered && bye ? (bye.src === invite.src ? 'local' : 'remote') : null,
      setupMs: final ? ms(invite.time, final.time) : null,
      pddMs: ring ? ms(invite.time, ring.time) : null,
      durationMs: answered && bye ? ms(final.time, bye.time) : null,
      startFrame: invite.frame,
      finalFrame: final ? final.frame : null,
    });
  }
  return { calls: result, transactions };
}

/** Whole records in a classic pcap (little-endian, as tcpdump writes here) before any cut. */
function completeRecords(path) {
  const bytes = readFileSync(path);
  let n = 0;
  for (let o = 24; o + 16 <= bytes.length && o + 16 + bytes.readUInt32LE(o + 8) <= bytes.length; o += 16 + bytes.readUInt32LE(o + 8)) n++;
  return n;
}

function container(path) {
  let bytes = readFileSync(path);
  const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (gzip) bytes = gunzipSync(bytes);
  const magic = bytes.readUInt32BE(0);
  if (magic === 0x0a0d0d0a) return { format: 'pcapng', gzip };
  if ([0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1].includes(magic)) return { format: 'pcap', gzip };
  return undefined;
}

// The layers every SIP message of a file came through, as the file was made (names as in the
// summary's `encapsulations`). tshark's own layer list must agree, as far as it can tell them
// apart (it names SLL and SLL2 alike, both VLAN tag kinds `vlan`, and cannot read HEP).
const MADE_WITH = {
  'udp.pcap': ['ethernet', 'ipv4', 'udp'],
  'udp.pcapng': ['ethernet', 'ipv4', 'udp'],
  'truncated.pcap': ['ethernet', 'ipv4', 'udp'],
  'snaplen-200.pcap': ['ethernet', 'ipv4', 'udp'],
  'raw-ip.pcap': ['raw-ip', 'ipv4', 'udp'],
  'vlan-8021q.pcap': ['ethernet', '802.1q', 'ipv4', 'udp'],
  'tcp-sll2.pcap': ['sll2', 'ipv4', 'tcp'],
  'tcp-mid-stream.pcap': ['sll2', 'ipv4', 'tcp'],
  'tcp-segments.pcap.gz': ['ethernet', 'ipv4', 'tcp'],
  'ipv6.pcap': ['ethernet', 'ipv6', 'udp'],
  'ipv6-nsec.pcap': ['ethernet', 'ipv6', 'udp'],
  'ipv6-sll.pcap': ['sll', 'ipv6', 'udp'],
  'vlan-stacked.pcap': ['ethernet', '802.1q', '802.1ad', 'ipv6', 'udp'],
  'ipv6-in-ipv4.pcap': ['ethernet', 'ipv4', 'ipv6', 'ip-in-ip', 'udp'],
  'ipv4-fragments.pcap': ['ethernet', 'ipv4', 'ipv4-fragments', 'udp'],
  'ip-in-ip.pcap': ['ethernet', 'ipv4', 'ip-in-ip', 'ipv4-fragments', 'udp'],
  'ipv6-fragments.pcap': ['ethernet', 'ipv6', 'ipv6-fragments', 'udp'],
  'multi-interface.pcapng': ['ethernet', 'sll2', 'ipv4', 'ipv6', 'udp', 'tcp'],
  'multi-interface.pcapng.gz': ['ethernet', 'sll2', 'ipv4', 'ipv6', 'udp', 'tcp'],
  'hep-v2.pcap': ['ethernet', 'ipv4', 'udp', 'hep2'],
  'hep-v3.pcap': ['ethernet', 'ipv4', 'udp', 'hep3'],
  'hep-v3-with-plain.pcap': ['ethernet', 'ipv4', 'udp', 'hep3'],
  'ipv6-dumpcap.pcapng': ['ethernet', 'ipv6', 'udp'],
  'ipv4-in-ipv6.pcap': ['ethernet', 'ipv4', 'ipv6', 'ip-in-ip', 'udp'],
  'loopback-null.pcap': ['loopback', 'ipv6', 'udp'],
  'udp-big-endian.pcap': ['ethernet', 'ipv4', 'udp'],
  'multi-section.pcapng': ['ethernet', 'sll2', 'ipv4', 'udp', 'tcp'],
};
const TSHARK_NAMES = { null: ['loopback'], eth: ['ethernet'], vlan: ['802.1q', '802.1ad'], sll: ['sll', 'sll2'], raw: ['raw-ip'], ip: ['ipv4'], ipv6: ['ipv6'], udp: ['udp'], tcp: ['tcp'] };

function encapsulations(file, list, hep) {
  const made = MADE_WITH[file];
  if (!made) throw new Error(`${file}: how was it made? (MADE_WITH)`);
  // HEP files are dissected through their unwrapped copy, whose outer layers are the same kinds.
  for (const m of hep ? [] : list) {
    const layers = m.protocols.split(':');
    for (const layer of layers) {
      const names = TSHARK_NAMES[layer];
      if (names && !names.some((n) => made.includes(n))) throw new Error(`${file} frame ${m.frame}: tshark sees ${layer}, not in ${made.join(', ')}`);
    }
    if (layers.filter((l) => l === 'ip' || l === 'ipv6').length > 1 && !made.includes('ip-in-ip')) throw new Error(`${file} frame ${m.frame}: tshark sees IP in IP`);
  }
  return made;
}

const NOTES = {
  'udp.pcap': 'SIPp over UDP/IPv4 between two namespaces (Ethernet); Kamailio answers 903; 100 Trying only on port 5090',
  'udp.pcapng': 'udp.pcap converted by editcap -F pcapng',
  'tcp-sll2.pcap': 'SIPp -t t1 over TCP/IPv4, tcpdump -i any (Linux cooked SLL2)',
  'ipv6.pcap': 'SIPp over UDP/IPv6 (Ethernet)',
  'ipv6-sll.pcap': 'the same IPv6 run through tcpdump -i any -y LINUX_SLL (SLL v1)',
  'ipv6-nsec.pcap': 'ipv6.pcap converted by editcap -F nsecpcap (nanosecond magic)',
  'ipv4-fragments.pcap': 'a 2 KB INVITE over UDP on a 576-byte MTU link: IPv4 fragments',
  'tcp-segments.pcap.gz': 'the 2 KB INVITE over TCP on a 576-byte MTU link (messages split over segments), gzip -9',
  'ipv6-fragments.pcap': 'the 2 KB INVITE over UDP/IPv6 on a 1280-byte MTU link: IPv6 fragment headers',
  'multi-interface.pcapng': 'mergecap of ipv6-nsec.pcap (Ethernet, ns) and tcp-sll2.pcap (SLL2, µs): two interfaces',
  'multi-interface.pcapng.gz': 'multi-interface.pcapng, gzip -9',
  'hep-v2.pcap': "Kamailio siptrace HEP v2 copies only (UDP 9060); the plain wire copies matched them",
  'hep-v3.pcap': "Kamailio siptrace HEP v3 copies only (UDP 9060); the plain wire copies matched them",
  'vlan-8021q.pcap': 'udp.pcap with an 802.1Q tag (VLAN 100) inserted into every frame (pcap-edit.mjs)',
  'vlan-stacked.pcap': 'ipv6.pcap with stacked 802.1ad (200) + 802.1Q (100) tags inserted (pcap-edit.mjs)',
  'ip-in-ip.pcap': 'ipv4-fragments.pcap with every IPv4 packet wrapped in IPv4 (protocol 4) (pcap-edit.mjs)',
  'ipv6-in-ipv4.pcap': 'ipv6.pcap with every IPv6 packet wrapped in IPv4 (protocol 41) (pcap-edit.mjs)',
  'raw-ip.pcap': 'udp.pcap with the Ethernet header taken off every IP frame (pcap-edit.mjs): link type 101',
  'ipv6-dumpcap.pcapng': 'the IPv6 run captured at the same time by dumpcap (its own pcapng, statistics blocks included)',
  'multi-section.pcapng': 'udp.pcapng and tcp-sll2.pcap as pcapng, concatenated: two sections, frames numbered across both',
  'hep-v3-with-plain.pcap': 'the HEP v3 run as captured: every message on the wire and its HEP copy to UDP 9060; truth from the plain copies (tshark cannot read HEP)',
  'ipv4-in-ipv6.pcap': 'udp.pcap with every IPv4 packet wrapped in IPv6 (next header 4) (pcap-edit.mjs)',
  'loopback-null.pcap': 'ipv6.pcap with a BSD loopback header (link type 0, AF_INET6 30) for the Ethernet header (pcap-edit.mjs)',
  'udp-big-endian.pcap': 'udp.pcap in big-endian byte order, as a big-endian host writes it (pcap-edit.mjs)',
  'tcp-mid-stream.pcap': 'tcp-sll2.pcap from the second call\'s INVITE on (editcap -r): its TCP stream starts without a handshake',
  'truncated.pcap': 'udp.pcap cut in the middle of the record of the last INVITE final response',
  'snaplen-200.pcap': 'the udp.pcap run captured at the same time with tcpdump -s 200: every SIP message cut',
};

const expected = {};
const files = readdirSync(dir).filter((f) => /\.(pcap|pcapng|gz|bin)$/.test(f)).sort();
for (const file of files) {
  const path = join(dir, file);
  const kind = container(path);
  if (!kind) {
    expected[file] = { binary: true, note: 'deterministic pseudo-random bytes: neither a capture nor a text trace' };
    continue;
  }
  const hep = /^hep-v\d\.pcap$/.test(file);
  const source = hep ? join(work, file.replace('.pcap', '.unwrapped.pcap')) : path;
  const { list, stderr } = messages(source);
  const complete = list.filter((m) => !m.cut);
  const { calls: found, transactions } = calls(complete);
  const entry = { format: kind.format, gzip: kind.gzip, note: NOTES[file] ?? '', encapsulations: encapsulations(file, list, hep), calls: found, transactions };
  if (file === 'truncated.pcap') entry.truncatedInFrame = completeRecords(path) + 1;
  const cut = spawnSync('tshark', ['-r', source, '-Y', 'frame.cap_len < frame.len', '-T', 'fields', '-e', 'frame.number'], { encoding: 'utf8' });
  const cutFrames = cut.stdout.split('\n').filter(Boolean).length;
  if (cutFrames) entry.cutFrames = cutFrames;
  if (stderr) process.stderr.write(`${file}: tshark says: ${stderr.split('\n')[0]}\n`);
  expected[file] = entry;
  process.stderr.write(`${file}: ${found.length} calls, ${transactions.length} transactions, ${list.length} SIP messages\n`);
}
writeFileSync(join(dir, 'expected.json'), JSON.stringify(expected, null, 2) + '\n');
