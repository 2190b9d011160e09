// Explicit links between legs: what a B2BUA writes into the other leg (X-Call-ID, Session-ID,
// P-Charging-Vector) and what an Asterisk full log writes beside each message ([C-xxxxxxxx]).
import type { TraceAnalysis, TraceMessage } from '../types';
import type { LinkKind } from './types';

/**
 * Headers whose value is the Call-ID of the other leg (sngrep's X-Call-ID/X-CID, and kin). Every
 * header read here is in the parser's LINK_HEADERS: only messages with one of those are read.
 */
const REFERENCE_HEADERS: ReadonlyMap<string, LinkKind> = new Map([
  ['x-call-id', 'header:X-Call-ID'],
  ['x-cid', 'header:X-CID'],
  ['x-orig-call-id', 'header:X-Orig-Call-ID'],
]);

/** A call names another leg by its Call-ID. */
export interface Reference {
  by: LinkKind;
  callId: string;
}

/** A value both legs carry. */
export interface SharedKey {
  by: LinkKind;
  value: string;
}

/** Only so many messages of a call are read for keys: the INVITE and its answers carry them. */
const MESSAGES_READ = 12;

const UUID = /^[0-9a-f]{32}$/;
const NULL_UUID = '0'.repeat(32);

/**
 * RFC 7989 Session-ID: `<local-uuid>;remote=<remote-uuid>`. The null UUID stands for "not known
 * yet" (every leg carries it before the far end answers), so it never links anything.
 */
export function sessionUuids(value: string): string[] {
  const parts = value.split(';').map((p) => p.trim().toLowerCase());
  const uuids = [parts[0], ...parts.slice(1).filter((p) => p.startsWith('remote=')).map((p) => p.slice(7).trim())];
  return uuids.filter((u) => UUID.test(u) && u !== NULL_UUID);
}

/** RFC 7315 P-Charging-Vector's icid-value, unquoted. */
export function icidValue(value: string): string | undefined {
  const m = /(?:^|;)\s*icid-value\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(value);
  const icid = (m?.[1] ?? m?.[2])?.trim();
  return icid ? icid : undefined;
}

export interface CallKeys {
  references: Reference[];
  shared: SharedKey[];
}

/** The explicit keys of one call, read from the first messages of its Call-ID. */
export function keysOfCall(analysis: TraceAnalysis, callIndex: number): CallKeys {
  const call = analysis.calls[callIndex];
  const references: Reference[] = [];
  const shared = new Map<string, SharedKey>();
  let read = 0;
  for (const index of call.messages) {
    const message: TraceMessage = analysis.messages[index];
    if (message.retransmission) continue;
    if (read++ >= MESSAGES_READ) break;
    // Only a message the parser saw a link header in is parsed for its headers.
    if (!message.sip.hasLinkHeader) continue;
    for (const header of message.sip.headers) {
      const reference = REFERENCE_HEADERS.get(header.name.toLowerCase());
      if (reference) {
        const callId = header.value.trim();
        if (callId && callId !== call.callId && !references.some((r) => r.callId === callId)) references.push({ by: reference, callId });
      } else if (header.name === 'session-id') {
        for (const uuid of sessionUuids(header.value)) shared.set(`s ${uuid}`, { by: 'header:Session-ID', value: uuid });
      } else if (header.name === 'p-charging-vector') {
        const icid = icidValue(header.value);
        if (icid) shared.set(`p ${icid}`, { by: 'header:P-Charging-Vector', value: icid });
      }
    }
  }
  return { references, shared: [...shared.values()] };
}
