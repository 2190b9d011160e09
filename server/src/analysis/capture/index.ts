// Packet captures (pcap, pcapng, gzip'd or not): the entry points of the capture reader.
// A capture is rendered as a text trace (the capture-text framing) and that text is analysed like
// any other, so every line field of the result refers to the rendered text and every feature
// works on a capture unchanged.
import { constants } from 'node:buffer';
import { formatMegabytes, formatNumber, t } from '../l10n';
import { analyzeTrace, CancellationError } from '../analyze';
import type { AnalysisOptions, CaptureFormat, TraceAnalysis, TraceNotice } from '../types';
import { containerOf, readContainer } from './container';
import { encapsulationNames } from './encapsulation';
import { gunzip, gunzipHead, isGzip } from './gzip';
import { linkTypeName } from './link';
import { Dissector } from './packets';
import { inTimeOrder, renderCapture } from './render';
import type { CaptureDetection, CapturedSip } from './types';

export type { CaptureContainer, CaptureDetection } from './types';

export interface CaptureAnalysis {
  analysis: TraceAnalysis;
  /** The capture rendered as a text trace; the analysis' lines refer to it. */
  text: string;
  container: CaptureFormat;
  /** Layers that carried SIP, outermost first (`ethernet`, `802.1q`, `ipv4`, `udp`, `hep3`…). */
  encapsulations: string[];
}

export type CaptureOptions = AnalysisOptions & { onProgress?: (done: number, total: number) => void };

/** A pcap or pcapng file, plain or gzip'd, by its magic bytes (never its name); else undefined. */
export function detectCapture(bytes: Uint8Array): CaptureDetection | undefined {
  if (isGzip(bytes)) {
    const head = gunzipHead(bytes);
    const container = head && containerOf(head);
    return container ? { container, gzip: true } : undefined;
  }
  const container = containerOf(bytes);
  return container ? { container, gzip: false } : undefined;
}

/** What reading a capture's packets gives, before the messages are rendered. */
export interface DissectedCapture {
  /** The capture's bytes, gzip undone. */
  data: Uint8Array;
  container: CaptureFormat;
  /** The SIP messages in the order the text shows them (capture time). */
  messages: CapturedSip[];
  encapsulations: string[];
  notices: TraceNotice[];
}

/**
 * Reads a capture's packets down to its SIP messages. With `trackFrames`, each message also
 * knows every frame that carried it (IP fragments, TCP segments), for writing them out again.
 */
export function dissectCapture(bytes: Uint8Array, options: Pick<CaptureOptions, 'onProgress' | 'isCancelled'> & { trackFrames?: boolean } = {}): DissectedCapture {
  const { onProgress, isCancelled } = options;
  const notices: TraceNotice[] = [];
  let data = bytes;
  if (isGzip(bytes)) {
    const unzipped = gunzip(bytes);
    data = unzipped.bytes;
    if (unzipped.problem) notices.push({ kind: 'truncated', message: unzipped.problem });
  }
  const container = containerOf(data) ?? 'pcap';
  const dissector = new Dissector({ trackFrames: options.trackFrames });
  // Progress is reported every few thousand records: the place to honour cancellation too.
  const progress = (done: number, total: number): void => {
    if (isCancelled?.()) throw new CancellationError();
    onProgress?.(done, total);
  };
  const read = readContainer(data, (record) => dissector.packet(record), progress);
  const ends = dissector.finish();
  const stats = dissector.stats;

  if (read.problem) notices.push({ kind: 'truncated', message: read.problem });
  if (read.cutFrames > 0) {
    notices.push({ kind: 'truncated', message: t('{0} of {1} frames were captured only in part (snap length or end of file).', formatNumber(read.cutFrames), formatNumber(read.frames)) });
  }
  const incomplete = stats.incompleteMessages + stats.lostMessages;
  if (incomplete > 0) {
    notices.push({ kind: 'truncated', message: incomplete === 1 ? t('{0} SIP message was incomplete in the capture (cut short or missing TCP segments).', formatNumber(incomplete)) : t('{0} SIP messages were incomplete in the capture (cut short or missing TCP segments).', formatNumber(incomplete)) });
  }
  const unfinished = ends.fragmentsExpired + ends.fragmentsWaiting;
  if (unfinished > 0) {
    notices.push({ kind: 'capture', message: unfinished === 1 ? t('{0} fragmented IP datagram was never completed (fragments missing from the capture).', formatNumber(unfinished)) : t('{0} fragmented IP datagrams were never completed (fragments missing from the capture).', formatNumber(unfinished)) });
  }
  if (stats.unknownLinkTypes.size > 0) {
    const names = [...stats.unknownLinkTypes].map(([type, count]) => `${linkTypeName(type)}: ${count === 1 ? t('{0} frame', formatNumber(count)) : t('{0} frames', formatNumber(count))}`);
    notices.push({ kind: 'capture', message: t('Frames of link types SIP Lens does not read were skipped ({0}).', names.join('; ')) });
  }
  if (stats.tlsStreams.length > 0) {
    const shown = stats.tlsStreams.slice(0, 5).join(', ');
    const more = stats.tlsStreams.length > 5 ? t(' and {0} more', formatNumber(stats.tlsStreams.length - 5)) : '';
    notices.push({
      kind: 'capture',
      message:
        stats.tlsStreams.length === 1
          ? t('{0} encrypted (TLS) stream cannot be read: {1}. Capture the SIP before encryption (e.g. HEP from the SIP server) to see it.', formatNumber(1), `${shown}${more}`)
          : t('{0} encrypted (TLS) streams cannot be read: {1}. Capture the SIP before encryption (e.g. HEP from the SIP server) to see it.', formatNumber(stats.tlsStreams.length), `${shown}${more}`),
    });
  }
  return { data, container, messages: inTimeOrder(dissector.messages), encapsulations: encapsulationNames(stats.layers), notices };
}

/** The notice of a capture whose last `left` of `total` SIP messages did not fit in one text. */
function tooLargeNotice(left: number, total: number, maxLength = constants.MAX_STRING_LENGTH): TraceNotice {
  return {
    kind: 'too-large',
    message: t(
      'The last {0} of {1} SIP messages were not read: the capture holds more SIP text than SIP Lens can hold at once ({2} MB). Split it (e.g. `editcap -c 500000 FILE part.pcapng`) and open the parts.',
      formatNumber(left),
      formatNumber(total),
      formatMegabytes(maxLength),
    ),
  };
}

/**
 * The SIP messages of a capture, rendered as text, without analysing them. `maxLength` caps the
 * text (tests give a small one; by default the longest string there can be).
 */
export function captureToText(bytes: Uint8Array, options: Pick<CaptureOptions, 'onProgress' | 'isCancelled'> & { maxLength?: number } = {}): Omit<CaptureAnalysis, 'analysis'> & { notices: TraceNotice[] } {
  const { container, messages, encapsulations, notices } = dissectCapture(bytes, options);
  return { text: renderedText(messages, notices, options.maxLength), container, encapsulations, notices };
}

/**
 * A dissected capture's messages as one text (see renderCapture), with a notice added to
 * `notices` when the last ones did not fit.
 */
export function renderedText(messages: CapturedSip[], notices: TraceNotice[], maxLength?: number): string {
  const rendered = renderCapture(messages, maxLength);
  if (rendered.left > 0) notices.push(tooLargeNotice(rendered.left, messages.length, maxLength));
  return rendered.text;
}

/**
 * Reads a capture and analyses its SIP; never throws on bad bytes (CancellationError aside, when
 * `isCancelled` says stop). `onProgress` gets bytes read so far and the total.
 */
export function analyzeCapture(bytes: Uint8Array, options: CaptureOptions = {}): CaptureAnalysis {
  const { onProgress, ...analysisOptions } = options;
  const rendered = captureToText(bytes, { onProgress, isCancelled: options.isCancelled });
  const analysis = analyzeTrace(rendered.text, analysisOptions);
  analysis.format = rendered.container;
  analysis.notices.unshift(...rendered.notices);
  return { analysis, text: rendered.text, container: rendered.container, encapsulations: rendered.encapsulations };
}
