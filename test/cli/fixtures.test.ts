// Every fixture made by real SIP software (or framed faithfully after one) gives the expected
// format, outcome, final status and endedBy for every call — and, where expected.json lists them,
// setup, PDD and duration — through the built CLI's --json.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Summary } from '../../server/src/analysis/summary';
import { ROOT, runCli } from './run';

interface ExpectedCall {
  callId: string;
  outcome: string;
  finalStatus: number | null;
  endedBy: 'local' | 'remote' | null;
  /** From the times the source recorded, at the resolution the framing writes. */
  times?: { setupMs: number | null; pddMs: number | null; durationMs: number | null };
}

interface ExpectedFile {
  format: string;
  calls: ExpectedCall[];
  transactions?: string[];
}

const FIXTURES = join(ROOT, 'test', 'fixtures');
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, ExpectedFile>;

describe('fixtures through the CLI', () => {
  it('has fixtures to check', () => {
    assert.ok(Object.keys(expected).length >= 10, 'expected.json lists the fixtures');
  });
  for (const [file, want] of Object.entries(expected)) {
    it(file, () => {
      const path = join(FIXTURES, file);
      assert.ok(existsSync(path), `${file} exists`);
      const result = runCli(['summary', path, '--json']);
      assert.equal(result.status, 0, result.stderr);
      const summary = JSON.parse(result.stdout) as Summary;
      assert.equal(summary.format, want.format);
      const got = summary.calls.map((call, i) => ({
        callId: call.callId,
        outcome: call.outcome,
        finalStatus: call.finalStatus,
        endedBy: call.endedBy,
        ...(want.calls[i]?.times ? { times: { setupMs: call.setupMs, pddMs: call.pddMs, durationMs: call.durationMs } } : {}),
      }));
      assert.deepEqual(got, want.calls);
      // Transactions outside calls: exactly those listed, so a spurious one fails too.
      assert.deepEqual(summary.transactions.map((t) => t.method), want.transactions ?? [], 'transactions outside calls');
      assert.equal(summary.malformed, 0, 'real traces parse cleanly');
    });
  }
});
