// The legs stage, after calls: groups the calls that are legs of one call through a B2BUA.
// Explicit links first (headers a B2BUA copies, Asterisk's call identifier), then a careful
// heuristic for what is left. It adds to calls and never changes their outcomes.
import { hostOnly } from '../calls';
import type { AnalysisOptions, TraceAnalysis, TraceMessage } from '../types';
import { asteriskCallIds } from './asteriskIds';
import { keysOfCall } from './explicit';
import { heuristicPairs } from './heuristic';
import { before } from './timing';
import { LINK_KINDS, type LegGroup, type LegInfo, type LegLink, type LegRole, type Legs, type LinkKind } from './types';

export * from './types';

/** Did the logging (local) host send this message? Undefined where the trace cannot tell. */
function sentLocally(message: TraceMessage, local: ReadonlySet<string>): boolean | undefined {
  const { direction, src, dst } = message.frame;
  if (direction === 'sent') return true;
  if (direction === 'received') return false;
  if (src && local.has(src.host.toLowerCase())) return true;
  if (dst && local.has(dst.host.toLowerCase())) return false;
  return undefined;
}

class UnionFind {
  private readonly parent: Int32Array;
  constructor(size: number) {
    this.parent = new Int32Array(size);
    for (let i = 0; i < size; i++) this.parent[i] = i;
  }
  find(x: number): number {
    while (this.parent[x] !== x) x = this.parent[x] = this.parent[this.parent[x]];
    return x;
  }
  union(a: number, b: number): void {
    const x = this.find(a);
    const y = this.find(b);
    if (x !== y) this.parent[Math.max(x, y)] = Math.min(x, y);
  }
}

/**
 * Do two legs contradict each other in time? The leg the host placed cannot have begun before
 * the leg it received, if the one was placed because of the other.
 */
function contradicts(analysis: TraceAnalysis, roles: readonly LegRole[], a: number, b: number): boolean {
  if (roles[a] === roles[b] || roles[a] === 'unknown' || roles[b] === 'unknown') return false;
  const [inbound, outbound] = roles[a] === 'inbound' ? [a, b] : [b, a];
  return before(analysis.messages[analysis.calls[outbound].firstInvite], analysis.messages[analysis.calls[inbound].firstInvite]);
}

/** Does any message carry a header an explicit link is read from (the parser notes it)? */
function anyLinkHeader(messages: readonly TraceMessage[]): boolean {
  for (let i = 0; i < messages.length; i++) if (messages[i].sip.hasLinkHeader) return true;
  return false;
}

/** Groups the calls of an analysis into legs. `text` is the trace the analysis was made from. */
export function correlateLegs(analysis: TraceAnalysis, text: string, options: AnalysisOptions = {}): Legs {
  const calls = analysis.calls;
  // Legs take two calls; a trace of one needs no look at its text.
  if (calls.length < 2) return { groups: [], ofCall: calls.map(() => null) };
  const local = new Set((options.localAddresses ?? []).map(hostOnly).filter((h) => h.length > 0));
  const roles: LegRole[] = calls.map((call) => {
    const sent = sentLocally(analysis.messages[call.firstInvite], local);
    return sent === undefined ? 'unknown' : sent ? 'outbound' : 'inbound';
  });
  const links: LegLink[] = [];
  const union = new UnionFind(calls.length);
  const link = (a: number, b: number, by: LinkKind, value?: string): void => {
    if (a === b || union.find(a) === union.find(b) || contradicts(analysis, roles, a, b)) return;
    union.union(a, b);
    links.push({ a: Math.min(a, b), b: Math.max(a, b), by, value });
  };

  // Explicit links.
  const firstWithKey = new Map<string, number>();
  // Most traces carry no link header: then no call is looked at. Where some do, only the
  // messages that carry one have their headers read.
  const keys = anyLinkHeader(analysis.messages) ? calls.map((_, c) => keysOfCall(analysis, c)) : [];
  const byCallId = new Map<string, number>();
  if (keys.some((k) => k.references.length > 0)) {
    calls.forEach((call, c) => {
      if (!byCallId.has(call.callId)) byCallId.set(call.callId, c);
    });
  }
  // Most trustworthy kind first, so a pair linked two ways records the better one.
  for (const kind of LINK_KINDS) {
    keys.forEach((k, c) => {
      for (const reference of k.references) {
        if (reference.by !== kind) continue;
        const other = byCallId.get(reference.callId);
        if (other === undefined) continue;
        // The leg naming the other was placed because of it, where the trace gives no direction.
        if (roles[c] === 'unknown' && roles[other] === 'unknown') {
          roles[c] = 'outbound';
          roles[other] = 'inbound';
        }
        link(other, c, kind, reference.callId);
      }
      for (const key of k.shared) {
        if (key.by !== kind) continue;
        const id = `${kind}\n${key.value}`;
        const first = firstWithKey.get(id);
        if (first === undefined) firstWithKey.set(id, c);
        else link(first, c, kind, key.value);
      }
    });
  }
  asteriskCallIds(analysis, text).forEach((id, c) => {
    if (id === undefined) return;
    const key = `asterisk\n${id}`;
    const first = firstWithKey.get(key);
    if (first === undefined) firstWithKey.set(key, c);
    else link(first, c, 'asterisk-callid', id);
  });

  // The heuristic, only between calls nothing explicit has linked.
  const linked = new Uint8Array(calls.length);
  for (const l of links) linked[l.a] = linked[l.b] = 1;
  for (const [inbound, outbound] of heuristicPairs(analysis, roles, (c) => linked[c] === 0)) link(inbound, outbound, 'heuristic');

  return assemble(analysis, roles, links, union);
}

function assemble(analysis: TraceAnalysis, roles: readonly LegRole[], links: LegLink[], union: UnionFind): Legs {
  const calls = analysis.calls;
  const ofCall: (LegInfo | null)[] = new Array<LegInfo | null>(calls.length).fill(null);
  // Only linked calls are in groups; most traces have none.
  if (links.length === 0) return { groups: [], ofCall };
  // Each group's members, in call order (a call in a group is in one of its links).
  const inLink = new Uint8Array(calls.length);
  for (const l of links) inLink[l.a] = inLink[l.b] = 1;
  const members = new Map<number, number[]>();
  for (let c = 0; c < calls.length; c++) {
    if (inLink[c] === 0) continue;
    const root = union.find(c);
    const list = members.get(root);
    if (list) list.push(c);
    else members.set(root, [c]);
  }
  const linksOf = new Map<number, LegLink[]>();
  for (const l of links) {
    const root = union.find(l.a);
    const list = linksOf.get(root);
    if (list) list.push(l);
    else linksOf.set(root, [l]);
  }
  const groups: LegGroup[] = [];
  for (const [root, legs] of members) {
    if (legs.length < 2) continue;
    const inGroup = linksOf.get(root) ?? [];
    const kinds = new Set(inGroup.map((l) => l.by));
    const group: LegGroup = {
      id: calls[legs[0]].callId,
      calls: legs,
      links: inGroup,
      linkedBy: LINK_KINDS.find((k) => kinds.has(k)) ?? 'heuristic',
    };
    const g = groups.push(group) - 1;
    for (const c of legs) ofCall[c] = { group: g, role: roles[c], ...decisiveFor(analysis, roles, legs, c) };
  }
  return { groups, ofCall };
}

/**
 * The far leg's response behind this leg's final: the latest final of another leg, placed in the
 * other direction, that came before it. A leg the host placed passes on nobody's answer.
 */
function decisiveFor(analysis: TraceAnalysis, roles: readonly LegRole[], legs: number[], near: number): Pick<LegInfo, 'decisive' | 'decisiveCall'> {
  const call = analysis.calls[near];
  if (roles[near] === 'outbound' || call.finalResponse === undefined) return {};
  const nearFinal = analysis.messages[call.finalResponse];
  let best: TraceMessage | undefined;
  let bestCall = -1;
  for (const far of legs) {
    if (far === near || (roles[near] !== 'unknown' && roles[far] === roles[near])) continue;
    const index = analysis.calls[far].finalResponse;
    if (index === undefined) continue;
    const farFinal = analysis.messages[index];
    if (!before(farFinal, nearFinal)) continue;
    if (!best || before(best, farFinal)) {
      best = farFinal;
      bestCall = far;
    }
  }
  return best ? { decisive: best.index, decisiveCall: bestCall } : {};
}
