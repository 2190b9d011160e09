import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  COMPACT_HEADER_NAMES,
  DOCUMENTED_METHODS,
  canonicalHeaderName,
  describeHeader,
  describeMethod,
  displayHeaderName,
} from '../../server/src/analysis/sipDocs';

test('compact i is call-id', () => {
  assert.equal(canonicalHeaderName('i'), 'call-id');
  assert.equal(canonicalHeaderName('I'), 'call-id');
  assert.equal(COMPACT_HEADER_NAMES['i'], 'Call-ID');
});

test('every compact form of RFC 3261 and later RFCs resolves', () => {
  const expected: Record<string, string> = {
    i: 'call-id', f: 'from', t: 'to', v: 'via', m: 'contact', l: 'content-length', c: 'content-type',
    k: 'supported', s: 'subject', e: 'content-encoding', o: 'event', r: 'refer-to', u: 'allow-events',
    x: 'session-expires', y: 'identity', a: 'accept-contact', b: 'referred-by', d: 'request-disposition',
    j: 'reject-contact', n: 'identity-info',
  };
  assert.deepEqual(Object.keys(COMPACT_HEADER_NAMES).sort(), Object.keys(expected).sort());
  for (const [compact, long] of Object.entries(expected)) {
    assert.equal(canonicalHeaderName(compact), long, compact);
  }
});

test('long names are lower-cased and trimmed', () => {
  assert.equal(canonicalHeaderName(' Call-ID '), 'call-id');
  assert.equal(canonicalHeaderName('CSeq'), 'cseq');
  assert.equal(canonicalHeaderName('X-Custom'), 'x-custom');
});

test('display names use the conventional spelling', () => {
  assert.equal(displayHeaderName('cseq'), 'CSeq');
  assert.equal(displayHeaderName('i'), 'Call-ID');
  assert.equal(displayHeaderName('www-authenticate'), 'WWW-Authenticate');
  assert.equal(displayHeaderName('x-foo-bar'), 'X-Foo-Bar');
});

test('every requested method is documented with its RFC', () => {
  const expected: Record<string, string> = {
    INVITE: 'RFC 3261', ACK: 'RFC 3261', BYE: 'RFC 3261', CANCEL: 'RFC 3261', OPTIONS: 'RFC 3261',
    REGISTER: 'RFC 3261', PRACK: 'RFC 3262', SUBSCRIBE: 'RFC 6665', NOTIFY: 'RFC 6665', PUBLISH: 'RFC 3903',
    INFO: 'RFC 6086', REFER: 'RFC 3515', MESSAGE: 'RFC 3428', UPDATE: 'RFC 3311',
  };
  assert.deepEqual([...DOCUMENTED_METHODS].sort(), Object.keys(expected).sort());
  for (const [method, rfc] of Object.entries(expected)) {
    const doc = describeMethod(method);
    assert.ok(doc, method);
    assert.equal(doc.rfc, rfc, method);
    assert.ok(doc.purpose.length > 10, method);
  }
  assert.match(describeMethod('cancel')?.purpose ?? '', /INVITE/);
  assert.equal(describeMethod('FOO'), undefined);
});

test('every requested header is documented', () => {
  const names = [
    'Via', 'From', 'To', 'Call-ID', 'CSeq', 'Contact', 'Max-Forwards', 'Route', 'Record-Route', 'Content-Type',
    'Content-Length', 'Allow', 'Supported', 'Require', 'Proxy-Require', 'Unsupported', 'Authorization',
    'Proxy-Authorization', 'WWW-Authenticate', 'Proxy-Authenticate', 'Reason', 'Expires', 'User-Agent', 'Server',
    'P-Asserted-Identity', 'P-Preferred-Identity', 'Privacy', 'Diversion', 'History-Info', 'Session-Expires',
    'Min-SE', 'RSeq', 'RAck', 'Event', 'Subscription-State', 'Refer-To', 'Referred-By', 'Replaces',
    'Remote-Party-ID', 'Accept', 'Allow-Events', 'Retry-After', 'Warning', 'Subject', 'Organization', 'Date',
    'Timestamp', 'Min-Expires', 'Identity',
  ];
  for (const name of names) {
    const doc = describeHeader(name.toLowerCase());
    assert.ok(doc, name);
    assert.equal(doc.name, name);
    assert.ok(doc.purpose.length > 10, name);
    if (name !== 'Remote-Party-ID') assert.match(doc.rfc ?? '', /^RFC \d+$/, name);
  }
});

test('header docs carry the right RFC and resolve compact forms', () => {
  assert.equal(describeHeader('Reason')?.rfc, 'RFC 3326');
  assert.equal(describeHeader('P-Asserted-Identity')?.rfc, 'RFC 3325');
  assert.equal(describeHeader('Session-Expires')?.rfc, 'RFC 4028');
  assert.equal(describeHeader('RAck')?.rfc, 'RFC 3262');
  assert.equal(describeHeader('x')?.name, 'Session-Expires');
  assert.equal(describeHeader('i')?.compact, 'i');
  assert.equal(describeHeader('Remote-Party-ID')?.rfc, null);
  assert.ok(describeHeader('Remote-Party-ID')?.note);
  assert.equal(describeHeader('X-Anything'), undefined);
});
