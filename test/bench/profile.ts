// `npm run bench -- --profile`: a CPU profile of the CLI on the 50 MB SIPp trace. The CLI is
// bundled again without minification (so function names survive) into test/bench/out/prof/,
// run under `node --cpu-prof`, and the functions with the most self time are listed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { cliNodeOptions } from '../cliLaunch';
import { OUT_DIR } from './generate';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

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
  logStages(profile, byId, log);
  log(`CPU profile of the CLI on ${trace} (${(total / 1000).toFixed(0)} ms sampled), written to ${join(dir, file)}`);
  log('self ms   share  function');
  for (const [key, us] of [...selfByFunction].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
    log(`${(us / 1000).toFixed(1).padStart(8)}  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`);
  }
}

/**
 * Inclusive time of each stage of the analysis: every sample under `analyzeTrace` is put to the
 * function analyzeTrace called on its way there, so the list follows analyze.ts as it is.
 * Garbage collection shows apart (V8 puts it at the root, not under the stage that caused it).
 */
function logStages(profile: CpuProfile, byId: Map<number, ProfileNode>, log: (line: string) => void): void {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const stageOf = new Map<number, string>();
  const stage = (id: number): string => {
    const known = stageOf.get(id);
    if (known !== undefined) return known;
    let name = 'outside the analysis';
    for (let at: number | undefined = id, below: number | undefined; at !== undefined; below = at, at = parent.get(at)) {
      const fn = byId.get(at)?.callFrame.functionName ?? '';
      if (fn === '(garbage collector)' || fn === '(program)' || fn === '(idle)') {
        name = fn;
        break;
      }
      if (fn === 'analyzeTrace') {
        name = below === undefined ? 'analyzeTrace (self)' : `analyzeTrace → ${byId.get(below)?.callFrame.functionName || '(anonymous)'}`;
        break;
      }
    }
    stageOf.set(id, name);
    return name;
  };
  const byStage = new Map<string, number>();
  profile.samples.forEach((id, i) => byStage.set(stage(id), (byStage.get(stage(id)) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  log('stage (inclusive ms)');
  for (const [name, us] of [...byStage].sort((a, b) => b[1] - a[1])) log(`${(us / 1000).toFixed(1).padStart(8)}  ${name}`);
  log('');
}
