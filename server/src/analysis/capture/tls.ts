// Encrypted SIP (TLS, usually port 5061) cannot be read: it is recognised by its record header
// only, to be counted and named in a notice.

/** A TLS record (handshake, application data, alert, change cipher spec) starts at `at`. */
export function isTlsRecord(d: Uint8Array, at: number, end: number): boolean {
  if (end - at < 5) return false;
  const type = d[at]!;
  return type >= 20 && type <= 23 && d[at + 1] === 3 && d[at + 2]! <= 4;
}
