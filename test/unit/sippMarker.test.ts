// SIPp's marker lines are read by character codes; these patterns are what they must accept,
// and what they capture. Lines are drawn from the pieces SIPp writes, mangled, so the readers
// meet near misses as well as the real thing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { readSippDashes, readSippDirection, sippDashes, sippDirection } from '../../server/src/analysis/formats/sippMarker';
import { datedTime, utcTime } from '../../server/src/analysis/formats/values';

const DASHES =
  /-{5,}(?:[ \t]+(\d{4})-(\d{2})-(\d{2})[ \t]+(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:[ \t]+\d+(?:\.\d+)?)?)?[ \t]*\r?$/my;
const DIRECTION =
  /(?:Unexpected )?([A-Za-z0-9]+) (?:control )?message (sent|received)(?: \((\d+) bytes\)| \[(\d+)\] bytes)?[ \t]*:?[ \t]*\r?$/my;

const RUN = { seed: 5060, numRuns: 3000 };

/** Each part drawn in turn, then joined: a line shaped like the real one, with near misses in every part. */
function lineOf(...parts: fc.Arbitrary<string>[]): fc.Arbitrary<string> {
  return fc.tuple(...parts).map((drawn) => drawn.join(''));
}

/** One of `right` most of the time, else one of `wrong`. */
function mostly(right: string[], wrong: string[]): fc.Arbitrary<string> {
  return fc.oneof({ arbitrary: fc.constantFrom(...right), weight: 6 }, { arbitrary: fc.constantFrom(...wrong), weight: 1 });
}

const blanks = mostly(['', ' ', '\t', ' \t '], ['x']);
const ending = mostly(['', '\n', '\r\n', '\r', '\u2028'], ['x\n', ':\n']);
const digits = fc.oneof({ arbitrary: fc.stringMatching(/^[0-9]{1,9}$/), weight: 6 }, { arbitrary: fc.stringMatching(/^[0-9]{0,22}$/), weight: 1 });

describe('SIPp marker readers', () => {
  it('read the dashed line exactly as its pattern does', () => {
    const line = lineOf(
      mostly(['-----', '----------------------------------------------'], ['----', '-']),
      fc.option(
        lineOf(
          blanks,
          mostly(['2026-11-21', '0023-00-99', '1999-12-31'], ['2026-1-21', '99-11-21', '2026-11-2', '2026/11/21']),
          blanks,
          mostly(['23:22:27', '00:00:00', '99:99:99'], ['23:22:2', '23-22-27']),
          fc.option(fc.tuple(mostly(['.'], [',', '']), digits).map(([dot, d]) => dot + d), { nil: '' }),
          fc.option(lineOf(blanks, digits, mostly(['', '.5', '.123456'], ['.', 'x'])), { nil: '' }),
        ),
        { nil: '' },
      ),
      blanks,
      ending,
    );
    fc.assert(
      fc.property(line, fc.nat(3), (line, lead) => {
        const text = 'x'.repeat(lead) + line;
        DASHES.lastIndex = lead;
        const m = DASHES.exec(text);
        const read = readSippDashes(text, lead);
        assert.equal(read, m !== null, JSON.stringify(text));
        if (!m) return;
        assert.equal(sippDashes.dated, m[1] !== undefined, JSON.stringify(text));
        if (m[1] === undefined) return;
        const d = sippDashes;
        const expected = datedTime(m[1], m[2]!, m[3]!, m[4]!, m[5]!, m[6]!, m[7]);
        assert.deepEqual(utcTime(d.year, d.month, d.day, d.hour, d.minute, d.second, d.fractionMs), expected, JSON.stringify(text));
        // And the way values.ts has always computed it.
        const fraction = m[7] ? Number('0.' + m[7]) * 1000 : 0;
        const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) + fraction;
        assert.equal(expected.ms, ms, JSON.stringify(text));
      }),
      RUN,
    );
  });

  it('read the direction line exactly as its pattern does', () => {
    const line = lineOf(
      mostly(['', 'Unexpected '], ['Unexpected', 'unexpected ']),
      mostly(['UDP ', 'TCP ', 'Unexpected '], ['SCTP', 'U-DP ', '']),
      mostly(['', 'control '], ['control']),
      mostly(['message '], ['message', 'messages ']),
      mostly(['sent', 'received'], ['recv', 'sentx']),
      fc.option(
        fc.tuple(mostly([' (', ' ['], ['(', ' {']), digits, mostly([' bytes)', '] bytes'], [' bytes', ']bytes'])).map((p) => p.join('')),
        { nil: '' },
      ),
      blanks,
      mostly(['', ':'], ['::']),
      blanks,
      ending,
    );
    fc.assert(
      fc.property(line, (text) => {
        DIRECTION.lastIndex = 0;
        const m = DIRECTION.exec(text);
        assert.equal(readSippDirection(text, 0), m !== null, JSON.stringify(text));
        if (!m) return;
        assert.equal(sippDirection.sent, m[2] === 'sent', JSON.stringify(text));
        const bytes = m[3] ?? m[4];
        assert.equal(sippDirection.bytes, bytes === undefined ? undefined : Number(bytes), JSON.stringify(text));
      }),
      RUN,
    );
  });

  it('read the lines SIPp writes', () => {
    assert.ok(readSippDashes('----------------------------------------------- 2026-11-21 23:22:27.183456 1764000000.183456\n', 0));
    assert.deepEqual({ ...sippDashes }, { at: 0, dated: true, year: 2026, month: 11, day: 21, hour: 23, minute: 22, second: 27, fractionMs: 0.183456 * 1000 });
    assert.ok(readSippDirection('UDP message sent (812 bytes):\n', 0));
    assert.deepEqual({ ...sippDirection }, { sent: true, bytes: 812 });
    assert.ok(readSippDirection('Unexpected UDP message received [402] bytes :\r\n', 0));
    assert.deepEqual({ ...sippDirection }, { sent: false, bytes: 402 });
  });
});
