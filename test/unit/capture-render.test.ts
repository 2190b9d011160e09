// The capture's text rendering shows control characters and stray line breaks as dots, so that
// the text's lines are the messages' lines. The rendering tests four bytes at a time; these
// tests put every kind of byte at every offset within a word and across word boundaries.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { captureToText } from '../../server/src/analysis/capture';
import { renderCapture } from '../../server/src/analysis/capture/render';
import type { CapturedSip } from '../../server/src/analysis/capture/types';

function captured(bytes: Uint8Array, frame = 1): CapturedSip {
  return { frame, timeUs: 1_764_000_000_000_000 + frame, src: '192.0.2.1', srcPort: 5060, dst: '192.0.2.2', dstPort: 5060, transport: 'udp', bytes, incomplete: false };
}

/** The message's bytes as they must show: what the rendering's rule says, one byte at a time. */
function shown(bytes: Uint8Array): string {
  const out = Uint8Array.from(bytes);
  for (let i = 0; i < out.length; i++) {
    const b = out[i]!;
    if (b === 13 && out[i + 1] !== 10) out[i] = 0x2e;
    else if ((b < 0x20 && b !== 9 && b !== 10 && b !== 13) || b === 0x7f) out[i] = 0x2e;
    else if (b === 0xc2 && out[i + 1] === 0x85) out.fill(0x2e, i, i + 2);
    else if (b === 0xe2 && out[i + 1] === 0x80 && (out[i + 2] === 0xa8 || out[i + 2] === 0xa9)) out.fill(0x2e, i, i + 3);
  }
  return Buffer.from(out).toString('utf8');
}

const START = Buffer.from('OPTIONS sip:a@192.0.2.2 SIP/2.0\r\nSubject: ', 'latin1');

describe('capture rendering: control characters', () => {
  const specials: [string, number[]][] = [
    ['NUL', [0]],
    ['BEL', [7]],
    ['ESC', [0x1b]],
    ['DEL', [0x7f]],
    ['a CR alone', [13]],
    ['CR LF (kept)', [13, 10]],
    ['TAB (kept)', [9]],
    ['NEL in UTF-8', [0xc2, 0x85]],
    ['LS in UTF-8', [0xe2, 0x80, 0xa8]],
    ['PS in UTF-8', [0xe2, 0x80, 0xa9]],
    ['é in UTF-8 (kept)', [0xc3, 0xa9]],
    ['€ in UTF-8 (kept)', [0xe2, 0x82, 0xac]],
  ];
  for (const [name, special] of specials) {
    it(`${name}, at every offset within a word`, () => {
      for (let pad = 0; pad < 8; pad++) {
        const bytes = Buffer.concat([START, Buffer.from('x'.repeat(pad)), Buffer.from(special), Buffer.from('yz\r\n\r\n')]);
        const { text } = renderCapture([captured(bytes)]);
        const body = text.slice(text.indexOf('\r\n') + 2);
        assert.equal(body, `${shown(bytes)}\r\n`, `offset ${pad}`);
      }
    });
  }

  it('a long message with controls scattered through it, as the byte-at-a-time rule shows it', () => {
    const parts: number[] = [...START];
    let seed = 7;
    for (let i = 0; i < 5000; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const pick = seed % 40;
      if (pick === 0) parts.push(0);
      else if (pick === 1) parts.push(13);
      else if (pick === 2) parts.push(0xc2, 0x85);
      else if (pick === 3) parts.push(0xe2, 0x80, 0xa9);
      else if (pick === 4) parts.push(0x7f);
      else if (pick === 5) parts.push(13, 10);
      else parts.push(0x41 + (seed % 26));
    }
    const bytes = Uint8Array.from([...parts, 13, 10, 13, 10]);
    const { text } = renderCapture([captured(bytes)]);
    assert.equal(text.slice(text.indexOf('\r\n') + 2), `${shown(bytes)}\r\n`);
  });
});

describe('capture rendering: more SIP than one string holds', () => {
  const messages = [1, 2, 3, 4].map((frame) => captured(Buffer.concat([START, Buffer.from(`frame ${frame}\r\n\r\n`)]), frame));
  const whole = renderCapture(messages);

  it('renders every message when the text fits', () => {
    assert.equal(whole.left, 0);
    for (const frame of [1, 2, 3, 4]) assert.ok(whole.text.includes(`Subject: frame ${frame}\r\n`), `frame ${frame}`);
  });

  it('keeps the first messages that fit, counts the rest, and never goes past the cap', () => {
    let lastLeft = messages.length;
    const seen = new Set<number>();
    for (let cap = 0; cap <= whole.text.length * 4; cap += 7) {
      const part = renderCapture(messages, cap);
      assert.ok(part.text.length <= cap, `${part.text.length} ≤ ${cap}`);
      assert.ok(part.left <= lastLeft, 'a bigger cap never keeps fewer');
      assert.ok(whole.text.startsWith(part.text), 'the kept messages render as in the whole');
      for (const frame of [1, 2, 3, 4]) {
        assert.equal(part.text.includes(`Subject: frame ${frame}\r\n`), frame <= messages.length - part.left, `cap ${cap}, frame ${frame}`);
      }
      lastLeft = part.left;
      seen.add(part.left);
    }
    assert.deepEqual([...seen].sort(), [0, 1, 2, 3, 4], 'every count from none to all left out');
  });

  it('a capture read with a cap says how many of its SIP messages were not read, and what to do', () => {
    const bytes = readFileSync(join(__dirname, '..', 'fixtures', 'captures', 'udp.pcap'));
    const all = captureToText(bytes);
    assert.ok(!all.notices.some((n) => n.kind === 'too-large'));
    const total = all.text.split('\r\n#').length;
    const capped = captureToText(bytes, { maxLength: Math.floor(all.text.length / 2) });
    const notice = capped.notices.find((n) => n.kind === 'too-large');
    assert.ok(notice, JSON.stringify(capped.notices));
    const m = /^The last (\d+) of (\d+) SIP messages were not read: .*editcap -c/.exec(notice.message);
    assert.ok(m, notice.message);
    assert.equal(Number(m[2]), total);
    assert.equal(capped.text.split('\r\n#').length, total - Number(m[1]));
  });
});
