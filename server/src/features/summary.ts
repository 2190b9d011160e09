// `sipLens/summary`: the ★ per-file summary, straight from the analysis library.
import { type Summary, summarize } from '../analysis/summary';
import type { TraceAnalysis } from '../analysis/types';

/** `encapsulations`: for a packet capture, the layers SIP was found inside. */
export function computeSummary(analysis: TraceAnalysis, encapsulations?: string[]): Summary {
  return summarize(analysis, encapsulations);
}
