// AudioCodes SBC / gateway syslog: `---- Incoming SIP Message from 192.0.2.1:5060 to SIPInterface #0
// (SBC) UDP TO=#0 SRD=#0 (DefaultSRD) ----` (or `Outgoing SIP Message to … from SIPInterface #1 …`)
// and the message, which a syslog server writes on the marker's line with its line breaks escaped
// as `#015#012` (CR LF) or `#012`. The line may start with the syslog server's stamp or the
// device's `hh:mm:ss.mmm`.
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

function lineTime(text: string, at: number, end: number): TraceTime | undefined {
  let s = at;
  if (text.charCodeAt(s) === 60) {
    const close = indexInLine(text, '>', s, Math.min(end, s + 6));
    if (close > 0) s = close + 1;
  }
  if (monthStampEnd(text, s, end) >= 0) return stampTime(text, s, end);
  const m = /^(\d{2}):(\d{2}):(\d{2})\.(\d{3}) /.exec(text.slice(s, s + 13));
  return m ? timeOfDay(m[1]!, m[2]!, m[3]!, m[4]) : undefined;
}

const ESCAPED = /#015#012|#012|#015|#011/g;
const UNESCAPED: Record<string, string> = { '#015#012': '\r\n', '#012': '\n', '#015': '\r', '#011': '\t' };

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
  if (payload >= c.end) return false;
  const message = text.slice(payload, c.end).replace(ESCAPED, (e) => UNESCAPED[e]!);
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
