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

/**
 * Host of a SIP URI (or a bare `host:port`), without brackets: what
 * `^(?:sips?:)?(?:[^@;>]*@)?(\[[^\]]+\]|[^:;>?]+)` (without case) captures of the trimmed URI, with
 * a leading `[` and a trailing `]` taken off. Read by char codes: the verdict of every call and the
 * private-address check ask it, and the expression's backtracking is spelt out below.
 */
export function hostOfUri(uri: string): string | undefined {
  const text = uri.trim();
  // With the scheme (when there is one) first, then without it: the order the expression tries.
  const scheme = schemeLength(text);
  return (scheme > 0 ? hostAfter(text, scheme) : undefined) ?? hostAfter(text, 0);
}

/** The host after `from`: after a user part first (when there is one), then right at `from`. */
function hostAfter(text: string, from: number): string | undefined {
  const user = userEnd(text, from);
  return (user !== -1 ? hostAt(text, user) : undefined) ?? hostAt(text, from);
}

/** Length of a leading `sip:` or `sips:` (any case), or 0. */
function schemeLength(text: string): number {
  if ((text.charCodeAt(0) | 0x20) !== 0x73 || (text.charCodeAt(1) | 0x20) !== 0x69 || (text.charCodeAt(2) | 0x20) !== 0x70) return 0;
  if (text.charCodeAt(3) === 58 /* : */) return 4;
  return (text.charCodeAt(3) | 0x20) === 0x73 && text.charCodeAt(4) === 58 ? 5 : 0;
}

/** After the `user@` starting at `from` (no `;` or `>` before its `@`), or -1 when there is none. */
function userEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 64 /* @ */) return i + 1;
    if (c === 59 /* ; */ || c === 62 /* > */) return -1;
  }
  return -1;
}

/** The host at `from` (`[...]`, else a run up to `:`, `;`, `>` or `?`), brackets taken off; undefined when empty. */
function hostAt(text: string, from: number): string | undefined {
  if (text.charCodeAt(from) === 91 /* [ */) {
    const close = text.indexOf(']', from + 1);
    if (close > from + 1) return text.slice(from + 1, close);
  }
  let end = from;
  for (let c = text.charCodeAt(end); end < text.length && c !== 58 && c !== 59 && c !== 62 && c !== 63; c = text.charCodeAt(++end));
  if (end === from) return undefined;
  // A leading `[` (no `]` closed it) and a trailing `]` are taken off, as from a bracketed host.
  const start = text.charCodeAt(from) === 91 ? from + 1 : from;
  const last = end > start && text.charCodeAt(end - 1) === 93 /* ] */ ? end - 1 : end;
  return text.slice(start, last);
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
