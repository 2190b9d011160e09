// Writes benchmark traces into test/bench/out/ (git-ignored), streaming: the text is built and
// written a megabyte at a time, so a 200 MB trace never sits in memory as one string.
//
// A trace is reused when its manifest says it came from the same seed, size and generator
// sources (hashed), so repeated bench runs skip generation.
//
// Standalone: `node --import tsx test/bench/generate.ts FORMAT MB [--pcap]`.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BENCH_FORMATS, frame, type BenchFormat } from './framing';
import { PcapWriter } from './pcap';
import { TrafficGenerator, type TrafficStats } from './traffic';

export const BENCH_DIR = resolve(__dirname);
export const OUT_DIR = join(BENCH_DIR, 'out');
export const SEED = 20261121;
export const MB = 1_000_000;

export interface GeneratedTrace {
  format: BenchFormat;
  path: string;
  bytes: number;
  /** Present when a pcap of the same traffic was asked for. */
  pcapPath?: string;
  pcapBytes?: number;
  stats: TrafficStats;
  /** Seconds spent generating; 0 when the cached file was reused. */
  generateSeconds: number;
}

interface Manifest {
  version: string;
  seed: number;
  targetBytes: number;
  bytes: number;
  pcapBytes?: number;
  stats: TrafficStats;
}

const SOURCES = ['rng.ts', 'traffic.ts', 'framing.ts', 'pcap.ts', 'generate.ts'];

let cachedVersion: string | undefined;
function generatorVersion(): string {
  if (cachedVersion) return cachedVersion;
  const hash = createHash('sha1');
  for (const file of SOURCES) hash.update(readFileSync(join(BENCH_DIR, file)));
  cachedVersion = hash.digest('hex').slice(0, 12);
  return cachedVersion;
}

function extension(format: BenchFormat): string {
  return format === 'raw' ? 'sip' : 'log';
}

export function tracePath(format: BenchFormat, sizeMb: number): string {
  return join(OUT_DIR, `${format}-${sizeMb}mb.${extension(format)}`);
}

/** Generates (or reuses) a trace of about `sizeMb` megabytes (10^6 bytes). */
export function ensureTrace(format: BenchFormat, sizeMb: number, options: { pcap?: boolean; seed?: number } = {}): GeneratedTrace {
  mkdirSync(OUT_DIR, { recursive: true });
  const seed = options.seed ?? SEED;
  const path = tracePath(format, sizeMb);
  const pcapPath = options.pcap ? path.replace(/\.[a-z]+$/, '.pcap') : undefined;
  const manifestPath = `${path}.json`;
  const targetBytes = Math.round(sizeMb * MB);
  if (existsSync(manifestPath) && existsSync(path)) {
    try {
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
      const pcapOk = !pcapPath || (manifest.pcapBytes !== undefined && existsSync(pcapPath) && statSync(pcapPath).size === manifest.pcapBytes);
      if (manifest.version === generatorVersion() && manifest.seed === seed && manifest.targetBytes === targetBytes && statSync(path).size === manifest.bytes && pcapOk) {
        return { format, path, bytes: manifest.bytes, pcapPath, pcapBytes: manifest.pcapBytes, stats: manifest.stats, generateSeconds: 0 };
      }
    } catch {
      // Unreadable manifest: generate again.
    }
  }

  const started = process.hrtime.bigint();
  const traffic = new TrafficGenerator(seed);
  const pcap = pcapPath ? new PcapWriter(pcapPath) : undefined;
  const fd = openSync(path, 'w');
  let written = 0;
  let chunk: string[] = [];
  let chunkLength = 0;
  let n = 0;
  let averageFrame = 1000;
  try {
    for (;;) {
      const event = traffic.next();
      if (!event) break;
      const text = frame(format, event, n++);
      chunk.push(text);
      chunkLength += text.length;
      averageFrame += (text.length - averageFrame) / 64;
      if (pcap) {
        const [src, dst] = event.fromLocal ? [event.local, event.remote] : [event.remote, event.local];
        pcap.packet(event.timeMs, src, dst, event.text);
      }
      if (chunkLength >= 1 << 20) {
        written += writeSync(fd, chunk.join(''), null, 'latin1');
        chunk = [];
        chunkLength = 0;
      }
      // Stop opening dialogs once the ones under way will about fill the target.
      if (written + chunkLength + traffic.pendingMessages * averageFrame >= targetBytes) traffic.stopStarting();
    }
    if (chunkLength > 0) written += writeSync(fd, chunk.join(''), null, 'latin1');
  } finally {
    closeSync(fd);
    pcap?.close();
  }
  const manifest: Manifest = { version: generatorVersion(), seed, targetBytes, bytes: written, pcapBytes: pcap?.bytes, stats: traffic.stats };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { format, path, bytes: written, pcapPath, pcapBytes: pcap?.bytes, stats: traffic.stats, generateSeconds: seconds };
}

if (require.main === module) {
  const [format, size, ...rest] = process.argv.slice(2);
  if (!format || !(BENCH_FORMATS as readonly string[]).includes(format) || !size || !(Number(size) > 0)) {
    process.stderr.write(`usage: generate.ts FORMAT MB [--pcap]   (FORMAT: ${BENCH_FORMATS.join(', ')})\n`);
    process.exit(2);
  }
  const trace = ensureTrace(format as BenchFormat, Number(size), { pcap: rest.includes('--pcap') });
  process.stdout.write(`${JSON.stringify({ ...trace, stats: undefined, messages: trace.stats.messages, calls: trace.stats.calls }, null, 2)}\n`);
}
