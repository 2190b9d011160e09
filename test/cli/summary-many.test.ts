import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { MultiSummary } from '../../server/src/analysis/multiSummary';
import { ROOT, runCli } from './run';

const SIPP = join(ROOT, 'test', 'fixtures', 'sipp');
// The caller's and the callee's log of one call: the same Call-ID in two files.
const CALLER = join(SIPP, 'busy-486.log');
const CALLEE = join(SIPP, 'busy-486.callee.log');
const ANSWERED = join(SIPP, 'answered-local-bye.log');

function json(args: string[]): MultiSummary {
  const result = runCli(['summary', ...args, '--json']);
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as MultiSummary;
}

describe('sip-lens summary over several files', () => {
  it('gives one report: each file with its calls, the totals and the ASR', () => {
    const multi = json([CALLER, CALLEE, ANSWERED]);
    assert.deepEqual(multi.files.map((f) => f.path), [CALLER, CALLEE, ANSWERED]);
    assert.deepEqual(multi.files.map((f) => f.calls.map((c) => c.outcome)), [['busy'], ['busy'], ['answered']]);
    // The same call seen from both ends stays two entries, one per file.
    assert.equal(multi.files[0].calls[0].callId, multi.files[1].calls[0].callId);
    assert.equal(multi.totals.busy, 2);
    assert.equal(multi.totals.answered, 1);
    assert.equal(multi.asr, 1 / 3);
    assert.equal(multi.files[0].format, 'sipp');
    assert.ok(Array.isArray(multi.files[0].transactions) && Array.isArray(multi.files[0].notices));
  });

  it('keeps the one-file JSON unchanged', () => {
    const result = runCli(['summary', CALLER, '--json']);
    const summary = JSON.parse(result.stdout) as Record<string, unknown>;
    assert.equal(summary.files, undefined);
    assert.equal(summary.format, 'sipp');
  });

  it('walks a folder for trace files by content, skipping other files and hidden folders', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sip-lens-many-'));
    mkdirSync(join(dir, 'nightly', 'deep'), { recursive: true });
    mkdirSync(join(dir, '.git'));
    copyFileSync(CALLER, join(dir, 'nightly', 'run1.txt'));
    copyFileSync(ANSWERED, join(dir, 'nightly', 'deep', 'no-extension'));
    copyFileSync(CALLEE, join(dir, '.git', 'hidden.log'));
    writeFileSync(join(dir, 'README.md'), '# Notes\n\nThe INVITE failed with 486 yesterday.\n');
    writeFileSync(join(dir, 'blob.bin'), Buffer.from([0, 1, 2, 3, 0, 255, 0, 7]));
    const multi = json([dir]);
    assert.deepEqual(multi.files.map((f) => f.path), [join(dir, 'nightly', 'deep', 'no-extension'), join(dir, 'nightly', 'run1.txt')]);
    assert.equal(multi.totals.answered + multi.totals.busy, 2);
  });

  it('prints a row per file and the totals in the table, Markdown and CSV', () => {
    const table = runCli(['summary', CALLER, ANSWERED]).stdout;
    assert.match(table, new RegExp(`${CALLER.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+sipp\\s+4\\s+1\\s+0\\s+1\\b`));
    assert.match(table, /2 files\s+11\s+2\s+1\s+1\b.*50%/);
    const markdown = runCli(['summary', CALLER, ANSWERED, '--markdown']).stdout;
    assert.match(markdown, /\*\*2 calls in 2 files · ASR 50%\*\*/);
    assert.match(markdown, /\| `[^`]*busy-486\.log` \| sipp \| 4 \| 1 \|/);
    const csv = runCli(['summary', CALLER, ANSWERED, '--csv']).stdout.trimEnd().split('\r\n');
    assert.match(csv[0], /^file,callId,/);
    assert.equal(csv.length, 3);
    assert.ok(csv[1].startsWith(`${CALLER},busy-486-1@sip-lens,`));
  });

  it('applies --fail-on to every file, and fails on a named file that is missing', () => {
    assert.equal(runCli(['summary', ANSWERED, CALLER, '--fail-on', 'busy']).status, 1);
    assert.equal(runCli(['summary', ANSWERED, CALLER, '--fail-on', 'failed']).status, 0);
    const missing = runCli(['summary', ANSWERED, join(SIPP, 'no-such.log')]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no such file/);
  });
});

describe('sip-lens summary over a folder with a packet capture', () => {
  it('takes the capture by its magic bytes, whatever its name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sip-lens-many-cap-'));
    copyFileSync(join(ROOT, 'test', 'fixtures', 'binary', 'capture.pcap'), join(dir, 'night.dump'));
    copyFileSync(CALLER, join(dir, 'caller.log'));
    const multi = json([dir]);
    assert.deepEqual(multi.files.map((f) => [f.path, f.format]), [[join(dir, 'caller.log'), 'sipp'], [join(dir, 'night.dump'), 'pcapng']]);
    assert.ok(multi.files[1].calls.length > 0);
  });
});
