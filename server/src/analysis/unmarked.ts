// A message pasted without its marker line into a log that records direction (an Asterisk,
// FreeSWITCH, SIPp … trace with one marker lost) is framed as raw SIP, with no direction — and
// the file would read as `mixed`. When every other message comes from one direction-bearing
// framing, such a message belongs to it: it takes that format, and its direction from the
// transaction and dialog it belongs to.
import type { Direction, FileFormat, FormatId, TraceMessage } from './types';

const ADDRESS_ONLY: ReadonlySet<FormatId> = new Set<FormatId>(['raw', 'ngrep', 'sngrep', 'wireshark-text', 'baresip']);

function opposite(d: Direction): Direction {
  return d === 'sent' ? 'received' : d === 'received' ? 'sent' : 'unknown';
}

/** The format the file has once unmarked messages are adopted (or `format` unchanged). */
export function adoptUnmarked(messages: TraceMessage[], format: FileFormat): FileFormat {
  if (format !== 'mixed') return format;
  let host: FormatId | undefined;
  for (const m of messages) {
    const f = m.frame.format;
    if (f === 'raw') continue;
    if (host === undefined) host = f;
    else if (host !== f) return format;
  }
  if (host === undefined || ADDRESS_ONLY.has(host)) return format;
  const orphans = messages.filter((m) => m.frame.format === 'raw');
  // Some lost markers, not a raw trace with some framed messages in it.
  if (orphans.length * 2 >= messages.length) return format;
  const byCallId = new Map<string, TraceMessage[]>();
  for (const m of messages) {
    if (m.frame.format === 'raw' || m.frame.direction === 'unknown' || m.sip.callId === undefined) continue;
    const list = byCallId.get(m.sip.callId);
    if (list) list.push(m);
    else byCallId.set(m.sip.callId, [m]);
  }
  for (const m of orphans) {
    m.frame.format = host;
    m.frame.direction = inferDirection(byCallId.get(m.sip.callId ?? '') ?? [], m);
  }
  return host;
}

function inferDirection(known: TraceMessage[], orphan: TraceMessage): Direction {
  const sip = orphan.sip;
  if (known.length === 0 || !sip.cseq) return 'unknown';
  // Same transaction (CSeq and branch): a response goes the other way from its request.
  for (const m of known) {
    if (!m.sip.cseq || m.sip.cseq.seq !== sip.cseq.seq || m.sip.branch !== sip.branch) continue;
    const sameKind = (m.sip.kind === 'request') === (sip.kind === 'request');
    return sameKind ? m.frame.direction : opposite(m.frame.direction);
  }
  // Same dialog: a request from the side whose From-tag it carries.
  const fromTag = sip.from?.tag;
  if (sip.kind === 'request' && fromTag) {
    for (const m of known) {
      if (m.sip.kind !== 'request') continue;
      if (m.sip.from?.tag === fromTag) return m.frame.direction;
      if (m.sip.to?.tag === fromTag) return opposite(m.frame.direction);
    }
  }
  return 'unknown';
}
