// The command-line front end: `sip-lens summary FILE [--json|--markdown|--csv] [--fail-on …] [--local …]`
// (several files or folders: one combined report), `sip-lens text CAPTURE [-o OUT]` and
// `sip-lens extract FILE --call ID … | --outcome … [--group] [--text] [-o OUT]` (from a capture:
// a capture of those calls' packets, or with --text their text rendering).
// Exit codes (DESIGN.md): 0 done; 1 --fail-on matched a call (extract: no call matched); 2 missing
// or unreadable file, bytes that are neither a packet capture nor a text trace, or bad usage.
import { readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { analyzeTrace } from './analysis/analyze';
import { analyzeCapture, captureToText, detectCapture } from './analysis/capture';
import { extractCapturePackets } from './analysis/capture/extract';
import { extractCalls, selectCalls } from './analysis/extract';
import { combineSummaries, type MultiSummary, multiToCsv, multiToMarkdown, multiToTable } from './analysis/multiSummary';
import { callsToCsv, toMarkdown, toTable } from './analysis/report';
import { decodeTraceBytes, type DecodedTrace } from './analysis/source';
import { summarize, type Summary, type SummaryCall } from './analysis/summary';
import { FINDING_CODES, type FindingCode, isFindingCode } from './analysis/findings/types';
import { OUTCOMES, type Outcome, type TraceAnalysis } from './analysis/types';
import { traceFilesIn, traceKindOf } from './traceFiles';
import { withProgress } from './cliProgress';
import { formatNumber, setLocale, t, tn } from './analysis/l10n';

/** The help in the reader's language; command and option names stay as they are typed. */
function usage(): string {
  return t(`Usage: sip-lens summary FILE|DIR ... [options]
       sip-lens text CAPTURE [-o OUT]
       sip-lens extract FILE (--call CALL-ID ... | --outcome LIST) [--group] [--text] [-o OUT]

summary  Summarises the calls in a SIP trace (SIPp, Asterisk, FreeSWITCH, Kamailio, ngrep,
         sngrep or raw SIP) or a packet capture (pcap, pcapng, also gzip'd; SIP over UDP,
         TCP, WebSocket, SCTP or HEP, on any port).
text     Prints a packet capture's SIP messages as a text trace, each under a marker line
         with its frame number, capture time, transport and addresses
         (#12 2026-11-21 23:22:27.183456 UDP 192.0.2.1:5060 -> 192.0.2.2:5060);
         SIP Lens reads that text back with the same summary.
         With several files or a folder (searched for trace files by content), summary
         gives one report: a row per file, the totals and the ASR.
extract  Writes a new trace with only the chosen calls' messages, copied verbatim in the
         source's framing. From a capture: a capture (pcap or pcapng, as the source) of
         only the frames that carried them, every IP fragment and TCP segment, as
         captured; with --text, or -o ending in .txt, .sip or .log, their text rendering.

Extract options:
  --call CALL-ID       take this call (repeat, or comma-separated)
  --outcome LIST       take the calls with these outcomes (comma-separated)
  --group              also take the other legs of each chosen call (B2BUA legs)
  --text               from a capture: write the text rendering, not packets

Options:
  --json               print the summary object (see README)
  --markdown           print a Markdown report
  --csv                print the call list as CSV
  --fail-on LIST       exit 1 when any call has one of these outcomes or findings
                       (comma-separated outcomes: {0};
                       finding codes: {1})
  --local ADDRESSES    comma-separated addresses of the local host, for traces that
                       record only addresses (ngrep, sngrep, raw SIP, captures);
                       without it the side that sent a call's first INVITE is local
  -o, --output OUT     (text, extract) write to OUT instead of standard output
  --lang LANGUAGE      language of the output: en, ru, tr, es or pt-br (default: from
                       LC_ALL, LC_MESSAGES or LANG)
  -h, --help           show this help
`, OUTCOMES.join(', '), FINDING_CODES.join(', '));
}

type OutputFormat = 'table' | 'json' | 'markdown' | 'csv';

interface CliArgs {
  command: 'summary' | 'text' | 'extract';
  /** Files (and, for summary, folders) as given. */
  files: string[];
  /** `text`: where to write; standard output when empty. */
  out: string;
  output: OutputFormat;
  failOn: Outcome[];
  failOnFindings: FindingCode[];
  local: string[];
  /** extract: Call-IDs, outcomes, and whether the other legs come along. */
  calls: string[];
  outcomes: Outcome[];
  group: boolean;
  /** extract from a capture: the text rendering instead of packets. */
  text: boolean;
}

function outcomeList(option: string, value: string): Outcome[] {
  const list: Outcome[] = [];
  for (const word of value.split(',').map((w) => w.trim()).filter(Boolean)) {
    if (!(OUTCOMES as readonly string[]).includes(word)) throw new UsageError(t('{0}: unknown outcome "{1}" (one of {2})', option, word, OUTCOMES.join(', ')));
    list.push(word as Outcome);
  }
  return list;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): CliArgs | 'help' {
  if (argv.includes('-h') || argv.includes('--help') || argv.length === 0) return 'help';
  const [command, ...rest] = argv;
  if (command !== 'summary' && command !== 'text' && command !== 'extract') throw new UsageError(t('unknown command "{0}"', command));
  const args: CliArgs = { command, files: [], out: '', output: 'table', failOn: [], failOnFindings: [], local: [], calls: [], outcomes: [], group: false, text: false };
  const extractOnly = (flag: string) => {
    if (command !== 'extract') throw new UsageError(t('{0} belongs to extract', flag));
  };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? rest[++i];
      if (v === undefined) throw new UsageError(t('{0} needs a value', flag));
      return v;
    };
    switch (flag) {
      case '--json':
        args.output = 'json';
        break;
      case '--markdown':
        args.output = 'markdown';
        break;
      case '--csv':
        args.output = 'csv';
        break;
      case '--fail-on':
        for (const word of value().split(',').map((w) => w.trim()).filter(Boolean)) {
          if ((OUTCOMES as readonly string[]).includes(word)) args.failOn.push(word as Outcome);
          else if (isFindingCode(word)) args.failOnFindings.push(word);
          else throw new UsageError(t('--fail-on: unknown outcome or finding "{0}" (outcomes: {1}; findings: {2})', word, OUTCOMES.join(', '), FINDING_CODES.join(', ')));
        }
        break;
      case '--lang':
        value(); // chosen before parsing (see chooseLanguage), so its messages are translated too
        break;
      case '--local':
        args.local.push(...value().split(',').map((w) => w.trim()).filter(Boolean));
        break;
      case '--call':
        extractOnly(flag);
        args.calls.push(...value().split(',').map((w) => w.trim()).filter(Boolean));
        break;
      case '--outcome':
        extractOnly(flag);
        args.outcomes.push(...outcomeList(flag, value()));
        break;
      case '--group':
        extractOnly(flag);
        args.group = true;
        break;
      case '--text':
        extractOnly(flag);
        args.text = true;
        break;
      case '-o':
      case '--output':
        if (command === 'summary') throw new UsageError(t('{0} is for the text and extract commands', flag));
        args.out = value();
        break;
      default:
        if (flag.startsWith('-')) throw new UsageError(t('unknown option "{0}"', flag));
        if (command !== 'summary' && args.files.length > 0) throw new UsageError(t('one file at a time ("{0}" and "{1}")', args.files[0], flag));
        args.files.push(flag);
    }
  }
  if (args.files.length === 0) throw new UsageError(t('{0} needs a FILE', command));
  if (command === 'extract' && args.calls.length === 0 && args.outcomes.length === 0) throw new UsageError(t('extract needs --call or --outcome'));
  return args;
}

/** The bytes of a file; a string is the one-line reason it could not be read. */
function readBytes(file: string): Buffer | string {
  try {
    if (statSync(file).isDirectory()) return t('{0} is a directory, not a trace file', file);
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return t('{0}: no such file', file);
    if (code === 'EACCES' || code === 'EPERM') return t('{0}: permission denied', file);
    return t('{0}: cannot be read ({1})', file, (error as Error).message);
  }
}

/** Decodes a text trace's bytes; a string is the one-line reason they are not text. */
function decodeTrace(file: string, bytes: Buffer): DecodedTrace | string {
  const decoded = decodeTraceBytes(bytes);
  if (decoded.unreadable) return `${file}: ${decoded.notices[0]?.message ?? t('binary file, not a text trace')}`;
  return decoded;
}

type AnalysedFile = { analysis: TraceAnalysis; text: string; latin1: boolean; encapsulations?: string[] };

/**
 * A file read: a capture analysed at once, or a text trace decoded. Its own function so that the
 * file's bytes are unreachable once it returns — a caller's local would keep them (as big as the
 * text) alive through the whole analysis.
 */
function readTrace(file: string, localAddresses: string[]): { capture: AnalysedFile } | { decoded: DecodedTrace } | string {
  const bytes = readBytes(file);
  if (typeof bytes === 'string') return bytes;
  if (detectCapture(bytes)) {
    const capture = withProgress(file, bytes.length, (progress) =>
      analyzeCapture(bytes, { localAddresses, onProgress: progress?.packets, onReadProgress: progress?.messages }),
    );
    return { capture: { analysis: capture.analysis, text: capture.text, latin1: false, encapsulations: capture.encapsulations } };
  }
  const decoded = decodeTrace(file, bytes);
  return typeof decoded === 'string' ? decoded : { decoded };
}

/**
 * A trace file or packet capture analysed, with the text its lines refer to (a capture's: its
 * rendering); a string is the one-line reason it could not be read. The file's bytes are dropped
 * once decoded, which keeps the peak memory of big traces down.
 */
function analyseFile(file: string, localAddresses: string[]): AnalysedFile | string {
  const read = readTrace(file, localAddresses);
  if (typeof read === 'string') return read;
  if ('capture' in read) return read.capture;
  const { decoded } = read;
  const analysis = withProgress(file, decoded.text.length, (progress) =>
    analyzeTrace(decoded.text, { localAddresses, redecode: decoded.redecode, onReadProgress: progress?.messages }),
  );
  analysis.notices.unshift(...decoded.notices);
  return { analysis, text: decoded.text, latin1: decoded.redecode !== undefined };
}

/** The summary of a trace file or packet capture; a string is the one-line reason it could not be read. */
export function summarizeFile(file: string, localAddresses: string[] = []): Summary | string {
  const read = analyseFile(file, localAddresses);
  return typeof read === 'string' ? read : summarize(read.analysis, read.encapsulations);
}

/** A capture rendered as text, with its notices; a string is the one-line reason it could not be. */
function captureText(file: string): { text: string; notices: string[] } | string {
  const bytes = readBytes(file);
  if (typeof bytes === 'string') return bytes;
  if (!detectCapture(bytes)) {
    const decoded = decodeTraceBytes(bytes);
    return decoded.unreadable ? `${file}: ${decoded.notices[0]?.message ?? t('binary file')}` : t('{0} is already a text trace, not a packet capture', file);
  }
  const rendered = captureToText(bytes);
  return { text: rendered.text, notices: rendered.notices.map((n) => n.message) };
}

function runText(args: CliArgs): number {
  const rendered = captureText(args.files[0]);
  if (typeof rendered === 'string') {
    process.stderr.write(`sip-lens: ${rendered}\n`);
    return 2;
  }
  for (const notice of rendered.notices) process.stderr.write(`sip-lens: ${notice}\n`);
  if (!args.out) {
    writeStdout(rendered.text);
    return 0;
  }
  try {
    writeFileSync(args.out, rendered.text);
  } catch (error) {
    process.stderr.write(`sip-lens: ${t('{0}: cannot be written ({1})', args.out, (error as Error).message)}\n`);
    return 2;
  }
  return 0;
}

/** Elements of a long top-level array serialised together: the JSON is written a slice at a time. */
const JSON_SLICE = 256;

/**
 * Writes `JSON.stringify(value, null, 2)` and a line feed, byte for byte, in pieces: each
 * top-level property on its own, a long array's elements a slice at a time. A big trace's summary
 * is tens of megabytes of JSON — twice that as a string once a verdict holds a dash, and its UTF-8
 * bytes again — so it is never held whole. Each piece is serialised at its own place in the
 * whole (a slice wrapped as `{ key: slice }`), so the indentation needs no rewriting.
 */
function writeJson(value: object, write: (text: string) => void): void {
  let opened = false;
  for (const key of Object.keys(value)) {
    const member = (value as Record<string, unknown>)[key];
    if (Array.isArray(member) && member.length > JSON_SLICE) {
      const name = JSON.stringify(key);
      write(`${opened ? ',' : '{'}\n  ${name}: [`);
      const head = `{\n  ${name}: [\n`.length;
      const tail = '\n  ]\n}'.length;
      for (let i = 0; i < member.length; i += JSON_SLICE) {
        const text = JSON.stringify({ [key]: member.slice(i, i + JSON_SLICE) }, null, 2);
        write((i === 0 ? '\n' : ',\n') + text.slice(head, text.length - tail));
      }
      write('\n  ]');
    } else {
      const text = JSON.stringify({ [key]: member }, null, 2);
      // An undefined member is left out, as JSON.stringify leaves it out.
      if (text === '{}') continue;
      write(`${opened ? ',' : '{'}\n${text.slice(2, text.length - 2)}`);
    }
    opened = true;
  }
  write(opened ? '\n}\n' : '{}\n');
}

/** Lets a write to a full pipe wait a moment without spinning. */
const PIPE_PAUSE = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes to standard output before going on: every output of the CLI goes this way. Into a pipe
 * whose reader is slower (`| jq`), `process.stdout.write` would queue every piece in memory — the
 * whole JSON again — so a full pipe is waited for instead.
 */
function writeStdout(data: string | Uint8Array): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  for (let at = 0; at < bytes.length; ) {
    try {
      at += writeSync(1, bytes, at);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') Atomics.wait(PIPE_PAUSE, 0, 0, 1);
      // The reader is gone (`| head`): the rest has nowhere to go, which is no error of the
      // trace's. Exit quietly with the status already set.
      else if (code === 'EPIPE') process.exit();
      else throw error;
    }
  }
}

function render(summary: Summary, output: Exclude<OutputFormat, 'json'>): string {
  switch (output) {
    case 'markdown':
      return toMarkdown(summary);
    case 'csv':
      return callsToCsv(summary.calls);
    case 'table':
      return toTable(summary);
  }
}

/** Writes `bytes` to `-o OUT` or standard output; false (after saying why) when it could not. */
function writeOut(args: CliArgs, bytes: Uint8Array): boolean {
  if (!args.out) {
    writeStdout(bytes);
    return true;
  }
  try {
    writeFileSync(args.out, bytes);
    return true;
  } catch (error) {
    process.stderr.write(`sip-lens: ${t('{0}: cannot be written ({1})', args.out, (error as Error).message)}\n`);
    return false;
  }
}

/** Names of outputs that ask for a capture's text rendering rather than its packets. */
const TEXT_OUTPUT = /\.(?:txt|sip|log)$/i;

function warnUnknownCalls(args: CliArgs, analysis: TraceAnalysis): void {
  for (const id of args.calls) {
    if (!analysis.calls.some((call) => call.callId === id)) process.stderr.write(`sip-lens: ${t('no call with Call-ID {0} in {1}', id, args.files[0])}\n`);
  }
}

/** `extract` from a capture: the frames of the chosen calls, as a capture of the same kind. */
function runCapturePackets(args: CliArgs): number {
  if (!args.out && process.stdout.isTTY) {
    process.stderr.write(`sip-lens: ${t('{0} is a packet capture: give -o OUT.pcap for its packets, or --text for its text rendering', args.files[0])}\n`);
    return 2;
  }
  const bytes = readBytes(args.files[0]);
  if (typeof bytes === 'string') {
    process.stderr.write(`sip-lens: ${bytes}\n`);
    return 2;
  }
  const packets = extractCapturePackets(bytes, { callIds: args.calls, outcomes: args.outcomes, withLegs: args.group }, { localAddresses: args.local });
  warnUnknownCalls(args, packets.analysis);
  if (packets.chosen.length === 0) {
    process.stderr.write(`sip-lens: ${t('no call to extract')}\n`);
    return 1;
  }
  if (!writeOut(args, packets.bytes)) return 2;
  const calls = args.out ? tn(packets.chosen.length, '{0} call extracted to {1}', '{0} calls extracted to {1}', args.out) : tn(packets.chosen.length, '{0} call extracted', '{0} calls extracted');
  process.stderr.write(`sip-lens: ${calls} (${tn(packets.frames, '{0} frame', '{0} frames')}, ${packets.container})\n`);
  return 0;
}

/** `extract`: the chosen calls' messages, verbatim; exit 1 when no call matched. */
function runExtract(args: CliArgs): number {
  const file = args.files[0];
  // A capture's packets, unless its text is asked for; the first bytes tell a capture.
  if (!args.text && !TEXT_OUTPUT.test(args.out) && traceKindOf(file) === 'capture') return runCapturePackets(args);
  const read = analyseFile(file, args.local);
  if (typeof read === 'string') {
    process.stderr.write(`sip-lens: ${read}\n`);
    return 2;
  }
  const { analysis } = read;
  const chosen = selectCalls(analysis, { callIds: args.calls, outcomes: args.outcomes, withLegs: args.group });
  warnUnknownCalls(args, analysis);
  if (chosen.length === 0) {
    process.stderr.write(`sip-lens: ${t('no call to extract')}\n`);
    return 1;
  }
  // Latin-1 text holds the file's bytes one per char: written back as Latin-1, they are the same bytes.
  const bytes = Buffer.from(extractCalls(read.text, analysis, chosen), read.latin1 ? 'latin1' : 'utf8');
  if (!writeOut(args, bytes)) return 2;
  process.stderr.write(`sip-lens: ${args.out ? tn(chosen.length, '{0} call extracted to {1}', '{0} calls extracted to {1}', args.out) : tn(chosen.length, '{0} call extracted', '{0} calls extracted')}\n`);
  return 0;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Summaries of several files, folders walked for trace files (by content). A file named on the
 * command line that cannot be read is an error (the one-line reason), and so is a folder without
 * trace files; files found in folders that turn out unreadable are left out.
 */
export function summarizeMany(paths: readonly string[], localAddresses: string[] = []): MultiSummary | string {
  const files: { path: string; summary: Summary }[] = [];
  for (const path of paths) {
    const named = !isDirectory(path);
    const found = named ? [path] : traceFilesIn(path);
    if (found.length === 0) return t('{0}: no trace files in this folder', path);
    for (const file of found) {
      const summary = summarizeFile(file, localAddresses);
      if (typeof summary === 'string') {
        if (named) return summary;
        continue;
      }
      files.push({ path: file, summary });
    }
  }
  return combineSummaries(files);
}

function renderMany(multi: MultiSummary, output: Exclude<OutputFormat, 'json'>): string {
  switch (output) {
    case 'markdown':
      return multiToMarkdown(multi);
    case 'csv':
      return multiToCsv(multi);
    case 'table':
      return multiToTable(multi);
  }
}

/**
 * The language of the output: `--lang` wins, then LC_ALL, LC_MESSAGES and LANG (the POSIX order);
 * `C`, `POSIX`, unset or a language without a bundle mean English.
 */
function chooseLanguage(argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--lang') return argv[i + 1] ?? '';
    if (argv[i].startsWith('--lang=')) return argv[i].slice('--lang='.length);
  }
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = env[name];
    if (value) return value;
  }
  return undefined;
}

function main(argv: string[]): number {
  setLocale(chooseLanguage(argv, process.env));
  let args: CliArgs | 'help';
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`sip-lens: ${error.message}\n\n${usage()}`);
    return 2;
  }
  if (args === 'help') {
    writeStdout(usage());
    return 0;
  }
  if (args.command === 'text') return runText(args);
  if (args.command === 'extract') return runExtract(args);
  let calls: SummaryCall[];
  if (args.files.length === 1 && !isDirectory(args.files[0])) {
    const summary = summarizeFile(args.files[0], args.local);
    if (typeof summary === 'string') {
      process.stderr.write(`sip-lens: ${summary}\n`);
      return 2;
    }
    if (args.output === 'json') writeJson(summary, writeStdout);
    else writeStdout(render(summary, args.output));
    calls = summary.calls;
  } else {
    const multi = summarizeMany(args.files, args.local);
    if (typeof multi === 'string') {
      process.stderr.write(`sip-lens: ${multi}\n`);
      return 2;
    }
    if (args.output === 'json') writeJson(multi, writeStdout);
    else writeStdout(renderMany(multi, args.output));
    calls = multi.files.flatMap((f) => f.calls);
  }
  const failing = calls.filter((call) => args.failOn.includes(call.outcome));
  if (failing.length > 0) {
    process.stderr.write(`sip-lens: ${t('{0} call(s) with outcome {1}', formatNumber(failing.length), [...new Set(failing.map((c) => c.outcome))].join(', '))}\n`);
  }
  const matched = calls.filter((call) => call.findings.some((f) => args.failOnFindings.includes(f.code)));
  if (matched.length > 0) {
    const codes = new Set(matched.flatMap((c) => c.findings.map((f) => f.code)).filter((code) => args.failOnFindings.includes(code)));
    process.stderr.write(`sip-lens: ${t('{0} call(s) with finding {1}', formatNumber(matched.length), [...codes].join(', '))}\n`);
  }
  if (failing.length > 0 || matched.length > 0) return 1;
  return 0;
}

process.exitCode = main(process.argv.slice(2));
