// The findings stage: after outcomes, each detector looks at the whole exchange of a call (or a
// transaction) and adds findings; a verdict per call sums it up. Findings never change outcomes.
import type { Call, TraceAnalysis, Transaction } from '../types';
import { ackMissingFindings } from './ackMissing';
import { authRejectedFindings } from './auth';
import { cancelFindings } from './cancel';
import { type CallContext, frameOf, sentLocally } from './context';
import { forgetGroup } from './group';
import { loopFindings } from './loop';
import { earlyMediaFindings, holdFindings } from './mediaContext';
import { mediaFindings } from './media';
import { noResponseFindings } from './noResponse';
import { privateAddressFindings } from './privateAddress';
import { retryAfterFindings } from './retryAfter';
import { sessionExpiredFindings } from './sessionTimer';
import { slowSetupFindings } from './slowSetup';
import { DEFAULT_THRESHOLDS, type Finding, type FindingThresholds } from './types';
import { udpTooLargeFindings } from './udpSize';
import { buildVerdict } from './verdict';
import { vendorCauseFindings } from './vendorCause';

export { buildVerdict } from './verdict';
export * from './types';

/** In file order; at most one finding per message and code (the first). */
function tidy(findings: Finding[]): Finding[] {
  // Most calls have no finding, or one.
  if (findings.length < 2) return findings;
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const finding of findings.sort((a, b) => a.at - b.at)) {
    const key = `${finding.code}\n${finding.at}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(finding);
  }
  return out;
}

/** The detectors' lists as one, in order (most are empty: no copying then). */
function joined(lists: Finding[][]): Finding[] {
  let out: Finding[] | undefined;
  for (const list of lists) {
    if (list.length === 0) continue;
    if (out === undefined) out = list;
    else for (const finding of list) out.push(finding);
  }
  return out ?? [];
}

export function callFindings(analysis: TraceAnalysis, call: Call, thresholds: FindingThresholds = DEFAULT_THRESHOLDS): Finding[] {
  const context: CallContext = { analysis, call, thresholds };
  const local = (index: number) => sentLocally(analysis, call, index);
  const group = call.messages;
  const findings = tidy(
    joined([
      noResponseFindings(analysis, group, local),
      ackMissingFindings(context),
      authRejectedFindings(analysis, group, local),
      mediaFindings(analysis, group, local),
      privateAddressFindings(context),
      cancelFindings(context),
      loopFindings(analysis, group),
      retryAfterFindings(analysis, group, local),
      sessionExpiredFindings(context),
      udpTooLargeFindings(analysis, group, local),
      slowSetupFindings(context),
      vendorCauseFindings(analysis, group, local),
      holdFindings(context),
      earlyMediaFindings(context),
    ]),
  );
  forgetGroup(group);
  return findings;
}

/** Findings of the transactions of one Call-ID (a REGISTER and its retry with credentials are two transactions). */
export function transactionFindings(analysis: TraceAnalysis, transactions: readonly Transaction[]): Finding[] {
  const local = (index: number): boolean | undefined => {
    const direction = frameOf(analysis, index).direction;
    return direction === 'sent' ? true : direction === 'received' ? false : undefined;
  };
  const group = transactions.flatMap((t) => t.messages).sort((a, b) => a - b);
  const findings = tidy(
    joined([
      noResponseFindings(analysis, group, local),
      authRejectedFindings(analysis, group, local),
      loopFindings(analysis, group),
      retryAfterFindings(analysis, group, local),
      udpTooLargeFindings(analysis, group, local),
      vendorCauseFindings(analysis, group, local),
    ]),
  );
  forgetGroup(group);
  return findings;
}

/** Runs the findings stage over a whole analysis, in place: `findings` and `verdict` of every call, `findings` of every transaction. */
export function applyFindings(analysis: TraceAnalysis, thresholds: FindingThresholds = DEFAULT_THRESHOLDS, isCancelled?: () => boolean): void {
  for (let i = 0; i < analysis.calls.length; i++) {
    if ((i & 0x3ff) === 0 && isCancelled?.()) throw cancelled();
    const call = analysis.calls[i];
    call.findings = callFindings(analysis, call, thresholds);
    call.verdict = buildVerdict(analysis, call, call.findings);
  }
  // The transactions of one Call-ID are looked at together; each finding goes to the one it points into.
  const byCallId = new Map<string, Transaction[]>();
  for (const transaction of analysis.transactions) {
    const list = byCallId.get(transaction.callId);
    if (list) list.push(transaction);
    else byCallId.set(transaction.callId, [transaction]);
  }
  let visited = 0;
  for (const transactions of byCallId.values()) {
    if ((visited++ & 0x3ff) === 0 && isCancelled?.()) throw cancelled();
    for (const finding of transactionFindings(analysis, transactions)) {
      const owner = analysis.transactions[analysis.transactionOf[finding.at]];
      if (owner) owner.findings.push(finding);
    }
  }
}

function cancelled(): Error {
  const error = new Error('Analysis cancelled');
  error.name = 'CancellationError';
  return error;
}
