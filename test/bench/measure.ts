// Timing child processes: wall time, CPU time (user + sys) and peak RSS of one run, through
// `/usr/bin/time` where it exists. The machine is shared, so every figure is a best of N and
// CPU time is kept beside wall time: it moves much less when other work competes for the cores.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';

export interface ProcessRun {
  wallMs: number;
  /** user + sys; undefined without /usr/bin/time. */
  cpuMs?: number;
  /** Peak resident set size in bytes; undefined without /usr/bin/time. */
  maxRssBytes?: number;
  exitCode: number | null;
  stderr: string;
  /** The first kilobyte (or `stdoutBytes`) of stdout, when it was piped. */
  stdout?: string;
}

export interface BestOf {
  runs: ProcessRun[];
  bestWallMs: number;
  bestCpuMs?: number;
  medianWallMs: number;
  maxRssBytes?: number;
}

export const hasGnuTime = existsSync(GNU_TIME);

/**
 * Runs `command args` with stdout to /dev/null, like `cmd > /dev/null`, or into a pipe that is
 * read and dropped. GNU grep notices a /dev/null stdout and stops at the first match, so grep
 * must be measured with `stdout: 'pipe'`.
 */
export async function timeProcess(command: string, args: string[], env?: NodeJS.ProcessEnv, stdout: 'null' | 'pipe' = 'null', stdoutBytes = 1024): Promise<ProcessRun> {
  const dir = hasGnuTime ? mkdtempSync(join(tmpdir(), 'sip-lens-bench-')) : undefined;
  const report = dir ? join(dir, 'time.txt') : undefined;
  const [file, argv] = report ? [GNU_TIME, ['-f', '%e %U %S %M', '-o', report, command, ...args]] : [command, args];
  const started = process.hrtime.bigint();
  const result = await new Promise<{ code: number | null; stderr: string; stdout?: string }>((resolve, reject) => {
    const child = spawn(file, argv, { stdio: ['ignore', stdout === 'pipe' ? 'pipe' : 'ignore', 'pipe'], env: env ?? process.env });
    let stderr = '';
    let out: string | undefined;
    if (child.stdout) {
      out = '';
      child.stdout.setEncoding('latin1');
      child.stdout.on('data', (chunk: string) => {
        if (out!.length < stdoutBytes) out += chunk.slice(0, stdoutBytes);
      });
    }
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      if (stderr.length < 64 * 1024) stderr += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stderr, stdout: out }));
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const run: ProcessRun = { wallMs, exitCode: result.code, stderr: result.stderr, stdout: result.stdout };
  if (report && dir) {
    try {
      const fields = readFileSync(report, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
      const [, user, sys, rssKb] = fields;
      if (fields.length === 4 && fields.every(Number.isFinite)) {
        run.cpuMs = (user! + sys!) * 1000;
        run.maxRssBytes = rssKb! * 1024;
        // GNU time reports "Command exited with non-zero status N" on its own line first.
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return run;
}

/**
 * Best of `n` runs (wall and CPU minimums are taken separately). Fails on a non-zero exit.
 * With `budgetMs`, stops after `minRuns` once the runs so far took longer than the budget, so a
 * busy machine does not stretch the whole bench.
 */
export async function bestOf(
  n: number,
  command: string,
  args: string[],
  options: { okCodes?: number[]; env?: NodeJS.ProcessEnv; budgetMs?: number; minRuns?: number; stdout?: 'null' | 'pipe'; stdoutBytes?: number } = {},
): Promise<BestOf> {
  const runs: ProcessRun[] = [];
  const ok = options.okCodes ?? [0];
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    if (options.budgetMs !== undefined && i >= (options.minRuns ?? 1) && performance.now() - started > options.budgetMs) break;
    const run = await timeProcess(command, args, options.env, options.stdout, options.stdoutBytes);
    if (run.exitCode === null || !ok.includes(run.exitCode)) {
      throw new Error(`${command} ${args.join(' ')} exited with ${run.exitCode}: ${run.stderr.trim().slice(0, 500)}`);
    }
    runs.push(run);
  }
  const walls = runs.map((r) => r.wallMs).sort((a, b) => a - b);
  const cpus = runs.map((r) => r.cpuMs).filter((v): v is number => v !== undefined);
  const rss = runs.map((r) => r.maxRssBytes).filter((v): v is number => v !== undefined);
  return {
    runs,
    bestWallMs: walls[0]!,
    medianWallMs: walls[Math.floor(walls.length / 2)]!,
    bestCpuMs: cpus.length ? Math.min(...cpus) : undefined,
    maxRssBytes: rss.length ? Math.max(...rss) : undefined,
  };
}

export function percentile(sortedAscending: number[], p: number): number {
  if (sortedAscending.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sortedAscending.length) - 1;
  return sortedAscending[Math.min(sortedAscending.length - 1, Math.max(0, rank))]!;
}

export function round(value: number | undefined, digits = 1): number | null {
  if (value === undefined || !Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
