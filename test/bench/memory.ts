// Peak memory of one CLI run. Peak RSS comes from the kernel (resourceUsage at exit, written by
// memory-probe.cjs). Peak V8 heap is the largest "before" figure of V8's own GC trace: the heap is
// at its fullest just before a collection, and a synchronous analysis cannot be sampled from inside.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cliArgv } from '../cliLaunch';
import { createInterface } from 'node:readline';

const PROBE = resolve(__dirname, 'memory-probe.cjs');
// `[pid:0x…]   123 ms: Mark-Compact 523.4 (540.2) -> 480.1 (530.0) MB, …`
const GC_LINE = /^\[\d+:0x[0-9a-f]+\]\s+\d+ ms: [A-Za-z-]+(?: \([a-z ]+\))? ([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB/;
const MiB = 1024 * 1024;

export interface MemoryRun {
  maxRssBytes: number;
  /** Largest V8 heap in use seen just before a collection. */
  peakHeapUsedBytes: number;
  /** Largest V8 heap committed (used plus free pages). */
  peakHeapCommittedBytes: number;
  /** External memory (buffers, external strings) at exit. */
  externalAtExitBytes: number;
  gcCount: number;
  wallMs: number;
}

export async function measureCliMemory(cli: string, args: string[]): Promise<MemoryRun> {
  const dir = mkdtempSync(join(tmpdir(), 'sip-lens-mem-'));
  const probeOut = join(dir, 'probe.json');
  try {
    const started = process.hrtime.bigint();
    let peakUsed = 0;
    let peakCommitted = 0;
    let gcCount = 0;
    const code = await new Promise<number | null>((resolvePromise, reject) => {
      const child = spawn(process.execPath, ['--trace-gc', '--require', PROBE, ...cliArgv(cli, args)], {
        stdio: ['ignore', 'pipe', 'ignore'],
        env: { ...process.env, SIP_LENS_BENCH_PROBE: probeOut },
      });
      // The summary shares stdout with the GC trace: read it line by line and keep only GC lines.
      const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
      lines.on('line', (line) => {
        if (line.charCodeAt(0) !== 91) return;
        const m = GC_LINE.exec(line);
        if (!m) return;
        gcCount++;
        peakUsed = Math.max(peakUsed, Number(m[1]) * MiB, Number(m[3]) * MiB);
        peakCommitted = Math.max(peakCommitted, Number(m[2]) * MiB, Number(m[4]) * MiB);
      });
      child.once('error', reject);
      child.once('close', (exitCode) => resolvePromise(exitCode));
    });
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (code !== 0) throw new Error(`CLI exited with ${code} under the memory probe`);
    const probe = JSON.parse(readFileSync(probeOut, 'utf8')) as { maxRssBytes: number; heapUsedBytes: number; heapTotalBytes: number; externalBytes: number };
    return {
      maxRssBytes: probe.maxRssBytes,
      peakHeapUsedBytes: Math.max(peakUsed, probe.heapUsedBytes),
      peakHeapCommittedBytes: Math.max(peakCommitted, probe.heapTotalBytes),
      externalAtExitBytes: probe.externalBytes,
      gcCount,
      wallMs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
