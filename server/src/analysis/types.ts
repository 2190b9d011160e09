// The data model shared by every stage of the analysis:
// text → formats (FramedMessage) → message (SipMessage) → calls (Call, Transaction) → summary.
// Pure types only: no LSP or vscode imports anywhere under analysis/.
import type { Legs } from './legs/types';
import type { Finding, FindingThresholds } from './findings/types';

/** Trace framings we can read. `mixed` and `unknown` only describe a whole file. */
export type FormatId =
  | 'raw'
  | 'sipp'
  | 'asterisk-pjsip'
  | 'asterisk-chan-sip'
  | 'freeswitch'
  | 'kamailio-sipdump'
  | 'ngrep'
  | 'sngrep'
  | 'wireshark-text'
  | 'cisco-ccsip'
  | 'pjsip-app'
  | 'linphone'
  | 'baresip'
  | 'audiocodes'
  | 'ribbon'
  | 'capture-text';

/** Packet capture containers, read by `capture/`. */
export type CaptureFormat = 'pcap' | 'pcapng';

export type FileFormat = FormatId | CaptureFormat | 'mixed' | 'unknown';

/** Direction as seen by the host that wrote the log; `unknown` where the format does not say. */
export type Direction = 'sent' | 'received' | 'unknown';

export interface Endpoint {
  /** IP address or host name, without brackets. */
  host: string;
  port?: number;
  /** Lower-case transport (`udp`, `tcp`, `tls`, `ws`, …) where the framing names it. */
  transport?: string;
}

/**
 * A timestamp from a marker line. `dated` times are milliseconds since the Unix epoch
 * (naive log times are read as UTC); undated ones are milliseconds since midnight and may
 * exceed one day once midnight crossings are unrolled.
 */
export interface TraceTime {
  ms: number;
  dated: boolean;
  /** The log writes whole seconds only (`[Mar 30 13:35:40]`): times derived from it are ±1 s. */
  wholeSeconds?: boolean;
}

/** One SIP message cut out of a trace, with where it sits in the file. All lines are 0-based. */
export interface FramedMessage {
  format: FormatId;
  /** First line that belongs to this message: its marker line, or the start line if none. */
  firstLine: number;
  /** Line holding the SIP start line. */
  startLine: number;
  /** Column of the first SIP character on the start line (after log prefix or indent). */
  startColumn: number;
  /** Last line that belongs to this message (inclusive), closing marker included. */
  lastLine: number;
  /**
   * The SIP message as the sender wrote it, with framing, log prefixes and indent removed.
   * Line breaks are kept as found (CRLF or LF); the one-line ngrep form is unfolded to CRLF.
   */
  text: string;
  /**
   * For each line of `text`, the file line it came from (same length as the line count of
   * `text`). Omitted when the message is contiguous: then line i of text is file line
   * `startLine + i`.
   */
  lineMap?: number[];
  time?: TraceTime;
  direction: Direction;
  src?: Endpoint;
  dst?: Endpoint;
  /** Byte count the framing announced (`UDP message sent (584 bytes)`), if any. */
  announcedBytes?: number;
  /** True where the framing keeps bytes intact, so Content-Length can be checked. */
  bytesIntact: boolean;
  /** 1-based frame number in the packet capture the message came from (as Wireshark numbers frames). */
  frame?: number;
  /** Captures: the number of IP fragments the message travelled in (2 or more), where it was fragmented. */
  fragments?: number;
  /** Captures: an ICMP destination unreachable that answered this very packet. */
  icmp?: IcmpAnswer;
  /** What the framing found of the header block, handed to the parser so it need not read it again. */
  headerIndex?: HeaderIndex;
}

/**
 * What a framing found of a message's header block while cutting the message out, so that the
 * parser does not read those lines a second time. Made only for a block of plain `Name: value`
 * lines (no folds, no odd lines) ended by an empty line, in a message text that is a plain
 * slice of the trace. Offsets are in the message text:
 *   [0] the text's length (an index is used only with the text it was made for),
 *   [1] where the empty line starts (the header block's end), [2] where the body starts,
 *   then, for each header line parsedHeaderCode (message.ts) knows, in order: its code, its colon, its end
 *   (before the line break). Other header lines are left out: the parser skips them anyway.
 */
export type HeaderIndex = readonly number[];

/**
 * An ICMP or ICMPv6 destination unreachable whose quoted IP/UDP header and payload are those of
 * one SIP message sent over UDP: the network's or the far host's own word that it did not arrive.
 */
export interface IcmpAnswer {
  /** `ICMP` or `ICMPv6`. */
  protocol: 'ICMP' | 'ICMPv6';
  /** In words: `port unreachable`, `host unreachable`, `administratively prohibited`… */
  kind: string;
  /** Address that sent the ICMP error: the far host itself, or a router or firewall on the path. */
  from: string;
  /** Frame of the ICMP error in the capture. */
  frame: number;
}

/** A header as found, with its name normalised to the long lower-case form (`i` → `call-id`). */
export interface SipHeader {
  name: string;
  /** Name as written in the message. */
  rawName: string;
  /** Value with folding unfolded and surrounding white space trimmed. */
  value: string;
  /** Line index within the message text (0 = start line). */
  line: number;
}

export interface NameAddr {
  /** The whole header value. */
  raw: string;
  displayName?: string;
  uri: string;
  /** User part of the URI (sip:, sips:, tel:), %-decoded; the host where there is no user. */
  user: string;
  tag?: string;
}

export interface CSeq {
  seq: number;
  method: string;
}

/** A parsed SIP message. `problems` is non-empty when the message is malformed. */
export interface SipMessage {
  kind: 'request' | 'response' | 'invalid';
  /** Request method, upper-case as written (requests only). */
  method?: string;
  requestUri?: string;
  /** Status code (responses only); may be outside 100–699 (9xx route-blocked). */
  status?: number;
  reason?: string;
  /** `SIP/2.0` normally. */
  version?: string;
  /** The start line as written. */
  startLineText: string;
  callId?: string;
  cseq?: CSeq;
  from?: NameAddr;
  to?: NameAddr;
  /** Branch of the topmost Via. */
  branch?: string;
  /** Sent-by host of the topmost Via. */
  viaHost?: string;
  contentLength?: number;
  contentType?: string;
  /** Raw `Reason` header values (may be several). */
  reasonHeaders: string[];
  body: string;
  hasSdp: boolean;
  /** Has a header legs are linked by (X-Call-ID, X-CID, X-Orig-Call-ID, Session-ID, P-Charging-Vector). */
  hasLinkHeader: boolean;
  /** Human-readable reasons the message does not parse; empty when it is well formed. */
  problems: string[];
  /** All headers, in order. Parsed on first access by `headersOf` where the parser is lazy. */
  headers: SipHeader[];
}

/** A framed message together with its parse. */
export interface TraceMessage {
  /** Index in the trace's message list. */
  index: number;
  frame: FramedMessage;
  sip: SipMessage;
  /** True for a retransmitted copy (same message seen again); the first copy is canonical. */
  retransmission: boolean;
}

/** Outcome vocabulary of a call; see DESIGN.md. */
export type Outcome =
  | 'answered'
  | 'busy'
  | 'redirected'
  | 'route-blocked'
  | 'no-answer'
  | 'cancelled'
  | 'failed'
  | 'no-final';

export const OUTCOMES: readonly Outcome[] = [
  'answered',
  'busy',
  'redirected',
  'route-blocked',
  'no-answer',
  'cancelled',
  'failed',
  'no-final',
];

export type Side = 'local' | 'remote';

/** Something about the input as a whole that the user should be told (binary file, encoding…). */
export interface TraceNotice {
  kind: 'binary' | 'encoding' | 'truncated' | 'no-sip' | 'too-large' | 'capture';
  message: string;
  /** 0-based line the notice is about, where it is about one place. */
  line?: number;
}

/** A call: a Call-ID whose trace holds an initial INVITE (no To-tag). */
export interface Call {
  callId: string;
  /** User part of the initial INVITE's From / To URI. */
  from: string;
  to: string;
  /** Indexes (into TraceAnalysis.messages) of every message with this Call-ID, in file order. */
  messages: number[];
  /** Index of the first INVITE of the initial chain. */
  firstInvite: number;
  /** Index of the last INVITE of the initial chain (after 401/407 retries). */
  lastInvite: number;
  /** Index of the final response that decided the outcome, if any. */
  finalResponse?: number;
  /** Index of the first 18x to the initial chain, if any. */
  firstRinging?: number;
  /** Index of the BYE that ended an answered call, if any. */
  bye?: number;
  /** Index of the caller's CANCEL, if any. */
  cancel?: number;
  outcome: Outcome;
  finalStatus: number | null;
  finalReason: string | null;
  /** Reason header of the final or the BYE, mapped to words: `Q.850 17 User busy`. */
  cause: string | null;
  endedBy: Side | null;
  /** ISO 8601 time of the first INVITE where the trace gives a date. */
  startTime: string | null;
  /** Time of day of the first INVITE, `HH:MM:SS.mmm`, where the trace gives one. */
  startClock: string | null;
  startLine: number;
  finalLine: number | null;
  setupMs: number | null;
  pddMs: number | null;
  durationMs: number | null;
  /** True when the times behind setupMs / pddMs / durationMs are whole seconds (the log has no fractions). */
  wholeSeconds: boolean;
  /** True when the local side (see DESIGN.md) sent the first INVITE. */
  outgoing: boolean;
  /** Flow-aware findings (the findings stage), in file order; they never change the outcome. */
  findings: Finding[];
  /** One sentence saying what happened and what to check. */
  verdict: string;
}

/** A non-INVITE transaction outside any call (OPTIONS, REGISTER, SUBSCRIBE, MESSAGE, mid-dialog fragments…). */
export interface Transaction {
  method: string;
  callId: string;
  cseq: number;
  /** Index of the request (first copy), or of the first response when the request is not in the trace. */
  first: number;
  startLine: number;
  /** Index of the final response, if any. */
  finalResponse?: number;
  finalStatus: number | null;
  finalReason: string | null;
  messages: number[];
  /** Flow-aware findings (the findings stage), in file order. */
  findings: Finding[];
}

/** Options that change how a trace is read. */
export interface AnalysisOptions {
  /** Addresses of the local host, for formats that record only addresses. */
  localAddresses?: readonly string[];
  /**
   * When the text was decoded as Latin-1 from bytes (the fast path for big files), strings kept
   * for output are re-decoded as UTF-8 with this function.
   */
  redecode?: (latin1: string) => string;
  /** Checked between stages and every few thousand messages; throwing aborts the analysis. */
  isCancelled?: () => boolean;
  /** Thresholds of the `slow-setup` finding; defaults where not given. */
  thresholds?: FindingThresholds;
  /** Most messages read (MAX_MESSAGES in analyze.ts when not given; tests give a small one). */
  maxMessages?: number;
  /** Told every few thousand lines how much of the text has been read (0–1); the calls are made after. */
  onReadProgress?: (fraction: number) => void;
}

/** Everything the analysis knows about one trace. Features read this; they never re-parse. */
export interface TraceAnalysis {
  format: FileFormat;
  messages: TraceMessage[];
  calls: Call[];
  transactions: Transaction[];
  notices: TraceNotice[];
  /** For each message index: the index of the call it belongs to, or -1. */
  callOf: Int32Array;
  /** For each message index: the index of the transaction it belongs to, or -1. */
  transactionOf: Int32Array;
  /** For each response index: the index of the request (first copy) it answers, or -1. */
  requestOf: Int32Array;
  /**
   * Final responses >= 400 that are part of normal call flow, not failures: a 401/407 answered
   * by an authenticated retry, and a 487 to an INVITE the caller cancelled.
   */
  benignFinals: ReadonlySet<number>;
  /** Calls that are legs of one call through a B2BUA (see legs/). */
  legs: Legs;
  /** Number of lines in the text. */
  lineCount: number;
}
