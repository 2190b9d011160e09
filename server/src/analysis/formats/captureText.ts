// The text SIP Lens renders a packet capture as (`sip-lens text`, Open as Text Trace):
//
//   #12 2026-11-21 23:22:27.183456 UDP 192.0.2.1:5060 -> 192.0.2.2:5060
//   INVITE sip:bob@example.com SIP/2.0
//   …the message exactly as captured…
//   (blank line)
//
// The marker carries the frame number Wireshark shows, the dated capture time (UTC, to the
// microsecond), the transport and both addresses; a message runs to the next marker. What the
// capture showed about the packet follows the addresses where there is anything to say:
//
//   #5 2026-11-21 23:22:27.183456 UDP 192.0.2.10:5060 -> 203.0.113.7:5999 (ICMP port unreachable from 203.0.113.7 in #6)
//   #9 2026-11-21 23:22:28.001200 UDP 192.0.2.10:5060 -> 203.0.113.7:5060 (3 IP fragments)
import { NO_STRIP, readMessage } from './collect';
import type { FramedMessage } from '../types';
import type { Emitter } from './emit';
import { CAPTURE_MARKER, execAt, testAt } from './markers';
import { datedTime, endpoint } from './values';

/** The message runs to the next marker: it is written exactly as captured, whatever its body holds. */
function isCaptureMarker(text: string, at: number): boolean {
  return text.charCodeAt(at) === 35 /* # */ && testAt(CAPTURE_MARKER, text, at);
}

export function readCaptureText(ctx: Emitter, at: number): boolean {
  const c = ctx.cursor;
  const m = execAt(CAPTURE_MARKER, c.text, at);
  if (!m) return false;
  const firstLine = c.line;
  c.advance();
  // The capture reader already decided the next line starts a SIP message: even an odd start
  // line is taken (and the parser reports it), so the message keeps its frame.
  if (c.eof || isCaptureMarker(c.text, c.start)) return true;
  const res = readMessage(ctx, { strip: NO_STRIP, bounded: true, maxGap: 0, until: isCaptureMarker, startAt: c.start });
  if (!res) return false;
  const transport = m[9]!.toLowerCase();
  const message: FramedMessage = {
    format: 'capture-text',
    firstLine,
    startLine: res.startLine,
    startColumn: res.startColumn,
    lastLine: res.lastLine,
    text: res.text,
    time: datedTime(m[2]!, m[3]!, m[4]!, m[5]!, m[6]!, m[7]!, m[8]),
    direction: 'unknown',
    src: endpoint(m[10]!, m[11], transport),
    dst: endpoint(m[12]!, m[13], transport),
    bytesIntact: res.crlf,
    frame: Number(m[1]),
  };
  if (res.headerIndex) message.headerIndex = res.headerIndex;
  if (m[14]) message.fragments = Number(m[14]);
  if (m[15]) message.icmp = { protocol: m[15] === 'ICMPv6' ? 'ICMPv6' : 'ICMP', kind: m[16]!, from: m[17]!, frame: Number(m[18]) };
  ctx.messages.push(message);
  return true;
}
