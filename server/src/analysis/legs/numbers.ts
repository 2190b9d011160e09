// Comparing dialled numbers and caller ids across the two legs of a B2BUA, which rewrites them:
// `+4930123456` on one leg is `030123456` or `004930123456` on the other, and a PBX strips an
// outside-line prefix (`9`) or adds a carrier prefix (up to 4 digits).

/** Up to this many leading digits may be added or removed between legs. */
const MAX_PREFIX = 4;
/** What is left after removing a prefix must still be a number, not a tail that many share. */
const MIN_SIGNIFICANT = 6;

function isDigits(s: string): boolean {
  return s.length > 0 && /^[0-9]+$/.test(s);
}

/** `+`, then `00` or one `0` (international / national access), removed. */
function withoutAccessCode(number: string): string {
  let n = number.startsWith('+') ? number.slice(1) : number;
  if (n.startsWith('00')) n = n.slice(2);
  else if (n.startsWith('0')) n = n.slice(1);
  return n;
}

/** A short extension: 3–4 digits, which only ever match exactly. */
export function isShortExtension(user: string): boolean {
  return isDigits(user) && user.length <= 4;
}

/**
 * True when two legs name the same number: equal; or equal once `+`, `00` or `0` is removed; or
 * one is the other with a prefix of up to 4 digits. Short extensions and non-numeric users
 * (`alice`) match exactly only.
 */
export function sameNumber(a: string, b: string): boolean {
  if (a === '' || b === '') return false;
  if (a === b) return true;
  if (isShortExtension(a) || isShortExtension(b)) return false;
  const plainA = a.startsWith('+') ? a.slice(1) : a;
  const plainB = b.startsWith('+') ? b.slice(1) : b;
  if (!isDigits(plainA) || !isDigits(plainB)) return a.toLowerCase() === b.toLowerCase();
  const x = withoutAccessCode(a);
  const y = withoutAccessCode(b);
  if (x === y) return x.length >= MIN_SIGNIFICANT;
  for (const [long, short] of [
    [plainA, plainB],
    [plainB, plainA],
    [x, y],
    [y, x],
  ]) {
    const extra = long.length - short.length;
    if (extra > 0 && extra <= MAX_PREFIX && short.length >= MIN_SIGNIFICANT && long.endsWith(short)) return true;
  }
  return false;
}
