// Finding the trace files under a folder: every packet capture (by its magic bytes) and every
// regular file whose first 64 KB hold a SIP message, whatever its name. Hidden folders and node_modules are skipped, symbolic links not followed.
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

/** Is this a packet capture, or does the start of this file hold a SIP message with a Call-ID? */
export function looksLikeTrace(file: string): boolean {
  let bytes: Buffer;
  try {
    bytes = head(file);
  } catch {
    return false;
  }
  if (detectCapture(bytes)) return true;
  const decoded = decodeTraceBytes(bytes);
  if (decoded.binary) return false;
  return splitTrace(decoded.text).messages.some((m) => /^(?:call-id|i)[ \t]*:/im.test(m.text));
}

/** The trace files under `dir`, sorted by path. */
export function traceFilesIn(dir: string): string[] {
  const found: string[] = [];
  let looked = 0;
  const walk = (folder: string, depth: number) => {
    if (depth > MAX_DEPTH) return;
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (looked >= MAX_FILES) return;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && entry.name !== 'node_modules') walk(path, depth + 1);
      } else if (entry.isFile()) {
        looked++;
        if (looksLikeTrace(path)) found.push(path);
      }
    }
  };
  walk(dir, 0);
  return found;
}
