// private-media-address: SDP c= or Contact holds a private address while the sending side is
// seen at a public one — by the trace's own addresses, a Via `received=`, or the message's own
// Via sent-by and From/Contact hosts. NAT: media or in-dialog requests may not reach that host.
//
// Every message of every call is looked at, so this reads the raw text and the fields the parser
// already holds, and never asks for the full header list; SDP c= lines and Via received= are read
// in place, and a received= address becomes a string only when it is the evidence.
import { t } from '../l10n';
import type { SipMessage, TraceAnalysis } from '../types';
import { classifyAddress, classifySpan } from './addresses';
import { type CallContext, frameOf, hostOfUri, isCopy, makeFinding, sentLocally, sipOf } from './context';
import { activeMediaAddresses } from './sdp';
import { type Finding, withFacts } from './types';

/** The address in the first `Contact:` (or `m:`) header of a raw message, when it is a literal. */
const CONTACT_ADDRESS = /\n[ \t]*(?:contact|m)[ \t]*:[^\n]*?sips?:(?:[^@\s;>]*@)?(\[[0-9a-f:.]+\]|[0-9a-f:.]+)/i;

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
function setsTarget(sip: SipMessage): boolean {
  const method = sip.kind === 'request' ? sip.method : sip.cseq?.method;
  if (method !== 'INVITE' && method !== 'UPDATE') return false;
  return sip.kind === 'request' || ((sip.status ?? 0) > 100 && (sip.status ?? 0) < 300);
}

/** White space and line terminators as `\s` reads them in a regular expression. */
function isSpace(code: number): boolean {
  return (
    code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

/** Where `^` matches in a multi-line regular expression: after these. */
function isLineTerminator(code: number): boolean {
  return code === 10 || code === 13 || code === 0x2028 || code === 0x2029;
}

/** `[0-9a-f:.]` without case: what an address literal is made of. */
function isAddressChar(code: number): boolean {
  return (code >= 48 && code <= 58) /* 0-9 : */ || code === 46 || ((code | 0x20) >= 97 && (code | 0x20) <= 102);
}

const CONNECTION = 'c=IN IP';

/**
 * Does a `c=IN IP4 <address>` (or IP6) line at the start of a line of an SDP body give a private
 * address? (`^c=IN IP[46] ([^\s/]+)` in multi-line mode, each match classified.) Read in place:
 * every SDP body of a call is asked, and most give none.
 */
function privateConnection(body: string): boolean {
  for (let at = body.indexOf(CONNECTION); at !== -1; at = body.indexOf(CONNECTION, at + 1)) {
    if (at > 0 && !isLineTerminator(body.charCodeAt(at - 1))) continue;
    const version = body.charCodeAt(at + CONNECTION.length);
    if ((version !== 52 /* 4 */ && version !== 54) /* 6 */ || body.charCodeAt(at + CONNECTION.length + 1) !== 32) continue;
    const start = at + CONNECTION.length + 2;
    let end = start;
    for (let code = body.charCodeAt(end); end < body.length && !isSpace(code) && code !== 47 /* / */; code = body.charCodeAt(++end));
    if (end > start && classifySpan(body, start, end) === 'private') return true;
  }
  return false;
}

const RECEIVED = 'received';

/**
 * Where the address of the first `received=` parameter of a raw message starts (in a response,
 * the top Via's), or -1: the first match of `;\s*received\s*=\s*\[?([0-9a-f:.]+)` without case.
 * Texts without `eceived` are ruled out by one plain search.
 */
function receivedAt(text: string): number {
  if (text.indexOf('eceived') === -1) return -1;
  for (let semicolon = text.indexOf(';'); semicolon !== -1; semicolon = text.indexOf(';', semicolon + 1)) {
    let i = semicolon + 1;
    while (isSpace(text.charCodeAt(i))) i++;
    let k = 0;
    while (k < RECEIVED.length && (text.charCodeAt(i + k) | 0x20) === RECEIVED.charCodeAt(k)) k++;
    if (k < RECEIVED.length) continue;
    i += RECEIVED.length;
    while (isSpace(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) !== 61 /* = */) continue;
    i++;
    while (isSpace(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) === 91 /* [ */ && isAddressChar(text.charCodeAt(i + 1))) return i + 1;
    if (isAddressChar(text.charCodeAt(i))) return i;
  }
  return -1;
}

/** The caller's side (0) and the callee's (1). */
type Side = 0 | 1;

/**
 * What the detector reads of a call's messages: who sent a message (as sentByCaller says, with
 * the caller's From read once), the host of a From URI, and a message's Contact address (kept
 * for the message last asked about: the advertising and the evidence test of one message both
 * read it).
 */
class CallReader {
  private readonly callerTag: string | undefined;
  private readonly callerUri: string | undefined;
  private lastUri: string | undefined;
  private lastHost: string | undefined;
  private contactIndex = -1;
  private lastContact: string | undefined;

  constructor(
    readonly analysis: TraceAnalysis,
    readonly call: CallContext['call'],
  ) {
    const from = sipOf(analysis, call.firstInvite).from;
    this.callerTag = from?.tag;
    this.callerUri = from?.uri;
  }

  senderOf(sip: SipMessage): Side {
    const fromCaller = this.callerTag !== undefined ? sip.from?.tag === this.callerTag : sip.from?.uri === this.callerUri;
    return (sip.kind === 'request' ? fromCaller : !fromCaller) ? 0 : 1;
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
    if (index !== this.contactIndex) {
      this.contactIndex = index;
      this.lastContact = contactAddress(frameOf(this.analysis, index).text);
    }
    return this.lastContact;
  }
}

/** Does a message advertise a private address (SDP c= of a stream in use, or a Contact it sets)? */
function advertisesPrivate(reader: CallReader, index: number, sip: SipMessage, targets: boolean): boolean {
  const contact = targets ? reader.contact(index) : undefined;
  if (contact && classifyAddress(contact) === 'private') return true;
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
  const contact = setsTarget(sip) ? reader.contact(index) : undefined;
  if (contact && classifyAddress(contact) === 'private') inside.push(`Contact ${contact}`);
  return inside;
}

/** Where a side is seen at a public address; the words for `how` are made only for a finding. */
interface Evidence {
  address: string;
  how: 'source' | 'via' | 'from' | 'contact' | 'received';
}

function howWords(how: Evidence['how']): string {
  switch (how) {
    case 'source':
      return t('the address it sends from');
    case 'via':
      return t('its Via sent-by');
    case 'from':
      return t('its From');
    case 'contact':
      return t('its Contact');
    case 'received':
      return 'Via received=';
  }
}

function isPublic(address: string | undefined): address is string {
  return address !== undefined && classifyAddress(address) === 'public';
}

/**
 * A public address that message `index`, sent by `sender`, shows of `side`: of its sender, where
 * it is sent from, its Via, From or Contact; of the other side, a response's Via `received=` (the
 * answering side writes there where it saw the requester).
 */
function evidenceIn(reader: CallReader, index: number, sip: SipMessage, sender: Side, side: Side): Evidence | undefined {
  const analysis = reader.analysis;
  if (side !== sender) {
    if (sip.kind !== 'response') return undefined;
    const text = frameOf(analysis, index).text;
    const start = receivedAt(text);
    if (start === -1) return undefined;
    let end = start;
    while (isAddressChar(text.charCodeAt(end))) end++;
    // The address is made into a string only once it is the evidence.
    return classifySpan(text, start, end) === 'public' ? { address: text.slice(start, end), how: 'received' } : undefined;
  }
  const source = frameOf(analysis, index).src?.host;
  if (isPublic(source)) return { address: source, how: 'source' };
  if (sip.kind === 'response') {
    if (!setsTarget(sip)) return undefined;
    const contact = reader.contact(index);
    return isPublic(contact) ? { address: contact, how: 'contact' } : undefined;
  }
  if (isPublic(sip.viaHost)) return { address: sip.viaHost, how: 'via' };
  const from = sip.from ? reader.hostOf(sip.from.uri) : undefined;
  if (isPublic(from)) return { address: from, how: 'from' };
  const contact = setsTarget(sip) ? reader.contact(index) : undefined;
  if (isPublic(contact)) return { address: contact, how: 'contact' };
  return undefined;
}

/**
 * One finding per side: the first message of the side that advertises a private address, when
 * the side is seen at a public address somewhere in the call (the first message that shows one).
 *
 * The call is walked once. A side's evidence is looked for only once the side has advertised a
 * private address (most sides never do): then in the messages before that one, and from there on
 * along with the walk, which ends when both sides are settled.
 */
export function privateAddressFindings({ analysis, call }: CallContext): Finding[] {
  const reader = new CallReader(analysis, call);
  const messages = call.messages;
  const first: [number | undefined, number | undefined] = [undefined, undefined];
  const evidence: [Evidence | undefined, Evidence | undefined] = [undefined, undefined];
  for (let p = 0; p < messages.length; p++) {
    const index = messages[p];
    if (isCopy(analysis, index)) continue;
    const sip = sipOf(analysis, index);
    const targets = setsTarget(sip);
    // Only a message with SDP or a Contact it sets can advertise anything.
    let sender: Side | undefined;
    if (targets || sip.hasSdp) {
      sender = reader.senderOf(sip);
      if (first[sender] === undefined && advertisesPrivate(reader, index, sip, targets)) {
        first[sender] = index;
        evidence[sender] = evidenceBefore(reader, sender, p);
      }
    }
    for (const side of SIDES) {
      if (first[side] === undefined || evidence[side] !== undefined) continue;
      sender ??= reader.senderOf(sip);
      evidence[side] = evidenceIn(reader, index, sip, sender, side);
    }
    if (first[0] !== undefined && first[1] !== undefined && evidence[0] !== undefined && evidence[1] !== undefined) break;
  }
  if (first[0] === undefined && first[1] === undefined) return [];
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

const SIDES: readonly Side[] = [0, 1];

/** The evidence of a side in the call's messages before position `end`. */
function evidenceBefore(reader: CallReader, side: Side, end: number): Evidence | undefined {
  const { analysis, call } = reader;
  for (let p = 0; p < end; p++) {
    const index = call.messages[p];
    if (isCopy(analysis, index)) continue;
    const sip = sipOf(analysis, index);
    const found = evidenceIn(reader, index, sip, reader.senderOf(sip), side);
    if (found) return found;
  }
  return undefined;
}

function finding(analysis: TraceAnalysis, call: CallContext['call'], index: number, byCaller: boolean, inside: string[], evidence: Evidence): Finding {
  const here = sentLocally(analysis, call, index);
  const media = inside.some((s) => s.startsWith('SDP'));
  const reach = media && inside.length > 1 ? t('media and in-dialog requests') : media ? t('media') : t('in-dialog requests (ACK, BYE, re-INVITE)');
  const seen = byCaller
    ? t('The caller advertises a private address ({0}) but is seen at public {1} ({2}): it is behind NAT and {3} may not reach it.', inside.join(', '), evidence.address, howWords(evidence.how), reach)
    : t('The callee advertises a private address ({0}) but is seen at public {1} ({2}): it is behind NAT and {3} may not reach it.', inside.join(', '), evidence.address, howWords(evidence.how), reach);
  const check = here
    ? t(' Check NAT handling on this side — SIP ALG, STUN/ICE, external address settings, or media anchoring at the SBC.')
    : t(' Check NAT handling on the far side — SIP ALG, STUN/ICE, external address settings, or media anchoring at the SBC.');
  return withFacts(makeFinding('private-media-address', index, seen + check, here ? 'local' : 'remote'), { side: byCaller ? 'caller' : 'callee' });
}
