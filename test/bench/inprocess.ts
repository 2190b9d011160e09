// In-process throughput of the CLI path, stage by stage, without process start-up:
// read → decode → analyse (split + parse + correlate + classify) → summary → JSON.
// Run in its own process by the bench (so a 200 MB analysis does not bloat the bench itself):
//   node --import tsx test/bench/inprocess.ts FILE REPS [--breakdown]
// Prints one JSON object (InProcessResult) on stdout.
import { readFileSync } from 'node:fs';
import { analyzeTrace } from '../../server/src/analysis/analyze';
import { correlate } from '../../server/src/analysis/calls';
import { splitTrace } from '../../server/src/analysis/formats';
import { newParseCache, parseSipMessage } from '../../server/src/analysis/message';
import { decodeTraceBytes } from '../../server/src/analysis/source';
import { summarize, type Summary } from '../../server/src/analysis/summary';
import type { TraceMessage } from '../../server/src/analysis/types';

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
  /** Split / parse / correlate of one extra run, where asked for. */
  breakdown?: { splitMs: number; parseMs: number; correlateMs: number };
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

/** The stages of analyzeTrace, timed one by one (mirrors analyze.ts). */
function breakdown(file: string): InProcessResult['breakdown'] {
  const decoded = decodeTraceBytes(readFileSync(file));
  let t = process.hrtime.bigint();
  const split = splitTrace(decoded.text);
  const splitMs = ms(t);
  t = process.hrtime.bigint();
  const cache = newParseCache();
  const messages: TraceMessage[] = split.messages.map((frame, index) => ({
    index,
    frame,
    sip: parseSipMessage(frame.text, { bytesIntact: frame.bytesIntact, latin1: true, cache }),
    retransmission: false,
  }));
  const parseMs = ms(t);
  t = process.hrtime.bigint();
  correlate(messages, { redecode: decoded.redecode });
  return { splitMs, parseMs, correlateMs: ms(t) };
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
