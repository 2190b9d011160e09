import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  REGISTERED_CODES,
  describeStatus,
  isFinalStatus,
  isRouteBlocked,
  rfcUrl,
  statusClassOf,
} from '../../server/src/analysis/responseCodes';

test('486 is Busy Here, caused by the callee', () => {
  const info = describeStatus(486);
  assert.equal(info.reason, 'Busy Here');
  assert.equal(info.statusClass, 'client-failure');
  assert.equal(info.rfc, 'RFC 3261');
  assert.equal(info.causedBy, 'callee');
  assert.equal(info.known, true);
  assert.match(info.meaning, /busy/i);
});

test('600 is Busy Everywhere, a global failure', () => {
  const info = describeStatus(600);
  assert.equal(info.reason, 'Busy Everywhere');
  assert.equal(info.statusClass, 'global-failure');
  assert.match(info.meaning, /busy/i);
});

test('487 is Request Terminated and mentions CANCEL', () => {
  const info = describeStatus(487);
  assert.equal(info.reason, 'Request Terminated');
  assert.match(info.meaning, /CANCEL/);
  assert.equal(info.causedBy, 'caller');
});

test('401 and 407 are authentication challenges, normal when retried', () => {
  for (const code of [401, 407]) {
    const info = describeStatus(code);
    assert.match(info.meaning, /authenticat/i, `${code}`);
    assert.match(info.meaning, /normal/i, `${code}`);
    assert.match(info.advice, /retry|repeated/i, `${code}`);
  }
  assert.equal(describeStatus(407).reason, 'Proxy Authentication Required');
});

test('903 is route blocked: local configuration, not the carrier', () => {
  const info = describeStatus(903);
  assert.equal(info.code, 903);
  assert.equal(info.statusClass, 'route-blocked');
  assert.equal(info.causedBy, 'local-config');
  assert.equal(info.rfc, null);
  assert.match(info.meaning, /prefix/);
  assert.match(info.meaning, /allowed directions/);
  assert.match(info.meaning, /not the carrier/);
  assert.match(info.advice, /allowed directions/);
  assert.match(info.advice, /dialled number/);
});

test('every 9xx is route blocked, and only those', () => {
  assert.ok(isRouteBlocked(900));
  assert.ok(isRouteBlocked(999));
  assert.ok(!isRouteBlocked(899));
  assert.ok(!isRouteBlocked(1000));
  assert.ok(!isRouteBlocked(486));
  assert.equal(describeStatus(999).causedBy, 'local-config');
});

test('an unknown 699 falls back to the global-failure class', () => {
  const info = describeStatus(699);
  assert.equal(info.known, false);
  assert.equal(info.code, 699);
  assert.equal(info.statusClass, 'global-failure');
  assert.equal(info.reason, 'Global Failure');
  assert.match(info.meaning, /600/);
});

test('unknown codes of every class fall back to that class', () => {
  assert.equal(describeStatus(150).statusClass, 'provisional');
  assert.equal(describeStatus(150).causedBy, 'none');
  assert.equal(describeStatus(299).statusClass, 'success');
  assert.equal(describeStatus(399).statusClass, 'redirection');
  assert.equal(describeStatus(499).statusClass, 'client-failure');
  assert.equal(describeStatus(599).statusClass, 'server-failure');
  assert.equal(describeStatus(599).known, false);
  const invalid = describeStatus(42);
  assert.equal(invalid.statusClass, 'invalid');
  assert.equal(invalid.known, false);
  assert.equal(statusClassOf(750), 'invalid');
});

test('the catalogue holds the 75 IANA registry codes, in order, without duplicates', () => {
  assert.equal(REGISTERED_CODES.length, 75);
  assert.equal(new Set(REGISTERED_CODES).size, 75);
  assert.deepEqual([...REGISTERED_CODES].sort((a, b) => a - b), REGISTERED_CODES);
  for (const code of REGISTERED_CODES) {
    const info = describeStatus(code);
    assert.equal(info.known, true, `${code}`);
    assert.ok(info.reason.length > 0, `${code} reason`);
    assert.ok(info.meaning.length > 20, `${code} meaning`);
    assert.ok(info.advice.length > 5, `${code} advice`);
    assert.match(info.rfc ?? '', /^RFC \d+$/, `${code} rfc`);
    assert.notEqual(info.statusClass, 'invalid', `${code} class`);
  }
});

test('less common registry entries carry their phrase and defining RFC', () => {
  const expected: Array<[number, string, string]> = [
    [199, 'Early Dialog Terminated', 'RFC 6228'],
    [202, 'Accepted', 'RFC 6665'],
    [204, 'No Notification', 'RFC 5839'],
    [380, 'Alternative Service', 'RFC 3261'],
    [412, 'Conditional Request Failed', 'RFC 3903'],
    [417, 'Unknown Resource-Priority', 'RFC 4412'],
    [421, 'Extension Required', 'RFC 3261'],
    [422, 'Session Interval Too Small', 'RFC 4028'],
    [423, 'Interval Too Brief', 'RFC 3261'],
    [424, 'Bad Location Information', 'RFC 6442'],
    [425, 'Bad Alert Message', 'RFC 8876'],
    [428, 'Use Identity Header', 'RFC 8224'],
    [429, 'Provide Referrer Identity', 'RFC 3892'],
    [430, 'Flow Failed', 'RFC 5626'],
    [433, 'Anonymity Disallowed', 'RFC 5079'],
    [436, 'Bad Identity Info', 'RFC 8224'],
    [437, 'Unsupported Credential', 'RFC 8224'],
    [438, 'Invalid Identity Header', 'RFC 8224'],
    [439, 'First Hop Lacks Outbound Support', 'RFC 5626'],
    [440, 'Max-Breadth Exceeded', 'RFC 5393'],
    [469, 'Bad Info Package', 'RFC 6086'],
    [470, 'Consent Needed', 'RFC 5360'],
    [489, 'Bad Event', 'RFC 6665'],
    [494, 'Security Agreement Required', 'RFC 3329'],
    [500, 'Server Internal Error', 'RFC 3261'],
    [555, 'Push Notification Service Not Supported', 'RFC 8599'],
    [580, 'Precondition Failure', 'RFC 3312'],
    [607, 'Unwanted', 'RFC 8197'],
    [608, 'Rejected', 'RFC 8688'],
  ];
  for (const [code, reason, rfc] of expected) {
    const info = describeStatus(code);
    assert.equal(info.reason, reason, `${code}`);
    assert.equal(info.rfc, rfc, `${code}`);
  }
});

test('codes that were never registered are not in the catalogue', () => {
  for (const code of [409, 411, 426, 427, 478, 490, 602, 605]) {
    assert.equal(describeStatus(code).known, false, `${code}`);
  }
});

test('no entry claims anything about audio quality', () => {
  for (const code of [...REGISTERED_CODES, 903, 699]) {
    const { meaning, advice } = describeStatus(code);
    assert.doesNotMatch(`${meaning} ${advice}`, /audio quality|call quality|voice quality|sound quality|good audio/i, `${code}`);
  }
});

test('finality: 1xx provisional, 200 and above final', () => {
  assert.equal(isFinalStatus(100), false);
  assert.equal(isFinalStatus(183), false);
  assert.equal(isFinalStatus(199), false);
  assert.equal(isFinalStatus(200), true);
  assert.equal(isFinalStatus(487), true);
  assert.equal(isFinalStatus(903), true);
});

test('rfcUrl points at the RFC Editor', () => {
  assert.equal(rfcUrl('RFC 3261'), 'https://www.rfc-editor.org/rfc/rfc3261');
  assert.equal(rfcUrl('rfc8688'), 'https://www.rfc-editor.org/rfc/rfc8688');
  assert.equal(rfcUrl('nothing'), 'https://www.rfc-editor.org/');
});
