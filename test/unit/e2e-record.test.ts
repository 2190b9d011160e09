// The end-to-end harness's verdict on a run record: a skipped, missing or undeclared test fails
// the run as surely as a failed one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunRecord, TestResult } from '../e2e/support/mochaRunner';
import { checkRecord } from '../e2e/support/record';

const passed = (file: string, title: string): TestResult => ({ title, file, state: 'passed' });
const files = ['1-a.test.ts', '2-b.test.ts'];

function record(results: TestResult[], overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    grep: null,
    files: {
      '1-a.test.ts': { expectedTests: 2, allowedSkips: {} },
      '2-b.test.ts': { expectedTests: 1, allowedSkips: { 'B flaky on purpose': 'needs a display' } },
    },
    results,
    ...overrides,
  };
}
const complete = [passed('1-a.test.ts', 'A one'), passed('1-a.test.ts', 'A two'), passed('2-b.test.ts', 'B one')];

describe('e2e run record', () => {
  it('a complete run has no problems', () => {
    assert.deepEqual(checkRecord(record(complete), files), { problems: [], partial: false });
  });

  it('a missing test fails the run', () => {
    assert.deepEqual(checkRecord(record(complete.slice(1)), files).problems, ['1-a.test.ts: 1 test(s) reported, 2 declared']);
  });

  it('an extra, undeclared test fails the run', () => {
    const problems = checkRecord(record([...complete, passed('2-b.test.ts', 'B two')]), files).problems;
    assert.deepEqual(problems, ['2-b.test.ts: 2 test(s) reported, 1 declared']);
  });

  it('a skipped test fails the run unless its file allows it with a reason', () => {
    const skipped = [complete[0], { ...complete[1], state: 'skipped' as const }, complete[2]];
    assert.deepEqual(checkRecord(record(skipped), files).problems, [
      '1-a.test.ts: "A two" was skipped (allow it in allowedSkips, with the reason, or make it run)',
    ]);
    const allowed = [complete[0], complete[1], { title: 'B flaky on purpose', file: '2-b.test.ts', state: 'skipped' as const }];
    assert.deepEqual(checkRecord(record(allowed), files).problems, []);
  });

  it('a file that did not load, or declares no count, fails the run', () => {
    const noB = record(complete.slice(0, 2), { files: { '1-a.test.ts': { expectedTests: 2, allowedSkips: {} } } });
    assert.deepEqual(checkRecord(noB, files).problems, ['2-b.test.ts was not loaded']);
    const undeclared = record(complete, {
      files: { '1-a.test.ts': { expectedTests: null, allowedSkips: {} }, '2-b.test.ts': { expectedTests: 1, allowedSkips: {} } },
    });
    assert.deepEqual(checkRecord(undeclared, files).problems, ['1-a.test.ts declares no `export const expectedTests = N`']);
  });

  it('a failed suite hook is no test: the tests it kept from running are missing', () => {
    const hook: TestResult = { title: 'A "before all" hook', file: '1-a.test.ts', state: 'failed', hook: true };
    assert.deepEqual(checkRecord(record([hook, complete[2]]), files).problems, ['1-a.test.ts: 0 test(s) reported, 2 declared']);
  });

  it('a zero-test run is not a pass', () => {
    assert.deepEqual(checkRecord(record([]), files).problems, ['1-a.test.ts: 0 test(s) reported, 2 declared', '2-b.test.ts: 0 test(s) reported, 1 declared']);
  });

  it('selecting files checks only those, each in full; a grep leaves counts unchecked but not skips', () => {
    assert.deepEqual(checkRecord(record(complete.slice(2)), files, '2-b').problems, []);
    assert.deepEqual(checkRecord(record([]), files, '2-b').problems, ['2-b.test.ts: 0 test(s) reported, 1 declared']);
    assert.deepEqual(checkRecord(record([]), files, 'zzz').problems, ['no suite file matches zzz']);
    const grepped = checkRecord(record([{ ...complete[0], state: 'skipped' }], { grep: 'A one' }), files);
    assert.equal(grepped.partial, true);
    assert.deepEqual(grepped.problems, ['1-a.test.ts: "A one" was skipped (allow it in allowedSkips, with the reason, or make it run)']);
  });
});
