// Long fuzzing run of the analysis library: the properties of test/unit/fuzz.test.ts, for minutes.
//
//   node --import tsx scripts/fuzz-long.ts [MINUTES=10] [--seed N]
//
// Inputs are drawn round-robin from: random bytes (decode + analyse), random text, lines of SIP
// and trace vocabulary, mutated real traces (every text fixture), stress shapes of random size,
// and for the capture reader: random bytes behind a pcap/pcapng header, mutated captures (built
// ones and the public captures in ../shared/wild-captures) and TCP streams with random sequence
// numbers. Input i is generated from seed+i alone, so any input can be rebuilt from its number.
// The fuzzing runs in a worker; the main thread watches its progress and reports an input that
// runs for more than a minute as a hang (rebuilding it from its number). Prints the number of
// inputs tried, crashes (with a file holding each crashing input), and the slowest inputs per KB.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { analyzeCaptureBytes, buildMutatedCapture, loadCaptureSeeds, mutatedCaptureArb, randomTcpStream, withCaptureHeader } from '../test/unit/capture-fuzz.helpers';
import { analyzeBytes, analyzeText, buildMutated, loadSeeds, mutatedTraceArb, STRESS } from '../test/unit/fuzz.helpers';

const KINDS = ['bytes', 'text', 'vocabulary', 'mutated', 'mutated-bytes', 'stress', 'capture-bytes', 'capture-mutated', 'capture-tcp'] as const;
type Kind = (typeof KINDS)[number];

interface Input {
  kind: Kind;
  detail: string;
  data: string | Buffer;
}

/** Inputs read as packet captures rather than as trace text. */
const CAPTURE_KINDS: ReadonlySet<Kind> = new Set(['capture-bytes', 'capture-mutated', 'capture-tcp']);

const VOCABULARY = [
  'INVITE sip:a@b SIP/2.0',
  'SIP/2.0 200 OK',
  'SIP/2.0 180 Ringing',
  'SIP/2.0 487 Request Terminated',
  'SIP/2.0 903 Route blocked',
  'CANCEL sip:a@b SIP/2.0',
  'BYE sip:a@b SIP/2.0',
  'ACK sip:a@b SIP/2.0',
  'Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1',
  'From: <sip:a@b>;tag=1',
  'To: <sip:c@d>',
  'To: <sip:c@d>;tag=2',
  'Call-ID: x',
  'CSeq: 1 INVITE',
  'CSeq: 1 CANCEL',
  'CSeq: 2 BYE',
  'Content-Length: 0',
  'Content-Length: 200',
  'Reason: Q.850;cause=16',
  '',
  ' folded',
  '----------------------------------------------- 2024-05-01 12:00:00.000000',
  'UDP message sent (100 bytes):',
  '<--- Received SIP request (100 bytes) from UDP:1.2.3.4:5060 --->',
  '<--- SIP read from UDP:1.2.3.4:5060 --->',
  '<------------->',
  'recv 100 bytes from udp/[1.2.3.4]:5090 at 12:30:57.916812:',
  '====================',
  '~~~~~~~~~~~~~~~~~~~~',
  '||||||||||||||||||||',
  'U 2013/07/19 22:17:34.920749 1.2.3.4:5060 -> 5.6.7.8:5060',
  '2024/05/01 12:00:00.123456 10.0.0.1:5060 -> 10.0.0.2:5060',
];

function makeInputFactory(): (i: number, seed: number) => Input {
  const seeds = loadSeeds();
  const stressNames = Object.keys(STRESS);
  const bytesArb = fc.uint8Array({ maxLength: 16_384 });
  // fc.string with long binary strings is slow to generate; bytes read as Latin-1 and as UTF-8
  // (lossy) cover the same ground, with a short full-Unicode string for astral characters.
  const textArb = fc.tuple(fc.uint8Array({ maxLength: 16_384 }), fc.boolean(), fc.string({ unit: 'binary', maxLength: 64 })).map(
    ([bytes, utf8, extra]) => Buffer.from(bytes).toString(utf8 ? 'utf8' : 'latin1') + extra,
  );
  const vocabArb = fc.tuple(fc.array(fc.oneof(fc.constantFrom(...VOCABULARY), fc.string({ maxLength: 30 })), { maxLength: 2000 }), fc.constantFrom('\n', '\r\n', '\r'));
  const mutatedArb = mutatedTraceArb(seeds, 12);
  const stressArb = fc.tuple(fc.constantFrom(...stressNames), fc.integer({ min: 1, max: 20_000 }));
  const captures = loadCaptureSeeds();
  const captureBytesArb = fc.tuple(fc.uint8Array({ maxLength: 65_536 }), fc.constantFrom('pcap', 'pcapng', 'pcap-raw') as fc.Arbitrary<'pcap' | 'pcapng' | 'pcap-raw'>);
  const mutatedCaptureArbitrary = mutatedCaptureArb(captures.length, 8);
  const segmentArb = fc.record({ seq: fc.oneof(fc.integer({ min: 0xfffff000, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff })), length: fc.integer({ min: 0, max: 1500 }), syn: fc.boolean() });
  const tcpArb = fc.array(segmentArb, { maxLength: 400 });
  const one = <T>(arb: fc.Arbitrary<T>, seed: number): T => fc.sample(arb, { seed, numRuns: 1 })[0];
  return (i, seed) => {
    const kind = KINDS[i % KINDS.length];
    const s = seed + i;
    switch (kind) {
      case 'bytes':
        return { kind, detail: '', data: Buffer.from(one(bytesArb, s)) };
      case 'text':
        return { kind, detail: '', data: one(textArb, s) };
      case 'vocabulary': {
        const [lines, eol] = one(vocabArb, s);
        return { kind, detail: `${lines.length} lines`, data: lines.join(eol) };
      }
      case 'mutated':
      case 'mutated-bytes': {
        const t = one(mutatedArb, s);
        const text = buildMutated(seeds, t);
        const detail = `seed trace ${t.seed}, ${t.mutations.map((m) => m.op).join('+')}`;
        return { kind, detail, data: kind === 'mutated' ? text : Buffer.from(text, 'latin1') };
      }
      case 'stress': {
        const [name, n] = one(stressArb, s);
        return { kind, detail: `${name} n=${n}`, data: STRESS[name](n) };
      }
      case 'capture-bytes': {
        const [body, header] = one(captureBytesArb, s);
        return { kind, detail: header, data: withCaptureHeader(body, header) };
      }
      case 'capture-mutated': {
        const t = one(mutatedCaptureArbitrary, s);
        return { kind, detail: `seed capture ${t.seed}, ${t.mutations.map((m) => m.op).join('+')}`, data: buildMutatedCapture(captures, t) };
      }
      case 'capture-tcp': {
        const segments = one(tcpArb, s);
        return { kind, detail: `${segments.length} segments`, data: randomTcpStream(segments) };
      }
    }
  };
}

function run(input: Input): void {
  if (typeof input.data === 'string') analyzeText(input.data);
  else if (CAPTURE_KINDS.has(input.kind)) analyzeCaptureBytes(input.data);
  else analyzeBytes(input.data);
}

interface Slow {
  index: number;
  kind: Kind;
  detail: string;
  bytes: number;
  ms: number;
  msPerKb: number;
}

interface Report {
  tried: number;
  bytes: number;
  byKind: Record<string, number>;
  crashes: Array<{ index: number; kind: Kind; detail: string; error: string; file: string }>;
  slowest: Slow[];
}

const HANG_MS = 60_000;

function sizeOf(input: Input): number {
  return typeof input.data === 'string' ? input.data.length : input.data.length;
}

function saveInput(seed: number, index: number, input: Input, why: string): string {
  const file = join(tmpdir(), `sip-lens-fuzz-${seed}-${index}-${why}.bin`);
  writeFileSync(file, typeof input.data === 'string' ? Buffer.from(input.data, 'latin1') : input.data);
  return file;
}

function workerMain(): void {
  const { seed, deadline, progress } = workerData as { seed: number; deadline: number; progress: SharedArrayBuffer };
  const counter = new Int32Array(progress);
  const make = makeInputFactory();
  const report: Report = { tried: 0, bytes: 0, byKind: {}, crashes: [], slowest: [] };
  let lastPost = Date.now();
  for (let i = 0; Date.now() < deadline; i++) {
    Atomics.store(counter, 0, i);
    const input = make(i, seed);
    const size = sizeOf(input);
    const start = performance.now();
    try {
      run(input);
    } catch (error) {
      const message = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
      report.crashes.push({ index: i, kind: input.kind, detail: input.detail, error: message.slice(0, 2000), file: saveInput(seed, i, input, 'crash') });
    }
    let ms = performance.now() - start;
    const worthRetiming = (t: number) => report.slowest.length < 5 || t / Math.max(1, size / 1024) > report.slowest[report.slowest.length - 1].msPerKb;
    // A garbage collection or JIT pause can land on any input: time a would-be record twice more
    // and keep the best, so the list shows inputs that are slow, not unlucky.
    if (worthRetiming(ms) && report.crashes[report.crashes.length - 1]?.index !== i) {
      for (let again = 0; again < 2; again++) {
        const t0 = performance.now();
        run(input);
        ms = Math.min(ms, performance.now() - t0);
      }
    }
    report.tried++;
    report.bytes += size;
    report.byKind[input.kind] = (report.byKind[input.kind] ?? 0) + 1;
    // Per KB, but never dividing by less than 1 KB: tiny inputs are all fixed overhead.
    const slow: Slow = { index: i, kind: input.kind, detail: input.detail, bytes: size, ms, msPerKb: ms / Math.max(1, size / 1024) };
    if (report.slowest.length < 5 || slow.msPerKb > report.slowest[report.slowest.length - 1].msPerKb) {
      report.slowest.push(slow);
      report.slowest.sort((a, b) => b.msPerKb - a.msPerKb);
      report.slowest.length = Math.min(report.slowest.length, 5);
    }
    if (Date.now() - lastPost > 30_000) {
      parentPort?.postMessage({ type: 'progress', report });
      lastPost = Date.now();
    }
  }
  parentPort?.postMessage({ type: 'done', report });
}

function printReport(report: Report, seed: number, elapsedMs: number, final: boolean): void {
  const minutes = (elapsedMs / 60_000).toFixed(1);
  console.log(`${final ? 'DONE' : 'progress'} after ${minutes} min (seed ${seed}): ${report.tried} inputs, ${(report.bytes / 1048576).toFixed(1)} MB, ${report.crashes.length} crashes`);
  if (!final) return;
  console.log('inputs by kind:', Object.entries(report.byKind).map(([k, v]) => `${k} ${v}`).join(', '));
  console.log('slowest inputs per KB:');
  for (const s of report.slowest) {
    console.log(`  #${s.index} ${s.kind} (${s.detail || '-'}): ${(s.bytes / 1024).toFixed(1)} KB in ${s.ms.toFixed(1)} ms = ${s.msPerKb.toFixed(3)} ms/KB`);
  }
  for (const c of report.crashes.slice(0, 20)) {
    console.log(`CRASH #${c.index} ${c.kind} (${c.detail || '-'}), input saved to ${c.file}\n  ${c.error.split('\n').slice(0, 4).join('\n  ')}`);
  }
}

function main(): void {
  const args = process.argv.slice(2);
  const seedAt = args.indexOf('--seed');
  const seed = seedAt !== -1 ? Number(args[seedAt + 1]) : Date.now() % 1_000_000_007;
  const minutes = Number(args.find((a, i) => !a.startsWith('--') && (seedAt === -1 || i !== seedAt + 1)) ?? 10);
  if (!Number.isFinite(minutes) || minutes <= 0 || !Number.isFinite(seed)) {
    console.error('usage: node --import tsx scripts/fuzz-long.ts [MINUTES] [--seed N]');
    process.exit(2);
  }
  const started = Date.now();
  const deadline = started + minutes * 60_000;
  const progress = new SharedArrayBuffer(4);
  const counter = new Int32Array(progress);
  console.log(`fuzzing the analysis library for ${minutes} min, seed ${seed}`);
  // The worker loads this same file through tsx's require hook (a .ts path alone is refused).
  const boot = `require('tsx/cjs'); require(${JSON.stringify(__filename)});`;
  const worker = new Worker(boot, { eval: true, workerData: { seed, deadline, progress } });
  let lastIndex = -1;
  let lastChange = Date.now();
  const watchdog = setInterval(() => {
    const index = Atomics.load(counter, 0);
    if (index !== lastIndex) {
      lastIndex = index;
      lastChange = Date.now();
      return;
    }
    if (Date.now() - lastChange > HANG_MS) {
      clearInterval(watchdog);
      const input = makeInputFactory()(index, seed);
      const file = saveInput(seed, index, input, 'hang');
      console.log(`HANG: input #${index} (${input.kind}, ${input.detail || '-'}, ${sizeOf(input)} bytes) ran for over ${HANG_MS / 1000} s; saved to ${file}`);
      void worker.terminate();
      process.exitCode = 1;
    }
  }, 1000);
  worker.on('message', (msg: { type: 'progress' | 'done'; report: Report }) => {
    printReport(msg.report, seed, Date.now() - started, msg.type === 'done');
    if (msg.type === 'done') {
      clearInterval(watchdog);
      if (msg.report.crashes.length > 0) process.exitCode = 1;
    }
  });
  worker.on('error', (error) => {
    clearInterval(watchdog);
    console.log(`worker died: ${error instanceof Error ? error.stack : String(error)}`);
    process.exitCode = 1;
  });
}

if (isMainThread) main();
else workerMain();
