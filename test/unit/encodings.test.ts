// Trace files arrive in whatever encoding the tool or the editor that saved them chose. Bytes go
// through decodeTraceBytes (as the CLI and the server do for files read from disk), then the
// analysis; binary captures must be refused with a clear notice instead of yielding garbage.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeTrace } from '../../server/src/analysis/analyze';
import { decodeTraceBytes } from '../../server/src/analysis/source';
import type { TraceAnalysis } from '../../server/src/analysis/types';

function message(lines: string[], body = ''): string {
  return `${lines.join('\r\n')}\r\nContent-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
}

/** A short answered call whose display names and user parts carry non-ASCII text. */
function callTrace(name: string, user: string): string {
  const common = (method: string, seq: number, toTag = '') => [
    'Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-' + method + seq,
    `From: "${name}" <sip:${user}@example.com>;tag=caller`,
    `To: <sip:2002@example.com>${toTag}`,
    'Call-ID: enc-1@192.0.2.1',
    `CSeq: ${seq} ${method}`,
  ];
  return [
    message([`INVITE sip:2002@example.com SIP/2.0`, ...common('INVITE', 1)]),
    message(['SIP/2.0 180 Ringing', ...common('INVITE', 1, ';tag=callee')]),
    message(['SIP/2.0 200 Très bien', ...common('INVITE', 1, ';tag=callee')]),
    message([`ACK sip:2002@example.com SIP/2.0`, ...common('ACK', 1, ';tag=callee')]),
    message([`BYE sip:2002@example.com SIP/2.0`, ...common('BYE', 2, ';tag=callee')]),
    message(['SIP/2.0 200 OK', ...common('BYE', 2, ';tag=callee')]),
  ].join('');
}

const NAME = 'Jürgen Größe';
const USER = 'jürgen';
const TRACE = callTrace(NAME, USER);

function analyseBytes(bytes: Buffer): { analysis: TraceAnalysis; decoded: ReturnType<typeof decodeTraceBytes> } {
  const decoded = decodeTraceBytes(bytes);
  const analysis = analyzeTrace(decoded.text, { redecode: decoded.redecode });
  return { analysis, decoded };
}

/** The call reads the same whatever the encoding: six messages, answered, names intact. */
function assertCallIntact(analysis: TraceAnalysis, where: string): void {
  assert.equal(analysis.messages.length, 6, `${where}: messages`);
  for (const m of analysis.messages) assert.deepEqual(m.sip.problems, [], `${where}: ${m.sip.startLineText}`);
  assert.equal(analysis.calls.length, 1, `${where}: calls`);
  const call = analysis.calls[0];
  assert.equal(call.outcome, 'answered', `${where}: outcome`);
  assert.equal(call.from, USER, `${where}: From user`);
  assert.equal(call.finalReason, 'Très bien', `${where}: reason phrase`);
  assert.equal(analysis.messages[0].frame.startLine, 0, `${where}: line numbers unchanged`);
}

function utf16le(text: string, bom: boolean): Buffer {
  const body = Buffer.from(text, 'utf16le');
  return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
}

function utf16be(text: string, bom: boolean): Buffer {
  const body = Buffer.from(text, 'utf16le').swap16();
  return bom ? Buffer.concat([Buffer.from([0xfe, 0xff]), body]) : body;
}

describe('encodings: text traces', () => {
  it('UTF-8 without BOM', () => {
    const { analysis, decoded } = analyseBytes(Buffer.from(TRACE, 'utf8'));
    assert.equal(decoded.unreadable, false);
    assert.deepEqual(decoded.notices, []);
    assertCallIntact(analysis, 'utf-8');
  });

  it('UTF-8 with BOM: the BOM is dropped, nothing else moves', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TRACE, 'utf8')]);
    const { analysis, decoded } = analyseBytes(bytes);
    assert.equal(decoded.unreadable, false);
    assert.deepEqual(decoded.notices, []);
    assert.ok(!decoded.text.startsWith('\xef\xbb\xbf') && !decoded.text.startsWith('\ufeff'), 'BOM removed');
    assertCallIntact(analysis, 'utf-8 BOM');
    assert.equal(analysis.messages[0].frame.startColumn, 0);
  });

  it('UTF-8 with BOM, as an editor hands it over (BOM as U+FEFF in the text)', () => {
    const analysis = analyzeTrace(`\ufeff${TRACE}`);
    assert.equal(analysis.messages.length, 6);
    assert.equal(analysis.calls[0]?.outcome, 'answered');
  });

  it('Latin-1 (ISO 8859-1) text: read byte for byte, names kept as Latin-1', () => {
    const { analysis, decoded } = analyseBytes(Buffer.from(TRACE, 'latin1'));
    assert.equal(decoded.unreadable, false);
    assertCallIntact(analysis, 'latin-1');
  });

  it('Content-Length counts bytes, not characters, in UTF-8 text', () => {
    const body = 'v=0\r\ns=Größe\r\n';
    const text = message(
      ['MESSAGE sip:a@example.com SIP/2.0', 'Via: SIP/2.0/UDP h;branch=z9hG4bK1', 'From: <sip:b@example.com>;tag=1', 'To: <sip:a@example.com>', 'Call-ID: cl', 'CSeq: 1 MESSAGE'],
      body,
    );
    const utf8 = analyseBytes(Buffer.from(text, 'utf8')).analysis;
    assert.deepEqual(utf8.messages[0].sip.problems, []);
    assert.equal(utf8.messages[0].sip.contentLength, Buffer.byteLength(body, 'utf8'));
  });

  for (const [label, encode] of [
    ['UTF-16 LE with BOM', (t: string) => utf16le(t, true)],
    ['UTF-16 BE with BOM', (t: string) => utf16be(t, true)],
    ['UTF-16 LE without BOM', (t: string) => utf16le(t, false)],
    ['UTF-16 BE without BOM', (t: string) => utf16be(t, false)],
  ] as const) {
    it(`${label}: read as UTF-16 and said so`, () => {
      const { analysis, decoded } = analyseBytes(encode(TRACE));
      assert.equal(decoded.unreadable, false);
      assert.equal(decoded.text, TRACE, 'decoded exactly');
      assert.equal(decoded.notices.length, 1);
      assert.equal(decoded.notices[0].kind, 'encoding');
      assert.match(decoded.notices[0].message, /UTF-16/);
      assertCallIntact(analysis, label);
    });
  }

  it('UTF-16 with an odd trailing byte does not crash', () => {
    const bytes = Buffer.concat([utf16le(TRACE, true), Buffer.from([0x41])]);
    const { analysis } = analyseBytes(bytes);
    assert.equal(analysis.calls.length, 1);
  });

  it('UTF-16 text handed over undecoded (as Latin-1) is refused with an encoding notice, not misread', () => {
    for (const bytes of [utf16le(TRACE, true), utf16le(TRACE, false), utf16be(TRACE, false)]) {
      const analysis = analyzeTrace(bytes.toString('latin1'));
      assert.equal(analysis.messages.length, 0);
      assert.equal(analysis.notices[0]?.kind, 'encoding');
    }
  });

  it('empty and BOM-only files are empty traces', () => {
    for (const bytes of [Buffer.alloc(0), Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff])]) {
      const { analysis, decoded } = analyseBytes(bytes);
      assert.equal(decoded.unreadable, false);
      assert.equal(analysis.messages.length, 0);
      assert.equal(analysis.calls.length, 0);
    }
  });
});

/** A libpcap file whose one packet carries a SIP message: text inside must not be picked up. */
function pcapWithSip(magic: number[]): Buffer {
  const sip = Buffer.from(TRACE.slice(0, TRACE.indexOf('SIP/2.0 180')), 'latin1');
  const header = Buffer.alloc(24);
  Buffer.from(magic).copy(header, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65535, 16);
  header.writeUInt32LE(1, 20);
  const record = Buffer.alloc(16);
  record.writeUInt32LE(1_700_000_000, 0);
  record.writeUInt32LE(sip.length + 42, 8);
  record.writeUInt32LE(sip.length + 42, 12);
  const frame = Buffer.alloc(42, 0); // Ethernet + IPv4 + UDP headers, zeroed
  return Buffer.concat([header, record, frame, sip]);
}

describe('encodings: binary captures read as text', () => {
  const captures: Array<[string, Buffer]> = [
    ['pcap, little-endian', pcapWithSip([0xd4, 0xc3, 0xb2, 0xa1])],
    ['pcap, big-endian', pcapWithSip([0xa1, 0xb2, 0xc3, 0xd4])],
    ['pcap, nanosecond', pcapWithSip([0x4d, 0x3c, 0xb2, 0xa1])],
    ['pcapng', Buffer.concat([Buffer.from([0x0a, 0x0d, 0x0d, 0x0a, 0x1c, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a]), pcapWithSip([0, 0, 0, 0]).subarray(4)])],
  ];
  const real = join(__dirname, '..', 'fixtures', 'binary', 'capture.pcap');
  if (existsSync(real)) captures.push(['a real capture (test/fixtures/binary)', readFileSync(real)]);

  for (const [label, bytes] of captures) {
    it(`${label}: a clear notice, no messages`, () => {
      const decoded = decodeTraceBytes(bytes);
      assert.equal(decoded.unreadable, true);
      assert.equal(decoded.text, '');
      assert.equal(decoded.notices.length, 1);
      const notice = decoded.notices[0];
      assert.equal(notice.kind, 'binary');
      assert.match(notice.message, /binary/i);
      assert.match(notice.message, /capture/i);
      assert.match(notice.message, /pcap/i, 'says what it is');
      assert.match(notice.message, /sip-lens summary/, 'says what to do instead');
      const analysis = analyzeTrace(decoded.text, { redecode: decoded.redecode });
      assert.equal(analysis.messages.length, 0);
      assert.equal(analysis.calls.length, 0);
    });

    it(`${label}: handed over as text (an editor opened it), still no garbage messages`, () => {
      const analysis = analyzeTrace(bytes.toString('latin1'));
      assert.equal(analysis.messages.length, 0);
      assert.equal(analysis.calls.length, 0);
      assert.ok(analysis.notices.some((n) => n.kind === 'binary'), JSON.stringify(analysis.notices));
    });
  }

  it('other binary data (random bytes, an image header) is refused as binary, not as a capture', () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(256, 1)]);
    const decoded = decodeTraceBytes(png);
    assert.equal(decoded.unreadable, true);
    assert.equal(decoded.notices[0]?.kind, 'binary');
    assert.doesNotMatch(decoded.notices[0]?.message ?? '', /pcap/i);
  });
});

describe('encodings: text too long for one string', () => {
  const trace = Buffer.from('INVITE sip:2002@gw SIP/2.0\r\nCall-ID: a\r\nCSeq: 1 INVITE\r\n\r\n'.repeat(20));
  const limit = trace.length - 1;

  it('a text trace longer than the limit is turned down with its size and what to do, not decoded', () => {
    const decoded = decodeTraceBytes(trace, limit);
    assert.equal(decoded.unreadable, true);
    assert.equal(decoded.text, '');
    assert.equal(decoded.notices.length, 1);
    assert.equal(decoded.notices[0].kind, 'too-large');
    assert.match(decoded.notices[0].message, /split -C/, 'says how to cut it');
  });

  it('a text exactly at the limit is read as usual', () => {
    const decoded = decodeTraceBytes(trace, trace.length);
    assert.equal(decoded.unreadable, false);
    assert.equal(decoded.text, trace.toString('latin1'));
  });

  it('a UTF-8 byte order mark is not counted; UTF-16 counts two bytes a character', () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), trace]);
    assert.equal(decodeTraceBytes(withBom, trace.length).unreadable, false);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(trace.toString('latin1'), 'utf16le')]);
    assert.equal(decodeTraceBytes(utf16, trace.length).unreadable, false);
    assert.equal(decodeTraceBytes(utf16, limit).notices[0]?.kind, 'too-large');
  });

  it('binary data over the limit still says it is binary', () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(4096, 1)]);
    const decoded = decodeTraceBytes(png, 100);
    assert.equal(decoded.unreadable, true);
    assert.equal(decoded.notices[0]?.kind, 'binary');
  });
});
