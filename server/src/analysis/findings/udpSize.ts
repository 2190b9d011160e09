// udp-too-large: a request sent over UDP whose wire size is over 1300 bytes (RFC 3261 §18.1.1):
// it gets fragmented, and firewalls and NATs often drop fragments — which explains a missing INVITE.
import type { FramedMessage, TraceAnalysis } from '../types';
import { frameOf, isCopy, makeFinding, sipOf, transportOf } from './context';
import type { Finding } from './types';

const MAX_UDP_BYTES = 1300;

/** Bytes of the message as sent: the framing's count, else its text with CRLF line ends in UTF-8. */
export function wireSize(frame: FramedMessage, latin1 = false): number {
  if (frame.announcedBytes !== undefined) return frame.announcedBytes;
  const text = frame.text;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 && (i === 0 || text.charCodeAt(i - 1) !== 13)) bytes += 2;
    else if (latin1 || c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * A cheap bound before counting bytes: an ASCII text of n characters and k line feeds is at most
 * n + k bytes with CRLF line ends.
 */
function surelySmall(text: string): boolean {
  if (text.length > MAX_UDP_BYTES) return false;
  let lineFeeds = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lineFeeds++;
  // eslint-disable-next-line no-control-regex
  return text.length + lineFeeds <= MAX_UDP_BYTES && !/[^\x00-\x7f]/.test(text);
}

export function udpTooLargeFindings(analysis: TraceAnalysis, group: readonly number[], local: (index: number) => boolean | undefined): Finding[] {
  const findings: Finding[] = [];
  const senders = new Set<boolean | undefined>();
  for (const index of group) {
    const frame = frameOf(analysis, index);
    const sip = sipOf(analysis, index);
    if (isCopy(analysis, index) || sip.kind !== 'request') continue;
    if (frame.announcedBytes === undefined && surelySmall(frame.text)) continue;
    const size = wireSize(frame);
    if (size <= MAX_UDP_BYTES) continue;
    const transport = transportOf(analysis, index);
    if (transport !== 'udp') continue;
    const here = local(index);
    // One finding per sending side: every later request of that side is just as big.
    if (senders.has(here)) continue;
    senders.add(here);
    const who = here === true ? 'this side' : here === false ? 'the far side' : 'the sender';
    const message_ =
      `This ${sip.method ?? 'request'} is ${size} bytes over UDP, above the 1300 bytes at which RFC 3261 §18.1.1 says to switch to TCP: on paths with a smaller MTU it travels in IP fragments, ` +
      `which firewalls and NATs often drop — a reason for a request that never arrives. Have ${who} use TCP, or trim the message (fewer codecs and headers).`;
    findings.push(makeFinding('udp-too-large', index, message_, here === true ? 'local' : here === false ? 'remote' : 'network'));
  }
  return findings;
}
