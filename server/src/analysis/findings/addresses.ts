// Address classes for the private-media-address finding. Private: RFC 1918, RFC 6598 shared
// space (100.64/10), link-local (169.254/16, fe80::/10) and unique-local (fc00::/7). Loopback,
// unspecified (0.0.0.0, ::) and multicast are neither private nor public. Every other unicast
// literal is public — documentation ranges included. Host names are not addresses: unknown.

export type AddressClass = 'private' | 'public' | 'neither' | 'unknown';

function ipv4(text: string): number[] | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!match) return undefined;
  const parts = match.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : undefined;
}

/** First 16-bit group of an IPv6 literal, or undefined when it is not one. */
function ipv6Head(text: string): number | undefined {
  // At least two colons, groups of up to four hex digits, an IPv4 tail allowed (::ffff:192.0.2.1).
  if ((text.match(/:/g) ?? []).length < 2 || !/^[0-9a-f:]*(\d{1,3}(\.\d{1,3}){3})?$/i.test(text)) return undefined;
  const groups = text.split(':');
  if (groups.some((g, i) => g.length > 4 && !(i === groups.length - 1 && g.includes('.')))) return undefined;
  if (text.startsWith('::')) return 0;
  return Number.parseInt(groups[0], 16);
}

/** Traces repeat a handful of addresses: each is classified once (the table is bounded). */
const classified = new Map<string, AddressClass>();

export function classifyAddress(raw: string): AddressClass {
  let known = classified.get(raw);
  if (known === undefined) {
    known = classify(raw);
    if (classified.size >= 4096) classified.clear();
    classified.set(raw, known);
  }
  return known;
}

/** The class of an IPv4 address by its first two octets. */
function classifyIpv4(a: number, b: number): AddressClass {
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 100 && b >= 64 && b <= 127) return 'private';
  if (a === 169 && b === 254) return 'private';
  if (a === 127 || a === 0 || a >= 224) return 'neither';
  return 'public';
}

/**
 * classifyAddress of `text.slice(start, end)`, without making that string when it is a plain
 * dotted quad (`192.0.2.1`): the findings ask this of an address in every message they read.
 */
export function classifySpan(text: string, start: number, end: number): AddressClass {
  let octet = 0;
  let digits = 0;
  let dots = 0;
  let a = 0;
  let b = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      octet = octet * 10 + (c - 48);
      if (++digits > 3) return classifyAddress(text.slice(start, end));
    } else if (c === 46 /* . */ && digits > 0 && dots < 3) {
      if (octet > 255) return classifyAddress(text.slice(start, end));
      if (dots === 0) a = octet;
      else if (dots === 1) b = octet;
      dots++;
      octet = 0;
      digits = 0;
    } else return classifyAddress(text.slice(start, end));
  }
  if (dots !== 3 || digits === 0 || octet > 255) return classifyAddress(text.slice(start, end));
  return classifyIpv4(a, b);
}

function classify(raw: string): AddressClass {
  const text = raw.trim().replace(/^\[|\]$/g, '').toLowerCase();
  const v4 = ipv4(text) ?? (text.startsWith('::ffff:') ? ipv4(text.slice(7)) : undefined);
  if (v4) return classifyIpv4(v4[0], v4[1]);
  const head = ipv6Head(text);
  if (head === undefined || Number.isNaN(head)) return 'unknown';
  if (text === '::' || text === '::1') return 'neither';
  if ((head & 0xfe00) === 0xfc00) return 'private';
  if ((head & 0xffc0) === 0xfe80) return 'private';
  if ((head & 0xff00) === 0xff00) return 'neither';
  return 'public';
}
