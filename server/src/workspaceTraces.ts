// The trace files of the workspace with their figures, for the SIP Traces view and the workspace
// summary. Files are found as `sip-lens summary DIR` finds them (traceFiles.ts) and read from
// disk. The work is bounded: so many files looked at per folder, so many analysed, so many bytes
// per file and in all; a file left out is listed with the reason and analysed when asked for.
// What was sniffed or analysed is kept by modification time and size, so a refresh after a
// file changed reads only that file again.
import { statSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { combineFileStats, type FileStats, fileStatsOf } from './analysis/fileStats';
import type { Summary } from './analysis/summary';
import { filePathOf } from './analysisService';
import type { WorkspaceTraceFile, WorkspaceTraceLimits, WorkspaceTraces, WorkspaceTracesParams } from './protocol';
import { filesUnder, type TraceKind, traceKindOf } from './traceFiles';

export const DEFAULT_WORKSPACE_LIMITS: WorkspaceTraceLimits = {
  filesLooked: 20_000,
  filesAnalysed: 200,
  fileBytes: 32 * 1024 * 1024,
  totalBytes: 256 * 1024 * 1024,
};

/** Sniffed files kept, at most; a walk of a bigger tree sniffs the rest again next time. */
const MAX_SNIFF_ENTRIES = 50_000;
/** The walk lets other requests (hovers, diagnostics) in after this long. */
const SLICE_MS = 20;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface Sniffed {
  key: string;
  kind: TraceKind;
}

interface Analysed {
  key: string;
  stats?: FileStats;
  error?: string;
}

function versionKey(file: string): { key: string; size: number } | undefined {
  try {
    const info = statSync(file);
    return info.isFile() ? { key: `${info.mtimeMs}:${info.size}`, size: info.size } : undefined;
  } catch {
    return undefined;
  }
}

export class WorkspaceTraceIndex {
  private readonly sniffed = new Map<string, Sniffed>();
  private readonly analysed = new Map<string, Analysed>();

  constructor(
    /** The summary of a file on disk (the analysis service's, with its worker and settings). */
    private readonly summaryOf: (uri: string) => Promise<Summary>,
    /** Changes when analysis options change: figures made under other options are stale. */
    private readonly optionsKey: () => string,
    private readonly limits: WorkspaceTraceLimits = DEFAULT_WORKSPACE_LIMITS,
    /** Called when a listing is done, to let go of what reading the files needed. */
    private readonly done: () => void = () => undefined,
  ) {}

  async list(params: WorkspaceTracesParams): Promise<WorkspaceTraces> {
    const wanted = new Set(params.analyse ?? []);
    const files: WorkspaceTraceFile[] = [];
    let truncated = false;
    const seen = new Set<string>();
    for (const folder of params.folders) {
      let root: string;
      try {
        root = filePathOf(folder);
      } catch {
        continue; // not a file: folder (a virtual workspace): nothing to read from disk
      }
      // Found as `summary DIR` finds them; the walk pauses now and then for other requests.
      const walk = filesUnder(root, this.limits.filesLooked);
      let sliceStart = Date.now();
      for (let next = walk.next(); ; next = walk.next()) {
        if (next.done) {
          truncated ||= next.value;
          break;
        }
        const file = next.value;
        const { kind, size } = this.sniff(file);
        // Nested workspace folders would list a file twice.
        if (kind && !seen.has(file)) {
          seen.add(file);
          files.push({ uri: pathToFileURL(file).href, folder, relativePath: relative(root, file).split(sep).join('/'), size, capture: kind === 'capture' });
        }
        if (Date.now() - sliceStart > SLICE_MS) {
          await nextTurn();
          sliceStart = Date.now();
        }
      }
    }
    this.forget(seen);

    try {
      await this.analyseWithin(files, wanted);
    } finally {
      this.done();
    }
    const figures = combineFileStats(files.flatMap((f) => (f.stats ? [f.stats] : [])));
    return { files, ...figures, truncated, limits: { ...this.limits } };
  }

  /** Figures for the files within the bounds, and for those asked for by name. */
  private async analyseWithin(files: WorkspaceTraceFile[], wanted: ReadonlySet<string>): Promise<void> {
    let analysedFiles = 0;
    let analysedBytes = 0;
    for (const file of files) {
      const asked = wanted.has(file.uri);
      if (!asked) {
        if (file.size > this.limits.fileBytes) {
          file.notAnalysed = 'too-large';
          continue;
        }
        if (analysedFiles >= this.limits.filesAnalysed || analysedBytes + file.size > this.limits.totalBytes) {
          file.notAnalysed = 'too-many';
          continue;
        }
        analysedFiles++;
        analysedBytes += file.size;
      }
      const result = await this.analyse(file.uri);
      if (result.stats) file.stats = result.stats;
      if (result.error) file.error = result.error;
    }
  }

  private sniff(file: string): { kind: TraceKind; size: number } {
    const version = versionKey(file);
    if (!version) return { kind: undefined, size: 0 };
    const cached = this.sniffed.get(file);
    if (cached && cached.key === version.key) return { kind: cached.kind, size: version.size };
    const kind = traceKindOf(file);
    if (this.sniffed.size >= MAX_SNIFF_ENTRIES) this.sniffed.delete(this.sniffed.keys().next().value as string);
    this.sniffed.set(file, { key: version.key, kind });
    return { kind, size: version.size };
  }

  private async analyse(uri: string): Promise<Analysed> {
    const path = filePathOf(uri);
    const version = versionKey(path);
    const key = `${version?.key ?? 'missing'}:${this.optionsKey()}`;
    const cached = this.analysed.get(uri);
    if (cached && cached.key === key) return cached;
    let result: Analysed;
    try {
      result = { key, stats: fileStatsOf(await this.summaryOf(uri)) };
    } catch (error) {
      result = { key, error: error instanceof Error ? error.message : String(error) };
    }
    this.analysed.set(uri, result);
    return result;
  }

  /** Drops what is known of files no longer listed (deleted, or outside the folders now). */
  private forget(listed: ReadonlySet<string>): void {
    for (const uri of this.analysed.keys()) {
      try {
        if (!listed.has(filePathOf(uri))) this.analysed.delete(uri);
      } catch {
        this.analysed.delete(uri);
      }
    }
  }
}
