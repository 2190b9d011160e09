// One analysis per document version, cached; features ask it questions and never re-parse.
//
// - Small documents are analysed in the server's thread, just after the change (or at once when a
//   request needs the result), and answered there.
// - Big ones are analysed by a worker thread of their own, which then keeps the analysis and
//   answers the features' queries (queries.ts): only the text goes in and only answers come out,
//   so the server's thread never copies or holds a big analysis. A newer version starts a new
//   worker; the last finished one answers until it is done, and a run overtaken before it
//   finishes is stopped at once. At most a few finished workers live; beyond that, the least
//   recently used document's analysis is let go and made again when next asked for.
// - Big documents the editor announced by URI are analysed by such a worker too, from the file:
//   this thread never holds their text. When the file cannot be read as the editor holds it,
//   the editor is asked for the text (and the document then carries on as a text document).
// - Requests answer from the last finished result; only when there is none yet do they wait.
// - Analyses that take longer than half a second report work-done progress.
// - Files that are not open (e.g. over VS Code's 50 MB limit) are read from disk by URI and
//   cached by modification time and size. Packet captures are only ever read this way: the
//   editor never sends their bytes, and their rendered text stays with the analysis.
import { formatMegabytes, t } from './analysis/l10n';
import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DEFAULT_THRESHOLDS, type FindingThresholds } from './analysis/findings/types';
import {
  analyzeFile,
  analyzeTextJob,
  answerQuery,
  DiskWorker,
  type FileAnalysis,
  JobError,
  NOT_A_CAPTURE,
  type QueryAnswer,
  type TextJob,
  type TraceQuery,
} from './analysisWorker';
import { type DocumentSource, DocumentWorker, WorkerLostError } from './documentWorker';
import { lineSourceOf } from './features/lookup';
import { analyzeTrace } from './analysis/analyze';
import { type AnalysedDocument, answer, type DocumentAnswer, type DocumentQuery } from './queries';
import { isFileDocument, type OpenDocument } from './traceDocuments';

/** Text length (characters) or file size (bytes) from which analysis moves to a worker thread. */
export const DEFAULT_WORKER_THRESHOLD = 2 * 1024 * 1024;
/** Analyses still running after this long show progress. */
export const DEFAULT_PROGRESS_DELAY_MS = 500;
/** A changed big document waits this long for more edits before its new worker starts (an opened one starts at once). */
const WORKER_DEBOUNCE_MS = 150;
const DISK_CACHE_ENTRIES = 4;

/** Finished analyses of big documents kept by live workers, at most (the least recently used go first). */
export const DEFAULT_MAX_DOCUMENT_WORKERS = 4;

/** The finished analysis of one version of an open document, wherever it is kept. */
export interface DocumentAnalysis {
  uri: string;
  version: number;
  /** Answers a query from this analysis (in this thread, or by the worker that keeps it). */
  answer<Q extends DocumentQuery>(query: Q): Promise<DocumentAnswer<Q>>;
}

export interface AnalysisServiceOptions {
  /** Text length (characters) or file size (bytes) from which analysis moves to a worker thread. */
  workerThreshold?: number;
  progressDelayMs?: number;
  /** Live workers keeping finished analyses of open documents, at most. */
  maxDocumentWorkers?: number;
  /** Caps each document worker's V8 heap (MB); unlimited when absent. */
  workerMaxHeapMb?: number;
}

export interface ProgressHandle {
  /** How far the work has got, 0 to 1. */
  report(fraction: number): void;
  done(): void;
}

export interface AnalysisHost {
  log(message: string): void;
  error(message: string): void;
  /**
   * Shows work-done progress; resolves to a handle to end it. With `fraction`, the work reports
   * how far it has got (starting there); without, it is shown as ongoing.
   */
  beginProgress(title: string, fraction?: number): Promise<ProgressHandle>;
  /** A document's analysis for its current version has finished. */
  analysed(result: DocumentAnalysis): void;
  /** A document opened by URI cannot be analysed from its file: the editor must send its text. */
  needText(uri: string, reason: string): void;
}

export interface OpenDocuments {
  get(uri: string): OpenDocument | undefined;
}

/** A problem reading a trace file from disk, worded for the user. */
export class TraceFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TraceFileError';
  }
}

interface Run {
  version: number;
  generation: number;
  /** The file document it reads, for a document opened by URI (announced again, it is another). */
  file?: OpenDocument;
  /** Finishes an in-thread run at once (when a request needs it); undefined for worker runs. */
  runNow?: () => void;
  cancel(): void;
  /** Settles when the run finishes or is cancelled. */
  settled: Promise<void>;
}

/** A finished analysis as the service keeps it. */
interface Held extends DocumentAnalysis {
  generation: number;
  /** The worker keeping the analysis; absent when it is kept in this thread. */
  worker?: DocumentWorker;
  /** When a request last asked it (for letting the least recently used go). */
  lastUsed: number;
}

interface DocumentState {
  latest?: Held;
  run?: Run;
  /** The version (and generation) whose analysis threw: not retried until the text changes. */
  failed?: { version: number; generation: number };
  /** Its finished analysis was let go to bound the live workers: made again when asked for. */
  evicted?: boolean;
  /** Opened by URI, its file could not be used: not read again; the editor's text is awaited. */
  textAsked?: boolean;
}

interface DiskEntry {
  key: string;
  promise: Promise<FileAnalysis>;
}

function basename(uri: string): string {
  const path = uri.split(/[?#]/, 1)[0];
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || uri;
}

/** The file system path of a `file:` URI. */
export function filePathOf(uri: string): string {
  if (!uri.startsWith('file:')) {
    throw new TraceFileError(t('Cannot read {0}: only file: URIs can be read from disk, and this document is not open.', uri));
  }
  try {
    return fileURLToPath(uri);
  } catch {
    throw new TraceFileError(t('Cannot read {0}: not a valid file URI.', uri));
  }
}

/** What a document too big to analyse in memory shows: no messages, a notice saying so. */
function outOfMemory(uri: string, size: number): AnalysedDocument {
  const analysis = analyzeTrace('');
  analysis.notices = [
    {
      kind: 'too-large',
      message: t(
        'SIP Lens ran out of memory analysing this document ({0} MB). Split it at line ends (e.g. `split -C 100M FILE part-`) and open the parts.',
        formatMegabytes(size),
      ),
    },
  ];
  return { uri, analysis, lines: lineSourceOf(''), text: '' };
}

export class AnalysisService {
  private readonly states = new Map<string, DocumentState>();
  private readonly disk = new Map<string, DiskEntry>();
  private diskWorker: DiskWorker | undefined;
  /** Reads files for listings (the SIP Traces view), apart from the one that serves the editors. */
  private listingWorker: DiskWorker | undefined;
  private localAddresses: readonly string[] = [];
  private thresholds: FindingThresholds = { ...DEFAULT_THRESHOLDS };
  /** Bumped when options that change analyses change; older results are then stale. */
  private generation = 0;
  private readonly workerThreshold: number;
  private readonly progressDelayMs: number;
  private readonly maxDocumentWorkers: number;
  private readonly workerMaxHeapMb: number | undefined;
  /** Orders requests for least-recently-used (a counter: two requests can share a millisecond). */
  private clock = 0;

  constructor(
    private readonly documents: OpenDocuments,
    private readonly host: AnalysisHost,
    private readonly workerScript: string | undefined,
    options: AnalysisServiceOptions = {},
  ) {
    this.workerThreshold = options.workerThreshold ?? DEFAULT_WORKER_THRESHOLD;
    this.progressDelayMs = options.progressDelayMs ?? DEFAULT_PROGRESS_DELAY_MS;
    this.maxDocumentWorkers = Math.max(1, options.maxDocumentWorkers ?? DEFAULT_MAX_DOCUMENT_WORKERS);
    this.workerMaxHeapMb = options.workerMaxHeapMb;
  }

  /** Changes whenever options that change analyses change (results made before are stale). */
  get optionsKey(): string {
    return String(this.generation);
  }

  get options(): { localAddresses: readonly string[] } {
    return { localAddresses: this.localAddresses };
  }

  /** New analysis options: every open document is analysed again, disk results are dropped. */
  setLocalAddresses(addresses: readonly string[], reanalyse: boolean): void {
    if (addresses.join('\n') === this.localAddresses.join('\n')) return;
    this.localAddresses = [...addresses];
    this.generation++;
    this.disk.clear();
    if (reanalyse) this.reanalyseAll();
  }

  /** New slow-setup thresholds: findings change, so analyses are made again. */
  setThresholds(thresholds: FindingThresholds, reanalyse: boolean): void {
    if (thresholds.pddMs === this.thresholds.pddMs && thresholds.firstResponseMs === this.thresholds.firstResponseMs) return;
    this.thresholds = { ...thresholds };
    this.generation++;
    this.disk.clear();
    if (reanalyse) this.reanalyseAll();
  }

  reanalyseAll(): void {
    for (const [uri, state] of this.states) {
      // A document whose analysis was let go is analysed again when next asked about.
      if (state.evicted && !state.latest && !state.run) continue;
      const document = this.documents.get(uri);
      if (document) this.schedule(document);
    }
  }

  /** The document was opened or changed: analyse its new version. */
  schedule(document: OpenDocument): void {
    const state = this.stateOf(document.uri);
    if (isFileDocument(document) && state.textAsked) return;
    const { latest, run } = state;
    if (latest && latest.version === document.version && latest.generation === this.generation) return;
    const { failed } = state;
    if (failed && failed.version === document.version && failed.generation === this.generation) return;
    if (run) {
      const sameSource = !isFileDocument(document) || run.file === document;
      if (run.version === document.version && run.generation === this.generation && sameSource) return;
      run.cancel();
    }
    // A first analysis starts at once; a later one waits a moment for more edits.
    const edited = latest !== undefined || run !== undefined;
    state.evicted = false;
    if (isFileDocument(document) && !this.workerScript) {
      this.askText(document.uri, state, 'no analysis worker to read the file');
      return;
    }
    const source: DocumentSource = isFileDocument(document) ? { file: document.file, edits: document.edits } : { text: document.getText() };
    state.run = this.startRun(document.uri, document.version, source, edited ? 'worker-after-edits' : 'worker');
    if (isFileDocument(document)) state.run.file = document;
  }

  close(uri: string): void {
    const state = this.states.get(uri);
    state?.run?.cancel();
    state?.latest?.worker?.terminate();
    this.states.delete(uri);
  }

  dispose(): void {
    for (const uri of [...this.states.keys()]) this.close(uri);
    this.disk.clear();
    this.diskWorker?.dispose();
    this.diskWorker = undefined;
    this.endListing();
  }

  /**
   * The analysis of an open document: the current version's when it is ready or cheap to make,
   * otherwise the last finished one; waits only when there is none. Undefined when not open.
   */
  async forOpenDocument(uri: string): Promise<DocumentAnalysis | undefined> {
    // A newer version may cancel the run being waited for; then wait for the next one.
    for (let attempt = 0; attempt < 50; attempt++) {
      const document = this.documents.get(uri);
      if (!document) return undefined;
      this.schedule(document);
      const state = this.stateOf(uri);
      const run = state.run;
      if (run?.runNow) run.runNow();
      if (state.latest) {
        state.latest.lastUsed = ++this.clock;
        return state.latest;
      }
      // No result and nothing running: this version's analysis failed (and was logged).
      if (!state.run) return undefined;
      await state.run.settled;
    }
    return this.stateOf(uri).latest;
  }

  /**
   * Answers a query about an open document from its analysis (see forOpenDocument); undefined
   * when the document is not open or has no analysis. When the worker keeping the analysis is
   * gone (it crashed, or the analysis was let go) the question goes to the analysis made next.
   */
  async answer<Q extends DocumentQuery>(uri: string, query: Q): Promise<DocumentAnswer<Q> | undefined> {
    for (let attempt = 0; ; attempt++) {
      const result = await this.forOpenDocument(uri);
      if (!result) return undefined;
      try {
        return await result.answer(query);
      } catch (error) {
        if (!(error instanceof WorkerLostError) || attempt >= 3) throw error;
      }
    }
  }

  /** Answers a query about any URI: from the open document, or from the file on disk. */
  async query<Q extends Exclude<TraceQuery, { kind: 'captureText' }>>(uri: string, query: Q): Promise<QueryAnswer<Q>> {
    if (this.documents.get(uri)) {
      const open = await this.answer(uri, query);
      if (open !== undefined) return open as QueryAnswer<Q>;
    }
    return this.queryDisk(uri, query);
  }

  /** A packet capture on disk rendered as text; a TraceFileError when the file is not a capture. */
  captureText(uri: string): Promise<QueryAnswer<{ kind: 'captureText' }>> {
    return this.queryDisk(uri, { kind: 'captureText' });
  }

  /**
   * Answers a query about a file that is not open. Big files are analysed by a long-lived worker
   * that keeps the analysis and sends back only answers; small ones here, cached by modification
   * time and size.
   */
  async queryDisk<Q extends TraceQuery>(uri: string, query: Q): Promise<QueryAnswer<Q>> {
    const { path, info } = await this.statFile(uri);
    const key = `${info.mtimeMs}:${info.size}:${this.generation}`;
    const title = t('Analysing {0}', basename(uri));

    if (this.workerScript && info.size >= this.workerThreshold) {
      this.diskWorker ??= new DiskWorker(this.workerScript);
      try {
        const worker = this.diskWorker;
        return await this.withProgress(title, (report) => worker.query(path, key, this.localAddresses, query, this.thresholds, report));
      } catch (error) {
        if (error instanceof JobError) throw this.fileError(path, error);
        this.host.log(`Analysis worker failed (${(error as Error).message}); analysing in the server thread.`);
      }
    }

    const cached = this.disk.get(uri);
    let promise: Promise<FileAnalysis>;
    if (cached && cached.key === key) {
      promise = cached.promise;
    } else {
      const localAddresses = this.localAddresses;
      const thresholds = this.thresholds;
      promise = this.withProgress(title, () => analyzeFile(path, localAddresses, thresholds));
      const entry = { key, promise };
      promise.catch(() => {
        if (this.disk.get(uri) === entry) this.disk.delete(uri);
      });
      this.disk.delete(uri);
      this.disk.set(uri, entry);
      while (this.disk.size > DISK_CACHE_ENTRIES) this.disk.delete(this.disk.keys().next().value as string);
    }
    try {
      return answerQuery(await promise, query, this.localAddresses);
    } catch (error) {
      throw this.fileError(path, error);
    }
  }

  /**
   * The summary of a file on disk for a listing of many files: read afresh, by a worker of its own
   * for big files, so that the analyses the open editors and panels use stay cached.
   */
  async summaryForListing(uri: string): Promise<QueryAnswer<{ kind: 'summary' }>> {
    const { path, info } = await this.statFile(uri);
    const query = { kind: 'summary' } as const;
    if (this.workerScript && info.size >= this.workerThreshold) {
      this.listingWorker ??= new DiskWorker(this.workerScript);
      try {
        return await this.listingWorker.query(path, `${info.mtimeMs}:${info.size}:${this.generation}`, this.localAddresses, query, this.thresholds);
      } catch (error) {
        if (error instanceof JobError) throw this.fileError(path, error);
        this.host.log(`Analysis worker failed (${(error as Error).message}); analysing in the server thread.`);
      }
    }
    try {
      return answerQuery(await analyzeFile(path, this.localAddresses, this.thresholds), query, this.localAddresses);
    } catch (error) {
      throw this.fileError(path, error);
    }
  }

  /** A listing is done: its worker and the analysis it holds go. */
  endListing(): void {
    this.listingWorker?.dispose();
    this.listingWorker = undefined;
  }

  /** The path of a `file:` URI and what stat says of it; a TraceFileError unless it is a file. */
  private async statFile(uri: string): Promise<{ path: string; info: Stats }> {
    const path = filePathOf(uri);
    let info: Stats;
    try {
      info = await stat(path);
    } catch (error) {
      throw this.fileError(path, error);
    }
    if (!info.isFile()) throw new TraceFileError(t('Cannot read {0}: not a file.', path));
    return { path, info };
  }

  private fileError(path: string, error: unknown): TraceFileError {
    if (error instanceof TraceFileError) return error;
    const code = (error as NodeJS.ErrnoException).code ?? (error as JobError).errorCode;
    if (code === 'ENOENT' || code === 'ENOTDIR') return new TraceFileError(t('File not found: {0}', path));
    if (code === 'EACCES' || code === 'EPERM') return new TraceFileError(t('Cannot read {0}: permission denied.', path));
    if (code === NOT_A_CAPTURE) {
      return new TraceFileError(`${path} is not a packet capture SIP Lens reads (pcap or pcapng, optionally gzip-compressed).`);
    }
    return new TraceFileError(t('Cannot analyse {0}: {1}', path, (error as Error).message));
  }

  private stateOf(uri: string): DocumentState {
    let state = this.states.get(uri);
    if (!state) {
      state = {};
      this.states.set(uri, state);
    }
    return state;
  }

  private finish(uri: string, run: Run, result: Held): void {
    const state = this.states.get(uri);
    if (!state || state.run !== run) {
      result.worker?.terminate();
      return;
    }
    state.run = undefined;
    // The previous analysis answered meanwhile; its worker goes once it has answered what it was asked.
    state.latest?.worker?.retire();
    state.latest = result;
    if (result.worker) this.boundWorkers(uri);
    this.host.analysed(result);
  }

  private fileUnusable(uri: string, run: Run, error: Error): void {
    const state = this.states.get(uri);
    if (state?.run !== run) return;
    state.run = undefined;
    this.askText(uri, state, error.message);
  }

  private fail(uri: string, run: Run, error: unknown): void {
    const state = this.states.get(uri);
    if (state?.run !== run) return;
    state.run = undefined;
    state.failed = { version: run.version, generation: run.generation };
    this.host.error(`Analysis of ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }

  /** Lets the least recently used workers' analyses go while more than the bound are live. */
  private boundWorkers(keep: string): void {
    for (;;) {
      const held = [...this.states].filter(([, state]) => state.latest?.worker);
      if (held.length <= this.maxDocumentWorkers) return;
      let oldest: [string, DocumentState] | undefined;
      for (const entry of held) {
        if (entry[0] === keep) continue;
        if (!oldest || entry[1].latest!.lastUsed < oldest[1].latest!.lastUsed) oldest = entry;
      }
      if (!oldest) return;
      const [uri, state] = oldest;
      this.host.log(`Letting the analysis of ${uri} go (more than ${this.maxDocumentWorkers} big documents open); it is made again when needed.`);
      state.latest!.worker!.retire();
      state.latest = undefined;
      state.evicted = true;
    }
  }

  /** A worker that kept a document's analysis has crashed: analyse its current version here. */
  private lost(uri: string, held: Held, error: Error): void {
    const state = this.states.get(uri);
    if (!state || state.latest !== held) return;
    this.host.log(`Analysis worker for ${uri} stopped (${error.message}); analysing in the server thread.`);
    state.latest = undefined;
    const document = this.documents.get(uri);
    if (!document || state.run) return;
    if (isFileDocument(document)) this.askText(uri, state, `its analysis worker stopped (${error.message})`);
    else state.run = this.startRun(uri, document.version, { text: document.getText() }, 'thread');
  }

  /** A document opened by URI is not read from its file again: its text is asked of the editor. */
  private askText(uri: string, state: DocumentState, reason: string): void {
    state.textAsked = true;
    this.host.needText(uri, reason);
  }

  private held(uri: string, version: number, generation: number, where: AnalysedDocument | DocumentWorker): Held {
    const held: Held = {
      uri,
      version,
      generation,
      lastUsed: ++this.clock,
      answer: <Q extends DocumentQuery>(query: Q): Promise<DocumentAnswer<Q>> => {
        if (where instanceof DocumentWorker) return where.answer(query, this.localAddresses);
        try {
          return Promise.resolve(answer(where, query, this.localAddresses));
        } catch (error) {
          return Promise.reject(error as Error);
        }
      },
    };
    if (where instanceof DocumentWorker) {
      held.worker = where;
      where.onLost = (error) => this.lost(uri, held, error);
    }
    return held;
  }

  /**
   * Starts analysing one version: in this thread for small texts (or `'thread'`), else in a
   * worker that keeps the result (`'worker-after-edits'` first waits a moment for more edits).
   * A file is always read by a worker; when it cannot be used, the editor is asked for the text.
   */
  private startRun(uri: string, version: number, source: DocumentSource, where: 'thread' | 'worker' | 'worker-after-edits'): Run {
    const generation = this.generation;
    const { localAddresses, thresholds } = this;
    const inThread = (text: string): Held => {
      const job: TextJob = { text, localAddresses, thresholds };
      return this.held(uri, version, generation, { uri, analysis: analyzeTextJob(job), lines: lineSourceOf(text), text });
    };
    let resolveSettled: () => void = () => undefined;
    const settled = new Promise<void>((resolve) => (resolveSettled = resolve));

    if ('text' in source && (!this.workerScript || where === 'thread' || source.text.length < this.workerThreshold)) {
      const { text } = source;
      // Small: analyse on the next turn of the event loop (or at once, for a request).
      let done = false;
      const runNow = (): void => {
        if (done) return;
        done = true;
        clearImmediate(timer);
        try {
          // Synchronous and short: nothing can (or needs to) cancel it midway.
          this.finish(uri, run, inThread(text));
        } catch (error) {
          this.fail(uri, run, error);
        }
        resolveSettled();
      };
      const timer = setImmediate(runNow);
      const run: Run = {
        version,
        generation,
        runNow,
        settled,
        cancel: () => {
          if (done) return;
          done = true;
          clearImmediate(timer);
          resolveSettled();
        },
      };
      return run;
    }

    // Big: a worker that keeps the analysis; progress once it takes a while.
    let cancelled = false;
    let worker: DocumentWorker | undefined;
    // A file document is only scheduled with a worker script (see schedule).
    const script = this.workerScript!;
    /** The worker could not use the file: the run ends and the editor is asked for the text. */
    let unusableFile: Error | undefined;
    const start = (): void => {
      if (cancelled) return;
      const started = new DocumentWorker(script, { uri, source, localAddresses, thresholds, maxHeapMb: this.workerMaxHeapMb });
      worker = started;
      const analysed = started.ready.then(
        () => this.held(uri, version, generation, started),
        (error: unknown) => {
          if (cancelled) throw error;
          // Out of memory under V8's own limit, which the server thread has too: analysing here
          // would stop the whole server. The document gets a notice instead. (Under a lower
          // limit set for workers, the server thread has more room, and tries.)
          if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' && this.workerMaxHeapMb === undefined) {
            this.host.log(`Analysis worker for ${uri} ran out of memory; the document gets a notice.`);
            return this.held(uri, version, generation, outOfMemory(uri, 'text' in source ? source.text.length : source.file.size));
          }
          if (!('text' in source)) throw (unusableFile = error as Error);
          this.host.log(`Analysis worker failed (${(error as Error).message}); analysing in the server thread.`);
          return inThread(source.text);
        },
      );
      void this.withProgress(t('Analysing {0}', basename(uri)), () => analysed)
        .then(
          (result) => {
            if (cancelled) result.worker?.terminate();
            else this.finish(uri, run, result);
          },
          (error: unknown) => {
            if (cancelled) return;
            if (unusableFile) this.fileUnusable(uri, run, unusableFile);
            else this.fail(uri, run, error);
          },
        )
        .finally(resolveSettled);
    };
    const delay = where === 'worker-after-edits' ? setTimeout(start, WORKER_DEBOUNCE_MS) : undefined;
    const run: Run = {
      version,
      generation,
      settled,
      cancel: () => {
        if (cancelled) return;
        cancelled = true;
        clearTimeout(delay);
        worker?.terminate();
        resolveSettled();
      },
    };
    if (!delay) start();
    return run;
  }

  /**
   * Starts `work` and shows progress when it is still going after the progress delay; what the
   * work reports (a fraction done) shows from then on.
   */
  private withProgress<T>(title: string, start: (report: (fraction: number) => void) => Promise<T>): Promise<T> {
    let finished = false;
    let handle: Promise<ProgressHandle> | undefined;
    let latest: number | undefined;
    const timer = setTimeout(() => {
      if (finished) return;
      handle = this.host.beginProgress(title, latest).catch(() => ({ report: () => undefined, done: () => undefined }));
    }, this.progressDelayMs);
    const report = (fraction: number): void => {
      if (finished) return;
      latest = fraction;
      void handle?.then((h) => h.report(fraction));
    };
    const end = (): void => {
      finished = true;
      clearTimeout(timer);
      void handle?.then((h) => h.done());
    };
    const work = start(report);
    work.then(end, end);
    return work;
  }
}
