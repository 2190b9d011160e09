// Real packet captures (test/fixtures/captures/, made by scripts/make-fixtures/captures.sh)
// through the built CLI: every call exactly as tshark saw it when the fixture was made —
// outcome, final status, who hung up, setup/PDD/duration, first and final frame — no call more,
// the container and the encapsulations; cut captures still give a summary; junk exits 2; and
// `sip-lens text` reads back to the same calls.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Summary } from '../../server/src/analysis/summary';
import { ROOT, runCli } from './run';

interface ExpectedCall {
  callId: string;
  outcome: string;
  finalStatus: number | null;
  endedBy: 'local' | 'remote' | null;
  setupMs: number | null;
  pddMs: number | null;
  durationMs: number | null;
  startFrame: number;
  finalFrame: number | null;
}

interface ExpectedCapture {
  format?: 'pcap' | 'pcapng';
  gzip?: boolean;
  note: string;
  encapsulations?: string[];
  calls?: ExpectedCall[];
  transactions?: string[];
  /** The file ends in the middle of this packet record (1-based frame number). */
  truncatedInFrame?: number;
  /** Frames captured only in part (snap length). */
  cutFrames?: number;
  /** Neither a capture nor a text trace: the CLI refuses it. */
  binary?: boolean;
}

/** A capture summary: the text summary plus the capture fields. */
type CaptureSummary = Summary & {
  encapsulations?: string[];
  calls: (Summary['calls'][number] & { startFrame?: number | null; finalFrame?: number | null })[];
};

const DIR = join(ROOT, 'test', 'fixtures', 'captures');
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Record<string, ExpectedCapture>;
const scratch = mkdtempSync(join(tmpdir(), 'sip-lens-captures-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function summaryOf(path: string): CaptureSummary {
  const result = runCli(['summary', path, '--json']);
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as CaptureSummary;
}

/** Times are whole milliseconds from two clocks' rounding: equal within 1 ms. */
function assertMs(got: number | null, want: number | null, what: string): void {
  if (want === null) assert.equal(got, null, what);
  else {
    assert.equal(typeof got, 'number', `${what}: ${got}`);
    assert.ok(Math.abs((got as number) - want) <= 1, `${what}: ${got} ms, tshark ${want} ms`);
  }
}

function assertCalls(summary: CaptureSummary, want: ExpectedCall[], file: string): void {
  assert.deepEqual(summary.calls.map((c) => c.callId).sort(), want.map((c) => c.callId).sort(), `${file}: exactly these calls`);
  for (const call of want) {
    const got = summary.calls.find((c) => c.callId === call.callId)!;
    const what = `${file} ${call.callId}`;
    assert.deepEqual(
      { outcome: got.outcome, finalStatus: got.finalStatus, endedBy: got.endedBy, startFrame: got.startFrame, finalFrame: got.finalFrame },
      { outcome: call.outcome, finalStatus: call.finalStatus, endedBy: call.endedBy, startFrame: call.startFrame, finalFrame: call.finalFrame },
      what,
    );
    assertMs(got.setupMs, call.setupMs, `${what} setupMs`);
    assertMs(got.pddMs, call.pddMs, `${what} pddMs`);
    assertMs(got.durationMs, call.durationMs, `${what} durationMs`);
    assert.match(got.startTime ?? '', /^\d{4}-\d\d-\d\dT/, `${what}: a dated start time`);
  }
}

describe('real captures through the CLI', () => {
  it('has the capture fixtures', () => {
    assert.ok(Object.keys(expected).length >= 20, 'expected.json lists the captures');
    for (const kind of ['pcap', 'pcapng']) assert.ok(Object.values(expected).some((e) => e.format === kind), kind);
    const outcomes = new Set(Object.values(expected).flatMap((e) => (e.calls ?? []).map((c) => c.outcome)));
    for (const outcome of ['answered', 'busy', 'no-answer', 'failed', 'route-blocked', 'no-final']) assert.ok(outcomes.has(outcome), outcome);
  });

  for (const [file, want] of Object.entries(expected)) {
    const path = join(DIR, file);
    if (want.binary) {
      it(`${file}: not a capture, exit 2`, () => {
        const result = runCli(['summary', path, '--json']);
        assert.equal(result.status, 2);
        assert.equal(result.stdout, '');
        assert.match(result.stderr, /binary/);
      });
      continue;
    }
    it(`${file}: ${want.note}`, () => {
      const summary = summaryOf(path);
      assert.equal(summary.format, want.format);
      assert.deepEqual([...(summary.encapsulations ?? [])].sort(), [...want.encapsulations!].sort(), 'encapsulations');
      assertCalls(summary, want.calls!, file);
      assert.deepEqual(summary.transactions.map((t) => t.method), want.transactions, 'transactions');
      const notices = summary.notices.map((n) => (typeof n === 'string' ? n : JSON.stringify(n))).join('\n');
      if (want.truncatedInFrame) assert.match(notices, new RegExp(`cut off inside frame ${want.truncatedInFrame}\\b`), 'the notice says where the file was cut');
      if (want.cutFrames) assert.match(notices, new RegExp(`\\b${want.cutFrames} of \\d+ frames were captured only in part`), 'the notice counts the cut frames');
      if (want.cutFrames || want.truncatedInFrame) assert.match(notices, /incomplete/, 'the notice counts the incomplete messages');
      else assert.equal(summary.malformed, 0, 'real traffic parses cleanly');
    });
  }

  for (const file of Object.keys(expected).filter((f) => !expected[f]!.binary && (expected[f]!.calls?.length ?? 0) > 0)) {
    it(`${file}: sip-lens text reads back to the same calls`, () => {
      const out = join(scratch, `${file}.txt`);
      const written = runCli(['text', join(DIR, file), '-o', out]);
      assert.equal(written.status, 0, written.stderr);
      const stdout = runCli(['text', join(DIR, file)]);
      assert.equal(stdout.status, 0, stdout.stderr);
      assert.equal(stdout.stdout, readFileSync(out, 'utf8'), 'stdout and -o write the same text');
      const fromCapture = summaryOf(join(DIR, file));
      const fromText = summaryOf(out);
      const calls = (s: CaptureSummary) => s.calls.map(({ callId, outcome, finalStatus, finalReason, cause, endedBy, startTime, setupMs, pddMs, durationMs }) => ({ callId, outcome, finalStatus, finalReason, cause, endedBy, startTime, setupMs, pddMs, durationMs }));
      assert.deepEqual(calls(fromText), calls(fromCapture));
      assert.deepEqual(fromText.transactions.map((t) => [t.method, t.callId, t.finalStatus]), fromCapture.transactions.map((t) => [t.method, t.callId, t.finalStatus]));
    });
  }
});
