// Ordering messages of different legs: by time where both carry a comparable one, else by their
// place in the file (a log is written in the order things happened).
import { msBetween } from '../calls';
import type { TraceMessage } from '../types';

/** True when a happened before b. */
export function before(a: TraceMessage, b: TraceMessage): boolean {
  const ms = msBetween(a, b);
  return ms === null ? a.index < b.index : ms < 0 ? false : ms > 0 || a.index < b.index;
}
