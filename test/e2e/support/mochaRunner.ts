// Runs the `*.test.js` files of one folder with Mocha inside the extension host, and writes a
// JSON record of what ran for the harness (runE2E.ts), which fails the run on any failed,
// skipped, missing or unexpected test.
//
// Each suite file declares what it runs, so a test that silently stops running is noticed:
//   export const expectedTests = 5;
//   // optional: tests that may be skipped, by full title, each with the reason it is allowed
//   export const allowedSkips: Record<string, string> = { 'Suite test title': 'why' };
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface TestResult {
  title: string;
  /** The suite file, as its source name (`1-activation.test.ts`); '' for a hook outside any file. */
  file: string;
  state: 'passed' | 'failed' | 'skipped';
  /** A failed suiteSetup/setup/teardown hook rather than a test: not counted as one. */
  hook?: boolean;
  durationMs?: number;
  error?: string;
}

export interface FileDeclaration {
  /** Tests the file declares; null when it declares none (the harness fails the run then). */
  expectedTests: number | null;
  allowedSkips: Record<string, string>;
}

export interface RunRecord {
  /** Set when a grep narrowed the run: the counts cannot be checked then. */
  grep: string | null;
  files: Record<string, FileDeclaration>;
  results: TestResult[];
}

/** Environment variable naming the file the record goes to. */
export const resultsEnvVar = 'SIP_LENS_E2E_RESULTS';
/** Comma-separated substrings of suite file names: only those files run (their counts are still checked). */
export const filesEnvVar = 'SIP_LENS_E2E_FILES';

function sourceName(file: string | undefined): string {
  return file ? path.basename(file).replace(/\.js$/, '.ts') : '';
}

function declarationOf(exports: unknown): FileDeclaration {
  const module = (exports ?? {}) as { expectedTests?: unknown; allowedSkips?: unknown };
  const expectedTests = typeof module.expectedTests === 'number' && Number.isInteger(module.expectedTests) ? module.expectedTests : null;
  const allowedSkips: Record<string, string> = {};
  if (module.allowedSkips && typeof module.allowedSkips === 'object') {
    for (const [title, reason] of Object.entries(module.allowedSkips as Record<string, unknown>)) {
      if (typeof reason === 'string' && reason.trim()) allowedSkips[title] = reason;
    }
  }
  return { expectedTests, allowedSkips };
}

export function runMochaSuite(testsDir: string): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, reporter: 'spec', timeout: 60_000 });
  const grep = process.env.SIP_LENS_E2E_GREP || null;
  if (grep) mocha.grep(grep);
  const only = (process.env[filesEnvVar] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const file of fs.readdirSync(testsDir).filter((name) => name.endsWith('.test.js')).sort()) {
    if (only.length === 0 || only.some((part) => file.includes(part))) mocha.addFile(path.join(testsDir, file));
  }

  const record: RunRecord = { grep, files: {}, results: [] };
  // Mocha announces each file it loads with the module's exports: that is where the declarations are.
  mocha.suite.on('require', (exports: unknown, file: string) => {
    record.files[sourceName(file)] = declarationOf(exports);
  });
  const write = () => {
    const resultsFile = process.env[resultsEnvVar];
    if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify(record, null, 2));
  };

  return new Promise((resolve, reject) => {
    let runner: Mocha.Runner;
    try {
      runner = mocha.run((failures) => {
        write();
        // Skips and counts are the harness's to judge, from the record and the declarations.
        if (failures > 0) reject(new Error(`${failures} end-to-end test(s) failed`));
        else resolve();
      });
    } catch (error) {
      // A suite file that does not load fails the run, with the reason on record.
      record.results.push({ title: 'loading the suite files', file: '', state: 'failed', error: (error as Error).message });
      write();
      reject(error as Error);
      return;
    }
    const file = (test: Mocha.Runnable) => sourceName(test.file ?? test.parent?.file);
    runner.on('pass', (test) => record.results.push({ title: test.fullTitle(), file: file(test), state: 'passed', durationMs: test.duration }));
    runner.on('fail', (test, error: Error) =>
      record.results.push({ title: test.fullTitle(), file: file(test), state: 'failed', hook: test instanceof Mocha.Hook, error: error.message }),
    );
    runner.on('pending', (test) => record.results.push({ title: test.fullTitle(), file: file(test), state: 'skipped' }));
  });
}
