// slow-setup: post-dial delay (INVITE → first 18x) or INVITE → first response above the
// thresholds in settings. Not the answer time, which includes how long it rang.
import { t } from '../l10n';
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
  if (first !== undefined) {
    const ms = msBetween(analysis, invite, first);
    if (ms !== null && ms > thresholds.firstResponseMs && ms < IMPLAUSIBLE_MS) {
      findings.push(
        makeFinding(
          'slow-setup',
          first,
          outgoing
            ? t('The first response ({0}) came {1} after the INVITE, above {2}: the next hop was slow to acknowledge it — check the network path and the load of the far side or a hop on the way.', statusText(sipOf(analysis, first)), seconds(ms), seconds(thresholds.firstResponseMs))
            : t('The first response ({0}) came {1} after the INVITE, above {2}: the next hop was slow to acknowledge it — check the network path and the load of this side.', statusText(sipOf(analysis, first)), seconds(ms), seconds(thresholds.firstResponseMs)),
          outgoing ? 'network' : 'local',
          [invite],
        ),
      );
    }
  }
  if (call.firstRinging !== undefined && call.pddMs !== null && call.pddMs > thresholds.pddMs && call.pddMs < IMPLAUSIBLE_MS) {
    const ringing = statusText(sipOf(analysis, call.firstRinging));
    const words = outgoing
      ? t('Post-dial delay {0} (INVITE → {1}), above {2}: the far side or a hop on the way took long to route the call — check routing lookups (DNS, number portability), failover timers and the route towards the called party.', seconds(call.pddMs), ringing, seconds(thresholds.pddMs))
      : t('Post-dial delay {0} (INVITE → {1}), above {2}: this side took long to route the call — check routing lookups (DNS, number portability), failover timers and the route towards the called party.', seconds(call.pddMs), ringing, seconds(thresholds.pddMs));
    // At most one finding per message: a first response that is also the first 18x says both.
    const same = findings.find((f) => f.at === call.firstRinging);
    if (same) same.message += ` ${words}`;
    else findings.push(makeFinding('slow-setup', call.firstRinging, words, outgoing ? 'remote' : 'local', [invite]));
  }
  return findings;
}
