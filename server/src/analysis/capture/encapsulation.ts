// The layers a SIP message was found inside, as bits while reading and as names in the summary
// (`encapsulations`). Names are stable identifiers, listed outermost first.

export const ENCAPSULATIONS = [
  'ethernet',
  '802.1q',
  '802.1ad',
  'mpls',
  'pppoe',
  'sll',
  'sll2',
  'raw-ip',
  'loopback',
  'ipv4',
  'ipv6',
  'ip-in-ip',
  'ipv4-fragments',
  'ipv6-fragments',
  'udp',
  'tcp',
  'sctp',
  'websocket',
  'hep2',
  'hep3',
] as const;

export type Encapsulation = (typeof ENCAPSULATIONS)[number];

/** The bit of an encapsulation in a layer mask. */
export function bit(name: Encapsulation): number {
  return 1 << ENCAPSULATIONS.indexOf(name);
}

export const ETHERNET = bit('ethernet');
export const DOT1Q = bit('802.1q');
export const DOT1AD = bit('802.1ad');
export const MPLS = bit('mpls');
export const PPPOE = bit('pppoe');
export const SLL = bit('sll');
export const SLL2 = bit('sll2');
export const RAW_IP = bit('raw-ip');
export const LOOPBACK = bit('loopback');
export const IPV4 = bit('ipv4');
export const IPV6 = bit('ipv6');
export const IP_IN_IP = bit('ip-in-ip');
export const IPV4_FRAGMENTS = bit('ipv4-fragments');
export const IPV6_FRAGMENTS = bit('ipv6-fragments');
export const UDP = bit('udp');
export const TCP = bit('tcp');
export const SCTP = bit('sctp');
export const WEBSOCKET = bit('websocket');
export const HEP2 = bit('hep2');
export const HEP3 = bit('hep3');

export function encapsulationNames(mask: number): string[] {
  return ENCAPSULATIONS.filter((_, i) => (mask & (1 << i)) !== 0);
}
