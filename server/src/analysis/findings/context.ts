// What every finding reads: the full parse of a message through one accessor, and small helpers
// over headers, transports, times and the call's sides.
import { msBetween as messagesApart } from '../calls';
import { formatNumber, t, tn } from '../l10n';
import { headerParam } from '../message';
import type { Call, FramedMessage, SipMessage, TraceAnalysis } from '../types';
import { headerValuesIn } from './headers';
import type { Fault, Finding, FindingCode, FindingThresholds } from './types';
import { FINDING_SEVERITY } from './types';

// The findings stage reads messages only through these three accessors, so a different message
// model (columns, on-demand parsing) changes them and nothing else.

/** The full parse of message `index`. */
export function sipOf(analysis: TraceAnalysis, index: number): SipMessage {
  return analysis.messages[index].sip;
}

/** Where message `index` sits in the trace and how it was framed (text, time, direction, addresses). */
export function frameOf(analysis: TraceAnalysis, index: number): FramedMessage {
  return analysis.messages[index].frame;
}

/** True for a retransmitted copy (the first copy is the one findings point at). */
export function isCopy(analysis: TraceAnalysis, index: number): boolean {
  return analysis.messages[index].retransmission;
}

/** Everything one finding detector needs about a call. */
export interface CallContext {
  analysis: TraceAnalysis;
  call: Call;
  thresholds: FindingThresholds;
}

export function makeFinding(code: FindingCode, at: number, message: string, fault: Fault, related: number[] = []): Finding {
  const unique = [...new Set(related)].filter((i) => i !== at).sort((a, b) => a - b);
  return { code, severity: FINDING_SEVERITY[code], at, related: unique, message, fault };
}

/**
 * Values of every header named `name` (canonical lower-case long form) of message `index`, in
 * order: read from its text, for a header no column holds (see headers.ts).
 */
export function headerValues(analysis: TraceAnalysis, index: number, name: string): string[] {
  return headerValuesIn(frameOf(analysis, index).text, name);
}

export function headerValue(analysis: TraceAnalysis, index: number, name: string): string | undefined {
  return headerValuesIn(frameOf(analysis, index).text, name, true)[0];
}

/** Transport of a message: the framing's where it names one, else the top Via's. */
export function transportOf(analysis: TraceAnalysis, index: number): string | undefined {
  const frame = frameOf(analysis, index);
  const named = frame.dst?.transport ?? frame.src?.transport;
  if (named) return named.toLowerCase();
  const via = headerValue(analysis, index, 'via');
  const match = via ? /^\s*SIP\s*\/\s*2\.0\s*\/\s*([A-Za-z0-9-]+)/i.exec(via) : null;
  return match ? match[1].toLowerCase() : undefined;
}

/** Milliseconds from one message to another, where both carry comparable times. */
export function msBetween(analysis: TraceAnalysis, from: number, to: number): number | null {
  return messagesApart(analysis.messages[from], analysis.messages[to]);
}

/** Did the caller (the side that sent the first INVITE) send this message? */
export function sentByCaller(analysis: TraceAnalysis, call: Call, index: number): boolean {
  const sip = sipOf(analysis, index);
  const callerTag = sipOf(analysis, call.firstInvite).from?.tag;
  const fromCaller = callerTag !== undefined ? sip.from?.tag === callerTag : sip.from?.uri === sipOf(analysis, call.firstInvite).from?.uri;
  return sip.kind === 'request' ? fromCaller : !fromCaller;
}

/** Did the host that wrote the trace send this message? (Local is the caller where the trace cannot tell.) */
export function sentLocally(analysis: TraceAnalysis, call: Call, index: number): boolean {
  const direction = frameOf(analysis, index).direction;
  if (direction === 'sent') return true;
  if (direction === 'received') return false;
  return sentByCaller(analysis, call, index) === call.outgoing;
}

/** Host of a SIP URI (or a bare `host:port`), without brackets. */
export function hostOfUri(uri: string): string | undefined {
  const match = /^(?:sips?:)?(?:[^@;>]*@)?(\[[^\]]+\]|[^:;>?]+)/i.exec(uri.trim());
  if (!match) return undefined;
  return match[1].replace(/^\[|\]$/g, '');
}

export function requestUriHost(sip: SipMessage): string | undefined {
  return sip.requestUri ? hostOfUri(sip.requestUri) : undefined;
}

/** Host part of a Via's sent-by, and its `received=` parameter. */
export function parseVia(value: string): { sentBy: string; host: string; received?: string; branch?: string } | undefined {
  const match = /^\s*SIP\s*\/\s*2\.0\s*\/\s*[A-Za-z0-9-]+\s+(\[[^\]]+\](?::\d+)?|[^;\s]+)\s*(.*)$/i.exec(value);
  if (!match) return undefined;
  const sentBy = match[1].toLowerCase();
  const host = sentBy.startsWith('[') ? sentBy.slice(1, sentBy.indexOf(']')) : sentBy.replace(/:\d+$/, '');
  return { sentBy, host, received: headerParam(match[2], 'received') || undefined, branch: headerParam(match[2], 'branch') || undefined };
}

/** Every Via entry of a message, top first (a header may carry several, comma-separated). */
export function viaEntries(analysis: TraceAnalysis, index: number): string[] {
  const entries: string[] = [];
  for (const value of headerValues(analysis, index, 'via')) {
    for (const part of value.split(/,(?=\s*SIP\s*\/)/i)) if (part.trim()) entries.push(part.trim());
  }
  return entries;
}

/**
 * Where a message was answered from, for words like "from 203.0.113.7": the framing's source
 * address, else the address its request was sent to, else that request's Request-URI host.
 */
export function answeredFrom(analysis: TraceAnalysis, index: number): string | undefined {
  const frame = frameOf(analysis, index);
  if (frame.src?.host) return frame.src.host;
  const request = analysis.requestOf[index];
  if (request >= 0) {
    const dst = frameOf(analysis, request).dst?.host;
    if (dst) return dst;
    return requestUriHost(sipOf(analysis, request));
  }
  return undefined;
}

/** Where a request went: the framing's destination, else its Request-URI host. */
export function sentTo(analysis: TraceAnalysis, index: number): string | undefined {
  const frame = frameOf(analysis, index);
  if (frame.dst?.host) return frame.dst.port ? `${frame.dst.host}:${frame.dst.port}` : frame.dst.host;
  const uri = sipOf(analysis, index).requestUri;
  if (!uri) return undefined;
  const match = /^(?:sips?:)?(?:[^@;>]*@)?(\[[^\]]+\](?::\d+)?|[^;>?]+)/i.exec(uri.trim());
  return match ? match[1] : undefined;
}

export function statusText(sip: SipMessage): string {
  return `${sip.status ?? '?'}${sip.reason ? ` ${sip.reason}` : ''}`;
}

export function seconds(ms: number): string {
  const s = ms / 1000;
  return t('{0} s', s < 10 ? formatNumber(s, 1) : formatNumber(Math.round(s)));
}

/** `1 time`, `3 times`: how often a message was sent. */
export function timesWords(n: number): string {
  return tn(n, '{0} time', '{0} times');
}
