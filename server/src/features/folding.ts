// Folding: one range per message (marker line to last line), so a long trace folds to its start lines.
import { type FoldingRange, FoldingRangeKind } from 'vscode-languageserver';
import type { TraceAnalysis } from '../analysis/types';

export function computeFoldingRanges(analysis: TraceAnalysis): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  for (const message of analysis.messages) {
    const { firstLine, lastLine } = message.frame;
    if (lastLine > firstLine) ranges.push({ startLine: firstLine, endLine: lastLine, kind: FoldingRangeKind.Region });
  }
  return ranges;
}
