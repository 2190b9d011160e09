// What SIP Lens shows for a trace, reduced to hashes: the JSON summary (as the CLI prints it,
// from the file's bytes) and the editor features (diagnostics, hovers, symbols, code lenses,
// folding, definitions and call flows, from the document text). The identical-output test
// compares them with test/unit/outputHashes.json, so a change to the analysis core cannot alter
// what users see by accident.
//
// A change that alters output on purpose regenerates the file in the same commit
// (`npm run test:update-hashes`) and says in its message why the output changed.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { analyzeTrace } from '../../server/src/analysis/analyze';
import { analyzeCapture, detectCapture } from '../../server/src/analysis/capture';
import { decodeTraceBytes } from '../../server/src/analysis/source';
import { summarize } from '../../server/src/analysis/summary';
import { computeCallFlow } from '../../server/src/features/callFlow';
import { computeCodeLenses } from '../../server/src/features/codeLens';
import { computeDefinition } from '../../server/src/features/definition';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { computeFoldingRanges } from '../../server/src/features/folding';
import { computeHover } from '../../server/src/features/hover';
import { lineSourceOf } from '../../server/src/features/lookup';
import { computeDocumentSymbols } from '../../server/src/features/symbols';
import { defaultSettings } from '../../server/src/settings';
import { frame, BENCH_FORMATS } from '../bench/framing';
import { TrafficGenerator } from '../bench/traffic';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const HASHES_FILE = join(REPO_ROOT, 'test', 'unit', 'outputHashes.json');

export type OutputHashes = Record<string, Record<string, string>>;

/** A named input: a fixture file or a generated bench trace. */
export interface HashInput {
  name: string;
  bytes: Buffer;
}

function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else if (!name.endsWith('.json')) out.push(path);
  }
  return out;
}

/** A small bench trace (same generator and seed as `npm run bench`), built in memory. */
function benchTrace(format: (typeof BENCH_FORMATS)[number], bytes: number): Buffer {
  const traffic = new TrafficGenerator(20261121);
  const parts: string[] = [];
  let length = 0;
  let n = 0;
  for (;;) {
    const event = traffic.next();
    if (!event) break;
    const text = frame(format, event, n++);
    parts.push(text);
    length += text.length;
    if (length + traffic.pendingMessages * 1000 >= bytes) traffic.stopStarting();
  }
  return Buffer.from(parts.join(''), 'latin1');
}

/** Every fixture under test/fixtures, and a 300 kB trace in each bench framing. */
export function hashInputs(): HashInput[] {
  const fixtures = join(REPO_ROOT, 'test', 'fixtures');
  const inputs: HashInput[] = filesUnder(fixtures).map((path) => ({
    name: relative(REPO_ROOT, path),
    bytes: readFileSync(path),
  }));
  for (const format of BENCH_FORMATS) inputs.push({ name: `bench:${format}`, bytes: benchTrace(format, 300_000) });
  return inputs;
}

/** The hashes of everything shown for one input. */
export function outputHashesOf(input: HashInput): Record<string, string> {
  // A packet capture is shown as its text rendering (what Open as Text Trace opens).
  if (detectCapture(input.bytes)) {
    const capture = analyzeCapture(input.bytes, {});
    return editorHashes(input.name, capture.text, JSON.stringify(summarize(capture.analysis, capture.encapsulations), null, 2));
  }
  // The CLI's path: bytes decoded (Latin-1 fast path), then the summary as `--json` prints it.
  const decoded = decodeTraceBytes(input.bytes);
  const cliAnalysis = analyzeTrace(decoded.unreadable ? '' : decoded.text, { redecode: decoded.redecode });
  cliAnalysis.notices.unshift(...decoded.notices);
  const summaryJson = JSON.stringify(summarize(cliAnalysis), null, 2);
  // The editor's path: the document text as VS Code holds it.
  return editorHashes(input.name, input.bytes.toString('utf8'), summaryJson);
}

/** The summary's hash beside those of every editor feature on `text`. */
function editorHashes(name: string, text: string, summaryJson: string): Record<string, string> {
  const analysis = analyzeTrace(text);
  const lines = lineSourceOf(text);
  const uri = `file:///${name}`;
  const hovers: unknown[] = [];
  const definitions: unknown[] = [];
  const count = analysis.messages.length;
  for (let i = 0; i < count; i++) {
    const frameOf = analysis.messages[i]!.frame;
    // The start line, a few header lines, and the marker line when there is one.
    const probe = new Set([frameOf.firstLine, frameOf.startLine]);
    for (let line = frameOf.startLine + 1; line <= Math.min(frameOf.lastLine, frameOf.startLine + 8); line++) probe.add(line);
    for (const line of probe) {
      for (const character of [0, frameOf.startColumn]) {
        hovers.push([line, character, computeHover(analysis, { line, character }, lines)]);
      }
      definitions.push([line, computeDefinition(uri, analysis, { line, character: 0 }, lines)]);
    }
  }
  const callIds = [...new Set(analysis.calls.map((c) => c.callId).concat(analysis.transactions.map((t) => t.callId)))];
  return {
    summary: hash(summaryJson),
    diagnostics: hash(computeDiagnostics(uri, analysis, lines, defaultSettings())),
    hovers: hash(hovers),
    symbols: hash(computeDocumentSymbols(analysis, lines)),
    lenses: hash(computeCodeLenses(uri, analysis, lines)),
    folding: hash(computeFoldingRanges(analysis)),
    definitions: hash(definitions),
    callFlows: hash(callIds.map((id) => computeCallFlow(analysis, id))),
  };
}

export function computeAllHashes(): OutputHashes {
  const all: OutputHashes = {};
  for (const input of hashInputs()) all[input.name] = outputHashesOf(input);
  return all;
}

if (require.main === module) {
  // `npm run test:update-hashes`: writes the current output's hashes.
  const { writeFileSync } = require('node:fs') as typeof import('node:fs');
  writeFileSync(HASHES_FILE, JSON.stringify(computeAllHashes(), null, 2) + '\n');
  process.stdout.write(`wrote ${relative(REPO_ROOT, HASHES_FILE)}\n`);
}
