// The CLI's progress line: only on a terminal, only for big files, rewritten in place at most every
// 200 ms, and cleared at the end.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PROGRESS_FROM, progressFor } from '../../server/src/cliProgress';

function terminal(isTTY = true): { isTTY: boolean; written: string[]; write(text: string): void } {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => void written.push(text) };
}

describe('CLI progress', () => {
  it('shows nothing when standard error is not a terminal, or the file is small', () => {
    assert.equal(progressFor('/x/big.log', PROGRESS_FROM, terminal(false)), undefined);
    assert.equal(progressFor('/x/small.log', PROGRESS_FROM - 1, terminal()), undefined);
  });

  it('rewrites one line in place, at most every 200 ms, then says the calls are being made, then clears it', () => {
    const stream = terminal();
    let clock = 0;
    const progress = progressFor('/traces/big.log', PROGRESS_FROM, stream, () => clock)!;
    progress.messages(0.1);
    clock = 100;
    progress.messages(0.2); // too soon: not drawn
    clock = 250;
    progress.messages(0.456);
    clock = 260;
    progress.messages(1); // the end of the reading is always drawn
    progress.done();
    assert.deepEqual(stream.written, [
      '\r\x1b[Ksip-lens: big.log: reading messages, 10%',
      '\r\x1b[Ksip-lens: big.log: reading messages, 45%',
      '\r\x1b[Ksip-lens: big.log: making the calls…',
      '\r\x1b[K',
    ]);
  });

  it('counts a capture\'s packets, never shows 100% before the end, and clears nothing it did not draw', () => {
    const stream = terminal();
    let clock = 0;
    const progress = progressFor('/c/big.pcap', PROGRESS_FROM * 2, stream, () => clock)!;
    progress.packets(999, 1000);
    assert.deepEqual(stream.written, ['\r\x1b[Ksip-lens: big.pcap: reading packets, 99%']);
    const quiet = terminal();
    progressFor('/c/other.pcap', PROGRESS_FROM, quiet, () => clock)!.done();
    assert.deepEqual(quiet.written, []);
  });
});
