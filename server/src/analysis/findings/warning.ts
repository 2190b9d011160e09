// The Warning header (RFC 3261 §20.43): `Warning: 305 gw.example.com "Incompatible media format"`.

/** Warning codes of RFC 3261 §20.43 (and RFC 5630's 380/381), in words. */
export const WARNING_CODES: Readonly<Record<number, string>> = {
  300: 'incompatible network protocol',
  301: 'incompatible network address formats',
  302: 'incompatible transport protocol',
  303: 'incompatible bandwidth units',
  304: 'media type not available',
  305: 'incompatible media format',
  306: 'attribute not understood',
  307: 'session description parameter not understood',
  330: 'multicast not available',
  331: 'unicast not available',
  370: 'insufficient bandwidth',
  380: 'SIPS not allowed',
  381: 'SIPS required',
  399: 'miscellaneous warning',
};

export interface WarningValue {
  code: number;
  agent: string;
  text: string;
}

export function parseWarnings(value: string): WarningValue[] {
  const out: WarningValue[] = [];
  const pattern = /(\d{3})\s+(\S+)\s+"((?:[^"\\]|\\.)*)"/g;
  for (let match = pattern.exec(value); match; match = pattern.exec(value)) {
    out.push({ code: Number(match[1]), agent: match[2], text: match[3].replace(/\\(.)/g, '$1') });
  }
  return out;
}

/** `Warning 305 (incompatible media format): "No codec"`. */
export function warningWords(warning: WarningValue): string {
  const meaning = WARNING_CODES[warning.code];
  return `Warning ${warning.code}${meaning ? ` (${meaning})` : ''}${warning.text ? `: "${warning.text}"` : ''}`;
}
