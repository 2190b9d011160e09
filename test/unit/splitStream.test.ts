// The split hands messages out while it reads, keeping back only the last few: whatever a
// reader still does to an earlier message (a body joined to its headers, a day added past
// midnight) must hold however many messages came before it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { splitTrace, splitTraceInto } from '../../server/src/analysis/formats/index';
import type { FramedMessage } from '../../server/src/analysis/types';
import { invite, response, toLf } from './formats.helpers';

const INV = invite();
const TRYING = response('100 Trying');

/** Counts around the hand-out batch of 64, and well past it. */
const COUNTS = [1, 2, 63, 64, 65, 66, 127, 128, 129, 200];

describe('splitTraceInto', () => {
  it('hands out every message once, in file order, and says how many', () => {
    for (const n of COUNTS) {
      let text = '';
      for (let i = 0; i < n; i++) text += response('100 Trying', `call-${i}@10.0.0.1`) + '\r\n';
      const seen: FramedMessage[] = [];
      const summary = splitTraceInto(text, (m) => seen.push(m));
      assert.equal(summary.count, n);
      assert.equal(seen.length, n);
      assert.equal(summary.format, 'raw');
      seen.forEach((m, i) => assert.ok(m.text.includes(`Call-ID: call-${i}@10.0.0.1\r\n`), `message ${i} of ${n}`));
    }
  });

  it('keeps the last message back while a body read apart over TCP may still join it (Ribbon)', () => {
    const entry = (stamp: string, seq: number, rest: string) => `${rest.length + 40} ${stamp}:1.01.00.${seq}.Info ${rest}`;
    const recv = (seq: number, msg: string) => entry('09202018 165651.570846', seq, '.SIPCM: SipFeSocketRecvMsg - msg = ') + msg + `, msgLen = ${msg.length}.\n`;
    const head = INV.slice(0, INV.indexOf('\r\n\r\n') + 4);
    const body = INV.slice(head.length);
    for (const before of COUNTS) {
      let text = '';
      for (let i = 0; i < before; i++) text += recv(i, TRYING);
      text += recv(before, head) + recv(before + 1, body);
      const r = splitTrace(text);
      assert.equal(r.messages.length, before + 1, `${before} before`);
      assert.equal(r.messages[before]!.text, INV, `${before} before`);
      assert.equal(r.messages[before]!.announcedBytes, INV.length, `${before} before`);
    }
  });

  it('adds a day to times of day past midnight, however far back the last one was handed out', () => {
    // FreeSWITCH writes times of day only. 23:59:00.000 plus one second a message: message k
    // (from 0) is at 23:59:00 + k s, which passes midnight at k = 60.
    const message = (k: number) => {
      const t = 23 * 3600 + 59 * 60 + k;
      const hh = String(Math.floor(t / 3600) % 24).padStart(2, '0');
      const mm = String(Math.floor(t / 60) % 60).padStart(2, '0');
      const ss = String(t % 60).padStart(2, '0');
      return `recv 300 bytes from udp/[192.0.2.5]:5060 at ${hh}:${mm}:${ss}.000000:\n` + toLf(TRYING) + '\n';
    };
    const total = 200;
    let text = '';
    for (let k = 0; k < total; k++) text += message(k);
    const times: number[] = [];
    splitTraceInto(text, (m) => times.push(m.time!.ms));
    assert.equal(times.length, total);
    const start = (23 * 3600 + 59 * 60) * 1000;
    times.forEach((ms, k) => assert.equal(ms, start + k * 1000, `message ${k}`));
  });
});

describe('splitTraceInto: the most messages', () => {
  const trace = (n: number): string => {
    let text = '';
    for (let i = 0; i < n; i++) text += response('100 Trying', `call-${i}@10.0.0.1`) + '\r\n';
    return text;
  };

  it('stops at the most, hands out exactly that many in order, and says where it stopped', () => {
    for (const n of COUNTS) {
      for (const most of [1, n - 1, 64, 65].filter((m) => m >= 1 && m < n)) {
        const seen: FramedMessage[] = [];
        const summary = splitTraceInto(trace(n), (m) => seen.push(m), { maxMessages: most });
        assert.equal(summary.count, most, `${most} of ${n}`);
        assert.equal(seen.length, most);
        seen.forEach((m, i) => assert.ok(m.text.includes(`Call-ID: call-${i}@10.0.0.1\r\n`), `message ${i}`));
        const notice = summary.notices.find((x) => x.kind === 'too-large');
        assert.ok(notice, `${most} of ${n}: a notice`);
        assert.equal(notice.line, seen[most - 1]!.lastLine + 1, 'the notice is on the line after the last message read');
        assert.match(notice.message, new RegExp(`^Only the first ${most} SIP messages were read \\(to line ${seen[most - 1]!.lastLine + 1}\\)`));
        assert.equal(summary.lineCount, trace(n).split('\n').length, 'the line count is the whole text\'s');
      }
    }
  });

  it('says nothing when the trace has exactly the most or fewer', () => {
    for (const n of COUNTS) {
      const summary = splitTraceInto(trace(n), () => undefined, { maxMessages: n });
      assert.equal(summary.count, n);
      assert.ok(!summary.notices.some((x) => x.kind === 'too-large'), `${n}`);
    }
  });
});
