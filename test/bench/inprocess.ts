// In-process throughput of the CLI path, stage by stage, without process start-up:
// read → decode → analyse → summary → JSON; with --breakdown, the analysis's own stages too.
// Run in its own process by the bench (so a 200 MB analysis does not bloat the bench itself):
//   node --import tsx test/bench/inprocess.ts FILE REPS [--breakdown]
// Prints one JSON object (InProcessResult) on stdout.
import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { analyzeTrace } from '../../server/src/analysis/analyze';
import { decodeTraceBytes } from '../../server/src/analysis/source';
import { summarize, type Summary } from '../../server/src/analysis/summary';
import { stageTimes, type CpuProfile } from './stages';

export interface StageTimes {
  readMs: number;
  decodeMs: number;
  analyzeMs: number;
  summarizeMs: number;
  stringifyMs: number;
  totalMs: number;
  /** CPU time (user + system) of the whole run: steadier than wall time on a busy machine. */
  cpuMs: number;
}

export interface InProcessResult {
  bytes: number;
  reps: StageTimes[];
  best: StageTimes;
  /**
   * Where asked for: sampled milliseconds of each stage of one more analyzeTrace run, by the
   * function analyzeTrace calls (see stages.ts), largest first; garbage collection apart.
   */
  breakdown?: { stage: string; ms: number }[];
  /** What the analysis found, to check it against what was generated. */
  found: { format: string; messages: number; calls: number; transactions: number; malformed: number; totals: Record<string, number> };
}

function ms(from: bigint): number {
  return Number(process.hrtime.bigint() - from) / 1e6;
}

function once(file: string): { times: StageTimes; summary: Summary } {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let t = t0;
  const bytes = readFileSync(file);
  const readMs = ms(t);
  t = process.hrtime.bigint();
  const decoded = decodeTraceBytes(bytes);
  const decodeMs = ms(t);
  t = process.hrtime.bigint();
  const analysis = analyzeTrace(decoded.text, { redecode: decoded.redecode });
  analysis.notices.unshift(...decoded.notices);
  const analyzeMs = ms(t);
  t = process.hrtime.bigint();
  const summary = summarize(analysis);
  const summarizeMs = ms(t);
  t = process.hrtime.bigint();
  const json = JSON.stringify(summary, null, 2);
  const stringifyMs = ms(t);
  if (json.length === 0) throw new Error('empty summary');
  const totalMs = ms(t0);
  const cpu = process.cpuUsage(cpu0);
  return { times: { readMs, decodeMs, analyzeMs, summarizeMs, stringifyMs, totalMs, cpuMs: (cpu.user + cpu.system) / 1000 }, summary };
}

/** One profiler sample every this many microseconds: ≈1,000 samples a second of analysis. */
const SAMPLING_INTERVAL_US = 1000;

/**
 * The stages of one more analysis of `file`, read from V8's sampling profiler run in this
 * process around analyzeTrace alone: so they are the stages analyze.ts calls, as it calls them,
 * rather than a copy of its steps that could drift from it. (The session's calls run
 * synchronously: the profiler answers on this thread.)
 */
function breakdown(file: string): InProcessResult['breakdown'] {
  const decoded = decodeTraceBytes(readFileSync(file));
  const session = new Session();
  session.connect();
  let profile: CpuProfile | undefined;
  try {
    session.post('Profiler.enable');
    session.post('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
    session.post('Profiler.start');
    analyzeTrace(decoded.text, { redecode: decoded.redecode });
    session.post('Profiler.stop', (error, result) => {
      if (error) throw error;
      profile = { nodes: result.profile.nodes, samples: result.profile.samples ?? [], timeDeltas: result.profile.timeDeltas ?? [] };
    });
  } finally {
    session.disconnect();
  }
  if (!profile) throw new Error('the profiler returned no profile');
  return stageTimes(profile)
    .filter(([stage]) => stage !== 'outside the analysis')
    .map(([stage, ms]) => ({ stage: stage.replace(/^analyzeTrace → /, ''), ms: Math.round(ms * 10) / 10 }));
}

function main(): void {
  const [file, repsText, ...flags] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: inprocess.ts FILE [REPS] [--breakdown]\n');
    process.exit(2);
  }
  const reps = Math.max(1, Number(repsText) || 1);
  const runs: StageTimes[] = [];
  let summary: Summary | undefined;
  for (let i = 0; i < reps; i++) {
    const result = once(file);
    runs.push(result.times);
    summary = result.summary;
    // Let the previous run's garbage go before timing the next one.
    (globalThis as { gc?: () => void }).gc?.();
  }
  const best = runs.reduce((a, b) => (b.totalMs < a.totalMs ? b : a));
  const s = summary!;
  const result: InProcessResult = {
    bytes: readFileSync(file).length,
    reps: runs,
    best,
    breakdown: flags.includes('--breakdown') ? breakdown(file) : undefined,
    found: {
      format: s.format,
      messages: s.messages,
      calls: s.calls.length,
      transactions: s.transactions.length,
      malformed: s.malformed,
      totals: { ...s.totals },
    },
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

if (require.main === module) main();
