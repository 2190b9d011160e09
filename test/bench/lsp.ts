// The language server under load, driven over stdio as an editor would drive it:
// didOpen → publishDiagnostics on 10 and 50 MB documents, hovers while a 50 MB analysis runs,
// hover latency on the analysed 50 MB document, `sipLens/summary` of a 200 MB file that is not
// open (the server reads it from disk), and — in a fresh server holding only the 50 MB document —
// the server process's resident memory (every thread: its analysis workers included).
// The documents are files on disk opened as the extension opens them: announced by URI
// (`sipLens/didOpenFile`), the server reading the file, and an edit of the 50 MB one goes as a
// change (`sipLens/didChangeFile`). The 50 MB document's rows are measured again with its text
// sent in full (`textDocument/didOpen`), the way an untitled document (a paste) goes.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { DidChangeFileNotification, type DidChangeFileParams, DidOpenFileNotification, type DidOpenFileParams, SendTextNotification, SummaryRequest } from '../../server/src/protocol';
import { SERVER_EXEC_ARGV } from '../../client/src/serverProcess';
import { percentile } from './measure';
import { Rng } from './rng';

export interface LspInputs {
  serverScript: string;
  /** Traces in a framing whose responses start at column 0 (SIPp). */
  doc10: string;
  doc50: string;
  file200?: string;
  /** Calls the generator put in the 200 MB file, to check the summary. */
  calls200?: number;
  hoverCount: number;
  /** How the two documents are called in the log: their sizes. */
  labels: [string, string];
}

/** How a document is opened: announced by URI (the server reads the file), or with its text. */
export type OpenMode = 'uri' | 'text';

/** Hovers on the analysed 10 MB document, sent one after another until the 50 MB one's diagnostics arrive. */
export interface HoversDuringAnalysis {
  /** The first one is sent right behind the didOpen: with the text, it waits while the server reads and parses that message. */
  firstMs: number;
  p50Ms: number;
  maxMs: number;
  /** The worst of the hovers after the first. */
  maxLaterMs: number;
  count: number;
  answeredBeforeDiagnostics: boolean;
}

export interface LspResults {
  /** Documents opened by URI, as the extension opens big files from disk. */
  didOpenToDiagnostics10Ms: number;
  diagnostics10: number;
  didOpenToDiagnostics50Ms: number;
  diagnostics50: number;
  hoverDuringAnalysis: HoversDuringAnalysis;
  /** A hover on the 50 MB document sent right after its didOpen: waits for the analysis. */
  firstHoverOnOpening50Ms: number;
  /** An edit of the 50 MB document opened by URI (sent as a change): until its diagnostics, and hovers meanwhile. */
  edit50: { editToDiagnosticsMs: number; diagnostics: number; during: HoversDuringAnalysis };
  hover50: { count: number; p50Ms: number; p99Ms: number; maxMs: number; empty: number };
  summary200?: { ms: number; calls: number; messages: number; expectedCalls?: number };
  /** A fresh server: RSS when idle, and once it holds the analysed 50 MB document (after a few hovers). */
  memory50?: ServerMemory;
  /** The same 50 MB rows with the document's text sent in full (a `textDocument/didOpen`). */
  text50?: { didOpenToDiagnosticsMs: number; diagnostics: number; hoverDuringAnalysis: HoversDuringAnalysis; memory?: ServerMemory };
}

export interface ServerMemory {
  documentBytes: number;
  idleRssBytes: number;
  /** RSS holding the open document and its analysis (the document's text included). */
  holdingRssBytes: number;
  /** Highest RSS the process reached until then. */
  peakRssBytes: number;
}

const TIMEOUT_MS = 180_000;

function now(): number {
  return performance.now();
}

/** 0-based lines whose text starts with `SIP/2.0 ` (response start lines in SIPp traces). */
function responseLines(text: string): number[] {
  const lines: number[] = [];
  let line = 0;
  let at = 0;
  for (;;) {
    if (text.startsWith('SIP/2.0 ', at)) lines.push(line);
    const nl = text.indexOf('\n', at);
    if (nl < 0) break;
    at = nl + 1;
    line++;
  }
  return lines;
}

function withTimeout<T>(promise: Promise<T>, what: string, ms = TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

class DiagnosticsWaiter {
  private readonly waiting = new Map<string, (params: PublishDiagnosticsParams) => void>();

  constructor(connection: ProtocolConnection) {
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.waiting.get(params.uri)?.(params);
      this.waiting.delete(params.uri);
    });
  }

  next(uri: string): Promise<PublishDiagnosticsParams> {
    return withTimeout(new Promise((resolve) => this.waiting.set(uri, resolve)), `diagnostics of ${uri}`);
  }
}

function pacing(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface ServerSession {
  child: ChildProcess;
  connection: ProtocolConnection;
  diagnostics: DiagnosticsWaiter;
  guard: <T>(p: Promise<T>) => Promise<T>;
  stop(): Promise<void>;
}

/** Starts the server over stdio and initializes it. */
async function startServer(serverScript: string): Promise<ServerSession> {
  const child: ChildProcess = spawn(process.execPath, [...SERVER_EXEC_ARGV, serverScript, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    if (stderr.length < 16_000) stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const diagnostics = new DiagnosticsWaiter(connection);
  connection.listen();
  const early = exited.then((code) => {
    throw new Error(`language server exited (code ${code}) ${stderr.trim().slice(0, 400)}`);
  });
  // After a normal shutdown the server exits too: that rejection is nobody's concern.
  early.catch(() => undefined);
  // A document opened by URI that the server could not read as announced would wait for its text.
  const textAsked = new Promise<never>((_, reject) =>
    connection.onNotification(SendTextNotification, (params) => reject(new Error(`the server asked for the text of ${params.uri}`))),
  );
  textAsked.catch(() => undefined);
  const guard = <T>(p: Promise<T>): Promise<T> => Promise.race([p, early, textAsked]);
  const stop = async (): Promise<void> => {
    try {
      await withTimeout(connection.sendRequest(ShutdownRequest.type), 'shutdown', 10_000);
      await connection.sendNotification(ExitNotification.type);
      await withTimeout(exited, 'server exit', 10_000);
    } catch {
      child.kill();
    }
    connection.dispose();
  };
  try {
    await guard(
      withTimeout(
        connection.sendRequest(InitializeRequest.type, {
          processId: process.pid,
          rootUri: null,
          capabilities: { textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] }, publishDiagnostics: { relatedInformation: true } } },
          workspaceFolders: null,
        }),
        'initialize',
        30_000,
      ),
    );
    await connection.sendNotification(InitializedNotification.type, {});
  } catch (error) {
    await stop();
    throw error;
  }
  return { child, connection, diagnostics, guard, stop };
}

/** Resident and peak resident memory of a process (all its threads), from /proc. */
function rssOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/**
 * What VS Code holds of a file decoded to `text`: its line breaks made one kind — CRLF when more
 * than half of them have a CR — so its length and line count (SIPp writes CRLF inside messages
 * and LF around them).
 */
function editorView(text: string): { length: number; lineCount: number; eol: '\n' | '\r\n' } {
  let crlf = 0;
  let cr = 0;
  let lf = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else cr++;
    } else if (c === 10) lf++;
  }
  const breaks = crlf + cr + lf;
  const eol = crlf + cr > breaks / 2 ? '\r\n' : '\n';
  return { length: text.length - 2 * crlf - cr - lf + breaks * eol.length, lineCount: breaks + 1, eol };
}

/**
 * How the editor opens a document of a file: by URI, with what it holds of it (the bench's traces
 * are ASCII), or with its text (its line breaks made one kind, as VS Code holds it).
 */
function openMessage(path: string, text: string, mode: OpenMode): { method: string; params: object } {
  const textDocument = { uri: pathToFileURL(path).href, languageId: 'sip-trace', version: 1 };
  const view = editorView(text);
  if (mode === 'text') {
    const editorText = text.replace(/\r\n|\r|\n/g, view.eol);
    return { method: DidOpenTextDocumentNotification.method, params: { textDocument: { ...textDocument, text: editorText } } };
  }
  const info = statSync(path);
  const params: DidOpenFileParams = { textDocument, encoding: 'utf8', ...view, size: info.size, mtimeMs: info.mtimeMs };
  return { method: DidOpenFileNotification.method, params };
}

/**
 * A fresh server holding one document: RSS idle (after initialize), then after the document's
 * diagnostics and a few hovers on it (the analysis is then built and in use).
 */
export async function measureServerMemory(serverScript: string, path: string, mode: OpenMode, log: (line: string) => void): Promise<ServerMemory> {
  const session = await startServer(serverScript);
  const { connection, diagnostics, guard, child } = session;
  try {
    // Let start-up settle before reading the idle figure.
    await pacing(500);
    const idle = rssOf(child.pid!);
    const text = readFileSync(path, 'latin1');
    const uri = pathToFileURL(path).href;
    const published = guard(diagnostics.next(uri));
    const message = openMessage(path, text, mode);
    await connection.sendNotification(message.method, message.params);
    await published;
    const lines = responseLines(text);
    const rng = new Rng(11);
    for (let i = 0; i < 20; i++) {
      await guard(withTimeout(connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: rng.pick(lines), character: 4 } }), 'hover'));
    }
    await pacing(500);
    const holding = rssOf(child.pid!);
    const result = { documentBytes: Buffer.byteLength(text, 'latin1'), idleRssBytes: idle.rss, holdingRssBytes: holding.rss, peakRssBytes: holding.peak };
    const mb = (n: number): string => `${(n / 1e6).toFixed(0)} MB`;
    log(
      `  LSP: server RSS idle ${mb(result.idleRssBytes)}; holding the ${mb(result.documentBytes)} document's analysis (opened ${mode === 'uri' ? 'by URI' : 'with its text'}) ${mb(result.holdingRssBytes)} ` +
        `(${(result.holdingRssBytes / result.documentBytes).toFixed(2)}× the document; peak ${mb(result.peakRssBytes)})`,
    );
    return result;
  } finally {
    await session.stop();
  }
}

interface Opened {
  uri: string;
  text: string;
  sentAt: number;
  published: Promise<PublishDiagnosticsParams>;
}

type Hover = (uri: string, line: number) => Promise<{ ms: number; empty: boolean }>;

function sessionTools(session: ServerSession): { open: (path: string, mode: OpenMode) => Promise<Opened>; hover: Hover } {
  const { connection, diagnostics, guard } = session;
  const open = async (path: string, mode: OpenMode): Promise<Opened> => {
    const text = readFileSync(path, 'latin1');
    const uri = pathToFileURL(path).href;
    const published = guard(diagnostics.next(uri));
    const message = openMessage(path, text, mode);
    const sentAt = now();
    await connection.sendNotification(message.method, message.params);
    return { uri, text, sentAt, published };
  };
  const hover: Hover = async (uri, line) => {
    const t = now();
    const result = await guard(withTimeout(connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character: 4 } }), 'hover'));
    return { ms: now() - t, empty: result === null };
  };
  return { open, hover };
}

/**
 * Opens the 50 MB document; hovers on it at once (they wait for the analysis), and keeps hovering
 * on the analysed 10 MB document until the 50 MB diagnostics arrive, to see the server stay responsive.
 */
/**
 * Hovers on the analysed 10 MB document, one after another, until `published` (the diagnostics
 * of an analysis under way) arrives: the server staying responsive meanwhile.
 */
async function hoversUntil(
  tools: ReturnType<typeof sessionTools>,
  rng: Rng,
  doc10: { uri: string; lines: number[] },
  published: Promise<PublishDiagnosticsParams>,
): Promise<{ publishedAt: number; during: HoversDuringAnalysis }> {
  let publishedAt = 0;
  void published.then(() => (publishedAt = now()), () => undefined);
  const during: number[] = [];
  let answeredBeforeDiagnostics = false;
  while (publishedAt === 0) {
    // Every hover sent before the diagnostics counts, also one answered only after them: a
    // server that stalls while it takes the finished analysis in answers it late.
    const h = await tools.hover(doc10.uri, rng.pick(doc10.lines));
    during.push(h.ms);
    if (publishedAt === 0) answeredBeforeDiagnostics = true;
    await Promise.race([pacing(50), published]);
  }
  await published;
  const sorted = [...during].sort((a, b) => a - b);
  return {
    publishedAt,
    during: {
      firstMs: during[0] ?? NaN,
      p50Ms: percentile(sorted, 50),
      maxMs: sorted[sorted.length - 1] ?? NaN,
      maxLaterMs: during.length > 1 ? Math.max(...during.slice(1)) : NaN,
      count: during.length,
      answeredBeforeDiagnostics,
    },
  };
}

/**
 * Opens the 50 MB document; hovers on it at once (they wait for the analysis), and keeps hovering
 * on the analysed 10 MB document until the 50 MB diagnostics arrive, to see the server stay responsive.
 */
async function open50(
  tools: ReturnType<typeof sessionTools>,
  rng: Rng,
  doc10: { uri: string; lines: number[] },
  path50: string,
  mode: OpenMode,
): Promise<{ doc50: Opened; lines50: number[]; diagnostics: PublishDiagnosticsParams; didOpenToDiagnosticsMs: number; during: HoversDuringAnalysis; firstHoverMs: number }> {
  const doc50 = await tools.open(path50, mode);
  const lines50 = responseLines(doc50.text);
  const firstHover50 = tools.hover(doc50.uri, rng.pick(lines50)).then(() => now() - doc50.sentAt);
  const { publishedAt, during } = await hoversUntil(tools, rng, doc10, doc50.published);
  return { doc50, lines50, diagnostics: await doc50.published, didOpenToDiagnosticsMs: publishedAt - doc50.sentAt, during, firstHoverMs: await firstHover50 };
}

/**
 * An edit of the 50 MB document opened by URI (a response's code replaced, as typing over it
 * would): the change goes as `sipLens/didChangeFile`, and the server's worker applies it to the
 * file's text. Hovers on the 10 MB document meanwhile.
 */
async function edit50(
  session: ServerSession,
  tools: ReturnType<typeof sessionTools>,
  rng: Rng,
  doc10: { uri: string; lines: number[] },
  doc50: Opened,
  line: number,
): Promise<{ editToDiagnosticsMs: number; diagnostics: number; during: HoversDuringAnalysis }> {
  const view = editorView(doc50.text);
  const published = session.guard(session.diagnostics.next(doc50.uri));
  const params: DidChangeFileParams = {
    textDocument: { uri: doc50.uri, version: 2 },
    contentChanges: [{ range: { start: { line, character: 8 }, end: { line, character: 11 } }, text: '599' }],
    length: view.length,
    lineCount: view.lineCount,
  };
  const sentAt = now();
  await session.connection.sendNotification(DidChangeFileNotification.method, params);
  const { publishedAt, during } = await hoversUntil(tools, rng, doc10, published);
  return { editToDiagnosticsMs: publishedAt - sentAt, diagnostics: (await published).diagnostics.length, during };
}

export async function runLspBench(inputs: LspInputs, log: (line: string) => void): Promise<LspResults> {
  let results: LspResults;
  const byUri = await startServer(inputs.serverScript);
  try {
    const rng = new Rng(7);
    const tools = sessionTools(byUri);

    // 10 MB: open, wait for diagnostics.
    const doc10 = await tools.open(inputs.doc10, 'uri');
    const diag10 = await doc10.published;
    const didOpenToDiagnostics10Ms = now() - doc10.sentAt;
    log(`  LSP: ${inputs.labels[0]} by URI didOpen → diagnostics ${didOpenToDiagnostics10Ms.toFixed(0)} ms (${diag10.diagnostics.length} diagnostics)`);
    const target10 = { uri: doc10.uri, lines: responseLines(doc10.text) };

    const opened = await open50(tools, rng, target10, inputs.doc50, 'uri');
    log(`  LSP: ${inputs.labels[1]} by URI didOpen → diagnostics ${opened.didOpenToDiagnosticsMs.toFixed(0)} ms; ${opened.during.count} hovers on the ${inputs.labels[0]} document meanwhile, worst ${opened.during.maxMs.toFixed(1)} ms`);

    // Hover latency on the analysed 50 MB document.
    const latencies: number[] = [];
    let empty = 0;
    for (let i = 0; i < inputs.hoverCount; i++) {
      const h = await tools.hover(opened.doc50.uri, rng.pick(opened.lines50));
      latencies.push(h.ms);
      if (h.empty) empty++;
    }
    latencies.sort((a, b) => a - b);
    log(`  LSP: ${inputs.hoverCount} hovers on ${inputs.labels[1]}: p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms`);

    const edited = await edit50(byUri, tools, rng, target10, opened.doc50, opened.lines50[0]!);
    log(`  LSP: ${inputs.labels[1]} by URI, an edit → diagnostics ${edited.editToDiagnosticsMs.toFixed(0)} ms; ${edited.during.count} hovers on the ${inputs.labels[0]} document meanwhile, worst ${edited.during.maxMs.toFixed(1)} ms`);

    let summary200: LspResults['summary200'];
    if (inputs.file200) {
      const t = now();
      const summary = await byUri.guard(withTimeout(byUri.connection.sendRequest(SummaryRequest, { uri: pathToFileURL(inputs.file200).href }), 'sipLens/summary'));
      summary200 = { ms: now() - t, calls: summary.calls.length, messages: summary.messages, expectedCalls: inputs.calls200 };
      log(`  LSP: sipLens/summary of 200 MB by URI ${summary200.ms.toFixed(0)} ms (${summary.calls.length} calls)`);
    }

    results = {
      didOpenToDiagnostics10Ms,
      diagnostics10: diag10.diagnostics.length,
      didOpenToDiagnostics50Ms: opened.didOpenToDiagnosticsMs,
      diagnostics50: opened.diagnostics.diagnostics.length,
      hoverDuringAnalysis: opened.during,
      firstHoverOnOpening50Ms: opened.firstHoverMs,
      edit50: edited,
      hover50: {
        count: latencies.length,
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
        maxMs: latencies[latencies.length - 1] ?? NaN,
        empty,
      },
      summary200,
    };
  } finally {
    await byUri.stop();
  }

  // The 50 MB document with its text sent in full, in a server of its own (the 10 MB document
  // by URI to hover on).
  let text50: LspResults['text50'];
  const byText = await startServer(inputs.serverScript);
  try {
    const tools = sessionTools(byText);
    const doc10 = await tools.open(inputs.doc10, 'uri');
    await doc10.published;
    const opened = await open50(tools, new Rng(7), { uri: doc10.uri, lines: responseLines(doc10.text) }, inputs.doc50, 'text');
    text50 = { didOpenToDiagnosticsMs: opened.didOpenToDiagnosticsMs, diagnostics: opened.diagnostics.diagnostics.length, hoverDuringAnalysis: opened.during };
    log(`  LSP: ${inputs.labels[1]} with its text didOpen → diagnostics ${opened.didOpenToDiagnosticsMs.toFixed(0)} ms; hovers meanwhile, worst ${opened.during.maxMs.toFixed(1)} ms (first ${opened.during.firstMs.toFixed(1)} ms)`);
  } catch (error) {
    log(`  LSP: the text path not measured: ${(error as Error).message}`);
  } finally {
    await byText.stop();
  }

  // In a server of its own, so nothing else it held counts. Memory is read from /proc (Linux).
  let memory50: ServerMemory | undefined;
  try {
    memory50 = await measureServerMemory(inputs.serverScript, inputs.doc50, 'uri', log);
    if (text50) text50.memory = await measureServerMemory(inputs.serverScript, inputs.doc50, 'text', log);
  } catch (error) {
    log(`  LSP: server memory not measured: ${(error as Error).message}`);
  }
  return { ...results, memory50, text50 };
}
