// Public real-world captures (../shared/wild-captures, see its README for sources): every call of
// truth.json gets its outcome, final status and endedBy; Call-IDs listed as transactions only are
// not calls; and each capture rendered as text reads back to the same summary.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeTrace } from '../../server/src/analysis/analyze';
import { analyzeCapture, detectCapture } from '../../server/src/analysis/capture';
import { summarize } from '../../server/src/analysis/summary';

const ROOT = resolve(__dirname, '..', '..');
// Beside the repository (as in CI); SIP_LENS_WILD_CAPTURES points elsewhere, e.g. from a git worktree.
const WILD = process.env.SIP_LENS_WILD_CAPTURES ?? resolve(ROOT, '..', 'shared', 'wild-captures');

interface TruthCall {
  callId: string;
  outcome: string;
  finalStatus: number | null;
  endedBy: 'local' | 'remote' | null;
}

interface TruthFile {
  file: string;
  calls: TruthCall[];
  transactions_only: string[];
}

const truth: TruthFile[] = existsSync(join(WILD, 'truth.json')) ? (JSON.parse(readFileSync(join(WILD, 'truth.json'), 'utf8')) as TruthFile[]) : [];

describe('capture: public real-world captures', () => {
  it('are there to check (../shared/wild-captures)', () => {
    assert.ok(truth.length >= 18, `truth.json lists ${truth.length} captures`);
  });

  for (const want of truth) {
    it(want.file, () => {
      const bytes = readFileSync(join(WILD, want.file));
      const container = want.file.endsWith('.pcapng') ? 'pcapng' : 'pcap';
      assert.deepEqual(detectCapture(bytes), { container, gzip: false });
      const result = analyzeCapture(bytes);
      assert.equal(result.analysis.format, container);
      const got = result.analysis.calls.map(({ callId, outcome, finalStatus, endedBy }) => ({ callId, outcome, finalStatus, endedBy }));
      const expected = want.calls.map(({ callId, outcome, finalStatus, endedBy }) => ({ callId, outcome, finalStatus, endedBy }));
      const byId = (a: { callId: string }, b: { callId: string }): number => a.callId.localeCompare(b.callId);
      assert.deepEqual(got.sort(byId), expected.sort(byId));
      const callIds = new Set(got.map((c) => c.callId));
      for (const callId of want.transactions_only) assert.ok(!callIds.has(callId), `${callId} is not a call`);
      assert.equal(result.analysis.messages.filter((m) => m.frame.frame === undefined).length, 0, 'every message keeps its frame');

      const { format: _format, encapsulations: _encapsulations, ...fromCapture } = summarize(result.analysis, result.encapsulations);
      const { format: readBack, ...fromText } = summarize(analyzeTrace(result.text));
      assert.equal(readBack, 'capture-text');
      assert.deepEqual(fromText, fromCapture, 'the rendered text reads back to the same summary');
    });
  }
});
