// no-response: a request that got nothing back at all — not even 100 Trying. Over UDP the
// evidence is its retransmissions; over TCP/TLS (no retransmissions) it is Timer B (32 s)
// passing while the trace runs on. Distinct from "100 Trying and then nothing". In a capture, an
// ICMP destination unreachable that quotes the request's own packet is decisive on its own: the
// far host (or a router or firewall on the way) said the request did not get there.
import { formatNumber, t } from '../l10n';
import type { IcmpAnswer, TraceAnalysis } from '../types';
import { frameOf, makeFinding, sentTo, sipOf, timesWords, transportOf } from './context';
import { copiesOf, hasResponse, requestsIn } from './group';
import { type Finding, withFacts } from './types';

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
    return [t("the host is there but nothing listens on that port: check the port and transport, and that the far end's SIP service runs."), 'remote'];
  }
  if (/prohibited|policy|reject/.test(icmp.kind)) {
    return [fromTarget ? t('a firewall on the far host rejects it: check the firewall rules for SIP on the path.') : t('a firewall at {0} rejects it: check the firewall rules for SIP on the path.', icmp.from), 'network'];
  }
  return [fromTarget ? t('the far host has no way to deliver it: check the address and the routing to it.') : t('the router {0} has no way to deliver it: check the address and the routing to it.', icmp.from), 'network'];
}

function icmpWords(icmp: IcmpAnswer): string {
  return t('an {0} {1} from {2} (frame {3})', icmp.protocol, icmp.kind, icmp.from, icmp.frame);
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
    const method = sip.method ?? t('request');
    const local = sentLocally(request);
    const answered = reliable ? undefined : icmpAnswerOf(analysis, [request, ...copies]);
    if (answered) {
      const target = sentTo(analysis, request);
      const times = copies.length > 0 ? ` ${timesWords(copies.length + 1)}` : '';
      const [advice, fault] = icmpAdvice(answered.icmp, target);
      const message =
        local === false
          ? t('The {0} arrived{1} over UDP and {2} answered it instead of SIP — {3}', method, times, icmpWords(answered.icmp), advice)
          : t('The {0} was sent{1} over UDP{2} and nothing came back but {3} — {4}', method, times, target ? t(' to {0}', target) : '', icmpWords(answered.icmp), advice);
      findings.push(makeFinding('no-response', request, message, fault, [...copies, answered.index]));
      continue;
    }
    let evidence: string;
    if (!reliable && copies.length > 0) {
      const times = timesWords(copies.length + 1);
      const target = sentTo(analysis, request);
      evidence = local === false ? t('arrived {0} over UDP', times) : t('was sent {0} over UDP', times) + (target ? t(' to {0}', target) : '');
    } else if (reliable) {
      const sent = frameOf(analysis, request).time;
      const end = lastTime(analysis);
      if (!sent || end === undefined || end - sent.ms < TIMER_B_MS) continue;
      const waited = formatNumber(Math.round((end - sent.ms) / 1000));
      evidence =
        local === false
          ? t('arrived over {0} and {1} s passed (Timer B is 32 s)', transport.toUpperCase(), waited)
          : t('was sent over {0} and {1} s passed (Timer B is 32 s)', transport.toUpperCase(), waited);
    } else {
      continue;
    }
    const message =
      local === false
        ? t("The {0} {1} and this side never answered, not even with 100 Trying — check that this host's SIP service listens on that address, port and transport, and what it did with the request.", method, evidence)
        : reliable
          ? // Over a connection the bytes were taken: something holds the connection but does not answer.
            t('The {0} {1} and nothing came back over the connection, not even 100 Trying — the far end does not answer: check its SIP service, and that this address, port and transport are the ones it serves.', method, evidence)
          : t('The {0} {1} and nothing came back, not even 100 Trying — the far end is unreachable: check its address, port and transport, and any firewall on the path.', method, evidence);
    findings.push(withFacts(makeFinding('no-response', request, message, local === false ? 'local' : 'network', copies), { overConnection: local !== false && reliable }));
  }
  return findings;
}
