// The SIP Reason header (RFC 3326) and the ITU-T Q.850 cause values it usually carries.
//
//   Reason: Q.850;cause=17;text="User busy"
//   Reason: SIP;cause=200;text="Call completed elsewhere", Q.850;cause=26
//
// A value holds one or more reasons separated by commas; each names a protocol (`SIP`,
// `Q.850`, or an extension such as `STIR`) and optional `cause` and `text` parameters.

import { tr } from './l10n';
import { describeStatus } from './responseCodes';

export interface ReasonEntry {
  /** Protocol token, upper-cased: `Q.850`, `SIP`, `STIR`, … */
  protocol: string;
  /** The `cause` parameter, or null when absent or not a number. */
  cause: number | null;
  /** The `text` parameter with its quotes and escapes removed, or null. */
  text: string | null;
}

// ITU-T Q.850 Table 1: cause values and their standard names.
const Q850_CAUSES: ReadonlyMap<number, string> = new Map([
  // Normal class
  [1, 'Unallocated (unassigned) number'],
  [2, 'No route to specified transit network'],
  [3, 'No route to destination'],
  [4, 'Send special information tone'],
  [5, 'Misdialled trunk prefix'],
  [6, 'Channel unacceptable'],
  [7, 'Call awarded and being delivered in an established channel'],
  [8, 'Preemption'],
  [9, 'Preemption - circuit reserved for reuse'],
  [14, 'QoR: ported number'],
  [16, 'Normal call clearing'],
  [17, 'User busy'],
  [18, 'No user responding'],
  [19, 'No answer from user (user alerted)'],
  [20, 'Subscriber absent'],
  [21, 'Call rejected'],
  [22, 'Number changed'],
  [23, 'Redirection to new destination'],
  [24, 'Call rejected due to feature at the destination'],
  [25, 'Exchange routing error'],
  [26, 'Non-selected user clearing'],
  [27, 'Destination out of order'],
  [28, 'Invalid number format (address incomplete)'],
  [29, 'Facility rejected'],
  [30, 'Response to STATUS ENQUIRY'],
  [31, 'Normal, unspecified'],
  // Resource unavailable class
  [34, 'No circuit/channel available'],
  [38, 'Network out of order'],
  [39, 'Permanent frame mode connection out of service'],
  [40, 'Permanent frame mode connection operational'],
  [41, 'Temporary failure'],
  [42, 'Switching equipment congestion'],
  [43, 'Access information discarded'],
  [44, 'Requested circuit/channel not available'],
  [46, 'Precedence call blocked'],
  [47, 'Resource unavailable, unspecified'],
  // Service or option not available class
  [49, 'Quality of Service not available'],
  [50, 'Requested facility not subscribed'],
  [53, 'Outgoing calls barred within CUG'],
  [55, 'Incoming calls barred within CUG'],
  [57, 'Bearer capability not authorized'],
  [58, 'Bearer capability not presently available'],
  [62, 'Inconsistency in designated outgoing access information and subscriber class'],
  [63, 'Service or option not available, unspecified'],
  // Service or option not implemented class
  [65, 'Bearer capability not implemented'],
  [66, 'Channel type not implemented'],
  [69, 'Requested facility not implemented'],
  [70, 'Only restricted digital information bearer capability is available'],
  [79, 'Service or option not implemented, unspecified'],
  // Invalid message class
  [81, 'Invalid call reference value'],
  [82, 'Identified channel does not exist'],
  [83, 'A suspended call exists, but this call identity does not'],
  [84, 'Call identity in use'],
  [85, 'No call suspended'],
  [86, 'Call having the requested call identity has been cleared'],
  [87, 'User not member of CUG'],
  [88, 'Incompatible destination'],
  [90, 'Non-existent CUG'],
  [91, 'Invalid transit network selection'],
  [95, 'Invalid message, unspecified'],
  // Protocol error class
  [96, 'Mandatory information element is missing'],
  [97, 'Message type non-existent or not implemented'],
  [98, 'Message not compatible with call state or message type non-existent or not implemented'],
  [99, 'Information element/parameter non-existent or not implemented'],
  [100, 'Invalid information element contents'],
  [101, 'Message not compatible with call state'],
  [102, 'Recovery on timer expiry'],
  [103, 'Parameter non-existent or not implemented, passed on'],
  [110, 'Message with unrecognized parameter, discarded'],
  [111, 'Protocol error, unspecified'],
  // Interworking class
  [127, 'Interworking, unspecified'],
]);

// Plain words for the causes seen most in call-centre traces.
const Q850_MEANINGS: ReadonlyMap<number, string> = new Map([
  [1, 'The dialled number is in a valid format but is not assigned to anyone.'],
  [2, 'The call was asked to go through a transit network this exchange does not know or does not serve.'],
  [3, 'The network the call was routed through does not serve the dialled destination.'],
  [16, 'Ordinary hang-up: one of the parties ended the call.'],
  [17, 'The called party is busy and cannot take another call.'],
  [18, 'The called party did not respond to the call set-up in time (no ringing or answer indication).'],
  [19, 'The called party was alerted (it rang) but nobody answered in time.'],
  [20, 'The called party is not reachable right now, e.g. a mobile that is switched off or out of coverage.'],
  [21, 'The called side refused the call although it was neither busy nor incompatible.'],
  [22, 'The dialled number has changed and is no longer in use; the new number may be announced.'],
  [26, 'The call was offered to several devices and another one answered it.'],
  [27, 'The interface to the destination is not working, so the call could not be delivered.'],
  [28, 'The dialled number is incomplete or not in a valid format.'],
  [31, 'A normal end of the call for which no more specific cause applies.'],
  [34, 'No circuit or channel was free to carry the call.'],
  [38, 'The network is not working and is not expected to recover soon.'],
  [41, 'A temporary network fault; trying again shortly may succeed.'],
  [42, 'The switching equipment is overloaded (congestion).'],
  [44, 'The specific circuit or channel asked for is not available.'],
  [47, 'A network resource was unavailable; no more specific cause applies.'],
  [50, 'The caller is not subscribed to a service or facility the call needed.'],
  [53, 'Outgoing calls are barred for this member of the closed user group.'],
  [55, 'Incoming calls are barred for the called member of the closed user group.'],
  [57, 'The caller is not allowed to use the requested bearer capability (call type).'],
  [58, 'The requested bearer capability (call type) is supported but not available right now.'],
  [63, 'A requested service or option is not available; no more specific cause applies.'],
  [65, 'The requested bearer capability (call type) is not supported.'],
  [69, 'The requested supplementary service is not supported.'],
  [79, 'A requested service or option is not supported; no more specific cause applies.'],
  [88, 'The destination cannot handle this kind of call (incompatible call type or compatibility information).'],
  [102, 'A protocol timer expired before the expected message arrived, so the call was cleared.'],
  [111, 'A signalling protocol error occurred; no more specific cause applies.'],
  [127, 'The call was cleared by an interworking point (for example between SIP and the telephone network) for an unspecified reason.'],
]);

/** The ITU-T Q.850 name of a cause value, or undefined when Q.850 defines none. */
export function q850CauseName(cause: number): string | undefined {
  return Q850_CAUSES.get(cause);
}

/** A plain-words explanation of the common Q.850 causes, or undefined. */
export function q850CauseMeaning(cause: number): string | undefined {
  const meaning = Q850_MEANINGS.get(cause);
  return meaning === undefined ? undefined : tr(meaning);
}

// Splits on `separator` outside double-quoted strings (which may hold backslash escapes).
function splitOutsideQuotes(value: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (quoted && ch === '\\' && i + 1 < value.length) {
      current += ch + value[i + 1];
      i++;
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (ch === separator && !quoted) {
      parts.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts;
}

function unquote(raw: string): string {
  const value = raw.trim();
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  // An unterminated quote still yields the text rather than nothing.
  return value.startsWith('"') ? value.slice(1) : value;
}

/** Parses a Reason header value into its reasons, in order. Unparseable parts are skipped. */
export function parseReasonHeader(value: string): ReasonEntry[] {
  const entries: ReasonEntry[] = [];
  for (const part of splitOutsideQuotes(value, ',')) {
    const [protocolRaw, ...params] = splitOutsideQuotes(part, ';');
    const protocol = (protocolRaw ?? '').trim().toUpperCase();
    if (!protocol || /[\s"=]/.test(protocol)) continue;
    let cause: number | null = null;
    let text: string | null = null;
    for (const param of params) {
      const eq = param.indexOf('=');
      if (eq < 0) continue;
      const name = param.slice(0, eq).trim().toLowerCase();
      const raw = param.slice(eq + 1);
      if (name === 'cause') {
        const digits = raw.trim();
        cause = /^\d+$/.test(digits) ? Number(digits) : null;
      } else if (name === 'text') {
        text = unquote(raw);
      }
    }
    entries.push({ protocol, cause, text: text === '' ? null : text });
  }
  return entries;
}

function describeEntry(entry: ReasonEntry): string {
  let name: string | null | undefined = entry.text;
  if (entry.cause !== null) {
    if (entry.protocol === 'Q.850') {
      name = q850CauseName(entry.cause) ?? entry.text;
    } else if (entry.protocol === 'SIP' && !entry.text) {
      const status = describeStatus(entry.cause);
      name = status.known ? status.reason : null;
    }
  }
  return [entry.protocol, entry.cause ?? undefined, name ?? undefined].filter((part) => part !== undefined).join(' ');
}

/**
 * A Reason header value in words: `Q.850;cause=17;text="busy"` → `Q.850 17 User busy`.
 * Q.850 causes use the standard name; other protocols use the header's text (or, for SIP
 * without text, the registered reason phrase). Several reasons are joined with `; `.
 * Null when the value holds no reason.
 */
export function describeReason(value: string): string | null {
  const entries = parseReasonHeader(value);
  if (entries.length === 0) return null;
  return entries.map(describeEntry).join('; ');
}
