// Judges the record of one end-to-end run (written by mochaRunner.ts): a run passes only when
// every suite file loaded, declared how many tests it runs, and ran exactly that many, with no
// skipped test its file does not allow for a stated reason. Pure, so it is unit-tested.
import type { RunRecord } from './mochaRunner';

export interface RecordVerdict {
  /** One line per thing wrong; empty when the run is complete. */
  problems: string[];
  /** A grep narrowed the run: the counts were not checked. */
  partial: boolean;
}

/**
 * `suiteFiles`: the `*.test.ts` files of the run's folder; `only`: the SIP_LENS_E2E_FILES value
 * (comma-separated parts of file names), which narrows the files but not the check of each.
 */
export function checkRecord(record: RunRecord, suiteFiles: string[], only?: string): RecordVerdict {
  const parts = (only ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const selected = suiteFiles.filter((file) => parts.length === 0 || parts.some((part) => file.includes(part))).sort();
  const partial = record.grep !== null && record.grep !== '';
  const problems: string[] = [];
  if (selected.length === 0) problems.push(`no suite file matches ${only ?? '(none)'}`);
  for (const file of selected) {
    const declared = record.files[file];
    if (!declared) {
      problems.push(`${file} was not loaded`);
      continue;
    }
    if (declared.expectedTests === null) {
      problems.push(`${file} declares no \`export const expectedTests = N\``);
    }
    const tests = record.results.filter((r) => r.file === file && !r.hook);
    if (!partial && declared.expectedTests !== null && tests.length !== declared.expectedTests) {
      problems.push(`${file}: ${tests.length} test(s) reported, ${declared.expectedTests} declared`);
    }
    for (const skipped of tests.filter((r) => r.state === 'skipped')) {
      if (!declared.allowedSkips[skipped.title]) {
        problems.push(`${file}: "${skipped.title}" was skipped (allow it in allowedSkips, with the reason, or make it run)`);
      }
    }
  }
  for (const stray of record.results.filter((r) => !r.hook && !selected.includes(r.file))) {
    problems.push(`"${stray.title}" reported from an unexpected file ${stray.file || '(none)'}`);
  }
  return { problems, partial };
}
