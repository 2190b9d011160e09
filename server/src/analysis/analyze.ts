// The analysis entry point: text → framed messages → parsed messages → calls → outcomes.
import { correlate } from './calls';
import { splitTrace } from './formats';
import { parseSipMessage } from './message';
import type { AnalysisOptions, TraceAnalysis, TraceMessage } from './types';

export class CancellationError extends Error {
  constructor() {
    super('Analysis cancelled');
    this.name = 'CancellationError';
  }
}

function countLines(text: string): number {
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}

/** Analyses a whole trace. Pure: no I/O; throws CancellationError when `isCancelled` says so. */
export function analyzeTrace(text: string, options: AnalysisOptions = {}): TraceAnalysis {
  const { isCancelled } = options;
  // Old Mac-style files end lines with a bare CR, which editors also show as line breaks.
  if (text.indexOf('\n') === -1 && text.indexOf('\r') !== -1) text = text.replace(/\r/g, '\n');
  const split = splitTrace(text, { isCancelled });
  const messages: TraceMessage[] = new Array(split.messages.length);
  for (let i = 0; i < split.messages.length; i++) {
    if ((i & 0xfff) === 0 && isCancelled?.()) throw new CancellationError();
    const frame = split.messages[i];
    const sip = parseSipMessage(frame.text, { bytesIntact: frame.bytesIntact, latin1: options.redecode !== undefined });
    messages[i] = { index: i, frame, sip, retransmission: false };
  }
  const correlation = correlate(messages, options);
  return {
    format: split.format,
    messages,
    calls: correlation.calls,
    transactions: correlation.transactions,
    notices: split.notices,
    callOf: correlation.callOf,
    transactionOf: correlation.transactionOf,
    requestOf: correlation.requestOf,
    benignFinals: correlation.benignFinals,
    lineCount: countLines(text),
  };
}
