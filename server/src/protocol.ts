// Custom LSP messages, typed once and imported by both the server and the client.
import { NotificationType, RequestType } from 'vscode-jsonrpc';
import type { FileStats } from './analysis/fileStats';
import type { OutcomeTotals, Summary } from './analysis/summary';

export type { Summary, SummaryCall, SummaryTransaction, OutcomeTotals } from './analysis/summary';

export interface SummaryParams {
  /** Document URI; served from disk when the document is not open (e.g. files over 50 MB). */
  uri: string;
}

/** `sipLens/summary`: the per-file summary of DESIGN.md. */
export const SummaryRequest = new RequestType<SummaryParams, Summary, void>('sipLens/summary');

export interface CallFlowParams {
  uri: string;
  callId: string;
  /** Draw every leg of the call (B2BUA legs) in one ladder, a lane per party. */
  legs?: boolean;
}

/** One party (lane) of a ladder diagram. */
export interface CallFlowParty {
  id: string;
  label: string;
  /** True for the side that wrote the log (or the local side by setting / caller rule). */
  local: boolean;
}

/** One arrow of a ladder diagram. */
export interface CallFlowArrow {
  /** Party ids. */
  from: string;
  to: string;
  /** `INVITE`, `180 Ringing`, … */
  label: string;
  kind: 'request' | 'response';
  status: number | null;
  /** Milliseconds since the call's first message, or null where the trace has no times. */
  relativeMs: number | null;
  /** 0-based line of the start line, to reveal the message. */
  line: number;
  /** Captures: the 1-based frame that carried the message, as Wireshark numbers it. */
  frame?: number;
  retransmission: boolean;
  hasSdp: boolean;
  /** Findings that point at this message: `[{ code, severity, message }]`, empty when none. */
  findings: CallFlowFinding[];
  /** In a ladder of several legs: the Call-ID of the message's leg. */
  callId?: string;
}

export interface CallFlowFinding {
  code: string;
  severity: 'error' | 'warning' | 'information' | 'hint';
  message: string;
}

export interface CallFlow {
  callId: string;
  parties: CallFlowParty[];
  arrows: CallFlowArrow[];
  /** Present when the ladder shows several legs: their Call-IDs, in file order. */
  legs?: string[];
}

/** `sipLens/callFlow`: the messages of one Call-ID as a ladder. Null when the Call-ID is not in the trace. */
export const CallFlowRequest = new RequestType<CallFlowParams, CallFlow | null, void>('sipLens/callFlow');

export interface CaptureTextParams {
  /** URI of a packet capture (pcap, pcapng, or either gzip-compressed) on disk. */
  uri: string;
}

export interface CaptureText {
  /**
   * The capture rendered as a text trace SIP Lens reads back. Line fields of the capture's
   * summary and call flows refer to this text.
   */
  text: string;
}

/**
 * `sipLens/captureText`: a capture on disk as text, for *Open as Text Trace*. A request error
 * when the file is missing or not a capture.
 */
export const CaptureTextRequest = new RequestType<CaptureTextParams, CaptureText, void>('sipLens/captureText');

export type { FileStats, FailureKind } from './analysis/fileStats';

export interface WorkspaceTracesParams {
  /** `file:` URIs of the workspace folders to look through (other schemes are ignored). */
  folders: string[];
  /** Files to analyse even beyond the limits (the user asked for them). */
  analyse?: string[];
}

/** Why a trace file was listed without its figures. */
export type NotAnalysedReason = 'too-large' | 'too-many';

export interface WorkspaceTraceFile {
  uri: string;
  /** URI of the workspace folder it was found in, and its path below that folder (with `/`). */
  folder: string;
  relativePath: string;
  size: number;
  /** A packet capture (by its magic bytes), shown in the capture editor; otherwise a text trace. */
  capture: boolean;
  /** The file's figures, when it was analysed. */
  stats?: FileStats;
  /** Set when the file was left alone to bound the work; a request naming it in `analyse` reads it. */
  notAnalysed?: NotAnalysedReason;
  /** Why it could not be analysed (unreadable, vanished…). */
  error?: string;
}

/** The bounds on the work one listing does. */
export interface WorkspaceTraceLimits {
  /** Files looked at (sniffed) per folder, at most. */
  filesLooked: number;
  /** Files analysed, at most. */
  filesAnalysed: number;
  /** Bytes of one file, at most. */
  fileBytes: number;
  /** Bytes of all analysed files together, at most. */
  totalBytes: number;
}

export interface WorkspaceTraces {
  files: WorkspaceTraceFile[];
  /** Over the analysed files: calls, messages, outcome totals and the ASR. */
  calls: number;
  messages: number;
  totals: OutcomeTotals;
  asr: number | null;
  /** A folder held more files than `limits.filesLooked`: the list may miss some. */
  truncated: boolean;
  limits: WorkspaceTraceLimits;
}

/**
 * `sipLens/workspaceTraces`: the trace files of the workspace (found by content, as
 * `sip-lens summary DIR` finds them) with their figures, read from disk within `limits`.
 */
export const WorkspaceTracesRequest = new RequestType<WorkspaceTracesParams, WorkspaceTraces, void>('sipLens/workspaceTraces');

export interface ExtractCallsParams {
  /** The trace: an open document, else a file on disk (a text trace or a packet capture). */
  uri: string;
  /** Call-IDs of the calls to take. */
  callIds: string[];
  /** Also take every other leg of each call (B2BUA legs). */
  withLegs?: boolean;
}

export interface ExtractedCalls {
  /**
   * The calls' messages, copied verbatim in the trace's own framing. With `encoding` `latin1`
   * each character is one byte of the file, so written back as Latin-1 they are the file's own
   * bytes, whatever their encoding. From a packet capture on disk: a capture file of the calls'
   * packets, base64-encoded (`encoding` `base64`, `container` says which kind).
   */
  text: string;
  encoding: 'utf8' | 'latin1' | 'base64';
  /** The kind of capture file `text` holds, when it is one. */
  container?: 'pcap' | 'pcapng';
  /** Calls taken (legs included). */
  calls: number;
}

/** `sipLens/extractCalls`: a new trace holding only some calls, for *Save Selected Calls As…*. */
export const ExtractCallsRequest = new RequestType<ExtractCallsParams, ExtractedCalls, void>('sipLens/extractCalls');

/**
 * The server's `capabilities.experimental` in its InitializeResult: from `openByUriFrom`
 * characters on, a document of a `file:` URI that is not dirty may be announced with
 * `sipLens/didOpenFile` instead of a `textDocument/didOpen` carrying its text.
 */
export interface ServerExperimentalCapabilities {
  sipLens?: { openByUriFrom?: number };
}

/** The encodings (VS Code's names) of the documents the server can read from their file. */
export const OPEN_BY_URI_ENCODINGS: readonly string[] = ['utf8', 'utf8bom', 'utf16le', 'utf16be', 'iso88591'];

/**
 * What the editor holds of a file it announces by URI: the server reads and decodes the file
 * itself and checks its text against these before analysing it.
 */
export interface DidOpenFileParams {
  textDocument: { uri: string; languageId: string; version: number };
  /** VS Code's name for the encoding the editor decoded the file with: one of OPEN_BY_URI_ENCODINGS. */
  encoding: string;
  /** The editor's text: its length in UTF-16 code units, its line count and its line ending. */
  length: number;
  lineCount: number;
  eol: '\n' | '\r\n';
  /** The file's size (bytes) and modification time (ms since the epoch) when it was announced. */
  size: number;
  mtimeMs: number;
}

/**
 * `sipLens/didOpenFile` (client → server): a big file-backed document was opened; the server
 * reads its text from disk. Like `textDocument/didOpen` otherwise: it is closed with
 * `textDocument/didClose`, and its changes come as `sipLens/didChangeFile`. Sent again when the
 * document is saved (the file then holds the editor's text: the changes so far are in it).
 */
export const DidOpenFileNotification = new NotificationType<DidOpenFileParams>('sipLens/didOpenFile');

/** One change of the editor's text, as `textDocument/didChange` gives it (applied in order). */
export interface FileChange {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  text: string;
}

/**
 * Changes of a document opened by URI, with what the editor holds after them: the server applies
 * every change since the file was announced to the file's text, and checks the result.
 */
export interface DidChangeFileParams {
  textDocument: { uri: string; version: number };
  contentChanges: FileChange[];
  /** The editor's text after the changes: its length in UTF-16 code units and its line count. */
  length: number;
  lineCount: number;
}

/**
 * `sipLens/didChangeFile` (client → server): a document opened by URI was edited. The file on
 * disk is as it was; the server reads it and applies the edits, so the text is never sent. When
 * it cannot (too many edits, a result other than the editor's), it asks for the text.
 */
export const DidChangeFileNotification = new NotificationType<DidChangeFileParams>('sipLens/didChangeFile');

export interface SendTextParams {
  uri: string;
}

/**
 * `sipLens/sendText` (server → client): a document announced by URI cannot be read from disk as
 * the editor holds it (the file changed, another decoding, a different length): send its text
 * with a `textDocument/didOpen`.
 */
export const SendTextNotification = new NotificationType<SendTextParams>('sipLens/sendText');
