// Position → analysis lookups shared by the features. Indexes are built once per analysis
// (kept in WeakMaps, so they go away with the analysis) and answered by binary search.
import type { SipHeader, TraceAnalysis, TraceMessage } from '../analysis/types';
import { lineStarts } from '../analysis/lineStarts';

/** Lines of the document the analysis was made from, for ranges that run to the end of a line. */
export interface LineSource {
  /** Length of the line without its line break; 0 beyond the end. */
  lineLength(line: number): number;
  /** Text of the line without its line break; '' beyond the end. */
  lineText(line: number): string;
}

interface Indexes {
  /** Message indexes sorted by firstLine (the trace order, normally). */
  byLine: number[];
  /** Call-ID → indexes of every message carrying it, in file order. */
  byCallId?: Map<string, number[]>;
  /** Request index → indexes of the responses that answer it, in file order. */
  responsesOf?: Map<number, number[]>;
}

const cache = new WeakMap<TraceAnalysis, Indexes>();

function indexesOf(analysis: TraceAnalysis): Indexes {
  let indexes = cache.get(analysis);
  if (!indexes) {
    const messages = analysis.messages;
    const byLine = messages.map((m) => m.index);
    let sorted = true;
    for (let i = 1; i < messages.length && sorted; i++) {
      if (messages[i].frame.firstLine < messages[i - 1].frame.firstLine) sorted = false;
    }
    if (!sorted) byLine.sort((a, b) => messages[a].frame.firstLine - messages[b].frame.firstLine);
    indexes = { byLine };
    cache.set(analysis, indexes);
  }
  return indexes;
}

/** The message whose lines (firstLine..lastLine) cover `line`, if any. */
export function messageAtLine(analysis: TraceAnalysis, line: number): TraceMessage | undefined {
  const { byLine } = indexesOf(analysis);
  const messages = analysis.messages;
  // Last message starting at or before the line.
  let low = 0;
  let high = byLine.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (messages[byLine[mid]].frame.firstLine <= line) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  if (found < 0) return undefined;
  const message = messages[byLine[found]];
  return message.frame.lastLine >= line ? message : undefined;
}

/** File line of line `i` of the message text (0 = start line). */
export function fileLineOf(message: TraceMessage, textLine: number): number {
  const map = message.frame.lineMap;
  if (map) return map[textLine] ?? message.frame.startLine + textLine;
  return message.frame.startLine + textLine;
}

/** The header of `message` written on file line `line`, if any (folded continuation lines included). */
export function headerAtLine(message: TraceMessage, line: number): SipHeader | undefined {
  const headers = message.sip.headers;
  for (let i = 0; i < headers.length; i++) {
    const at = fileLineOf(message, headers[i].line);
    if (at === line) return headers[i];
    if (at > line) break;
    const nextAt = i + 1 < headers.length ? fileLineOf(message, headers[i + 1].line) : Number.POSITIVE_INFINITY;
    if (line < nextAt && lineIsContinuation(message, line, at)) return headers[i];
  }
  return undefined;
}

/** True when every message line from just after `headerLine` up to `line` is a folded continuation. */
function lineIsContinuation(message: TraceMessage, line: number, headerLine: number): boolean {
  const map = message.frame.lineMap;
  const toText = (fileLine: number): number => (map ? map.indexOf(fileLine) : fileLine - message.frame.startLine);
  const first = toText(headerLine);
  const last = toText(line);
  if (first < 0 || last <= first) return false;
  const lines = message.frame.text.split('\n', last + 1);
  for (let i = first + 1; i <= last; i++) {
    if (!/^[ \t]+\S/.test(lines[i] ?? '')) return false;
  }
  return true;
}

/** Every message with this Call-ID (calls, transactions and stray messages alike), in file order. */
export function messagesWithCallId(analysis: TraceAnalysis, callId: string): number[] {
  const indexes = indexesOf(analysis);
  if (!indexes.byCallId) {
    const map = new Map<string, number[]>();
    for (const message of analysis.messages) {
      const id = message.sip.callId;
      if (id === undefined) continue;
      const list = map.get(id);
      if (list) list.push(message.index);
      else map.set(id, [message.index]);
    }
    indexes.byCallId = map;
  }
  return indexes.byCallId.get(callId) ?? [];
}

/** Responses answering the request at `requestIndex` (its first copy), in file order. */
export function responsesTo(analysis: TraceAnalysis, requestIndex: number): number[] {
  const indexes = indexesOf(analysis);
  if (!indexes.responsesOf) {
    const map = new Map<number, number[]>();
    for (let i = 0; i < analysis.requestOf.length; i++) {
      const request = analysis.requestOf[i];
      if (request < 0) continue;
      const list = map.get(request);
      if (list) list.push(i);
      else map.set(request, [i]);
    }
    indexes.responsesOf = map;
  }
  return indexes.responsesOf.get(requestIndex) ?? [];
}

/** The first copy of a (possibly retransmitted) request: same Call-ID, CSeq and method. */
export function originalRequest(analysis: TraceAnalysis, message: TraceMessage): TraceMessage {
  if (!message.retransmission || message.sip.kind !== 'request' || message.sip.callId === undefined) return message;
  for (const index of messagesWithCallId(analysis, message.sip.callId)) {
    if (index >= message.index) break;
    const other = analysis.messages[index];
    if (
      !other.retransmission &&
      other.sip.kind === 'request' &&
      other.sip.method === message.sip.method &&
      other.sip.cseq?.seq === message.sip.cseq?.seq
    ) {
      return other;
    }
  }
  return message;
}

/** The final response (first copy, ≥ 200) to a request, if the trace holds one. */
export function finalResponseTo(analysis: TraceAnalysis, requestIndex: number): TraceMessage | undefined {
  for (const index of responsesTo(analysis, requestIndex)) {
    const response = analysis.messages[index];
    if (!response.retransmission && (response.sip.status ?? 0) >= 200) return response;
  }
  return undefined;
}

/** Index of the call the message belongs to, or -1. */
export function callIndexOf(analysis: TraceAnalysis, messageIndex: number): number {
  return messageIndex < analysis.callOf.length ? analysis.callOf[messageIndex] : -1;
}

/** A line source over a plain string (tests, files read from disk). */
export function lineSourceOf(text: string): LineSource {
  const starts = lineStarts(text);
  const lineText = (line: number): string => {
    if (line < 0 || line >= starts.length) return '';
    const end = line + 1 < starts.length ? starts[line + 1] - 1 : text.length;
    const raw = text.slice(starts[line], end);
    return raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  };
  return { lineText, lineLength: (line) => lineText(line).length };
}
