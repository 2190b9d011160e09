// A worker thread that analyses one version of a big open document and then keeps the analysis,
// answering the language server's queries about it: only the text goes in (once) — or, for a
// document the editor announced by URI, only the file's name, and the worker reads the file
// itself — and only answers come out, so the server's thread never copies or holds a big
// analysis (nor, for a file, the text).
//
// Like the other analysis workers it is the server bundle started again: `server.ts` checks
// `isDocumentWorker()` first and runs `serveDocument()` instead of the language server.
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { type AnnouncedFile, readAnnouncedFile } from './announcedFile';
import type { FileEdits } from './fileEdits';
import { currentLocale, setLocale } from './analysis/l10n';
import type { FindingThresholds } from './analysis/findings/types';
import { analyzeTextJob, isAnalysisWorker, JobError, WORKER_MARKER } from './analysisWorker';
import { lineSourceOf } from './features/lookup';
import { type AnalysedDocument, answer, type DocumentAnswer, type DocumentQuery } from './queries';

interface DocumentWorkerData {
  marker: typeof WORKER_MARKER;
  mode: 'document';
  locale: string | undefined;
  uri: string;
  localAddresses: readonly string[];
  thresholds?: FindingThresholds;
}

/**
 * The text is handed over in slices of this many characters, one per turn of the server's event
 * loop: copying 50 MB into another thread takes the copying thread about 25 ms, which in one go
 * would hold up every request behind it.
 */
const TEXT_SLICE = 1 << 20;

/**
 * Answers that are lists longer than this go to the server a part at a time, the next part sent
 * when the server asks for it: taking in one message of 5,000 diagnostics (or 80,000 folding
 * ranges) holds the server's thread for tens of milliseconds, and a request arriving meanwhile
 * waits; between parts, it is answered.
 */
const ANSWER_PART = 1000;

/**
 * The worker's young generation (MB): 4 MB semi-spaces instead of V8's 16 MB. The analysis
 * allocates fast and briefly, so V8 grows the new space to its 32 MB most, and the pages stay
 * resident as long as the worker keeps the analysis — 25 MB of a 50 MB document's ~210 MB, for
 * nothing: the analysis takes as long with the smaller one (what survives its scavenges is
 * promoted a little sooner, some 7 MB more old space).
 */
const YOUNG_GENERATION_MB = 12;

/** What the server sends the worker: the text's slices and their end, or the file to read; then queries (and requests for an answer's next part). */
type DocumentInput =
  | { kind: 'text'; slice: string }
  | { kind: 'textEnd' }
  | { kind: 'file'; file: AnnouncedFile; edits?: FileEdits }
  | DocumentRequest
  | { kind: 'nextPart'; id: number };

/** Where a document's text comes from: the editor's text, or the file the editor opened with the editor's changes since. */
export type DocumentSource = { text: string } | { file: AnnouncedFile; edits?: FileEdits };

interface DocumentRequest {
  kind: 'query';
  id: number;
  query: DocumentQuery;
  localAddresses: readonly string[];
}

interface ThrownError {
  name: string;
  message: string;
  stack?: string;
  errorCode?: string;
}

type DocumentReply =
  /** The analysis is made: queries may come. */
  | { kind: 'ready' }
  /** The analysis threw: the worker then answers nothing. */
  | ({ kind: 'failed' } & ThrownError)
  /** The next part of a long answer (a list); the last part comes as its `answer`. */
  | { kind: 'answerPart'; id: number; items: unknown[] }
  | { kind: 'answer'; id: number; ok: true; answer: unknown }
  | ({ kind: 'answer'; id: number; ok: false } & ThrownError);

function thrown(error: unknown): ThrownError {
  if (error instanceof Error) {
    return { name: error.name, message: error.message, stack: error.stack, errorCode: (error as NodeJS.ErrnoException).code };
  }
  return { name: 'Error', message: String(error) };
}

/** An error thrown in the worker, as the server's thread sees it (name, message and stack kept). */
function rethrown(error: ThrownError): Error {
  const copy = new Error(error.message);
  copy.name = error.name;
  if (error.stack) copy.stack = error.stack;
  return copy;
}

/** The worker is gone (terminated, or it crashed): its analysis is no longer there to ask. */
export class WorkerLostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerLostError';
  }
}

export function isDocumentWorker(): boolean {
  return isAnalysisWorker() && (workerData as { mode?: string }).mode === 'document';
}

/** Worker side: take the text, analyse it, then answer queries until terminated. */
export function serveDocument(): void {
  const data = workerData as DocumentWorkerData;
  // Findings and verdicts are worded as the analysis runs: in the server's language.
  setLocale(data.locale);
  const post = (reply: DocumentReply): void => parentPort?.postMessage(reply);
  let slices: string[] = [];
  let doc: AnalysedDocument | undefined;
  /** Long answers being sent a part at a time, and how far each has gone. */
  const sending = new Map<number, { items: unknown[]; at: number }>();
  const sendPart = (id: number): void => {
    const answer = sending.get(id);
    if (!answer) return;
    const { items, at } = answer;
    if (items.length - at <= ANSWER_PART) {
      sending.delete(id);
      post({ kind: 'answer', id, ok: true, answer: items.slice(at) });
      return;
    }
    post({ kind: 'answerPart', id, items: items.slice(at, at + ANSWER_PART) });
    answer.at += ANSWER_PART;
  };
  const analyse = (text: string): void => {
    try {
      const analysis = analyzeTextJob({ text, localAddresses: data.localAddresses, thresholds: data.thresholds });
      doc = { uri: data.uri, analysis, lines: lineSourceOf(text), text };
    } catch (error) {
      // The server stops the worker when it hears of this.
      post({ kind: 'failed', ...thrown(error) });
      return;
    }
    post({ kind: 'ready' });
  };
  parentPort?.on('message', (input: DocumentInput) => {
    switch (input.kind) {
      case 'text':
        slices.push(input.slice);
        return;
      case 'textEnd': {
        const text = slices.join('');
        slices = [];
        // On the next turn, with this handler's frame gone: nothing then holds the slices (as
        // big as the text), and the collections the analysis sets off free them.
        setImmediate(() => analyse(text));
        return;
      }
      case 'file':
        setImmediate(() => {
          let text: string;
          try {
            text = readAnnouncedFile(input.file, input.edits);
          } catch (error) {
            post({ kind: 'failed', ...thrown(error) });
            return;
          }
          analyse(text);
        });
        return;
      case 'query': {
        if (!doc) return;
        let result: unknown;
        try {
          result = answer(doc, input.query, input.localAddresses);
        } catch (error) {
          post({ kind: 'answer', id: input.id, ok: false, ...thrown(error) });
          return;
        }
        if (Array.isArray(result) && result.length > ANSWER_PART) {
          sending.set(input.id, { items: result, at: 0 });
          sendPart(input.id);
        } else post({ kind: 'answer', id: input.id, ok: true, answer: result });
        return;
      }
      case 'nextPart':
        sendPart(input.id);
        return;
    }
  });
}

export interface DocumentWorkerOptions {
  uri: string;
  source: DocumentSource;
  localAddresses: readonly string[];
  thresholds?: FindingThresholds;
  /** Caps the worker's V8 heap (MB); a worker over it stops like a crashed one. */
  maxHeapMb?: number;
}

/** Server side: one worker holding one document version's analysis. */
export class DocumentWorker {
  /** Settles when the analysis is made: a JobError when it threw, another error when the worker died. */
  readonly ready: Promise<void>;
  /** Called once when the worker stops on its own after `ready` (a crash): its answers are gone. */
  onLost: ((error: Error) => void) | undefined;
  private readonly worker: Worker;
  private readonly rejectReady: (error: Error) => void;
  private alive = true;
  private analysed = false;
  /** Takes no new queries (it stops once the ones asked are answered). */
  private retiring = false;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (answer: unknown) => void; reject: (error: Error) => void; parts?: unknown[][] }>();

  constructor(script: string, options: DocumentWorkerOptions) {
    const data: DocumentWorkerData = {
      marker: WORKER_MARKER,
      mode: 'document',
      locale: currentLocale(),
      uri: options.uri,
      localAddresses: [...options.localAddresses],
      thresholds: options.thresholds,
    };
    const resourceLimits = {
      maxYoungGenerationSizeMb: YOUNG_GENERATION_MB,
      ...(options.maxHeapMb ? { maxOldGenerationSizeMb: options.maxHeapMb } : {}),
    };
    this.worker = new Worker(script, { workerData: data, resourceLimits });
    // An idle worker must not keep the server process alive.
    this.worker.unref();
    let resolveReady: () => void = () => undefined;
    let rejectReady: (error: Error) => void = () => undefined;
    this.ready = new Promise<void>((resolve, reject) => {
      resolveReady = resolve;
      rejectReady = reject;
    });
    this.rejectReady = rejectReady;
    // Nobody may be waiting yet; the rejection is still seen by whoever awaits `ready` later.
    this.ready.catch(() => undefined);

    this.worker.on('message', (reply: DocumentReply) => {
      switch (reply.kind) {
        case 'ready':
          this.analysed = true;
          resolveReady();
          return;
        case 'failed':
          rejectReady(new JobError(reply.message, reply.errorCode));
          this.terminate();
          return;
        case 'answerPart': {
          const waiting = this.pending.get(reply.id);
          if (!waiting) return;
          (waiting.parts ??= []).push(reply.items);
          // On a later turn of the event loop: requests that came meanwhile are answered first.
          setImmediate(() => {
            if (this.alive && this.pending.has(reply.id)) this.worker.postMessage({ kind: 'nextPart', id: reply.id } satisfies DocumentInput);
          });
          return;
        }
        case 'answer': {
          const waiting = this.pending.get(reply.id);
          if (!waiting) return;
          this.pending.delete(reply.id);
          if (reply.ok) waiting.resolve(waiting.parts ? [...waiting.parts, reply.answer as unknown[]].flat() : reply.answer);
          else waiting.reject(rethrown(reply));
          if (this.retiring && this.pending.size === 0) this.terminate();
          return;
        }
      }
    });
    const died = (error: Error): void => {
      if (!this.alive) return;
      this.alive = false;
      this.rejectPending(new WorkerLostError(error.message));
      rejectReady(error);
      if (this.analysed && !this.retiring) this.onLost?.(error);
    };
    this.worker.on('error', (error) => died(error));
    this.worker.on('exit', (code) => died(new Error(`analysis worker exited with code ${code}`)));
    if ('text' in options.source) this.handOver(options.source.text);
    else this.worker.postMessage({ kind: 'file', file: options.source.file, edits: options.source.edits } satisfies DocumentInput);
  }

  /** Sends the text a slice per turn of the event loop, so requests are answered in between. */
  private handOver(text: string): void {
    let at = 0;
    const next = (): void => {
      if (!this.alive) return;
      try {
        if (at >= text.length) {
          this.worker.postMessage({ kind: 'textEnd' } satisfies DocumentInput);
          return;
        }
        this.worker.postMessage({ kind: 'text', slice: text.slice(at, at + TEXT_SLICE) } satisfies DocumentInput);
      } catch (error) {
        // A text that cannot be sent (not a string, from a broken client) fails like an analysis.
        this.rejectReady(new JobError((error as Error).message));
        this.terminate();
        return;
      }
      at += TEXT_SLICE;
      setImmediate(next);
    };
    next();
  }

  /** Answers a query from the worker's analysis; rejects with WorkerLostError when it is gone. */
  answer<Q extends DocumentQuery>(query: Q, localAddresses: readonly string[]): Promise<DocumentAnswer<Q>> {
    if (!this.alive || !this.analysed || this.retiring) return Promise.reject(new WorkerLostError('the analysis worker is not answering'));
    return new Promise<DocumentAnswer<Q>>((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve: resolve as (answer: unknown) => void, reject });
      try {
        this.worker.postMessage({ kind: 'query', id, query, localAddresses: [...localAddresses] } satisfies DocumentInput);
      } catch (error) {
        this.pending.delete(id);
        reject(error as Error);
      }
    });
  }

  /** Stops the worker once the queries already asked are answered; it takes no new ones. */
  retire(): void {
    this.retiring = true;
    if (this.pending.size === 0) this.terminate();
  }

  /** Stops the worker at once; queries still waiting are rejected with WorkerLostError. */
  terminate(): void {
    this.retiring = true;
    if (!this.alive) return;
    this.alive = false;
    const stopped = new WorkerLostError('the analysis worker was stopped');
    this.rejectPending(stopped);
    this.rejectReady(stopped);
    void this.worker.terminate();
  }

  private rejectPending(error: WorkerLostError): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
