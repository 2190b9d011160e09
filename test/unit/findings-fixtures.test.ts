// Every finding fires on the real trace made to show it — and on no other fixture. Expected
// findings come from what each scenario was made to do (test/fixtures/findings.json); every fixture
// and call not listed there must show no findings at all. Packet captures are read as SIP Lens
// reads them (rendered as text, then analysed), so their findings come from the capture's own
// evidence too: ICMP errors and IP fragments.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeTrace } from '../../server/src/analysis/analyze';
import { analyzeCapture, detectCapture } from '../../server/src/analysis/capture';
import { FINDING_CODES } from '../../server/src/analysis/findings/types';
import { decodeTraceBytes } from '../../server/src/analysis/source';
import type { TraceAnalysis } from '../../server/src/analysis/types';

const FIXTURES = resolve(__dirname, '..', 'fixtures');

interface Expected {
  calls?: Record<string, string[]>;
  transactions?: Record<string, string[]>;
}

const expected = JSON.parse(readFileSync(join(FIXTURES, 'findings.json'), 'utf8')) as Record<string, Expected | string>;

function traceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return traceFiles(path);
    return name.endsWith('.json') ? [] : [path];
  });
}

/** A fixture as SIP Lens reads it: a capture through the capture reader, text as text; else undefined. */
function analyse(bytes: Buffer): TraceAnalysis | undefined {
  if (detectCapture(bytes)) return analyzeCapture(bytes).analysis;
  const decoded = decodeTraceBytes(bytes);
  return decoded.unreadable ? undefined : analyzeTrace(decoded.text, { redecode: decoded.redecode });
}

const files = traceFiles(FIXTURES).map((path) => relative(FIXTURES, path).split('\\').join('/'));

describe('findings on the real trace fixtures', () => {
  it('lists only fixtures that exist, and every code that has a fixture of its own', () => {
    for (const file of Object.keys(expected)) if (!file.startsWith('$')) assert.ok(files.includes(file), `${file} exists`);
    const shown = new Set(
      Object.values(expected).flatMap((e) => (typeof e === 'string' ? [] : [...Object.values(e.calls ?? {}), ...Object.values(e.transactions ?? {})].flat())),
    );
    for (const code of FINDING_CODES) assert.ok(shown.has(code), `a fixture shows ${code}`);
  });

  it('has a packet capture beside the caller\'s log of every findings scenario, and every code on a capture too', () => {
    const logs = files.filter((f) => /^findings\/[^/.]+\.log$/.test(f));
    for (const log of logs) assert.ok(files.includes(log.replace(/\.log$/, '.pcap')), `${log} has a capture`);
    const onCaptures = new Set(
      Object.entries(expected)
        .filter(([file, e]) => file.endsWith('.pcap') && typeof e !== 'string')
        .flatMap(([, e]) => (typeof e === 'string' ? [] : [...Object.values(e.calls ?? {}), ...Object.values(e.transactions ?? {})].flat())),
    );
    for (const code of FINDING_CODES) assert.ok(onCaptures.has(code), `a capture shows ${code}`);
  });

  it("the captures' own evidence is in the words: the kernel's ICMP port unreachable, and the big INVITE's fragments", () => {
    // An INVITE to 203.0.113.7:5999, where nothing listens: the far host's kernel answers each copy.
    const silent = analyse(readFileSync(join(FIXTURES, 'findings/no-response.pcap')))!;
    const invites = silent.messages.filter((m) => m.sip.method === 'INVITE');
    assert.ok(invites.length > 1 && invites.every((m) => m.frame.icmp?.kind === 'port unreachable' && m.frame.icmp.from === '203.0.113.7'), 'every copy answered by ICMP');
    const [noResponse] = silent.calls[0]!.findings;
    assert.match(noResponse!.message, new RegExp(`but an ICMP port unreachable from 203\\.0\\.113\\.7 \\(frame ${invites[0]!.frame.icmp!.frame}\\) — the host is there but nothing listens on that port`));
    assert.match(silent.calls[0]!.verdict, /but an ICMP port unreachable from 203\.0\.113\.7/);
    // The INVITE and its UDP header over a loopback MTU of 576 (552 payload bytes a fragment).
    const big = analyse(readFileSync(join(FIXTURES, 'findings/udp-too-large.pcap')))!;
    const [tooLarge] = big.calls[0]!.findings;
    const size = Number(/^This INVITE is (\d+) bytes over UDP/.exec(tooLarge!.message)?.[1]);
    assert.ok(size > 1300, `${size} bytes`);
    assert.equal(big.messages[tooLarge!.at]!.frame.fragments, Math.ceil((size + 8) / 552));
    assert.match(tooLarge!.message, new RegExp(`the capture shows it travelled in ${Math.ceil((size + 8) / 552)} IP fragments`));
  });

  for (const file of files) {
    it(file, () => {
      const analysis = analyse(readFileSync(join(FIXTURES, file)));
      if (!analysis) return;
      const want = expected[file];
      const wantCalls = typeof want === 'object' ? (want.calls ?? {}) : {};
      const wantTransactions = typeof want === 'object' ? (want.transactions ?? {}) : {};
      for (const call of analysis.calls) {
        const codes = call.findings.map((f) => f.code);
        assert.deepEqual(codes, wantCalls[call.callId] ?? [], `findings of call ${call.callId}: ${call.findings.map((f) => f.message).join(' | ')}`);
        assert.ok(call.verdict.length > 20 && /[.]$/.test(call.verdict), `a verdict sentence for ${call.callId}: ${call.verdict}`);
        assert.ok(!/undefined|null|NaN|\[object/.test(call.verdict), `no placeholder in the verdict: ${call.verdict}`);
        for (const finding of call.findings) {
          assert.ok(call.messages.includes(finding.at), 'a finding points at a message of its call');
          assert.ok(!analysis.messages[finding.at].retransmission, 'a finding points at a first copy');
        }
      }
      for (const callId of Object.keys(wantCalls)) assert.ok(analysis.calls.some((c) => c.callId === callId), `call ${callId} is in ${file}`);
      for (const transaction of analysis.transactions) {
        const key = `${transaction.method} ${transaction.callId}`;
        assert.deepEqual(transaction.findings.map((f) => f.code), wantTransactions[key] ?? [], `findings of ${key}`);
      }
      for (const key of Object.keys(wantTransactions)) {
        assert.ok(analysis.transactions.some((t) => `${t.method} ${t.callId}` === key), `transaction ${key} is in ${file}`);
      }
    });
  }
});
