// The analysis entry point: text → framed messages → parsed messages → calls → outcomes → findings.
import { correlate } from './calls';
import { applyFindings } from './findings';
import { splitTraceInto } from './formats';
import { correlateLegs } from './legs';
import { newParseCache, parseSipMessage, type ParseOptions } from './message';
import { repairFrame } from './repair';
import { MessageStore } from './store';
import type { AnalysisOptions, TraceAnalysis } from './types';
import { adoptUnmarked } from './unmarked';

export class CancellationError extends Error {
  constructor() {
    super('Analysis cancelled');
    this.name = 'CancellationError';
  }
}

/**
 * A first guess at the number of messages in `length` characters of trace, for the store's
 * first allocation: SIP messages with their framing run to several hundred bytes each. The
 * store grows past it when needed and is trimmed to size at the end.
 */
function expectedMessages(length: number): number {
  return Math.ceil(length / 512) + 16;
}

/**
 * The most messages a trace is read for. Each message kept costs about 0.7 KB (its columns, view,
 * strings and share of its call) whatever its size, so a file of tiny junk "messages" — a bare
 * status line repeated, 15 bytes each — would take 45 times its size in memory, and a big one more
 * than Node's heap: reading stops here instead, with a notice. Real traffic averages 300–700 bytes
 * a message, so a real trace reaches this only past the longest text there can be (≈537 MB).
 */
export const MAX_MESSAGES = 2_000_000;

/** Analyses a whole trace. Pure: no I/O; throws CancellationError when `isCancelled` says so. */
export function analyzeTrace(text: string, options: AnalysisOptions = {}): TraceAnalysis {
  const { isCancelled } = options;
  // Old Mac-style files end lines with a bare CR, which editors also show as line breaks.
  if (text.indexOf('\n') === -1 && text.indexOf('\r') !== -1) text = text.replace(/\r/g, '\n');
  const store = new MessageStore(expectedMessages(text.length));
  const cache = newParseCache();
  // Two option objects for all messages rather than one per message.
  const latin1 = options.redecode !== undefined;
  const intact: ParseOptions = { bytesIntact: true, latin1, cache };
  const rewritten: ParseOptions = { bytesIntact: false, latin1, cache };
  // Each message is parsed and put into the store's columns as the split hands it out; its
  // frame and parse objects are let go at once, so they never pile up.
  const split = splitTraceInto(text, (frame) => {
    let sip = parseSipMessage(frame.text, frame.bytesIntact ? intact : rewritten, frame.headerIndex);
    if (sip.problems.length > 0) {
      // Pasting damage (a header indented or run into another) is repaired where that helps.
      const repaired = repairFrame(frame);
      if (repaired) {
        const again = parseSipMessage(repaired.text, rewritten);
        if (again.problems.length < sip.problems.length) {
          frame = repaired;
          sip = again;
        }
      }
    }
    store.add(frame, sip);
  }, { isCancelled, maxMessages: options.maxMessages ?? MAX_MESSAGES, onProgress: options.onReadProgress });
  options.onReadProgress?.(1);
  store.trim();
  const messages = store.messages();
  const format = adoptUnmarked(messages, split.format);
  const correlation = correlate(messages, options);
  const analysis: TraceAnalysis = {
    format,
    messages,
    calls: correlation.calls,
    transactions: correlation.transactions,
    notices: split.notices,
    callOf: correlation.callOf,
    transactionOf: correlation.transactionOf,
    requestOf: correlation.requestOf,
    benignFinals: correlation.benignFinals,
    legs: { groups: [], ofCall: [] },
    lineCount: split.lineCount,
  };
  applyFindings(analysis, options.thresholds, isCancelled);
  if (isCancelled?.()) throw new CancellationError();
  analysis.legs = correlateLegs(analysis, text, options);
  return analysis;
}
