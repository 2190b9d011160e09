// The message store: what the analysis keeps of every message, in columns rather than objects.
//
// A big trace holds hundreds of thousands of messages. Kept as objects (a frame, a parse, its
// start line, branch, time…) each costs about 0.7 KB and keeps the garbage collector busy for
// as long as the analysis lives. The store keeps one typed-array slot per message and number,
// and one array slot per string (strings the parser already shares across a trace — Call-IDs,
// From/To values, CSeqs, methods, reason phrases — stay shared). `TraceMessage`, its `frame`
// and its `sip` are small views over the columns, made when asked for, so every stage and
// feature reads messages exactly as before.
//
// Columns, indexed by message (file order). Strings and objects sit in plain arrays; NONE (-1)
// marks a number that is absent.
//
// | column          | type        | what                                                            |
// |-----------------|-------------|-----------------------------------------------------------------|
// | format          | Uint8       | index into FORMAT_IDS                                           |
// | flags           | Uint16      | direction, kind and the yes/no facts (F_* bits below): resent,  |
// |                 |             | bytes intact, SDP, time (dated, whole seconds), link header     |
// | firstLine, startLine, startColumn, lastLine | Int32 | FramedMessage's line fields         |
// | timeMs          | Float64     | the marker's time (with F_TIME; F_DATED, F_WHOLE_SECONDS)       |
// | announcedBytes  | Float64     | byte count the marker announced, NaN when none                  |
// | frame           | Int32       | capture frame number, or NONE                                   |
// | text            | string      | the SIP text as framed (FramedMessage.text)                     |
// | begin           | Int32       | where the message starts in `text` (blank lines skipped)        |
// | startLineEnd, headerEnd, bodyStart | Int32 | from `begin`: the parts of the message         |
// | bodyLength      | Int32       | length of the body (Content-Length may cut it short)            |
// | status          | Int32       | status code of a response (or an invalid one), or NONE          |
// | contentLength   | Float64     | Content-Length as a number, NaN when absent or not a number     |
// | method, requestUri, reason, version, callId, branch, viaHost, contentType | string | as parsed |
// | cseq, from, to  | object      | the parser's (shared) CSeq and NameAddr objects                 |
// | src, dst        | Endpoint    | the framing's addresses, where it gives them                    |
// Rare values live in maps by message index: line maps, IP fragment counts, ICMP answers,
// Reason header lists, parse problems, and bodies that are not a plain slice of the text.
//
// These are the model's columns, all of them. Correlation copies five of them (kind, status, CSeq
// number and method, method) into typed arrays of its own while it runs, and groups the messages
// by Call-ID there (`callFacts.ts`); nothing else keeps a per-message copy.
import { headersIn, messageLayout } from './message';
import type { CSeq, Direction, Endpoint, FormatId, FramedMessage, IcmpAnswer, NameAddr, SipHeader, SipMessage, TraceMessage, TraceTime } from './types';

const NONE = -1;

// Every format id with its number in the `format` column; a new id must be added here (the
// compiler says so).
const FORMAT_NUMBERS: Record<FormatId, number> = {
  raw: 0,
  sipp: 1,
  'asterisk-pjsip': 2,
  'asterisk-chan-sip': 3,
  freeswitch: 4,
  'kamailio-sipdump': 5,
  ngrep: 6,
  sngrep: 7,
  'wireshark-text': 8,
  'cisco-ccsip': 9,
  'pjsip-app': 10,
  linphone: 11,
  baresip: 12,
  audiocodes: 13,
  'capture-text': 14,
  ribbon: 15,
};
const FORMAT_IDS: readonly FormatId[] = (() => {
  const ids: FormatId[] = [];
  for (const [id, n] of Object.entries(FORMAT_NUMBERS) as [FormatId, number][]) ids[n] = id;
  return ids;
})();

const DIRECTIONS: readonly Direction[] = ['unknown', 'sent', 'received'];
const KINDS: readonly SipMessage['kind'][] = ['invalid', 'request', 'response'];
const DIRECTION_MASK = 0b11;
const KIND_SHIFT = 2;
const KIND_MASK = 0b11 << KIND_SHIFT;
const F_RETRANSMISSION = 1 << 4;
const F_BYTES_INTACT = 1 << 5;
const F_SDP = 1 << 6;
const F_TIME = 1 << 7;
const F_DATED = 1 << 8;
const F_WHOLE_SECONDS = 1 << 9;
/** Has a header legs are linked by (SipMessage.hasLinkHeader): legs read only these messages' headers. */
const F_LINK_HEADER = 1 << 10;

/** Parsed header lists kept for the messages asked about last (hovers, a call's findings). */
const HEADER_CACHE_SIZE = 64;

/** `array` copied into a new one of `size` elements (cut, or padded with zeros). */
function resized<T extends Float64Array | Int32Array | Uint16Array | Uint8Array>(array: T, size: number): T {
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(size >= array.length ? array : array.subarray(0, size));
  return next;
}

/**
 * The columns. Only this module reads or writes them: `MessageStore` fills them, and the views
 * below read them directly (one array read per field, which the views do all the time).
 */
class Columns {
  count = 0;
  format: Uint8Array;
  flags: Uint16Array;
  firstLine: Int32Array;
  startLine: Int32Array;
  startColumn: Int32Array;
  lastLine: Int32Array;
  timeMs: Float64Array;
  announcedBytes: Float64Array;
  frameNumber: Int32Array;
  begin: Int32Array;
  startLineEnd: Int32Array;
  headerEnd: Int32Array;
  bodyStart: Int32Array;
  bodyLength: Int32Array;
  status: Int32Array;
  contentLength: Float64Array;
  readonly text: string[];
  readonly method: (string | undefined)[];
  readonly requestUri: (string | undefined)[];
  readonly reason: (string | undefined)[];
  readonly version: (string | undefined)[];
  readonly callId: (string | undefined)[];
  readonly branch: (string | undefined)[];
  readonly viaHost: (string | undefined)[];
  readonly contentType: (string | undefined)[];
  readonly cseq: (CSeq | undefined)[];
  readonly from: (NameAddr | undefined)[];
  readonly to: (NameAddr | undefined)[];
  readonly src: (Endpoint | undefined)[];
  readonly dst: (Endpoint | undefined)[];
  readonly lineMaps = new Map<number, number[]>();
  readonly fragments = new Map<number, number>();
  readonly icmp = new Map<number, IcmpAnswer>();
  readonly reasonHeaders = new Map<number, string[]>();
  readonly problems = new Map<number, string[]>();
  /** Bodies that are not `text` sliced at bodyStart (a UTF-8 body cut by Content-Length mid-character). */
  readonly ownBodies = new Map<number, string>();
  /** Header lists parsed on demand, most recently used last. */
  readonly headerCache = new Map<number, SipHeader[]>();

  // Typed arrays start at the number of messages expected, and the JS arrays as long, so
  // neither is copied while it fills unless the guess was short.
  constructor(capacity: number) {
    this.format = new Uint8Array(capacity);
    this.flags = new Uint16Array(capacity);
    this.firstLine = new Int32Array(capacity);
    this.startLine = new Int32Array(capacity);
    this.startColumn = new Int32Array(capacity);
    this.lastLine = new Int32Array(capacity);
    this.timeMs = new Float64Array(capacity);
    this.announcedBytes = new Float64Array(capacity);
    this.frameNumber = new Int32Array(capacity);
    this.begin = new Int32Array(capacity);
    this.startLineEnd = new Int32Array(capacity);
    this.headerEnd = new Int32Array(capacity);
    this.bodyStart = new Int32Array(capacity);
    this.bodyLength = new Int32Array(capacity);
    this.status = new Int32Array(capacity);
    this.contentLength = new Float64Array(capacity);
    this.text = new Array(capacity);
    this.method = new Array(capacity);
    this.requestUri = new Array(capacity);
    this.reason = new Array(capacity);
    this.version = new Array(capacity);
    this.callId = new Array(capacity);
    this.branch = new Array(capacity);
    this.viaHost = new Array(capacity);
    this.contentType = new Array(capacity);
    this.cseq = new Array(capacity);
    this.from = new Array(capacity);
    this.to = new Array(capacity);
    this.src = new Array(capacity);
    this.dst = new Array(capacity);
  }

  resize(size: number): void {
    this.format = resized(this.format, size);
    this.flags = resized(this.flags, size);
    this.firstLine = resized(this.firstLine, size);
    this.startLine = resized(this.startLine, size);
    this.startColumn = resized(this.startColumn, size);
    this.lastLine = resized(this.lastLine, size);
    this.timeMs = resized(this.timeMs, size);
    this.announcedBytes = resized(this.announcedBytes, size);
    this.frameNumber = resized(this.frameNumber, size);
    this.begin = resized(this.begin, size);
    this.startLineEnd = resized(this.startLineEnd, size);
    this.headerEnd = resized(this.headerEnd, size);
    this.bodyStart = resized(this.bodyStart, size);
    this.bodyLength = resized(this.bodyLength, size);
    this.status = resized(this.status, size);
    this.contentLength = resized(this.contentLength, size);
    this.text.length = size;
    this.method.length = size;
    this.requestUri.length = size;
    this.reason.length = size;
    this.version.length = size;
    this.callId.length = size;
    this.branch.length = size;
    this.viaHost.length = size;
    this.contentType.length = size;
    this.cseq.length = size;
    this.from.length = size;
    this.to.length = size;
    this.src.length = size;
    this.dst.length = size;
  }
}

export class MessageStore {
  private readonly c: Columns;

  /** `capacity`: how many messages are expected (more may be added; the columns then grow). */
  constructor(capacity: number) {
    this.c = new Columns(Math.max(1, capacity));
  }

  /** Adds a framed message with its parse (made by parseSipMessage from `frame.text`). */
  add(frame: FramedMessage, sip: SipMessage): void {
    const c = this.c;
    const i = c.count++;
    if (i === c.flags.length) c.resize(i * 2);
    const layout = messageLayout(sip);
    if (!layout) throw new Error('MessageStore.add needs a message made by parseSipMessage');
    c.format[i] = FORMAT_NUMBERS[frame.format];
    let flags = DIRECTIONS.indexOf(frame.direction) | (KINDS.indexOf(sip.kind) << KIND_SHIFT);
    if (frame.bytesIntact) flags |= F_BYTES_INTACT;
    if (sip.hasSdp) flags |= F_SDP;
    if (sip.hasLinkHeader) flags |= F_LINK_HEADER;
    if (frame.time) {
      flags |= F_TIME;
      if (frame.time.dated) flags |= F_DATED;
      if (frame.time.wholeSeconds) flags |= F_WHOLE_SECONDS;
      c.timeMs[i] = frame.time.ms;
    }
    c.flags[i] = flags;
    c.firstLine[i] = frame.firstLine;
    c.startLine[i] = frame.startLine;
    c.startColumn[i] = frame.startColumn;
    c.lastLine[i] = frame.lastLine;
    c.announcedBytes[i] = frame.announcedBytes ?? NaN;
    c.frameNumber[i] = frame.frame ?? NONE;
    c.text[i] = frame.text;
    c.src[i] = frame.src;
    c.dst[i] = frame.dst;
    if (frame.lineMap) c.lineMaps.set(i, frame.lineMap);
    if (frame.fragments !== undefined) c.fragments.set(i, frame.fragments);
    if (frame.icmp) c.icmp.set(i, frame.icmp);

    c.begin[i] = layout.begin;
    c.startLineEnd[i] = sip.startLineText.length;
    c.headerEnd[i] = layout.headerEnd;
    c.bodyStart[i] = layout.bodyStart;
    c.bodyLength[i] = sip.body.length;
    if (!layout.bodyIsSlice) c.ownBodies.set(i, sip.body);
    c.status[i] = sip.status ?? NONE;
    c.contentLength[i] = sip.contentLength ?? NaN;
    c.method[i] = sip.method;
    c.requestUri[i] = sip.requestUri;
    c.reason[i] = sip.reason;
    c.version[i] = sip.version;
    c.callId[i] = sip.callId;
    c.branch[i] = sip.branch;
    c.viaHost[i] = sip.viaHost;
    c.contentType[i] = sip.contentType;
    c.cseq[i] = sip.cseq;
    c.from[i] = sip.from;
    c.to[i] = sip.to;
    if (sip.reasonHeaders.length > 0) c.reasonHeaders.set(i, sip.reasonHeaders);
    if (sip.problems.length > 0) c.problems.set(i, sip.problems);
  }

  /** Drops the unused room at the end of the columns once every message is in. */
  trim(): void {
    const c = this.c;
    if (c.flags.length > c.count) c.resize(c.count);
  }

  /** The messages as the analysis hands them out: views over the columns. */
  messages(): TraceMessage[] {
    const list: TraceMessage[] = new Array(this.c.count);
    for (let i = 0; i < this.c.count; i++) list[i] = new StoredMessage(this.c, i);
    return list;
  }
}

/** The empty `problems` and `reasonHeaders` of the messages that have none, as the parser's. */
const NO_STRINGS = Object.freeze([]) as unknown as string[];

/**
 * A message of the store. Its frame and its parse are one view over the columns (their field
 * names do not overlap), made on first access and kept: a few bytes, where making views anew on
 * every access would leave garbage at every field read, and one object where two would cost
 * another 40 bytes a message.
 */
class StoredMessage implements TraceMessage {
  private view?: StoredView;
  constructor(
    private readonly c: Columns,
    readonly index: number,
  ) {}
  get frame(): FramedMessage {
    return (this.view ??= new StoredView(this.c, this.index));
  }
  get sip(): SipMessage {
    return (this.view ??= new StoredView(this.c, this.index));
  }
  get retransmission(): boolean {
    return (this.c.flags[this.index] & F_RETRANSMISSION) !== 0;
  }
  set retransmission(value: boolean) {
    const flags = this.c.flags[this.index];
    this.c.flags[this.index] = value ? flags | F_RETRANSMISSION : flags & ~F_RETRANSMISSION;
  }
}

/** The frame and parse of a stored message, read from the columns. */
class StoredView implements FramedMessage, SipMessage {
  constructor(
    private readonly c: Columns,
    private readonly i: number,
  ) {}

  // FramedMessage

  get format(): FormatId {
    return FORMAT_IDS[this.c.format[this.i]];
  }
  set format(format: FormatId) {
    this.c.format[this.i] = FORMAT_NUMBERS[format];
  }
  get firstLine(): number {
    return this.c.firstLine[this.i];
  }
  get startLine(): number {
    return this.c.startLine[this.i];
  }
  get startColumn(): number {
    return this.c.startColumn[this.i];
  }
  get lastLine(): number {
    return this.c.lastLine[this.i];
  }
  get text(): string {
    return this.c.text[this.i];
  }
  get lineMap(): number[] | undefined {
    return this.c.lineMaps.get(this.i);
  }
  get time(): TraceTime | undefined {
    const flags = this.c.flags[this.i];
    if (!(flags & F_TIME)) return undefined;
    const time: TraceTime = { ms: this.c.timeMs[this.i], dated: (flags & F_DATED) !== 0 };
    if (flags & F_WHOLE_SECONDS) time.wholeSeconds = true;
    return time;
  }
  get direction(): Direction {
    return DIRECTIONS[this.c.flags[this.i] & DIRECTION_MASK];
  }
  set direction(direction: Direction) {
    this.c.flags[this.i] = (this.c.flags[this.i] & ~DIRECTION_MASK) | DIRECTIONS.indexOf(direction);
  }
  get src(): Endpoint | undefined {
    return this.c.src[this.i];
  }
  get dst(): Endpoint | undefined {
    return this.c.dst[this.i];
  }
  get announcedBytes(): number | undefined {
    const n = this.c.announcedBytes[this.i];
    return Number.isNaN(n) ? undefined : n;
  }
  get bytesIntact(): boolean {
    return (this.c.flags[this.i] & F_BYTES_INTACT) !== 0;
  }
  get frame(): number | undefined {
    const n = this.c.frameNumber[this.i];
    return n === NONE ? undefined : n;
  }
  get fragments(): number | undefined {
    return this.c.fragments.get(this.i);
  }
  get icmp(): IcmpAnswer | undefined {
    return this.c.icmp.get(this.i);
  }

  // SipMessage

  get kind(): SipMessage['kind'] {
    return KINDS[(this.c.flags[this.i] & KIND_MASK) >> KIND_SHIFT];
  }
  get method(): string | undefined {
    return this.c.method[this.i];
  }
  get requestUri(): string | undefined {
    return this.c.requestUri[this.i];
  }
  get status(): number | undefined {
    const n = this.c.status[this.i];
    return n === NONE ? undefined : n;
  }
  get reason(): string | undefined {
    return this.c.reason[this.i];
  }
  get version(): string | undefined {
    return this.c.version[this.i];
  }
  get startLineText(): string {
    const begin = this.c.begin[this.i];
    return this.c.text[this.i].slice(begin, begin + this.c.startLineEnd[this.i]);
  }
  get callId(): string | undefined {
    return this.c.callId[this.i];
  }
  get cseq(): CSeq | undefined {
    return this.c.cseq[this.i];
  }
  get from(): NameAddr | undefined {
    return this.c.from[this.i];
  }
  get to(): NameAddr | undefined {
    return this.c.to[this.i];
  }
  get branch(): string | undefined {
    return this.c.branch[this.i];
  }
  get viaHost(): string | undefined {
    return this.c.viaHost[this.i];
  }
  get contentLength(): number | undefined {
    const n = this.c.contentLength[this.i];
    return Number.isNaN(n) ? undefined : n;
  }
  get contentType(): string | undefined {
    return this.c.contentType[this.i];
  }
  get reasonHeaders(): string[] {
    return this.c.reasonHeaders.get(this.i) ?? NO_STRINGS;
  }
  get body(): string {
    const length = this.c.bodyLength[this.i];
    if (length === 0) return '';
    const own = this.c.ownBodies.get(this.i);
    if (own !== undefined) return own;
    const start = this.c.begin[this.i] + this.c.bodyStart[this.i];
    return this.c.text[this.i].slice(start, start + length);
  }
  get hasSdp(): boolean {
    return (this.c.flags[this.i] & F_SDP) !== 0;
  }
  get hasLinkHeader(): boolean {
    return (this.c.flags[this.i] & F_LINK_HEADER) !== 0;
  }
  get problems(): string[] {
    return this.c.problems.get(this.i) ?? NO_STRINGS;
  }
  get headers(): SipHeader[] {
    const cache = this.c.headerCache;
    let headers = cache.get(this.i);
    if (headers !== undefined) {
      cache.delete(this.i);
      cache.set(this.i, headers);
      return headers;
    }
    const begin = this.c.begin[this.i];
    const text = this.c.text[this.i];
    headers = headersIn(begin === 0 ? text : text.slice(begin), this.c.headerEnd[this.i]);
    if (cache.size >= HEADER_CACHE_SIZE) cache.delete(cache.keys().next().value as number);
    cache.set(this.i, headers);
    return headers;
  }
}
