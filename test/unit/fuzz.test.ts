// Property tests: whatever the input, the analysis terminates, never throws, returns a result
// consistent with its input, and costs work in proportion to the input. Kept to a few seconds;
// scripts/fuzz-long.ts runs the same properties for minutes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyzeTrace } from '../../server/src/analysis/analyze';
import { decodeTraceBytes } from '../../server/src/analysis/source';
import { analyzeBytes, analyzeText, bestTime, buildMutated, checkAnalysis, loadSeeds, MESSAGE_HEAVY, mutatedTraceArb, quickRun, scalingProblem, STRESS } from './fuzz.helpers';

const SEEDS = loadSeeds();
const RUN = quickRun(4475, 120);

describe('fuzz: analyzeTrace and decodeTraceBytes never throw', () => {
  it('has realistic seeds to mutate (every text fixture)', () => {
    assert.ok(SEEDS.length >= 10, `only ${SEEDS.length} seeds`);
  });

  it('random text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (text) => {
        analyzeText(text);
      }),
      RUN,
    );
  });

  it('random lines drawn from SIP and trace vocabulary', () => {
    const line = fc.oneof(
      fc.constantFrom(
        'INVITE sip:a@b SIP/2.0',
        'SIP/2.0 200 OK',
        'SIP/2.0 903 Route blocked',
        'ACK sip:a@b SIP/2.0',
        'BYE sip:a@b SIP/2.0',
        'CANCEL sip:a@b SIP/2.0',
        'Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1',
        'v: SIP/2.0/UDP 10.0.0.1',
        'From: <sip:a@b>;tag=1',
        'f: a <sip:a@b>',
        'To: <sip:c@d>',
        't: <sip:c@d>;tag=2',
        'Call-ID: x',
        'i: x',
        'CSeq: 1 INVITE',
        'CSeq: 2 BYE',
        'CSeq: 1 CANCEL',
        'Content-Length: 0',
        'l: 5',
        'Reason: Q.850;cause=17',
        '',
        ' folded',
        '----------------------------------------------- 2024-05-01 12:00:00.000000',
        'UDP message sent (100 bytes):',
        'UDP message received [100] bytes :',
        '<--- Transmitting SIP response (100 bytes) to UDP:1.2.3.4:5060 --->',
        '<--- SIP read from UDP:1.2.3.4:5060 --->',
        '<------------->',
        'send 100 bytes to udp/[1.2.3.4]:5090 at 12:30:57.916812:',
        '   ------------------------------------------------------------------------',
        '====================',
        '~~~~~~~~~~~~~~~~~~~~',
        '||||||||||||||||||||',
        'U 2013/07/19 22:17:34.920749 1.2.3.4:5060 -> 5.6.7.8:5060',
        '#',
        '2024/05/01 12:00:00.123456 10.0.0.1:5060 -> 10.0.0.2:5060',
      ),
      fc.string({ maxLength: 30 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 200 }), fc.constantFrom('\n', '\r\n', '\r'), (lines, eol) => {
        analyzeText(lines.join(eol));
      }),
      RUN,
    );
  });

  it('random bytes through the whole pipeline (decode, then analyse)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), (bytes) => {
        analyzeBytes(Buffer.from(bytes));
      }),
      RUN,
    );
  });

  it('realistic traces mutated: truncation, splices, line endings, NULs, huge values, folding, Content-Length', () => {
    fc.assert(
      fc.property(mutatedTraceArb(SEEDS), (t) => {
        const text = buildMutated(SEEDS, t);
        analyzeText(text);
        analyzeBytes(Buffer.from(text, 'latin1'));
      }),
      RUN,
    );
  });

  it('realistic traces as UTF-16 and with a BOM', () => {
    fc.assert(
      fc.property(mutatedTraceArb(SEEDS, 2), fc.constantFrom('utf16le', 'utf16be', 'bom8', 'bom16le'), (t, how) => {
        const text = buildMutated(SEEDS, t);
        let bytes: Buffer;
        if (how === 'bom8') bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'latin1')]);
        else {
          const le = Buffer.from(text, 'utf16le');
          bytes = how === 'utf16be' ? Buffer.from(le).swap16() : how === 'bom16le' ? Buffer.concat([Buffer.from([0xff, 0xfe]), le]) : le;
        }
        analyzeBytes(bytes);
      }),
      { ...RUN, numRuns: 40 },
    );
  });

  it('is deterministic: the same text gives the same result', () => {
    fc.assert(
      fc.property(mutatedTraceArb(SEEDS, 3), (t) => {
        const text = buildMutated(SEEDS, t);
        const a = analyzeTrace(text);
        const b = analyzeTrace(text);
        assert.deepEqual(
          a.messages.map((m) => [m.frame.startLine, m.sip.startLineText, m.sip.problems]),
          b.messages.map((m) => [m.frame.startLine, m.sip.startLineText, m.sip.problems]),
        );
        assert.deepEqual(
          a.calls.map((c) => [c.callId, c.outcome]),
          b.calls.map((c) => [c.callId, c.outcome]),
        );
      }),
      { ...RUN, numRuns: 30 },
    );
  });
});

describe('fuzz: extreme inputs finish and stay consistent', () => {
  const cases: Array<[string, () => string]> = [
    ['a 1 MB single line', () => 'x'.repeat(1 << 20)],
    ['a 1 MB single line of start-line look-alikes', () => 'SIP/2.0 200 OK '.repeat(70_000)],
    ['100,000 headers in one message', () => STRESS['many headers in one message'](100_000)],
    ['a header folded over 100,000 lines', () => STRESS['one deeply folded header'](100_000)],
    ['a 1 MB header value', () => STRESS['one huge header value'](10_000)],
    ['Content-Length larger than the file', () => STRESS['Content-Length beyond the file'](20_000)],
    ['NULs sprinkled through 100,000 lines', () => STRESS['NUL-sprinkled text'](100_000)],
  ];
  for (const [name, make] of cases) {
    it(name, { timeout: 30_000 }, () => {
      const text = make();
      const ms = bestTime(() => analyzeText(text), 1);
      // Generous: a linear scan of 1-2 MB takes well under a second even on a slow CI runner.
      assert.ok(ms < 10_000, `${name}: ${ms.toFixed(0)} ms`);
      analyzeBytes(Buffer.from(text, 'latin1'));
    });
  }

  it('a single message with 100,000 headers keeps its Call-ID and CSeq', () => {
    const analysis = analyzeTrace(STRESS['many headers in one message'](100_000));
    assert.equal(analysis.messages.length, 1);
    assert.equal(analysis.messages[0].sip.callId, 'stress');
    assert.equal(analysis.messages[0].sip.cseq?.seq, 1);
    assert.equal(analysis.calls.length, 1);
  });

  it('Content-Length larger than the file is reported, not waited for', () => {
    const text = `${STRESS['complete messages'](18)}${STRESS['Content-Length beyond the file'](10)}`;
    const analysis = analyzeText(text);
    const last = analysis.messages[analysis.messages.length - 1];
    assert.equal(last.sip.callId, 'stress');
    assert.ok(last.sip.problems.some((p) => p.includes('Content-Length')), JSON.stringify(last.sip.problems));
    assert.equal(analysis.messages.filter((m) => m.sip.problems.length === 0).length, 2);
  });

  it('decodeTraceBytes on 10 MB of one byte value, and on every single byte value', () => {
    // Control characters other than TAB, LF, VT, FF, CR and ESC make three bytes binary (the
    // decoder tolerates them only sparsely); every other byte is text, one char per byte.
    const textControls = new Set([9, 10, 11, 12, 13, 27]);
    for (let b = 0; b < 256; b++) {
      const decoded = decodeTraceBytes(Buffer.alloc(3, b));
      const binary = b < 32 && !textControls.has(b);
      const hex = `0x${b.toString(16).padStart(2, '0')}`;
      assert.equal(decoded.unreadable, binary, `${hex} binary`);
      assert.equal(decoded.text, binary ? '' : String.fromCharCode(b, b, b), `${hex} text`);
      assert.deepEqual(decoded.notices.map((n) => n.kind), binary ? ['binary'] : [], `${hex} notices`);
    }
    const big = decodeTraceBytes(Buffer.alloc(10 << 20, 0x41));
    assert.equal(big.unreadable, false);
    assert.equal(big.text.length, 10 << 20);
  });
});

describe('fuzz: work grows in proportion to the input', () => {
  // Each shape is sized until the analysis takes milliseconds, then 8× the input must cost at
  // most 24× the time; see scalingProblem for why a quadratic step cannot pass.
  for (const [name, make] of Object.entries(STRESS)) {
    it(name, { timeout: 120_000 }, () => {
      const problem = scalingProblem(make, (text) => analyzeTrace(text));
      assert.equal(problem, undefined, `${name}: ${problem}`);
      const sample = make(MESSAGE_HEAVY.has(name) ? 4_000 : 20_000);
      checkAnalysis(sample, analyzeTrace(sample));
    });
  }
});

describe('fuzz: the scaling check rejects a quadratic step', () => {
  /**
   * The classic slip: the line number of every 128th character, counted from the start each time.
   * Dense enough that at the check's smallest timed size it is a clear share of the run (with
   * every 1024th character it was close to the check's 30% edge on some shapes, so a loaded
   * machine could let it through).
   */
  const quadraticStep = (text: string): number => {
    let lines = 0;
    for (let at = 0; at < text.length; at += 128) {
      for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) lines++;
    }
    return lines;
  };
  // The shapes whose small case used to take under a millisecond, where a fixed slack hid anything.
  const shapes = ['one long line', 'CR only', 'freeswitch dashes', 'chan_sip opened, never closed', 'ngrep single lines of dots', 'NUL-sprinkled text'];
  for (const name of shapes) {
    it(`${name}: analysis plus a quadratic step fails`, { timeout: 120_000 }, () => {
      const make = STRESS[name];
      assert.ok(make, `${name} is a stress shape`);
      const problem = scalingProblem(make, (text) => {
        analyzeTrace(text);
        quadraticStep(text);
      }, { attempts: 1 });
      assert.ok(problem !== undefined && /the time for 8× the input/.test(problem), `the check let a quadratic step pass: ${problem}`);
    });
  }

  it('the same stand-in without the quadratic step passes', () => {
    const problem = scalingProblem(STRESS['freeswitch dashes'], (text) => {
      analyzeTrace(text);
      let lines = 0;
      for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
      return lines;
    });
    assert.equal(problem, undefined);
  });
});
