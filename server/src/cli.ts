// The command-line front end: `sip-lens summary FILE [--json|--markdown|--csv] [--fail-on …] [--local …]`
// and `sip-lens extract FILE --call ID … | --outcome … [--group] [-o OUT]`.
// Exit codes (DESIGN.md): 0 done; 1 --fail-on matched a call (extract: no call matched); 2 missing,
// unreadable or binary file, or bad usage.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { analyzeTrace } from './analysis/analyze';
import { extractCalls, selectCalls } from './analysis/extract';
import { callsToCsv, toMarkdown, toTable } from './analysis/report';
import { decodeTraceBytes, type DecodedTrace } from './analysis/source';
import { combineSummaries, type MultiSummary, multiToCsv, multiToMarkdown, multiToTable } from './analysis/multiSummary';
import { summarize, type Summary, type SummaryCall } from './analysis/summary';
import { traceFilesIn } from './traceFiles';
import { OUTCOMES, type Outcome } from './analysis/types';

const USAGE = `Usage: sip-lens summary FILE|DIR ... [options]
       sip-lens extract FILE (--call CALL-ID ... | --outcome LIST) [--group] [-o OUT]

summary: the calls in a SIP trace (SIPp, Asterisk, FreeSWITCH, Kamailio, ngrep, sngrep or raw SIP);
         with several files or a folder (searched for trace files by content), one report with
         a row per file and the totals.
extract: a new trace with only the chosen calls' messages, copied verbatim in the source's framing.

Extract options:
  --call CALL-ID       take this call (repeat, or comma-separated)
  --outcome LIST       take the calls with these outcomes (comma-separated)
  --group              also take the other legs of each chosen call (B2BUA legs)
  -o, --output OUT     write to OUT instead of standard output

Summary options:
  --json               print the summary object (see README)
  --markdown           print a Markdown report
  --csv                print the call list as CSV
  --fail-on LIST       exit 1 when any call has one of these outcomes
                       (comma-separated: ${OUTCOMES.join(', ')})
  --local ADDRESSES    comma-separated addresses of the local host, for traces that
                       record only addresses (ngrep, sngrep, raw SIP)
  -h, --help           show this help
`;

type OutputFormat = 'table' | 'json' | 'markdown' | 'csv';

interface CliArgs {
  command: 'summary' | 'extract';
  /** Files (and, for summary, folders) as given. */
  files: string[];
  output: OutputFormat;
  failOn: Outcome[];
  local: string[];
  calls: string[];
  outcomes: Outcome[];
  group: boolean;
  out?: string;
}

function outcomeList(option: string, value: string): Outcome[] {
  const list: Outcome[] = [];
  for (const word of value.split(',').map((w) => w.trim()).filter(Boolean)) {
    if (!(OUTCOMES as readonly string[]).includes(word)) throw new UsageError(`${option}: unknown outcome "${word}" (one of ${OUTCOMES.join(', ')})`);
    list.push(word as Outcome);
  }
  return list;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): CliArgs | 'help' {
  if (argv.includes('-h') || argv.includes('--help') || argv.length === 0) return 'help';
  const [command, ...rest] = argv;
  if (command !== 'summary' && command !== 'extract') throw new UsageError(`unknown command "${command}"`);
  const args: CliArgs = { command, files: [], output: 'table', failOn: [], local: [], calls: [], outcomes: [], group: false };
  const extractOnly = (flag: string) => {
    if (command !== 'extract') throw new UsageError(`${flag} belongs to extract`);
  };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? rest[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
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
        args.failOn.push(...outcomeList(flag, value()));
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
      case '-o':
      case '--output':
        extractOnly(flag);
        args.out = value();
        break;
      case '--local':
        args.local.push(...value().split(',').map((w) => w.trim()).filter(Boolean));
        break;
      default:
        if (flag.startsWith('-')) throw new UsageError(`unknown option "${flag}"`);
        if (command === 'extract' && args.files.length > 0) throw new UsageError(`extract reads one file at a time ("${args.files[0]}" and "${flag}")`);
        args.files.push(flag);
    }
  }
  if (args.files.length === 0) throw new UsageError(`${command} needs a FILE`);
  if (command === 'extract' && args.calls.length === 0 && args.outcomes.length === 0) throw new UsageError('extract needs --call or --outcome');
  return args;
}

/** Reads and decodes a trace file; a string is the one-line reason it could not be read. */
function readTrace(file: string): DecodedTrace | string {
  let bytes: Buffer;
  try {
    if (statSync(file).isDirectory()) return `${file} is a directory, not a trace file`;
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `${file}: no such file`;
    if (code === 'EACCES' || code === 'EPERM') return `${file}: permission denied`;
    return `${file}: cannot be read (${(error as Error).message})`;
  }
  const decoded = decodeTraceBytes(bytes);
  if (decoded.binary) return `${file}: ${decoded.notices[0]?.message ?? 'binary file, not a text trace'}`;
  return decoded;
}

/**
 * Reads and analyses a trace file; a string is the one-line reason it could not be read.
 * The file's bytes are dropped once decoded (they live only inside readTrace), which keeps
 * the peak memory of big traces down.
 */
export function summarizeFile(file: string, localAddresses: string[] = []): Summary | string {
  const decoded = readTrace(file);
  if (typeof decoded === 'string') return decoded;
  const analysis = analyzeTrace(decoded.text, { localAddresses, redecode: decoded.redecode });
  analysis.notices.unshift(...decoded.notices);
  return summarize(analysis);
}

function render(summary: Summary, output: OutputFormat): string {
  switch (output) {
    case 'json':
      return JSON.stringify(summary, null, 2) + '\n';
    case 'markdown':
      return toMarkdown(summary);
    case 'csv':
      return callsToCsv(summary.calls);
    case 'table':
      return toTable(summary);
  }
}

/** `extract`: the chosen calls' messages, verbatim; exit 1 when no call matched. */
function extract(args: CliArgs): number {
  const file = args.files[0];
  const decoded = readTrace(file);
  if (typeof decoded === 'string') {
    process.stderr.write(`sip-lens: ${decoded}\n`);
    return 2;
  }
  const analysis = analyzeTrace(decoded.text, { localAddresses: args.local });
  const chosen = selectCalls(analysis, { callIds: args.calls, outcomes: args.outcomes, withLegs: args.group });
  const missing = args.calls.filter((id) => !analysis.calls.some((call) => call.callId === id));
  for (const id of missing) process.stderr.write(`sip-lens: no call with Call-ID ${id} in ${file}\n`);
  if (chosen.length === 0) {
    process.stderr.write(`sip-lens: no call to extract\n`);
    return 1;
  }
  const text = extractCalls(decoded.text, analysis, chosen);
  // Latin-1 text holds the file's bytes one per char: written back as Latin-1, they are the same bytes.
  const bytes = Buffer.from(text, decoded.redecode ? 'latin1' : 'utf8');
  if (args.out) writeFileSync(args.out, bytes);
  else process.stdout.write(bytes);
  process.stderr.write(`sip-lens: ${chosen.length} call${chosen.length === 1 ? '' : 's'} extracted${args.out ? ` to ${args.out}` : ''}\n`);
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
 * command line that cannot be read is an error (the one-line reason); files found in folders that
 * turn out unreadable are left out.
 */
export function summarizeMany(paths: readonly string[], localAddresses: string[] = []): MultiSummary | string {
  const files: { path: string; summary: Summary }[] = [];
  for (const path of paths) {
    const named = !isDirectory(path);
    const found = named ? [path] : traceFilesIn(path);
    if (found.length === 0) return `${path}: no trace files in this folder`;
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

function renderMany(multi: MultiSummary, output: OutputFormat): string {
  switch (output) {
    case 'json':
      return JSON.stringify(multi, null, 2) + '\n';
    case 'markdown':
      return multiToMarkdown(multi);
    case 'csv':
      return multiToCsv(multi);
    case 'table':
      return multiToTable(multi);
  }
}

function main(argv: string[]): number {
  let args: CliArgs | 'help';
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`sip-lens: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (args === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.command === 'extract') return extract(args);
  const single = args.files.length === 1 && !isDirectory(args.files[0]);
  let calls: SummaryCall[];
  if (single) {
    const summary = summarizeFile(args.files[0], args.local);
    if (typeof summary === 'string') {
      process.stderr.write(`sip-lens: ${summary}\n`);
      return 2;
    }
    process.stdout.write(render(summary, args.output));
    calls = summary.calls;
  } else {
    const multi = summarizeMany(args.files, args.local);
    if (typeof multi === 'string') {
      process.stderr.write(`sip-lens: ${multi}\n`);
      return 2;
    }
    process.stdout.write(renderMany(multi, args.output));
    calls = multi.files.flatMap((f) => f.calls);
  }
  const failing = calls.filter((call) => args.failOn.includes(call.outcome));
  if (failing.length > 0) {
    process.stderr.write(`sip-lens: ${failing.length} call(s) with outcome ${[...new Set(failing.map((c) => c.outcome))].join(', ')}\n`);
    return 1;
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
