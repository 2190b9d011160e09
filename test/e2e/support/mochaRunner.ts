// Runs the `*.test.js` files of one folder with Mocha inside the extension host, and writes a
// small JSON record of each test's result for the harness's summary.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface TestResult {
  title: string;
  state: 'passed' | 'failed';
  durationMs?: number;
  error?: string;
}

/** Environment variable naming the file the results go to. */
export const resultsEnvVar = 'SIP_LENS_E2E_RESULTS';

export function runMochaSuite(testsDir: string): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, reporter: 'spec', timeout: 60_000 });
  const grep = process.env.SIP_LENS_E2E_GREP;
  if (grep) mocha.grep(grep);
  for (const file of fs.readdirSync(testsDir).filter((name) => name.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(testsDir, file));
  }

  const results: TestResult[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const resultsFile = process.env[resultsEnvVar];
      if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2));
      if (failures > 0) reject(new Error(`${failures} end-to-end test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) => results.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration }));
    runner.on('fail', (test, error: Error) => results.push({ title: test.fullTitle(), state: 'failed', error: error.message }));
  });
}
