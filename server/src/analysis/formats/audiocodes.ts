// AudioCodes SBC / gateway syslog: `---- Incoming SIP Message from 192.0.2.1:5060 to SIPInterface #0
// (SBC) UDP TO=#0 SRD=#0 (DefaultSRD) ----` (or `Outgoing SIP Message to … from SIPInterface #1 …`)
// and the message on the marker's line, its line breaks escaped by syslog: `#015#012` (CR LF, as
// rsyslog writes it), or ` #012` where the CR became a space on the way, or `#012`. The line may
// start with a syslog server's stamp, the device's `hh:mm:ss.mmm`, or only the `<133>` priority of
// the raw packet; a `[Time:19-12@12:45:02.514]` tag, where the device adds one, gives the time.
import type { TraceTime } from '../types';
import { peerFacts, type Emitter } from './emit';
import { execAt } from './markers';
import { monthStampEnd, stampTime } from './prefixes';
import { indexInLine, isSipStartLineAt } from './sipText';
import { endpoint, timeOfDay } from './values';

const AUDIOCODES_MARKER =
  /---- (Incoming|Outgoing) SIP Message (?:from|to) (\S+?):(\d+) (?:to|from) SIPInterface #\d+[^\r\n]*? ----[ \t]*/y;

/** Where the marker starts on the line (before `sipAt`, the line's `SIP/2.0`), or -1. */
export function audiocodesMarkerIn(text: string, lineStart: number, end: number): number {
  const at = indexInLine(text, '---- ', lineStart, end);
  if (at < 0 || !text.startsWith(' SIP Message ', at + 13)) return -1;
  AUDIOCODES_MARKER.lastIndex = at;
  return AUDIOCODES_MARKER.test(text) ? at : -1;
}

const TIME_TAG = /\[Time:\d{2}-\d{2}@(\d{2}):(\d{2}):(\d{2})\.(\d{3})\]/;

function lineTime(text: string, at: number, end: number): TraceTime | undefined {
  const tag = TIME_TAG.exec(text.slice(at, end));
  if (tag) return timeOfDay(tag[1]!, tag[2]!, tag[3]!, tag[4]);
  let s = at;
  if (text.charCodeAt(s) === 60) {
    const close = indexInLine(text, '>', s, Math.min(end, s + 6));
    if (close > 0) s = close + 1;
  }
  if (monthStampEnd(text, s, end) >= 0) return stampTime(text, s, end);
  const m = /^(\d{2}):(\d{2}):(\d{2})\.(\d{3}) /.exec(text.slice(s, s + 13));
  return m ? timeOfDay(m[1]!, m[2]!, m[3]!, m[4]) : undefined;
}

const ESCAPED = /#015#012| #012|#012|#015|#011/g;
const UNESCAPED: Record<string, string> = { '#015#012': '\r\n', ' #012': '\r\n', '#012': '\n', '#015': '\r', '#011': '\t' };

export function readAudiocodes(ctx: Emitter, lineStart: number, at: number): boolean {
  const c = ctx.cursor;
  const text = c.text;
  const m = execAt(AUDIOCODES_MARKER, text, at);
  if (!m) return false;
  const firstLine = c.line;
  const direction = m[1] === 'Incoming' ? 'received' : 'sent';
  const peer = endpoint(m[2]!, m[3]);
  const time = lineTime(text, lineStart, c.end);
  let payload = AUDIOCODES_MARKER.lastIndex;
  if (text.startsWith('#012', payload)) payload += 4;
  else if (text.startsWith(' #012', payload)) payload += 5;
  // The device's time tag closes the packet: it is not part of the message.
  let payloadEnd = c.end;
  const tag = payloadEnd - ' [Time:dd-mm@hh:mm:ss.mmm]'.length;
  if (tag >= payload && text.charCodeAt(payloadEnd - 1) === 93 /* ] */ && text.startsWith(' [Time:', tag)) payloadEnd = tag;
  if (payload >= payloadEnd) return false;
  const message = text.slice(payload, payloadEnd).replace(ESCAPED, (e) => UNESCAPED[e]!);
  const first = message.indexOf('\n');
  const firstEnd = first < 0 ? message.length : first > 0 && message.charCodeAt(first - 1) === 13 ? first - 1 : first;
  if (!isSipStartLineAt(message, 0, firstEnd)) return false;
  ctx.messages.push({
    format: 'audiocodes',
    firstLine,
    startLine: firstLine,
    startColumn: payload - c.lineStart,
    lastLine: firstLine,
    text: message,
    lineMap: new Array<number>(message.split('\n').length).fill(firstLine),
    direction,
    ...peerFacts(direction, peer),
    ...(time ? { time } : {}),
    bytesIntact: false,
  });
  c.advance();
  return true;
}
