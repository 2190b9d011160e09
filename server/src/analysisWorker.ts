// Analysis jobs, run either in the server's own thread (small documents) or in a worker thread
// (big documents and files read from disk), so a long analysis never holds up requests and a
// newer version can stop an older run at once (by terminating its worker).
//
// The worker is the server bundle itself started again as a worker: `server.ts` checks
// `isAnalysisWorker()` first and then runs `runAnalysisWorker()` instead of the language server.
import { readFile } from 'node:fs/promises';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { currentLocale, setLocale } from './analysis/l10n';
import { analyzeTrace } from './analysis/analyze';
import { analyzeCapture, detectCapture } from './analysis/capture';
import { parseSipMessage } from './analysis/message';
import { decodeTraceBytes } from './analysis/source';
import type { Summary } from './analysis/summary';
import type { FindingThresholds } from './analysis/findings/types';
import type { FramedMessage, SipMessage, TraceAnalysis, TraceMessage } from './analysis/types';
import { computeCallFlow } from './features/callFlow';
import { computeGroupFlow } from './features/groupFlow';
import { computeSummary } from './features/summary';
import type { CallFlow, CaptureText } from './protocol';

export interface TextJob {
  kind: 'text';
  text: string;
  localAddresses: readonly string[];
  thresholds?: FindingThresholds;
}

export interface FileJob {
  kind: 'file';
  path: string;
  localAddresses: readonly string[];
  thresholds?: FindingThresholds;
}

export type AnalysisJob = TextJob | FileJob;

type WorkerReply = { ok: true; analysis: TraceAnalysis } | { ok: false; message: string; errorCode?: string };

const WORKER_MARKER = 'sip-lens/analysis-worker';

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
  const analysis = analyzeTrace(decoded.binary ? '' : decoded.text, { localAddresses, redecode: decoded.redecode, thresholds });
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

export async function runJobInThread(job: AnalysisJob): Promise<TraceAnalysis> {
  if (job.kind === 'text') return analyzeTextJob(job);
  return (await analyzeFile(job.path, job.localAddresses, job.thresholds)).analysis;
}

// Messages are views over the analysis's columns (store.ts), which structured cloning cannot
// carry: send plain copies of their fields, and re-create `headers` lazily on arrival.
const FRAME_FIELDS = [
  'format', 'firstLine', 'startLine', 'startColumn', 'lastLine', 'text', 'lineMap', 'time', 'direction',
  'src', 'dst', 'announcedBytes', 'bytesIntact', 'frame', 'fragments', 'icmp',
] as const satisfies readonly (keyof FramedMessage)[];
const SIP_FIELDS = [
  'kind', 'method', 'requestUri', 'status', 'reason', 'version', 'startLineText', 'callId', 'cseq', 'from', 'to',
  'branch', 'viaHost', 'contentLength', 'contentType', 'reasonHeaders', 'body', 'hasSdp', 'problems',
] as const satisfies readonly Exclude<keyof SipMessage, 'headers'>[];

function plainCopy<T extends object>(from: T, fields: readonly (keyof T)[]): T {
  const plain: Partial<T> = {};
  for (const field of fields) {
    const value = from[field];
    if (value !== undefined) plain[field] = value;
  }
  return plain as T;
}

function forTransfer(analysis: TraceAnalysis): TraceAnalysis {
  const messages = analysis.messages.map(
    (m): TraceMessage => ({ index: m.index, retransmission: m.retransmission, frame: plainCopy(m.frame, FRAME_FIELDS), sip: plainCopy(m.sip, SIP_FIELDS) as SipMessage }),
  );
  return { ...analysis, messages };
}

/** Gives every message of a transferred analysis its lazy `headers` back (parsed from the frame on first use). */
export function rehydrate(analysis: TraceAnalysis): TraceAnalysis {
  for (const message of analysis.messages) {
    const sip = message.sip as unknown as Record<string, unknown>;
    Object.defineProperty(sip, 'headers', {
      configurable: true,
      enumerable: true,
      get() {
        const headers = parseSipMessage(message.frame.text, { bytesIntact: message.frame.bytesIntact }).headers;
        Object.defineProperty(sip, 'headers', { value: headers, enumerable: true, configurable: true });
        return headers;
      },
    });
  }
  return analysis;
}

export function isAnalysisWorker(): boolean {
  return !isMainThread && (workerData as { marker?: string } | null)?.marker === WORKER_MARKER;
}

/** Worker side: a one-shot job, or the long-lived server of queries about files on disk. */
export function runAnalysisWorker(): void {
  // Findings and verdicts are worded as the analysis runs: in the server's language.
  setLocale((workerData as { locale?: string }).locale);
  if ((workerData as { mode?: string }).mode === 'disk') {
    serveDiskQueries();
    return;
  }
  const { job } = workerData as { job: AnalysisJob };
  const reply = (message: WorkerReply): void => parentPort?.postMessage(message);
  runJobInThread(job).then(
    (analysis) => reply({ ok: true, analysis: forTransfer(analysis) }),
    (error: unknown) =>
      reply({
        ok: false,
        message: error instanceof Error ? error.message : String(error),
        errorCode: (error as NodeJS.ErrnoException | undefined)?.code,
      }),
  );
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

export interface WorkerRun {
  promise: Promise<TraceAnalysis>;
  /** Stops the worker; the promise then never settles with a result (it rejects with `cancelled`). */
  cancel(): void;
}

/** Runs a job in a fresh worker thread started from `script` (the server bundle). */
export function runJobInWorker(script: string, job: AnalysisJob): WorkerRun {
  let worker: Worker | undefined;
  let settled = false;
  let rejectRun: (error: Error) => void = () => undefined;
  const promise = new Promise<TraceAnalysis>((resolve, reject) => {
    rejectRun = reject;
    worker = new Worker(script, { workerData: { marker: WORKER_MARKER, job, locale: currentLocale() } });
    worker.once('message', (reply: WorkerReply) => {
      settled = true;
      void worker?.terminate();
      if (reply.ok) resolve(rehydrate(reply.analysis));
      else reject(new JobError(reply.message, reply.errorCode));
    });
    worker.once('error', (error) => {
      if (settled) return;
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (settled) return;
      settled = true;
      reject(new Error(`analysis worker exited with code ${code}`));
    });
  });
  return {
    promise,
    cancel() {
      if (settled) return;
      settled = true;
      void worker?.terminate();
      rejectRun(new Error('cancelled'));
    },
  };
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
