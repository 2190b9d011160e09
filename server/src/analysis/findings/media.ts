// media-rejected: 488/606, or an answer that rejects every stream (m= port 0) — with the codecs
// offered and accepted, and any Warning in words. unsupported-media-type: 415, which is about the
// body's type, encoding or language (see Accept), not about codecs.
import { t } from '../l10n';
import type { TraceAnalysis } from '../types';
import { headerValue, headerValues, makeFinding, sipOf, statusText } from './context';
import { finalTo, responsesIn } from './group';
import { mediaCodecs, parseSdp, type Sdp } from './sdp';
import { type Finding, withFacts } from './types';
import { parseWarnings, warningWords } from './warning';

function sdpOf(analysis: TraceAnalysis, index: number): Sdp | undefined {
  const sip = sipOf(analysis, index);
  return sip.hasSdp ? parseSdp(sip.body) : undefined;
}

/** `audio PCMU, PCMA; video H264`; streams offered with port 0 are marked as disabled. */
export function describeCodecs(sdp: Sdp): string {
  if (sdp.media.length === 0) return t('no media stream');
  return sdp.media.map((m) => `${m.type} ${mediaCodecs(m).join(', ') || t('(no codec)')}${m.port === 0 ? t(' (disabled, port 0)') : ''}`).join('; ');
}


function warningsOf(analysis: TraceAnalysis, index: number): string {
  const warnings = headerValues(analysis, index, 'warning').flatMap(parseWarnings);
  return warnings.length > 0 ? ` ${warnings.map(warningWords).join('; ')}.` : '';
}

/** A final worth a closer look: 488/606/415, or a 2xx to an INVITE whose body has an m= line with port 0. */
function candidate(analysis: TraceAnalysis, index: number): boolean {
  const sip = sipOf(analysis, index);
  const status = sip.status ?? 0;
  if (status === 488 || status === 606 || status === 415) return true;
  return status >= 200 && status < 300 && sip.cseq?.method === 'INVITE' && sip.hasSdp && /\nm=\S+ 0 /.test(sip.body);
}

export function mediaFindings(analysis: TraceAnalysis, group: readonly number[], local: (index: number) => boolean | undefined): Finding[] {
  const findings: Finding[] = [];
  for (const finalIndex of responsesIn(analysis, group)) {
    if (!candidate(analysis, finalIndex)) continue;
    const request = analysis.requestOf[finalIndex];
    // The request's final as the call sees it (with forking, a 2xx on another branch wins).
    if (request < 0 || finalTo(analysis, group, request) !== finalIndex) continue;
    const req = sipOf(analysis, request);
    if (req.method === 'ACK' || req.method === 'CANCEL') continue;
    const final = sipOf(analysis, finalIndex);
    const status = final.status ?? 0;
    const offer = sdpOf(analysis, request);
    const rejectedHere = local(finalIndex) === true;
    const who = rejectedHere ? t('this side') : t('the far side');
    const fault = rejectedHere ? 'local' : 'remote';
    if (status === 488 || status === 606) {
      const offered = offer ? t(' Offered: {0}.', describeCodecs(offer)) : '';
      const supported = sdpOf(analysis, finalIndex);
      const accepts = supported ? t(' It supports: {0}.', describeCodecs(supported)) : '';
      const message =
        t('{0}: {1} accepted none of the offered media.', statusText(final), who) + `${offered}${accepts}${warningsOf(analysis, finalIndex)}` +
        t(' Check the codec lists and media security (RTP/AVP vs RTP/SAVP) on both sides.');
      findings.push(withFacts(makeFinding('media-rejected', finalIndex, message, fault, [request]), { offered: offer ? describeCodecs(offer) : undefined }));
    } else if (status >= 200 && status < 300 && req.method === 'INVITE' && offer) {
      const answer = sdpOf(analysis, finalIndex);
      if (!answer || answer.media.length === 0 || answer.media.some((m) => m.port !== 0)) continue;
      const message =
        t('{0} answers with every stream rejected (m= port 0): {1} accepted none of the offered media. ', statusText(final), who) +
        t('Offered: {0}.', describeCodecs(offer)) + warningsOf(analysis, finalIndex) + t(' Check the codec lists on both sides.');
      findings.push(withFacts(makeFinding('media-rejected', finalIndex, message, fault, [request]), { offered: describeCodecs(offer) }));
    } else if (status === 415) {
      const type = req.contentType ? t('a body of type {0}', req.contentType) : t('the body as sent');
      const accepts = ['accept', 'accept-encoding', 'accept-language']
        .map((name) => [name, headerValue(analysis, finalIndex, name)] as const)
        .filter((pair): pair is readonly [string, string] => pair[1] !== undefined)
        .map(([name, value]) => `${name.replace(/(^|-)a/g, (s) => s.toUpperCase())}: ${value}`);
      const message =
        t("{0}: {1} does not take {2} (its type, encoding or language) — this is about the message body's format, not codecs.", statusText(final), who, type) +
        (accepts.length > 0 ? t(' It takes {0}.', accepts.join('; ')) : t(' It sent no Accept header saying what it takes.'));
      findings.push(makeFinding('unsupported-media-type', finalIndex, message, rejectedHere ? 'remote' : 'local', [request]));
    }
  }
  return findings;
}
