// Asterisk's call identifier: a full log writes `[date] LEVEL[tid][C-xxxxxxxx] file.c: …`, and
// Dial() hands the inbound channel's identifier to the outbound channel, so both legs share it.
// The pjsip logger line of a *received* message is written by a thread that knows no call, so
// it often lacks the identifier: it is then taken from the dialplan lines that follow the
// INVITE (`Executing [2002@from-phones:1] Dial(...)`), before the next message.
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
  const messageLines = analysis.messages.map((m) => [m.frame.firstLine, m.frame.lastLine] as const).sort((a, b) => a[0] - b[0]);
  const nextMessageLine = (after: number): number => {
    let lo = 0;
    let hi = messageLines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (messageLines[mid][0] <= after) lo = mid + 1;
      else hi = mid;
    }
    return lo < messageLines.length ? messageLines[lo][0] : Number.POSITIVE_INFINITY;
  };

  analysis.calls.forEach((call, c) => {
    if (!isAsterisk(call.firstInvite)) return;
    // The marker lines of the call's own messages first.
    for (const index of call.messages) {
      const id = tagOn(analysis.messages[index].frame.firstLine);
      if (id) {
        ids[c] = id;
        return;
      }
    }
    // Then the log lines right after the first INVITE, up to the next message.
    const invite = analysis.messages[call.firstInvite].frame;
    const stop = Math.min(nextMessageLine(invite.lastLine), invite.lastLine + 1 + NEARBY_LINES);
    for (let line = invite.lastLine + 1; line < stop; line++) {
      const id = tagOn(line);
      if (id) {
        ids[c] = id;
        return;
      }
    }
  });
  return ids;
}
