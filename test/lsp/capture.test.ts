// Protocol tests of packet captures in the language server: `sipLens/summary` reads a capture
// from disk, `sipLens/captureText` renders it as text, and that text, opened as a document, gets
// the features of any trace. Expectations come from the public capture's truth.json (what the
// capture holds, read off it call by call), not from running SIP Lens.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import type { CallFlow, CaptureText, Summary } from '../../server/src/protocol';
import { fileUri, messageOf, rejection, ROOT, TestClient } from './client';

const WILD = process.env.SIP_LENS_WILD_CAPTURES ?? resolve(ROOT, '..', 'shared', 'wild-captures');
const CAPTURE = 'sip-captures_401_then_488.pcapng';

interface TruthCall {
  callId: string;
  outcome: string;
  finalStatus: number | null;
  endedBy: string | null;
}
interface Truth {
  file: string;
  calls: TruthCall[];
  transactions_only: string[];
}

function truthOf(file: string): Truth {
  const all = JSON.parse(readFileSync(join(WILD, 'truth.json'), 'utf8')) as Truth[];
  const truth = all.find((t) => t.file === file);
  assert.ok(truth, `truth.json describes ${file}`);
  return truth;
}

/** In this capture (as Wireshark numbers frames): the first INVITE is frame 7, the 488 frame 12. */
const FIRST_INVITE_FRAME = 7;
const FINAL_488_FRAME = 12;

const dir = mkdtempSync(join(tmpdir(), 'sip-lens-lsp-capture-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Checks a capture's summary against truth.json. */
function assertMatchesTruth(summary: Summary, truth: Truth): void {
  assert.deepEqual(
    summary.calls.map((c) => ({ callId: c.callId, outcome: c.outcome, finalStatus: c.finalStatus, endedBy: c.endedBy })),
    truth.calls.map((c) => ({ callId: c.callId, outcome: c.outcome, finalStatus: c.finalStatus, endedBy: c.endedBy })),
  );
  const callIds = new Set(summary.calls.map((c) => c.callId));
  for (const callId of truth.transactions_only) {
    assert.ok(!callIds.has(callId), `${callId} is not a call`);
    assert.ok(
      summary.transactions.some((t) => t.callId === callId),
      `${callId} is listed among the transactions`,
    );
  }
}

for (const mode of ['in the server thread', 'in the worker thread'] as const) {
  describe(`a capture on disk, ${mode}`, () => {
    const truth = truthOf(CAPTURE);
    const uri = fileUri(join(WILD, CAPTURE));
    let client: TestClient;

    before(async () => {
      client = await TestClient.start({
        // Threshold 1: every file on disk goes to the worker; progress shows at once.
        env: mode === 'in the worker thread' ? { SIP_LENS_WORKER_THRESHOLD: '1', SIP_LENS_PROGRESS_DELAY_MS: '0' } : {},
      });
    });
    after(async () => {
      assert.deepEqual(client.errors(), []);
      assert.deepEqual(
        client.logs.filter((l) => /worker failed/.test(l.message)),
        [],
        'no analysis fell back to the server thread',
      );
      await client.stop();
    });

    it('sipLens/summary reads the capture from disk: its calls, frames and container', async () => {
      const summary = await client.requestByName<Summary & { encapsulations?: string[] }>('sipLens/summary', { uri });
      assert.equal(summary.format, 'pcapng');
      assertMatchesTruth(summary, truth);
      const [call] = summary.calls as (Summary['calls'][number] & { startFrame?: number; finalFrame?: number | null })[];
      assert.equal(call.startFrame, FIRST_INVITE_FRAME);
      assert.equal(call.finalFrame, FINAL_488_FRAME);
      assert.ok(Array.isArray(summary.encapsulations), 'the summary names the encapsulations seen');
      if (mode === 'in the worker thread') {
        const begin = await client.waitForProgress('begin');
        await client.waitForProgress('end');
        assert.match(String((begin.value as { title?: string }).title), new RegExp(CAPTURE.replace(/\./g, '\\.')));
        // Reading a capture reports how far it has got.
        const percentages = client.progress
          .map((p) => (p.value as { percentage?: unknown }).percentage)
          .filter((v): v is number => typeof v === 'number');
        assert.ok(percentages.length > 0, 'progress carries percentages');
        assert.ok(percentages.every((v, i) => v >= 0 && v <= 100 && (i === 0 || v >= percentages[i - 1])), percentages.join(' '));
      }
    });

    it('sipLens/callFlow draws a call of the capture, its lines in the capture text', async () => {
      const summary = await client.requestByName<Summary>('sipLens/summary', { uri });
      const { text } = await client.requestByName<CaptureText>('sipLens/captureText', { uri });
      const lines = text.split(/\r?\n/);
      const flow = await client.requestByName<CallFlow>('sipLens/callFlow', { uri, callId: truth.calls[0].callId });
      assert.ok(flow, 'the call has a ladder');
      // INVITE, 401, ACK, INVITE, 100, 488, ACK (frames 7 to 13).
      assert.deepEqual(
        flow.arrows.map((a) => a.label.split(' ')[0]),
        ['INVITE', '401', 'ACK', 'INVITE', '100', '488', 'ACK'],
      );
      assert.deepEqual(
        flow.arrows.map((a) => a.frame),
        [7, 8, 9, 10, 11, 12, 13],
        'each arrow names its frame',
      );
      for (const arrow of flow.arrows) {
        assert.ok(lines[arrow.line].includes(arrow.label.split(' ')[0]), `line ${arrow.line} holds ${arrow.label}`);
      }
      assert.match(lines[summary.calls[0].finalLine ?? -1], /^SIP\/2\.0 488 /);
    });

    it('sipLens/captureText gives a text that reads back as the same calls, with diagnostics and hovers', async () => {
      const capture = await client.requestByName<Summary>('sipLens/summary', { uri });
      const { text } = await client.requestByName<CaptureText>('sipLens/captureText', { uri });
      const textUri = `untitled:${CAPTURE}-${mode.replace(/\W+/g, '-')}.sip`;
      const { diagnostics } = await client.open(textUri, text);
      const fromText = await client.requestByName<Summary>('sipLens/summary', { uri: textUri });
      assertMatchesTruth(fromText, truth);
      // Line fields of the capture's summary refer to this text.
      assert.deepEqual(
        fromText.calls.map((c) => [c.callId, c.startLine, c.finalLine, c.setupMs]),
        capture.calls.map((c) => [c.callId, c.startLine, c.finalLine, c.setupMs]),
      );

      const finalLine = capture.calls[0].finalLine;
      assert.ok(finalLine !== null);
      const onFinal = diagnostics.find((d) => d.range.start.line === finalLine);
      assert.equal(onFinal?.code, 'error-final', diagnostics.map((d) => `${d.range.start.line}: ${d.code}`).join(', '));
      assert.match(messageOf(onFinal), /488/);

      const hover = await client.request(HoverRequest.type, { textDocument: { uri: textUri }, position: { line: finalLine, character: 10 } });
      const markdown = (hover?.contents as MarkupContent | undefined)?.value ?? '';
      assert.match(markdown, /488/);
      assert.match(markdown, /Not Acceptable Here/);
      assert.match(markdown, /\bfailed\b/, 'the hover names the call outcome');
      await client.close(textUri);
    });

    it('answers a missing capture and a file that is no capture with clear request errors', async () => {
      const missing = join(dir, `missing-${mode.length}.pcapng`);
      const summaryError = await rejection(client.requestByName('sipLens/summary', { uri: fileUri(missing) }));
      assert.match(summaryError.message, /not found/i);
      const textError = await rejection(client.requestByName('sipLens/captureText', { uri: fileUri(missing) }));
      assert.match(textError.message, /not found/i);
      assert.ok(textError.message.includes(missing), textError.message);

      // Named like a capture, but text: the summary reads it as text; it has no capture text.
      const garbage = join(dir, `garbage-${mode.length}.pcapng`);
      writeFileSync(garbage, 'This is not a packet capture.\nJust some words.\n');
      const summary = await client.requestByName<Summary>('sipLens/summary', { uri: fileUri(garbage) });
      assert.equal(summary.calls.length, 0);
      const notCapture = await rejection(client.requestByName('sipLens/captureText', { uri: fileUri(garbage) }));
      assert.match(notCapture.message, /not a packet capture/);

      // Binary junk with a capture's name: a summary with a notice, never a crash.
      const junk = join(dir, `junk-${mode.length}.pcap`);
      writeFileSync(junk, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251)));
      const junkSummary = await client.requestByName<Summary>('sipLens/summary', { uri: fileUri(junk) });
      assert.equal(junkSummary.calls.length, 0);
      assert.ok(junkSummary.notices.length > 0, 'the summary says why nothing was found');

      const params = await rejection(client.requestByName('sipLens/captureText', {}));
      assert.match(params.message, /uri/);
    });

    it('analyses a capture cut mid-record as far as it goes', async () => {
      const whole = readFileSync(join(WILD, CAPTURE));
      // The cut falls inside the capture's later records: the file header and the first
      // packets are intact, so the capture is still read.
      const cut = join(dir, `cut-${mode.length}.pcapng`);
      writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
      const summary = await client.requestByName<Summary>('sipLens/summary', { uri: fileUri(cut) });
      assert.equal(summary.format, 'pcapng');
      assert.ok(summary.notices.length > 0, 'a notice says the capture was cut');
      const { text } = await client.requestByName<CaptureText>('sipLens/captureText', { uri: fileUri(cut) });
      assert.equal(typeof text, 'string');
    });
  });
}
