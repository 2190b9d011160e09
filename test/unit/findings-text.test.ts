// The findings read what they need straight from a message's text: single headers
// (findings/headers.ts) and the addresses of an SDP body's streams (findings/sdp.ts). They must
// see exactly what the parsed header list and the full SDP parse hold, whatever the text: folded
// lines, compact names, odd case and spacing, blank lines before the start line, no blank line
// after the headers, streams disabled or with their own c= line.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { splitTrace } from '../../server/src/analysis/formats';
import { headerValuesIn } from '../../server/src/analysis/findings/headers';
import { activeMediaAddresses, parseSdp } from '../../server/src/analysis/findings/sdp';
import { parseSipMessage } from '../../server/src/analysis/message';

/** The names the findings ask for, a compact-form one among them, and a few others. */
const NAMES = ['via', 'contact', 'max-forwards', 'retry-after', 'reason', 'warning', 'www-authenticate', 'proxy-authorization', 'x-reason', 'accept', 'session-expires', 'call-id', 'x-unknown'];

function fromHeaderList(text: string, name: string): string[] {
  return parseSipMessage(text).headers.filter((h) => h.name === name).map((h) => h.value);
}

function fromFullParse(body: string): (string | undefined)[] {
  return (parseSdp(body)?.media ?? []).filter((m) => m.port !== 0).map((m) => m.address);
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

describe('findings: the addresses of the streams in use, read from an SDP body', () => {
  it("takes a stream's own c= line over the session's, and leaves out disabled streams", () => {
    const body = ['v=0', 'c=IN IP4 192.0.2.1', 'm=audio 4000 RTP/AVP 0', 'm=video 0 RTP/AVP 31', 'c=IN IP4 192.0.2.2', 'm=audio 4002 RTP/AVP 8', 'c=IN IP4 10.0.0.3/127', ''].join('\r\n');
    assert.deepEqual(activeMediaAddresses(body), ['192.0.2.1', '10.0.0.3']);
    assert.deepEqual(activeMediaAddresses(' m=audio 4000 RTP/AVP 0\r\n'), [], 'no line starts with v= or m=');
    assert.deepEqual(activeMediaAddresses('m=audio 4000 RTP/AVP 0\r\n c=IN IP4 10.0.0.9\r\n'), ['10.0.0.9'], 'lines are trimmed');
  });

  it('agrees with the full SDP parse on every body of every text fixture', () => {
    let bodies = 0;
    for (const file of textFixtures(join(__dirname, '..', 'fixtures'))) {
      for (const frame of splitTrace(readFileSync(file, 'latin1')).messages) {
        const sip = parseSipMessage(frame.text);
        if (!sip.hasSdp) continue;
        bodies++;
        assert.deepEqual(activeMediaAddresses(sip.body), fromFullParse(sip.body), `${file} line ${frame.startLine + 1}`);
      }
    }
    assert.ok(bodies > 100, `only ${bodies} SDP bodies`);
  });

  it('agrees with the full SDP parse on random bodies', () => {
    const piece = fc.constantFrom('v=0', 'm=audio 4000 RTP/AVP 0', 'm=video 0 RTP/AVP 31', 'm=audio', 'm=', 'm=audio x', 'c=IN IP4 192.0.2.1', 'c=IN IP4 10.0.0.1/127/2', 'c=IN', 'c=', 'a=sendonly', ' ', '\t', '\u00a0', 'é', '\r', '\n', '\r\n', '=', 'cm', 'mc=');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const body = parts.join('');
        assert.deepEqual(activeMediaAddresses(body), fromFullParse(body));
      }),
      { numRuns: 3000, seed: 1207 },
    );
  });
});
