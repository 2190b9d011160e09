// Whole-file behaviour of the splitter: mixed framings, noise, binary input, truncation,
// midnight crossings and cancellation.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { splitTrace } from '../../server/src/analysis/formats/index';
import { invite, lineOf, response, toLf } from './formats.helpers';

const INV = invite();
const TRYING = response('100 Trying');
const BUSY = response('486 Busy Here');

describe('splitTrace on whole files', () => {
  it('reports mixed when several framings occur, and skips unrelated log lines', () => {
    const text =
      '2024-05-01 12:00:00.000 INFO starting capture\n' +
      'some random line with : colons\n' +
      '----------------------------------------------- 2024-05-01 12:00:00.100000\nUDP message sent (100 bytes):\n\n' + INV + '\n\n' +
      '[May  1 12:00:01] VERBOSE[77] <--- Received SIP response (80 bytes) from UDP:10.0.0.2:5060 --->\n' + TRYING + '\n' +
      'ERROR: something went wrong\n\n' +
      BUSY +
      'trailing noise\n';
    const r = splitTrace(text);
    assert.equal(r.format, 'mixed');
    assert.deepEqual(r.messages.map((m) => m.format), ['sipp', 'asterisk-pjsip', 'raw']);
    assert.equal(r.messages[2]!.startLine, lineOf(text, 'SIP/2.0 486'));
    assert.equal(r.messages[2]!.text, BUSY);
    assert.equal(r.notices.length, 0);
  });

  it('frames every start line, even when the previous message is cut short', () => {
    const cut = toLf(INV).split('\n').slice(0, 4).join('\n') + '\n';
    const text = cut + toLf(TRYING);
    const r = splitTrace(text);
    assert.equal(r.messages.length, 2);
    assert.equal(r.messages[1]!.startLine, 4);
    assert.equal(r.messages[1]!.text, toLf(TRYING));
  });

  it('returns a truncated last message with a notice', () => {
    const text = INV + TRYING.slice(0, 60);
    const r = splitTrace(text);
    assert.equal(r.messages.length, 2);
    assert.equal(r.messages[1]!.text, TRYING.slice(0, 60));
    assert.ok(r.notices.some((n) => n.kind === 'truncated' && n.line === r.messages[1]!.startLine));
  });

  it('returns a body cut short at end of file', () => {
    const text = INV.slice(0, INV.length - 10);
    const r = splitTrace(text);
    assert.equal(r.messages.length, 1);
    assert.equal(r.messages[0]!.text, text);
    assert.ok(r.notices.some((n) => n.kind === 'truncated'));
  });

  it('finds nothing in an empty file or plain log', () => {
    for (const text of ['', 'hello\nworld\n']) {
      const r = splitTrace(text);
      assert.equal(r.format, 'unknown');
      assert.equal(r.messages.length, 0);
      assert.equal(r.notices[0]!.kind, 'no-sip');
    }
  });

  it('unrolls undated times that cross midnight', () => {
    const fs = (dir: string, t: string, msg: string) =>
      `${dir} 300 bytes ${dir === 'recv' ? 'from' : 'to'} udp/[10.0.0.1]:5060 at ${t}:\n   ${'-'.repeat(72)}\n${toLf(msg)}\n`;
    const text = fs('recv', '23:59:58.000000', INV) + fs('send', '23:59:59.500000', TRYING) + fs('send', '00:00:02.000000', BUSY) + fs('send', '00:00:01.000000', BUSY);
    const r = splitTrace(text);
    const day = 86_400_000;
    assert.deepEqual(
      r.messages.map((m) => m.time),
      [
        { ms: day - 2000, dated: false },
        { ms: day - 500, dated: false },
        { ms: day + 2000, dated: false },
        { ms: day + 1000, dated: false },
      ],
    );
  });

  it('tolerates a UTF-8 byte order mark', () => {
    const r = splitTrace('\ufeff' + INV);
    assert.equal(r.messages.length, 1);
    assert.equal(r.messages[0]!.startColumn, 1);
    assert.equal(r.messages[0]!.text, INV);
  });
});

describe('binary and foreign encodings', () => {
  const pcapHeader = '\xd4\xc3\xb2\xa1\x02\x00\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\x00\x00\x01\x00\x00\x00';

  it('refuses a pcap capture with a clear notice', () => {
    const text = pcapHeader + '\x00'.repeat(40) + INV + '\x00\x01\x02'.repeat(200);
    const r = splitTrace(text);
    assert.equal(r.messages.length, 0);
    assert.equal(r.format, 'unknown');
    assert.equal(r.notices.length, 1);
    assert.equal(r.notices[0]!.kind, 'binary');
    assert.match(r.notices[0]!.message, /pcap/);
    assert.match(r.notices[0]!.message, /sip-lens summary/);
  });

  it('refuses other binary data (many NULs and control characters)', () => {
    let junk = '';
    for (let i = 0; i < 5000; i++) junk += String.fromCharCode(i % 32, 65 + (i % 26));
    const r = splitTrace(junk + INV);
    assert.equal(r.messages.length, 0);
    assert.equal(r.notices[0]!.kind, 'binary');
  });

  it('tolerates a few stray NULs in a text log', () => {
    const r = splitTrace('log line\n\x00\x00\x00\n' + INV);
    assert.equal(r.messages.length, 1);
  });

  it('reports UTF-16 text as an encoding problem', () => {
    const utf16 = (s: string) => s.split('').map((ch) => ch + '\x00').join('');
    for (const text of ['\xff\xfe' + utf16(INV), utf16(INV)]) {
      const r = splitTrace(text);
      assert.equal(r.messages.length, 0);
      assert.equal(r.notices[0]!.kind, 'encoding');
    }
  });
});

describe('cancellation and size', () => {
  it('throws a CancellationError when asked to stop', () => {
    const text = 'noise line\n'.repeat(20_000) + INV;
    let calls = 0;
    assert.throws(
      () => splitTrace(text, { isCancelled: () => ++calls > 1 }),
      (e: unknown) => e instanceof Error && e.name === 'CancellationError',
    );
    assert.ok(calls >= 2);
  });

  it('splits a large trace in one pass', () => {
    const block = '----------------------------------------------- 2024-05-01 12:00:00.000000\nUDP message sent (1 bytes):\n\n' + INV + '\n\n' + 'unrelated log line number something\n'.repeat(5);
    const n = 20_000;
    const text = block.repeat(n);
    const t0 = process.hrtime.bigint();
    const r = splitTrace(text);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    assert.equal(r.messages.length, n);
    assert.equal(r.messages[n - 1]!.text, INV);
    // ~14 MB; generous bound so slow CI machines pass, but a quadratic scan would not.
    assert.ok(ms < 10_000, `took ${ms} ms`);
  });
});

describe('malformed start lines are still framed', () => {
  it('frames RFC 4475-style oddities so the parser can report them', () => {
    const lines = [
      'SIP/2.0 4294967301 better not break the receiver',
      "!interesting-Method0123456789_*+`.%indeed'~ sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com SIP/2.0",
      'INVITE sip:user@example.com; lr SIP/2.0',
      'INVITE  sip:vivekg@chair-dnrc.example.com   SIP/2.0',
    ];
    for (const start of lines) {
      const text = start + '\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n';
      const r = splitTrace(text);
      assert.equal(r.messages.length, 1, start);
      assert.equal(r.messages[0]!.text, text);
    }
  });

  it('does not take ordinary log lines for start lines', () => {
    const text = 'Got reply from peer SIP/2.0\nDEBUG: version=SIP/2.0 enabled\nVia: SIP/2.0/UDP 10.0.0.1\nprotocol SIP/2.0/TCP 5060\n';
    assert.equal(splitTrace(text).messages.length, 0);
  });
});
