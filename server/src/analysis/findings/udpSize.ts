// udp-too-large: a request sent over UDP whose wire size is over 1300 bytes (RFC 3261 §18.1.1):
// it gets fragmented, and firewalls and NATs often drop fragments — which explains a missing INVITE.
// In a capture the fragments themselves are the evidence: a request seen in IP fragments counts
// whatever its size (the path's MTU was smaller still).
import { formatNumber, t } from '../l10n';
import type { FramedMessage, TraceAnalysis } from '../types';
import { frameOf, makeFinding, sipOf, transportOf } from './context';
import { requestsIn } from './group';
import { type Finding, withFacts } from './types';

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
  // Per sending side: the finding made, and whether it rests on fragments seen in a capture
  // (made with the first finding: most calls have none).
  let senders: Map<boolean | undefined, { at: number; fragmented: boolean }> | undefined;
  for (const index of requestsIn(analysis, group)) {
    const frame = frameOf(analysis, index);
    const sip = sipOf(analysis, index);
    const fragments = frame.fragments ?? 0;
    if (fragments < 2 && frame.announcedBytes === undefined && surelySmall(frame.text)) continue;
    const size = wireSize(frame);
    if (size <= MAX_UDP_BYTES && fragments < 2) continue;
    const transport = transportOf(analysis, index);
    if (transport !== 'udp') continue;
    const here = local(index);
    // One finding per sending side: every later request of that side is just as big. A later one
    // seen in fragments is better evidence than an earlier one that was only big.
    const earlier = senders?.get(here);
    if (earlier && (earlier.fragmented || fragments < 2)) continue;
    const advice =
      here === true
        ? t(' Have this side use TCP, or trim the message (fewer codecs and headers).')
        : here === false
          ? t(' Have the far side use TCP, or trim the message (fewer codecs and headers).')
          : t(' Have the sender use TCP, or trim the message (fewer codecs and headers).');
    const method = sip.method ?? t('request');
    const bytes = formatNumber(size);
    const message_ =
      (fragments < 2
        ? t('This {0} is {1} bytes over UDP, above the 1300 bytes at which RFC 3261 §18.1.1 says to switch to TCP: on paths with a smaller MTU it travels in IP fragments, which firewalls and NATs often drop — a reason for a request that never arrives.', method, bytes)
        : size > MAX_UDP_BYTES
          ? t('This {0} is {1} bytes over UDP and the capture shows it travelled in {2} IP fragments (RFC 3261 §18.1.1 says to switch to TCP above 1300 bytes): firewalls and NATs often drop fragments, a reason for a request that never arrives.', method, bytes, fragments)
          : t("This {0} is {1} bytes over UDP and the capture shows it travelled in {2} IP fragments — under the 1300 bytes of RFC 3261 §18.1.1, but over this path's MTU: firewalls and NATs often drop fragments, a reason for a request that never arrives.", method, bytes, fragments)) + advice;
    const finding = withFacts(makeFinding('udp-too-large', index, message_, here === true ? 'local' : here === false ? 'remote' : 'network'), { method, size: bytes });
    if (earlier) findings[earlier.at] = finding;
    else findings.push(finding);
    (senders ??= new Map()).set(here, { at: earlier ? earlier.at : findings.length - 1, fragmented: fragments >= 2 });
  }
  return findings;
}
