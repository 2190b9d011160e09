// Reference runs that say how far the CLI's time could go down, measured in the same run:
// - the Node floor: a bare Node process that reads the trace as Latin-1 and scans it once;
// - the column scan: a bare Node process that does the least any analysis must do — each
//   message's start line, Call-ID, CSeq, tags and branch into typed arrays, each call's INVITE
//   final status counted (`columnScan.cjs`);
// - the parallel ceiling: the same trace cut in two halves at a message boundary, the CLI run on
//   both halves at once, against the CLI on the whole trace. Splitting one analysis over worker
//   threads can at best reach what two whole processes on the halves reach (no merging, no
//   shared heap), so this bounds what parallel scanning would pay on this machine's cores.
import { closeSync, existsSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { cliArgv } from '../cliLaunch';
import { bestOf, type BestOf } from './measure';

export interface ReferenceRuns {
  /** Bare Node: read + Latin-1 decode + one line scan of the trace. */
  nodeFloor: BestOf;
  /** Bare Node: the correlation columns of every message and each call's final status. */
  columnScan: BestOf;
  /** What the column scan counted, to set beside the generator's counts. */
  columnScanFound: { messages: number; calls: number; answered: number };
  /** The CLI on both halves at once (two processes), and on one half alone. */
  halvesAtOnce: BestOf;
  oneHalf: BestOf;
  halfBytes: [number, number];
}

/** The SIPp marker line that opens every message: a cut just before one leaves whole messages. */
const SIPP_MARKER = '\n----------------------------------------------- ';

/** Writes the trace's two halves beside it (once), cut at the SIPp marker nearest the middle. */
function halves(trace: string): [string, string] {
  const paths: [string, string] = [`${trace}.half1`, `${trace}.half2`];
  if (paths.every((p) => existsSync(p) && statSync(p).mtimeMs >= statSync(trace).mtimeMs)) return paths;
  const bytes = readFileSync(trace);
  const cut = bytes.indexOf(SIPP_MARKER, bytes.length >> 1, 'latin1');
  if (cut < 0) throw new Error(`no SIPp message marker after the middle of ${trace}`);
  const parts = [bytes.subarray(0, cut + 1), bytes.subarray(cut + 1)];
  parts.forEach((part, i) => {
    const fd = openSync(paths[i]!, 'w');
    try {
      writeSync(fd, part);
    } finally {
      closeSync(fd);
    }
  });
  return paths;
}

export async function runReferences(cli: string, sippTrace: string, benchDir: string): Promise<ReferenceRuns> {
  const nodeFloor = await bestOf(3, process.execPath, [join(benchDir, 'floor.cjs'), sippTrace], { stdout: 'pipe' });
  const columnScan = await bestOf(3, process.execPath, [join(benchDir, 'columnScan.cjs'), sippTrace], { stdout: 'pipe' });
  const counts = /^(\d+) messages, (\d+) calls, (\d+) answered/.exec(columnScan.runs[0]?.stdout ?? '');
  if (!counts) throw new Error(`columnScan.cjs printed no counts: ${columnScan.runs[0]?.stdout ?? ''}`);
  const columnScanFound = { messages: Number(counts[1]), calls: Number(counts[2]), answered: Number(counts[3]) };
  const [first, second] = halves(sippTrace);
  const summary = (file: string): string => `"${process.execPath}" ${cliArgv(cli, ['summary', file, '--json']).map((a) => `"${a}"`).join(' ')} > /dev/null`;
  const halvesAtOnce = await bestOf(3, 'sh', ['-c', `${summary(first)} & ${summary(second)}; wait`]);
  const oneHalf = await bestOf(3, process.execPath, cliArgv(cli, ['summary', first, '--json']));
  return { nodeFloor, columnScan, columnScanFound, halvesAtOnce, oneHalf, halfBytes: [statSync(first).size, statSync(second).size] };
}
