// Runs the built CLI (dist/cli.js) the way users and CI gates do.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { cliArgv } from '../cliLaunch';

export const ROOT = resolve(__dirname, '..', '..');
export const CLI = resolve(ROOT, 'dist', 'cli.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[]): CliResult {
  const result = spawnSync(process.execPath, cliArgv(CLI, args), { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
