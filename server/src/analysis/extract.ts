// Cutting calls out of a trace: the lines of their messages, copied verbatim in the source's own
// framing (markers, log prefixes, closing lines), so every tool that read the source reads the
// result. Typical use: only the failing call, attached to a carrier ticket.
import type { Outcome, TraceAnalysis } from './types';

export interface CallSelection {
  /** Call-IDs to take. */
  callIds?: readonly string[];
  /** Outcomes to take. */
  outcomes?: readonly Outcome[];
  /** Also take every other leg of each selected call. */
  withLegs?: boolean;
}

/** Indexes of the calls a selection names; a call named twice is taken once. */
export function selectCalls(analysis: TraceAnalysis, selection: CallSelection): number[] {
  const ids = new Set(selection.callIds ?? []);
  const outcomes = new Set(selection.outcomes ?? []);
  const chosen = new Set<number>();
  analysis.calls.forEach((call, c) => {
    if (ids.has(call.callId) || outcomes.has(call.outcome)) chosen.add(c);
  });
  if (selection.withLegs) {
    for (const c of [...chosen]) {
      const info = analysis.legs.ofCall[c];
      if (info) for (const leg of analysis.legs.groups[info.group].calls) chosen.add(leg);
    }
  }
  return [...chosen].sort((a, b) => a - b);
}

/** Start offset of every line of `text`. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * Log lines just before a message often carry what its framing reads: a bare `[date] LEVEL[tid]`
 * prefix line before chan_sip's marker, a packet's `Frame 12: … Arrival Time` block in tshark
 * text, an Asterisk call identifier. Up to this many of the lines between a message and the one
 * before it are copied with it.
 */
const LEADING_LINES = 64;

/**
 * The text of the selected calls' messages, in file order: each message's lines from its first
 * (marker) line to its last (closing) line, with the log lines right before it (back to the
 * previous message, at most LEADING_LINES), exactly as in `text`, line breaks included.
 */
export function extractCalls(text: string, analysis: TraceAnalysis, calls: readonly number[]): string {
  // Where each message's leading lines begin: after the message that ends last before it.
  const byFirst = analysis.messages.map((m) => m.index).sort((a, b) => analysis.messages[a].frame.firstLine - analysis.messages[b].frame.firstLine);
  const leadFrom = new Map<number, number>();
  let previousEnd = -1;
  for (const index of byFirst) {
    const frame = analysis.messages[index].frame;
    leadFrom.set(index, Math.min(frame.firstLine, Math.max(previousEnd + 1, frame.firstLine - LEADING_LINES)));
    previousEnd = Math.max(previousEnd, frame.lastLine);
  }
  const ranges: [number, number][] = [];
  for (const c of calls) {
    for (const index of analysis.calls[c].messages) {
      const frame = analysis.messages[index].frame;
      ranges.push([leadFrom.get(index) ?? frame.firstLine, frame.lastLine]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const starts = lineStarts(text);
  const lineEnd = (line: number) => (line + 1 < starts.length ? starts[line + 1] : text.length);
  const parts: string[] = [];
  let copiedTo = -1;
  for (const [first, last] of ranges) {
    // Overlapping ranges (messages sharing a line, as in one-line forms) are copied once.
    const from = Math.max(first, copiedTo + 1);
    if (from > last) continue;
    let piece = text.slice(starts[from], lineEnd(last));
    // A message on the file's last line without a line break still ends its line in the copy.
    if (!/\n$/.test(piece)) piece += text.includes('\r\n') ? '\r\n' : '\n';
    parts.push(piece);
    copiedTo = last;
  }
  return parts.join('');
}
