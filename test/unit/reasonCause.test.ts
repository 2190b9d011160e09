import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  describeReason,
  parseReasonHeader,
  q850CauseMeaning,
  q850CauseName,
} from '../../server/src/analysis/reasonCause';

test('Q.850 cause 17 is User busy', () => {
  assert.equal(q850CauseName(17), 'User busy');
  assert.match(q850CauseMeaning(17) ?? '', /busy/);
});

test('Q.850 names follow the ITU-T table', () => {
  assert.equal(q850CauseName(1), 'Unallocated (unassigned) number');
  assert.equal(q850CauseName(16), 'Normal call clearing');
  assert.equal(q850CauseName(19), 'No answer from user (user alerted)');
  assert.equal(q850CauseName(34), 'No circuit/channel available');
  assert.equal(q850CauseName(102), 'Recovery on timer expiry');
  assert.equal(q850CauseName(127), 'Interworking, unspecified');
  assert.equal(q850CauseName(10), undefined);
  assert.equal(q850CauseName(128), undefined);
});

test('every common cause has a plain-words meaning', () => {
  const common = [1, 3, 16, 17, 18, 19, 21, 22, 27, 28, 31, 34, 38, 41, 42, 44, 47, 50, 57, 58, 63, 65, 69, 79, 88, 102, 111, 127];
  for (const cause of common) {
    assert.ok(q850CauseName(cause), `name ${cause}`);
    assert.ok((q850CauseMeaning(cause) ?? '').length > 10, `meaning ${cause}`);
  }
  assert.match(q850CauseMeaning(19) ?? '', /rang|alerted/);
  assert.equal(q850CauseMeaning(96), undefined);
});

test('parses a single Q.850 reason', () => {
  assert.deepEqual(parseReasonHeader('Q.850;cause=17;text="User busy"'), [
    { protocol: 'Q.850', cause: 17, text: 'User busy' },
  ]);
});

test('parses several reasons, with spaces, case and escapes', () => {
  const parsed = parseReasonHeader(
    'SIP ; cause=200 ; text="Call completed elsewhere", q.850;cause=26;text="a, \\"quoted\\"; text"',
  );
  assert.deepEqual(parsed, [
    { protocol: 'SIP', cause: 200, text: 'Call completed elsewhere' },
    { protocol: 'Q.850', cause: 26, text: 'a, "quoted"; text' },
  ]);
});

test('missing or odd parameters become null', () => {
  assert.deepEqual(parseReasonHeader('Q.850;cause=abc'), [{ protocol: 'Q.850', cause: null, text: null }]);
  assert.deepEqual(parseReasonHeader('SIP'), [{ protocol: 'SIP', cause: null, text: null }]);
  assert.deepEqual(parseReasonHeader('Q.850;cause=16;location=LN'), [{ protocol: 'Q.850', cause: 16, text: null }]);
  assert.deepEqual(parseReasonHeader(''), []);
  assert.deepEqual(parseReasonHeader(' , '), []);
});

test('describeReason uses the Q.850 name over the header text', () => {
  assert.equal(describeReason('Q.850;cause=17;text="User busy"'), 'Q.850 17 User busy');
  assert.equal(describeReason('Q.850;cause=17;text="busy!!"'), 'Q.850 17 User busy');
  assert.equal(describeReason('Q.850;cause=16'), 'Q.850 16 Normal call clearing');
});

test('describeReason falls back to the header text for unknown Q.850 causes', () => {
  assert.equal(describeReason('Q.850;cause=120;text="Vendor thing"'), 'Q.850 120 Vendor thing');
  assert.equal(describeReason('Q.850;cause=120'), 'Q.850 120');
});

test('describeReason for SIP uses the text, else the registered reason phrase', () => {
  assert.equal(describeReason('SIP;cause=200;text="Call completed elsewhere"'), 'SIP 200 Call completed elsewhere');
  assert.equal(describeReason('SIP;cause=486'), 'SIP 486 Busy Here');
  assert.equal(describeReason('SIP;cause=477'), 'SIP 477');
});

test('describeReason joins several reasons and keeps other protocols', () => {
  assert.equal(
    describeReason('SIP;cause=487;text="Request Terminated", Q.850;cause=31'),
    'SIP 487 Request Terminated; Q.850 31 Normal, unspecified',
  );
  assert.equal(describeReason('STIR;cause=438;text="Invalid Identity Header"'), 'STIR 438 Invalid Identity Header');
  assert.equal(describeReason(''), null);
});
