// private-media-address: SDP c= or Contact holds a private address while the sending side is
// seen at a public one — by the trace's own addresses, a Via `received=`, or the message's own
// Via sent-by and From/Contact hosts. NAT: media or in-dialog requests may not reach that host.
//
// Every message of every call is looked at, so this reads the raw text and the fields the parser
// already holds, and never asks for the full header list.
import { t } from '../l10n';
import type { SipMessage, TraceAnalysis } from '../types';
import { classifyAddress } from './addresses';
import { type CallContext, frameOf, hostOfUri, isCopy, makeFinding, sentLocally, sipOf } from './context';
import { activeMediaAddresses } from './sdp';
import { type Finding, withFacts } from './types';

/** The address in the first `Contact:` (or `m:`) header of a raw message, when it is a literal. */
const CONTACT_ADDRESS = /\n[ \t]*(?:contact|m)[ \t]*:[^\n]*?sips?:(?:[^@\s;>]*@)?(\[[0-9a-f:.]+\]|[0-9a-f:.]+)/i;
/** The first `received=` parameter: in a response, the one of the top Via. */
const RECEIVED = /;\s*received\s*=\s*\[?([0-9a-f:.]+)\]?/i;

function contactAddress(text: string): string | undefined {
  const match = CONTACT_ADDRESS.exec(text);
  return match ? literalAddress(match[1]) : undefined;
}

function literalAddress(address: string): string {
  if (address.startsWith('[')) return address.slice(1, address.indexOf(']') === -1 ? undefined : address.indexOf(']'));
  // `10.0.0.1:5060`: one colon is a port after an IPv4 address.
  const colon = address.indexOf(':');
  return colon !== -1 && address.indexOf(':', colon + 1) === -1 ? address.slice(0, colon) : address;
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

/**
 * What the detector reads of a call's messages, each at most once: who sent a message (as
 * sentByCaller says, with the caller's From read once), and its Contact address.
 */
class CallReader {
  private readonly callerTag: string | undefined;
  private readonly callerUri: string | undefined;
  private readonly contacts = new Map<number, string | undefined>();
  private lastUri: string | undefined;
  private lastHost: string | undefined;

  constructor(
    readonly analysis: TraceAnalysis,
    readonly call: CallContext['call'],
  ) {
    const from = sipOf(analysis, call.firstInvite).from;
    this.callerTag = from?.tag;
    this.callerUri = from?.uri;
  }

  byCaller(index: number): boolean {
    const sip = sipOf(this.analysis, index);
    const fromCaller = this.callerTag !== undefined ? sip.from?.tag === this.callerTag : sip.from?.uri === this.callerUri;
    return sip.kind === 'request' ? fromCaller : !fromCaller;
  }

  /** Host of a From URI: a side's requests carry the same one, read once. */
  hostOf(uri: string): string | undefined {
    if (uri !== this.lastUri) {
      this.lastUri = uri;
      this.lastHost = hostOfUri(uri);
    }
    return this.lastHost;
  }

  contact(index: number): string | undefined {
    if (this.contacts.has(index)) return this.contacts.get(index);
    const contact = contactAddress(frameOf(this.analysis, index).text);
    this.contacts.set(index, contact);
    return contact;
  }
}

/**
 * Does a message advertise a private address (SDP c= of a stream in use, or Contact)? Asked of
 * every message until each side shows one; the Contact is read first, as the evidence needs it too.
 */
function advertisesPrivate(reader: CallReader, index: number): boolean {
  const contact = setsTarget(reader.analysis, index) ? reader.contact(index) : undefined;
  if (contact && classifyAddress(contact) === 'private') return true;
  const sip = sipOf(reader.analysis, index);
  // Cheap test first: only bodies with a c= line at a private address are read for their streams.
  if (!sip.hasSdp) return false;
  const body = sip.body;
  if (!privateConnection(body)) return false;
  for (const address of activeMediaAddresses(body)) if (address && classifyAddress(address) === 'private') return true;
  return false;
}

/** What a message advertises at a private address: `SDP c= 10.0.0.5`, `Contact 10.0.0.5`. */
function privateAdvertised(reader: CallReader, index: number): string[] {
  const inside: string[] = [];
  const sip = sipOf(reader.analysis, index);
  if (sip.hasSdp && privateConnection(sip.body)) {
    for (const address of new Set(activeMediaAddresses(sip.body))) if (address && classifyAddress(address) === 'private') inside.push(`SDP c= ${address}`);
  }
  const contact = setsTarget(reader.analysis, index) ? reader.contact(index) : undefined;
  if (contact && classifyAddress(contact) === 'private') inside.push(`Contact ${contact}`);
  return inside;
}

interface Evidence {
  address: string;
  how: string;
}

function isPublic(address: string | undefined): address is string {
  return address !== undefined && classifyAddress(address) === 'public';
}

/**
 * Public addresses the caller's and the callee's sides are seen at, and where that is seen:
 * for each side asked for (`wanted`), the first message of the call that shows one.
 */
function publicEvidence(reader: CallReader, wanted: readonly [boolean, boolean]): [Evidence | undefined, Evidence | undefined] {
  const { analysis, call } = reader;
  const found: [Evidence | undefined, Evidence | undefined] = [undefined, undefined];
  const open = [wanted[0], wanted[1]];
  for (const index of call.messages) {
    if (!open[0] && !open[1]) break;
    if (isCopy(analysis, index)) continue;
    const frame = frameOf(analysis, index);
    const sip = sipOf(analysis, index);
    // The side that sent the message, and the other.
    const sender = reader.byCaller(index) ? 0 : 1;
    const other = 1 - sender;
    if (open[sender]) {
      const evidence = senderEvidence(reader, index, frame.src?.host, sip);
      if (evidence) {
        found[sender] = evidence;
        open[sender] = false;
      }
    }
    if (open[other] && sip.kind === 'response') {
      // The answering side writes where it saw the requester into the requester's Via.
      // `eceived` first: a plain search rules out most texts before the regular expression runs.
      const received = frame.text.indexOf('eceived') !== -1 ? RECEIVED.exec(frame.text)?.[1] : undefined;
      if (isPublic(received)) {
        found[other] = { address: received, how: 'Via received=' };
        open[other] = false;
      }
    }
  }
  return found;
}

/** A public address a message shows of its own sender: where it is sent from, its Via, From or Contact. */
function senderEvidence(reader: CallReader, index: number, source: string | undefined, sip: SipMessage): Evidence | undefined {
  if (isPublic(source)) return { address: source, how: t('the address it sends from') };
  if (sip.kind === 'response') {
    if (!setsTarget(reader.analysis, index)) return undefined;
    const contact = reader.contact(index);
    return isPublic(contact) ? { address: contact, how: t('its Contact') } : undefined;
  }
  if (isPublic(sip.viaHost)) return { address: sip.viaHost, how: t('its Via sent-by') };
  const from = sip.from ? reader.hostOf(sip.from.uri) : undefined;
  if (isPublic(from)) return { address: from, how: t('its From') };
  const contact = setsTarget(reader.analysis, index) ? reader.contact(index) : undefined;
  if (isPublic(contact)) return { address: contact, how: t('its Contact') };
  return undefined;
}

export function privateAddressFindings({ analysis, call }: CallContext): Finding[] {
  const reader = new CallReader(analysis, call);
  // One finding per side: the first message that advertises a private address, if the side is
  // seen at a public address somewhere in the call.
  const first: [number | undefined, number | undefined] = [undefined, undefined];
  for (const index of call.messages) {
    if (first[0] !== undefined && first[1] !== undefined) break;
    if (isCopy(analysis, index)) continue;
    const slot = reader.byCaller(index) ? 0 : 1;
    if (first[slot] === undefined && advertisesPrivate(reader, index)) first[slot] = index;
  }
  if (first[0] === undefined && first[1] === undefined) return [];
  const evidence = publicEvidence(reader, [first[0] !== undefined, first[1] !== undefined]);
  const findings: Finding[] = [];
  // In the order the sides' messages came.
  const slots = first[1] !== undefined && (first[0] === undefined || first[1] < first[0]) ? [1, 0] : [0, 1];
  for (const slot of slots) {
    const index = first[slot];
    const seenAt = evidence[slot];
    if (index === undefined || !seenAt) continue;
    findings.push(finding(analysis, call, index, slot === 0, privateAdvertised(reader, index), seenAt));
  }
  return findings;
}

function finding(analysis: TraceAnalysis, call: CallContext['call'], index: number, byCaller: boolean, inside: string[], evidence: Evidence): Finding {
  const here = sentLocally(analysis, call, index);
  const media = inside.some((s) => s.startsWith('SDP'));
  const reach = media && inside.length > 1 ? t('media and in-dialog requests') : media ? t('media') : t('in-dialog requests (ACK, BYE, re-INVITE)');
  const seen = byCaller
    ? t('The caller advertises a private address ({0}) but is seen at public {1} ({2}): it is behind NAT and {3} may not reach it.', inside.join(', '), evidence.address, evidence.how, reach)
    : t('The callee advertises a private address ({0}) but is seen at public {1} ({2}): it is behind NAT and {3} may not reach it.', inside.join(', '), evidence.address, evidence.how, reach);
  const check = here
    ? t(' Check NAT handling on this side — SIP ALG, STUN/ICE, external address settings, or media anchoring at the SBC.')
    : t(' Check NAT handling on the far side — SIP ALG, STUN/ICE, external address settings, or media anchoring at the SBC.');
  return withFacts(makeFinding('private-media-address', index, seen + check, here ? 'local' : 'remote'), { side: byCaller ? 'caller' : 'callee' });
}
