// The header index a framing hands the parser must never change what a message parses to, and
// must be made only for header blocks the parser would read line for line the same way.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { captureToText } from '../../server/src/analysis/capture';
import { splitTrace } from '../../server/src/analysis/formats';
import { messageLayout, newParseCache, parseSipMessage, type ParseOptions } from '../../server/src/analysis/message';
import type { HeaderIndex } from '../../server/src/analysis/types';

const FIXTURES = join(__dirname, '..', 'fixtures');
// The public captures beside the repository (as in CI), or where SIP_LENS_WILD_CAPTURES says.
const WILD = process.env.SIP_LENS_WILD_CAPTURES ?? resolve(__dirname, '..', '..', '..', 'shared', 'wild-captures');

function traceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return traceFiles(path);
    return /\.(log|sip|txt)$/.test(name) ? [path] : [];
  });
}

/** Everything a consumer can read from a parsed message, its layout and headers included. */
function visible(text: string, options: ParseOptions, index?: HeaderIndex): unknown {
  const m = parseSipMessage(text, options, index);
  const layout = messageLayout(m);
  return {
    kind: m.kind, method: m.method, requestUri: m.requestUri, status: m.status, reason: m.reason, version: m.version,
    startLineText: m.startLineText, callId: m.callId, cseq: m.cseq, from: m.from, to: m.to, branch: m.branch,
    viaHost: m.viaHost, contentLength: m.contentLength, contentType: m.contentType, reasonHeaders: [...m.reasonHeaders],
    body: m.body, hasSdp: m.hasSdp, problems: [...m.problems], headers: m.headers,
    begin: layout?.begin, headerEnd: layout?.headerEnd, bodyStart: layout?.bodyStart, bodyIsSlice: layout?.bodyIsSlice,
  };
}

function split(text: string) {
  return splitTrace(text).messages;
}

const CRLF = (lines: string[]) => lines.join('\r\n');

/** Every message of `text` that has an index parses with it exactly as without; how many had one. */
function checkIndexed(text: string, where: string): { indexed: number; total: number } {
  let indexed = 0;
  let total = 0;
  for (const frame of split(text)) {
    total++;
    if (!frame.headerIndex) continue;
    indexed++;
    const options: ParseOptions = { bytesIntact: frame.bytesIntact, cache: newParseCache() };
    assert.deepEqual(visible(frame.text, options, frame.headerIndex), visible(frame.text, { ...options, cache: newParseCache() }), `${where} line ${frame.startLine + 1}`);
  }
  return { indexed, total };
}

describe('header index', () => {
  it('parses every fixture message exactly as the parser reads it alone', () => {
    let indexed = 0;
    let total = 0;
    for (const file of traceFiles(FIXTURES)) {
      const counts = checkIndexed(readFileSync(file, 'utf8'), file);
      indexed += counts.indexed;
      total += counts.total;
    }
    // Most framings keep the sender's lines as they were: most messages get an index.
    assert.ok(indexed > 100 && indexed > total / 2, `${indexed} of ${total} messages indexed`);
  });

  it('parses every message of the public captures, rendered as text, exactly as the parser reads it alone', { skip: !existsSync(WILD) && 'no public captures here' }, () => {
    let indexed = 0;
    for (const name of readdirSync(WILD).filter((n) => /\.pcap(?:ng)?$/.test(n))) {
      indexed += checkIndexed(captureToText(readFileSync(join(WILD, name))).text, name).indexed;
    }
    assert.ok(indexed > 100, `${indexed} messages indexed`);
  });

  it('lists the headers the parser reads, with their colons and line ends, and where the block ends', () => {
    const sip = CRLF([
      'INVITE sip:b@example.com SIP/2.0',
      'Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1',
      'Max-Forwards: 70',
      'f: <sip:a@example.com>;tag=1',
      'To  : <sip:b@example.com>',
      'Call-ID: c1',
      'CSeq: 1 INVITE',
      'Content-Length: 0',
      '',
      '',
    ]);
    const [frame] = split(`----------------------------------------------- 2026-11-21 08:00:00.000000\nUDP message sent (${sip.length} bytes):\n\n${sip}\n`);
    assert.equal(frame?.text, sip);
    const line = (start: string) => {
      const at = sip.indexOf(`\r\n${start}`) + 2;
      return [sip.indexOf(':', at), sip.indexOf('\r\n', at)];
    };
    const blank = sip.indexOf('\r\n\r\n') + 2;
    assert.deepEqual(frame.headerIndex, [
      sip.length, blank, blank + 2,
      5, ...line('Via:'),
      3, ...line('f:'),
      4, ...line('To  :'),
      1, ...line('Call-ID:'),
      2, ...line('CSeq:'),
      6, ...line('Content-Length:'),
    ]);
  });

  it('is not made where the parser reads the block its own way', () => {
    const head = (lines: string[]) => CRLF(['OPTIONS sip:b@example.com SIP/2.0', 'Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK2', ...lines]);
    const sipp = (sip: string) => `----------------------------------------------- 2026-11-21 08:00:00.000000\nUDP message sent (${sip.length} bytes):\n\n${sip}\n`;
    const cases: [string, string][] = [
      // A fold continues the header above it.
      ['folded header', head(['Subject: a', ' b', 'Call-ID: c2', '', ''])],
      // A line of spaces is a fold to the parser, an empty line to the framing.
      ['blank line of spaces', head(['Call-ID: c2', '  ', 'v=0', ''])],
      // A line without a name, which the parser reports.
      ['line without a name', head(['Call-ID: c2', 'just words', '', ''])],
      // No empty line ends the block.
      ['no empty line', head(['Call-ID: c2'])],
    ];
    for (const [what, sip] of cases) {
      const [frame] = split(sipp(sip));
      assert.ok(frame, what);
      assert.equal(frame.headerIndex, undefined, what);
    }
    // A prefix taken off each line (here e-mail quoting): the message text is not a slice of the trace.
    const quoted = head(['Call-ID: c2', 'CSeq: 1 OPTIONS', '', '']).split('\r\n').map((line) => `> ${line}`).join('\r\n');
    const [frame] = split(quoted);
    assert.ok(frame?.text.includes('Call-ID: c2'));
    assert.equal(frame.headerIndex, undefined);
  });

  it('is ignored when given with another text than its own', () => {
    const sip = CRLF(['BYE sip:b@example.com SIP/2.0', 'Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK3', 'Call-ID: c3', 'CSeq: 2 BYE', 'From: <sip:a@example.com>;tag=1', 'To: <sip:b@example.com>;tag=2', '', '']);
    const [frame] = split(sip);
    assert.ok(frame?.headerIndex);
    // A text the framing has since added to (a body read over TCP) is read anew.
    const joined = sip.replace('Call-ID: c3', 'Call-ID: c4') + 'v=0\r\n';
    assert.equal(parseSipMessage(joined, {}, frame.headerIndex).callId, 'c4');
  });
});
