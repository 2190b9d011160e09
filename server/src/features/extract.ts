// *Save Selected Calls As…*: the chosen calls of an open document or of a file on disk, cut out
// by the same pure extract the CLI uses, so the editor and `sip-lens extract` write the same trace.
import { readFile } from 'node:fs/promises';
import { analyzeTrace } from '../analysis/analyze';
import { detectCapture } from '../analysis/capture';
import { extractCapturePackets } from '../analysis/capture/extract';
import { extractCalls, selectCalls } from '../analysis/extract';
import { decodeTraceBytes } from '../analysis/source';
import { t } from '../analysis/l10n';
import type { TraceAnalysis } from '../analysis/types';
import type { ExtractCallsParams, ExtractedCalls } from '../protocol';

/** The selected calls of an analysed text; `latin1` when the text holds the file's bytes one per character. */
export function extractFromText(text: string, analysis: TraceAnalysis, params: Pick<ExtractCallsParams, 'callIds' | 'withLegs'>, latin1: boolean): ExtractedCalls {
  const chosen = selectCalls(analysis, { callIds: params.callIds, withLegs: params.withLegs === true });
  return { text: extractCalls(text, analysis, chosen), encoding: latin1 ? 'latin1' : 'utf8', calls: chosen.length };
}

/**
 * The selected calls of a file on disk: a packet capture gives a capture of their packets, as
 * `sip-lens extract` writes it; a text trace its own bytes (read as Latin-1, as the analysis reads them).
 */
export async function extractFromFile(path: string, params: Pick<ExtractCallsParams, 'callIds' | 'withLegs'>, localAddresses: readonly string[]): Promise<ExtractedCalls> {
  const bytes = await readFile(path);
  if (detectCapture(bytes)) {
    const packets = extractCapturePackets(bytes, { callIds: params.callIds, withLegs: params.withLegs === true }, { localAddresses });
    return { text: Buffer.from(packets.bytes).toString('base64'), encoding: 'base64', container: packets.container, calls: packets.chosen.length };
  }
  const decoded = decodeTraceBytes(bytes);
  if (decoded.unreadable) throw new Error(decoded.notices[0]?.message ?? t('binary file'));
  const analysis = analyzeTrace(decoded.text, { localAddresses, redecode: decoded.redecode });
  // UTF-16 files are decoded whole; anything else holds the file's bytes one per character.
  return extractFromText(decoded.text, analysis, params, decoded.redecode !== undefined);
}
