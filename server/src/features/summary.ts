// `sipLens/summary`: the ★ per-file summary, straight from the analysis library.
import { type Summary, summarize } from '../analysis/summary';
import type { TraceAnalysis } from '../analysis/types';

export function computeSummary(analysis: TraceAnalysis): Summary {
  return summarize(analysis);
}
