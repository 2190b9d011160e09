// Shared by test/unit/fuzz.test.ts (bounded, in CI) and scripts/fuzz-long.ts (minutes long):
// seed traces, mutations that keep them realistic, stress inputs, and the invariants every
// analysis result must satisfy whatever the input.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyzeTrace } from '../../server/src/analysis/analyze';
import { decodeTraceBytes } from '../../server/src/analysis/source';
import { summarize } from '../../server/src/analysis/summary';
import { OUTCOMES, type TraceAnalysis } from '../../server/src/analysis/types';

const FIXTURES = join(__dirname, '..', 'fixtures');

/** A small trace of each kind, so the helpers work even without the fixture tree. */
const BUILT_IN_SEEDS: string[] = [
  [
    'INVITE sip:2002@10.0.0.2 SIP/2.0',
    'Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-1',
    'From: <sip:1001@10.0.0.1>;tag=a',
    'To: <sip:2002@10.0.0.2>',
    'Call-ID: seed-1',
    'CSeq: 1 INVITE',
    'Content-Type: application/sdp',
    'Content-Length: 10',
    '',
    'v=0\r\ns=-\r\n',
  ].join('\r\n'),
  [
    '----------------------------------------------- 2024-05-01 12:00:00.000000',
    'UDP message received [300] bytes :',
    '',
    'SIP/2.0 486 Busy Here',
    'Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-1',
    'From: <sip:1001@10.0.0.1>;tag=a',
    'To: <sip:2002@10.0.0.2>;tag=b',
    'Call-ID: seed-1',
    'CSeq: 1 INVITE',
    'Content-Length: 0',
    '',
    '',
  ].join('\n'),
  [
    'U 2024/05/01 12:00:00.100000 10.0.0.2:5060 -> 10.0.0.1:5060 #',
    'SIP/2.0 180 Ringing..Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-1..From: <sip:1001@10.0.0.1>;tag=a..To: <sip:2002@10.0.0.2>;tag=b..Call-ID: seed-1..CSeq: 1 INVITE..Content-Length: 0....',
    '',
  ].join('\n'),
];

function listFiles(dir: string): string[] {
  const out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names.sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path));
    else out.push(path);
  }
  return out;
}

/** Realistic traces to mutate: every text fixture of every format, plus the built-in ones. */
export function loadSeeds(): string[] {
  const files = listFiles(FIXTURES).filter((f) => !/\.(json|md|pcap|pcapng)$/i.test(f) && !f.includes(`${join('fixtures', 'binary')}`));
  const seeds = files.map((f) => readFileSync(f).toString('latin1')).filter((t) => t.length > 0 && t.length < 64 * 1024);
  return [...BUILT_IN_SEEDS, ...seeds];
}

// ---------------------------------------------------------------------------------------------
// Mutations

export type Mutation =
  | { op: 'truncate'; at: number }
  | { op: 'deleteLines'; at: number; count: number }
  | { op: 'duplicateLine'; at: number; times: number }
  | { op: 'moveLine'; from: number; to: number }
  | { op: 'splice'; at: number; other: number; from: number; length: number }
  | { op: 'lineEndings'; to: 'lf' | 'crlf' | 'cr' | 'mixed'; salt: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'nul'; at: number; count: number }
  | { op: 'hugeValue'; line: number; size: number }
  | { op: 'contentLength'; value: string }
  | { op: 'fold'; line: number; count: number }
  | { op: 'indent'; from: number; count: number; indent: string }
  | { op: 'digits'; at: number; digit: string };

const SPECIAL_TEXT = fc.oneof(
  fc.constantFrom(
    '\r',
    '\n',
    '\r\n',
    '\r\n\r\n',
    ' ',
    '\t',
    ':',
    ';',
    '<',
    '>',
    '"',
    '\\',
    '%',
    '\u0000',
    '\u00ff',
    '\ufeff',
    'SIP/2.0 ',
    'SIP/2.0 200 OK\r\n',
    'INVITE sip:x@y SIP/2.0\r\n',
    'Content-Length: 99999999\r\n',
    'l: -1\r\n',
    'Call-ID: \r\n',
    '----------------------------------------------- 2024-05-01 12:00:00.000000\n',
    'UDP message sent (584 bytes):\n',
    '<--- Received SIP request (584 bytes) from UDP:1.2.3.4:5060 --->\n',
    '<--- SIP read from UDP:1.2.3.4:5060 --->\n',
    '<------------->\n',
    'recv 584 bytes from udp/[1.2.3.4]:5090 at 12:30:57.916812:\n',
    '   ------------------------------------------------------------------------\n',
    '====================\n',
    '~~~~~~~~~~~~~~~~~~~~\n',
    '||||||||||||||||||||\n',
    'U 2013/07/19 22:17:34.920749 1.2.3.4:5060 -> 5.6.7.8:5060\n',
    '#\n',
    '2024/05/01 12:00:00.123456 10.0.0.1:5060 -> 10.0.0.2:5060\n',
    '[Mar 30 13:35:40] VERBOSE[123] ',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

export function mutationArb(seedCount: number): fc.Arbitrary<Mutation> {
  const pos = fc.nat({ max: 1 << 20 });
  return fc.oneof(
    fc.record({ op: fc.constant('truncate' as const), at: pos }),
    fc.record({ op: fc.constant('deleteLines' as const), at: pos, count: fc.integer({ min: 1, max: 20 }) }),
    fc.record({ op: fc.constant('duplicateLine' as const), at: pos, times: fc.integer({ min: 1, max: 50 }) }),
    fc.record({ op: fc.constant('moveLine' as const), from: pos, to: pos }),
    fc.record({
      op: fc.constant('splice' as const),
      at: pos,
      other: fc.nat({ max: Math.max(0, seedCount - 1) }),
      from: pos,
      length: fc.integer({ min: 1, max: 4000 }),
    }),
    fc.record({ op: fc.constant('lineEndings' as const), to: fc.constantFrom('lf' as const, 'crlf' as const, 'cr' as const, 'mixed' as const), salt: fc.nat() }),
    fc.record({ op: fc.constant('insert' as const), at: pos, text: SPECIAL_TEXT }),
    fc.record({ op: fc.constant('nul' as const), at: pos, count: fc.integer({ min: 1, max: 64 }) }),
    fc.record({ op: fc.constant('hugeValue' as const), line: pos, size: fc.integer({ min: 1000, max: 200_000 }) }),
    fc.record({
      op: fc.constant('contentLength' as const),
      value: fc.oneof(fc.constantFrom('99999999', '-1', '', 'abc', '4294967296', '1e9', ' 12 '), fc.nat().map(String)),
    }),
    fc.record({ op: fc.constant('fold' as const), line: pos, count: fc.integer({ min: 1, max: 2000 }) }),
    fc.record({ op: fc.constant('indent' as const), from: pos, count: fc.integer({ min: 1, max: 100 }), indent: fc.constantFrom('   ', '\t', ' ') }),
    fc.record({ op: fc.constant('digits' as const), at: pos, digit: fc.constantFrom('0', '9', '99999', '') }),
  );
}

function splitLines(text: string): string[] {
  return text.split('\n');
}

function lineIndex(lines: string[], at: number): number {
  return lines.length === 0 ? 0 : at % lines.length;
}

/** Applies one mutation; positions wrap around the text so every generated value is usable. */
export function applyMutation(text: string, m: Mutation, seeds: readonly string[]): string {
  const at = (n: number) => (text.length === 0 ? 0 : n % (text.length + 1));
  switch (m.op) {
    case 'truncate':
      return text.slice(0, at(m.at));
    case 'deleteLines': {
      const lines = splitLines(text);
      lines.splice(lineIndex(lines, m.at), m.count);
      return lines.join('\n');
    }
    case 'duplicateLine': {
      const lines = splitLines(text);
      const i = lineIndex(lines, m.at);
      lines.splice(i, 0, ...new Array<string>(m.times).fill(lines[i] ?? ''));
      return lines.join('\n');
    }
    case 'moveLine': {
      const lines = splitLines(text);
      const [line] = lines.splice(lineIndex(lines, m.from), 1);
      lines.splice(lineIndex(lines, m.to), 0, line ?? '');
      return lines.join('\n');
    }
    case 'splice': {
      const other = seeds[m.other % seeds.length] ?? '';
      const from = other.length === 0 ? 0 : m.from % other.length;
      const p = at(m.at);
      return text.slice(0, p) + other.slice(from, from + m.length) + text.slice(p);
    }
    case 'lineEndings': {
      const bare = text.replace(/\r\n/g, '\n');
      if (m.to === 'lf') return bare;
      if (m.to === 'crlf') return bare.replace(/\n/g, '\r\n');
      if (m.to === 'cr') return bare.replace(/\n/g, '\r');
      let salt = m.salt;
      return bare.replace(/\n/g, () => {
        salt = (salt * 1103515245 + 12345) >>> 0;
        return ['\n', '\r\n', '\r', '\n\r'][salt % 4];
      });
    }
    case 'insert': {
      const p = at(m.at);
      return text.slice(0, p) + m.text + text.slice(p);
    }
    case 'nul': {
      const p = at(m.at);
      return text.slice(0, p) + '\u0000'.repeat(m.count) + text.slice(p);
    }
    case 'hugeValue': {
      const lines = splitLines(text);
      const i = lineIndex(lines, m.line);
      const line = lines[i] ?? '';
      const cr = line.endsWith('\r') ? '\r' : '';
      lines[i] = line.slice(0, line.length - cr.length) + 'x'.repeat(m.size) + cr;
      return lines.join('\n');
    }
    case 'contentLength':
      return text.replace(/^(Content-Length|l)[ \t]*:[^\r\n]*/gim, (_all, name: string) => `${name}: ${m.value}`);
    case 'fold': {
      const lines = splitLines(text);
      const i = lineIndex(lines, m.line);
      lines.splice(i + 1, 0, ...new Array<string>(m.count).fill(' folded\r'));
      return lines.join('\n');
    }
    case 'indent': {
      const lines = splitLines(text);
      const start = lineIndex(lines, m.from);
      for (let i = start; i < Math.min(lines.length, start + m.count); i++) lines[i] = m.indent + lines[i];
      return lines.join('\n');
    }
    case 'digits': {
      const p = at(m.at);
      const match = /\d+/.exec(text.slice(p));
      if (!match) return text;
      const s = p + match.index;
      return text.slice(0, s) + m.digit + text.slice(s + match[0].length);
    }
  }
}

export interface MutatedTrace {
  seed: number;
  mutations: Mutation[];
}

export function mutatedTraceArb(seeds: readonly string[], maxMutations = 6): fc.Arbitrary<MutatedTrace> {
  return fc.record({
    seed: fc.nat({ max: seeds.length - 1 }),
    mutations: fc.array(mutationArb(seeds.length), { minLength: 1, maxLength: maxMutations }),
  });
}

export function buildMutated(seeds: readonly string[], t: MutatedTrace): string {
  let text = seeds[t.seed];
  for (const m of t.mutations) text = applyMutation(text, m, seeds);
  return text;
}

// ---------------------------------------------------------------------------------------------
// Stress inputs: each generator makes an input of roughly `n` units (lines, headers…), so that
// the cost of g(10n) against g(n) shows whether the work grows faster than the input.

const HEAD = [
  'INVITE sip:2002@10.0.0.2 SIP/2.0',
  'Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-1',
  'From: <sip:1001@10.0.0.1>;tag=a',
  'To: <sip:2002@10.0.0.2>',
  'Call-ID: stress',
  'CSeq: 1 INVITE',
  '',
].join('\r\n');

const MESSAGE = (i: number) =>
  [
    `INVITE sip:2002@10.0.0.2 SIP/2.0`,
    `Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-${i}`,
    `From: <sip:1001@10.0.0.1>;tag=a${i}`,
    'To: <sip:2002@10.0.0.2>',
    `Call-ID: stress-${i}`,
    `CSeq: 1 INVITE`,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');

/** Generators whose every unit is a whole framed message: a smaller n keeps their runs short. */
export const MESSAGE_HEAVY = new Set(['bare start lines', 'bare start lines, blank between', 'ngrep markers']);

export const STRESS: Record<string, (n: number) => string> = {
  'one long line': (n) => 'x'.repeat(n * 100),
  'one long SIP-looking line': (n) => 'SIP/2.0 200 OK '.repeat(n * 7),
  'one huge header value': (n) => `${HEAD}X-Huge: ${'v'.repeat(n * 100)}\r\nContent-Length: 0\r\n\r\n`,
  'many headers in one message': (n) => `${HEAD}${'X-Header: value\r\n'.repeat(n)}Content-Length: 0\r\n\r\n`,
  'one deeply folded header': (n) => `${HEAD}X-Folded: start\r\n${' more\r\n'.repeat(n)}Content-Length: 0\r\n\r\n`,
  'Content-Length beyond the file': (n) => `${HEAD}Content-Length: 999999999\r\n\r\n${'v=0\r\n'.repeat(n)}`,
  'bare start lines': (n) => 'SIP/2.0 200 OK\r\n'.repeat(n),
  'bare start lines, blank between': (n) => 'INVITE sip:a@b SIP/2.0\r\n\r\n'.repeat(n),
  'complete messages': (n) => Array.from({ length: Math.ceil(n / 9) }, (_, i) => MESSAGE(i)).join(''),
  'sipp markers, nothing after': (n) => '----------------------------------------------- 2024-05-01 12:00:00.000000\nUDP message sent (584 bytes):\n\n'.repeat(Math.ceil(n / 3)),
  'pjsip markers, nothing after': (n) => '<--- Received SIP request (584 bytes) from UDP:1.2.3.4:5060 --->\n'.repeat(n),
  'chan_sip opened, never closed': (n) => `<--- SIP read from UDP:1.2.3.4:5060 --->\n${'X-Header: value\n'.repeat(n)}`,
  'kamailio separators': (n) => '====================\ntag: x\n~~~~~~~~~~~~~~~~~~~~\n'.repeat(Math.ceil(n / 3)),
  'ngrep markers': (n) => 'U 2013/07/19 22:17:34.920749 1.2.3.4:5060 -> 5.6.7.8:5060\n'.repeat(n),
  'ngrep single lines of dots': (n) => `U 1.2.3.4:5060 -> 5.6.7.8:5060 #\nSIP/2.0 200 OK${'..'.repeat(n * 10)}\n`,
  'freeswitch dashes': (n) => 'recv 584 bytes from udp/[1.2.3.4]:5090 at 12:30:57.916812:\n   ' + '-'.repeat(72) + '\n'.repeat(n),
  'CR only': (n) => `${MESSAGE(0)}${'X: y\r'.repeat(n)}`,
  // A NUL now and then, as a crashed logger leaves: few enough that the text is still read.
  'NUL-sprinkled text': (n) => `${MESSAGE(0)}${`X-N: ${'a'.repeat(60)}\u0000\r\n`.repeat(n)}${MESSAGE(1)}`,
  'many short calls sharing a Call-ID': (n) => Array.from({ length: Math.ceil(n / 9) }, (_, i) => MESSAGE(i).replace(/stress-\d+/, 'same')).join(''),
};

// ---------------------------------------------------------------------------------------------
// Invariants

/** Throws (with a reason) when an analysis result is inconsistent with its input. */
export function checkAnalysis(text: string, analysis: TraceAnalysis): void {
  const fail = (why: string): never => {
    throw new Error(`invariant broken: ${why}`);
  };
  const n = analysis.messages.length;
  if (analysis.callOf.length !== n || analysis.transactionOf.length !== n || analysis.requestOf.length !== n) {
    fail('index arrays do not match the message count');
  }
  // Lines end in LF; a text with no LF at all but bare CRs is an old Mac-style file, read by CR.
  const lineEnd = text.indexOf('\n') === -1 && text.indexOf('\r') !== -1 ? '\r' : '\n';
  let lines = 1;
  for (let i = text.indexOf(lineEnd); i !== -1; i = text.indexOf(lineEnd, i + 1)) lines++;
  if (analysis.lineCount !== lines) fail(`lineCount ${analysis.lineCount} != ${lines}`);
  let previous = -1;
  for (let i = 0; i < n; i++) {
    const m = analysis.messages[i];
    const f = m.frame;
    if (m.index !== i) fail(`message ${i} has index ${m.index}`);
    if (!(f.firstLine >= 0 && f.firstLine <= f.startLine && f.startLine <= f.lastLine && f.lastLine < lines)) {
      fail(`message ${i} lines ${f.firstLine}/${f.startLine}/${f.lastLine} of ${lines}`);
    }
    if (f.startLine < previous) fail(`message ${i} out of file order`);
    previous = f.startLine;
    if (f.startColumn < 0) fail(`message ${i} start column ${f.startColumn}`);
    if (f.lineMap) {
      const count = f.text.split('\n').length;
      if (f.lineMap.length !== count) fail(`message ${i} lineMap has ${f.lineMap.length} entries for ${count} lines`);
      if (f.lineMap.some((l) => l < 0 || l >= lines)) fail(`message ${i} lineMap points outside the file`);
    }
    if (!Array.isArray(m.sip.problems)) fail(`message ${i} has no problem list`);
    if (m.sip.kind === 'invalid' && m.sip.problems.length === 0) fail(`message ${i} is invalid without a reason`);
    const r = analysis.requestOf[i];
    if (r < -1 || r >= n) fail(`requestOf[${i}] = ${r}`);
  }
  for (const call of analysis.calls) {
    if (!OUTCOMES.includes(call.outcome)) fail(`call outcome ${call.outcome}`);
    for (const idx of [call.firstInvite, call.lastInvite, ...call.messages]) {
      if (!(idx >= 0 && idx < n)) fail(`call ${call.callId} refers to message ${idx}`);
    }
  }
  for (const t of analysis.transactions) {
    if (!(t.first >= 0 && t.first < n)) fail(`transaction ${t.callId} refers to message ${t.first}`);
  }
  // The summary must serialise (no cycles, no BigInt, no undefined numbers).
  const summary = summarize(analysis);
  if (summary.messages !== n) fail(`summary counts ${summary.messages} messages, analysis ${n}`);
  JSON.stringify(summary);
}

/** The whole pipeline as the CLI runs it on a file's bytes. */
export function analyzeBytes(bytes: Buffer): void {
  const decoded = decodeTraceBytes(bytes);
  if (decoded.unreadable) {
    if (decoded.text !== '' || !decoded.notices.some((n) => n.kind === 'binary')) throw new Error('invariant broken: binary without its notice');
    return;
  }
  const analysis = analyzeTrace(decoded.text, { redecode: decoded.redecode });
  checkAnalysis(decoded.text, analysis);
}

export function analyzeText(text: string): TraceAnalysis {
  const analysis = analyzeTrace(text);
  checkAnalysis(text, analysis);
  return analysis;
}

/**
 * fast-check settings of the quick property runs: a fixed seed, so a failure in CI reproduces
 * (scripts/fuzz-long.ts explores with fresh seeds), and a stop at the first failure.
 */
export function quickRun(seed: number, numRuns: number): { seed: number; numRuns: number; endOnFailure: true } {
  return { seed, numRuns, endOnFailure: true };
}

/** Best of `runs` timings of `fn`, in milliseconds. */
export function bestTime(fn: () => void, runs: number): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

export interface ScalingOptions {
  /** The smaller input is grown (doubling n) until one run takes at least this long… */
  floorMs?: number;
  /** …or until it holds this many characters. */
  maxChars?: number;
  /** Below this (all repetitions together), a run is too short to time: the check fails rather than pass unmeasured. */
  minMeasurableMs?: number;
  /** The larger input is make(n × factor)… */
  factor?: number;
  /** …and may cost at most this many times the smaller one. */
  maxRatio?: number;
  attempts?: number;
}

/**
 * Whether `run` costs time in proportion to the size of `make(n)`: undefined when it does, else
 * why not. Inputs are sized by time, not fixed: n doubles from 1 until `run(make(n))` takes
 * `floorMs` (or, at `maxChars`, is repeated until it does), so the smaller run is long enough to
 * time and no additive slack is needed. Then
 * `factor`× the input may cost at most `maxRatio`× the time. With the defaults (8×, at most
 * 24×) a linear run costs about 8×, n log n about 10×, and a quadratic one 64×: a quadratic
 * step fails as soon as it takes more than about 30% of the smaller run.
 */
export function scalingProblem(make: (n: number) => string, run: (text: string) => void, options: ScalingOptions = {}): string | undefined {
  const { floorMs = 5, maxChars = 8_000_000, minMeasurableMs = 0.4, factor = 8, maxRatio = 24, attempts = 5 } = options;
  let n = 1;
  let small = make(n);
  run(small); // warm up the JIT on this shape
  let tSmall = bestTime(() => run(small), 3);
  while (tSmall < floorMs && small.length * 2 <= maxChars) {
    n *= 2;
    small = make(n);
    run(small);
    tSmall = bestTime(() => run(small), 3);
  }
  // Some shapes are scanned at memory speed and stay under the floor at the size cap: time each
  // input several times over, the same number for both, so the ratio stays that of one run.
  const reps = tSmall >= floorMs ? 1 : Math.min(1000, Math.ceil(floorMs / Math.max(tSmall, 0.005)));
  const timed = (text: string) => () => {
    for (let i = 0; i < reps; i++) run(text);
  };
  const large = make(n * factor);
  run(large);
  let verdict = '';
  for (let attempt = 0; attempt < attempts; attempt++) {
    // On a loaded machine one measurement can be unlucky; a quadratic step fails every time.
    tSmall = bestTime(timed(small), 3);
    const tLarge = bestTime(timed(large), 3);
    const runs = reps > 1 ? ` (${reps} runs each)` : '';
    const sizes = `${(small.length / 1024).toFixed(0)} KB (n=${n}) in ${tSmall.toFixed(2)} ms, ${factor}× in ${tLarge.toFixed(1)} ms${runs}`;
    if (tSmall < minMeasurableMs) return `too fast to time: ${sizes}; raise maxChars`;
    if (tLarge <= maxRatio * tSmall) return undefined;
    verdict = `${sizes}: ${(tLarge / tSmall).toFixed(1)}× the time for ${factor}× the input (at most ${maxRatio}×)`;
  }
  return verdict;
}
