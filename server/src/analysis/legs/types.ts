// Legs of one call: the dialogs a B2BUA (PBX, SBC) joins, each with its own Call-ID.

/** How two legs were found to belong together, most trustworthy first. */
export type LinkKind =
  | 'header:X-Call-ID'
  | 'header:X-CID'
  | 'header:X-Orig-Call-ID'
  | 'header:Session-ID'
  | 'header:P-Charging-Vector'
  | 'asterisk-callid'
  | 'heuristic';

export const LINK_KINDS: readonly LinkKind[] = [
  'header:X-Call-ID',
  'header:X-CID',
  'header:X-Orig-Call-ID',
  'header:Session-ID',
  'header:P-Charging-Vector',
  'asterisk-callid',
  'heuristic',
];

/** inbound: the logging host received the leg's INVITE; outbound: it sent it. */
export type LegRole = 'inbound' | 'outbound' | 'unknown';

/** One link between two calls (indexes into TraceAnalysis.calls), as it was made. */
export interface LegLink {
  a: number;
  b: number;
  by: LinkKind;
  /** The shared value: a Call-ID, a Session-ID UUID, an icid-value, a `C-…` identifier. */
  value?: string;
}

/** Calls that are legs of one call. */
export interface LegGroup {
  /** The Call-ID of the leg whose INVITE came first: the same for every leg. */
  id: string;
  /** Call indexes, in file order. */
  calls: number[];
  links: LegLink[];
  /** The most trustworthy kind among the links. */
  linkedBy: LinkKind;
}

export interface LegInfo {
  /** Index into Legs.groups. */
  group: number;
  role: LegRole;
  /**
   * The far leg's response that caused this leg's final (message index), where this leg passed
   * on another leg's answer: the carrier's 486 behind the 486 sent to the phone.
   */
  decisive?: number;
  /** The call (index) holding `decisive`. */
  decisiveCall?: number;
}

export interface Legs {
  groups: LegGroup[];
  /** Per call index: its place in a group, or null when the call has no other leg. */
  ofCall: (LegInfo | null)[];
}
