// Link layers: where the IP packet starts in a frame. Ethernet (with 802.1Q / 802.1ad tags,
// stacked too, and MPLS label stacks or PPPoE sessions inside), Linux cooked capture SLL and
// SLL2 (`tcpdump -i any`), raw IP, BSD loopback.
import { u16be, u32be, u32le } from './bytes';
import { DOT1AD, DOT1Q, ETHERNET, LOOPBACK, MPLS, PPPOE, RAW_IP, SLL, SLL2 } from './encapsulation';

export const LINKTYPE_NULL = 0;
export const LINKTYPE_ETHERNET = 1;
export const LINKTYPE_RAW_12 = 12;
export const LINKTYPE_RAW_14 = 14;
export const LINKTYPE_RAW = 101;
export const LINKTYPE_LOOP = 108;
export const LINKTYPE_LINUX_SLL = 113;
export const LINKTYPE_IPV4 = 228;
export const LINKTYPE_IPV6 = 229;
export const LINKTYPE_LINUX_SLL2 = 276;

/** Link types this reader understands. */
export function isKnownLinkType(type: number): boolean {
  switch (type) {
    case LINKTYPE_NULL:
    case LINKTYPE_ETHERNET:
    case LINKTYPE_RAW_12:
    case LINKTYPE_RAW_14:
    case LINKTYPE_RAW:
    case LINKTYPE_LOOP:
    case LINKTYPE_LINUX_SLL:
    case LINKTYPE_IPV4:
    case LINKTYPE_IPV6:
    case LINKTYPE_LINUX_SLL2:
      return true;
    default:
      return false;
  }
}

/** Names of common link types this reader does not understand, for the notice. */
const OTHER_NAMES: Record<number, string> = {
  6: 'Token Ring',
  9: 'PPP',
  10: 'FDDI',
  50: 'PPP over serial',
  104: 'Cisco HDLC',
  105: 'IEEE 802.11',
  107: 'Frame Relay',
  119: 'Prism 802.11',
  127: 'radiotap 802.11',
  147: 'user-defined',
  192: 'PPI',
  195: 'IEEE 802.15.4',
  220: 'USB (Linux)',
  249: 'netlink',
  252: 'Wireshark upper PDU',
};

export function linkTypeName(type: number): string {
  return OTHER_NAMES[type] ? `${OTHER_NAMES[type]} (link type ${type})` : `link type ${type}`;
}

/** Where the network layer starts, reused for every frame: `offset` −1 when there is no IP. */
export const linkResult = { offset: -1, layers: 0 };

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const ETHERTYPE_VLAN = 0x8100;
const ETHERTYPE_QINQ = 0x88a8;
const ETHERTYPE_QINQ_OLD = 0x9100;
const ETHERTYPE_MPLS = 0x8847;
const ETHERTYPE_MPLS_MULTICAST = 0x8848;
const ETHERTYPE_PPPOE_SESSION = 0x8864;
const PPP_IPV4 = 0x0021;
const PPP_IPV6 = 0x0057;
const MAX_TAGS = 8;
const MAX_LABELS = 16;

/** An MPLS label stack at `at`: the IP packet follows the label with the bottom-of-stack bit. */
function mplsPayload(d: Uint8Array, at: number, end: number, layers: number): void {
  for (let labels = 0; labels < MAX_LABELS && at + 4 <= end; labels++) {
    const bottom = (d[at + 2]! & 0x01) !== 0;
    at += 4;
    if (!bottom) continue;
    // No protocol field: the IP version nibble tells (a pseudowire's control word starts with 0).
    const version = at < end ? d[at]! >> 4 : 0;
    if (version === 4 || version === 6) {
      linkResult.offset = at;
      linkResult.layers = layers | MPLS;
    }
    return;
  }
}

/** A PPPoE session header (6 bytes) and the PPP protocol after it. */
function pppoePayload(d: Uint8Array, at: number, end: number, layers: number): void {
  if (at + 8 > end) return;
  const protocol = u16be(d, at + 6);
  if (protocol === PPP_IPV4 || protocol === PPP_IPV6) {
    linkResult.offset = at + 8;
    linkResult.layers = layers | PPPOE;
  }
}

/** Follows VLAN tags from an EtherType at `at`; sets linkResult when the payload is IP. */
function etherPayload(d: Uint8Array, at: number, end: number, layers: number): void {
  for (let tags = 0; tags <= MAX_TAGS && at + 2 <= end; tags++) {
    const type = u16be(d, at);
    if (type === ETHERTYPE_IPV4 || type === ETHERTYPE_IPV6) {
      linkResult.offset = at + 2;
      linkResult.layers = layers;
      return;
    }
    if (type === ETHERTYPE_MPLS || type === ETHERTYPE_MPLS_MULTICAST) return mplsPayload(d, at + 2, end, layers);
    if (type === ETHERTYPE_PPPOE_SESSION) return pppoePayload(d, at + 2, end, layers);
    if (type === ETHERTYPE_VLAN) layers |= DOT1Q;
    else if (type === ETHERTYPE_QINQ || type === ETHERTYPE_QINQ_OLD) layers |= DOT1AD;
    else return;
    at += 4;
  }
}

/** Finds the IP packet in a frame of the given link type; the answer is in `linkResult`. */
export function linkPayload(type: number, d: Uint8Array, off: number, end: number): void {
  linkResult.offset = -1;
  linkResult.layers = 0;
  switch (type) {
    case LINKTYPE_ETHERNET:
      if (end - off >= 14) etherPayload(d, off + 12, end, ETHERNET);
      return;
    case LINKTYPE_LINUX_SLL:
      if (end - off >= 16) etherPayload(d, off + 14, end, SLL);
      return;
    case LINKTYPE_LINUX_SLL2:
      if (end - off >= 20) {
        etherPayload(d, off, off + 2, SLL2);
        if (linkResult.offset >= 0) linkResult.offset = off + 20;
        else if (u16be(d, off) === ETHERTYPE_VLAN || u16be(d, off) === ETHERTYPE_QINQ) etherPayload(d, off + 20 + 2, end, SLL2 | DOT1Q);
      }
      return;
    case LINKTYPE_RAW:
    case LINKTYPE_RAW_12:
    case LINKTYPE_RAW_14:
    case LINKTYPE_IPV4:
    case LINKTYPE_IPV6:
      linkResult.offset = off;
      linkResult.layers = RAW_IP;
      return;
    case LINKTYPE_NULL:
    case LINKTYPE_LOOP: {
      if (end - off < 4) return;
      // NULL writes the address family in the capturing host's byte order, LOOP in network order.
      const family = type === LINKTYPE_LOOP ? u32be(d, off) : d[off] !== 0 ? u32le(d, off) : u32be(d, off);
      // AF_INET is 2 everywhere; AF_INET6 is 10 (Linux), 24, 28 or 30 (the BSDs, macOS).
      if (family === 2 || family === 10 || family === 24 || family === 28 || family === 30) {
        linkResult.offset = off + 4;
        linkResult.layers = LOOPBACK;
      }
      return;
    }
  }
}
