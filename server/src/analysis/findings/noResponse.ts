// no-response: a request that got nothing back at all — not even 100 Trying. Over UDP the
// evidence is its retransmissions; over TCP/TLS (no retransmissions) it is Timer B (32 s)
// passing while the trace runs on. Distinct from "100 Trying and then nothing".
import type { TraceAnalysis } from '../types';
import { frameOf, makeFinding, plural, sentTo, sipOf, transportOf } from './context';
import { copiesOf, hasResponse, requestsIn } from './group';
import type { Finding } from './types';

const TIMER_B_MS = 32_000;
const RELIABLE = new Set(['tcp', 'tls', 'ws', 'wss', 'sctp']);

function lastTime(analysis: TraceAnalysis): number | undefined {
  for (let i = analysis.messages.length - 1; i >= 0; i--) {
    const time = frameOf(analysis, i).time;
    if (time) return time.ms;
  }
  return undefined;
}

/** `sentLocally(index)`: true, false, or undefined when the trace cannot tell. */
export function noResponseFindings(
  analysis: TraceAnalysis,
  group: readonly number[],
  sentLocally: (index: number) => boolean | undefined,
): Finding[] {
  const findings: Finding[] = [];
  for (const request of requestsIn(analysis, group)) {
    const sip = sipOf(analysis, request);
    if (sip.method === 'ACK' || !sip.cseq || hasResponse(analysis, group, request)) continue;
    const copies = copiesOf(analysis, group, request);
    const transport = transportOf(analysis, request);
    const reliable = transport !== undefined && RELIABLE.has(transport);
    const method = sip.method ?? 'request';
    const local = sentLocally(request);
    let evidence: string;
    if (!reliable && copies.length > 0) {
      const times = plural(copies.length + 1, 'time');
      evidence = local === false ? `arrived ${times} over UDP` : `was sent ${times} over UDP${sentTo(analysis, request) ? ` to ${sentTo(analysis, request)}` : ''}`;
    } else if (reliable) {
      const sent = frameOf(analysis, request).time;
      const end = lastTime(analysis);
      if (!sent || end === undefined || end - sent.ms < TIMER_B_MS) continue;
      evidence = `${local === false ? 'arrived' : 'was sent'} over ${transport.toUpperCase()} and ${Math.round((end - sent.ms) / 1000)} s passed (Timer B is 32 s)`;
    } else {
      continue;
    }
    const message =
      local === false
        ? `The ${method} ${evidence} and this side never answered, not even with 100 Trying — check that this host's SIP service listens on that address, port and transport, and what it did with the request.`
        : reliable
          ? // Over a connection the bytes were taken: something holds the connection but does not answer.
            `The ${method} ${evidence} and nothing came back over the connection, not even 100 Trying — the far end does not answer: check its SIP service, and that this address, port and transport are the ones it serves.`
          : `The ${method} ${evidence} and nothing came back, not even 100 Trying — the far end is unreachable: check its address, port and transport, and any firewall on the path.`;
    findings.push(makeFinding('no-response', request, message, local === false ? 'local' : 'network', copies));
  }
  return findings;
}
