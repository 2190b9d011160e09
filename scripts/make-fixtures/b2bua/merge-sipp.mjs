// Merges SIPp -trace_msg logs (dropping the 3PCC twins' control-socket blocks) by the timestamp on each block's marker line; every block is copied
// as SIPp wrote it. Usage: node merge-sipp.mjs A.log B.log > merged.log
import { readFileSync } from 'node:fs';

const MARKER = /^-{10,} (\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d+)/;
const blocks = [];
for (const file of process.argv.slice(2)) {
  let current;
  for (const line of readFileSync(file, 'latin1').split('\n')) {
    const m = MARKER.exec(line);
    if (m) blocks.push((current = { time: m[1], order: blocks.length, lines: [] }));
    if (current) current.lines.push(line);
  }
}
blocks.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.order - b.order));
// The twins' own control socket is SIPp's, not the PBX's SIP traffic.
const sip = blocks.filter((b) => !/control message/.test(b.lines[1] ?? ''));
process.stdout.write(sip.map((b) => b.lines.join('\n').replace(/\n*$/, '\n\n')).join(''));
