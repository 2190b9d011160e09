// Turning a read message plus what its marker said into a FramedMessage.
import type { Direction, Endpoint, FormatId, FramedMessage, TraceNotice, TraceTime } from '../types';
import type { ReadResult, SplitContext } from './collect';

export interface Emitter extends SplitContext {
  readonly messages: FramedMessage[];
  readonly notices: TraceNotice[];
}

export interface MarkerFacts {
  format: FormatId;
  /** Marker line, or the start line when there is no marker. */
  firstLine: number;
  direction: Direction;
  src?: Endpoint;
  dst?: Endpoint;
  time?: TraceTime;
  announcedBytes?: number;
  /** The framing reproduces the sender's bytes (when the line breaks are CRLF). */
  keepsBytes: boolean;
}

export function emit(ctx: Emitter, facts: MarkerFacts, res: ReadResult, lastLine = res.lastLine): void {
  const msg: FramedMessage = {
    format: facts.format,
    firstLine: facts.firstLine,
    startLine: res.startLine,
    startColumn: res.startColumn,
    lastLine,
    text: res.text,
    direction: facts.direction,
    bytesIntact: facts.keepsBytes && res.crlf,
  };
  if (facts.time) msg.time = facts.time;
  if (facts.src) msg.src = facts.src;
  if (facts.dst) msg.dst = facts.dst;
  if (facts.announcedBytes !== undefined) msg.announcedBytes = facts.announcedBytes;
  ctx.messages.push(msg);
  if (ctx.cursor.eof && !res.closed && !res.complete) {
    ctx.notices.push({
      kind: 'truncated',
      message: 'The last SIP message is cut off at the end of the file.',
      line: res.startLine,
    });
  }
}

/** Peer endpoint placed as src (received) or dst (sent). */
export function peerFacts(direction: Direction, peer: Endpoint): { src?: Endpoint; dst?: Endpoint } {
  return direction === 'received' ? { src: peer } : { dst: peer };
}
