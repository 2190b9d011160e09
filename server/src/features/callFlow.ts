// `sipLens/callFlow`: the messages of one Call-ID as a ladder diagram.
//
// Lanes come from what the trace records, best first: the addresses of each message where the
// format gives them (one lane per host:port), otherwise local/remote from the direction, otherwise
// caller/callee from the From-tag (a request with the first INVITE's From-tag comes from the caller).
import type { CallFlow, CallFlowArrow, CallFlowParty } from '../protocol';
import type { Endpoint, TraceAnalysis, TraceMessage } from '../analysis/types';
import { messagesWithCallId } from './lookup';
import { t } from '../analysis/l10n';

/** `host:port` of an endpoint, IPv6 hosts bracketed: one ladder lane per such id. */
export function endpointId(endpoint: Endpoint): string {
  const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
  return endpoint.port !== undefined ? `${host}:${endpoint.port}` : host;
}

/** What an arrow says: `486 Busy Here`, `INVITE`, or the start line of a malformed message. */
function labelOf(message: TraceMessage): string {
  const sip = message.sip;
  if (sip.kind === 'response') return `${sip.status ?? '?'} ${sip.reason ?? ''}`.trim();
  if (sip.kind === 'request') return sip.method ?? 'request';
  return sip.startLineText.trim() || 'malformed';
}

/** The first INVITE of the Call-ID (a call's, or any INVITE for fragments), else the first message. */
function anchorOf(analysis: TraceAnalysis, indexes: readonly number[]): TraceMessage {
  const callIndex = analysis.callOf[indexes[0]] ?? -1;
  if (callIndex >= 0) return analysis.messages[analysis.calls[callIndex].firstInvite];
  const invite = indexes.find((i) => analysis.messages[i].sip.method === 'INVITE');
  return analysis.messages[invite ?? indexes[0]];
}

type Ends = { from: string; to: string };

// Only called when every message records both addresses (checked by the caller).
function byAddress(
  messages: readonly TraceMessage[],
  anchor: TraceMessage,
  localAddresses: readonly string[],
): { ends: Ends[]; local: Set<string> } {
  const local = new Set<string>();
  for (const m of messages) {
    if (m.frame.direction === 'sent') local.add(endpointId(m.frame.src!));
    if (m.frame.direction === 'received') local.add(endpointId(m.frame.dst!));
  }
  if (local.size === 0 && localAddresses.length > 0) {
    for (const m of messages) {
      for (const endpoint of [m.frame.src!, m.frame.dst!]) {
        if (localAddresses.includes(endpoint.host)) local.add(endpointId(endpoint));
      }
    }
  }
  // Nothing recorded and nothing configured: the caller is the local side.
  if (local.size === 0 && anchor.frame.src) local.add(endpointId(anchor.frame.src));
  return { ends: messages.map((m) => ({ from: endpointId(m.frame.src!), to: endpointId(m.frame.dst!) })), local };
}

function byTag(messages: readonly TraceMessage[], anchor: TraceMessage): Ends[] {
  const callerTag = anchor.sip.from?.tag;
  return messages.map((m) => {
    const fromCaller = callerTag === undefined || m.sip.from?.tag === callerTag;
    // A request with the caller's From-tag goes caller → callee; its responses come back.
    const callerSends = m.sip.kind === 'response' ? !fromCaller : fromCaller;
    return callerSends ? { from: 'caller', to: 'callee' } : { from: 'callee', to: 'caller' };
  });
}

export function computeCallFlow(analysis: TraceAnalysis, callId: string, localAddresses: readonly string[] = []): CallFlow | null {
  const indexes = messagesWithCallId(analysis, callId);
  if (indexes.length === 0) return null;
  const messages = indexes.map((i) => analysis.messages[i]);
  const anchor = anchorOf(analysis, indexes);

  let ends: Ends[];
  let isLocal: (id: string) => boolean;
  const labels = new Map<string, string>();
  if (messages.every((m) => m.frame.src && m.frame.dst)) {
    const lanes = byAddress(messages, anchor, localAddresses);
    ends = lanes.ends;
    isLocal = (id) => lanes.local.has(id);
  } else if (messages.every((m) => m.frame.direction !== 'unknown')) {
    ends = messages.map((m) => (m.frame.direction === 'sent' ? { from: 'local', to: 'remote' } : { from: 'remote', to: 'local' }));
    isLocal = (id) => id === 'local';
    const peer = messages.find((m) => m.frame.direction === 'sent' ? m.frame.dst : m.frame.src);
    const peerEndpoint = peer ? (peer.frame.direction === 'sent' ? peer.frame.dst : peer.frame.src) : undefined;
    labels.set('local', t('local'));
    labels.set('remote', peerEndpoint ? t('remote ({0})', endpointId(peerEndpoint)) : t('remote'));
  } else {
    ends = byTag(messages, anchor);
    isLocal = (id) => id === 'caller';
    const from = anchor.sip.from?.user;
    const to = anchor.sip.to?.user;
    labels.set('caller', from ? t('caller ({0})', from) : t('caller'));
    labels.set('callee', to ? t('callee ({0})', to) : t('callee'));
  }

  // Lanes in order of first appearance, the sender of the first message leftmost.
  const parties: CallFlowParty[] = [];
  const seen = new Set<string>();
  const addParty = (id: string): void => {
    if (seen.has(id)) return;
    seen.add(id);
    parties.push({ id, label: labels.get(id) ?? id, local: isLocal(id) });
  };
  for (const end of ends) {
    addParty(end.from);
    addParty(end.to);
  }

  // Findings of the call (or the Call-ID's transactions), by the message they point at.
  const pointed = new Map<number, CallFlowArrow['findings']>();
  const callIndex = analysis.callOf[indexes[0]] ?? -1;
  const owners = callIndex >= 0 ? [analysis.calls[callIndex].findings] : indexes.map((i) => analysis.transactions[analysis.transactionOf[i]]?.findings ?? []);
  for (const finding of new Set(owners.flat())) {
    const list = pointed.get(finding.at) ?? [];
    list.push({ code: finding.code, severity: finding.severity, message: finding.message });
    pointed.set(finding.at, list);
  }

  const start = messages.find((m) => m.frame.time)?.frame.time?.ms;
  const arrows = messages.map((m, i) => arrowOf(m, ends[i], start, pointed.get(m.index) ?? []));
  return { callId, parties, arrows };
}

/** One message as a ladder arrow between two lanes; times relative to `start` where known. */
export function arrowOf(
  m: TraceMessage,
  end: { from: string; to: string },
  start: number | undefined,
  findings: CallFlowArrow['findings'],
): CallFlowArrow {
  return {
    from: end.from,
    to: end.to,
    label: labelOf(m),
    kind: m.sip.kind === 'response' ? 'response' : 'request',
    status: m.sip.kind === 'response' ? (m.sip.status ?? null) : null,
    relativeMs: start !== undefined && m.frame.time ? Math.round(m.frame.time.ms - start) : null,
    line: m.frame.startLine,
    ...(m.frame.frame !== undefined ? { frame: m.frame.frame } : {}),
    retransmission: m.retransmission,
    hasSdp: m.sip.hasSdp,
    findings,
  };
}
