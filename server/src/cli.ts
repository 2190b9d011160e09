// The command-line front end: `sip-lens summary FILE [--json|--markdown|--csv] [--fail-on …] [--local …]`
// and `sip-lens text CAPTURE [-o OUT]`.
// Exit codes (DESIGN.md): 0 done; 1 --fail-on matched a call; 2 missing or unreadable file, or
// bytes that are neither a packet capture nor a text trace.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { analyzeTrace } from './analysis/analyze';
import { analyzeCapture, captureToText, detectCapture } from './analysis/capture';
import { callsToCsv, toMarkdown, toTable } from './analysis/report';
import { decodeTraceBytes, type DecodedTrace } from './analysis/source';
import { summarize, type Summary } from './analysis/summary';
import { FINDING_CODES, type FindingCode, isFindingCode } from './analysis/findings/types';
import { OUTCOMES, type Outcome } from './analysis/types';

const USAGE = `Usage: sip-lens summary FILE [options]
       sip-lens text CAPTURE [-o OUT]

summary  Summarises the calls in a SIP trace (SIPp, Asterisk, FreeSWITCH, Kamailio, ngrep,
         sngrep or raw SIP) or a packet capture (pcap, pcapng, also gzip'd; SIP over UDP,
         TCP, WebSocket, SCTP or HEP, on any port).
text     Prints a packet capture's SIP messages as a text trace, each under a marker line
         with its frame number, capture time, transport and addresses
         (#12 2026-11-21 23:22:27.183456 UDP 192.0.2.1:5060 -> 192.0.2.2:5060);
         SIP Lens reads that text back with the same summary.

Options:
  --json               print the summary object (see README)
  --markdown           print a Markdown report
  --csv                print the call list as CSV
  --fail-on LIST       exit 1 when any call has one of these outcomes or findings
                       (comma-separated outcomes: ${OUTCOMES.join(', ')};
                       finding codes: ${FINDING_CODES.join(', ')})
  --local ADDRESSES    comma-separated addresses of the local host, for traces that
                       record only addresses (ngrep, sngrep, raw SIP, captures);
                       without it the side that sent a call's first INVITE is local
  -o, --output OUT     (text) write the text to OUT instead of standard output
  -h, --help           show this help
`;

type OutputFormat = 'table' | 'json' | 'markdown' | 'csv';

interface CliArgs {
  command: 'summary' | 'text';
  file: string;
  /** `text`: where to write; standard output when empty. */
  out: string;
  output: OutputFormat;
  failOn: Outcome[];
  failOnFindings: FindingCode[];
  local: string[];
}

class UsageError extends Error {}

function parseArgs(argv: string[]): CliArgs | 'help' {
  if (argv.includes('-h') || argv.includes('--help') || argv.length === 0) return 'help';
  const [command, ...rest] = argv;
  if (command !== 'summary' && command !== 'text') throw new UsageError(`unknown command "${command}"`);
  const args: CliArgs = { command, file: '', out: '', output: 'table', failOn: [], failOnFindings: [], local: [] };
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
        for (const word of value().split(',').map((w) => w.trim()).filter(Boolean)) {
          if ((OUTCOMES as readonly string[]).includes(word)) args.failOn.push(word as Outcome);
          else if (isFindingCode(word)) args.failOnFindings.push(word);
          else throw new UsageError(`--fail-on: unknown outcome or finding "${word}" (outcomes: ${OUTCOMES.join(', ')}; findings: ${FINDING_CODES.join(', ')})`);
        }
        break;
      case '--local':
        args.local.push(...value().split(',').map((w) => w.trim()).filter(Boolean));
        break;
      case '-o':
      case '--output':
        if (command !== 'text') throw new UsageError(`${flag} is for the text command`);
        args.out = value();
        break;
      default:
        if (flag.startsWith('-')) throw new UsageError(`unknown option "${flag}"`);
        if (args.file) throw new UsageError(`one file at a time ("${args.file}" and "${flag}")`);
        args.file = flag;
    }
  }
  if (!args.file) throw new UsageError(`${command} needs a FILE`);
  return args;
}

/** The bytes of a file; a string is the one-line reason it could not be read. */
function readBytes(file: string): Buffer | string {
  try {
    if (statSync(file).isDirectory()) return `${file} is a directory, not a trace file`;
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `${file}: no such file`;
    if (code === 'EACCES' || code === 'EPERM') return `${file}: permission denied`;
    return `${file}: cannot be read (${(error as Error).message})`;
  }
}

/** Decodes a text trace's bytes; a string is the one-line reason they are not text. */
function decodeTrace(file: string, bytes: Buffer): DecodedTrace | string {
  const decoded = decodeTraceBytes(bytes);
  if (decoded.binary) return `${file}: ${decoded.notices[0]?.message ?? 'binary file, not a text trace'}`;
  return decoded;
}

/**
 * Reads and analyses a trace file or packet capture; a string is the one-line reason it could
 * not be read. The file's bytes are dropped once decoded, which keeps the peak memory of big
 * traces down.
 */
export function summarizeFile(file: string, localAddresses: string[] = []): Summary | string {
  const bytes = readBytes(file);
  if (typeof bytes === 'string') return bytes;
  if (detectCapture(bytes)) {
    const capture = analyzeCapture(bytes, { localAddresses });
    return summarize(capture.analysis, capture.encapsulations);
  }
  const decoded = decodeTrace(file, bytes);
  if (typeof decoded === 'string') return decoded;
  const analysis = analyzeTrace(decoded.text, { localAddresses, redecode: decoded.redecode });
  analysis.notices.unshift(...decoded.notices);
  return summarize(analysis);
}

/** A capture rendered as text, with its notices; a string is the one-line reason it could not be. */
function captureText(file: string): { text: string; notices: string[] } | string {
  const bytes = readBytes(file);
  if (typeof bytes === 'string') return bytes;
  if (!detectCapture(bytes)) {
    const decoded = decodeTraceBytes(bytes);
    return decoded.binary ? `${file}: ${decoded.notices[0]?.message ?? 'binary file'}` : `${file} is already a text trace, not a packet capture`;
  }
  const rendered = captureToText(bytes);
  return { text: rendered.text, notices: rendered.notices.map((n) => n.message) };
}

function runText(args: CliArgs): number {
  const rendered = captureText(args.file);
  if (typeof rendered === 'string') {
    process.stderr.write(`sip-lens: ${rendered}\n`);
    return 2;
  }
  for (const notice of rendered.notices) process.stderr.write(`sip-lens: ${notice}\n`);
  if (!args.out) {
    process.stdout.write(rendered.text);
    return 0;
  }
  try {
    writeFileSync(args.out, rendered.text);
  } catch (error) {
    process.stderr.write(`sip-lens: ${args.out}: cannot be written (${(error as Error).message})\n`);
    return 2;
  }
  return 0;
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
  if (args.command === 'text') return runText(args);
  const summary = summarizeFile(args.file, args.local);
  if (typeof summary === 'string') {
    process.stderr.write(`sip-lens: ${summary}\n`);
    return 2;
  }
  process.stdout.write(render(summary, args.output));
  const failing = summary.calls.filter((call) => args.failOn.includes(call.outcome));
  if (failing.length > 0) {
    process.stderr.write(`sip-lens: ${failing.length} call(s) with outcome ${[...new Set(failing.map((c) => c.outcome))].join(', ')}\n`);
  }
  const matched = summary.calls.filter((call) => call.findings.some((f) => args.failOnFindings.includes(f.code)));
  if (matched.length > 0) {
    const codes = new Set(matched.flatMap((c) => c.findings.map((f) => f.code)).filter((code) => args.failOnFindings.includes(code)));
    process.stderr.write(`sip-lens: ${matched.length} call(s) with finding ${[...codes].join(', ')}\n`);
  }
  if (failing.length > 0 || matched.length > 0) return 1;
  return 0;
}

process.exitCode = main(process.argv.slice(2));
