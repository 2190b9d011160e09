// loop: 482 Loop Detected / 483 Too Many Hops, a request with Max-Forwards 0, or a request that
// reached the same hop twice (the same Via sent-by twice) with an unchanged Request-URI. A changed
// Request-URI between the two arrivals is a spiral (RFC 3261 §16.3), which is normal.
import { t } from '../l10n';
import type { TraceAnalysis } from '../types';
import { frameOf, headerValue, makeFinding, parseVia, sipOf, statusText, viaEntries } from './context';
import { requestsIn, responsesIn } from './group';
import type { Finding } from './types';

/** The copy of a request (same Call-ID group, CSeq and method) whose top Via has this branch. */
function copyWithTopBranch(analysis: TraceAnalysis, group: readonly number[], request: number, branch: string | undefined): number | undefined {
  if (!branch) return undefined;
  const req = sipOf(analysis, request);
  return group.find((i) => {
    const sip = sipOf(analysis, i);
    return sip.kind === 'request' && sip.method === req.method && sip.cseq?.seq === req.cseq?.seq && sip.branch === branch;
  });
}

/**
 * A request that reached one hop twice with the same Request-URI: [the hop's sent-by, the first
 * arrival]. With the hop's Via at positions i < j (top first), it received the request first with
 * the Via below j on top, and again with the Via below i on top (RFC 3261 §16.3 compares those).
 */
function viaLoop(analysis: TraceAnalysis, group: readonly number[], index: number): [string, number] | undefined {
  // Cheap test first: a looped request carries at least two Via entries (`SIP/2.0/UDP …` twice).
  const text = frameOf(analysis, index).text;
  const first = text.indexOf('SIP/2.0/');
  if (first === -1 || text.indexOf('SIP/2.0/', first + 8) === -1) return undefined;
  const vias = viaEntries(analysis, index).map(parseVia);
  for (let j = 1; j < vias.length; j++) {
    for (let i = 0; i < j; i++) {
      const a = vias[i];
      const b = vias[j];
      if (!a || !b || a.sentBy !== b.sentBy) continue;
      // The first arrival (or, for a request the hop made itself, its origination) and the second.
      const first = copyWithTopBranch(analysis, group, index, (vias[j + 1] ?? b).branch);
      const second = copyWithTopBranch(analysis, group, index, vias[i + 1]?.branch);
      if (first === undefined || second === undefined) continue;
      if (sipOf(analysis, first).requestUri === sipOf(analysis, second).requestUri) return [a.sentBy, first];
    }
  }
  return undefined;
}

/**
 * `Max-Forwards: 0` in the raw text, in one of its usual spellings: every request is looked at,
 * and one search of the text costs less than reading its header list.
 */
const MAX_FORWARDS_ZERO = /(?:Max-Forwards|max-forwards|MAX-FORWARDS)[ \t]*:[ \t]*0(?![0-9])/;

function maxForwardsZero(text: string): boolean {
  return MAX_FORWARDS_ZERO.test(text);
}

export function loopFindings(analysis: TraceAnalysis, group: readonly number[]): Finding[] {
  // The first message (a first copy) that shows a loop, in file order: a 482/483, or a request.
  let refused: number | undefined;
  for (const index of responsesIn(analysis, group)) {
    const status = sipOf(analysis, index).status;
    if (status === 482 || status === 483) {
      refused = index;
      break;
    }
  }
  for (const index of requestsIn(analysis, group)) {
    if (refused !== undefined && index > refused) break;
    const sip = sipOf(analysis, index);
    if (maxForwardsZero(frameOf(analysis, index).text) && headerValue(analysis, index, 'max-forwards')?.trim() === '0') {
      return [makeFinding('loop', index, t('This {0} arrived with Max-Forwards 0: it went through so many hops that the next one must refuse it — most likely a routing loop. Check the routes of the servers in its Via headers.', sip.method ?? t('request')), 'network')];
    }
    const looped = viaLoop(analysis, group, index);
    if (looped) {
      return [
        makeFinding(
          'loop',
          index,
          t("This {0} passed {1} twice with the same Request-URI — a routing loop, not a spiral (a spiral changes the Request-URI). Check that server's routing for this destination.", sip.method ?? t('request'), looped[0]),
          'network',
          [looped[1]],
        ),
      ];
    }
  }
  if (refused === undefined) return [];
  const sip = sipOf(analysis, refused);
  const request = analysis.requestOf[refused];
  return [
    makeFinding(
      'loop',
      refused,
      sip.status === 482
        ? t('{0}: a server saw this request come back to it — a routing loop between proxies or gateways (a wrong route or a forwarding rule pointing back). Check the routes of the servers in the Via headers.', statusText(sip))
        : t('{0}: Max-Forwards ran out before the request reached its destination — a routing loop between proxies or gateways (a wrong route or a forwarding rule pointing back). Check the routes of the servers in the Via headers.', statusText(sip)),
      'network',
      request >= 0 ? [request] : [],
    ),
  ];
}
