// Findings: flow-aware observations about a call or transaction, made from the whole exchange
// after outcomes are decided. They add to a call; they never change its outcome.

/** Stable finding codes (kebab-case): used in the summary, diagnostics, settings and `--fail-on`. */
export type FindingCode =
  | 'no-response'
  | 'ack-missing'
  | 'auth-rejected'
  | 'media-rejected'
  | 'unsupported-media-type'
  | 'private-media-address'
  | 'answered-elsewhere'
  | 'cancel-after-answer'
  | 'loop'
  | 'retry-after'
  | 'session-expired'
  | 'udp-too-large'
  | 'slow-setup'
  | 'vendor-cause'
  | 'hold'
  | 'early-media';

export type FindingSeverity = 'error' | 'warning' | 'information' | 'hint';

/** Where to look first: this host's side, the other side, or something in between. */
export type Fault = 'local' | 'remote' | 'network' | 'none';

/** Default severity per code: information for context, warning for problems. */
export const FINDING_SEVERITY: Readonly<Record<FindingCode, FindingSeverity>> = {
  'no-response': 'warning',
  'ack-missing': 'warning',
  'auth-rejected': 'warning',
  'media-rejected': 'warning',
  'unsupported-media-type': 'warning',
  'private-media-address': 'warning',
  'answered-elsewhere': 'information',
  'cancel-after-answer': 'information',
  loop: 'warning',
  'retry-after': 'information',
  'session-expired': 'warning',
  'udp-too-large': 'warning',
  'slow-setup': 'warning',
  'vendor-cause': 'information',
  hold: 'information',
  'early-media': 'information',
};

export const FINDING_CODES: readonly FindingCode[] = Object.keys(FINDING_SEVERITY) as FindingCode[];

export function isFindingCode(word: string): word is FindingCode {
  return Object.prototype.hasOwnProperty.call(FINDING_SEVERITY, word);
}

export interface Finding {
  code: FindingCode;
  severity: FindingSeverity;
  /** Index (into TraceAnalysis.messages) of the message it points at: a first copy. */
  at: number;
  /** Indexes of other messages that show the evidence, in file order. */
  related: number[];
  /** One or two sentences: what happened, who is likely at fault, what to check. */
  message: string;
  fault: Fault;
}

/** Thresholds of the `slow-setup` finding (settings `sipLens.findings.slowSetup.*`). */
export interface FindingThresholds {
  /** INVITE → first 18x (post-dial delay), milliseconds. */
  pddMs: number;
  /** INVITE → first response of any kind (100 Trying included), milliseconds. */
  firstResponseMs: number;
}

export const DEFAULT_THRESHOLDS: Readonly<FindingThresholds> = Object.freeze({ pddMs: 6000, firstResponseMs: 2000 });
