// Preloaded into the CLI (`node --require …/memory-probe.cjs`) by the bench: at exit it writes
// the process's peak RSS and final heap figures to the file named by SIP_LENS_BENCH_PROBE.
'use strict';
const { writeFileSync } = require('node:fs');
const v8 = require('node:v8');

process.on('exit', () => {
  const out = process.env.SIP_LENS_BENCH_PROBE;
  if (!out) return;
  const heap = v8.getHeapStatistics();
  writeFileSync(
    out,
    JSON.stringify({
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      heapUsedBytes: heap.used_heap_size,
      heapTotalBytes: heap.total_heap_size,
      externalBytes: heap.external_memory,
      mallocedPeakBytes: heap.peak_malloced_memory,
    }),
  );
});
