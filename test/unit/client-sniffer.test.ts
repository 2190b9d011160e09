import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { countSipStartLines, isSniffableFileName, looksLikeSipTrace, SNIFF_BYTES } from '../../client/src/sniffer';

const INVITE = 'INVITE sip:bob@biloxi.example.com SIP/2.0\r\nVia: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n';
const OK = 'SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n';

describe('looksLikeSipTrace', () => {
  it('accepts raw SIP with a request and a response', () => {
    assert.equal(looksLikeSipTrace(`${INVITE}\r\n${OK}\r\n`), true);
  });

  it('needs at least two start lines', () => {
    assert.equal(looksLikeSipTrace(INVITE), false);
    assert.equal(looksLikeSipTrace(`${INVITE}\r\n${INVITE}`), true);
  });

  it('rejects ordinary logs and prose that mention SIP', () => {
    const log = [
      '2024-05-01 12:00:00 INFO starting SIP/2.0 stack',
      '2024-05-01 12:00:01 WARN see RFC 3261 for SIP/2.0',
      'The INVITE method is described in SIP/2.0.',
      'SIP/2.0/UDP is the Via transport',
    ].join('\n');
    assert.equal(looksLikeSipTrace(log), false);
    assert.equal(looksLikeSipTrace(''), false);
  });

  it('counts start lines behind log prefixes and indents', () => {
    const asterisk = [
      '[Mar 30 13:35:40] VERBOSE[123] res_pjsip_logger.c: <--- Received SIP request (812 bytes) from UDP:1.2.3.4:5060 --->',
      'INVITE sip:100@10.0.0.5 SIP/2.0',
      '[Mar 30 13:35:40] VERBOSE[123] res_pjsip_logger.c: <--- Transmitting SIP response (300 bytes) to UDP:1.2.3.4:5060 --->',
      'SIP/2.0 100 Trying',
    ].join('\n');
    assert.equal(countSipStartLines(asterisk), 2);
    const freeswitchOld = '   INVITE sip:1000@10.0.0.1 SIP/2.0\n   Via: x\n\n   SIP/2.0 486 Busy Here\n';
    assert.equal(looksLikeSipTrace(freeswitchOld), true);
  });

  it('reads the ngrep one-line form, where CRLF shows as ..', () => {
    const ngrep = [
      'U 2013/07/19 22:17:34.920749 1.2.3.4:5060 -> 5.6.7.8:5060 INVITE sip:1@5.6.7.8 SIP/2.0..Via: SIP/2.0/UDP 1.2.3.4..',
      'U 2013/07/19 22:17:34.921000 5.6.7.8:5060 -> 1.2.3.4:5060 SIP/2.0 903 Route blocked..Via: SIP/2.0/UDP 1.2.3.4..',
    ].join('\n');
    assert.equal(countSipStartLines(ngrep), 2);
  });

  it('reads syslog lines that hold a whole message, line breaks written as #012', () => {
    const audiocodes = [
      '<133>[S=1] ---- Incoming SIP Message from 192.0.2.1:5060 to SIPInterface #0 (SBC) UDP TO(#0) ---- #012INVITE sip:1@192.0.2.5 SIP/2.0#015#012Via: SIP/2.0/UDP 192.0.2.1',
      '<133>[S=2] ---- Outgoing SIP Message to 192.0.2.1:5060 from SIPInterface #0 (SBC) UDP TO(#0) ---- #012SIP/2.0 100 Trying #012Via: SIP/2.0/UDP 192.0.2.1',
    ].join('\n');
    assert.equal(countSipStartLines(audiocodes), 2);
  });

  it('reads a Ribbon debug log, whose start line follows `msg = ` on the entry line', () => {
    const dbg = [
      '339 09202018 165651.570846:1.01.00.38344.Info .SIPCM: SipFeSocketRecvMsg - msg = INVITE sip:1@192.0.2.5 SIP/2.0\r',
      'Via: SIP/2.0/UDP 192.0.2.1\r',
      ', msgLen = 818.',
      '200 09202018 165651.580846:1.01.00.38345.Info .SIPCM: SipFeSocketRecvMsg - msg = SIP/2.0 200 OK\r',
    ].join('\n');
    assert.equal(countSipStartLines(dbg), 2);
  });

  it('reads tshark packet details (Request-Line: / Status-Line:)', () => {
    const tshark = '    Request-Line: INVITE sip:bob@192.0.2.2 SIP/2.0\n        Method: INVITE\n    Status-Line: SIP/2.0 180 Ringing\n';
    assert.equal(countSipStartLines(tshark), 2);
  });

  it('takes 9xx and extension methods as start lines', () => {
    assert.equal(countSipStartLines('SIP/2.0 903 Route blocked\nFOO sip:x@y SIP/2.0\n'), 2);
  });

  it('looks only at the first 64 KB', () => {
    const filler = 'x'.repeat(79) + '\n';
    const padding = filler.repeat(Math.ceil(SNIFF_BYTES / filler.length) + 1);
    assert.equal(looksLikeSipTrace(padding + INVITE + OK), false);
    assert.equal(looksLikeSipTrace(INVITE + OK + padding), true);
  });

  it('handles CRLF and LF line ends alike', () => {
    assert.equal(countSipStartLines('SIP/2.0 180 Ringing\r\nSIP/2.0 200 OK\r\n'), 2);
    assert.equal(countSipStartLines('SIP/2.0 180 Ringing\nSIP/2.0 200 OK\n'), 2);
  });
});

describe('isSniffableFileName', () => {
  it('takes .log, .txt and rotated logs, in any case', () => {
    for (const name of ['/var/log/kamailio.log', 'C:/x/trace.TXT', '/tmp/sip.log.1']) assert.equal(isSniffableFileName(name), true, name);
    for (const name of ['/x/trace.sip', '/x/a.json', '/x/log', '/x/a.log.gz']) assert.equal(isSniffableFileName(name), false, name);
  });
});
