// no-response: a request that got nothing back at all — not even 100 Trying. Over UDP the
// evidence is its retransmissions; over TCP/TLS (no retransmissions) it is Timer B (32 s)
// passing while the trace runs on. Distinct from "100 Trying and then nothing".
import { formatNumber, t } from '../l10n';
import type { TraceAnalysis } from '../types';
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
