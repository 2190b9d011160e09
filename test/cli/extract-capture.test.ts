// `sip-lens extract CAPTURE` writes a capture of the chosen calls' packets. Which frames carried
// each call comes from tshark's own dissection when the fixtures were made
// (test/fixtures/captures/extract-frames.json, scripts/make-fixtures/extract-truth.mjs: the frame
// each message completes in, its IP fragments and TCP segments). Round trip: the extracted file,
// read again, gives each call as the source did. Where tshark is installed, it reads every
// output back: the same frames, times and lengths as in the source.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { containerOf, readContainer } from '../../server/src/analysis/capture/container';
import type { Summary, SummaryCall } from '../../server/src/analysis/summary';
import { cliArgv } from '../cliLaunch';
import { ROOT, runCli } from './run';

const CAPTURES = join(ROOT, 'test', 'fixtures', 'captures');
const WILD = process.env.SIP_LENS_WILD_CAPTURES ?? resolve(ROOT, '..', 'shared', 'wild-captures');
const TRUTH = JSON.parse(readFileSync(join(CAPTURES, 'extract-frames.json'), 'utf8')) as Record<string, Record<string, number[]>>;
const dir = mkdtempSync(join(tmpdir(), 'sip-lens-extract-packets-'));
const HAS_TSHARK = spawnSync('tshark', ['-v'], { encoding: 'utf8' }).status === 0;

function pathOf(file: string): string {
  return file.startsWith('heplify_') || file.startsWith('sngrep-') || file.startsWith('sip-captures_') ? join(WILD, file) : join(CAPTURES, file);
}

function summaryOf(file: string): Summary {
  const result = runCli(['summary', file, '--json']);
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as Summary;
}

/** What must survive the round trip. */
function essentials(call: SummaryCall): unknown {
  return { callId: call.callId, outcome: call.outcome, finalStatus: call.finalStatus, endedBy: call.endedBy, setupMs: call.setupMs, pddMs: call.pddMs, durationMs: call.durationMs };
}

/** Frames of a capture by SIP Lens's own reader (numbered as Wireshark does). */
function frameCount(file: string): number {
  return readContainer(readFileSync(file), () => undefined).frames;
}

/** tshark's view of some frames: number, epoch time and length. */
function tsharkFrames(file: string, filter?: string): string[] {
  const args = ['-r', file, '-T', 'fields', '-e', 'frame.time_epoch', '-e', 'frame.len', '-e', 'frame.cap_len'];
  if (filter) args.push('-Y', filter);
  const result = spawnSync('tshark', args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(result.status, 0, `tshark reads ${file}: ${result.stderr}`);
  return result.stdout.split('\n').filter(Boolean);
}

describe('sip-lens extract from a capture writes its packets', () => {
  for (const [file, calls] of Object.entries(TRUTH)) {
    it(`${file}: each call's frames, all of them and no others, as captured`, () => {
      const source = pathOf(file);
      const before = summaryOf(source);
      const container = containerOf(readFileSync(source)) ?? (file.endsWith('.gz') ? 'pcapng' : 'pcap');
      for (const [callId, frames] of Object.entries(calls)) {
        const out = join(dir, `${file}-${Object.keys(calls).indexOf(callId)}.${container === 'pcapng' || file.includes('pcapng') ? 'pcapng' : 'pcap'}`);
        const result = runCli(['extract', source, '--call', callId, '-o', out]);
        assert.equal(result.status, 0, result.stderr);
        assert.match(result.stderr, new RegExp(`1 call extracted to .* \\(${frames.length} frames?, `), callId);
        const written = readFileSync(out);
        assert.equal(containerOf(written), file.includes('pcapng') ? 'pcapng' : 'pcap', `${callId}: the source's container`);
        assert.equal(frameCount(out), frames.length, `${callId}: frames ${frames.join(',')}`);

        const original = before.calls.find((c) => c.callId === callId);
        assert.ok(original, `${callId} is a call of ${file}`);
        const after = summaryOf(out).calls.find((c) => c.callId === callId);
        assert.ok(after, `${callId} reads back from the extract`);
        assert.deepEqual(essentials(after), essentials(original));

        if (HAS_TSHARK) {
          // The same frames, with their original times and lengths, in the same order.
          assert.deepEqual(tsharkFrames(out), tsharkFrames(source, `frame.number in {${frames.join(',')}}`), callId);
        }
      }
    });
  }

  it('takes the other calls by outcome, and a HEP capture as its HEP packets', () => {
    const hep = join(CAPTURES, 'hep-v3.pcap');
    const out = join(dir, 'hep-busy.pcap');
    const result = runCli(['extract', hep, '--outcome', 'busy', '-o', out]);
    assert.equal(result.status, 0, result.stderr);
    const busy = summaryOf(hep).calls.filter((c) => c.outcome === 'busy');
    assert.deepEqual(summaryOf(out).calls.map(essentials), busy.map(essentials));
  });

  it('writes packets to standard output when it is not a terminal, the same bytes as -o', () => {
    const udp = join(CAPTURES, 'udp.pcap');
    const out = join(dir, 'busy-stdout.pcap');
    assert.equal(runCli(['extract', udp, '--call', 'busy-486-1@sip-lens', '-o', out]).status, 0);
    const piped = spawnSync(process.execPath, cliArgv(join(ROOT, 'dist', 'cli.js'), ['extract', udp, '--call', 'busy-486-1@sip-lens']), { cwd: ROOT, maxBuffer: 1 << 24 });
    assert.equal(piped.status, 0);
    assert.deepEqual(piped.stdout, readFileSync(out));
  });

  it('writes the text rendering with --text, or to a .txt, .sip or .log name', () => {
    const udp = join(CAPTURES, 'udp.pcap');
    for (const [args, out] of [
      [['--text'], join(dir, 'busy-text.out')],
      [[], join(dir, 'busy.sip')],
    ] as const) {
      const result = runCli(['extract', udp, '--call', 'busy-486-1@sip-lens', ...args, '-o', out]);
      assert.equal(result.status, 0, result.stderr);
      const text = readFileSync(out, 'utf8');
      assert.match(text, /^#\d+ \d{4}-\d\d-\d\d [\d:.]+ UDP /m);
      assert.match(text, /SIP\/2\.0 486 Busy Here/);
      assert.equal(summaryOf(out).calls.map((c) => c.outcome).join(), 'busy');
    }
  });

  it('exits 1 when no call matches, and writes nothing', () => {
    const out = join(dir, 'none.pcap');
    const result = runCli(['extract', join(CAPTURES, 'udp.pcap'), '--call', 'no-such-call', '-o', out]);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /no call with Call-ID no-such-call/);
    assert.throws(() => readFileSync(out));
  });
});
