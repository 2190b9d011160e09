// Analysis jobs, run either in the server's own thread (small documents) or in a worker thread
// (big documents and files read from disk), so a long analysis never holds up requests and a
// newer version can stop an older run at once (by terminating its worker).
//
// The worker is the server bundle itself started again as a worker: `server.ts` checks
// `isAnalysisWorker()` first and then runs `runAnalysisWorker()` instead of the language server.
import { readFile } from 'node:fs/promises';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { analyzeTrace } from './analysis/analyze';
import { parseSipMessage } from './analysis/message';
import { decodeTraceBytes } from './analysis/source';
import type { SipMessage, TraceAnalysis } from './analysis/types';

export interface TextJob {
  kind: 'text';
  text: string;
  localAddresses: readonly string[];
}

export interface FileJob {
  kind: 'file';
  path: string;
  localAddresses: readonly string[];
}

export type AnalysisJob = TextJob | FileJob;

type WorkerReply = { ok: true; analysis: TraceAnalysis } | { ok: false; message: string; errorCode?: string };

const WORKER_MARKER = 'sip-lens/analysis-worker';

/** Decoded bytes of a trace file → analysis, with the decoder's notices (binary, UTF-16) first. */
export function analyzeBytes(bytes: Buffer, localAddresses: readonly string[]): TraceAnalysis {
  const decoded = decodeTraceBytes(bytes);
  const analysis = analyzeTrace(decoded.binary ? '' : decoded.text, { localAddresses, redecode: decoded.redecode });
  if (decoded.notices.length > 0) analysis.notices = [...decoded.notices, ...analysis.notices];
  return analysis;
}

export function analyzeTextJob(job: TextJob): TraceAnalysis {
  return analyzeTrace(job.text, { localAddresses: job.localAddresses });
}

export async function runJobInThread(job: AnalysisJob): Promise<TraceAnalysis> {
  if (job.kind === 'text') return analyzeTextJob(job);
  return analyzeBytes(await readFile(job.path), job.localAddresses);
}

// Parsed messages keep their header list lazily (a getter over private fields), which structured
// cloning cannot carry. Send the plain fields and re-create `headers` lazily on arrival.
const PRIVATE_SIP_FIELDS = new Set(['text', 'headerEnd', 'headerList', 'headers']);

function plainSip(sip: SipMessage): SipMessage {
  const plain: Record<string, unknown> = {};
  for (const key of Object.keys(sip)) {
    if (PRIVATE_SIP_FIELDS.has(key)) continue;
    const value = (sip as unknown as Record<string, unknown>)[key];
    if (typeof value !== 'function') plain[key] = value;
  }
  return plain as unknown as SipMessage;
}

function forTransfer(analysis: TraceAnalysis): TraceAnalysis {
  return { ...analysis, messages: analysis.messages.map((m) => ({ ...m, sip: plainSip(m.sip) })) };
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

/** Worker side: run the one job in workerData and post the result. */
export function runAnalysisWorker(): void {
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
    worker = new Worker(script, { workerData: { marker: WORKER_MARKER, job } });
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
