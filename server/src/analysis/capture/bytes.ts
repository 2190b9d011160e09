// Reading integers out of byte arrays without DataView objects: the reader does this millions
// of times, and a shift-and-or on a Uint8Array is as fast as it gets.

export function u16be(d: Uint8Array, at: number): number {
  return (d[at]! << 8) | d[at + 1]!;
}

export function u16le(d: Uint8Array, at: number): number {
  return d[at]! | (d[at + 1]! << 8);
}

export function u32be(d: Uint8Array, at: number): number {
  return ((d[at]! << 24) | (d[at + 1]! << 16) | (d[at + 2]! << 8) | d[at + 3]!) >>> 0;
}

export function u32le(d: Uint8Array, at: number): number {
  return (d[at]! | (d[at + 1]! << 8) | (d[at + 2]! << 16) | (d[at + 3]! << 24)) >>> 0;
}

export function u32(d: Uint8Array, at: number, littleEndian: boolean): number {
  return littleEndian ? u32le(d, at) : u32be(d, at);
}

export function u16(d: Uint8Array, at: number, littleEndian: boolean): number {
  return littleEndian ? u16le(d, at) : u16be(d, at);
}

/** Does `d` hold the ASCII string `s` at `at`? */
export function asciiAt(d: Uint8Array, at: number, s: string): boolean {
  if (at < 0 || at + s.length > d.length) return false;
  for (let i = 0; i < s.length; i++) if (d[at + i] !== s.charCodeAt(i)) return false;
  return true;
}

/** Bytes `from`..`to` as a string of char codes: a compact Map key for addresses and ids. */
export function latin1Key(d: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(d[i]!);
  return s;
}

/** Joins `parts` into a new array of `size` bytes (their total length), in one copy. */
export function joinBytes(parts: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
