// SDP lines (RFC 4566, RFC 3264) explained in plain words, for hovers on a message body.
import { classifyAddress } from './findings/addresses';
import { CODEC_WORDS } from './findings/sdp';
import { mdCode } from './report';

const STATIC_NAMES: Readonly<Record<string, string>> = {
  '0': 'PCMU', '3': 'GSM', '4': 'G723', '8': 'PCMA', '9': 'G722', '13': 'CN', '18': 'G729', '34': 'H263',
};

const DIRECTION_WORDS: Readonly<Record<string, string>> = {
  sendrecv: 'media flows both ways (the default).',
  sendonly:
    'this side will only send media and expects none back. In a re-INVITE or UPDATE it usually means the sender puts the call on hold (it may play music on hold).',
  recvonly: 'this side will only receive media. The usual answer to a `sendonly` offer: the other side is on hold.',
  inactive: 'no media either way: both directions are paused, typically a hold where neither side sends anything.',
};

function codecWords(name: string): string {
  const words = CODEC_WORDS[name.toLowerCase()];
  return words ? ` — ${words}` : '';
}

function addressWords(address: string): string {
  if (address === '0.0.0.0') return '`0.0.0.0` is the old (RFC 2543) way to put a call on hold: "send no media to me".';
  switch (classifyAddress(address)) {
    case 'private':
      return 'a private address (RFC 1918, 100.64/10, link-local or unique-local): reachable only inside that network — behind NAT the other side may not reach it.';
    case 'public':
      return 'a public address.';
    case 'neither':
      return 'a loopback, unspecified or multicast address.';
    default:
      return 'a host name.';
  }
}

/** Markdown explaining one SDP line (`c=IN IP4 10.0.0.5`, `a=rtpmap:0 PCMU/8000`, …), or undefined. */
export function describeSdpLine(line: string): string | undefined {
  const text = line.trim();
  if (text.length < 2 || text[1] !== '=') return undefined;
  const value = text.slice(2).trim();
  switch (text[0]) {
    case 'v':
      return '**v=** SDP version (always 0).';
    case 'o': {
      const parts = value.split(/\s+/);
      return `**o=** origin: user ${mdCode(parts[0] ?? '')}, session id and version ${mdCode(`${parts[1] ?? ''} ${parts[2] ?? ''}`)} (the version goes up each time this side changes its offer), address ${mdCode(parts[5] ?? '')}.`;
    }
    case 's':
      return '**s=** session name (free text, often `-`).';
    case 't':
      return '**t=** start and stop time; `0 0` means a permanent session.';
    case 'b':
      return `**b=** bandwidth: ${mdCode(value)} (kbit/s; AS = application-specific, TIAS = transport-independent).`;
    case 'c': {
      const address = value.split(/\s+/)[2]?.split('/')[0] ?? '';
      return `**c=** connection address: where this side wants to receive media — ${mdCode(address)} is ${addressWords(address)}`;
    }
    case 'm': {
      const [media = '', port = '', protocol = '', ...formats] = value.split(/\s+/);
      const rejected = port === '0' ? ' Port 0: this stream is **rejected or disabled**.' : '';
      const secure = /SAVP/i.test(protocol) ? ' The profile asks for SRTP (encrypted media); a peer that only does RTP/AVP rejects it.' : '';
      const names = formats.map((pt) => STATIC_NAMES[pt] ? `${pt} (${STATIC_NAMES[pt]})` : pt).join(', ');
      return `**m=** a ${mdCode(media)} stream on port ${mdCode(port)} over ${mdCode(protocol)}, payload types in order of preference: ${mdCode(names)}.${rejected}${secure}`;
    }
    case 'a': {
      const rtpmap = /^rtpmap:(\d+)\s+([^/\s]+)\/(\d+)/i.exec(value);
      if (rtpmap) return `**a=rtpmap** payload type ${rtpmap[1]} is ${mdCode(rtpmap[2])} at ${rtpmap[3]} Hz${codecWords(rtpmap[2])}.`;
      const fmtp = /^fmtp:(\d+)\s+(.*)$/i.exec(value);
      if (fmtp) return `**a=fmtp** parameters of payload type ${fmtp[1]}: ${mdCode(fmtp[2])}${/^0-1[56]$/.test(fmtp[2].trim()) ? ' (DTMF digits 0–9, *, #, A–D and flash)' : ''}.`;
      const direction = DIRECTION_WORDS[value.toLowerCase()];
      if (direction) return `**a=${value.toLowerCase()}** ${direction}`;
      if (/^ptime:/i.test(value)) return `**a=ptime** milliseconds of media per packet: ${mdCode(value.slice(6))}.`;
      if (/^crypto:/i.test(value)) return '**a=crypto** SDES key for SRTP (RFC 4568): media is encrypted.';
      if (/^rtcp-mux$/i.test(value)) return '**a=rtcp-mux** RTP and RTCP share one port.';
      if (/^(candidate|ice-ufrag|ice-pwd)/i.test(value)) return '**a=ICE** attribute (RFC 8445): candidates and credentials for NAT traversal.';
      return undefined;
    }
    default:
      return undefined;
  }
}
