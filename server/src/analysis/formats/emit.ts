// Turning a read message plus what its marker said into a FramedMessage.
import { t } from '../l10n';
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
  const message = framedMessage(facts, res, lastLine);
  if (res.lineMap) message.lineMap = res.lineMap;
  if (res.headerIndex) message.headerIndex = res.headerIndex;
  ctx.messages.push(message);
  if (ctx.cursor.eof && !res.closed && !res.complete) {
    ctx.notices.push({
      kind: 'truncated',
      message: t('The last SIP message is cut off at the end of the file.'),
      line: res.startLine,
    });
  }
}

/**
 * The FramedMessage, its optional fields present only when known (in this key order). The
 * usual combinations are written as whole literals: an object that gains fields after it is
 * built keeps them in a separate property store, one more allocation per message.
 */
function framedMessage(facts: MarkerFacts, res: ReadResult, lastLine: number): FramedMessage {
  const { format, firstLine, direction, time, src, dst, announcedBytes } = facts;
  const { startLine, startColumn, text } = res;
  const bytesIntact = facts.keepsBytes && res.crlf;
  const shape = (time ? 1 : 0) | (src ? 2 : 0) | (dst ? 4 : 0) | (announcedBytes !== undefined ? 8 : 0);
  switch (shape) {
    case 0:
      return { format, firstLine, startLine, startColumn, lastLine, text, direction, bytesIntact };
    case 1:
      return { format, firstLine, startLine, startColumn, lastLine, text, direction, bytesIntact, time };
    case 1 | 8:
      return { format, firstLine, startLine, startColumn, lastLine, text, direction, bytesIntact, time, announcedBytes };
    case 2 | 8:
      return { format, firstLine, startLine, startColumn, lastLine, text, direction, bytesIntact, src, announcedBytes };
    case 4 | 8:
      return { format, firstLine, startLine, startColumn, lastLine, text, direction, bytesIntact, dst, announcedBytes };
    case 1 | 2 | 8:
      return { format, firstLine, startLine, startColumn, lastLine, text, direction, bytesIntact, time, src, announcedBytes };
    case 1 | 4 | 8:
      return { format, firstLine, startLine, startColumn, lastLine, text, direction, bytesIntact, time, dst, announcedBytes };
    case 2:
      return { format, firstLine, startLine, startColumn, lastLine, text, direction, bytesIntact, src };
    case 4:
      return { format, firstLine, startLine, startColumn, lastLine, text, direction, bytesIntact, dst };
    case 1 | 2:
      return { format, firstLine, startLine, startColumn, lastLine, text, direction, bytesIntact, time, src };
    case 1 | 4:
      return { format, firstLine, startLine, startColumn, lastLine, text, direction, bytesIntact, time, dst };
    case 2 | 4:
      return { format, firstLine, startLine, startColumn, lastLine, text, direction, bytesIntact, src, dst };
    case 1 | 2 | 4:
      return { format, firstLine, startLine, startColumn, lastLine, text, direction, bytesIntact, time, src, dst };
  }
  const msg: FramedMessage = { format, firstLine, startLine, startColumn, lastLine, text, direction, bytesIntact };
  if (time) msg.time = time;
  if (src) msg.src = src;
  if (dst) msg.dst = dst;
  if (announcedBytes !== undefined) msg.announcedBytes = announcedBytes;
  return msg;
}

/** Peer endpoint placed as src (received) or dst (sent). */
export function peerFacts(direction: Direction, peer: Endpoint): { src?: Endpoint; dst?: Endpoint } {
  return direction === 'received' ? { src: peer } : { dst: peer };
}
