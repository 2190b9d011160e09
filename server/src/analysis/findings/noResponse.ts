// no-response: a request that got nothing back at all — not even 100 Trying. Over UDP the
// evidence is its retransmissions; over TCP/TLS (no retransmissions) it is Timer B (32 s)
// passing while the trace runs on. Distinct from "100 Trying and then nothing". In a capture, an
// ICMP destination unreachable that quotes the request's own packet is decisive on its own: the
// far host (or a router or firewall on the way) said the request did not get there.
import type { IcmpAnswer, TraceAnalysis } from '../types';
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

/** The ICMP error that answered one of these copies of a request (the first such), if any. */
export function icmpAnswerOf(analysis: TraceAnalysis, copies: readonly number[]): { index: number; icmp: IcmpAnswer } | undefined {
  for (const index of copies) {
    const icmp = frameOf(analysis, index).icmp;
    if (icmp) return { index, icmp };
  }
  return undefined;
}

/** What an ICMP unreachable means, in words, and where to look: `[advice, fault]`. */
export function icmpAdvice(icmp: IcmpAnswer, target: string | undefined): [string, 'remote' | 'network' | 'local'] {
  const host = target?.replace(/^\[?([^\]]*?)\]?(?::\d+)?$/, '$1');
  const fromTarget = host !== undefined && host === icmp.from;
  if (icmp.kind === 'port unreachable') {
    return [`the host is there but nothing listens on that port: check the port and transport, and that the far end's SIP service runs.`, 'remote'];
  }
  if (/prohibited|policy|reject/.test(icmp.kind)) {
    return [`a firewall ${fromTarget ? 'on the far host' : `at ${icmp.from}`} rejects it: check the firewall rules for SIP on the path.`, 'network'];
  }
  return [`${fromTarget ? 'the far host' : `the router ${icmp.from}`} has no way to deliver it: check the address and the routing to it.`, 'network'];
}

function icmpWords(icmp: IcmpAnswer): string {
  return `an ${icmp.protocol} ${icmp.kind} from ${icmp.from} (frame ${icmp.frame})`;
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
    const answered = reliable ? undefined : icmpAnswerOf(analysis, [request, ...copies]);
    if (answered) {
      const target = sentTo(analysis, request);
      const times = copies.length > 0 ? ` ${plural(copies.length + 1, 'time')}` : '';
      const [advice, fault] = icmpAdvice(answered.icmp, target);
      const message =
        local === false
          ? `The ${method} arrived${times} over UDP and ${icmpWords(answered.icmp)} answered it instead of SIP — ${advice}`
          : `The ${method} was sent${times} over UDP${target ? ` to ${target}` : ''} and nothing came back but ${icmpWords(answered.icmp)} — ${advice}`;
      findings.push(makeFinding('no-response', request, message, fault, [...copies, answered.index]));
      continue;
    }
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
