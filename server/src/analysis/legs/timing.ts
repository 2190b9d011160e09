// Ordering messages of different legs: by time where both carry a comparable one, else by their
// place in the file (a log is written in the order things happened).
import type { TraceMessage } from '../types';

/** Milliseconds from a to b, or undefined when their times cannot be compared. */
export function msBetween(a: TraceMessage, b: TraceMessage): number | undefined {
  const x = a.frame.time;
  const y = b.frame.time;
  if (!x || !y || x.dated !== y.dated) return undefined;
  return y.ms - x.ms;
}

/** True when a happened before b. */
export function before(a: TraceMessage, b: TraceMessage): boolean {
  const ms = msBetween(a, b);
  return ms === undefined ? a.index < b.index : ms < 0 ? false : ms > 0 || a.index < b.index;
}
