// References and document highlights for a Call-ID: every message carrying the Call-ID of the
// message under the cursor (on its Call-ID header line or anywhere else in it).
import { type DocumentHighlight, DocumentHighlightKind, type Location, type Position, type Range } from 'vscode-languageserver';
import type { TraceAnalysis, TraceMessage } from '../analysis/types';
import { startLineRange } from './diagnostics';
import { callIndexOf, fileLineOf, type LineSource, messageAtLine, messagesWithCallId } from './lookup';

/** The Call-ID value in the file, where the header can be found; else the message's start line. */
function callIdRange(message: TraceMessage, lines: LineSource): Range {
  const header = message.sip.headers.find((h) => h.name === 'call-id');
  if (header) {
    const line = fileLineOf(message, header.line);
    const text = lines.lineText(line);
    const at = text.indexOf(header.value);
    if (at >= 0) return { start: { line, character: at }, end: { line, character: at + header.value.length } };
  }
  return startLineRange(message, lines);
}

function sameCallId(analysis: TraceAnalysis, position: Position): { message: TraceMessage; indexes: number[] } | undefined {
  const message = messageAtLine(analysis, position.line);
  const callId = message?.sip.callId;
  if (!message || callId === undefined) return undefined;
  return { message, indexes: messagesWithCallId(analysis, callId) };
}

export function computeReferences(
  uri: string,
  analysis: TraceAnalysis,
  position: Position,
  includeDeclaration: boolean,
  lines: LineSource,
): Location[] {
  const found = sameCallId(analysis, position);
  if (!found) return [];
  // The "declaration" of a call is its first INVITE.
  const callIndex = callIndexOf(analysis, found.message.index);
  const declaration = callIndex >= 0 ? analysis.calls[callIndex].firstInvite : -1;
  return found.indexes
    .filter((index) => includeDeclaration || index !== declaration)
    .map((index) => ({ uri, range: callIdRange(analysis.messages[index], lines) }));
}

export function computeDocumentHighlights(analysis: TraceAnalysis, position: Position, lines: LineSource): DocumentHighlight[] {
  const found = sameCallId(analysis, position);
  if (!found) return [];
  return found.indexes.map((index) => ({
    range: callIdRange(analysis.messages[index], lines),
    kind: DocumentHighlightKind.Read,
  }));
}
