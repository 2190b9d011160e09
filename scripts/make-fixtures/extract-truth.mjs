#!/usr/bin/env node
// Ground truth for extracting calls from captures as packets, from tshark's own dissection (never
// from SIP Lens):
//
//   extract-truth.mjs OUT.json CAPTURE...   → OUT.json
//
// For every call (Call-ID with an INVITE) of each capture: the frames that carried its messages,
// as tshark sees them with IP defragmentation and TCP reassembly on — the frame each message
// completes in, and every IP fragment (ip.fragment, ipv6.fragment), TCP segment (tcp.segment) and
// SCTP fragment (sctp.fragment) it was reassembled from. Captures are named in OUT.json by their file name.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';

const [out, ...captures] = process.argv.slice(2);
if (!out || captures.length === 0) {
  process.stderr.write('usage: extract-truth.mjs OUT.json CAPTURE...\n');
  process.exit(2);
}

const FIELDS = ['frame.number', 'sip.Call-ID', 'sip.Method', 'sip.CSeq.method', 'ip.fragment', 'ipv6.fragment', 'tcp.segment', 'sctp.fragment'];

function framesByCall(file) {
  const args = ['-r', file, '-o', 'ip.defragment:TRUE', '-o', 'ipv6.defragment:TRUE', '-o', 'tcp.desegment_tcp_streams:TRUE', '-Y', 'sip', '-T', 'fields', '-E', 'separator=\t', '-E', 'occurrence=a', '-E', 'aggregator=,'];
  for (const f of FIELDS) args.push('-e', f);
  const result = spawnSync('tshark', args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (result.status !== 0) throw new Error(`tshark ${file}: ${result.stderr}`);
  const calls = new Map();
  const invited = new Set();
  for (const line of result.stdout.split('\n').filter(Boolean)) {
    const [frame, callIds, methods, cseqMethods, ip4, ip6, tcp, sctp] = line.split('\t');
    // A frame may complete several messages (TCP): each Call-ID it names gets the frame and its pieces.
    const pieces = [frame, ...[ip4, ip6, tcp, sctp].flatMap((list) => (list ? list.split(',') : []))].map(Number);
    for (const callId of new Set(callIds.split(','))) {
      if (!calls.has(callId)) calls.set(callId, new Set());
      for (const p of pieces) calls.get(callId).add(p);
    }
    if (`${methods},${cseqMethods}`.split(',').includes('INVITE')) for (const callId of callIds.split(',')) invited.add(callId);
  }
  return Object.fromEntries([...calls].filter(([callId]) => invited.has(callId)).map(([callId, frames]) => [callId, [...frames].sort((a, b) => a - b)]));
}

const truth = {};
for (const file of captures) truth[basename(file)] = framesByCall(file);
writeFileSync(out, JSON.stringify(truth, null, 1) + '\n');
