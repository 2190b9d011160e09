// Asterisk's call identifier: a full log writes `[date] LEVEL[tid][C-xxxxxxxx] file.c: …`, and
// Dial() hands the inbound channel's identifier to the outbound channel, so both legs share it.
// The pjsip logger lines are often written by threads that know no call, so they lack the
// identifier: it is then taken from the log lines next to the INVITE, between it and the
// neighbouring messages.
import type { TraceAnalysis } from '../types';
import { lineStarts } from '../lineStarts';

const CALL_ID_TAG = /\]\[(C-[0-9a-f]{8})\]/i;

/** Log lines (outside messages) next to an INVITE searched for its channel's identifier. */
const NEARBY_LINES = 12;

/**
 * The message whose first (or last) line is a given line: the last such message, looked up by
 * binary search over the messages' lines, which rise with the file; with a map where they do not.
 */
class MessagesByLine {
  private readonly lines: Int32Array;
  private readonly map?: Map<number, number>;

  constructor(analysis: TraceAnalysis, which: 'firstLine' | 'lastLine') {
    const messages = analysis.messages;
    this.lines = new Int32Array(messages.length);
    let rising = true;
    for (let i = 0; i < messages.length; i++) {
      this.lines[i] = messages[i].frame[which];
      if (i > 0 && this.lines[i] < this.lines[i - 1]) rising = false;
    }
    if (!rising) {
      this.map = new Map();
      for (let i = 0; i < messages.length; i++) this.map.set(this.lines[i], messages[i].index);
    }
  }

  at(line: number): number | undefined {
    if (this.map) return this.map.get(line);
    // The first message whose line is past `line`; the one before it, if it is on `line`.
    let low = 0;
    let high = this.lines.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.lines[mid] <= line) low = mid + 1;
      else high = mid;
    }
    return low > 0 && this.lines[low - 1] === line ? low - 1 : undefined;
  }
}

/**
 * For each call: the Asterisk call identifier of its channel, or undefined. Read only for calls
 * framed by an Asterisk log; the framing keeps the identifier on the marker line's prefix.
 */
export function asteriskCallIds(analysis: TraceAnalysis, text: string): (string | undefined)[] {
  const ids: (string | undefined)[] = new Array(analysis.calls.length).fill(undefined);
  const isAsterisk = (i: number) => analysis.messages[i].frame.format.startsWith('asterisk');
  // No identifier anywhere (the logger was not writing them): nothing to index.
  // (The calls are asked first: looking through the text costs more.)
  if (!analysis.calls.some((call) => isAsterisk(call.firstInvite)) || text.indexOf('][C-') === -1) return ids;
  const starts = lineStarts(text);
  const lineText = (line: number): string =>
    line < 0 || line >= starts.length ? '' : text.slice(starts[line], line + 1 < starts.length ? starts[line + 1] : text.length);
  const tagOn = (line: number): string | undefined => CALL_ID_TAG.exec(lineText(line))?.[1]?.toLowerCase();

  // Messages by their first and last line: the walk skips the call's own messages and stops at
  // another call's, whose neighbourhood it would be.
  let byFirstLine: MessagesByLine | undefined;
  let byLastLine: MessagesByLine | undefined;
  const walk = (from: number, step: 1 | -1, callIndex: number): { id: string; line: number } | undefined => {
    const byLine = step === 1 ? (byFirstLine ??= new MessagesByLine(analysis, 'firstLine')) : (byLastLine ??= new MessagesByLine(analysis, 'lastLine'));
    let seen = 0;
    for (let line = from; line >= 0 && line < starts.length && seen < NEARBY_LINES; line += step) {
      const message = byLine.at(line);
      if (message !== undefined) {
        if (analysis.callOf[message] !== callIndex) return undefined;
        const frame = analysis.messages[message].frame;
        line = step === 1 ? frame.lastLine : frame.firstLine;
        continue;
      }
      seen++;
      const id = tagOn(line);
      if (id) return { id, line };
    }
    return undefined;
  };

  const nearby = new Map<number, { id: string; line: number }>();
  analysis.calls.forEach((call, c) => {
    if (!isAsterisk(call.firstInvite)) return;
    // The marker lines of the call's own messages first, where the logging thread knew the call.
    for (const index of call.messages) {
      const id = tagOn(analysis.messages[index].frame.firstLine);
      if (id) {
        ids[c] = id;
        return;
      }
    }
    // Then the log lines around the first INVITE, up to another call's messages: a received
    // INVITE is followed by its dialplan (`Executing … Dial(…)`), a sent one follows Dial's
    // `Called PJSIP/…`.
    const invite = analysis.messages[call.firstInvite].frame;
    const after = () => walk(invite.lastLine + 1, 1, c);
    const before = () => walk(invite.firstLine - 1, -1, c);
    const found = invite.direction === 'sent' ? (before() ?? after()) : (after() ?? before());
    if (found) nearby.set(c, found);
  });
  // One log line is about one channel: a line that two INVITEs would both take (the only line
  // between them) says nothing about either, and links neither.
  const claims = new Map<number, number>();
  for (const { line } of nearby.values()) claims.set(line, (claims.get(line) ?? 0) + 1);
  for (const [c, { id, line }] of nearby) if (claims.get(line) === 1) ids[c] = id;
  return ids;
}
