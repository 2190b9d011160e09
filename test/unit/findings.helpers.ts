// In-memory traces for findings tests, written in SIPp's -trace_msg framing (which carries a time,
// a direction and a byte count for each message). The local side is the caller unless a test
// says otherwise.
import { analyzeTrace } from '../../server/src/analysis/analyze';
import type { FindingThresholds } from '../../server/src/analysis/findings/types';
import type { Call, TraceAnalysis } from '../../server/src/analysis/types';

export interface Step {
  /** Milliseconds after the start. */
  at: number;
  dir: 'sent' | 'received';
  lines: string[];
  /** Byte count for the marker; the CRLF length of the message when omitted. */
  bytes?: number;
}

const BASE = Date.UTC(2026, 10, 22, 10, 0, 0);

function stamp(ms: number): string {
  const d = new Date(BASE + ms);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}000`;
}

export function sippTrace(steps: Step[]): string {
  const out: string[] = [];
  for (const step of steps) {
    const text = step.lines.join('\r\n');
    const bytes = step.bytes ?? Buffer.byteLength(text + '\r\n');
    out.push(`----------------------------------------------- ${stamp(step.at)}`);
    out.push(step.dir === 'sent' ? `UDP message sent (${bytes} bytes):` : `UDP message received [${bytes}] bytes :`);
    out.push('', ...step.lines, '');
  }
  return out.join('\n') + '\n';
}

export interface MessageOptions {
  callId?: string;
  seq?: number;
  method?: string;
  branch?: string;
  fromTag?: string;
  toTag?: string;
  via?: string[];
  uri?: string;
  headers?: string[];
  sdp?: string[];
  from?: string;
  contact?: string;
}

const CALLER = '198.51.100.10';
const CALLEE = '203.0.113.7';

function common(o: MessageOptions, method: string): string[] {
  const via = o.via ?? [`SIP/2.0/UDP ${CALLER}:5060;branch=${o.branch ?? 'z9hG4bK-1'}`];
  const lines = [
    ...via.map((v) => `Via: ${v}`),
    `From: <sip:${o.from ?? `alice@${CALLER}`}>;tag=${o.fromTag ?? 'caller'}`,
    `To: <sip:5551234@${CALLEE}>${o.toTag ? `;tag=${o.toTag}` : ''}`,
    `Call-ID: ${o.callId ?? 'call-1@test'}`,
    `CSeq: ${o.seq ?? 1} ${o.method ?? method}`,
  ];
  if (o.contact) lines.push(`Contact: <sip:${o.contact}>`);
  lines.push(...(o.headers ?? []));
  const body = o.sdp ? o.sdp.join('\r\n') + '\r\n' : '';
  if (o.sdp) lines.push('Content-Type: application/sdp');
  lines.push(`Content-Length: ${Buffer.byteLength(body)}`, '');
  if (o.sdp) lines.push(...o.sdp);
  return lines;
}

export function request(method: string, o: MessageOptions = {}): string[] {
  return [`${method} ${o.uri ?? `sip:5551234@${CALLEE}`} SIP/2.0`, ...common(o, method), ...(o.sdp ? [] : [])];
}

export function response(status: number, reason: string, o: MessageOptions = {}): string[] {
  return [`SIP/2.0 ${status} ${reason}`, ...common(o, 'INVITE')];
}

export function sdp(address: string, port = 6000, attributes: string[] = [], formats = '0 8'): string[] {
  const rtpmaps: Record<string, string> = { '0': 'a=rtpmap:0 PCMU/8000', '8': 'a=rtpmap:8 PCMA/8000', '18': 'a=rtpmap:18 G729/8000' };
  return [
    'v=0',
    `o=- 1 1 IN IP4 ${address}`,
    's=-',
    `c=IN IP4 ${address}`,
    't=0 0',
    `m=audio ${port} RTP/AVP ${formats}`,
    ...formats.split(' ').map((f) => rtpmaps[f]).filter((l): l is string => l !== undefined),
    ...attributes,
  ];
}

export function analyze(steps: Step[], thresholds?: FindingThresholds): TraceAnalysis {
  return analyzeTrace(sippTrace(steps), thresholds ? { thresholds } : {});
}

export function onlyCall(analysis: TraceAnalysis): Call {
  if (analysis.calls.length !== 1) throw new Error(`expected one call, got ${analysis.calls.length}`);
  return analysis.calls[0];
}

export function codes(analysis: TraceAnalysis): string[] {
  return [...analysis.calls.flatMap((c) => c.findings), ...analysis.transactions.flatMap((t) => t.findings)].map((f) => f.code);
}

export { CALLEE, CALLER };
