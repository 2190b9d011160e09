// The analysis entry point: text → framed messages → parsed messages → calls → outcomes → findings.
import { correlate } from './calls';
import { applyFindings } from './findings';
import { splitTrace } from './formats';
import { correlateLegs } from './legs';
import { newParseCache, parseSipMessage, type ParseOptions } from './message';
import { repairFrame } from './repair';
import { MessageStore } from './store';
import type { AnalysisOptions, FramedMessage, TraceAnalysis } from './types';
import { adoptUnmarked } from './unmarked';

export class CancellationError extends Error {
  constructor() {
    super('Analysis cancelled');
    this.name = 'CancellationError';
  }
}

/** Stands in the split's list for a frame already stored. */
const NO_FRAME = Object.freeze({}) as FramedMessage;

/** Analyses a whole trace. Pure: no I/O; throws CancellationError when `isCancelled` says so. */
export function analyzeTrace(text: string, options: AnalysisOptions = {}): TraceAnalysis {
  const { isCancelled } = options;
  // Old Mac-style files end lines with a bare CR, which editors also show as line breaks.
  if (text.indexOf('\n') === -1 && text.indexOf('\r') !== -1) text = text.replace(/\r/g, '\n');
  const split = splitTrace(text, { isCancelled });
  // Each message goes into the store's columns as soon as it is parsed; its objects are let go.
  const store = new MessageStore(split.messages.length);
  const cache = newParseCache();
  // Two option objects for all messages rather than one per message.
  const latin1 = options.redecode !== undefined;
  const intact: ParseOptions = { bytesIntact: true, latin1, cache };
  const rewritten: ParseOptions = { bytesIntact: false, latin1, cache };
  for (let i = 0; i < split.messages.length; i++) {
    if ((i & 0xfff) === 0 && isCancelled?.()) throw new CancellationError();
    let frame = split.messages[i];
    let sip = parseSipMessage(frame.text, frame.bytesIntact ? intact : rewritten);
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
    // The frame is in the store now: the list no longer holds it up.
    split.messages[i] = NO_FRAME;
  }
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
