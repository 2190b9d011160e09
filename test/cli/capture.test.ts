// Packet captures through the built CLI: `summary CAPTURE` in every output form, truncated
// captures, and `text CAPTURE` whose output reads back to the same summary.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Summary } from '../../server/src/analysis/summary';
import { gzip, pcap, pcapng, udpCall } from '../unit/capture.helpers';
import { runCli } from './run';

const T0 = Date.UTC(2026, 10, 21, 23, 22, 27) * 1000 + 183_456;
const dir = mkdtempSync(join(tmpdir(), 'sip-lens-capture-cli-'));

function file(name: string, content: Buffer | string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

// Two calls from 192.0.2.1: the first hung up by the caller, the second by the callee.
const packets = [...udpCall('cli-1@192.0.2.1', T0), ...udpCall('cli-2@192.0.2.1', T0 + 2_000_000, false)];
const CAPTURE = pcap(packets);

function summaryOf(path: string, ...args: string[]): Summary {
  const result = runCli(['summary', path, '--json', ...args]);
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as Summary;
}

describe('CLI: packet captures', () => {
  it('summary --json: the calls, format pcap, encapsulations, dated start and frames', () => {
    const summary = summaryOf(file('call.pcap', CAPTURE));
    assert.equal(summary.format, 'pcap');
    assert.deepEqual(summary.encapsulations, ['ethernet', 'ipv4', 'udp']);
    assert.deepEqual(
      summary.calls.map((c) => [c.callId, c.outcome, c.finalStatus, c.endedBy, c.startTime, c.startFrame, c.finalFrame, c.setupMs, c.pddMs, c.durationMs]),
      [
        ['cli-1@192.0.2.1', 'answered', 200, 'local', '2026-11-21T23:22:27.183Z', 1, 3, 20, 10, 20],
        ['cli-2@192.0.2.1', 'answered', 200, 'remote', '2026-11-21T23:22:29.183Z', 7, 9, 20, 10, 20],
      ],
    );
  });

  it('pcapng and gzip: the same calls, format named by the container', () => {
    const ng = pcapng([
      { kind: 'section' },
      { kind: 'interface', iface: { linkType: 1 } },
      ...packets.map((p) => ({ kind: 'epb' as const, interfaceId: 0, timestamp: BigInt(p.timeUs), data: p.data })),
    ]);
    for (const [name, bytes, format] of [['call.pcapng.gz', gzip(ng), 'pcapng'], ['call.cap', CAPTURE, 'pcap'], ['call.pcap.gz', gzip(CAPTURE), 'pcap']] as const) {
      const summary = summaryOf(file(name, bytes));
      assert.equal(summary.format, format, name);
      assert.deepEqual(summary.calls.map((c) => [c.callId, c.outcome, c.endedBy]), [['cli-1@192.0.2.1', 'answered', 'local'], ['cli-2@192.0.2.1', 'answered', 'remote']], name);
    }
  });

  it('--local names the local host: the callee side is local', () => {
    const summary = summaryOf(file('local.pcap', CAPTURE), '--local', '192.0.2.2');
    assert.deepEqual(summary.calls.map((c) => c.endedBy), ['remote', 'local']);
  });

  it('table, --markdown, --csv and --fail-on work on a capture', () => {
    const path = file('forms.pcap', CAPTURE);
    const table = runCli(['summary', path]);
    assert.equal(table.status, 0);
    assert.match(table.stdout, /Format: pcap \(ethernet, ipv4, udp\)/);
    assert.match(table.stdout, /^Start +Frame +From/m);
    assert.match(table.stdout, /^2026-11-21T23:22:29\.183Z +7 +alice/m);
    assert.match(table.stdout, /cli-2@192\.0\.2\.1/);
    assert.match(runCli(['summary', path, '--markdown']).stdout, /cli-1@192\.0\.2\.1/);
    assert.equal(runCli(['summary', path, '--csv']).stdout.trim().split('\n').length, 3);
    assert.equal(runCli(['summary', path, '--fail-on', 'answered']).status, 1);
    assert.equal(runCli(['summary', path, '--fail-on', 'busy']).status, 0);
  });

  it('a capture cut short still gives a summary (exit 0) with notices saying what was cut', () => {
    const cut = summaryOf(file('cut.pcap', CAPTURE.subarray(0, CAPTURE.length - 100)));
    assert.equal(cut.calls.length, 2);
    assert.ok(cut.notices.some((n) => /cut off inside frame 12/.test(n)), cut.notices.join('\n'));
    assert.ok(cut.notices.some((n) => /1 SIP message was incomplete/.test(n)), cut.notices.join('\n'));
    const headerOnly = summaryOf(file('header.pcap', CAPTURE.subarray(0, 30)));
    assert.deepEqual(headerOnly.calls, []);
    assert.ok(headerOnly.notices.some((n) => /record header of frame 1/.test(n)), headerOnly.notices.join('\n'));
  });

  it('text: the capture as a text trace, on stdout or in a file, that reads back to the same summary', () => {
    const path = file('text.pcap', CAPTURE);
    const stdout = runCli(['text', path]);
    assert.equal(stdout.status, 0, stdout.stderr);
    assert.match(stdout.stdout, /^#1 2026-11-21 23:22:27\.183456 UDP 192\.0\.2\.1:5060 -> 192\.0\.2\.2:5060\r\nINVITE sip:bob@192\.0\.2\.2 SIP\/2\.0\r\n/);
    const out = join(dir, 'text.sip');
    const written = runCli(['text', path, '-o', out]);
    assert.equal(written.status, 0, written.stderr);
    assert.equal(written.stdout, '');
    assert.equal(readFileSync(out, 'utf8'), stdout.stdout);
    const { format: _a, encapsulations: _b, ...fromCapture } = summaryOf(path);
    const { format, ...fromText } = summaryOf(out);
    assert.equal(format, 'capture-text');
    assert.deepEqual(fromText, fromCapture);
  });

  it('text refuses what is not a capture; summary refuses bytes that are neither capture nor text', () => {
    const trace = file('trace.sip', readFileSync(join(dir, 'text.sip')));
    const notCapture = runCli(['text', trace]);
    assert.equal(notCapture.status, 2);
    assert.match(notCapture.stderr, /already a text trace/);
    const junk = Buffer.alloc(2048);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 131) & 0xff;
    const binary = runCli(['summary', file('junk.pcap', junk)]);
    assert.equal(binary.status, 2);
    assert.equal(binary.stderr.trim().split('\n').length, 1);
  });

  it('--help names the text command and the capture formats', () => {
    const help = runCli(['--help']);
    assert.match(help.stdout, /sip-lens text CAPTURE \[-o OUT\]/);
    assert.match(help.stdout, /pcapng/);
  });
});
