import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Summary } from '../../server/src/analysis/summary';
import { ROOT, runCli } from './run';

const ASTERISK = join(ROOT, 'test', 'fixtures', 'b2bua', 'asterisk-full.log');
const PHONE = '3c2b7f0e41a94c5d@192.0.2.20';
const TRUNK = '7d1e0f6a-5b2c-4e8d-9a3f-1c2b3d4e5f60';
const REJECTED = '91aa04c2d3e5@192.0.2.21';

function summaryOf(file: string): Summary {
  const result = runCli(['summary', file, '--json']);
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as Summary;
}

describe('sip-lens extract', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sip-lens-extract-'));

  it('writes only the calls with the chosen outcomes, which read back the same', () => {
    const out = join(dir, 'failed.log');
    const result = runCli(['extract', ASTERISK, '--outcome', 'failed', '-o', out]);
    assert.equal(result.status, 0, result.stderr);
    const summary = summaryOf(out);
    assert.equal(summary.format, 'asterisk-pjsip');
    assert.deepEqual(summary.calls.map((c) => [c.callId, c.outcome, c.finalStatus]), [[REJECTED, 'failed', 404]]);
  });

  it('takes a call by Call-ID, and its other legs with --group', () => {
    const alone = join(dir, 'alone.log');
    assert.equal(runCli(['extract', ASTERISK, '--call', PHONE, '-o', alone]).status, 0);
    assert.deepEqual(summaryOf(alone).calls.map((c) => c.callId), [PHONE]);
    const both = join(dir, 'both.log');
    assert.equal(runCli(['extract', ASTERISK, '--call', PHONE, '--group', '--output', both]).status, 0);
    const summary = summaryOf(both);
    assert.deepEqual(summary.calls.map((c) => [c.callId, c.outcome]), [[PHONE, 'busy'], [TRUNK, 'busy']]);
    assert.equal(summary.calls[0].group?.role, 'inbound');
  });

  it('prints to standard output without -o, the source lines unchanged', () => {
    const result = runCli(['extract', ASTERISK, '--call', REJECTED]);
    assert.equal(result.status, 0);
    const source = readFileSync(ASTERISK, 'utf8').split('\n');
    for (const line of result.stdout.split('\n').filter(Boolean)) assert.ok(source.includes(line), `copied verbatim: ${line}`);
  });

  it('exits 1 when no call matches, and 2 on bad usage or a missing file', () => {
    const none = runCli(['extract', ASTERISK, '--call', 'no-such-call']);
    assert.equal(none.status, 1);
    assert.match(none.stderr, /no call with Call-ID no-such-call/);
    assert.equal(runCli(['extract', ASTERISK]).status, 2);
    assert.equal(runCli(['extract', ASTERISK, '--outcome', 'sad']).status, 2);
    assert.equal(runCli(['summary', ASTERISK, '--group']).status, 2);
    assert.equal(runCli(['extract', join(dir, 'missing.log'), '--outcome', 'busy']).status, 2);
  });
});

describe('sip-lens extract from a packet capture', () => {
  const capture = join(ROOT, 'test', 'fixtures', 'binary', 'capture.pcap');

  it('writes the chosen calls as a text trace that reads back with the same outcomes', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sip-lens-extract-cap-')), 'busy.txt');
    const result = runCli(['extract', capture, '--outcome', 'busy,no-answer', '-o', out]);
    assert.equal(result.status, 0, result.stderr);
    const before = summaryOf(capture).calls.filter((c) => c.outcome === 'busy' || c.outcome === 'no-answer');
    const after = summaryOf(out).calls;
    assert.ok(before.length >= 2);
    assert.deepEqual(
      after.map((c) => [c.callId, c.outcome, c.finalStatus, c.setupMs]),
      before.map((c) => [c.callId, c.outcome, c.finalStatus, c.setupMs]),
    );
  });
});
