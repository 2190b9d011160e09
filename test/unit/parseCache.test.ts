// The per-trace parse cache and the in-place fast paths must never change what a message parses to.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { splitTrace } from '../../server/src/analysis/formats';
import { newParseCache, parseSipMessage } from '../../server/src/analysis/message';

const FIXTURES = join(__dirname, '..', 'fixtures');

function traceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return traceFiles(path);
    return /\.(log|sip|txt)$/.test(name) ? [path] : [];
  });
}

/** Everything a consumer can read from a parsed message, headers included. */
function visible(text: string, cache?: ReturnType<typeof newParseCache>): unknown {
  const m = parseSipMessage(text, { bytesIntact: true, cache });
  return {
    kind: m.kind, method: m.method, requestUri: m.requestUri, status: m.status, reason: m.reason, version: m.version,
    startLineText: m.startLineText, callId: m.callId, cseq: m.cseq, from: m.from, to: m.to, branch: m.branch,
    viaHost: m.viaHost, contentLength: m.contentLength, contentType: m.contentType, reasonHeaders: [...m.reasonHeaders],
    body: m.body, hasSdp: m.hasSdp, hasLinkHeader: m.hasLinkHeader, problems: [...m.problems], headers: m.headers,
  };
}

const message = (via: string, from: string) =>
  [`INVITE sip:b@example.com SIP/2.0`, `Via: ${via}`, `From: ${from}`, 'To: <sip:b@example.com>', 'Call-ID: c1', 'CSeq: 1 INVITE', '', ''].join('\r\n');

describe('parse cache', () => {
  it('parses every fixture message exactly as without a cache', () => {
    const cache = newParseCache();
    let count = 0;
    for (const file of traceFiles(FIXTURES)) {
      for (const frame of splitTrace(readFileSync(file, 'utf8')).messages) {
        // Twice through the cache: the second parse takes every shared value from it.
        const plain = visible(frame.text);
        assert.deepEqual(visible(frame.text, cache), plain, file);
        assert.deepEqual(visible(frame.text, cache), plain, file);
        count++;
      }
    }
    assert.ok(count > 100, `only ${count} messages in the fixtures`);
  });

  it('reports a malformed From on every message that carries it', () => {
    const cache = newParseCache();
    const text = message('SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1', '"Alice <sip:a@example.com>;tag=1');
    for (let i = 0; i < 2; i++) {
      const m = parseSipMessage(text, { cache });
      assert.ok(m.problems.some((p) => p.includes('unterminated quoted string')), `parse ${i}: ${m.problems.join('; ')}`);
    }
  });

  it('reads the usual Via in place and the unusual ones as before', () => {
    const cases: [string, string | undefined, string | undefined, boolean][] = [
      ['SIP/2.0/UDP 10.0.0.1:5060;rport;branch=z9hG4bKa', 'z9hG4bKa', '10.0.0.1', false],
      ['SIP/2.0/TCP [2001:db8::1]:5060;BRANCH=z9hG4bKb', 'z9hG4bKb', '[2001:db8::1]:5060', false],
      ['SIP/2.0/UDP host.example;branch', undefined, 'host.example', false],
      ['SIP/2.0/UDP 10.0.0.1;branch="z9hG4bKq"', 'z9hG4bKq', '10.0.0.1', false],
      ['SIP/2.0/UDP 10.0.0.1 ;branch=z9hG4bKc', 'z9hG4bKc', '10.0.0.1', false],
      ['SIP/2.0/UDP 10.0.0.1;;branch=z9hG4bKd', 'z9hG4bKd', '10.0.0.1', true],
      ['SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKe;', 'z9hG4bKe', '10.0.0.1', true],
      ['SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKf, SIP/2.0/UDP 10.0.0.2', 'z9hG4bKf', '10.0.0.1', false],
      ['SIP/2.0/UDP', undefined, undefined, true],
    ];
    for (const [via, branch, host, problem] of cases) {
      const m = parseSipMessage(message(via, '<sip:a@example.com>;tag=1'), { cache: newParseCache() });
      assert.equal(m.branch, branch, via);
      assert.equal(m.viaHost, host, via);
      assert.equal(m.problems.some((p) => p.startsWith('bad Via')), problem, `${via}: ${m.problems.join('; ')}`);
    }
  });

  it('counts lines while splitting as the text has them', () => {
    for (const text of ['', '\n', 'a', 'a\n', '\r\n\r\n', 'x\ny', message('SIP/2.0/UDP h;branch=z9hG4bK1', '<sip:a@b>;tag=1') + 'tail']) {
      assert.equal(splitTrace(text).lineCount, text.split('\n').length, JSON.stringify(text));
    }
  });
});
