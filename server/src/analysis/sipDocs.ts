// Plain-words documentation of SIP methods and well-known headers, for hovers, plus the
// compact (single-letter) header forms and the canonical spelling of header names.
import { tr } from './l10n';

export interface MethodDoc {
  method: string;
  purpose: string;
  rfc: string;
}

export interface HeaderDoc {
  /** Canonical display name, e.g. `Call-ID`. */
  name: string;
  /** Single-letter compact form, where one is registered. */
  compact?: string;
  purpose: string;
  /** Defining document, e.g. `RFC 3261`; null where the header was never published as an RFC. */
  rfc: string | null;
  /** Extra context, e.g. where a non-RFC header comes from. */
  note?: string;
}

const METHODS: readonly MethodDoc[] = [
  { method: 'INVITE', rfc: 'RFC 3261', purpose: 'Starts a call (session), or changes an established one when sent inside the dialog (re-INVITE).' },
  { method: 'ACK', rfc: 'RFC 3261', purpose: 'Confirms that the caller received the final response to an INVITE; completes the three-way handshake.' },
  { method: 'BYE', rfc: 'RFC 3261', purpose: 'Ends an established call; either party may send it.' },
  { method: 'CANCEL', rfc: 'RFC 3261', purpose: 'Abandons a pending request, typically an INVITE that has not been answered yet (the caller hung up while it rang).' },
  { method: 'OPTIONS', rfc: 'RFC 3261', purpose: 'Asks a server or device what it supports; widely used as a keep-alive or trunk health check.' },
  { method: 'REGISTER', rfc: 'RFC 3261', purpose: 'Tells a registrar the address where a user can currently be reached (Contact), for a limited time (Expires).' },
  { method: 'PRACK', rfc: 'RFC 3262', purpose: 'Acknowledges a reliable provisional response (a 18x with RSeq, sent with the 100rel extension).' },
  { method: 'SUBSCRIBE', rfc: 'RFC 6665', purpose: 'Asks to be notified of changes to some state (presence, message waiting, dialog state…), named by the Event header.' },
  { method: 'NOTIFY', rfc: 'RFC 6665', purpose: 'Reports the current state for a subscription, or the progress of a transfer requested with REFER.' },
  { method: 'PUBLISH', rfc: 'RFC 3903', purpose: 'Uploads event state (for example presence) to a server that distributes it to subscribers.' },
  { method: 'INFO', rfc: 'RFC 6086', purpose: 'Carries application information inside an established call, for example DTMF digits, without changing the session.' },
  { method: 'REFER', rfc: 'RFC 3515', purpose: 'Asks the receiver to contact another address (Refer-To); the basis of call transfer.' },
  { method: 'MESSAGE', rfc: 'RFC 3428', purpose: 'Carries an instant message (pager mode), outside any call.' },
  { method: 'UPDATE', rfc: 'RFC 3311', purpose: 'Changes session parameters (such as media) before or after answer without affecting the dialog state.' },
];

// Name, compact form, defining RFC and purpose of the headers met in everyday traces.
const HEADERS: readonly HeaderDoc[] = [
  // RFC 3261 core headers
  { name: 'Via', compact: 'v', rfc: 'RFC 3261', purpose: 'The path the request has taken so far; responses retrace it. The top Via branch identifies the transaction.' },
  { name: 'From', compact: 'f', rfc: 'RFC 3261', purpose: 'The logical initiator of the request (the caller), with the From-tag that identifies its side of the dialog.' },
  { name: 'To', compact: 't', rfc: 'RFC 3261', purpose: 'The logical recipient of the request (the called party); the To-tag added by the callee identifies its side of the dialog.' },
  { name: 'Call-ID', compact: 'i', rfc: 'RFC 3261', purpose: 'Unique identifier that groups all messages of one call or registration.' },
  { name: 'CSeq', rfc: 'RFC 3261', purpose: 'Sequence number and method; orders requests within a dialog and matches responses to their request.' },
  { name: 'Contact', compact: 'm', rfc: 'RFC 3261', purpose: 'The direct address where the sender can be reached for later requests (or, in REGISTER, the address to register).' },
  { name: 'Max-Forwards', rfc: 'RFC 3261', purpose: 'How many more hops the request may take; each proxy lowers it, and at zero the request is rejected with 483.' },
  { name: 'Route', rfc: 'RFC 3261', purpose: 'The proxies the request must pass through, usually copied from Record-Route.' },
  { name: 'Record-Route', rfc: 'RFC 3261', purpose: 'Added by proxies that want to stay in the signalling path for the rest of the dialog.' },
  { name: 'Content-Type', compact: 'c', rfc: 'RFC 3261', purpose: 'The media type of the message body, e.g. application/sdp.' },
  { name: 'Content-Length', compact: 'l', rfc: 'RFC 3261', purpose: 'The size of the message body in bytes.' },
  { name: 'Content-Encoding', compact: 'e', rfc: 'RFC 3261', purpose: 'Encodings (such as compression) applied to the body.' },
  { name: 'Content-Disposition', rfc: 'RFC 3261', purpose: 'How the body is to be interpreted, e.g. session or render.' },
  { name: 'Content-Language', rfc: 'RFC 3261', purpose: 'The language of the body.' },
  { name: 'Allow', rfc: 'RFC 3261', purpose: 'The methods the sender supports.' },
  { name: 'Supported', compact: 'k', rfc: 'RFC 3261', purpose: 'Extensions (option tags such as 100rel, timer, replaces) the sender supports.' },
  { name: 'Require', rfc: 'RFC 3261', purpose: 'Extensions the receiver must support to process the request; otherwise it answers 420.' },
  { name: 'Proxy-Require', rfc: 'RFC 3261', purpose: 'Extensions every proxy on the path must support.' },
  { name: 'Unsupported', rfc: 'RFC 3261', purpose: 'In a 420 response: the required extensions the server does not support.' },
  { name: 'Authorization', rfc: 'RFC 3261', purpose: "The client's credentials for a user agent or registrar, answering a 401 challenge." },
  { name: 'Proxy-Authorization', rfc: 'RFC 3261', purpose: "The client's credentials for a proxy, answering a 407 challenge." },
  { name: 'WWW-Authenticate', rfc: 'RFC 3261', purpose: 'In a 401 response: the authentication challenge (realm, nonce, algorithm) the client must answer.' },
  { name: 'Proxy-Authenticate', rfc: 'RFC 3261', purpose: 'In a 407 response: the authentication challenge of a proxy.' },
  { name: 'Authentication-Info', rfc: 'RFC 3261', purpose: 'Information a server returns after successful authentication, e.g. the next nonce.' },
  { name: 'Expires', rfc: 'RFC 3261', purpose: 'How long (in seconds) a registration, subscription or invitation stays valid.' },
  { name: 'Min-Expires', rfc: 'RFC 3261', purpose: 'In a 423 response: the shortest expiry interval the server accepts.' },
  { name: 'User-Agent', rfc: 'RFC 3261', purpose: 'The software (make, model, version) of the client that sent the request.' },
  { name: 'Server', rfc: 'RFC 3261', purpose: 'The software of the server that sent the response.' },
  { name: 'Accept', rfc: 'RFC 3261', purpose: 'The body types the sender can accept in a message.' },
  { name: 'Accept-Encoding', rfc: 'RFC 3261', purpose: 'The body encodings the sender can accept.' },
  { name: 'Accept-Language', rfc: 'RFC 3261', purpose: 'The languages the sender prefers for reason phrases, bodies and announcements.' },
  { name: 'Retry-After', rfc: 'RFC 3261', purpose: 'How long to wait before trying again (in 503, 480, 486, 600 and similar responses).' },
  { name: 'Warning', rfc: 'RFC 3261', purpose: 'Extra detail about a failure, with a three-digit warn-code (e.g. 305 incompatible media format).' },
  { name: 'Subject', compact: 's', rfc: 'RFC 3261', purpose: 'A short summary or topic of the call.' },
  { name: 'Organization', rfc: 'RFC 3261', purpose: 'The organization the sender belongs to.' },
  { name: 'Date', rfc: 'RFC 3261', purpose: 'The date and time the message was sent.' },
  { name: 'Timestamp', rfc: 'RFC 3261', purpose: 'When the client sent the request, echoed back so it can estimate round-trip time.' },
  { name: 'Alert-Info', rfc: 'RFC 3261', purpose: 'Asks for a particular ring tone (in INVITE) or ringback tone (in 180).' },
  { name: 'Call-Info', rfc: 'RFC 3261', purpose: 'Extra information about the caller or callee, such as an icon or a business card.' },
  { name: 'Error-Info', rfc: 'RFC 3261', purpose: 'A pointer to more information about an error, e.g. an announcement to play.' },
  { name: 'In-Reply-To', rfc: 'RFC 3261', purpose: 'The Call-IDs this call refers to or returns.' },
  { name: 'MIME-Version', rfc: 'RFC 3261', purpose: 'The MIME version used for the body.' },
  { name: 'Priority', rfc: 'RFC 3261', purpose: 'Urgency of the request as perceived by the caller (non-urgent, normal, urgent, emergency).' },
  { name: 'Reply-To', rfc: 'RFC 3261', purpose: 'An address for replies that may differ from From.' },
  // Extensions
  { name: 'Reason', rfc: 'RFC 3326', purpose: 'Why a request (BYE, CANCEL) or response was sent, as a SIP or ISDN Q.850 cause, e.g. Q.850;cause=16.' },
  { name: 'P-Asserted-Identity', rfc: 'RFC 3325', purpose: 'The caller identity as asserted by a trusted network, regardless of what From says.' },
  { name: 'P-Preferred-Identity', rfc: 'RFC 3325', purpose: 'The identity a user agent would like the trusted network to assert for it.' },
  { name: 'Privacy', rfc: 'RFC 3323', purpose: 'Which privacy the user asks for, e.g. id to hide the caller ID from the called party.' },
  { name: 'Diversion', rfc: 'RFC 5806', purpose: 'Who diverted (forwarded) the call and why; historic but still widely used by carriers.' },
  { name: 'History-Info', rfc: 'RFC 7044', purpose: 'The list of addresses the request was retargeted through (forwarding history), with reasons.' },
  { name: 'Session-Expires', compact: 'x', rfc: 'RFC 4028', purpose: 'Session timer: the call must be refreshed (re-INVITE or UPDATE) within this many seconds, and who refreshes.' },
  { name: 'Min-SE', rfc: 'RFC 4028', purpose: 'The smallest session-timer interval the sender accepts (also in 422 responses).' },
  { name: 'RSeq', rfc: 'RFC 3262', purpose: 'Sequence number of a reliable provisional response, to be acknowledged with PRACK.' },
  { name: 'RAck', rfc: 'RFC 3262', purpose: 'In a PRACK: which reliable provisional response (RSeq and CSeq) it acknowledges.' },
  { name: 'Event', compact: 'o', rfc: 'RFC 6665', purpose: 'The event package of a SUBSCRIBE, NOTIFY or PUBLISH, e.g. presence, dialog, refer.' },
  { name: 'Allow-Events', compact: 'u', rfc: 'RFC 6665', purpose: 'The event packages the sender supports.' },
  { name: 'Subscription-State', rfc: 'RFC 6665', purpose: 'In a NOTIFY: whether the subscription is active, pending or terminated (and why).' },
  { name: 'Refer-To', compact: 'r', rfc: 'RFC 3515', purpose: 'In a REFER: the address the receiver is asked to contact (the transfer target).' },
  { name: 'Referred-By', compact: 'b', rfc: 'RFC 3892', purpose: 'Who asked for the transfer that caused this request.' },
  { name: 'Replaces', rfc: 'RFC 3891', purpose: 'Identifies an existing call that this INVITE replaces (attended transfer, call pickup).' },
  { name: 'Join', rfc: 'RFC 3911', purpose: 'Identifies an existing call that this INVITE wants to join (conference, barge-in).' },
  { name: 'Target-Dialog', rfc: 'RFC 4538', purpose: 'Names an existing dialog the request relates to, so it can be authorized without a new challenge.' },
  { name: 'Remote-Party-ID', rfc: null, note: 'Defined in the expired draft-ietf-sip-privacy; never published as an RFC, superseded by P-Asserted-Identity and Privacy (RFC 3325, RFC 3323).', purpose: 'Identity of the calling (or called) party with screening and privacy flags; an older alternative to P-Asserted-Identity.' },
  { name: 'Identity', compact: 'y', rfc: 'RFC 8224', purpose: 'A signature over the calling and called numbers (STIR/SHAKEN PASSporT) so the receiver can verify the caller ID.' },
  { name: 'Identity-Info', compact: 'n', rfc: 'RFC 4474', purpose: 'Where to fetch the certificate for the Identity signature; obsolete since RFC 8224 moved it into Identity.' },
  { name: 'Accept-Contact', compact: 'a', rfc: 'RFC 3841', purpose: 'Caller preferences: which kinds of device (features) the request should preferably reach.' },
  { name: 'Reject-Contact', compact: 'j', rfc: 'RFC 3841', purpose: 'Caller preferences: which kinds of device the request must not reach.' },
  { name: 'Request-Disposition', compact: 'd', rfc: 'RFC 3841', purpose: 'Caller preferences for proxy handling, e.g. fork or not, recurse or not, parallel or sequential.' },
  { name: 'Path', rfc: 'RFC 3327', purpose: 'In REGISTER: proxies that must stay on the path of requests to the registered user.' },
  { name: 'Service-Route', rfc: 'RFC 3608', purpose: 'In a REGISTER response: proxies the user agent must route its outgoing requests through.' },
  { name: 'Security-Client', rfc: 'RFC 3329', purpose: 'Security mechanisms the client supports (security agreement).' },
  { name: 'Security-Server', rfc: 'RFC 3329', purpose: 'Security mechanisms the server supports (in 494 and 421 responses).' },
  { name: 'Security-Verify', rfc: 'RFC 3329', purpose: 'Echo of the server mechanisms, to protect the security agreement against downgrade.' },
  { name: 'SIP-ETag', rfc: 'RFC 3903', purpose: 'In a PUBLISH response: the entity tag identifying the published state.' },
  { name: 'SIP-If-Match', rfc: 'RFC 3903', purpose: 'In a PUBLISH: the entity tag of the state being refreshed or modified.' },
  { name: 'Resource-Priority', rfc: 'RFC 4412', purpose: 'Priority of the request for emergency or government preference schemes.' },
  { name: 'Accept-Resource-Priority', rfc: 'RFC 4412', purpose: 'The Resource-Priority values the sender understands.' },
  { name: 'Geolocation', rfc: 'RFC 6442', purpose: 'Where to find the location of the caller (used for emergency calls).' },
  { name: 'Recv-Info', rfc: 'RFC 6086', purpose: 'The Info Packages the sender is willing to receive in INFO requests.' },
  { name: 'Info-Package', rfc: 'RFC 6086', purpose: 'In an INFO request: the Info Package the body belongs to.' },
  { name: 'Max-Breadth', rfc: 'RFC 5393', purpose: 'Limit on how many parallel branches the request may still be forked into.' },
  { name: 'P-Access-Network-Info', rfc: 'RFC 7315', purpose: 'The access network the user agent uses (e.g. radio cell), for IMS networks.' },
  { name: 'P-Called-Party-ID', rfc: 'RFC 7315', purpose: 'The address originally dialled, as seen by the called user agent in IMS networks.' },
  { name: 'P-Associated-URI', rfc: 'RFC 7315', purpose: 'In a REGISTER response: other addresses associated with the registered user.' },
  { name: 'P-Visited-Network-ID', rfc: 'RFC 7315', purpose: 'The visited network of a roaming user, for the home network.' },
  { name: 'P-Charging-Vector', rfc: 'RFC 7315', purpose: 'Charging correlation identifiers (icid) shared by IMS network elements.' },
  { name: 'P-Charging-Function-Addresses', rfc: 'RFC 7315', purpose: 'Where IMS network elements send charging information.' },
];

/** Compact (single-letter) header forms → canonical display name (RFC 3261 §7.3.3 and later RFCs). */
export const COMPACT_HEADER_NAMES: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(
    HEADERS.filter((doc): doc is HeaderDoc & { compact: string } => doc.compact !== undefined).map((doc) => [doc.compact, doc.name]),
  ),
);

const METHOD_BY_NAME: ReadonlyMap<string, MethodDoc> = new Map(METHODS.map((doc) => [doc.method, doc]));
const HEADER_BY_NAME: ReadonlyMap<string, HeaderDoc> = new Map(HEADERS.map((doc) => [doc.name.toLowerCase(), doc]));

/** The methods documented here, in the order above. */
export const DOCUMENTED_METHODS: readonly string[] = METHODS.map((doc) => doc.method);

/** Canonical names of the headers this catalogue describes. */
export const DOCUMENTED_HEADERS: readonly string[] = HEADERS.map((doc) => doc.name);

// A Map, not the object: a header named `constructor` or `__proto__` must not find Object's own
// properties (that used to throw).
const COMPACT_TO_LONG_LOWER: ReadonlyMap<string, string> = new Map(
  Object.entries(COMPACT_HEADER_NAMES).map(([compact, long]) => [compact, long.toLowerCase()]),
);

/**
 * A header name in its canonical lower-case long form: `Call-ID` → `call-id`, `i` → `call-id`.
 * Unknown names are trimmed and lower-cased.
 */
export function canonicalHeaderName(name: string): string {
  const lower = name.trim().toLowerCase();
  return COMPACT_TO_LONG_LOWER.get(lower) ?? lower;
}


/**
 * The conventional spelling of a header name (`cseq` → `CSeq`, `i` → `Call-ID`); names not
 * documented here get each dash-separated word capitalised (`x-foo-bar` → `X-Foo-Bar`).
 */
export function displayHeaderName(name: string): string {
  const doc = HEADER_BY_NAME.get(canonicalHeaderName(name));
  if (doc) return doc.name;
  return canonicalHeaderName(name)
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('-');
}

/** Plain-words documentation of a request method (case-insensitive), or undefined. */
export function describeMethod(method: string): MethodDoc | undefined {
  const doc = METHOD_BY_NAME.get(method.trim().toUpperCase());
  return doc && { ...doc, purpose: tr(doc.purpose) };
}

/** Plain-words documentation of a header, by long or compact name (case-insensitive), or undefined. */
export function describeHeader(name: string): HeaderDoc | undefined {
  const doc = HEADER_BY_NAME.get(canonicalHeaderName(name));
  return doc && { ...doc, purpose: tr(doc.purpose), ...(doc.note !== undefined ? { note: tr(doc.note) } : {}) };
}
