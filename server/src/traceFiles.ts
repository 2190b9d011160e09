// Finding the trace files under a folder: every packet capture (by its magic bytes) and every
// regular file whose first 64 KB hold a SIP message, whatever its name. Hidden folders and
// node_modules are skipped, symbolic links not followed. The CLI (`summary DIR`) and the
// editor's SIP Traces view find files by these same rules.
import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { detectCapture } from './analysis/capture';
import { splitTrace } from './analysis/formats';
import { decodeTraceBytes } from './analysis/source';

const SNIFF_BYTES = 64 * 1024;
/** Folders are walked to this depth at most, and this many files looked at at most. */
const MAX_DEPTH = 32;
const MAX_FILES = 100_000;

function head(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const read = readSync(fd, buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** What a file's first bytes say it is: a packet capture, a text trace, or neither. */
export type TraceKind = 'capture' | 'text' | undefined;

/** Is this a packet capture, or does the start of this file hold a SIP message with a Call-ID? */
export function traceKindOf(file: string): TraceKind {
  let bytes: Buffer;
  try {
    bytes = head(file);
  } catch {
    return undefined;
  }
  if (detectCapture(bytes)) return 'capture';
  const decoded = decodeTraceBytes(bytes);
  // Every SIP message has `SIP/2.0` in its start line: most files are settled without splitting.
  if (decoded.unreadable || !decoded.text.includes('SIP/2.0')) return undefined;
  return splitTrace(decoded.text).messages.some((m) => /^(?:call-id|i)[ \t]*:/im.test(m.text)) ? 'text' : undefined;
}

export function looksLikeTrace(file: string): boolean {
  return traceKindOf(file) !== undefined;
}

export interface TraceWalk {
  /** The trace files, sorted by path (folder by folder, names in code-point order). */
  files: string[];
  /** More files were there than `maxFiles` allowed to look at. */
  truncated: boolean;
}

export interface TraceWalkOptions {
  /** Files looked at, at most (default 100 000). */
  maxFiles?: number;
  /** Decides whether a file is a trace (default: by its first 64 KB); a cache may stand in. */
  isTrace?: (file: string) => boolean;
}

/**
 * The regular files under `dir`, folder by folder with names in code-point order, hidden folders
 * and node_modules skipped, symbolic links not followed; at most `maxFiles`. Returns true when
 * it stopped at that limit. A generator, so a caller can pause between files.
 */
export function* filesUnder(dir: string, maxFiles = MAX_FILES): Generator<string, boolean> {
  let looked = 0;
  function* walk(folder: string, depth: number): Generator<string, boolean> {
    if (depth > MAX_DEPTH) return false;
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return false;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (looked >= maxFiles) return true;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && entry.name !== 'node_modules' && (yield* walk(path, depth + 1))) return true;
      } else if (entry.isFile()) {
        looked++;
        yield path;
      }
    }
    return false;
  }
  return yield* walk(dir, 0);
}

/** The trace files under `dir`, with whether the walk stopped at its file limit. */
export function walkTraceFiles(dir: string, options: TraceWalkOptions = {}): TraceWalk {
  const isTrace = options.isTrace ?? looksLikeTrace;
  const found: string[] = [];
  const files = filesUnder(dir, options.maxFiles);
  for (let next = files.next(); ; next = files.next()) {
    if (next.done) return { files: found, truncated: next.value };
    if (isTrace(next.value)) found.push(next.value);
  }
}

/** The trace files under `dir`, sorted by path. */
export function traceFilesIn(dir: string): string[] {
  return walkTraceFiles(dir).files;
}
