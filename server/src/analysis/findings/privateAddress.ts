// private-media-address: SDP c= or Contact holds a private address while the sending side is
// seen at a public one — by the trace's own addresses, a Via `received=`, or the message's own
// Via sent-by and From/Contact hosts. NAT: media or in-dialog requests may not reach that host.
//
// Every message of every call is looked at, so this reads the raw text and the fields the parser
// already holds, and never asks for the full header list.
import { t } from '../l10n';
import type { TraceAnalysis } from '../types';
import { classifyAddress } from './addresses';
import { type CallContext, frameOf, hostOfUri, isCopy, makeFinding, sentByCaller, sentLocally, sipOf } from './context';
import { parseSdp } from './sdp';
import { type Finding, withFacts } from './types';

/** The address in the first `Contact:` (or `m:`) header of a raw message, when it is a literal. */
const CONTACT_ADDRESS = /\n[ \t]*(?:contact|m)[ \t]*:[^\n]*?sips?:(?:[^@\s;>]*@)?(\[[0-9a-f:.]+\]|[0-9a-f:.]+)/i;
/** The first `received=` parameter: in a response, the one of the top Via. */
const RECEIVED = /;\s*received\s*=\s*\[?([0-9a-f:.]+)\]?/i;

function contactAddress(text: string): string | undefined {
  const match = CONTACT_ADDRESS.exec(text);
  if (!match) return undefined;
  const address = match[1];
  if (address.startsWith('[')) return address.slice(1, address.indexOf(']') === -1 ? undefined : address.indexOf(']'));
  // `10.0.0.1:5060`: one colon is a port after an IPv4 address.
  return address.split(':').length === 2 ? address.slice(0, address.indexOf(':')) : address;
}

/**
 * Messages whose Contact the other side will send to: INVITE and UPDATE requests and their 1xx/2xx
 * answers (they set or refresh the dialog's remote target). Other Contacts are not looked at.
 */
function setsTarget(analysis: TraceAnalysis, index: number): boolean {
  const sip = sipOf(analysis, index);
  const method = sip.kind === 'request' ? sip.method : sip.cseq?.method;
  if (method !== 'INVITE' && method !== 'UPDATE') return false;
  return sip.kind === 'request' || ((sip.status ?? 0) > 100 && (sip.status ?? 0) < 300);
}

const CONNECTION = /^c=IN IP[46] ([^\s/]+)/gm;

function privateConnection(body: string): boolean {
  CONNECTION.lastIndex = 0;
  for (let m = CONNECTION.exec(body); m; m = CONNECTION.exec(body)) if (classifyAddress(m[1]) === 'private') return true;
  return false;
}

/** What a message advertises at a private address: `SDP c= 10.0.0.5`, `Contact 10.0.0.5`. */
function privateAdvertised(analysis: TraceAnalysis, index: number): string[] {
  const inside: string[] = [];
  const sip = sipOf(analysis, index);
  // Cheap test first: only bodies with a c= line at a private address are parsed (for the ports).
  if (sip.hasSdp && privateConnection(sip.body)) {
    const addresses = new Set((parseSdp(sip.body)?.media ?? []).filter((m) => m.port !== 0).map((m) => m.address));
    for (const address of addresses) if (address && classifyAddress(address) === 'private') inside.push(`SDP c= ${address}`);
  }
  const contact = setsTarget(analysis, index) ? contactAddress(frameOf(analysis, index).text) : undefined;
  if (contact && classifyAddress(contact) === 'private') inside.push(`Contact ${contact}`);
  return inside;
}

interface Evidence {
  address: string;
  how: string;
}

/** A public address the sender of `byCaller`'s messages is seen at, and where that is seen. */
function publicEvidence(analysis: TraceAnalysis, call: CallContext['call'], byCaller: boolean): Evidence | undefined {
  const isPublic = (address: string | undefined): address is string => address !== undefined && classifyAddress(address) === 'public';
  for (const index of call.messages) {
    const frame = frameOf(analysis, index);
    if (isCopy(analysis, index)) continue;
    const sip = sipOf(analysis, index);
    const fromSide = sentByCaller(analysis, call, index) === byCaller;
    if (fromSide && isPublic(frame.src?.host)) return { address: frame.src.host, how: t('the address it sends from') };
    if (sip.kind === 'response') {
      // The answering side writes where it saw the requester into the requester's Via.
      // `eceived` first: a plain search rules out most texts before the regular expression runs.
      const received = !fromSide && frame.text.indexOf('eceived') !== -1 ? RECEIVED.exec(frame.text)?.[1] : undefined;
      if (isPublic(received)) return { address: received, how: 'Via received=' };
      if (fromSide && setsTarget(analysis, index)) {
        const contact = contactAddress(frame.text);
        if (isPublic(contact)) return { address: contact, how: t('its Contact') };
      }
      continue;
    }
    if (!fromSide) continue;
    if (isPublic(sip.viaHost)) return { address: sip.viaHost, how: t('its Via sent-by') };
    const from = sip.from ? hostOfUri(sip.from.uri) : undefined;
    if (isPublic(from)) return { address: from, how: t('its From') };
    const contact = setsTarget(analysis, index) ? contactAddress(frame.text) : undefined;
    if (isPublic(contact)) return { address: contact, how: t('its Contact') };
  }
  return undefined;
}

export function privateAddressFindings({ analysis, call }: CallContext): Finding[] {
  const findings: Finding[] = [];
  const done = [false, false];
  for (const index of call.messages) {
    if (done[0] && done[1]) break;
    if (isCopy(analysis, index)) continue;
    const byCaller = sentByCaller(analysis, call, index);
    const slot = byCaller ? 0 : 1;
    if (done[slot]) continue;
    const inside = privateAdvertised(analysis, index);
    if (inside.length === 0) continue;
    // One finding per side: the first message that shows it, if the side is seen at a public address.
    done[slot] = true;
    const evidence = publicEvidence(analysis, call, byCaller);
    if (!evidence) continue;

    const here = sentLocally(analysis, call, index);
    const media = inside.some((s) => s.startsWith('SDP'));
    const reach = media && inside.length > 1 ? t('media and in-dialog requests') : media ? t('media') : t('in-dialog requests (ACK, BYE, re-INVITE)');
    const seen = byCaller
      ? t('The caller advertises a private address ({0}) but is seen at public {1} ({2}): it is behind NAT and {3} may not reach it.', inside.join(', '), evidence.address, evidence.how, reach)
      : t('The callee advertises a private address ({0}) but is seen at public {1} ({2}): it is behind NAT and {3} may not reach it.', inside.join(', '), evidence.address, evidence.how, reach);
    const check = here
      ? t(' Check NAT handling on this side — SIP ALG, STUN/ICE, external address settings, or media anchoring at the SBC.')
      : t(' Check NAT handling on the far side — SIP ALG, STUN/ICE, external address settings, or media anchoring at the SBC.');
    findings.push(withFacts(makeFinding('private-media-address', index, seen + check, here ? 'local' : 'remote'), { side: byCaller ? 'caller' : 'callee' }));
  }
  return findings;
}
