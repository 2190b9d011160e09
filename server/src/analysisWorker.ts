// Analysis jobs, and the long-lived worker thread that answers queries about files that are not
// open (big open documents have workers of their own: documentWorker.ts). A long analysis in a
// worker never holds up requests, and only small answers cross threads.
//
// The worker is the server bundle itself started again as a worker: `server.ts` checks
// `isAnalysisWorker()` first and then runs `runAnalysisWorker()` instead of the language server.
import { readFile } from 'node:fs/promises';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { currentLocale, setLocale } from './analysis/l10n';
import { analyzeTrace } from './analysis/analyze';
import { analyzeCapture, detectCapture } from './analysis/capture';
import { decodeTraceBytes } from './analysis/source';
import type { Summary } from './analysis/summary';
import type { FindingThresholds } from './analysis/findings/types';
import type { TraceAnalysis } from './analysis/types';
import { computeCallFlow } from './features/callFlow';
import { computeGroupFlow } from './features/groupFlow';
import { computeSummary } from './features/summary';
import type { CallFlow, CaptureText } from './protocol';

export interface TextJob {
  text: string;
  localAddresses: readonly string[];
  thresholds?: FindingThresholds;
}

/** Marks a worker started from the server bundle as an analysis worker (see `isAnalysisWorker`). */
export const WORKER_MARKER = 'sip-lens/analysis-worker';

/** Reports how far reading a file has got, in bytes. */
export type ProgressCallback = (done: number, total: number) => void;

/** A file's analysis; for a packet capture also the text its line fields refer to. */
export interface FileAnalysis {
  analysis: TraceAnalysis;
  capture?: {
    /** The capture rendered as a text trace (what `analysis` was made from). */
    text: string;
    encapsulations: string[];
  };
}

/** `errorCode` of a capture-only query about a file that is not a capture. */
export const NOT_A_CAPTURE = 'ENOTCAPTURE';

export class NotACaptureError extends Error {
  readonly code = NOT_A_CAPTURE;
  constructor() {
    super('not a packet capture');
    this.name = 'NotACaptureError';
  }
}

/** What can be asked about a file that is not open. */
export type TraceQuery = { kind: 'summary' } | { kind: 'callFlow'; callId: string; legs?: boolean } | { kind: 'captureText' };
export type QueryAnswer<Q extends TraceQuery> = Q extends { kind: 'summary' }
  ? Summary
  : Q extends { kind: 'callFlow' }
    ? CallFlow | null
    : CaptureText;

export function answerQuery<Q extends TraceQuery>(file: FileAnalysis, query: Q, localAddresses: readonly string[]): QueryAnswer<Q> {
  let answer: Summary | CallFlow | CaptureText | null;
  switch (query.kind) {
    case 'summary':
      answer = computeSummary(file.analysis, file.capture?.encapsulations);
      break;
    case 'callFlow':
      answer = query.legs ? computeGroupFlow(file.analysis, query.callId, localAddresses) : computeCallFlow(file.analysis, query.callId, localAddresses);
      break;
    case 'captureText':
      if (!file.capture) throw new NotACaptureError();
      answer = { text: file.capture.text };
      break;
  }
  return answer as QueryAnswer<Q>;
}

interface DiskRequest {
  id: number;
  path: string;
  /** Identifies the file's contents and the options (modification time, size, settings). */
  key: string;
  localAddresses: readonly string[];
  thresholds?: FindingThresholds;
  query: TraceQuery;
}

type DiskReply =
  | { id: number; ok: true; answer: unknown }
  | { id: number; ok: false; message: string; errorCode?: string }
  /** Reading is under way: `progress` is the fraction of the file read so far. */
  | { id: number; progress: number };

/** Decoded bytes of a trace file → analysis, with the decoder's notices (binary, UTF-16) first. */
export function analyzeBytes(bytes: Buffer, localAddresses: readonly string[], thresholds?: FindingThresholds): TraceAnalysis {
  const decoded = decodeTraceBytes(bytes);
  const analysis = analyzeTrace(decoded.unreadable ? '' : decoded.text, { localAddresses, redecode: decoded.redecode, thresholds });
  if (decoded.notices.length > 0) analysis.notices = [...decoded.notices, ...analysis.notices];
  return analysis;
}

export function analyzeTextJob(job: TextJob): TraceAnalysis {
  return analyzeTrace(job.text, { localAddresses: job.localAddresses, thresholds: job.thresholds });
}

/**
 * The bytes of a file on disk → its analysis. A packet capture (known by its magic bytes, never
 * by its name) is read packet by packet and rendered as text; anything else is a text trace.
 */
export function analyzeFileBytes(
  bytes: Buffer,
  localAddresses: readonly string[],
  thresholds?: FindingThresholds,
  onProgress?: ProgressCallback,
): FileAnalysis {
  if (detectCapture(bytes)) {
    const capture = analyzeCapture(bytes, { localAddresses, thresholds, onProgress });
    return { analysis: capture.analysis, capture: { text: capture.text, encapsulations: capture.encapsulations } };
  }
  return { analysis: analyzeBytes(bytes, localAddresses, thresholds) };
}

export async function analyzeFile(
  path: string,
  localAddresses: readonly string[],
  thresholds?: FindingThresholds,
  onProgress?: ProgressCallback,
): Promise<FileAnalysis> {
  return analyzeFileBytes(await readFile(path), localAddresses, thresholds, onProgress);
}

export function isAnalysisWorker(): boolean {
  return !isMainThread && (workerData as { marker?: string } | null)?.marker === WORKER_MARKER;
}

/** Worker side: the long-lived server of queries about files on disk. */
export function runAnalysisWorker(): void {
  // Findings and verdicts are worded as the analysis runs: in the server's language.
  setLocale((workerData as { locale?: string }).locale);
  serveDiskQueries();
}

/** Thrown by a worker job for I/O failures, so callers can tell them from analysis bugs. */
export class JobError extends Error {
  constructor(
    message: string,
    readonly errorCode?: string,
  ) {
    super(message);
    this.name = 'JobError';
  }
}

/**
 * Worker side of DiskWorker: keeps the analysis of the last file asked about, so a summary and
 * then ladders of a 200 MB trace cost one analysis, and only the small answers cross threads.
 */
function serveDiskQueries(): void {
  let cached: { key: string; file: FileAnalysis } | undefined;
  let queue: Promise<void> = Promise.resolve();
  const handle = async (request: DiskRequest): Promise<void> => {
    try {
      if (cached?.key !== request.key) {
        cached = undefined; // let the old analysis go before reading the new file
        // Whole percents only: a message per packet would cost more than the reading.
        let reported = -1;
        const onProgress: ProgressCallback = (done, total) => {
          const percent = total > 0 ? Math.floor((100 * done) / total) : 0;
          if (percent === reported) return;
          reported = percent;
          parentPort?.postMessage({ id: request.id, progress: percent / 100 } satisfies DiskReply);
        };
        cached = { key: request.key, file: await analyzeFile(request.path, request.localAddresses, request.thresholds, onProgress) };
      }
      const answer = answerQuery(cached.file, request.query, request.localAddresses);
      parentPort?.postMessage({ id: request.id, ok: true, answer } satisfies DiskReply);
    } catch (error) {
      parentPort?.postMessage({
        id: request.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
        errorCode: (error as NodeJS.ErrnoException | undefined)?.code,
      } satisfies DiskReply);
    }
  };
  parentPort?.on('message', (request: DiskRequest) => {
    queue = queue.then(() => handle(request));
  });
}

/** Main-thread side: a long-lived worker answering queries about files on disk. */
export class DiskWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (answer: unknown) => void; reject: (error: Error) => void; onProgress?: (fraction: number) => void }
  >();

  constructor(private readonly script: string) {}

  /** `onProgress` hears how far the file has been read, when the answer needs it read first. */
  query<Q extends TraceQuery>(
    path: string,
    key: string,
    localAddresses: readonly string[],
    query: Q,
    thresholds?: FindingThresholds,
    onProgress?: (fraction: number) => void,
  ): Promise<QueryAnswer<Q>> {
    return new Promise<QueryAnswer<Q>>((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve: resolve as (answer: unknown) => void, reject, onProgress });
      try {
        this.started().postMessage({ id, path, key, localAddresses: [...localAddresses], thresholds, query } satisfies DiskRequest);
      } catch (error) {
        this.pending.delete(id);
        reject(error as Error);
      }
    });
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script, { workerData: { marker: WORKER_MARKER, mode: 'disk', locale: currentLocale() } });
    // An idle worker must not keep the server process alive.
    worker.unref();
    worker.on('message', (reply: DiskReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      if ('progress' in reply) {
        waiting.onProgress?.(reply.progress);
        return;
      }
      this.pending.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.answer);
      else waiting.reject(new JobError(reply.message, reply.errorCode));
    });
    const fail = (error: Error): void => {
      if (this.worker === worker) this.worker = undefined;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`analysis worker exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }
}
