// Gzip-compressed captures (`.pcap.gz`, `.pcapng.gz`), undone with Node's zlib. A file cut short
// still yields what it holds; the output is bounded so a small file cannot claim gigabytes.
import { constants, gunzipSync } from 'node:zlib';

/** Decompressed captures larger than this are refused with a notice. */
export const MAX_GUNZIPPED = 1024 * 1024 * 1024;

export function isGzip(d: Uint8Array): boolean {
  return d.length >= 3 && d[0] === 0x1f && d[1] === 0x8b && d[2] === 8;
}

export interface Gunzipped {
  bytes: Uint8Array;
  /** What went wrong, in words, when not all of the file could be decompressed. */
  problem?: string;
}

export function gunzip(d: Uint8Array, maxOutput = MAX_GUNZIPPED): Gunzipped {
  try {
    return { bytes: gunzipSync(d, { maxOutputLength: maxOutput }) };
  } catch (error) {
    if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      return { bytes: new Uint8Array(0), problem: `The compressed capture expands to more than ${Math.round(maxOutput / 1048576)} MB; decompress it first.` };
    }
    if ((error as NodeJS.ErrnoException).code === 'Z_BUF_ERROR') {
      // Cut short: a sync flush at the end hands back everything decompressed so far.
      try {
        const bytes = gunzipSync(d, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: maxOutput });
        return { bytes, problem: 'The compressed capture is cut short; it was read as far as it goes.' };
      } catch {
        // damaged as well: fall through
      }
    }
    return { bytes: gunzipPrefix(d, maxOutput), problem: 'The compressed capture is damaged; only the part before the damage was read.' };
  }
}

/** The longest prefix of the compressed bytes that still decompresses. */
function gunzipPrefix(d: Uint8Array, maxOutput: number): Uint8Array {
  let lo = 0;
  let hi = d.length;
  let best: Uint8Array = new Uint8Array(0);
  // Bisection over the input length: about 30 tries at most.
  while (hi - lo > 512) {
    const mid = (lo + hi) >>> 1;
    try {
      best = gunzipSync(d.subarray(0, mid), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: maxOutput });
      lo = mid;
    } catch {
      hi = mid;
    }
  }
  return best;
}

/** The first bytes of a gzip stream, enough to see a capture's magic, or undefined. */
export function gunzipHead(d: Uint8Array, want = 64): Uint8Array | undefined {
  try {
    const head = gunzipSync(d.subarray(0, Math.min(d.length, 1024)), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: 1 << 24 });
    return head.subarray(0, want);
  } catch {
    return undefined;
  }
}
