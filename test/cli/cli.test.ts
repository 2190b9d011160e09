import assert from 'node:assert/strict';
import { constants } from 'node:buffer';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { Summary } from '../../server/src/analysis/summary';
import { PROGRESS_FROM } from '../../server/src/cliProgress';
import { cliArgv, cliNodeOptions } from '../cliLaunch';
import { CLI, ROOT, runCli } from './run';

const BUSY_AND_BLOCKED = [
  'INVITE sip:2002@gw SIP/2.0',
  'Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1',
  'From: <sip:1001@pbx>;tag=a',
  'To: <sip:2002@gw>',
  'Call-ID: busy-1',
  'CSeq: 1 INVITE',
  'Content-Length: 0',
  '',
  'SIP/2.0 486 Busy Here',
  'Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1',
  'From: <sip:1001@pbx>;tag=a',
  'To: <sip:2002@gw>;tag=b',
  'Call-ID: busy-1',
  'CSeq: 1 INVITE',
  'Reason: Q.850;cause=17;text="User busy"',
  'Content-Length: 0',
  '',
  'INVITE sip:%2B998901234567@gw SIP/2.0',
  'Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK2',
  'From: <sip:1001@pbx>;tag=c',
  'To: <sip:%2B998901234567@gw>',
  'Call-ID: blocked-1',
  'CSeq: 1 INVITE',
  'Content-Length: 0',
  '',
  'SIP/2.0 903 Route blocked',
  'Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK2',
  'From: <sip:1001@pbx>;tag=c',
  'To: <sip:%2B998901234567@gw>;tag=d',
  'Call-ID: blocked-1',
  'CSeq: 1 INVITE',
  'Content-Length: 0',
  '',
  '',
].join('\n');

let dir = '';
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('sip-lens CLI', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sip-lens-cli-'));
  });

  it('--json prints the summary exactly as JSON.stringify indents it, however many calls (written in slices)', () => {
    // 600 busy calls: more than one slice of calls. The output must be the canonical two-space
    // rendering of its own content, a line feed after it.
    const calls = Array.from({ length: 600 }, (_, i) => BUSY_AND_BLOCKED.split('\n').slice(0, 17).join('\n').replace(/busy-1/g, `busy-${i}`)).join('\n');
    const result = runCli(['summary', file('many.sip', calls + '\n'), '--json']);
    assert.equal(result.status, 0, result.stderr);
    const summary = JSON.parse(result.stdout) as Summary;
    assert.equal(summary.calls.length, 600);
    assert.equal(summary.totals.busy, 600);
    assert.equal(result.stdout, JSON.stringify(summary, null, 2) + '\n');
    // The same for several files (their summaries side by side).
    const many = runCli(['summary', dir, '--json']);
    assert.equal(many.status, 0, many.stderr);
    assert.equal(many.stdout, JSON.stringify(JSON.parse(many.stdout), null, 2) + '\n');
  });

  it('prints the ★ summary object with --json', () => {
    const result = runCli(['summary', file('two.sip', BUSY_AND_BLOCKED), '--json']);
    assert.equal(result.status, 0, result.stderr);
    const summary = JSON.parse(result.stdout) as Summary;
    assert.equal(summary.format, 'raw');
    assert.equal(summary.messages, 4);
    assert.deepEqual(
      summary.calls.map((c) => [c.callId, c.from, c.to, c.outcome, c.finalStatus, c.finalReason, c.startLine, c.finalLine, c.endedBy]),
      [
        ['busy-1', '1001', '2002', 'busy', 486, 'Busy Here', 0, 8, null],
        ['blocked-1', '1001', '+998901234567', 'route-blocked', 903, 'Route blocked', 17, 25, null],
      ],
    );
    assert.equal(summary.calls[0].cause, 'Q.850 17 User busy');
    assert.equal(summary.totals.busy, 1);
    assert.equal(summary.totals['route-blocked'], 1);
    assert.equal(summary.totals.answered, 0, 'every outcome has a key');
    assert.deepEqual(summary.transactions, []);
  });

  it('prints a readable table with totals and ASR by default', () => {
    const result = runCli(['summary', file('two.sip', BUSY_AND_BLOCKED)]);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /busy\s+486 Busy Here/);
    assert.match(result.stdout, /2 calls: busy 1 · route-blocked 1 · ASR 0%/);
  });

  it('writes Markdown and CSV reports', () => {
    const path = file('two.sip', BUSY_AND_BLOCKED);
    const markdown = runCli(['summary', path, '--markdown']).stdout;
    assert.match(markdown, /^\| Start \| Line \| From \| To \| Outcome/m);
    assert.match(markdown, /\| `route-blocked` \| `903 Route blocked` \|/);
    const csv = runCli(['summary', path, '--csv']).stdout.split('\r\n');
    assert.equal(csv[0], 'callId,startTime,startClock,line,from,to,outcome,finalStatus,finalReason,cause,endedBy,setupMs,pddMs,durationMs,findings,verdict');
    assert.ok(csv[2].startsWith('blocked-1,,,18,1001,+998901234567,route-blocked,903,Route blocked,,,,,,,Route blocked: 903 Route blocked'), csv[2]);
  });

  it('--fail-on makes it a CI gate (exit 1)', () => {
    const path = file('two.sip', BUSY_AND_BLOCKED);
    const failing = runCli(['summary', path, '--json', '--fail-on', 'route-blocked,failed']);
    assert.equal(failing.status, 1);
    assert.match(failing.stderr, /1 call\(s\) with outcome route-blocked/);
    assert.equal(runCli(['summary', path, '--fail-on', 'answered']).status, 0);
    assert.equal(runCli(['summary', path, '--fail-on', 'nonsense']).status, 2);
  });

  it('--fail-on accepts finding codes; the JSON carries findings and verdicts; the table lists them', () => {
    const path = join(ROOT, 'test', 'fixtures', 'findings', 'auth-rejected.log');
    const failing = runCli(['summary', path, '--json', '--fail-on', 'ack-missing,auth-rejected']);
    assert.equal(failing.status, 1);
    assert.match(failing.stderr, /1 call\(s\) with finding auth-rejected/);
    const summary = JSON.parse(failing.stdout) as { calls: { findings: { code: string; severity: string; line: number; message: string }[]; verdict: string }[] };
    assert.deepEqual(summary.calls[0].findings.map(({ code, severity }) => ({ code, severity })), [{ code: 'auth-rejected', severity: 'warning' }]);
    assert.equal(typeof summary.calls[0].findings[0].line, 'number');
    assert.match(summary.calls[0].verdict, /^Failed: 403 Forbidden from 203\.0\.113\.7 after an authenticated retry/);
    assert.equal(runCli(['summary', path, '--fail-on', 'ack-missing']).status, 0);
    assert.equal(runCli(['summary', path, '--fail-on', 'no-such-finding']).status, 2);
    const table = runCli(['summary', path]).stdout;
    assert.match(table, /Findings\s/);
    assert.match(table, /^Findings:$/m);
    assert.match(table, /line \d+ {2}auth-rejected \(warning\): 403 Forbidden after the retry with credentials/);
  });

  it('exits 2 with one clear line for a missing file, a folder without traces or a binary file', () => {
    const missing = runCli(['summary', join(dir, 'nope.sip'), '--json']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^sip-lens: .*nope\.sip: no such file\n$/);
    assert.equal(missing.stdout, '');
    // A folder is searched for trace files (see summary-many.test.ts); one without any is an error.
    const empty = runCli(['summary', mkdtempSync(join(tmpdir(), 'sip-lens-empty-'))]);
    assert.equal(empty.status, 2);
    assert.match(empty.stderr, /^sip-lens: .*no trace files in this folder\n$/);
    const junk = Buffer.alloc(4096);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919) & 0xff;
    const binary = runCli(['summary', file('junk.bin', junk), '--json']);
    assert.equal(binary.status, 2);
    assert.match(binary.stderr, /binary/);
    assert.match(binary.stderr, /packet capture/, 'says which binary files it reads');
    assert.equal(binary.stderr.trim().split('\n').length, 1);
  });

  it('a text trace longer than one string can be (over 512 MB) exits 2 with its size and what to do, not a crash', () => {
    const path = join(dir, 'huge.log');
    const chunk = Buffer.from(BUSY_AND_BLOCKED.repeat(Math.ceil((1 << 20) / BUSY_AND_BLOCKED.length)));
    const fd = openSync(path, 'w');
    try {
      for (let written = 0; written <= constants.MAX_STRING_LENGTH; written += chunk.length) writeSync(fd, chunk);
    } finally {
      closeSync(fd);
    }
    try {
      const result = runCli(['summary', path, '--json']);
      assert.equal(result.status, 2, result.stderr);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /^sip-lens: .*huge\.log: This file is \d+ MB: more text than SIP Lens can hold at once \(537 MB\)\. Split it/);
      assert.equal(result.stderr.trim().split('\n').length, 1);
    } finally {
      rmSync(path);
    }
  });

  it('runs as a program by its first line (env -S node with a small young generation), as `sip-lens` does', () => {
    const trace = file('as-program.log', BUSY_AND_BLOCKED);
    const direct = spawnSync(CLI, ['summary', trace, '--json'], { encoding: 'utf8' });
    assert.equal(direct.status, 0, direct.stderr);
    assert.equal(direct.stdout, runCli(['summary', trace, '--json']).stdout);
    assert.deepEqual(
      (JSON.parse(direct.stdout) as Summary).calls.map((c) => c.outcome),
      ['busy', 'route-blocked'],
    );
    assert.ok(cliNodeOptions(CLI).some((option) => option.startsWith('--max-semi-space-size=')), 'the first line caps the young generation');
  });

  it('--help and -h print the usage on stdout and exit 0', () => {
    for (const args of [['--help'], ['-h'], ['summary', '--help'], []]) {
      const result = runCli(args);
      assert.equal(result.status, 0, args.join(' '));
      assert.equal(result.stderr, '', args.join(' '));
      assert.match(result.stdout, /^Usage: sip-lens summary FILE\|DIR \.\.\. \[options\]\n/, args.join(' '));
      assert.match(result.stdout, /^ {7}sip-lens text CAPTURE \[-o OUT\]$/m, 'the usage names the text command');
      assert.match(result.stdout, /^ {7}sip-lens extract FILE \(--call CALL-ID \.\.\. \| --outcome LIST\) \[--group\] \[--text\] \[-o OUT\]$/m, 'the usage names the extract command');
      for (const option of ['--json', '--markdown', '--csv', '--fail-on LIST', '--local ADDRESSES', '-o, --output OUT', '-h, --help']) {
        assert.ok(result.stdout.includes(`  ${option} `), `the usage lists ${option}`);
      }
    }
  });

  it('a wrong command line exits 2 with the reason and the usage on stderr, nothing on stdout', () => {
    const trace = file('usage.sip', BUSY_AND_BLOCKED);
    const cases: [string[], string][] = [
      [['frobnicate', trace], 'unknown command "frobnicate"'],
      [[trace], `unknown command "${trace}"`],
      [['summary', trace, '--jsn'], 'unknown option "--jsn"'],
      [['summary', trace, '-x'], 'unknown option "-x"'],
      [['summary', trace, '--fail-on'], '--fail-on needs a value'],
      [['summary', trace, '--local'], '--local needs a value'],
      [['text', trace, '-o'], '-o needs a value'],
      [['summary', trace, '--fail-on', 'busy,sad'], '--fail-on: unknown outcome or finding "sad"'],
      [['summary', '--json'], 'summary needs a FILE'],
      // summary takes several files (one combined report); text and extract take one.
      [['text', trace, trace], `one file at a time ("${trace}" and "${trace}")`],
      [['extract', trace, trace, '--outcome', 'busy'], `one file at a time ("${trace}" and "${trace}")`],
      [['extract', trace], 'extract needs --call or --outcome'],
      [['summary', trace, '--group'], '--group belongs to extract'],
    ];
    for (const [args, reason] of cases) {
      const result = runCli(args);
      const what = `sip-lens ${args.join(' ')}`;
      assert.equal(result.status, 2, what);
      assert.equal(result.stdout, '', what);
      const [first, blank, usage] = result.stderr.split('\n');
      assert.ok(first.startsWith(`sip-lens: ${reason}`), `${what}: ${first}`);
      assert.equal(blank, '', what);
      assert.equal(usage, 'Usage: sip-lens summary FILE|DIR ... [options]', what);
    }
  });

  it('an empty file is a summary with no calls', () => {
    const result = runCli(['summary', file('empty.sip', ''), '--json']);
    assert.equal(result.status, 0);
    const summary = JSON.parse(result.stdout) as Summary;
    assert.equal(summary.messages, 0);
    assert.deepEqual(summary.calls, []);
  });

  it('--local names the local host for address-only traces', () => {
    const ngrep = [
      'U 2026/11/21 10:00:00.000000 10.0.0.1:5060 -> 10.0.0.2:5060',
      'INVITE sip:2002@10.0.0.2 SIP/2.0',
      'Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK9',
      'From: <sip:1001@10.0.0.1>;tag=a',
      'To: <sip:2002@10.0.0.2>',
      'Call-ID: l1',
      'CSeq: 1 INVITE',
      'Content-Length: 0',
      '',
      '#',
      'U 2026/11/21 10:00:01.000000 10.0.0.2:5060 -> 10.0.0.1:5060',
      'SIP/2.0 200 OK',
      'Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK9',
      'From: <sip:1001@10.0.0.1>;tag=a',
      'To: <sip:2002@10.0.0.2>;tag=b',
      'Call-ID: l1',
      'CSeq: 1 INVITE',
      'Content-Length: 0',
      '',
      '#',
      'U 2026/11/21 10:00:31.000000 10.0.0.2:5060 -> 10.0.0.1:5060',
      'BYE sip:1001@10.0.0.1 SIP/2.0',
      'Via: SIP/2.0/UDP 10.0.0.2;branch=z9hG4bK10',
      'From: <sip:2002@10.0.0.2>;tag=b',
      'To: <sip:1001@10.0.0.1>;tag=a',
      'Call-ID: l1',
      'CSeq: 1 BYE',
      'Content-Length: 0',
      '',
      '#',
      '',
    ].join('\n');
    const path = file('ngrep.txt', ngrep);
    const asCaller = JSON.parse(runCli(['summary', path, '--json']).stdout) as Summary;
    assert.equal(asCaller.format, 'ngrep');
    assert.equal(asCaller.calls[0].endedBy, 'remote');
    assert.equal(asCaller.calls[0].durationMs, 30000);
    assert.equal(asCaller.calls[0].startTime, '2026-11-21T10:00:00.000Z');
    const asCallee = JSON.parse(runCli(['summary', path, '--json', '--local', '10.0.0.2']).stdout) as Summary;
    assert.equal(asCallee.calls[0].endedBy, 'local');
  });
});

/** A trace of `copies` copies of the busy and the route-blocked call, each copy with its own Call-IDs. */
function manyCallsTrace(copies = 3000): string {
  const file = join(mkdtempSync(join(tmpdir(), 'sip-lens-many-')), 'many.sip');
  const calls: string[] = [];
  for (let n = 0; n < copies; n++) calls.push(BUSY_AND_BLOCKED.replace(/busy-1/g, `busy-${n}`).replace(/blocked-1/g, `blocked-${n}`));
  writeFileSync(file, calls.join(''));
  return file;
}

describe('sip-lens summary: a reader that stops early', () => {
  it('exits quietly with its status when the pipe it writes to is closed', async () => {
    // Enough calls that the JSON outgrows the pipe's buffer and is still being written when the reader goes.
    const file = manyCallsTrace();
    const child = spawn(process.execPath, cliArgv(CLI, ['summary', file, '--json']), { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy());
    const status = await new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    assert.equal(stderr, '');
    assert.equal(status, 0);
  });
});

describe('sip-lens summary --json: a slow reader', () => {
  it('gets every byte, in order, when the pipe fills and the CLI waits for it', async () => {
    const file = manyCallsTrace();
    const expected = runCli(['summary', file, '--json']);
    assert.equal(expected.status, 0);
    assert.ok(expected.stdout.length > 1 << 20, 'the JSON is far bigger than a pipe holds');
    const child = spawn(process.execPath, cliArgv(CLI, ['summary', file, '--json']), { stdio: ['ignore', 'pipe', 'pipe'] });
    // Nothing is read for a while: the pipe fills and the CLI must wait, not drop or reorder.
    child.stdout.pause();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stdout.resume();
    const status = await new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    assert.equal(status, 0);
    assert.equal(Buffer.concat(chunks).toString('utf8'), expected.stdout);
  });
});

describe('sip-lens summary: progress on a big file', () => {
  it('is shown on a terminal (standard error), rewritten in place and cleared; never into a pipe', () => {
    const file = manyCallsTrace(Math.ceil(PROGRESS_FROM / BUSY_AND_BLOCKED.length) + 100);
    assert.ok(statSync(file).size >= PROGRESS_FROM);
    // `script` runs the CLI on a pseudo-terminal: what it prints there is what a user sees.
    const command = [process.execPath, ...cliArgv(CLI, ['summary', file, '--json'])].map((a) => `'${a}'`).join(' ');
    const onTerminal = spawnSync('script', ['-qec', `${command} > /dev/null`, '/dev/null'], { encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: 'C' } });
    assert.equal(onTerminal.status, 0, onTerminal.stderr);
    const seen = onTerminal.stdout;
    assert.match(seen, /\r\x1b\[Ksip-lens: many\.sip: reading messages, \d+%/);
    assert.match(seen, /\r\x1b\[Ksip-lens: many\.sip: making the calls…/);
    assert.ok(seen.trimEnd().endsWith('\r\x1b[K'), `the line is cleared at the end: ${JSON.stringify(seen.slice(-40))}`);
    const piped = runCli(['summary', file, '--json']);
    assert.equal(piped.status, 0);
    assert.equal(piped.stderr, '', 'nothing but the summary when standard error is not a terminal');
  });
});

