// The capture rows of the bench: the bench traffic written as a pcap (pcap.ts), read by the CLI,
// by sngrep's offline mode and by `tshark -z sip,stat` in the same run, each tool's count beside
// its time. SIP Lens must get every call right: its summary of the pcap is checked against the
// generator's totals and, call by call, against its summary of the same traffic as SIPp text.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Summary } from '../../server/src/analysis/summary';
import { cliArgv } from '../cliLaunch';
import { ensureTrace, MB } from './generate';
import { bestOf, type BestOf, round } from './measure';

/** The host whose log the SIPp text is (traffic.ts): local for the capture too, to compare endedBy. */
const PBX = '10.0.0.1';
/** sngrep keeps 20,000 dialogs unless told otherwise (`-l`). */
export const SNGREP_DEFAULT_LIMIT = 20_000;
const SNGREP_LIMIT = 10_000_000;

interface Timed {
  bestWallMs: number;
  bestCpuMs: number | null;
  maxRssBytes: number | null;
  runs: number;
}

export interface CaptureBenchResult {
  /** Size of the SIPp text trace of the traffic the pcap carries (MB, as --capture-mb). */
  trafficMb: number;
  pcapBytes: number;
  textBytes: number;
  messages: number;
  calls: number;
  transactions: number;
  /** Distinct Call-IDs in the pcap (calls, REGISTER and OPTIONS dialogs), counted as for sngrep. */
  dialogs: number;
  sipLens: Timed & { calls: number; messages: number; check: string[] };
  /** SIP Lens on the same traffic as its SIPp text trace: what sngrep's time is set against. */
  sipLensText: Timed;
  sngrep: (Timed & { limit: number; dialogs: number; calls: number }) | string;
  /** One run with sngrep's default dialog limit: how many dialogs it keeps. */
  sngrepDefault: { limit: number; wallMs: number; dialogs: number; calls: number } | string;
  tshark: (Timed & { sipMessages: number | null; invites: number | null }) | string;
}

const timed = (b: BestOf): Timed => ({ bestWallMs: round(b.bestWallMs, 1)!, bestCpuMs: round(b.bestCpuMs, 1), maxRssBytes: b.maxRssBytes ?? null, runs: b.runs.length });

function which(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function summaryJson(cli: string, file: string, args: string[] = []): Summary {
  const result = spawnSync(process.execPath, cliArgv(cli, ['summary', file, '--json', ...args]), { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`sip-lens summary ${file} exited with ${result.status}: ${result.stderr.slice(0, 500)}`);
  return JSON.parse(result.stdout) as Summary;
}

/**
 * Dialogs and INVITE dialogs in a pcap of Ethernet/IPv4/UDP SIP packets (pcap.ts or sngrep's
 * export of one): distinct Call-IDs (full or compact header), and those with an INVITE.
 */
export function countDialogs(path: string): { dialogs: number; calls: number } {
  const bytes = readFileSync(path);
  const dialogs = new Set<string>();
  const calls = new Set<string>();
  const le = bytes.readUInt32LE(0) === 0xa1b2c3d4 || bytes.readUInt32LE(0) === 0xa1b23c4d;
  const u32 = (o: number): number => (le ? bytes.readUInt32LE(o) : bytes.readUInt32BE(o));
  for (let o = 24; o + 16 <= bytes.length; ) {
    const length = u32(o + 8);
    const start = o + 16 + 42; // Ethernet, IPv4 without options, UDP
    const end = o + 16 + length;
    o = end;
    if (start >= end || end > bytes.length) continue;
    const text = bytes.toString('latin1', start, end);
    const header = /\r\n(?:Call-ID|i)[ \t]*:[ \t]*([^\r\n]+)/i.exec(text);
    if (!header) continue;
    const callId = header[1]!.trim();
    dialogs.add(callId);
    if (text.startsWith('INVITE ')) calls.add(callId);
  }
  return { dialogs: dialogs.size, calls: calls.size };
}

/** Differences between the capture's summary and the generator's totals / the text summary. */
function check(capture: Summary, text: Summary, stats: ReturnType<typeof ensureTrace>['stats']): string[] {
  const problems: string[] = [];
  if (capture.format !== 'pcap') problems.push(`format ${capture.format}`);
  if (capture.messages !== stats.messages) problems.push(`messages ${capture.messages} ≠ ${stats.messages}`);
  if (capture.calls.length !== stats.calls) problems.push(`calls ${capture.calls.length} ≠ ${stats.calls}`);
  if (capture.transactions.length !== stats.transactions) problems.push(`transactions ${capture.transactions.length} ≠ ${stats.transactions}`);
  for (const [outcome, count] of Object.entries(capture.totals)) {
    if (count !== (stats.outcomes[outcome] ?? 0)) problems.push(`${outcome} ${count} ≠ ${stats.outcomes[outcome] ?? 0}`);
  }
  const fromText = new Map(text.calls.map((c) => [c.callId, c]));
  let wrong = 0;
  for (const call of capture.calls) {
    const t = fromText.get(call.callId);
    const same =
      t !== undefined &&
      t.outcome === call.outcome &&
      t.finalStatus === call.finalStatus &&
      t.endedBy === call.endedBy &&
      t.startTime === call.startTime &&
      [['setupMs', t.setupMs, call.setupMs], ['pddMs', t.pddMs, call.pddMs], ['durationMs', t.durationMs, call.durationMs]].every(([, a, b]) => (a === null || b === null ? a === b : Math.abs((a as number) - (b as number)) <= 1));
    if (!same) {
      if (wrong < 3) problems.push(`call ${call.callId}: capture ${JSON.stringify([call.outcome, call.finalStatus, call.endedBy, call.setupMs, call.pddMs, call.durationMs])} ≠ text ${t ? JSON.stringify([t.outcome, t.finalStatus, t.endedBy, t.setupMs, t.pddMs, t.durationMs]) : 'missing'}`);
      wrong++;
    }
  }
  if (wrong > 3) problems.push(`… ${wrong} calls differ from the text trace`);
  return problems;
}

/** `tshark -z sip,stat` prints message and per-method counts; no call count. */
function tsharkCounts(stdout: string | undefined): { sipMessages: number | null; invites: number | null } {
  const messages = /Number of SIP messages:\s*(\d+)/.exec(stdout ?? '');
  const invites = /^\s*INVITE\s*:\s*(\d+)/m.exec(stdout ?? '');
  return { sipMessages: messages ? Number(messages[1]) : null, invites: invites ? Number(invites[1]) : null };
}

export async function runCaptureBench(cli: string, trafficMb: number, options: { tshark: boolean; quick: boolean }, log: (line: string) => void): Promise<CaptureBenchResult> {
  const trace = ensureTrace('sipp', trafficMb, { pcap: true });
  const pcap = trace.pcapPath!;
  const pcapBytes = trace.pcapBytes ?? 0;
  const { dialogs } = countDialogs(pcap);
  log(`capture: the ${trafficMb} MB SIPp traffic as a pcap, ${(pcapBytes / MB).toFixed(1)} MB, ${trace.stats.messages} messages, ${trace.stats.calls} calls, ${dialogs} dialogs`);
  const reps = options.quick ? 2 : 3;

  const sipLensRuns = await bestOf(reps, process.execPath, cliArgv(cli, ['summary', pcap, '--json']), { budgetMs: 60_000, minRuns: 2 });
  const capture = summaryJson(cli, pcap, ['--local', PBX]);
  const text = summaryJson(cli, trace.path);
  const problems = check(capture, text, trace.stats);
  const sipLens = { ...timed(sipLensRuns), calls: capture.calls.length, messages: capture.messages, check: problems };
  log(`capture: SIP Lens ${sipLens.bestWallMs.toFixed(0)} ms (cpu ${sipLens.bestCpuMs?.toFixed(0) ?? 'n/a'} ms), ${sipLens.calls} calls${problems.length ? `  CHECK FAILED: ${problems.join('; ')}` : ', every call as in the text trace'}`);

  const sipLensText = timed(await bestOf(reps, process.execPath, cliArgv(cli, ['summary', trace.path, '--json']), { budgetMs: 60_000, minRuns: 2 }));
  log(`capture: SIP Lens on the same traffic as SIPp text (${(trace.bytes / MB).toFixed(1)} MB) ${sipLensText.bestWallMs.toFixed(0)} ms (cpu ${sipLensText.bestCpuMs?.toFixed(0) ?? 'n/a'} ms)`);

  let sngrep: CaptureBenchResult['sngrep'] = 'n/a: sngrep not installed';
  let sngrepDefault: CaptureBenchResult['sngrepDefault'] = sngrep;
  if (which('sngrep')) {
    const dir = mkdtempSync(join(tmpdir(), 'sip-lens-sngrep-'));
    try {
      const out = join(dir, 'out.pcap');
      // -F: no user configuration; -N -q: offline, no interface; -l: keep every dialog.
      const runs = await bestOf(reps, 'sngrep', ['-F', '-I', pcap, '-N', '-q', '-l', String(SNGREP_LIMIT), '-O', out], { budgetMs: 60_000, minRuns: 2 });
      sngrep = { ...timed(runs), limit: SNGREP_LIMIT, ...countDialogs(out) };
      log(`capture: sngrep -l ${SNGREP_LIMIT} ${sngrep.bestWallMs.toFixed(0)} ms (cpu ${sngrep.bestCpuMs?.toFixed(0) ?? 'n/a'} ms), kept ${sngrep.dialogs} dialogs, ${sngrep.calls} calls`);
      const defaults = await bestOf(1, 'sngrep', ['-F', '-I', pcap, '-N', '-q', '-O', out]);
      sngrepDefault = { limit: SNGREP_DEFAULT_LIMIT, wallMs: round(defaults.bestWallMs, 1)!, ...countDialogs(out) };
      log(`capture: sngrep with its default limit kept ${sngrepDefault.dialogs} dialogs, ${sngrepDefault.calls} calls`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  let tshark: CaptureBenchResult['tshark'] = options.tshark ? 'n/a: tshark not installed' : 'n/a: skipped (--no-tshark)';
  if (options.tshark && which('tshark')) {
    const runs = await bestOf(options.quick ? 1 : 2, 'tshark', ['-q', '-z', 'sip,stat', '-r', pcap], { stdout: 'pipe', stdoutBytes: 64 * 1024 });
    tshark = { ...timed(runs), ...tsharkCounts(runs.runs[0]?.stdout) };
    log(`capture: tshark -z sip,stat ${tshark.bestWallMs.toFixed(0)} ms (cpu ${tshark.bestCpuMs?.toFixed(0) ?? 'n/a'} ms), ${tshark.sipMessages} SIP messages, ${tshark.invites} INVITEs`);
  }

  return { trafficMb, pcapBytes, textBytes: trace.bytes, messages: trace.stats.messages, calls: trace.stats.calls, transactions: trace.stats.transactions, dialogs, sipLens, sipLensText, sngrep, sngrepDefault, tshark };
}
