// What correlation compares of every message, read once into typed arrays, and the messages
// grouped by Call-ID.
//
// Correlation looks at each message many times (retransmissions are found by comparing a message
// with the earlier ones of its Call-ID, responses are matched to requests, the initial chain is
// walked…). Reading those fields through the message objects every time costs a chain of
// property reads per comparison; reading them once into columns makes every comparison a few
// array reads. Fields only a few messages need compared (branch, tags, addresses, times) are
// read from the message itself, where it comes to that.
//
// | column     | type    | what                                                                |
// |------------|---------|---------------------------------------------------------------------|
// | kind       | Uint8   | KIND_* below                                                        |
// | bits       | Uint8   | HAS_CSEQ, TO_TAGGED (of INVITEs), HAS_METHOD, RETRANSMISSION        |
// | status     | Int32   | status code, or NO_STATUS                                           |
// | seq        | Float64 | CSeq number (0 … 2^32-1; 0 without a CSeq)                          |
// | cseqMethod | Int32   | CSeq method as a word number (see Words), or NO_WORD without a CSeq |
// | method     | Int32   | `String(method)` of the start line as a word number                 |
// | members    | Int32   | message indexes, Call-ID group after Call-ID group, each in file order |
// | groupStart | Int32   | group g is members[groupStart[g] … groupStart[g + 1])               |
import type { TraceMessage } from './types';

export const KIND_INVALID = 0;
export const KIND_REQUEST = 1;
export const KIND_RESPONSE = 2;

export const HAS_CSEQ = 1;
/** An INVITE whose To header carries a (non-empty) tag. */
export const TO_TAGGED = 2;
/** The start line names a (non-empty) method. */
export const HAS_METHOD = 4;
export const RETRANSMISSION = 8;

export const NO_STATUS = -1;
export const NO_WORD = -1;

/** Word numbers every trace shares, so the rules can name them. */
export const INVITE = 0;
export const CANCEL = 1;
export const BYE = 2;

/** Methods as numbers: equal numbers for equal words. A trace uses a handful. */
class Words {
  private readonly numbers = new Map<string, number>([
    ['INVITE', INVITE],
    ['CANCEL', CANCEL],
    ['BYE', BYE],
  ]);

  numberOf(word: string): number {
    let n = this.numbers.get(word);
    if (n === undefined) this.numbers.set(word, (n = this.numbers.size));
    return n;
  }
}

export class CallFacts {
  readonly kind: Uint8Array;
  readonly bits: Uint8Array;
  readonly status: Int32Array;
  readonly seq: Float64Array;
  readonly cseqMethod: Int32Array;
  readonly method: Int32Array;
  readonly members: Int32Array;
  readonly groupStart: Int32Array;

  /** Reads the facts of `messages`, whose `index` is their place in the list. */
  constructor(messages: readonly TraceMessage[]) {
    const n = messages.length;
    this.kind = new Uint8Array(n);
    this.bits = new Uint8Array(n);
    this.status = new Int32Array(n);
    this.seq = new Float64Array(n);
    this.cseqMethod = new Int32Array(n);
    this.method = new Int32Array(n);
    const words = new Words();
    // Call-IDs numbered in order of first appearance: the order calls were always visited in.
    const groupOfCallId = new Map<string, number>();
    const groupOf = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const message = messages[i];
      const sip = message.sip;
      const callId = sip.callId;
      if (callId === undefined) groupOf[i] = -1;
      else {
        let group = groupOfCallId.get(callId);
        if (group === undefined) groupOfCallId.set(callId, (group = groupOfCallId.size));
        groupOf[i] = group;
      }
      const kind = sip.kind;
      this.kind[i] = kind === 'request' ? KIND_REQUEST : kind === 'response' ? KIND_RESPONSE : KIND_INVALID;
      this.status[i] = sip.status ?? NO_STATUS;
      const method = sip.method;
      this.method[i] = words.numberOf(String(method));
      let bits = method ? HAS_METHOD : 0;
      const cseq = sip.cseq;
      if (cseq) {
        bits |= HAS_CSEQ;
        this.seq[i] = cseq.seq;
        this.cseqMethod[i] = words.numberOf(cseq.method);
      } else this.cseqMethod[i] = NO_WORD;
      // Only an INVITE's To-tag matters (it tells an initial INVITE from a re-INVITE).
      if (method === 'INVITE' && sip.to?.tag) bits |= TO_TAGGED;
      if (message.retransmission) bits |= RETRANSMISSION;
      this.bits[i] = bits;
    }
    // A counting sort of the messages by group keeps file order within each group.
    const groups = groupOfCallId.size;
    this.groupStart = new Int32Array(groups + 1);
    for (let i = 0; i < n; i++) if (groupOf[i] !== -1) this.groupStart[groupOf[i] + 1]++;
    for (let g = 0; g < groups; g++) this.groupStart[g + 1] += this.groupStart[g];
    this.members = new Int32Array(this.groupStart[groups]);
    const filled = this.groupStart.slice(0, groups);
    for (let i = 0; i < n; i++) if (groupOf[i] !== -1) this.members[filled[groupOf[i]]++] = i;
  }

  get groupCount(): number {
    return this.groupStart.length - 1;
  }

  isRetransmission(i: number): boolean {
    return (this.bits[i] & RETRANSMISSION) !== 0;
  }

  isRequest(i: number, method: number): boolean {
    return this.kind[i] === KIND_REQUEST && this.method[i] === method;
  }

  /** A response with a CSeq of `seq` and `method`. */
  isResponseTo(i: number, seq: number, method: number): boolean {
    return this.kind[i] === KIND_RESPONSE && (this.bits[i] & HAS_CSEQ) !== 0 && this.seq[i] === seq && this.cseqMethod[i] === method;
  }

  /** Might request j be the one response i answers: a request (not a retransmission) with its CSeq? */
  mayAnswer(i: number, j: number): boolean {
    return (
      this.kind[j] === KIND_REQUEST &&
      (this.bits[j] & (HAS_CSEQ | RETRANSMISSION)) === HAS_CSEQ &&
      this.seq[j] === this.seq[i] &&
      this.cseqMethod[j] === this.cseqMethod[i]
    );
  }

  /** An INVITE without a To-tag that is not a retransmission: it begins a call or retries it. */
  isInitialInvite(i: number): boolean {
    return this.isRequest(i, INVITE) && (this.bits[i] & (TO_TAGGED | RETRANSMISSION)) === 0;
  }
}
