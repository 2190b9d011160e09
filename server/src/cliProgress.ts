// How far the CLI has got with a big file, on the terminal: a line on standard error, rewritten in
// place and cleared at the end, when standard error is a terminal and the file big enough to take
// a few seconds. Piped or redirected, nothing is written, so scripts and CI logs see no progress.
import { basename } from 'node:path';
import { formatNumber, t } from './analysis/l10n';

/** Files from this size on (bytes) show progress: under a second or so, a line would only flicker. */
export const PROGRESS_FROM = 32 * 1024 * 1024;

/** The line is rewritten at most this often (ms). */
const REDRAW_MS = 200;

/** What a file's reading reports. */
export interface Progress {
  /** Packets of a capture read, `done` of `total`. */
  packets(done: number, total: number): void;
  /** The text read for messages, a fraction; 1 when it is read and the calls are being made. */
  messages(fraction: number): void;
  /** Clears the line. */
  done(): void;
}

/** The stream progress is written to: standard error, or a stand-in in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** Progress for reading `file` of `size` bytes; undefined when none is shown. */
export function progressFor(file: string, size: number, stream: ProgressStream = process.stderr, now: () => number = Date.now): Progress | undefined {
  if (!stream.isTTY || size < PROGRESS_FROM) return undefined;
  const name = basename(file);
  let shownAt = -Infinity;
  let shown = false;
  const show = (text: string, force = false): void => {
    const at = now();
    if (!force && at - shownAt < REDRAW_MS) return;
    shownAt = at;
    shown = true;
    // Back to the line's start, clear it, write: the line is rewritten in place.
    stream.write(`\r\x1b[K${text}`);
  };
  const percent = (fraction: number): string => formatNumber(Math.min(99, Math.floor(fraction * 100)));
  return {
    packets: (done, total) => show(t('sip-lens: {0}: reading packets, {1}%', name, percent(done / Math.max(1, total)))),
    messages: (fraction) =>
      fraction >= 1 ? show(t('sip-lens: {0}: making the calls…', name), true) : show(t('sip-lens: {0}: reading messages, {1}%', name, percent(fraction))),
    done: () => {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}

/** Runs `work` with progress for `file` of `size` bytes shown (where it is), and clears the line after. */
export function withProgress<T>(file: string, size: number, work: (progress: Progress | undefined) => T): T {
  const progress = progressFor(file, size);
  try {
    return work(progress);
  } finally {
    progress?.done();
  }
}
