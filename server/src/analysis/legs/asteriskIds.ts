// Asterisk's call identifier: a full log writes `[date] LEVEL[tid][C-xxxxxxxx] file.c: …`, and
// Dial() hands the inbound channel's identifier to the outbound channel, so both legs share it.
// The pjsip logger lines are often written by threads that know no call, so they lack the
// identifier: it is then taken from the log lines next to the INVITE, between it and the
// neighbouring messages.
import type { TraceAnalysis } from '../types';

const CALL_ID_TAG = /\]\[(C-[0-9a-f]{8})\]/i;

/** Lines after a received INVITE searched for its channel's identifier. */
const NEARBY_LINES = 12;

/** Start offsets of every line of `text`, built once when an Asterisk log needs them. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * For each call: the Asterisk call identifier of its channel, or undefined. Read only for calls
 * framed by an Asterisk log; the framing keeps the identifier on the marker line's prefix.
 */
export function asteriskCallIds(analysis: TraceAnalysis, text: string): (string | undefined)[] {
  const ids: (string | undefined)[] = new Array(analysis.calls.length).fill(undefined);
  const isAsterisk = (i: number) => analysis.messages[i].frame.format.startsWith('asterisk');
  if (!analysis.calls.some((call) => isAsterisk(call.firstInvite))) return ids;
  const starts = lineStarts(text);
  const lineText = (line: number): string =>
    line < 0 || line >= starts.length ? '' : text.slice(starts[line], line + 1 < starts.length ? starts[line + 1] : text.length);
  const tagOn = (line: number): string | undefined => CALL_ID_TAG.exec(lineText(line))?.[1]?.toLowerCase();

  // Lines that belong to some message are never "nearby lines" of another.
  const spans = analysis.messages.map((m) => [m.frame.firstLine, m.frame.lastLine] as const).sort((a, b) => a[0] - b[0]);
  /** First line of the first message that starts after `line`, or Infinity. */
  const nextStart = (line: number): number => {
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid][0] <= line) lo = mid + 1;
      else hi = mid;
    }
    return lo < spans.length ? spans[lo][0] : Number.POSITIVE_INFINITY;
  };
  /** Last line of the last message that ends before `line`, or -1. */
  const previousEnd = (line: number): number => {
    let end = -1;
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid][0] < line) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= 0 && i >= lo - 4; i--) if (spans[i][1] < line) end = Math.max(end, spans[i][1]);
    return end;
  };
  const after = (frame: { lastLine: number }): string | undefined => {
    const stop = Math.min(nextStart(frame.lastLine), frame.lastLine + 1 + NEARBY_LINES);
    for (let line = frame.lastLine + 1; line < stop; line++) {
      const id = tagOn(line);
      if (id) return id;
    }
    return undefined;
  };
  const beforeFrame = (frame: { firstLine: number }): string | undefined => {
    const stop = Math.max(previousEnd(frame.firstLine), frame.firstLine - 1 - NEARBY_LINES);
    for (let line = frame.firstLine - 1; line > stop; line--) {
      const id = tagOn(line);
      if (id) return id;
    }
    return undefined;
  };

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
    // Then the log lines around the first INVITE, up to the neighbouring messages: a received
    // INVITE is followed by its dialplan (`Executing … Dial(…)`), a sent one follows Dial's
    // `Called PJSIP/…`.
    const invite = analysis.messages[call.firstInvite].frame;
    ids[c] = invite.direction === 'sent' ? (beforeFrame(invite) ?? after(invite)) : (after(invite) ?? beforeFrame(invite));
  });
  return ids;
}
