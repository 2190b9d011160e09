// private-media-address: SDP c= or Contact holds a private address while the sending side is
// seen at a public one — by the trace's own addresses, a Via `received=`, or the message's own
// Via sent-by and From/Contact hosts. NAT: media or in-dialog requests may not reach that host.
import { parseNameAddr } from '../message';
import { classifyAddress } from './addresses';
import { type CallContext, contactHost, makeFinding, parseVia, sentByCaller, sentLocally, sipOf, viaEntries } from './context';
import { parseSdp } from './sdp';
import type { Finding } from './types';

function hostOf(uri: string): string | undefined {
  const match = /^(?:sips?:)?(?:[^@;>]*@)?(\[[^\]]+\]|[^:;>?]+)/i.exec(uri.trim());
  return match ? match[1].replace(/^\[|\]$/g, '') : undefined;
}

interface Evidence {
  address: string;
  how: string;
}

/** `Contact:` (or `m:`) header lines with a literal address, read from the raw text without parsing headers. */
const CONTACT_ADDRESS = /\n\s*(?:contact|m)\s*:[^\n]*?sips?:(?:[^@\s;>]*@)?(\[[0-9a-f:.]+\]|[0-9a-f:.]+)/gi;

/** Does any message of the call advertise a private address? Most calls do not: then nothing else is read. */
function hasCandidate(analysis: CallContext['analysis'], messages: readonly number[]): boolean {
  for (const index of messages) {
    const message = analysis.messages[index];
    if (message.retransmission) continue;
    CONTACT_ADDRESS.lastIndex = 0;
    for (let m = CONTACT_ADDRESS.exec(message.frame.text); m; m = CONTACT_ADDRESS.exec(message.frame.text)) {
      if (classifyAddress(m[1]) === 'private') return true;
    }
    const sip = sipOf(analysis, index);
    if (!sip.hasSdp || !/c=IN IP[46] (10|172|192|100|169|f[cde])/i.test(sip.body)) continue;
    const sdp = parseSdp(sip.body);
    if (sdp?.media.some((m) => m.port !== 0 && m.address !== undefined && classifyAddress(m.address) === 'private')) return true;
  }
  return false;
}

export function privateAddressFindings({ analysis, call }: CallContext): Finding[] {
  if (!hasCandidate(analysis, call.messages)) return [];
  // Public addresses each side is seen at, and where that is seen.
  const seen: [Evidence | undefined, Evidence | undefined] = [undefined, undefined];
  const note = (byCaller: boolean, address: string | undefined, how: string): void => {
    const slot = byCaller ? 0 : 1;
    if (!seen[slot] && address && classifyAddress(address) === 'public') seen[slot] = { address, how };
  };
  for (const index of call.messages) {
    const message = analysis.messages[index];
    if (message.retransmission) continue;
    const sip = sipOf(analysis, index);
    const byCaller = sentByCaller(analysis, call, index);
    note(byCaller, message.frame.src?.host, 'the address it sends from');
    const vias = viaEntries(sip).map(parseVia);
    const top = vias[0];
    if (sip.kind === 'response') {
      // The requester's Via, with the address the answering side saw it at.
      note(!byCaller, top?.received, 'Via received=');
      note(byCaller, contactHost(sip), 'its Contact');
    } else {
      note(byCaller, top?.host, 'its Via sent-by');
      for (const via of vias.slice(1)) if (via?.received) note(byCaller, via.received, 'Via received=');
      note(byCaller, sip.from ? hostOf(sip.from.uri) : undefined, 'its From');
      note(byCaller, contactHost(sip), 'its Contact');
    }
  }

  const findings: Finding[] = [];
  const reported = [false, false];
  for (const index of call.messages) {
    if (analysis.messages[index].retransmission) continue;
    const byCaller = sentByCaller(analysis, call, index);
    const slot = byCaller ? 0 : 1;
    const evidence = seen[slot];
    if (reported[slot] || !evidence) continue;
    const sip = sipOf(analysis, index);
    const inside: string[] = [];
    if (sip.hasSdp) {
      const sdp = parseSdp(sip.body);
      const addresses = new Set((sdp?.media ?? []).filter((m) => m.port !== 0).map((m) => m.address));
      for (const address of addresses) if (address && classifyAddress(address) === 'private') inside.push(`SDP c= ${address}`);
    }
    const contact = sip.headers.find((h) => h.name === 'contact');
    const contactAddress = contact ? hostOf(parseNameAddr(contact.value).uri) : undefined;
    if (contactAddress && classifyAddress(contactAddress) === 'private') inside.push(`Contact ${contactAddress}`);
    if (inside.length === 0) continue;
    reported[slot] = true;
    const side = byCaller ? 'caller' : 'callee';
    const here = sentLocally(analysis, call, index);
    const media = inside.some((s) => s.startsWith('SDP'));
    const reach = media && inside.length > 1 ? 'media and in-dialog requests' : media ? 'media' : 'in-dialog requests (ACK, BYE, re-INVITE)';
    const message =
      `The ${side} advertises a private address (${inside.join(', ')}) but is seen at public ${evidence.address} (${evidence.how}): ` +
      `it is behind NAT and ${reach} may not reach it. Check NAT handling on ${here ? 'this' : 'the far'} side — SIP ALG, STUN/ICE, external address settings, or media anchoring at the SBC.`;
    findings.push(makeFinding('private-media-address', index, message, here ? 'local' : 'remote'));
  }
  return findings;
}
