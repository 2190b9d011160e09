// Cutting calls out of a packet capture as packets: a pcap (or pcapng, as the source was) holding
// only the frames that carried the chosen calls' messages — every IP fragment and TCP segment of
// them — copied byte for byte, so times, link types and interfaces stay as captured and every
// capture tool reads the result. The messages are found as for any capture (rendered and
// analysed); the reader keeps, for each message, the frames it came in.
import { analyzeTrace } from '../analyze';
import { type CallSelection, selectCalls } from '../extract';
import type { AnalysisOptions, CaptureFormat, TraceAnalysis } from '../types';
import { keepFrames } from './container';
import { dissectCapture, renderedText } from './index';
import type { CapturedSip } from './types';

export interface CapturePackets {
  /** The source analysed, as `summary` sees it. */
  analysis: TraceAnalysis;
  /** Indexes of the chosen calls in `analysis.calls`. */
  chosen: number[];
  /** The new capture file; empty when no call was chosen. */
  bytes: Uint8Array;
  /** Frames in it. */
  frames: number;
  container: CaptureFormat;
}

/**
 * The frames of each analysed message, by index into `analysis.messages`. A message's marker
 * gives the frame that completed it; messages completed by one frame are matched in text order.
 */
function framesByMessage(analysis: TraceAnalysis, rendered: readonly CapturedSip[]): (readonly number[] | undefined)[] {
  const waiting = new Map<number, CapturedSip[]>();
  for (const m of rendered) {
    const list = waiting.get(m.frame);
    if (list) list.push(m);
    else waiting.set(m.frame, [m]);
  }
  const inText = analysis.messages.map((m) => m.index).sort((a, b) => analysis.messages[a]!.frame.firstLine - analysis.messages[b]!.frame.firstLine);
  const out: (readonly number[] | undefined)[] = new Array(analysis.messages.length);
  for (const index of inText) {
    const frame = analysis.messages[index]!.frame.frame;
    if (frame === undefined) continue;
    const m = waiting.get(frame)?.shift();
    out[index] = m ? (m.frames ?? [m.frame]) : [frame];
  }
  return out;
}

/** The chosen calls of a capture (plain or gzip'd) as a capture of their packets. */
export function extractCapturePackets(bytes: Uint8Array, selection: CallSelection, options: AnalysisOptions = {}): CapturePackets {
  const dissected = dissectCapture(bytes, { trackFrames: true });
  const analysis = analyzeTrace(renderedText(dissected.messages, dissected.notices), options);
  analysis.format = dissected.container;
  analysis.notices.unshift(...dissected.notices);
  const chosen = selectCalls(analysis, selection);
  const frames = framesByMessage(analysis, dissected.messages);
  const keep = new Set<number>();
  for (const c of chosen) for (const index of analysis.calls[c]!.messages) for (const frame of frames[index] ?? []) keep.add(frame);
  const written = chosen.length > 0 ? keepFrames(dissected.data, keep) : { bytes: new Uint8Array(0), frames: 0 };
  return { analysis, chosen, bytes: written.bytes, frames: written.frames, container: dissected.container };
}
