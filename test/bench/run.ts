// `npm run bench`: generates synthetic traces, measures the CLI, the language server and the
// reference tools on them, prints every figure beside its target, and writes results.json.
//
//   npm run bench                  full run: 1, 10, 50, 100 and 200 MB in four framings (~12 min)
//   npm run bench -- --quick       1 and 10 MB only (results in test/bench/out/results-quick.json)
//   npm run bench -- --profile     CPU profile of the CLI on the 50 MB SIPp trace, top functions
//                                  (--profile-mb=10 for another size)
//   npm run bench -- --only=captures   the capture rows only: SIP Lens, sngrep and tshark on a pcap
//                                  of the SIPp traffic (--capture-mb=88 sizes the traffic: ~80 MB pcap)
//   npm run bench -- --only=lsp    the language server's rows only (--quick: 1 and 10 MB documents)
//   options: --no-lsp, --no-tshark, --no-captures, --formats=sipp,raw, --sizes=1,10
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { cliArgv } from '../cliLaunch';
import { runCaptureBench, SNGREP_DEFAULT_LIMIT, type CaptureBenchResult } from './captures';
import { BENCH_FORMATS, type BenchFormat } from './framing';
import { ensureTrace, type GeneratedTrace, MB, OUT_DIR } from './generate';
import type { InProcessResult } from './inprocess';
import { runLspBench, type LspResults, type ServerMemory } from './lsp';
import { bestOf, type BestOf, hasGnuTime, round } from './measure';
import { measureCliMemory, type MemoryRun } from './memory';
import { profileCli } from './profile';
import { runReferences, type ReferenceRuns } from './reference';

const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const SERVER = join(ROOT, 'dist', 'server.js');
const RESULTS = join(__dirname, 'results.json');
const QUICK_RESULTS = join(OUT_DIR, 'results-quick.json');
const CAPTURE_RESULTS = join(OUT_DIR, 'results-captures.json');
const LSP_RESULTS = join(OUT_DIR, 'results-lsp.json');

interface Options {
  quick: boolean;
  /** The language server's rows only. */
  onlyLsp: boolean;
  lsp: boolean;
  tshark: boolean;
  profile: boolean;
  /** Size of the SIPp trace to profile on (MB). */
  profileMb: number;
  formats: BenchFormat[];
  sizes: number[];
  /** The capture rows (pcap of the SIPp traffic vs sngrep and tshark). */
  captures: boolean;
  /** Size of the SIPp text traffic written as the capture (MB). */
  captureMb: number;
}

function parseOptions(argv: string[]): Options {
  const quick = argv.includes('--quick');
  const value = (name: string): string | undefined => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const formats = (value('formats')?.split(',') ?? [...BENCH_FORMATS]).filter((f): f is BenchFormat => (BENCH_FORMATS as readonly string[]).includes(f));
  const sizes = value('sizes')?.split(',').map(Number).filter((n) => n > 0) ?? (quick ? [1, 10] : [1, 10, 50, 100, 200]);
  const onlyCaptures = value('only') === 'captures';
  const onlyLsp = value('only') === 'lsp';
  return {
    quick,
    onlyLsp,
    lsp: !onlyCaptures && !argv.includes('--no-lsp'),
    tshark: !argv.includes('--no-tshark'),
    profile: argv.includes('--profile'),
    profileMb: Number(value('profile-mb')) || 50,
    formats: onlyCaptures || onlyLsp ? [] : formats,
    sizes: onlyCaptures || onlyLsp ? [] : sizes,
    captures: !onlyLsp && !argv.includes('--no-captures'),
    // 88 MB of SIPp text is about 80 MB as a pcap (pcap headers are smaller than SIPp markers).
    captureMb: Number(value('capture-mb')) || (quick ? 10 : 88),
  };
}

/**
 * Repetitions per size: more for small files, where noise is relatively larger. Process runs
 * stop early once they used their time budget (a busy machine must not stretch the bench).
 */
function repsFor(sizeMb: number): { process: number; minProcess: number; budgetMs: number; inProcess: number } {
  if (sizeMb <= 1) return { process: 7, minProcess: 3, budgetMs: 6_000, inProcess: 5 };
  if (sizeMb <= 10) return { process: 5, minProcess: 3, budgetMs: 12_000, inProcess: 3 };
  if (sizeMb <= 50) return { process: 3, minProcess: 2, budgetMs: 20_000, inProcess: 2 };
  return { process: 2, minProcess: 1, budgetMs: 25_000, inProcess: 1 };
}

function log(line: string): void {
  process.stdout.write(line + '\n');
}

function ensureBuilt(): void {
  if (existsSync(CLI) && existsSync(SERVER)) return;
  log('dist/ is missing: running npm run build…');
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0 || !existsSync(CLI)) throw new Error('npm run build failed; the bench needs dist/cli.js');
}

function machine(): Record<string, unknown> {
  const list = cpus();
  return {
    cpuModel: list[0]?.model ?? 'unknown',
    cores: list.length,
    memoryBytes: totalmem(),
    freeMemoryBytesAtStart: freemem(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverageAtStart: loadavg().map((n) => round(n, 2)),
    locale: process.env.LC_ALL || process.env.LC_CTYPE || process.env.LANG || '',
    gnuTime: hasGnuTime,
  };
}

function runInProcess(file: string, reps: number, breakdown: boolean): InProcessResult {
  const args = ['--expose-gc', '--import', 'tsx', join(__dirname, 'inprocess.ts'), file, String(reps)];
  if (breakdown) args.push('--breakdown');
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`in-process run failed on ${file}: ${result.stderr.slice(0, 1000)}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as InProcessResult;
}

/** Differences between what the analysis found and what the generator wrote. */
function checkFound(trace: GeneratedTrace, found: InProcessResult['found']): string[] {
  const problems: string[] = [];
  const s = trace.stats;
  if (found.messages !== s.messages) problems.push(`messages ${found.messages} ≠ ${s.messages}`);
  if (found.calls !== s.calls) problems.push(`calls ${found.calls} ≠ ${s.calls}`);
  if (found.transactions !== s.transactions) problems.push(`transactions ${found.transactions} ≠ ${s.transactions}`);
  if (found.malformed !== 0) problems.push(`${found.malformed} malformed`);
  for (const [outcome, count] of Object.entries(found.totals)) {
    if (count !== (s.outcomes[outcome] ?? 0)) problems.push(`${outcome} ${count} ≠ ${s.outcomes[outcome] ?? 0}`);
  }
  return problems;
}

interface SizeResult {
  format: BenchFormat;
  sizeMb: number;
  bytes: number;
  grep: BestOf;
  cli: BestOf;
  inProcess: InProcessResult;
  memory?: MemoryRun;
  check: string[];
}

const mbps = (bytes: number, ms: number): number => bytes / MB / (ms / 1000);

/** The smallest CPU time of the in-process repetitions. */
const bestCpu = (r: InProcessResult): number => Math.min(...r.reps.map((rep) => rep.cpuMs));

interface Target {
  figure: string;
  value: string;
  target: string;
  met: boolean | null;
  note?: string;
  /** A reference figure (a floor or a ceiling), not a target. */
  reference?: boolean;
}

function fmtMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return 'n/a';
  return ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  for (const [n, row] of rows.entries()) {
    log(row.map((cell, i) => pad(cell, widths[i]!)).join('  ').trimEnd());
    if (n === 0) log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

/** Time at `bytes` by linear interpolation between two measured sizes. */
function interpolate(x0: number, y0: number, x1: number, y1: number, x: number): number {
  return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const started = Date.now();
  mkdirSync(OUT_DIR, { recursive: true });
  ensureBuilt();

  if (options.profile) {
    const trace = ensureTrace('sipp', options.profileMb);
    await profileCli(ROOT, trace.path, log);
    return;
  }

  const info = machine();
  log(`SIP Lens bench — ${new Date().toISOString()}`);
  log(`${info.cpuModel} × ${info.cores}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load ${(info.loadAverageAtStart as number[]).join(' ')}`);

  // 1. Traces.
  const traces = new Map<string, GeneratedTrace>();
  for (const format of options.formats) {
    for (const size of options.sizes) {
      const trace = ensureTrace(format, size);
      traces.set(`${format}/${size}`, trace);
      log(`trace ${format} ${size} MB: ${(trace.bytes / MB).toFixed(1)} MB, ${trace.stats.messages} messages, ${trace.stats.calls} calls${trace.generateSeconds ? ` (generated in ${trace.generateSeconds.toFixed(1)} s)` : ' (cached)'}`);
    }
  }

  // 2. Throughput, grep ratio, memory.
  const results: SizeResult[] = [];
  for (const format of options.formats) {
    for (const size of options.sizes) {
      const trace = traces.get(`${format}/${size}`)!;
      const reps = repsFor(size);
      // Piped, not to /dev/null: there GNU grep stops at the first match.
      const grep = await bestOf(Math.max(reps.process, 3), 'grep', ['-c', '^SIP/2.0', trace.path], { stdout: 'pipe' });
      const cli = await bestOf(reps.process, process.execPath, cliArgv(CLI, ['summary', trace.path, '--json']), { budgetMs: reps.budgetMs, minRuns: reps.minProcess });
      const inProcess = runInProcess(trace.path, reps.inProcess, format === 'sipp' && size === Math.max(...options.sizes));
      // Peak RSS of every CLI run comes from /usr/bin/time; the heap peak needs one more run under
      // the GC trace, for SIPp only (or for every format where /usr/bin/time is missing).
      const memory = size >= 50 && (format === 'sipp' || !hasGnuTime) ? await measureCliMemory(CLI, ['summary', trace.path, '--json']) : undefined;
      const check = checkFound(trace, inProcess.found);
      results.push({ format, sizeMb: size, bytes: trace.bytes, grep, cli, inProcess, memory, check });
      log(
        `${format} ${size} MB: grep ${fmtMs(grep.bestWallMs)}, CLI ${fmtMs(cli.bestWallMs)} (cpu ${fmtMs(cli.bestCpuMs)}), ` +
          `×${(cli.bestWallMs / grep.bestWallMs).toFixed(1)} grep, in-process ${mbps(trace.bytes, inProcess.best.analyzeMs).toFixed(1)} MB/s analyse` +
          (memory ? `, peak RSS ${(memory.maxRssBytes / MB).toFixed(0)} MB, heap ${(memory.peakHeapUsedBytes / MB).toFixed(0)} MB` : '') +
          (check.length ? `  CHECK FAILED: ${check.join('; ')}` : ''),
      );
    }
  }

  // 3. An empty Node process: what the CLI's peak RSS is measured beyond at 10–50 MB.
  const emptyNode = await bestOf(3, process.execPath, ['-e', '0']);
  const emptyNodeRss = emptyNode.maxRssBytes;

  // 3a. How far the CLI could go: the Node floor and the parallel ceiling, on the largest SIPp trace.
  let references: ReferenceRuns | string = 'n/a: no SIPp trace of 50 MB or more in this run';
  const referenceTrace = results.filter((r) => r.format === 'sipp' && r.sizeMb >= 50).sort((a, b) => Math.abs(a.sizeMb - 100) - Math.abs(b.sizeMb - 100))[0];
  if (referenceTrace) {
    try {
      references = await runReferences(CLI, traces.get(`sipp/${referenceTrace.sizeMb}`)!.path, __dirname);
    } catch (error) {
      references = `n/a: ${(error as Error).message}`;
    }
  }

  // 3b. Captures: the traffic as a pcap, against sngrep and tshark (and SIP Lens on its text).
  let captures: CaptureBenchResult | string = 'n/a: skipped (--no-captures)';
  if (options.captures) {
    try {
      captures = await runCaptureBench(CLI, options.captureMb, { tshark: options.tshark, quick: options.quick }, log);
    } catch (error) {
      captures = `n/a: ${(error as Error).message}`;
      log(`capture bench failed: ${(error as Error).message}`);
    }
  }

  // 4. Language server.
  let lsp: LspResults | string = 'n/a: skipped (--no-lsp)';
  if (options.lsp) {
    // Quick runs stand the 1 and 10 MB traces in for the 10 and 50 MB documents.
    const doc10 = options.quick ? (traces.get('sipp/1') ?? ensureTrace('sipp', 1)) : (traces.get('sipp/10') ?? ensureTrace('sipp', 10));
    const doc50 = options.quick ? (traces.get('sipp/10') ?? ensureTrace('sipp', 10)) : (traces.get('sipp/50') ?? ensureTrace('sipp', 50));
    const file200 = options.quick ? undefined : (traces.get('sipp/200') ?? ensureTrace('sipp', 200));
    if (!existsSync(SERVER)) lsp = 'n/a: server not built';
    else {
      try {
        lsp = await runLspBench(
          {
            serverScript: SERVER,
            doc10: doc10.path,
            doc50: doc50.path,
            file200: file200?.path,
            calls200: file200?.stats.calls,
            hoverCount: options.quick ? 200 : 500,
            labels: options.quick ? ['1 MB', '10 MB'] : ['10 MB', '50 MB'],
          },
          log,
        );
      } catch (error) {
        lsp = `n/a: ${(error as Error).message}`;
        log(`LSP bench failed: ${(error as Error).message}`);
      }
    }
  }

  // 5. Targets.
  const targets: Target[] = [];
  const bySize = (format: BenchFormat, size: number): SizeResult | undefined => results.find((r) => r.format === format && r.sizeMb === size);
  for (const format of options.formats) {
    const r100 = bySize(format, 100);
    const r50 = bySize(format, 50);
    const r200 = bySize(format, 200);
    let ratio: number | undefined;
    let cpuRatio: number | undefined;
    let where = '100 MB';
    if (r100) {
      ratio = r100.cli.bestWallMs / r100.grep.bestWallMs;
      if (r100.cli.bestCpuMs && r100.grep.bestCpuMs !== undefined) cpuRatio = r100.cli.bestCpuMs / Math.max(1, r100.grep.bestCpuMs);
    } else if (r50 && r200) {
      where = '100 MB (interpolated 50/200)';
      const x = 100 * MB;
      const cli = interpolate(r50.bytes, r50.cli.bestWallMs, r200.bytes, r200.cli.bestWallMs, x);
      const grep = interpolate(r50.bytes, r50.grep.bestWallMs, r200.bytes, r200.grep.bestWallMs, x);
      ratio = cli / grep;
      if (r50.cli.bestCpuMs && r200.cli.bestCpuMs && r50.grep.bestCpuMs !== undefined && r200.grep.bestCpuMs !== undefined) {
        cpuRatio = interpolate(r50.bytes, r50.cli.bestCpuMs, r200.bytes, r200.cli.bestCpuMs, x) / Math.max(1, interpolate(r50.bytes, r50.grep.bestCpuMs, r200.bytes, r200.grep.bestCpuMs, x));
      }
    } else {
      const largest = results.filter((r) => r.format === format).sort((a, b) => b.bytes - a.bytes)[0];
      if (largest) {
        ratio = largest.cli.bestWallMs / largest.grep.bestWallMs;
        where = `${largest.sizeMb} MB (no 100 MB run)`;
      }
    }
    if (ratio !== undefined) {
      targets.push({
        figure: `whole-process CLI ÷ grep -c, ${format}, ${where}`,
        value: `${ratio.toFixed(1)}×${cpuRatio ? ` (cpu ${cpuRatio.toFixed(1)}×)` : ''}`,
        target: '≤ 6×',
        met: ratio <= 6,
      });
    }
  }
  const peakRss = (r: SizeResult): number => Math.max(r.memory?.maxRssBytes ?? 0, r.cli.maxRssBytes ?? 0);
  for (const r of results.filter((x) => x.sizeMb >= 100)) {
    const rss = peakRss(r);
    if (rss === 0) continue;
    targets.push({
      figure: `CLI peak RSS ÷ file size, ${r.format} ${r.sizeMb} MB`,
      value: `${(rss / r.bytes).toFixed(2)}× (${(rss / MB).toFixed(0)} MB${r.memory ? `; V8 heap peak ${(r.memory.peakHeapUsedBytes / MB).toFixed(0)} MB` : ''})`,
      target: '≤ 2×',
      met: rss <= 2 * r.bytes,
    });
  }
  for (const r of results.filter((x) => x.sizeMb >= 10 && x.sizeMb <= 50)) {
    const rss = peakRss(r);
    if (rss === 0 || emptyNodeRss === undefined) continue;
    targets.push({
      figure: `(CLI peak RSS − empty Node) ÷ file size, ${r.format} ${r.sizeMb} MB`,
      value: `${((rss - emptyNodeRss) / r.bytes).toFixed(2)}× (${(rss / MB).toFixed(0)} − ${(emptyNodeRss / MB).toFixed(0)} MB)`,
      target: '≤ 2×',
      met: rss - emptyNodeRss <= 2 * r.bytes,
    });
  }
  if (referenceTrace && typeof references !== 'string') {
    const r = referenceTrace;
    const floor = references.nodeFloor;
    targets.push({
      figure: `reference: bare Node reads the ${r.sizeMb} MB SIPp trace as Latin-1 and scans it once ÷ grep -c`,
      value: `${(floor.bestWallMs / r.grep.bestWallMs).toFixed(1)}× (${fmtMs(floor.bestWallMs)}; the CLI ${fmtMs(r.cli.bestWallMs)} = ${(r.cli.bestWallMs / floor.bestWallMs).toFixed(1)}× this floor)`,
      target: 'floor',
      met: null,
      reference: true,
    });
    const scan = references.columnScan;
    const found = references.columnScanFound;
    const generated = traces.get(`sipp/${r.sizeMb}`)!.stats;
    const counted = found.messages === generated.messages && found.calls === generated.calls;
    targets.push({
      figure: `reference: bare Node scans the ${r.sizeMb} MB SIPp trace into correlation columns (start line, Call-ID, CSeq, tags, branch) and counts each call's INVITE final ÷ grep -c`,
      value:
        `${(scan.bestWallMs / r.grep.bestWallMs).toFixed(1)}× (${fmtMs(scan.bestWallMs)}, peak RSS ${scan.maxRssBytes ? `${(scan.maxRssBytes / r.bytes).toFixed(2)}× the file` : 'n/a'}; ` +
        `${found.messages} messages, ${found.calls} calls${counted ? ', as generated' : `, GENERATED ${generated.messages} / ${generated.calls}`})`,
      target: 'floor',
      met: null,
      reference: true,
    });
    const both = references.halvesAtOnce;
    targets.push({
      figure: `reference: the CLI on the ${r.sizeMb} MB SIPp trace's two halves at once (${info.cores} cores) vs on the whole`,
      value: `${(r.cli.bestWallMs / both.bestWallMs).toFixed(2)}× faster (${fmtMs(both.bestWallMs)} vs ${fmtMs(r.cli.bestWallMs)}; one half alone ${fmtMs(references.oneHalf.bestWallMs)})`,
      target: 'parallel ceiling',
      met: null,
      reference: true,
    });
  } else if (referenceTrace && typeof references === 'string') {
    targets.push({ figure: 'reference: Node floor and parallel ceiling', value: references, target: '', met: null, reference: true });
  }
  if (typeof captures === 'string') {
    if (options.captures) targets.push({ figure: 'capture: sngrep ÷ SIP Lens', value: captures, target: '≥ 3×', met: null });
  } else {
    const mb = `${(captures.pcapBytes / MB).toFixed(0)} MB pcap`;
    const lens = captures.sipLens;
    const ratio = (other: { bestWallMs: number; bestCpuMs: number | null }): string =>
      `${(other.bestWallMs / lens.bestWallMs).toFixed(2)}×${other.bestCpuMs && lens.bestCpuMs ? ` (cpu ${(other.bestCpuMs / lens.bestCpuMs).toFixed(2)}×)` : ''}`;
    const traffic = `${captures.messages.toLocaleString("en-US")} messages`;
    if (typeof captures.sngrep === 'string') targets.push({ figure: `same ${traffic}: sngrep (pcap) ÷ SIP Lens (text)`, value: captures.sngrep, target: '≥ 6×', met: null });
    else {
      const text = captures.sipLensText;
      targets.push({
        figure: `same ${traffic}: sngrep (pcap) ÷ SIP Lens (text)`,
        value: `${(captures.sngrep.bestWallMs / text.bestWallMs).toFixed(2)}×${captures.sngrep.bestCpuMs && text.bestCpuMs ? ` (cpu ${(captures.sngrep.bestCpuMs / text.bestCpuMs).toFixed(2)}×)` : ''}`,
        target: '≥ 6×',
        met: captures.sngrep.bestWallMs >= 6 * text.bestWallMs,
      });
    }
    targets.push({ figure: `capture: every call right (SIP Lens, ${mb})`, value: lens.check.length ? lens.check.join('; ') : `${lens.calls} of ${captures.calls} calls`, target: 'all', met: lens.check.length === 0 });
    if (typeof captures.sngrep === 'string') targets.push({ figure: `capture: sngrep ÷ SIP Lens, ${mb}`, value: captures.sngrep, target: '≥ 3×', met: null });
    else targets.push({ figure: `capture: sngrep ÷ SIP Lens, ${mb}`, value: ratio(captures.sngrep), target: '≥ 3×', met: captures.sngrep.bestWallMs >= 3 * lens.bestWallMs });
    if (typeof captures.tshark === 'string') targets.push({ figure: `capture: tshark ÷ SIP Lens, ${mb}`, value: captures.tshark, target: '≥ 10×', met: null });
    else targets.push({ figure: `capture: tshark -z sip,stat ÷ SIP Lens, ${mb}`, value: ratio(captures.tshark), target: '≥ 10×', met: captures.tshark.bestWallMs >= 10 * lens.bestWallMs });
  }
  if (!options.lsp) {
    // Not measured in this run.
  } else if (typeof lsp === 'string') {
    for (const figure of ['didOpen → diagnostics, 50 MB', 'hover on another document during a 50 MB analysis, worst', 'hover p99 on the 50 MB document', 'server memory holding a 50 MB analysis ÷ document size']) {
      targets.push({ figure, value: lsp, target: '', met: null });
    }
  } else {
    const big = options.quick ? '10 MB (quick run)' : '50 MB';
    const during = lsp.hoverDuringAnalysis;
    targets.push({
      figure: `didOpen → diagnostics, ${big}`,
      value: `${(lsp.didOpenToDiagnostics50Ms / 1000).toFixed(2)} s`,
      target: '≤ 1.5 s',
      met: lsp.didOpenToDiagnostics50Ms <= 1500,
    });
    targets.push({
      figure: `hover on another document during a ${big} analysis, worst`,
      value: `${during.maxMs.toFixed(1)} ms (the first, sent right behind the didOpen: ${during.firstMs.toFixed(1)} ms; the rest at most ${during.maxLaterMs.toFixed(1)} ms; p50 ${during.p50Ms.toFixed(1)} ms, n=${during.count})`,
      target: '≤ 50 ms',
      met: during.maxMs <= 50 && during.answeredBeforeDiagnostics,
    });
    targets.push({
      figure: `hover p99 on the ${big} document`,
      value: `${lsp.hover50.p99Ms.toFixed(2)} ms (p50 ${lsp.hover50.p50Ms.toFixed(2)} ms, n=${lsp.hover50.count})`,
      target: '≤ 10 ms',
      met: lsp.hover50.p99Ms <= 10 && lsp.hover50.empty === 0,
      note: lsp.hover50.empty ? `${lsp.hover50.empty} empty hovers` : undefined,
    });
    const memoryValue = (memory: ServerMemory): string =>
      `${(memory.holdingRssBytes / memory.documentBytes).toFixed(2)}× (RSS ${(memory.holdingRssBytes / MB).toFixed(0)} MB, all threads, the document included; idle ${(memory.idleRssBytes / MB).toFixed(0)} MB; peak ${(memory.peakRssBytes / MB).toFixed(0)} MB, ${(memory.peakRssBytes / memory.documentBytes).toFixed(2)}×)`;
    const memory = lsp.memory50;
    targets.push({
      figure: `server memory holding a ${big} analysis ÷ document size`,
      value: memory ? memoryValue(memory) : 'n/a',
      target: '≤ 3×',
      met: memory ? memory.holdingRssBytes <= 3 * memory.documentBytes : null,
    });
    // An edit of it, sent as a change: shown beside the targets, not one of them.
    const edit = lsp.edit50;
    targets.push({ figure: `  the same, an edit (sent as a change) → diagnostics`, value: `${(edit.editToDiagnosticsMs / 1000).toFixed(2)} s`, target: '≤ 1.5 s', met: null });
    targets.push({
      figure: `  the same, an edit: hover on another document meanwhile, worst`,
      value: `${edit.during.maxMs.toFixed(1)} ms (p50 ${edit.during.p50Ms.toFixed(1)} ms, n=${edit.during.count})`,
      target: '≤ 50 ms',
      met: null,
    });
    // The same document with its text sent in full (an untitled document, a paste, goes so): shown, not a target.
    const text = lsp.text50;
    if (text) {
      const duringText = text.hoverDuringAnalysis;
      targets.push({ figure: `  the same, its text sent in full: didOpen → diagnostics`, value: `${(text.didOpenToDiagnosticsMs / 1000).toFixed(2)} s`, target: '≤ 1.5 s', met: null });
      targets.push({
        figure: `  the same, its text sent in full: hover on another document, worst`,
        value: `${duringText.maxMs.toFixed(1)} ms (the first: ${duringText.firstMs.toFixed(1)} ms; the rest at most ${duringText.maxLaterMs.toFixed(1)} ms; n=${duringText.count})`,
        target: '≤ 50 ms',
        met: null,
      });
      targets.push({ figure: `  the same, its text sent in full: server memory ÷ document size`, value: text.memory ? memoryValue(text.memory) : 'n/a', target: '≤ 3×', met: null });
    }
  }
  for (const format of options.formats) {
    const sizes = results.filter((r) => r.format === format).sort((a, b) => a.bytes - b.bytes);
    if (sizes.length < 2) continue;
    const small = sizes[0]!;
    const large = sizes[sizes.length - 1]!;
    const smallRate = mbps(small.bytes, small.inProcess.best.totalMs);
    const largeRate = mbps(large.bytes, large.inProcess.best.totalMs);
    const factor = smallRate / largeRate;
    const cpuFactor = mbps(small.bytes, bestCpu(small.inProcess)) / mbps(large.bytes, bestCpu(large.inProcess));
    const wholeFactor = mbps(small.bytes, small.cli.bestWallMs) / mbps(large.bytes, large.cli.bestWallMs);
    targets.push({
      figure: `linear cost ${small.sizeMb} → ${large.sizeMb} MB, ${format} (in-process MB/s ratio)`,
      value: `${factor.toFixed(2)}× (${smallRate.toFixed(1)} → ${largeRate.toFixed(1)} MB/s; cpu ${cpuFactor.toFixed(2)}×; whole process ${wholeFactor.toFixed(2)}×)`,
      target: '≤ 1.3×',
      met: factor <= 1.3,
    });
  }

  // 6. Report.
  if (results.length > 0) {
    log('');
    log('Throughput (best of N; wall clock, CPU = user+sys)');
  }
  const rows: string[][] = [['format', 'size', 'grep -c', 'CLI wall', 'CLI cpu', 'CLI MB/s', '÷ grep', 'in-proc MB/s', 'in-proc cpu MB/s', 'analyse MB/s', 'peak RSS', 'check']];
  for (const r of results) {
    rows.push([
      r.format,
      `${(r.bytes / MB).toFixed(1)} MB`,
      fmtMs(r.grep.bestWallMs),
      fmtMs(r.cli.bestWallMs),
      fmtMs(r.cli.bestCpuMs),
      mbps(r.bytes, r.cli.bestWallMs).toFixed(1),
      `${(r.cli.bestWallMs / r.grep.bestWallMs).toFixed(1)}×`,
      mbps(r.bytes, r.inProcess.best.totalMs).toFixed(1),
      mbps(r.bytes, bestCpu(r.inProcess)).toFixed(1),
      mbps(r.bytes, r.inProcess.best.analyzeMs).toFixed(1),
      r.memory || r.cli.maxRssBytes ? `${(Math.max(r.memory?.maxRssBytes ?? 0, r.cli.maxRssBytes ?? 0) / MB).toFixed(0)} MB` : 'n/a',
      r.check.length ? 'MISMATCH' : 'ok',
    ]);
  }
  if (results.length > 0) printTable(rows);
  const breakdown = results.find((r) => r.inProcess.breakdown);
  if (breakdown?.inProcess.breakdown) {
    const stages = breakdown.inProcess.breakdown.map((s) => `${s.stage} ${fmtMs(s.ms)}`).join(', ');
    const best = breakdown.inProcess.best;
    log(
      `\nStages, ${breakdown.format} ${breakdown.sizeMb} MB: read ${fmtMs(best.readMs)}, decode ${fmtMs(best.decodeMs)}, analyse ${fmtMs(best.analyzeMs)}, ` +
        `summary ${fmtMs(best.summarizeMs)}, JSON ${fmtMs(best.stringifyMs)}; the analysis sampled in one more run: ${stages}`,
    );
  }
  if (typeof captures !== 'string') {
    const c = captures;
    log('');
    log(`Captures: the ${c.trafficMb} MB SIPp traffic as a ${(c.pcapBytes / MB).toFixed(1)} MB pcap (${c.messages} messages, ${c.calls} calls, ${c.dialogs} dialogs); best of N`);
    const rss = (bytes: number | null): string => (bytes ? `${(bytes / MB).toFixed(0)} MB` : 'n/a');
    const row = (tool: string, t: { bestWallMs: number; bestCpuMs: number | null; maxRssBytes: number | null } | string, count: string): string[] =>
      typeof t === 'string' ? [tool, t, '', '', '', count] : [tool, fmtMs(t.bestWallMs), fmtMs(t.bestCpuMs ?? undefined), rss(t.maxRssBytes), `${(c.pcapBytes / MB / (t.bestWallMs / 1000)).toFixed(1)}`, count];
    printTable([
      ['tool', 'wall', 'cpu', 'peak RSS', 'MB/s', 'count'],
      row('sip-lens summary --json', c.sipLens, `${c.sipLens.calls} calls, ${c.sipLens.messages} messages${c.sipLens.check.length ? ' MISMATCH' : ' (all right)'}`),
      row(
        typeof c.sngrep === 'string' ? 'sngrep -N -q -O' : `sngrep -N -q -l ${c.sngrep.limit} -O`,
        c.sngrep,
        typeof c.sngrep === 'string' ? '' : `${c.sngrep.calls} calls, ${c.sngrep.dialogs} dialogs kept`,
      ),
      ...(typeof c.sngrepDefault === 'string' ? [] : [[`sngrep -N -q -O (default limit ${SNGREP_DEFAULT_LIMIT})`, fmtMs(c.sngrepDefault.wallMs), '', '', '', `${c.sngrepDefault.calls} calls, ${c.sngrepDefault.dialogs} dialogs kept`]]),
      row('tshark -q -z sip,stat', c.tshark, typeof c.tshark === 'string' ? '' : `no call count; ${c.tshark.sipMessages} SIP messages, ${c.tshark.invites} INVITEs`),
    ]);
  }
  if (typeof lsp !== 'string') {
    const [small, big] = options.quick ? ['1 MB', '10 MB'] : ['10 MB', '50 MB'];
    const rss = (bytes: number): string => `${(bytes / MB).toFixed(0)} MB`;
    log('');
    log(`Language server${options.quick ? ' (quick run: 1 and 10 MB documents)' : ''}`);
    printTable([
      ['figure', 'value'],
      [`didOpen → publishDiagnostics, ${small} (by URI)`, `${fmtMs(lsp.didOpenToDiagnostics10Ms)} (${lsp.diagnostics10} diagnostics)`],
      [`didOpen → publishDiagnostics, ${big} (by URI)`, `${fmtMs(lsp.didOpenToDiagnostics50Ms)} (${lsp.diagnostics50} diagnostics)`],
      [
        `didOpen → publishDiagnostics, ${big} (its text sent in full)`,
        lsp.text50 ? `${fmtMs(lsp.text50.didOpenToDiagnosticsMs)} (${lsp.text50.diagnostics} diagnostics)` : 'n/a',
      ],
      [
        `first hover answered while the ${big} analysis runs, its text sent in full`,
        lsp.text50
          ? `${fmtMs(lsp.text50.hoverDuringAnalysis.firstMs)} (p50 ${fmtMs(lsp.text50.hoverDuringAnalysis.p50Ms)}, max ${fmtMs(lsp.text50.hoverDuringAnalysis.maxMs)}, n=${lsp.text50.hoverDuringAnalysis.count})`
          : 'n/a',
      ],
      [
        `first hover answered while the ${big} analysis runs (on the ${small} document), by URI`,
        `${fmtMs(lsp.hoverDuringAnalysis.firstMs)} (p50 ${fmtMs(lsp.hoverDuringAnalysis.p50Ms)}, max ${fmtMs(lsp.hoverDuringAnalysis.maxMs)}, n=${lsp.hoverDuringAnalysis.count})`,
      ],
      [`first hover on the ${big} document, from its didOpen`, fmtMs(lsp.firstHoverOnOpening50Ms)],
      [
        `an edit of the ${big} document (by URI, sent as a change) → publishDiagnostics; hovers meanwhile`,
        `${fmtMs(lsp.edit50.editToDiagnosticsMs)} (${lsp.edit50.diagnostics} diagnostics); hovers p50 ${fmtMs(lsp.edit50.during.p50Ms)}, max ${fmtMs(lsp.edit50.during.maxMs)}, n=${lsp.edit50.during.count}`,
      ],
      [`hover on the analysed ${big} document`, `p50 ${fmtMs(lsp.hover50.p50Ms)}, p99 ${fmtMs(lsp.hover50.p99Ms)}, max ${fmtMs(lsp.hover50.maxMs)}`],
      [
        `server RSS (all threads) idle, and holding only the ${big} document's analysis (by URI)`,
        lsp.memory50
          ? `${rss(lsp.memory50.idleRssBytes)}; ${rss(lsp.memory50.holdingRssBytes)} (${(lsp.memory50.holdingRssBytes / lsp.memory50.documentBytes).toFixed(2)}× the document; peak ${rss(lsp.memory50.peakRssBytes)})`
          : 'n/a',
      ],
      [
        `the same, its text sent in full`,
        lsp.text50?.memory
          ? `${rss(lsp.text50.memory.idleRssBytes)}; ${rss(lsp.text50.memory.holdingRssBytes)} (${(lsp.text50.memory.holdingRssBytes / lsp.text50.memory.documentBytes).toFixed(2)}× the document; peak ${rss(lsp.text50.memory.peakRssBytes)})`
          : 'n/a',
      ],
      [
        'sipLens/summary of a 200 MB file by URI (read from disk)',
        lsp.summary200 ? `${fmtMs(lsp.summary200.ms)} (${lsp.summary200.calls} calls${lsp.summary200.expectedCalls !== undefined && lsp.summary200.expectedCalls !== lsp.summary200.calls ? `, expected ${lsp.summary200.expectedCalls}` : ''})` : 'n/a (quick run)',
      ],
    ]);
  } else if (options.lsp) {
    log(`\nLanguage server: ${lsp}`);
  }

  log('');
  log('Targets');
  printTable([
    ['figure', 'value', 'target', 'status'],
    ...targets.map((t) => [t.figure, t.value, t.target, t.reference ? 'reference' : t.met === null ? 'n/a' : `${t.met ? 'met' : 'NOT MET'}${t.note ? ` (${t.note})` : ''}`]),
  ]);

  const output = {
    date: new Date(started).toISOString(),
    durationSeconds: round((Date.now() - started) / 1000, 1),
    machine: { ...info, loadAverageAtEnd: loadavg().map((n) => round(n, 2)) },
    options,
    traces: [...traces.values()].map((t) => ({ format: t.format, path: t.path.slice(ROOT.length + 1), bytes: t.bytes, pcapBytes: t.pcapBytes, messages: t.stats.messages, calls: t.stats.calls, transactions: t.stats.transactions, retransmissions: t.stats.retransmissions, outcomes: t.stats.outcomes })),
    throughput: results.map((r) => ({
      format: r.format,
      sizeMb: r.sizeMb,
      bytes: r.bytes,
      grep: { bestWallMs: round(r.grep.bestWallMs, 2), bestCpuMs: round(r.grep.bestCpuMs, 2), runs: r.grep.runs.length, count: Number(r.grep.runs[0]?.stdout?.trim()) },
      cli: { bestWallMs: round(r.cli.bestWallMs, 2), medianWallMs: round(r.cli.medianWallMs, 2), bestCpuMs: round(r.cli.bestCpuMs, 2), maxRssBytes: r.cli.maxRssBytes, runs: r.cli.runs.length, mbPerSecond: round(mbps(r.bytes, r.cli.bestWallMs), 2) },
      cliOverGrep: round(r.cli.bestWallMs / r.grep.bestWallMs, 2),
      inProcess: { best: r.inProcess.best, runs: r.inProcess.reps.length, mbPerSecond: round(mbps(r.bytes, r.inProcess.best.totalMs), 2), cpuMbPerSecond: round(mbps(r.bytes, bestCpu(r.inProcess)), 2), analyseMbPerSecond: round(mbps(r.bytes, r.inProcess.best.analyzeMs), 2), breakdown: r.inProcess.breakdown },
      memory: r.memory,
      found: r.inProcess.found,
      check: r.check.length ? r.check : 'ok',
    })),
    emptyNodeRssBytes: emptyNodeRss,
    references:
      typeof references === 'string'
        ? references
        : {
            nodeFloorWallMs: round(references.nodeFloor.bestWallMs, 2),
            columnScanWallMs: round(references.columnScan.bestWallMs, 2),
            columnScanMaxRssBytes: references.columnScan.maxRssBytes,
            columnScanFound: references.columnScanFound,
            halvesAtOnceWallMs: round(references.halvesAtOnce.bestWallMs, 2),
            halvesAtOnceCpuMs: round(references.halvesAtOnce.bestCpuMs, 2),
            oneHalfWallMs: round(references.oneHalf.bestWallMs, 2),
            halfBytes: references.halfBytes,
          },
    captures,
    lsp,
    targets,
  };
  const target = options.onlyLsp
    ? LSP_RESULTS
    : options.formats.length === 0
      ? CAPTURE_RESULTS
      : options.quick || options.sizes.length < 5 || options.formats.length < BENCH_FORMATS.length ? QUICK_RESULTS : RESULTS;
  writeFileSync(target, JSON.stringify(output, null, 2) + '\n');
  log(`\nWrote ${target.slice(ROOT.length + 1)} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (results.some((r) => r.check.length > 0)) process.exitCode = 1;
  if (typeof captures !== 'string' && captures.sipLens.check.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
