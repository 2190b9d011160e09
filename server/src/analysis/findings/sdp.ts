// Just enough SDP (RFC 4566) for findings and hovers: connection addresses, media lines with
// their codecs, and the direction attributes (RFC 3264 §5.1).

export type MediaDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

export interface SdpMedia {
  type: string;
  port: number;
  protocol: string;
  /** Payload types as listed on the m= line. */
  formats: string[];
  /** Codec names in m= order (`PCMU/8000`, `telephone-event/8000`, …), from a=rtpmap or the static table. */
  codecs: string[];
  /** The c= address that applies to this stream (its own, else the session's). */
  address?: string;
  direction: MediaDirection;
}

export interface Sdp {
  /** Session-level c= address. */
  address?: string;
  media: SdpMedia[];
}

/** RFC 3551 static payload types that are still met in traces. */
const STATIC_PAYLOADS: Readonly<Record<string, string>> = {
  '0': 'PCMU/8000',
  '3': 'GSM/8000',
  '4': 'G723/8000',
  '5': 'DVI4/8000',
  '6': 'DVI4/16000',
  '7': 'LPC/8000',
  '8': 'PCMA/8000',
  '9': 'G722/8000',
  '10': 'L16/44100/2',
  '11': 'L16/44100',
  '12': 'QCELP/8000',
  '13': 'CN/8000',
  '14': 'MPA/90000',
  '15': 'G728/8000',
  '18': 'G729/8000',
  '26': 'JPEG/90000',
  '31': 'H261/90000',
  '32': 'MPV/90000',
  '34': 'H263/90000',
};

const DIRECTIONS: readonly string[] = ['sendrecv', 'sendonly', 'recvonly', 'inactive'];

function connectionAddress(value: string): string | undefined {
  const parts = value.trim().split(/\s+/);
  if (parts.length < 3) return undefined;
  // Multicast addresses may carry /ttl/count; the address is before the first slash.
  return parts[2].split('/')[0];
}

/** Parses an SDP body; undefined when it holds no `v=` or `m=` lines at all. */
export function parseSdp(body: string): Sdp | undefined {
  if (!/^[vm]=/m.test(body)) return undefined;
  const sdp: Sdp = { media: [] };
  let sessionDirection: MediaDirection = 'sendrecv';
  let current: (SdpMedia & { rtpmap: Map<string, string>; ownDirection?: MediaDirection }) | undefined;
  const all: (SdpMedia & { rtpmap: Map<string, string>; ownDirection?: MediaDirection })[] = [];
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.length < 2 || line[1] !== '=') continue;
    const type = line[0];
    const value = line.slice(2);
    if (type === 'm') {
      const [media = '', port = '0', protocol = '', ...formats] = value.trim().split(/\s+/);
      current = { type: media, port: Number.parseInt(port, 10) || 0, protocol, formats, codecs: [], direction: 'sendrecv', rtpmap: new Map() };
      all.push(current);
    } else if (type === 'c') {
      const address = connectionAddress(value);
      if (current) current.address = address;
      else sdp.address = address;
    } else if (type === 'a') {
      const attribute = value.trim();
      if (DIRECTIONS.includes(attribute)) {
        if (current) current.ownDirection = attribute as MediaDirection;
        else sessionDirection = attribute as MediaDirection;
      } else if (current && attribute.toLowerCase().startsWith('rtpmap:')) {
        const match = /^rtpmap:(\S+)\s+(\S+)/i.exec(attribute);
        if (match) current.rtpmap.set(match[1], match[2]);
      }
    }
  }
  for (const m of all) {
    const { rtpmap, ownDirection, ...media } = m;
    media.address ??= sdp.address;
    media.direction = ownDirection ?? sessionDirection;
    media.codecs = media.formats.map((pt) => rtpmap.get(pt) ?? STATIC_PAYLOADS[pt] ?? `payload ${pt}`);
    sdp.media.push(media);
  }
  return sdp;
}

/** The first character of a line as `trim` leaves it: ASCII white space is all a line starts with in practice. */
function isAsciiTrimSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

/**
 * The c= addresses of the streams not disabled (port 0), in m= order: what
 * `parseSdp(body)?.media.filter((m) => m.port !== 0).map((m) => m.address)` gives, without
 * building the streams' codecs and attributes (every SDP body of a big trace may be asked).
 */
export function activeMediaAddresses(body: string): (string | undefined)[] {
  if (!/^[vm]=/m.test(body)) return [];
  let sessionAddress: string | undefined;
  const ports: number[] = [];
  const addresses: (string | undefined)[] = [];
  let inMedia = false;
  for (let start = 0; start <= body.length; ) {
    const lf = body.indexOf('\n', start);
    const end = lf === -1 ? body.length : lf;
    const first = body.charCodeAt(start);
    // Only m= and c= lines count; a line starting with anything else (after trimming) is skipped.
    let line: string | undefined;
    if (first === 109 /* m */ || first === 99 /* c */) {
      if (body.charCodeAt(start + 1) === 61 /* = */) line = body.slice(start, end).trim();
    } else if (start < end && (first > 0x7f || isAsciiTrimSpace(first))) {
      const trimmed = body.slice(start, end).trim();
      if ((trimmed[0] === 'm' || trimmed[0] === 'c') && trimmed[1] === '=') line = trimmed;
    }
    start = lf === -1 ? body.length + 1 : lf + 1;
    if (line === undefined || line.length < 2) continue;
    const value = line.slice(2);
    if (line[0] === 'm') {
      const port = value.trim().split(/\s+/)[1] ?? '0';
      ports.push(Number.parseInt(port, 10) || 0);
      addresses.push(undefined);
      inMedia = true;
    } else {
      const parts = value.trim().split(/\s+/);
      const address = parts.length < 3 ? undefined : parts[2].split('/')[0];
      if (inMedia) addresses[addresses.length - 1] = address;
      else sessionAddress = address;
    }
  }
  const active: (string | undefined)[] = [];
  for (let i = 0; i < ports.length; i++) if (ports[i] !== 0) active.push(addresses[i] ?? sessionAddress);
  return active;
}

/** `PCMU/8000` → `PCMU`; names are compared without clock rate and case. */
export function codecName(codec: string): string {
  return codec.split('/')[0];
}

/** Codec names of the audio/video streams, without DTMF and comfort noise; the formats themselves for non-RTP streams (`t38`). */
export function mediaCodecs(media: SdpMedia): string[] {
  if (!/RTP/i.test(media.protocol)) return media.formats;
  return media.codecs.map(codecName).filter((name) => !/^(telephone-event|CN|payload .*)$/i.test(name));
}

/** True when the SDP puts media on hold: sendonly/inactive, or a c= of 0.0.0.0 (RFC 2543 style). */
export function holdKind(sdp: Sdp): 'sendonly' | 'inactive' | 'c=0.0.0.0' | undefined {
  const active = sdp.media.filter((m) => m.port !== 0);
  if (active.length === 0) return undefined;
  if (active.every((m) => m.address === '0.0.0.0')) return 'c=0.0.0.0';
  if (active.every((m) => m.direction === 'inactive')) return 'inactive';
  if (active.every((m) => m.direction === 'sendonly' || m.direction === 'inactive')) return 'sendonly';
  return undefined;
}

/** Human words for a few well-known codecs, for hovers. */
export const CODEC_WORDS: Readonly<Record<string, string>> = {
  pcmu: 'G.711 µ-law, 64 kbit/s narrowband audio (North America, Japan)',
  pcma: 'G.711 A-law, 64 kbit/s narrowband audio (Europe and most of the world)',
  g722: 'G.722 wideband audio, 64 kbit/s (its RTP clock rate is 8000 for historic reasons)',
  g729: 'G.729, 8 kbit/s compressed narrowband audio',
  g723: 'G.723.1, 5.3/6.3 kbit/s compressed narrowband audio',
  gsm: 'GSM full rate, 13 kbit/s',
  ilbc: 'iLBC, 13.3/15.2 kbit/s narrowband audio',
  opus: 'Opus, variable-rate audio from narrowband to fullband',
  'amr': 'AMR, the adaptive multi-rate narrowband codec of mobile networks',
  'amr-wb': 'AMR-WB (G.722.2), mobile wideband audio',
  speex: 'Speex, variable-rate audio',
  'telephone-event': 'RFC 4733 DTMF events (key presses sent as RTP events, not audio)',
  cn: 'Comfort noise (RFC 3389): background noise parameters during silence',
  h264: 'H.264 video',
  vp8: 'VP8 video',
};
