// Wireshark / tshark packet details as text: what `tshark -V` (or `-O sip`) prints and what
// Wireshark's *Export Packet Dissections → As Plain Text* writes. Each packet is a `Frame N:`
// block; the addresses come from the IP and UDP/TCP lines, the time from `Epoch Time` /
// `Arrival Time` (expanded frame tree) or from the packet's summary line just above the block
// (`tshark -P -t ad`, Wireshark's export with its summary line). The SIP message is rebuilt from
// the `Session Initiation Protocol` tree: `Request-Line:` / `Status-Line:`, the headers under
// `Message Header`, and the body under `Message Body` (SDP fields `… (v): 0` back to `v=0`).
// Each line of the rebuilt text maps to the file line it came from.
import type { Endpoint, FramedMessage, TraceTime } from '../types';
import type { Emitter } from './emit';
import { testAt } from './markers';
import { isSipStartLineAt } from './sipText';
import { datedTime, endpoint, epochTime } from './values';

const FRAME_MARKER = /Frame (\d+): \d+ bytes on wire/y;
const SDP_FIELD = /^[^\r\n]*?\(([a-z])\): (.*)$/;
const ARRIVAL = /(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +(\d{1,2}), (\d{4}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?/;
const SUMMARY_TIME = /^ *(\d+) +(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d+))? /;
const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';

/** `Frame 12: 600 bytes on wire …` at `at` (the caller tested the `F`). */
export function isWiresharkFrameAt(text: string, at: number): boolean {
  return text.startsWith('Frame ', at) && testAt(FRAME_MARKER, text, at);
}

function indentOf(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && text.charCodeAt(i) === 32) i++;
  return i - start;
}

/** Octal escapes (`\302\251`) that tshark writes for bytes outside printable ASCII, as UTF-8. */
function unescapeOctal(s: string): string {
  if (s.indexOf('\\') < 0) return s;
  return s.replace(/(?:\\[0-3][0-7]{2})+/g, (run) => {
    const bytes = new Uint8Array(run.length / 4);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(run.slice(i * 4 + 1, i * 4 + 4), 8);
    return new TextDecoder().decode(bytes);
  });
}

/** The time on the packet's summary line just above the frame block, if the export has one. */
function summaryTime(text: string, frameLineStart: number, frame: string): TraceTime | undefined {
  let end = frameLineStart - 1;
  for (let guard = 0; guard < 4 && end > 0; guard++) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).replace(/\r$/, '');
    end = start - 1;
    if (line.trim() === '') continue;
    const m = SUMMARY_TIME.exec(line);
    if (!m || m[1] !== frame) return undefined;
    return datedTime(m[2]!, m[3]!, m[4]!, m[5]!, m[6]!, m[7]!, m[8]);
  }
  return undefined;
}

interface Built {
  lines: string[];
  fileLines: number[];
  startLine: number;
  startColumn: number;
  lastLine: number;
}

export function readWireshark(ctx: Emitter, at: number): boolean {
  const c = ctx.cursor;
  const text = c.text;
  FRAME_MARKER.lastIndex = at;
  const fm = FRAME_MARKER.exec(text);
  if (!fm) return false;
  const firstLine = c.line;
  let time = summaryTime(text, c.lineStart, fm[1]!);
  let srcHost: string | undefined;
  let dstHost: string | undefined;
  let srcPort: string | undefined;
  let dstPort: string | undefined;
  let transport: string | undefined;
  const found: Built[] = [];
  c.advance();
  while (!c.eof) {
    const s = c.start;
    const e = c.end;
    const first = text.charCodeAt(s);
    if (first === 70 && isWiresharkFrameAt(text, s)) break;
    if (first === 32) {
      if (text.startsWith('    Epoch Time: ', s)) {
        // exact and in UTC: preferred to the arrival time, which is in the capturing machine's zone
        time = epochTime(text.slice(s + 16, e).replace(/ seconds$/, '')) ?? time;
      } else if (!time && text.startsWith('    Arrival Time: ', s)) {
        const m = ARRIVAL.exec(text.slice(s + 18, e));
        if (m) time = datedTime(m[3]!, String(MONTHS.indexOf(m[1]!) / 3 + 1), m[2]!, m[4]!, m[5]!, m[6]!, m[7]);
      }
      c.advance();
      continue;
    }
    if (text.startsWith('Internet Protocol Version ', s)) {
      const m = /, Src: (\S+), Dst: (\S+)/.exec(text.slice(s, e));
      if (m) {
        srcHost = m[1];
        dstHost = m[2];
      }
    } else if (text.startsWith('User Datagram Protocol, ', s) || text.startsWith('Transmission Control Protocol, ', s)) {
      transport = first === 85 ? 'udp' : 'tcp';
      const m = /Src Port: (\d+), Dst Port: (\d+)/.exec(text.slice(s, e));
      if (m) {
        srcPort = m[1];
        dstPort = m[2];
      }
    } else if (text.startsWith('Session Initiation Protocol', s)) {
      const built = readSipTree(ctx);
      if (built) found.push(built);
      continue;
    }
    c.advance();
  }
  if (found.length === 0) return true; // a frame without SIP: nothing to emit, but the block is read
  const src: Endpoint | undefined = srcHost ? endpoint(srcHost, srcPort, transport) : undefined;
  const dst: Endpoint | undefined = dstHost ? endpoint(dstHost, dstPort, transport) : undefined;
  found.forEach((b, i) => {
    const message: FramedMessage = {
      format: 'wireshark-text',
      firstLine: i === 0 ? firstLine : b.fileLines[0]!,
      startLine: b.startLine,
      startColumn: b.startColumn,
      lastLine: b.lastLine,
      text: b.lines.join('\r\n'),
      lineMap: b.fileLines,
      direction: 'unknown',
      bytesIntact: false,
    };
    if (time) message.time = { ms: time.ms, dated: time.dated };
    if (src) message.src = src;
    if (dst) message.dst = dst;
    ctx.messages.push(message);
  });
  return true;
}

/** Rebuild the message of the `Session Initiation Protocol` tree at the cursor. */
function readSipTree(ctx: Emitter): Built | undefined {
  const c = ctx.cursor;
  const text = c.text;
  const lines: string[] = [];
  const fileLines: number[] = [];
  let startLine = -1;
  let startColumn = 0;
  let lastLine = c.line;
  let section: 'none' | 'headers' | 'body' = 'none';
  let sdpIndent = -1;
  c.advance();
  while (!c.eof) {
    const s = c.start;
    const e = c.end;
    if (e === s || text.charCodeAt(s) !== 32) break;
    const indent = indentOf(text, s, e);
    const at = s + indent;
    if (indent === 4) {
      sdpIndent = -1;
      if (text.startsWith('Request-Line: ', at) || text.startsWith('Status-Line: ', at)) {
        const col = text.indexOf(': ', at) + 2;
        if (isSipStartLineAt(text, col, e)) {
          startLine = c.line;
          startColumn = col - s;
          lines.push(unescapeOctal(text.slice(col, e)));
          fileLines.push(c.line);
        }
      } else if (text.startsWith('Message Header', at)) {
        section = 'headers';
      } else if (text.startsWith('Message Body', at)) {
        section = 'body';
        lines.push('');
        fileLines.push(c.line);
      }
    } else if (text.charCodeAt(at) !== 91 /* [ generated fields */) {
      if (section === 'headers' && indent === 8) {
        lines.push(unescapeOctal(text.slice(at, e)));
        fileLines.push(c.line);
      } else if (section === 'body') {
        if (indent === 8 && text.startsWith('Session Description Protocol', at)) {
          sdpIndent = 12;
        } else if (sdpIndent > 0 && indent === sdpIndent) {
          const m = SDP_FIELD.exec(text.slice(at, e));
          if (m) {
            lines.push(`${m[1]}=${unescapeOctal(m[2]!)}`);
            fileLines.push(c.line);
          }
        } else if (sdpIndent < 0 && indent === 12) {
          // Line-based text bodies: one tree line per body line.
          lines.push(unescapeOctal(text.slice(at, e)).replace(/\\r\\n$|\\n$/, ''));
          fileLines.push(c.line);
        }
      }
    }
    lastLine = c.line;
    c.advance();
  }
  if (startLine < 0) return undefined;
  if (section !== 'body') {
    lines.push('');
    fileLines.push(lastLine);
  }
  // A body ends with a line break; a message without one ends after the blank line.
  lines.push('');
  fileLines.push(lastLine);
  return { lines, fileLines, startLine, startColumn, lastLine };
}
