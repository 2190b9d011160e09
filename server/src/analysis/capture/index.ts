// Packet captures (pcap, pcapng, gzip'd or not): the entry points of the capture reader.
// A capture is rendered as a text trace (the capture-text framing) and that text is analysed like
// any other, so every line field of the result refers to the rendered text and every feature
// works on a capture unchanged.
import { analyzeTrace, CancellationError } from '../analyze';
import type { AnalysisOptions, CaptureFormat, TraceAnalysis, TraceNotice } from '../types';
import { containerOf, readContainer } from './container';
import { encapsulationNames } from './encapsulation';
import { gunzip, gunzipHead, isGzip } from './gzip';
import { linkTypeName } from './link';
import { Dissector } from './packets';
import { inTimeOrder, renderCapture } from './render';
import type { CaptureDetection } from './types';

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

/** The SIP messages of a capture, rendered as text, without analysing them. */
export function captureToText(bytes: Uint8Array, options: Pick<CaptureOptions, 'onProgress' | 'isCancelled'> = {}): Omit<CaptureAnalysis, 'analysis'> & { notices: TraceNotice[] } {
  const { onProgress, isCancelled } = options;
  const notices: TraceNotice[] = [];
  let data = bytes;
  if (isGzip(bytes)) {
    const unzipped = gunzip(bytes);
    data = unzipped.bytes;
    if (unzipped.problem) notices.push({ kind: 'truncated', message: unzipped.problem });
  }
  const container = containerOf(data) ?? 'pcap';
  const dissector = new Dissector();
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
    notices.push({ kind: 'truncated', message: `${read.cutFrames} of ${read.frames} frames were captured only in part (snap length or end of file).` });
  }
  const incomplete = stats.incompleteMessages + stats.lostMessages;
  if (incomplete > 0) {
    notices.push({ kind: 'truncated', message: `${incomplete} SIP message${incomplete === 1 ? ' was' : 's were'} incomplete in the capture (cut short or missing TCP segments).` });
  }
  const unfinished = ends.fragmentsExpired + ends.fragmentsWaiting;
  if (unfinished > 0) {
    notices.push({ kind: 'capture', message: `${unfinished} fragmented IP datagram${unfinished === 1 ? ' was' : 's were'} never completed (fragments missing from the capture).` });
  }
  if (stats.unknownLinkTypes.size > 0) {
    const names = [...stats.unknownLinkTypes].map(([type, count]) => `${linkTypeName(type)}: ${count} frame${count === 1 ? '' : 's'}`);
    notices.push({ kind: 'capture', message: `Frames of link types SIP Lens does not read were skipped (${names.join('; ')}).` });
  }
  if (stats.tlsStreams.length > 0) {
    const shown = stats.tlsStreams.slice(0, 5).join(', ');
    const more = stats.tlsStreams.length > 5 ? ` and ${stats.tlsStreams.length - 5} more` : '';
    notices.push({
      kind: 'capture',
      message: `${stats.tlsStreams.length} encrypted (TLS) stream${stats.tlsStreams.length === 1 ? '' : 's'} cannot be read: ${shown}${more}. Capture the SIP before encryption (e.g. HEP from the SIP server) to see it.`,
    });
  }
  const text = renderCapture(inTimeOrder(dissector.messages));
  return { text, container, encapsulations: encapsulationNames(stats.layers), notices };
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
