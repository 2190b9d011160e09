// IP addresses as text: dotted quads, and IPv6 in its canonical short form (RFC 5952).

export function ipv4Text(d: Uint8Array, at: number): string {
  return `${d[at]}.${d[at + 1]}.${d[at + 2]}.${d[at + 3]}`;
}

export function ipv6Text(d: Uint8Array, at: number): string {
  const words: number[] = [];
  for (let i = 0; i < 8; i++) words.push((d[at + 2 * i]! << 8) | d[at + 2 * i + 1]!);
  // IPv4-mapped addresses read best in their dotted form.
  if (words[0] === 0 && words[1] === 0 && words[2] === 0 && words[3] === 0 && words[4] === 0 && words[5] === 0xffff) {
    return `::ffff:${ipv4Text(d, at + 12)}`;
  }
  // The longest run of two or more zero words becomes `::` (the first such run on a tie).
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (from: number, to: number): string => words.slice(from, to).map((w) => w.toString(16)).join(':');
  if (bestStart < 0) return hex(0, 8);
  return `${hex(0, bestStart)}::${hex(bestStart + bestLength, 8)}`;
}

/** Where an IP header at `hdr` holds its source address (IPv4 at +12, IPv6 at +8). */
export function sourceAt(hdr: number, v6: boolean): number {
  return hdr + (v6 ? 8 : 12);
}

/** Where an IP header at `hdr` holds its destination address (IPv4 at +16, IPv6 at +24). */
export function destinationAt(hdr: number, v6: boolean): number {
  return hdr + (v6 ? 24 : 16);
}

export function ipText(d: Uint8Array, at: number, v6: boolean): string {
  return v6 ? ipv6Text(d, at) : ipv4Text(d, at);
}
