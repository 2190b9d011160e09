// The analysis entry point: text → framed messages → parsed messages → calls → outcomes → findings.
import { correlate } from './calls';
import { applyFindings } from './findings';
import { splitTrace } from './formats';
import { correlateLegs } from './legs';
import { newParseCache, parseSipMessage, type ParseOptions } from './message';
import { repairFrame } from './repair';
import type { AnalysisOptions, TraceAnalysis, TraceMessage } from './types';
import { adoptUnmarked } from './unmarked';

export class CancellationError extends Error {
  constructor() {
    super('Analysis cancelled');
    this.name = 'CancellationError';
  }
}

/** Analyses a whole trace. Pure: no I/O; throws CancellationError when `isCancelled` says so. */
export function analyzeTrace(text: string, options: AnalysisOptions = {}): TraceAnalysis {
  const { isCancelled } = options;
  // Old Mac-style files end lines with a bare CR, which editors also show as line breaks.
  if (text.indexOf('\n') === -1 && text.indexOf('\r') !== -1) text = text.replace(/\r/g, '\n');
  const split = splitTrace(text, { isCancelled });
  const messages: TraceMessage[] = new Array(split.messages.length);
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
          split.messages[i] = repaired;
          sip = again;
        }
      }
    }
    messages[i] = { index: i, frame, sip, retransmission: false };
  }
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
