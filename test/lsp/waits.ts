// Waiting on the server from the tests: for its worker threads to settle, for a condition to hold.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import type { TestClient } from './client';

/** Threads of the server process (its workers are threads of their own). */
export function threadsOf(client: TestClient): number {
  return readdirSync(`/proc/${client.child.pid}/task`).length;
}

/** The thread count once it has stayed the same for a while (workers stop asynchronously). */
export async function settledThreads(client: TestClient): Promise<number> {
  let count = threadsOf(client);
  for (let same = 0; same < 6; ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = threadsOf(client);
    same = now === count ? same + 1 : 0;
    count = now;
  }
  return count;
}

/** Waits until `check` holds, failing the test after `ms`. */
export async function eventually(what: string, check: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) assert.fail(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
