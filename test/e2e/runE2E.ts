// `npm run test:e2e`: the extension's tests in a real VS Code (code-server's web workbench in
// headless Chromium), through the standard @vscode/test-electron runTests() API.
//   1. make sure code-server and Chromium are there (setup.sh; quick when they are),
//   2. build and package the extension (dist/, dist/sip-lens.vsix),
//   3. compile the in-editor suites to .e2e/out/,
//   4. run suite/ with the extension loaded from the working tree ("dev"),
//   5. run sniff/ in a workspace of log files only, where nothing but a .log can wake the
//      extension ("sniff"),
//   6. install the .vsix into a fresh profile and run installed/ against it ("installed"),
//   6b. run locale/ with VS Code's display language set to Russian ("locale"),
//   7. check each run's record: every test passed, none was skipped (unless its file allows it,
//      with a reason), and each file ran exactly the tests it declares (`expectedTests`).
// Usage: npm run test:e2e [-- dev|sniff|installed|locale ...]   Environment: SIP_LENS_E2E_GREP=pattern,
// SIP_LENS_E2E_FILES=part,part (only suite files whose names contain one), SIP_LENS_E2E_VERBOSE=1,
// SIP_LENS_E2E_SKIP_SETUP=1, SIP_LENS_E2E_SKIP_BUILD=1 (use dist/ as it is),
// SIP_LENS_E2E_TIMEOUT_MS=ms (per run).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import * as esbuild from 'esbuild';
import { addEmptyLanguagePack, installVsix } from './harness/codeServer';
import { compiledTestsDir, e2eDir, fixtureWorkspace, logsWorkspace, repoRoot, runsDir, vsixPath } from './harness/paths';
import { filesEnvVar, type RunRecord, type TestResult } from './support/mochaRunner';
import { checkRecord } from './support/record';

interface RunPlan {
  label: 'dev' | 'sniff' | 'installed' | 'locale';
  title: string;
  /** The extension under development, or the empty host when testing the installed .vsix. */
  extensionDevelopmentPath: string;
  testsDir: string;
  /** The folder the run opens (a copy of it). */
  workspace: string;
  /** VS Code's display language for the run (`--locale`); English when absent. */
  locale?: string;
}

const plans: RunPlan[] = [
  { label: 'dev', title: 'extension from the working tree', extensionDevelopmentPath: repoRoot, testsDir: 'suite', workspace: fixtureWorkspace },
  {
    label: 'sniff',
    title: 'extension from the working tree, in a workspace of log files only',
    extensionDevelopmentPath: repoRoot,
    testsDir: 'sniff',
    workspace: logsWorkspace,
  },
  {
    label: 'installed',
    title: 'extension installed from dist/sip-lens.vsix',
    extensionDevelopmentPath: path.join(e2eDir, 'installed-host'),
    testsDir: 'installed',
    workspace: fixtureWorkspace,
  },
  {
    label: 'locale',
    title: 'extension from the working tree, VS Code in Russian (--locale ru)',
    extensionDevelopmentPath: repoRoot,
    testsDir: 'locale',
    workspace: fixtureWorkspace,
    locale: 'ru',
  },
];

const standIn = path.join(e2eDir, 'bin', 'code');
const started = Date.now();
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const say = (line: string) => console.log(`\n== ${line}`);

function run(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  return result.status === 0;
}

async function compileSuites(): Promise<void> {
  fs.rmSync(compiledTestsDir, { recursive: true, force: true });
  const sources = ['suite', 'sniff', 'installed', 'locale', 'support']
    .flatMap((dir) => fs.readdirSync(path.join(e2eDir, dir)).filter((f) => f.endsWith('.ts')).map((f) => path.join(e2eDir, dir, f)))
    .concat(path.join(e2eDir, 'bridgeProtocol.ts'));
  // One file in, one file out (no bundling): Mocha loads each test file itself, and `vscode`
  // and `mocha` are resolved at run time in the extension host.
  await esbuild.build({
    entryPoints: sources,
    outdir: compiledTestsDir,
    outbase: e2eDir,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}

interface RunOutcome {
  plan: RunPlan;
  passed: boolean;
  seconds: string;
  results: TestResult[];
  /** What the record says is wrong: skipped, missing or unexpected tests. */
  problems: string[];
  /** The run was narrowed (grep): counts were not checked. */
  partial: boolean;
  error?: string;
}

async function runPlan(plan: RunPlan): Promise<RunOutcome> {
  const since = Date.now();
  const runDir = path.join(runsDir, plan.label);
  fs.rmSync(runDir, { recursive: true, force: true });
  const profile = { userDataDir: path.join(runDir, 'user-data'), extensionsDir: path.join(runDir, 'extensions') };
  const resultsFile = path.join(runDir, 'results.json');
  fs.mkdirSync(runDir, { recursive: true });
  // Each run opens its own copy of the fixture workspace: tests may write into it (a generated
  // large trace), and nothing they write lands in the repository.
  const workspace = path.join(runDir, 'workspace');
  fs.cpSync(plan.workspace, workspace, { recursive: true });

  const outcome = (passed: boolean, error?: string): RunOutcome => {
    const record = fs.existsSync(resultsFile) ? (JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as RunRecord) : undefined;
    const results = record?.results ?? [];
    const suiteFiles = fs.readdirSync(path.join(e2eDir, plan.testsDir)).filter((f) => f.endsWith('.test.ts'));
    const checked = record
      ? checkRecord(record, suiteFiles, process.env[filesEnvVar])
      : { problems: ['the run left no record of its tests'], partial: false };
    const ok = passed && checked.problems.length === 0 && results.every((r) => r.state !== 'failed');
    return { plan, passed: ok, seconds: seconds(since), results, problems: checked.problems, partial: checked.partial, error };
  };

  if (plan.label === 'installed') {
    try {
      installVsix(vsixPath, profile);
    } catch (error) {
      return outcome(false, (error as Error).message);
    }
  }
  if (plan.locale) addEmptyLanguagePack(profile, plan.locale);
  try {
    await runTests({
      vscodeExecutablePath: standIn,
      extensionDevelopmentPath: plan.extensionDevelopmentPath,
      extensionTestsPath: path.join(compiledTestsDir, plan.testsDir, 'index.js'),
      launchArgs: [
        workspace,
        `--user-data-dir=${profile.userDataDir}`,
        `--extensions-dir=${profile.extensionsDir}`,
        ...(plan.locale ? [`--locale=${plan.locale}`] : []),
      ],
      extensionTestsEnv: {
        SIP_LENS_E2E_LABEL: plan.label,
        SIP_LENS_E2E_RESULTS: resultsFile,
        SIP_LENS_E2E_EXTENSIONS_DIR: profile.extensionsDir,
        SIP_LENS_E2E_VSIX: vsixPath,
      },
    });
    return outcome(true);
  } catch (error) {
    return outcome(false, (error as Error).message);
  }
}

function report(outcomes: RunOutcome[]): void {
  say(`end-to-end summary (${seconds(started)})`);
  const mark = { passed: 'ok  ', failed: 'FAIL', skipped: 'SKIP' } as const;
  for (const { plan, passed, seconds: took, results, problems, partial, error } of outcomes) {
    console.log(`${passed ? 'PASS' : 'FAIL'}  ${plan.label}: ${plan.title} (${took})${partial ? ' — partial run, counts not checked' : ''}`);
    for (const r of results) {
      console.log(`  ${mark[r.state]}  ${r.title}${r.error ? `\n          ${r.error.split('\n')[0]}` : ''}`);
    }
    for (const problem of problems) console.log(`  FAIL  ${problem}`);
    if (error && (!passed || results.length === 0)) console.log(`  ${error.split('\n').join('\n  ')}`);
  }
  // A run that failed before its tests reported counts as one failure, so the total never hides it.
  const all = outcomes.flatMap((o) => o.results);
  const count = (state: TestResult['state']) => all.filter((r) => r.state === state).length;
  const failed = count('failed') + outcomes.filter((o) => !o.passed && o.results.length === 0).length;
  const problems = outcomes.reduce((n, o) => n + o.problems.length, 0);
  console.log(`e2e: ${count('passed')} passed, ${failed} failed, ${count('skipped')} skipped, ${problems} count/skip problem(s)`);
}

async function main(): Promise<number> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const selected = plans.filter((p) => wanted.length === 0 || wanted.includes(p.label));
  if (selected.length === 0) {
    console.error(`unknown run(s) ${wanted.join(', ')}; choose from ${plans.map((p) => p.label).join(', ')}`);
    return 2;
  }

  if (!process.env.SIP_LENS_E2E_SKIP_SETUP) {
    say('setup: code-server and Chromium');
    if (!run('sh', [path.join(e2eDir, 'setup.sh')])) return fail('test/e2e/setup.sh failed');
  }
  const needsVsix = selected.some((p) => p.label === 'installed');
  if (!process.env.SIP_LENS_E2E_SKIP_BUILD) {
    say(needsVsix ? 'npm run package' : 'npm run build');
    if (!run('npm', ['run', needsVsix ? 'package' : 'build'])) return fail(`building${needsVsix ? ' and packaging' : ''} the extension failed`);
  }
  if (needsVsix && !fs.existsSync(vsixPath)) return fail(`npm run package did not produce ${vsixPath}`);

  say('compiling the in-editor test suites');
  await compileSuites();

  const outcomes: RunOutcome[] = [];
  for (const plan of selected) {
    say(`run "${plan.label}": ${plan.title}`);
    outcomes.push(await runPlan(plan));
  }
  report(outcomes);
  return outcomes.every((o) => o.passed) ? 0 : 1;
}

function fail(message: string): number {
  console.error(`\nend-to-end tests not run: ${message}`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  },
);
