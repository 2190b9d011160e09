// `npm run bench -- --profile`: a CPU profile of the CLI on the 50 MB SIPp trace. The CLI is
// bundled again without minification (so function names survive) into test/bench/out/prof/,
// run under `node --cpu-prof`, and the functions with the most self time are listed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { cliNodeOptions } from '../cliLaunch';
import { OUT_DIR } from './generate';
import { stageTimes, type CpuProfile } from './stages';

export async function profileCli(root: string, trace: string, log: (line: string) => void): Promise<void> {
  const dir = join(OUT_DIR, 'prof');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const cli = join(dir, 'cli.js');
  await esbuild.build({
    entryPoints: [join(root, 'server', 'src', 'cli.ts')],
    outfile: cli,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
  const run = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, ...cliNodeOptions(join(root, 'dist', 'cli.js')), cli, 'summary', trace, '--json'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error(`profiled CLI exited with ${run.status}`);
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('no .cpuprofile written');
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;

  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfByFunction = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const delta = profile.timeDeltas[i] ?? 0;
    if (!node) return;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url ? `${url.split('/').pop()}:${lineNumber + 1}` : ''}`.trim();
    selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + delta);
    total += delta;
  });
  logStages(profile, log);
  log(`CPU profile of the CLI on ${trace} (${(total / 1000).toFixed(0)} ms sampled), written to ${join(dir, file)}`);
  log('self ms   share  function');
  for (const [key, us] of [...selfByFunction].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
    log(`${(us / 1000).toFixed(1).padStart(8)}  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`);
  }
}

/** Inclusive time of each stage of the analysis (see stages.ts). */
function logStages(profile: CpuProfile, log: (line: string) => void): void {
  log('stage (inclusive ms)');
  for (const [name, ms] of stageTimes(profile)) log(`${ms.toFixed(1).padStart(8)}  ${name}`);
  log('');
}
