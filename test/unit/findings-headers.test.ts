// The findings read single headers straight from a message's text (findings/headers.ts); they
// must see exactly what the parsed header list holds, whatever the text: folded lines, compact
// names, odd case and spacing, blank lines before the start line, no blank line after the headers.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { splitTrace } from '../../server/src/analysis/formats';
import { headerValuesIn } from '../../server/src/analysis/findings/headers';
import { parseSipMessage } from '../../server/src/analysis/message';

/** The names the findings ask for, a compact-form one among them, and a few others. */
const NAMES = ['via', 'contact', 'max-forwards', 'retry-after', 'reason', 'warning', 'www-authenticate', 'proxy-authorization', 'x-reason', 'accept', 'session-expires', 'call-id', 'x-unknown'];

function fromHeaderList(text: string, name: string): string[] {
  return parseSipMessage(text).headers.filter((h) => h.name === name).map((h) => h.value);
}

function textFixtures(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...textFixtures(path));
    else if (/\.(log|txt|sip)$/.test(entry)) out.push(path);
  }
  return out;
}

describe('findings: a header read from the text', () => {
  it('finds what the header list holds in a hand-written message with every oddity', () => {
    const text = [
      '',
      '\r',
      'INVITE sip:bob@example.com SIP/2.0\r',
      'v: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r',
      'VIA : SIP/2.0/TCP 192.0.2.2;branch=z9hG4bK2,\r',
      ' SIP/2.0/UDP 192.0.2.3\r',
      'Max-Forwards:0\r',
      'Retry-After: 30 (maintenance)\r',
      'no colon here\r',
      ': no name\r',
      '\tx-reason : folded\r',
      'X-Reason\r',
      ' : value after a fold\r',
      'Contact: <sip:a@192.0.2.9>\r',
      '\r',
      'Max-Forwards: 5',
    ].join('\n');
    assert.deepEqual(headerValuesIn(text, 'via'), ['SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1', 'SIP/2.0/TCP 192.0.2.2;branch=z9hG4bK2, SIP/2.0/UDP 192.0.2.3']);
    assert.deepEqual(headerValuesIn(text, 'max-forwards'), ['0']);
    assert.deepEqual(headerValuesIn(text, 'retry-after', true), ['30 (maintenance)']);
    assert.deepEqual(headerValuesIn(text, 'x-reason'), ['value after a fold']);
    for (const name of NAMES) assert.deepEqual(headerValuesIn(text, name), fromHeaderList(text, name), name);
  });

  it('agrees with the header list on every message of every text fixture', () => {
    let messages = 0;
    for (const file of textFixtures(join(__dirname, '..', 'fixtures'))) {
      for (const frame of splitTrace(readFileSync(file, 'latin1')).messages) {
        messages++;
        for (const name of NAMES) assert.deepEqual(headerValuesIn(frame.text, name), fromHeaderList(frame.text, name), `${file} line ${frame.startLine + 1}: ${name}`);
      }
    }
    assert.ok(messages > 500, `only ${messages} messages`);
  });

  it('agrees with the header list on random header blocks', () => {
    const piece = fc.constantFrom('Via', 'v', 'VIA ', ' via', 'Max-Forwards', 'x-Reason', 'Reason', 'Retry-After', 'K\u212a', 'Ｖia', ':', ': ', ' ', '\t', '\r', '\n', '\r\n', '\r\n ', '\n\t', '0', 'SIP/2.0/UDP h', ';', ',', 'é');
    const text = fc.array(piece, { maxLength: 40 }).map((parts) => `OPTIONS sip:a@b SIP/2.0\r\n${parts.join('')}`);
    const leading = fc.constantFrom('', '\n', '\r\n', ' \r\n', '\r\r\n');
    fc.assert(
      fc.property(leading, text, fc.constantFrom(...NAMES), (before, message, name) => {
        assert.deepEqual(headerValuesIn(before + message, name), fromHeaderList(before + message, name));
      }),
      { numRuns: 3000, seed: 1207 },
    );
  });
});
