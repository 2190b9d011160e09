// Property tests for the capture reader: whatever the bytes, it terminates, never throws, and
// returns an analysis consistent with the text it rendered; hostile shapes (lengths past the end,
// blocks that do not advance, sequence wrap-around, a million tiny fragments) stay fast and small.
// Kept to seconds; scripts/fuzz-long.ts runs the same properties for minutes.
import assert from 'node:assert/strict';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyzeCapture } from '../../server/src/analysis/capture';
import { pcapng } from './capture.helpers';
import { analyzeCaptureBytes, buildMutatedCapture, loadCaptureSeeds, longTcpMessage, mutatedCaptureArb, randomTcpStream, tinyFragments, withCaptureHeader } from './capture-fuzz.helpers';
import { bestTime, quickRun } from './fuzz.helpers';

const SEEDS = loadCaptureSeeds();
const RUN = quickRun(1107, 150);

describe('fuzz: the capture reader never throws', () => {
  it('has seed captures to mutate', () => {
    assert.ok(SEEDS.length >= 9, `only ${SEEDS.length} seeds`);
  });

  it('random bytes, alone and behind a valid pcap or pcapng header', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), fc.constantFrom('none', 'pcap', 'pcapng', 'pcap-raw'), (body, header) => {
        analyzeCaptureBytes(header === 'none' ? Buffer.from(body) : withCaptureHeader(body, header as 'pcap' | 'pcapng' | 'pcap-raw'));
      }),
      RUN,
    );
  });

  it('real and built captures mutated: truncated, bytes flipped, lengths overwritten, spliced, gzip\'d', () => {
    fc.assert(
      fc.property(mutatedCaptureArb(SEEDS.length), (t) => {
        analyzeCaptureBytes(buildMutatedCapture(SEEDS, t));
      }),
      { ...RUN, numRuns: 200 },
    );
  });

  it('every seed truncated at every 97th byte', () => {
    for (const seed of SEEDS.slice(0, 12)) {
      for (let at = 0; at < Math.min(seed.length, 20_000); at += 97) analyzeCaptureBytes(seed.subarray(0, at));
    }
  });

  it('TCP streams with random sequence numbers: wrap-around, overlaps, gaps, SYNs mid-way', () => {
    const segment = fc.record({ seq: fc.oneof(fc.integer({ min: 0xfffff000, max: 0xffffffff }), fc.integer({ min: 0, max: 5000 })), length: fc.integer({ min: 0, max: 700 }), syn: fc.boolean() });
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 60 }), (segments) => {
        analyzeCaptureBytes(randomTcpStream(segments));
      }),
      RUN,
    );
  });
});

describe('fuzz: hostile captures finish fast and stay small', () => {
  it('pcapng blocks of zero, tiny, unaligned and huge length', () => {
    const head = pcapng([{ kind: 'section' }, { kind: 'interface', iface: { linkType: 1 } }]);
    for (const length of [0, 4, 8, 12, 13, 0x7ffffffc, 0xfffffffc]) {
      const block = Buffer.alloc(32);
      block.writeUInt32LE(6, 0);
      block.writeUInt32LE(length, 4);
      const result = analyzeCapture(Buffer.concat([head, block, block]));
      assert.equal(result.analysis.messages.length, 0);
    }
  });

  it('pcap records whose length points past the end, or is absurd', () => {
    for (const length of [1 << 20, 0x7fffffff, 0xffffffff]) {
      const file = withCaptureHeader(Buffer.alloc(64, 0x41), 'pcap');
      file.writeUInt32LE(length, 24 + 8);
      const result = analyzeCapture(file);
      assert.ok(result.analysis.notices.some((n) => /cut off|damaged/.test(n.message)));
    }
  });

  for (const sameDatagram of [true, false]) {
    it(`a million tiny IP fragments (${sameDatagram ? 'one datagram, overlapping' : 'each its own datagram'}) in bounded time and memory`, { timeout: 120_000 }, () => {
      setFlagsFromString('--expose-gc');
      const gc = runInNewContext('gc') as () => void;
      const file = tinyFragments(1_000_000, sameDatagram);
      gc();
      const before = process.memoryUsage().heapUsed;
      let peak = before;
      const result = analyzeCapture(file, {
        onProgress: () => {
          peak = Math.max(peak, process.memoryUsage().heapUsed);
        },
      });
      assert.equal(result.analysis.messages.length, 0);
      assert.ok(result.analysis.notices.some((n) => /never completed/.test(n.message)));
      // What waits for more fragments is capped (1024 datagrams, 32 MB); a reader that kept every
      // fragment would hold a million of them.
      assert.ok(peak - before < 96 * 1024 * 1024, `heap grew by ${((peak - before) / 1048576).toFixed(0)} MB`);
    });
  }
});

describe('fuzz: capture reading grows in proportion to the input', () => {
  // 10x the input must cost at most 40x the time (plus 50 ms for timer noise and GC): joining or
  // rescanning a TCP stream at every segment would cost 100x.
  // Sizes where the small input takes milliseconds, so timer noise cannot decide the verdict.
  const shapes: Array<[string, (n: number) => Buffer]> = [
    ['one long message body over many TCP segments', (n) => longTcpMessage(n * 600, 1400)],
    ['one long header block (just under 64 KB) over one-line TCP segments', (n) => longTcpMessage(0, 9, n)],
  ];
  for (const [name, make] of shapes) {
    it(name, { timeout: 60_000 }, () => {
      const small = make(500);
      const large = make(5000);
      const messages = (file: Buffer): number => analyzeCapture(file).analysis.messages.length;
      assert.equal(messages(small), 1);
      assert.equal(messages(large), 1);
      let verdict = '';
      for (let attempt = 0; attempt < 3; attempt++) {
        const tSmall = bestTime(() => analyzeCapture(small), 5);
        const tLarge = bestTime(() => analyzeCapture(large), 3);
        if (tLarge <= 40 * tSmall + 50) return;
        verdict = `${tSmall.toFixed(1)} ms -> ${tLarge.toFixed(1)} ms`;
      }
      assert.fail(`${name}: ${verdict}`);
    });
  }
});
