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
// | flags           | Uint16      | direction, kind and the yes/no facts (F_* bits below)           |
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
import { headersIn, messageLayout } from './message';
import type { CSeq, Direction, Endpoint, FormatId, FramedMessage, IcmpAnswer, NameAddr, SipHeader, SipMessage, TraceMessage, TraceTime } from './types';

export const NONE = -1;

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

/** Parsed header lists kept for the messages asked about last (hovers, a call's findings). */
const HEADER_CACHE_SIZE = 64;

/** `array` copied into a new one of `size` elements (cut, or padded with zeros). */
function resized<T extends Float64Array | Int32Array | Uint16Array | Uint8Array>(array: T, size: number): T {
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(size >= array.length ? array : array.subarray(0, size));
  return next;
}

export class MessageStore {
  count = 0;
  private format = new Uint8Array(1024);
  private flags = new Uint16Array(1024);
  private firstLine = new Int32Array(1024);
  private startLine = new Int32Array(1024);
  private startColumn = new Int32Array(1024);
  private lastLine = new Int32Array(1024);
  private timeMs = new Float64Array(1024);
  private announcedBytes = new Float64Array(1024);
  private frameNumber = new Int32Array(1024);
  private begin = new Int32Array(1024);
  private startLineEnd = new Int32Array(1024);
  private headerEnd = new Int32Array(1024);
  private bodyStart = new Int32Array(1024);
  private bodyLength = new Int32Array(1024);
  private status = new Int32Array(1024);
  private contentLength = new Float64Array(1024);
  private readonly text: string[] = [];
  private readonly method: (string | undefined)[] = [];
  private readonly requestUri: (string | undefined)[] = [];
  private readonly reason: (string | undefined)[] = [];
  private readonly version: (string | undefined)[] = [];
  private readonly callId: (string | undefined)[] = [];
  private readonly branch: (string | undefined)[] = [];
  private readonly viaHost: (string | undefined)[] = [];
  private readonly contentType: (string | undefined)[] = [];
  private readonly cseq: (CSeq | undefined)[] = [];
  private readonly from: (NameAddr | undefined)[] = [];
  private readonly to: (NameAddr | undefined)[] = [];
  private readonly src: (Endpoint | undefined)[] = [];
  private readonly dst: (Endpoint | undefined)[] = [];
  private readonly lineMaps = new Map<number, number[]>();
  private readonly fragments = new Map<number, number>();
  private readonly icmp = new Map<number, IcmpAnswer>();
  private readonly reasonHeaders = new Map<number, string[]>();
  private readonly problems = new Map<number, string[]>();
  /** Bodies that are not `text` sliced at bodyStart (a UTF-8 body cut by Content-Length mid-character). */
  private readonly ownBodies = new Map<number, string>();
  private readonly headerCache = new Map<number, SipHeader[]>();

  /** Adds a framed message with its parse (made by parseSipMessage from `frame.text`); returns its index. */
  add(frame: FramedMessage, sip: SipMessage): number {
    const i = this.count++;
    if (i === this.flags.length) this.resize(i * 2);
    const layout = messageLayout(sip);
    if (!layout) throw new Error('MessageStore.add needs a message made by parseSipMessage');
    this.format[i] = FORMAT_NUMBERS[frame.format];
    let flags = DIRECTIONS.indexOf(frame.direction) | (KINDS.indexOf(sip.kind) << KIND_SHIFT);
    if (frame.bytesIntact) flags |= F_BYTES_INTACT;
    if (sip.hasSdp) flags |= F_SDP;
    if (frame.time) {
      flags |= F_TIME;
      if (frame.time.dated) flags |= F_DATED;
      if (frame.time.wholeSeconds) flags |= F_WHOLE_SECONDS;
      this.timeMs[i] = frame.time.ms;
    }
    this.flags[i] = flags;
    this.firstLine[i] = frame.firstLine;
    this.startLine[i] = frame.startLine;
    this.startColumn[i] = frame.startColumn;
    this.lastLine[i] = frame.lastLine;
    this.announcedBytes[i] = frame.announcedBytes ?? NaN;
    this.frameNumber[i] = frame.frame ?? NONE;
    this.text.push(frame.text);
    this.src.push(frame.src);
    this.dst.push(frame.dst);
    if (frame.lineMap) this.lineMaps.set(i, frame.lineMap);
    if (frame.fragments !== undefined) this.fragments.set(i, frame.fragments);
    if (frame.icmp) this.icmp.set(i, frame.icmp);

    this.begin[i] = layout.begin;
    this.startLineEnd[i] = sip.startLineText.length;
    this.headerEnd[i] = layout.headerEnd;
    this.bodyStart[i] = layout.bodyStart;
    this.bodyLength[i] = sip.body.length;
    if (!layout.bodyIsSlice) this.ownBodies.set(i, sip.body);
    this.status[i] = sip.status ?? NONE;
    this.contentLength[i] = sip.contentLength ?? NaN;
    this.method.push(sip.method);
    this.requestUri.push(sip.requestUri);
    this.reason.push(sip.reason);
    this.version.push(sip.version);
    this.callId.push(sip.callId);
    this.branch.push(sip.branch);
    this.viaHost.push(sip.viaHost);
    this.contentType.push(sip.contentType);
    this.cseq.push(sip.cseq);
    this.from.push(sip.from);
    this.to.push(sip.to);
    if (sip.reasonHeaders.length > 0) this.reasonHeaders.set(i, sip.reasonHeaders);
    if (sip.problems.length > 0) this.problems.set(i, sip.problems);
    return i;
  }

  /** Drops the unused room at the end of the columns once every message is in. */
  trim(): void {
    if (this.flags.length > this.count) this.resize(this.count);
  }

  /** The messages as the analysis hands them out: views over the columns. */
  messages(): TraceMessage[] {
    const list: TraceMessage[] = new Array(this.count);
    for (let i = 0; i < this.count; i++) list[i] = new StoredMessage(this, i);
    return list;
  }

  private resize(size: number): void {
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
  }

  // Frame fields.
  frameFormat(i: number): FormatId {
    return FORMAT_IDS[this.format[i]];
  }
  setFrameFormat(i: number, format: FormatId): void {
    this.format[i] = FORMAT_NUMBERS[format];
  }
  direction(i: number): Direction {
    return DIRECTIONS[this.flags[i] & DIRECTION_MASK];
  }
  setDirection(i: number, direction: Direction): void {
    this.flags[i] = (this.flags[i] & ~DIRECTION_MASK) | DIRECTIONS.indexOf(direction);
  }
  firstLineOf(i: number): number {
    return this.firstLine[i];
  }
  startLineOf(i: number): number {
    return this.startLine[i];
  }
  startColumnOf(i: number): number {
    return this.startColumn[i];
  }
  lastLineOf(i: number): number {
    return this.lastLine[i];
  }
  textOf(i: number): string {
    return this.text[i];
  }
  lineMapOf(i: number): number[] | undefined {
    return this.lineMaps.get(i);
  }
  timeOf(i: number): TraceTime | undefined {
    const flags = this.flags[i];
    if (!(flags & F_TIME)) return undefined;
    const time: TraceTime = { ms: this.timeMs[i], dated: (flags & F_DATED) !== 0 };
    if (flags & F_WHOLE_SECONDS) time.wholeSeconds = true;
    return time;
  }
  srcOf(i: number): Endpoint | undefined {
    return this.src[i];
  }
  dstOf(i: number): Endpoint | undefined {
    return this.dst[i];
  }
  announcedBytesOf(i: number): number | undefined {
    const n = this.announcedBytes[i];
    return Number.isNaN(n) ? undefined : n;
  }
  bytesIntact(i: number): boolean {
    return (this.flags[i] & F_BYTES_INTACT) !== 0;
  }
  frameNumberOf(i: number): number | undefined {
    const n = this.frameNumber[i];
    return n === NONE ? undefined : n;
  }
  fragmentsOf(i: number): number | undefined {
    return this.fragments.get(i);
  }
  icmpOf(i: number): IcmpAnswer | undefined {
    return this.icmp.get(i);
  }
  isRetransmission(i: number): boolean {
    return (this.flags[i] & F_RETRANSMISSION) !== 0;
  }
  setRetransmission(i: number, value: boolean): void {
    this.flags[i] = value ? this.flags[i] | F_RETRANSMISSION : this.flags[i] & ~F_RETRANSMISSION;
  }

  // SIP fields.
  kind(i: number): SipMessage['kind'] {
    return KINDS[(this.flags[i] & KIND_MASK) >> KIND_SHIFT];
  }
  methodOf(i: number): string | undefined {
    return this.method[i];
  }
  requestUriOf(i: number): string | undefined {
    return this.requestUri[i];
  }
  statusOf(i: number): number | undefined {
    const n = this.status[i];
    return n === NONE ? undefined : n;
  }
  reasonOf(i: number): string | undefined {
    return this.reason[i];
  }
  versionOf(i: number): string | undefined {
    return this.version[i];
  }
  startLineTextOf(i: number): string {
    const begin = this.begin[i];
    return this.text[i].slice(begin, begin + this.startLineEnd[i]);
  }
  callIdOf(i: number): string | undefined {
    return this.callId[i];
  }
  cseqOf(i: number): CSeq | undefined {
    return this.cseq[i];
  }
  fromOf(i: number): NameAddr | undefined {
    return this.from[i];
  }
  toOf(i: number): NameAddr | undefined {
    return this.to[i];
  }
  branchOf(i: number): string | undefined {
    return this.branch[i];
  }
  viaHostOf(i: number): string | undefined {
    return this.viaHost[i];
  }
  contentLengthOf(i: number): number | undefined {
    const n = this.contentLength[i];
    return Number.isNaN(n) ? undefined : n;
  }
  contentTypeOf(i: number): string | undefined {
    return this.contentType[i];
  }
  reasonHeadersOf(i: number): string[] {
    return this.reasonHeaders.get(i) ?? NO_STRINGS;
  }
  bodyOf(i: number): string {
    const length = this.bodyLength[i];
    if (length === 0) return '';
    const own = this.ownBodies.get(i);
    if (own !== undefined) return own;
    const start = this.begin[i] + this.bodyStart[i];
    return this.text[i].slice(start, start + length);
  }
  hasSdp(i: number): boolean {
    return (this.flags[i] & F_SDP) !== 0;
  }
  problemsOf(i: number): string[] {
    return this.problems.get(i) ?? NO_STRINGS;
  }
  headersOf(i: number): SipHeader[] {
    let headers = this.headerCache.get(i);
    if (headers !== undefined) {
      // Most recently used last, so the first key is the one to drop.
      this.headerCache.delete(i);
      this.headerCache.set(i, headers);
      return headers;
    }
    const begin = this.begin[i];
    const text = this.text[i];
    headers = headersIn(begin === 0 ? text : text.slice(begin), this.headerEnd[i]);
    if (this.headerCache.size >= HEADER_CACHE_SIZE) this.headerCache.delete(this.headerCache.keys().next().value as number);
    this.headerCache.set(i, headers);
    return headers;
  }
}

/** The empty `problems` and `reasonHeaders` of the messages that have none, as the parser's. */
const NO_STRINGS = Object.freeze([]) as unknown as string[];

/**
 * A message of the store. Its frame and parse views are made on first access and kept: a few
 * bytes each, where making them anew on every access would leave garbage at every field read.
 */
class StoredMessage implements TraceMessage {
  private frameView?: StoredFrame;
  private sipView?: StoredSip;
  constructor(
    private readonly store: MessageStore,
    readonly index: number,
  ) {}
  get frame(): FramedMessage {
    return (this.frameView ??= new StoredFrame(this.store, this.index));
  }
  get sip(): SipMessage {
    return (this.sipView ??= new StoredSip(this.store, this.index));
  }
  get retransmission(): boolean {
    return this.store.isRetransmission(this.index);
  }
  set retransmission(value: boolean) {
    this.store.setRetransmission(this.index, value);
  }
}

class StoredFrame implements FramedMessage {
  constructor(
    private readonly store: MessageStore,
    private readonly i: number,
  ) {}
  get format(): FormatId {
    return this.store.frameFormat(this.i);
  }
  set format(format: FormatId) {
    this.store.setFrameFormat(this.i, format);
  }
  get firstLine(): number {
    return this.store.firstLineOf(this.i);
  }
  get startLine(): number {
    return this.store.startLineOf(this.i);
  }
  get startColumn(): number {
    return this.store.startColumnOf(this.i);
  }
  get lastLine(): number {
    return this.store.lastLineOf(this.i);
  }
  get text(): string {
    return this.store.textOf(this.i);
  }
  get lineMap(): number[] | undefined {
    return this.store.lineMapOf(this.i);
  }
  get time(): TraceTime | undefined {
    return this.store.timeOf(this.i);
  }
  get direction(): Direction {
    return this.store.direction(this.i);
  }
  set direction(direction: Direction) {
    this.store.setDirection(this.i, direction);
  }
  get src(): Endpoint | undefined {
    return this.store.srcOf(this.i);
  }
  get dst(): Endpoint | undefined {
    return this.store.dstOf(this.i);
  }
  get announcedBytes(): number | undefined {
    return this.store.announcedBytesOf(this.i);
  }
  get bytesIntact(): boolean {
    return this.store.bytesIntact(this.i);
  }
  get frame(): number | undefined {
    return this.store.frameNumberOf(this.i);
  }
  get fragments(): number | undefined {
    return this.store.fragmentsOf(this.i);
  }
  get icmp(): IcmpAnswer | undefined {
    return this.store.icmpOf(this.i);
  }
}

class StoredSip implements SipMessage {
  constructor(
    private readonly store: MessageStore,
    private readonly i: number,
  ) {}
  get kind(): SipMessage['kind'] {
    return this.store.kind(this.i);
  }
  get method(): string | undefined {
    return this.store.methodOf(this.i);
  }
  get requestUri(): string | undefined {
    return this.store.requestUriOf(this.i);
  }
  get status(): number | undefined {
    return this.store.statusOf(this.i);
  }
  get reason(): string | undefined {
    return this.store.reasonOf(this.i);
  }
  get version(): string | undefined {
    return this.store.versionOf(this.i);
  }
  get startLineText(): string {
    return this.store.startLineTextOf(this.i);
  }
  get callId(): string | undefined {
    return this.store.callIdOf(this.i);
  }
  get cseq(): CSeq | undefined {
    return this.store.cseqOf(this.i);
  }
  get from(): NameAddr | undefined {
    return this.store.fromOf(this.i);
  }
  get to(): NameAddr | undefined {
    return this.store.toOf(this.i);
  }
  get branch(): string | undefined {
    return this.store.branchOf(this.i);
  }
  get viaHost(): string | undefined {
    return this.store.viaHostOf(this.i);
  }
  get contentLength(): number | undefined {
    return this.store.contentLengthOf(this.i);
  }
  get contentType(): string | undefined {
    return this.store.contentTypeOf(this.i);
  }
  get reasonHeaders(): string[] {
    return this.store.reasonHeadersOf(this.i);
  }
  get body(): string {
    return this.store.bodyOf(this.i);
  }
  get hasSdp(): boolean {
    return this.store.hasSdp(this.i);
  }
  get problems(): string[] {
    return this.store.problemsOf(this.i);
  }
  get headers(): SipHeader[] {
    return this.store.headersOf(this.i);
  }
}
