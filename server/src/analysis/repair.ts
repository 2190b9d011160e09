// Damage that pasting does to a message, repaired where the result is clear. Runs only on
// messages that do not parse (so it costs nothing on sound traces):
//  - a header line that starts with white space (read as a fold of the line above it): when it
//    is `Name: value` for a header every message needs, the white space is dropped;
//  - two headers run together on one line (`Call-ID: abc CSeq: 1 INVITE`): the line is split
//    before the second name, both parts mapped to the same file line.
// The repaired text is kept only when it parses with fewer problems than the original.
import type { FramedMessage } from './types';

/** Headers whose loss makes a message malformed, as senders usually spell them. */
const NEEDED = ['Via', 'From', 'To', 'Call-ID', 'CSeq', 'Contact', 'Max-Forwards', 'Content-Type', 'Content-Length'];
const NEEDED_LOWER = NEEDED.map((n) => n.toLowerCase());
const RUN_TOGETHER = new RegExp(`\\s(?=(?:${NEEDED.map((n) => n.replace('-', '\\-')).join('|')}):\\s)`);

function isNeededHeaderLine(line: string): boolean {
  const colon = line.indexOf(':');
  return colon > 0 && NEEDED_LOWER.includes(line.slice(0, colon).trim().toLowerCase());
}

/**
 * The longest message looked at for repair. Pasted messages are a few kilobytes; a junk "message"
 * of millions of lines would be split into as many strings (an 84 MB one took gigabytes) for
 * nothing a paste does.
 */
const MAX_REPAIR_LENGTH = 1 << 20;

/** The repaired frame, or undefined when there is nothing to repair. */
export function repairFrame(frame: FramedMessage): FramedMessage | undefined {
  const text = frame.text;
  if (text.length > MAX_REPAIR_LENGTH) return undefined;
  const lines = text.split('\n');
  const fileLine = (i: number) => (frame.lineMap ? (frame.lineMap[i] ?? frame.startLine + i) : frame.startLine + i);
  const out: string[] = [];
  const map: number[] = [];
  let changed = false;
  let inHeaders = true;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (!inHeaders || i === 0) {
      out.push(line);
      map.push(fileLine(i));
      continue;
    }
    if (line.replace(/\r$/, '').trim() === '') {
      inHeaders = false;
      out.push(line);
      map.push(fileLine(i));
      continue;
    }
    const first = line.charCodeAt(0);
    if ((first === 32 || first === 9) && isNeededHeaderLine(line.trimStart())) {
      line = line.trimStart();
      changed = true;
    }
    const cr = line.endsWith('\r') ? '\r' : '';
    const parts = line.replace(/\r$/, '').split(RUN_TOGETHER);
    if (parts.length > 1 && isNeededHeaderLine(parts[0]!)) {
      changed = true;
      for (const part of parts) {
        out.push(part.trim() + cr);
        map.push(fileLine(i));
      }
      continue;
    }
    out.push(line);
    map.push(fileLine(i));
  }
  if (!changed) return undefined;
  return { ...frame, text: out.join('\n'), lineMap: map, bytesIntact: false };
}
