// The analysis entry point: text → framed messages → parsed messages → calls → outcomes.
import { correlate } from './calls';
import { splitTrace } from './formats';
import { correlateLegs } from './legs';
import { newParseCache, parseSipMessage, type ParseOptions } from './message';
import type { AnalysisOptions, TraceAnalysis, TraceMessage } from './types';

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
    const frame = split.messages[i];
    const sip = parseSipMessage(frame.text, frame.bytesIntact ? intact : rewritten);
    messages[i] = { index: i, frame, sip, retransmission: false };
  }
  const correlation = correlate(messages, options);
  const analysis: TraceAnalysis = {
    format: split.format,
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
  if (isCancelled?.()) throw new CancellationError();
  analysis.legs = correlateLegs(analysis, text, options);
  return analysis;
}
