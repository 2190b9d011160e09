// Reference runs that say how far the CLI's time could go down, measured in the same run:
// - the Node floor: a bare Node process that reads the trace as Latin-1 and scans it once;
// - the parallel ceiling: the same trace cut in two halves at a message boundary, the CLI run on
//   both halves at once, against the CLI on the whole trace. Splitting one analysis over worker
//   threads can at best reach what two whole processes on the halves reach (no merging, no
//   shared heap), so this bounds what parallel scanning would pay on this machine's cores.
import { closeSync, existsSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { bestOf, type BestOf } from './measure';

export interface ReferenceRuns {
  /** Bare Node: read + Latin-1 decode + one line scan of the trace. */
  nodeFloor: BestOf;
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
  const [first, second] = halves(sippTrace);
  const summary = (file: string): string => `"${process.execPath}" "${cli}" summary "${file}" --json > /dev/null`;
  const halvesAtOnce = await bestOf(3, 'sh', ['-c', `${summary(first)} & ${summary(second)}; wait`]);
  const oneHalf = await bestOf(3, process.execPath, [cli, 'summary', first, '--json']);
  return { nodeFloor, halvesAtOnce, oneHalf, halfBytes: [statSync(first).size, statSync(second).size] };
}
