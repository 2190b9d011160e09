// Every finding fires on the real trace made to show it — and on no other fixture. Expected
// findings come from what each scenario was made to do (test/fixtures/findings.json); every fixture
// and call not listed there must show no findings at all.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeTrace } from '../../server/src/analysis/analyze';
import { FINDING_CODES } from '../../server/src/analysis/findings/types';
import { decodeTraceBytes } from '../../server/src/analysis/source';

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

const files = traceFiles(FIXTURES).map((path) => relative(FIXTURES, path).split('\\').join('/'));

describe('findings on the real trace fixtures', () => {
  it('lists only fixtures that exist, and every code that has a fixture of its own', () => {
    for (const file of Object.keys(expected)) if (!file.startsWith('$')) assert.ok(files.includes(file), `${file} exists`);
    const shown = new Set(
      Object.values(expected).flatMap((e) => (typeof e === 'string' ? [] : [...Object.values(e.calls ?? {}), ...Object.values(e.transactions ?? {})].flat())),
    );
    for (const code of FINDING_CODES) assert.ok(shown.has(code), `a fixture shows ${code}`);
  });

  for (const file of files) {
    it(file, () => {
      const decoded = decodeTraceBytes(readFileSync(join(FIXTURES, file)));
      if (decoded.binary) return;
      const analysis = analyzeTrace(decoded.text, { redecode: decoded.redecode });
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
