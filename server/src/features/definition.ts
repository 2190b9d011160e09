// Go to definition: from any line of a message, to where its call (or transaction) began —
// the call's first INVITE.
import type { Location, Position } from 'vscode-languageserver';
import type { TraceAnalysis } from '../analysis/types';
import { startLineRange } from './diagnostics';
import { callIndexOf, type LineSource, messageAtLine } from './lookup';

export function computeDefinition(uri: string, analysis: TraceAnalysis, position: Position, lines: LineSource): Location | null {
  const message = messageAtLine(analysis, position.line);
  if (!message) return null;
  const callIndex = callIndexOf(analysis, message.index);
  let target: number | undefined;
  if (callIndex >= 0) {
    target = analysis.calls[callIndex].firstInvite;
  } else {
    const transactionIndex = message.index < analysis.transactionOf.length ? analysis.transactionOf[message.index] : -1;
    if (transactionIndex >= 0) target = analysis.transactions[transactionIndex].first;
  }
  if (target === undefined) return null;
  return { uri, range: startLineRange(analysis.messages[target], lines) };
}
