// slow-setup: post-dial delay (INVITE → first 18x) or INVITE → first response above the
// thresholds in settings. Not the answer time, which includes how long it rang.
import { type CallContext, makeFinding, msBetween, seconds, sentLocally, sipOf, statusText } from './context';
import type { Finding } from './types';

/**
 * Longer than any INVITE transaction lasts (Timer C is 3 minutes): such a gap says the trace's
 * clock jumped or two captures were joined, not that setup was slow.
 */
const IMPLAUSIBLE_MS = 300_000;

export function slowSetupFindings({ analysis, call, thresholds }: CallContext): Finding[] {
  const findings: Finding[] = [];
  const invite = call.firstInvite;
  const seq = sipOf(analysis, invite).cseq?.seq;
  const first = call.messages.find((i) => {
    const sip = sipOf(analysis, i);
    return i > invite && sip.kind === 'response' && sip.cseq?.method === 'INVITE' && sip.cseq.seq === seq;
  });
  const outgoing = sentLocally(analysis, call, invite);
  const farEnd = outgoing ? 'the far side or a hop on the way' : 'this side';
  if (first !== undefined) {
    const ms = msBetween(analysis, invite, first);
    if (ms !== null && ms > thresholds.firstResponseMs && ms < IMPLAUSIBLE_MS) {
      findings.push(
        makeFinding(
          'slow-setup',
          first,
          `The first response (${statusText(sipOf(analysis, first))}) came ${seconds(ms)} after the INVITE, above ${seconds(thresholds.firstResponseMs)}: ` +
            `the next hop was slow to acknowledge it — check the network path and the load of ${farEnd}.`,
          outgoing ? 'network' : 'local',
          [invite],
        ),
      );
    }
  }
  if (call.firstRinging !== undefined && call.pddMs !== null && call.pddMs > thresholds.pddMs && call.pddMs < IMPLAUSIBLE_MS) {
    const words =
      `Post-dial delay ${seconds(call.pddMs)} (INVITE → ${statusText(sipOf(analysis, call.firstRinging))}), above ${seconds(thresholds.pddMs)}: ` +
      `${farEnd} took long to route the call — check routing lookups (DNS, number portability), failover timers and the route towards the called party.`;
    // At most one finding per message: a first response that is also the first 18x says both.
    const same = findings.find((f) => f.at === call.firstRinging);
    if (same) same.message += ` ${words}`;
    else findings.push(makeFinding('slow-setup', call.firstRinging, words, outgoing ? 'remote' : 'local', [invite]));
  }
  return findings;
}
