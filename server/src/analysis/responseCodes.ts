// The response-code catalogue: every code in the IANA SIP "Response Codes" registry
// (https://www.iana.org/assignments/sip-parameters, 75 entries), plus the non-standard
// 9xx "route blocked" range, each explained in plain words for someone reviewing a call.
//
// Two rules shape the wording. A response describes signalling only, so nothing here says
// anything about audio. And `causedBy` is a hint about where to look first, not a verdict:
// the same code can come from different places in different networks.

/** Response classes by first digit, plus the two cases outside 100–699. */
export type StatusClass =
  | 'provisional' //      1xx
  | 'success' //          2xx
  | 'redirection' //      3xx
  | 'client-failure' //   4xx
  | 'server-failure' //   5xx
  | 'global-failure' //   6xx
  | 'route-blocked' //    900–999, non-standard: see ROUTE_BLOCKED below
  | 'invalid'; //         anything else: not a SIP status code

/**
 * Which side usually causes a response, i.e. where to look first.
 * - `none`: nothing went wrong (1xx, 2xx).
 * - `caller`: the side that sent the request — what it sent, its credentials, or its choice
 *   (e.g. it cancelled).
 * - `callee`: the called party or its device — busy, declined, unavailable, incompatible.
 * - `network`: a proxy, server or link on the signalling path — overload, timeouts, loops.
 * - `carrier`: the provider's policy or account decisions — forbidden destinations, credit,
 *   identity (STIR/SHAKEN) checks, call blocking.
 * - `local-config`: the configuration of the local SIP gateway itself (9xx route blocked).
 * - `either`: depends on context; the trace around the response tells which.
 */
export type CausedBy = 'none' | 'caller' | 'callee' | 'network' | 'carrier' | 'local-config' | 'either';

export interface ResponseCodeInfo {
  code: number;
  /** Standard reason phrase (the one sent on the wire may differ: it is free text). */
  reason: string;
  statusClass: StatusClass;
  /** Defining document, e.g. `RFC 3261`; null where there is none. */
  rfc: string | null;
  /** What the response means, in plain words. */
  meaning: string;
  causedBy: CausedBy;
  /** What to do next. */
  advice: string;
  /** False when the code is not in the catalogue and the entry was built from its class. */
  known: boolean;
}

interface CatalogueEntry {
  code: number;
  reason: string;
  rfc: string;
  causedBy: CausedBy;
  meaning: string;
  advice: string;
}

import { tr } from './l10n';

const RFC3261 = 'RFC 3261';

// The IANA registry, in registry order. Reason phrases and references as registered.
const REGISTRY: readonly CatalogueEntry[] = [
  // ── 1xx Provisional ──────────────────────────────────────────────────────────────────
  {
    code: 100, reason: 'Trying', rfc: RFC3261, causedBy: 'none',
    meaning: 'The next hop received the request and is working on it. It says nothing yet about whether the call will connect.',
    advice: 'Nothing to do. If nothing follows a 100 Trying, the request got stuck beyond that hop: check the routing and logs of the server that sent it.',
  },
  {
    code: 180, reason: 'Ringing', rfc: RFC3261, causedBy: 'none',
    meaning: 'The called device received the call and is alerting the user (ringing).',
    advice: 'Normal progress. If the call then ends with 487 or 408, nobody picked up.',
  },
  {
    code: 181, reason: 'Call Is Being Forwarded', rfc: RFC3261, causedBy: 'none',
    meaning: 'A server is forwarding the call to another destination.',
    advice: 'Normal progress. Diversion or History-Info headers show where the call was sent.',
  },
  {
    code: 182, reason: 'Queued', rfc: RFC3261, causedBy: 'none',
    meaning: 'The called party is temporarily unavailable and the server has queued the call instead of rejecting it.',
    advice: 'Normal progress; a final response follows when the call leaves the queue. The reason phrase may give the queue position.',
  },
  {
    code: 183, reason: 'Session Progress', rfc: RFC3261, causedBy: 'none',
    meaning: 'Call-progress information before answer. It often carries SDP for early media, such as a ringback tone or an announcement.',
    advice: 'Normal progress. If the call fails later, an announcement played as early media may explain why.',
  },
  {
    code: 199, reason: 'Early Dialog Terminated', rfc: 'RFC 6228', causedBy: 'none',
    meaning: 'One early dialog (for example one branch of a forked call) ended before the final response.',
    advice: 'Informational: other branches may still answer. The final response decides the call.',
  },
  // ── 2xx Successful ───────────────────────────────────────────────────────────────────
  {
    code: 200, reason: 'OK', rfc: RFC3261, causedBy: 'none',
    meaning: 'The request succeeded. For an INVITE, the call was answered.',
    advice: 'Nothing to do. A 200 OK only reports signalling; if users report problems during the call, look at the media separately.',
  },
  {
    code: 202, reason: 'Accepted', rfc: 'RFC 6665', causedBy: 'none',
    meaning: 'The request was accepted but not yet carried out (typical answer to REFER). Deprecated as an answer to SUBSCRIBE.',
    advice: 'Wait for the NOTIFY requests that report how it turned out.',
  },
  {
    code: 204, reason: 'No Notification', rfc: 'RFC 5839', causedBy: 'none',
    meaning: 'A subscription was refreshed successfully and no NOTIFY will follow, because the state has not changed since the last one.',
    advice: 'Nothing to do.',
  },
  // ── 3xx Redirection ──────────────────────────────────────────────────────────────────
  {
    code: 300, reason: 'Multiple Choices', rfc: RFC3261, causedBy: 'callee',
    meaning: 'The address resolves to several destinations, listed in the Contact header; the caller may try them.',
    advice: 'Check whether the calling side follows redirects. If it does not, the call stops here: configure it to follow them or route to one of the listed contacts.',
  },
  {
    code: 301, reason: 'Moved Permanently', rfc: RFC3261, causedBy: 'callee',
    meaning: 'The user is no longer at this address; the new address is in the Contact header.',
    advice: 'Update the dialled address or the routing to the address given in Contact.',
  },
  {
    code: 302, reason: 'Moved Temporarily', rfc: RFC3261, causedBy: 'callee',
    meaning: 'The called party is reachable elsewhere for now (for example call forwarding); the new address is in the Contact header.',
    advice: 'Check that the calling side follows redirects; if it does not, the call ends here instead of reaching the new address.',
  },
  {
    code: 305, reason: 'Use Proxy', rfc: RFC3261, causedBy: 'caller',
    meaning: 'The destination must be reached through the proxy named in the Contact header.',
    advice: 'Send the request through that proxy, or fix the outbound proxy setting of the calling side.',
  },
  {
    code: 380, reason: 'Alternative Service', rfc: RFC3261, causedBy: 'callee',
    meaning: 'The call was not successful, but alternative services are possible; the message body describes them.',
    advice: 'Read the response body for the suggested alternative.',
  },
  // ── 4xx Request Failure ──────────────────────────────────────────────────────────────
  {
    code: 400, reason: 'Bad Request', rfc: RFC3261, causedBy: 'caller',
    meaning: 'The receiver could not understand the request: malformed syntax or a missing or invalid header. The reason phrase often names the problem.',
    advice: 'Check the request that caused it for syntax errors, header by header; the reason phrase or a Warning header usually points at the culprit.',
  },
  {
    code: 401, reason: 'Unauthorized', rfc: RFC3261, causedBy: 'caller',
    meaning: 'Authentication challenge from a user agent or registrar (WWW-Authenticate): the request must be sent again with credentials. Normal when an authenticated retry follows.',
    advice: 'If the request is repeated with an Authorization header and succeeds, nothing is wrong. If no retry follows, or the retry is challenged again, check the username, password and realm.',
  },
  {
    code: 402, reason: 'Payment Required', rfc: RFC3261, causedBy: 'carrier',
    meaning: 'Reserved for future use by SIP; some providers send it when the account has no credit.',
    advice: 'Check the account balance or billing status with the provider.',
  },
  {
    code: 403, reason: 'Forbidden', rfc: RFC3261, causedBy: 'carrier',
    meaning: 'The server understood the request but refuses it, and authenticating again will not help. Usually a policy decision: destination not allowed, account or source address not permitted, or caller ID not accepted.',
    advice: "Check the account's permissions and allowed destinations, the source IP, and the caller ID sent. The reason phrase or a Warning header often says which rule applied.",
  },
  {
    code: 404, reason: 'Not Found', rfc: RFC3261, causedBy: 'caller',
    meaning: 'The dialled user or number does not exist at the destination domain, or the domain is not served there.',
    advice: 'Check the dialled number and its format (prefix, country code, E.164 normalisation) and the domain in the Request-URI.',
  },
  {
    code: 405, reason: 'Method Not Allowed', rfc: RFC3261, causedBy: 'caller',
    meaning: 'The method is understood but not allowed for this address; the Allow header lists the methods that are.',
    advice: 'Check the Allow header of the response and stop sending that method to this address.',
  },
  {
    code: 406, reason: 'Not Acceptable', rfc: RFC3261, causedBy: 'caller',
    meaning: 'The receiver can only produce a response in a form the request does not accept (see the Accept header of the request).',
    advice: 'Check the Accept headers of the request against what the receiver can send.',
  },
  {
    code: 407, reason: 'Proxy Authentication Required', rfc: RFC3261, causedBy: 'caller',
    meaning: 'Authentication challenge from a proxy (Proxy-Authenticate): the request must be sent again with credentials. Normal when an authenticated retry follows.',
    advice: 'If the request is repeated with a Proxy-Authorization header and succeeds, nothing is wrong. If no retry follows, or the retry is challenged again, check the username, password and realm for the proxy.',
  },
  {
    code: 408, reason: 'Request Timeout', rfc: RFC3261, causedBy: 'either',
    meaning: 'No final response could be produced in time: the user could not be located, or (after ringing) did not answer in time.',
    advice: 'After ringing this is a no-answer. Before ringing, check whether the destination is reachable and registered, and the timers of the server that sent it.',
  },
  {
    code: 410, reason: 'Gone', rfc: RFC3261, causedBy: 'callee',
    meaning: 'The user existed once but is no longer available here (for example the number was disconnected), and no forwarding address is known.',
    advice: 'Remove or update the number in the calling list.',
  },
  {
    code: 412, reason: 'Conditional Request Failed', rfc: 'RFC 3903', causedBy: 'caller',
    meaning: 'A PUBLISH referred to an entity tag (SIP-If-Match) that the server no longer holds, for example after the publication expired.',
    advice: 'The publisher should start again with an initial PUBLISH without SIP-If-Match.',
  },
  {
    code: 413, reason: 'Request Entity Too Large', rfc: RFC3261, causedBy: 'caller',
    meaning: 'The request body is larger than the server is willing to process.',
    advice: 'Make the body smaller (for example fewer codecs or attributes in the SDP).',
  },
  {
    code: 414, reason: 'Request-URI Too Long', rfc: RFC3261, causedBy: 'caller',
    meaning: 'The Request-URI is longer than the server is willing to interpret.',
    advice: 'Shorten the Request-URI (remove unneeded URI parameters).',
  },
  {
    code: 415, reason: 'Unsupported Media Type', rfc: RFC3261, causedBy: 'caller',
    meaning: 'The body format (Content-Type, Content-Encoding or Content-Language) is not supported; the Accept headers of the response list what is.',
    advice: 'Send the body in a format listed in the Accept header of the response.',
  },
  {
    code: 416, reason: 'Unsupported URI Scheme', rfc: RFC3261, causedBy: 'caller',
    meaning: 'The server does not support the scheme of the Request-URI (for example tel: or sips:).',
    advice: 'Send a sip: URI, or a scheme the server supports.',
  },
  {
    code: 417, reason: 'Unknown Resource-Priority', rfc: 'RFC 4412', causedBy: 'caller',
    meaning: 'The request carried a Resource-Priority header with a namespace or priority value the server does not understand.',
    advice: 'Check the Resource-Priority values; the Accept-Resource-Priority header of the response lists the ones the server knows.',
  },
  {
    code: 420, reason: 'Bad Extension', rfc: RFC3261, causedBy: 'caller',
    meaning: 'The request requires an extension (Require or Proxy-Require) that the server does not support; the Unsupported header names it.',
    advice: 'Remove that option tag from Require / Proxy-Require, or enable the extension on the server.',
  },
  {
    code: 421, reason: 'Extension Required', rfc: RFC3261, causedBy: 'caller',
    meaning: 'The server needs an extension that the request did not list in Supported; the Require header of the response names it.',
    advice: 'Enable that extension on the calling side (often 100rel or timer).',
  },
  {
    code: 422, reason: 'Session Interval Too Small', rfc: 'RFC 4028', causedBy: 'caller',
    meaning: 'The Session-Expires value is below the minimum the server accepts; the Min-SE header gives the minimum.',
    advice: 'Retry with Session-Expires at least Min-SE; most SIP stacks do this on their own, so only a missing retry is a problem.',
  },
  {
    code: 423, reason: 'Interval Too Brief', rfc: RFC3261, causedBy: 'caller',
    meaning: 'The requested expiry (for example the Expires of a REGISTER) is shorter than the server allows; the Min-Expires header gives the minimum.',
    advice: 'Raise the registration or subscription interval to at least Min-Expires.',
  },
  {
    code: 424, reason: 'Bad Location Information', rfc: 'RFC 6442', causedBy: 'caller',
    meaning: 'The location information (Geolocation) in the request was malformed or not satisfactory for the recipient.',
    advice: 'Check the Geolocation header and the location body; the Geolocation-Error header explains the problem.',
  },
  {
    code: 425, reason: 'Bad Alert Message', rfc: 'RFC 8876', causedBy: 'caller',
    meaning: 'The alert payload of a non-interactive emergency call could not be processed; the AlertMsg-Error header gives the details.',
    advice: 'Check the alert payload and the AlertMsg-Error code in the response.',
  },
  {
    code: 428, reason: 'Use Identity Header', rfc: 'RFC 8224', causedBy: 'carrier',
    meaning: 'The receiver requires a signed Identity header (STIR/SHAKEN) and the request had none.',
    advice: 'Have the originating provider sign the calls, or ask the receiving side about its policy for unsigned calls.',
  },
  {
    code: 429, reason: 'Provide Referrer Identity', rfc: 'RFC 3892', causedBy: 'caller',
    meaning: 'The target of a transfer (REFER) wants a valid Referred-By token identifying who asked for the transfer.',
    advice: 'Include a valid Referred-By token in the transfer, or turn this requirement off on the target.',
  },
  {
    code: 430, reason: 'Flow Failed', rfc: 'RFC 5626', causedBy: 'network',
    meaning: 'A specific connection (flow) towards a user agent failed, though other flows may still work. Meant for use between proxies; an endpoint treats it like 400.',
    advice: 'Check the connection the user agent registered over; it should register again to create a new flow.',
  },
  {
    code: 433, reason: 'Anonymity Disallowed', rfc: 'RFC 5079', causedBy: 'caller',
    meaning: 'The called party rejects anonymous calls, and this call withheld the caller identity.',
    advice: 'Call again presenting a caller ID (no anonymous From, no Privacy: id).',
  },
  {
    code: 436, reason: 'Bad Identity Info', rfc: 'RFC 8224', causedBy: 'carrier',
    meaning: 'The credential reference in the Identity header (the info URL of the signing certificate) could not be used or fetched.',
    advice: 'Check that the certificate URL in the Identity header is correct and reachable from the verifying side.',
  },
  {
    code: 437, reason: 'Unsupported Credential', rfc: 'RFC 8224', causedBy: 'carrier',
    meaning: 'The verifier does not support or does not trust the credential (certificate) that signed the Identity header.',
    advice: "Check the signing certificate's chain and that the verifying side trusts its certificate authority.",
  },
  {
    code: 438, reason: 'Invalid Identity Header', rfc: 'RFC 8224', causedBy: 'carrier',
    meaning: "The Identity header's signature did not verify, for example because the calling or called number changed after signing, or the signature is too old.",
    advice: 'Check that no hop rewrites the From / To numbers after signing, and that the signing side has the correct time.',
  },
  {
    code: 439, reason: 'First Hop Lacks Outbound Support', rfc: 'RFC 5626', causedBy: 'network',
    meaning: 'The registrar supports SIP Outbound, but the first-hop proxy the registration came through does not.',
    advice: 'Register without the outbound option, or use a first-hop proxy that supports it.',
  },
  {
    code: 440, reason: 'Max-Breadth Exceeded', rfc: 'RFC 5393', causedBy: 'network',
    meaning: 'The request could not be forked further: its Max-Breadth (limit on parallel branches) was used up.',
    advice: 'Look for forking loops or very wide parallel forking between proxies.',
  },
  {
    code: 469, reason: 'Bad Info Package', rfc: 'RFC 6086', causedBy: 'caller',
    meaning: 'An INFO request used an Info Package the receiver did not say it accepts (Recv-Info).',
    advice: 'Check Info Package negotiation (Recv-Info / Info-Package headers), for example for DTMF sent by INFO.',
  },
  {
    code: 470, reason: 'Consent Needed', rfc: 'RFC 5360', causedBy: 'callee',
    meaning: 'The recipient has not given permission to receive this request (consent framework, used with URI lists and relays).',
    advice: "Obtain the recipient's permission first; the response lists the addresses that need it.",
  },
  {
    code: 480, reason: 'Temporarily Unavailable', rfc: RFC3261, causedBy: 'callee',
    meaning: 'The called party was found but is not available right now: not registered or logged in, do-not-disturb, or not accepting calls.',
    advice: "Check the called party's registration and do-not-disturb state and try again later; a Retry-After header may say when.",
  },
  {
    code: 481, reason: 'Call/Transaction Does Not Exist', rfc: RFC3261, causedBy: 'either',
    meaning: 'The request matched no dialog or transaction the receiver knows, for example a BYE or re-INVITE for a call the other side has already forgotten.',
    advice: 'Compare the Call-ID and tags with the original dialog. Common causes: one side restarted or timed the dialog out, or a proxy or NAT changed the routing.',
  },
  {
    code: 482, reason: 'Loop Detected', rfc: RFC3261, causedBy: 'network',
    meaning: 'A server received a request it had already forwarded: a routing loop.',
    advice: 'Check the routing between the proxies involved (Via headers show the path) for a loop.',
  },
  {
    code: 483, reason: 'Too Many Hops', rfc: RFC3261, causedBy: 'network',
    meaning: 'Max-Forwards reached zero before the request arrived: usually a routing loop, sometimes a very long proxy chain.',
    advice: 'Look for a routing loop (Via headers show the path), and check the initial Max-Forwards value.',
  },
  {
    code: 484, reason: 'Address Incomplete', rfc: RFC3261, causedBy: 'caller',
    meaning: 'The dialled number or address is incomplete.',
    advice: 'Check the dialled digits, prefixes and number normalisation (for example E.164 format).',
  },
  {
    code: 485, reason: 'Ambiguous', rfc: RFC3261, causedBy: 'caller',
    meaning: 'The dialled address matches more than one user; the Contact header may list the candidates.',
    advice: 'Dial a more specific address.',
  },
  {
    code: 486, reason: 'Busy Here', rfc: RFC3261, causedBy: 'callee',
    meaning: 'The called party is busy at this destination (already on a call, or rejected the call as busy).',
    advice: "Nothing is broken; try again later. If every call gets 486, check the called side's limit on simultaneous calls or channels.",
  },
  {
    code: 487, reason: 'Request Terminated', rfc: RFC3261, causedBy: 'caller',
    meaning: "The request was ended before it completed, normally by the caller's CANCEL (the caller hung up before answer).",
    advice: 'Expected after a CANCEL. After ringing it means nobody answered in time; without ringing, the caller gave up early.',
  },
  {
    code: 488, reason: 'Not Acceptable Here', rfc: RFC3261, causedBy: 'callee',
    meaning: 'Something in the session description is not acceptable here, usually no codec in common or a mismatch in media type or media encryption. A Warning header often says which.',
    advice: 'Compare the codecs (m= and a=rtpmap lines) and the media security (RTP/AVP vs RTP/SAVP, SRTP crypto) of the offer with what the called side supports.',
  },
  {
    code: 489, reason: 'Bad Event', rfc: 'RFC 6665', causedBy: 'caller',
    meaning: 'The server does not understand the event package named in the Event header (SUBSCRIBE, NOTIFY or PUBLISH).',
    advice: 'Check the event package name against the Allow-Events header of the server.',
  },
  {
    code: 491, reason: 'Request Pending', rfc: RFC3261, causedBy: 'either',
    meaning: 'The receiver is still handling another request in the same dialog, typically both sides sent a re-INVITE at once (glare).',
    advice: 'Usually harmless: the sender should retry after a short random delay. Repeated 491s point at both sides re-INVITING in lockstep.',
  },
  {
    code: 493, reason: 'Undecipherable', rfc: RFC3261, causedBy: 'caller',
    meaning: 'The request had an encrypted (S/MIME) body the receiver could not decrypt.',
    advice: "Check the encryption keys and certificates, or send the body unencrypted if policy allows.",
  },
  {
    code: 494, reason: 'Security Agreement Required', rfc: 'RFC 3329', causedBy: 'caller',
    meaning: 'The server requires a negotiated security mechanism first; the Security-Server header lists the options.',
    advice: 'Negotiate one of the mechanisms in Security-Server (Security-Client / Security-Verify headers) and send the request again.',
  },
  // ── 5xx Server Failure ───────────────────────────────────────────────────────────────
  {
    code: 500, reason: 'Server Internal Error', rfc: RFC3261, causedBy: 'network',
    meaning: 'The server that sent it hit an unexpected error while handling the request.',
    advice: 'Check the logs of the server that sent it. A Retry-After header says when to try again.',
  },
  {
    code: 501, reason: 'Not Implemented', rfc: RFC3261, causedBy: 'either',
    meaning: 'The server does not support what the request needs, typically a method it does not recognise.',
    advice: 'Do not send that method to this server, or enable or upgrade the feature on it.',
  },
  {
    code: 502, reason: 'Bad Gateway', rfc: RFC3261, causedBy: 'network',
    meaning: 'A gateway or proxy received an invalid response from the next server it contacted.',
    advice: 'Look at the next hop behind the server that sent it: its responses are wrong or it is misbehaving.',
  },
  {
    code: 503, reason: 'Service Unavailable', rfc: RFC3261, causedBy: 'network',
    meaning: 'The server is overloaded or in maintenance, or a proxy found no working route or trunk towards the destination.',
    advice: 'Check the status and capacity of the server or trunk that sent it and whether another route exists. A Retry-After header says when to try again.',
  },
  {
    code: 504, reason: 'Server Time-out', rfc: RFC3261, causedBy: 'network',
    meaning: 'A server on the path got no timely answer from the next server it contacted (or from a lookup such as DNS).',
    advice: 'Check reachability of the next hop behind the server that sent it, and its DNS.',
  },
  {
    code: 505, reason: 'Version Not Supported', rfc: RFC3261, causedBy: 'caller',
    meaning: 'The server does not support the SIP version in the request.',
    advice: 'Send SIP/2.0.',
  },
  {
    code: 513, reason: 'Message Too Large', rfc: RFC3261, causedBy: 'caller',
    meaning: 'The message is longer than the server can process.',
    advice: 'Trim headers or SDP, or send over TCP instead of UDP.',
  },
  {
    code: 555, reason: 'Push Notification Service Not Supported', rfc: 'RFC 8599', causedBy: 'caller',
    meaning: 'The server does not support the push notification service named in the pn-provider URI parameter.',
    advice: 'Register with a push service the server supports, or without push parameters.',
  },
  {
    code: 580, reason: 'Precondition Failure', rfc: 'RFC 3312', causedBy: 'either',
    meaning: 'The server cannot or will not meet the preconditions (for example resource reservation) requested in the offer.',
    advice: 'Check the precondition attributes in the SDP offer and whether both sides support preconditions.',
  },
  // ── 6xx Global Failure ───────────────────────────────────────────────────────────────
  {
    code: 600, reason: 'Busy Everywhere', rfc: RFC3261, causedBy: 'callee',
    meaning: 'The called party is busy, and no other destination (such as voicemail) will take the call.',
    advice: 'Nothing is broken; try again later.',
  },
  {
    code: 603, reason: 'Decline', rfc: RFC3261, causedBy: 'callee',
    meaning: 'The called party (or a service acting for it) explicitly declined the call, and no other destination will take it.',
    advice: 'Nothing is broken on the signalling side. If calls are declined without the user acting, check call-screening or rejection rules on the called side.',
  },
  {
    code: 604, reason: 'Does Not Exist Anywhere', rfc: RFC3261, causedBy: 'caller',
    meaning: 'The server knows for certain that the dialled user or number does not exist anywhere.',
    advice: 'Check the dialled number and remove it from calling lists if it is wrong.',
  },
  {
    code: 606, reason: 'Not Acceptable', rfc: RFC3261, causedBy: 'callee',
    meaning: 'The called party was reached, but some aspect of the session (media type, bandwidth or addressing) is not acceptable to it anywhere.',
    advice: 'Compare the SDP offer with what the called side supports; a Warning header often says what was refused.',
  },
  {
    code: 607, reason: 'Unwanted', rfc: 'RFC 8197', causedBy: 'callee',
    meaning: 'The called party marked this call as unwanted (for example spam); similar calls from this caller are likely to be rejected too.',
    advice: "If the calls are legitimate, check the caller ID presented and its reputation, and contact the called party's provider.",
  },
  {
    code: 608, reason: 'Rejected', rfc: 'RFC 8688', causedBy: 'carrier',
    meaning: 'An intermediary in the network, not the called party, rejected the call (for example a call-blocking or analytics service).',
    advice: 'Look for a Call-Info header (jCard) naming who blocked the call and how to dispute it; check the reputation of the caller ID.',
  },
];

const BY_CODE: ReadonlyMap<number, CatalogueEntry> = new Map(REGISTRY.map((entry) => [entry.code, entry]));

/** Every code of the IANA registry held by the catalogue, in ascending order. */
export const REGISTERED_CODES: readonly number[] = REGISTRY.map((entry) => entry.code);

/** The class of a status code by its first digit; `route-blocked` for 900–999. */
export function statusClassOf(code: number): StatusClass {
  if (!Number.isInteger(code)) return 'invalid';
  if (code >= 100 && code <= 199) return 'provisional';
  if (code >= 200 && code <= 299) return 'success';
  if (code >= 300 && code <= 399) return 'redirection';
  if (code >= 400 && code <= 499) return 'client-failure';
  if (code >= 500 && code <= 599) return 'server-failure';
  if (code >= 600 && code <= 699) return 'global-failure';
  if (code >= 900 && code <= 999) return 'route-blocked';
  return 'invalid';
}

/** Final responses end a transaction: everything from 200 up (9xx route-blocked included). */
export function isFinalStatus(code: number): boolean {
  return code >= 200;
}

/**
 * 900–999 is not SIP: some SIP gateways answer with a 9xx when the dialled number's prefix is
 * outside the directions the gateway is allowed to call.
 */
export function isRouteBlocked(code: number): boolean {
  return Number.isInteger(code) && code >= 900 && code <= 999;
}

/** Link to an RFC on the RFC Editor site: `RFC 3261` → https://www.rfc-editor.org/rfc/rfc3261. */
export function rfcUrl(rfc: string): string {
  const match = /(\d+)/.exec(rfc);
  return match ? `https://www.rfc-editor.org/rfc/rfc${Number(match[1])}` : 'https://www.rfc-editor.org/';
}

const ROUTE_BLOCKED_MEANING =
  "Route blocked (non-standard 9xx): the dialled number's prefix is outside the SIP gateway's allowed directions. " +
  "This is a local configuration matter, not the carrier's: the call was refused before it reached the carrier.";
const ROUTE_BLOCKED_ADVICE =
  "Check the gateway's allowed directions (prefix list) for the dialled number: add the prefix if calls there are " +
  'intended, or correct the number format if the prefix is wrong.';

// Used for codes the registry does not hold. RFC 3261 §8.1.3.2: an unrecognised final response
// is treated like the x00 code of its class, so the fallback says which code that is.
const CLASS_FALLBACK: Readonly<Record<Exclude<StatusClass, 'route-blocked'>, { reason: string; causedBy: CausedBy; meaning: string; advice: string }>> = {
  provisional: {
    reason: 'Provisional',
    causedBy: 'none',
    meaning: 'An unregistered provisional (1xx) response: the request is still in progress. Receivers treat it like 183 Session Progress.',
    advice: 'Nothing to do; wait for the final response.',
  },
  success: {
    reason: 'Success',
    causedBy: 'none',
    meaning: 'An unregistered success (2xx) response. Receivers treat it like 200 OK.',
    advice: 'Nothing to do; the vendor documentation of the sender may explain the exact code.',
  },
  redirection: {
    reason: 'Redirection',
    causedBy: 'callee',
    meaning: 'An unregistered redirection (3xx) response: the destination is to be tried elsewhere. Receivers treat it like 300 Multiple Choices.',
    advice: 'Look at the Contact header for where to go next, and check that the calling side follows redirects.',
  },
  'client-failure': {
    reason: 'Request Failure',
    causedBy: 'either',
    meaning: 'An unregistered request failure (4xx): the receiver rejected this request as it was sent. Receivers treat it like 400 Bad Request.',
    advice: "Read the reason phrase and any Warning or Reason header, and the sender's vendor documentation for this code.",
  },
  'server-failure': {
    reason: 'Server Failure',
    causedBy: 'network',
    meaning: 'An unregistered server failure (5xx): a server on the path could not handle a valid request. Receivers treat it like 500 Server Internal Error.',
    advice: "Check the logs of the server that sent it, and the sender's vendor documentation for this code.",
  },
  'global-failure': {
    reason: 'Global Failure',
    causedBy: 'callee',
    meaning: 'An unregistered global failure (6xx): the request cannot succeed at any destination. Receivers treat it like 600 Busy Everywhere.',
    advice: "Read the reason phrase and any Reason header, and the sender's vendor documentation for this code.",
  },
  invalid: {
    reason: 'Invalid Status Code',
    causedBy: 'either',
    meaning: 'Not a SIP status code: SIP codes run from 100 to 699 (900–999 being a non-standard route-blocked answer).',
    advice: 'Check the equipment that sent it; the message may be corrupted or mis-framed in the trace.',
  },
};

/** Everything the catalogue knows about a status code; unknown codes fall back to their class. */
export function describeStatus(code: number): ResponseCodeInfo {
  const entry = BY_CODE.get(code);
  if (entry) {
    return { ...entry, meaning: tr(entry.meaning), advice: tr(entry.advice), statusClass: statusClassOf(code), known: true };
  }
  const statusClass = statusClassOf(code);
  if (statusClass === 'route-blocked') {
    return {
      code,
      reason: 'Route Blocked',
      statusClass,
      rfc: null,
      meaning: tr(ROUTE_BLOCKED_MEANING),
      causedBy: 'local-config',
      advice: tr(ROUTE_BLOCKED_ADVICE),
      known: true,
    };
  }
  const fallback = CLASS_FALLBACK[statusClass];
  return {
    code,
    reason: fallback.reason,
    statusClass,
    rfc: statusClass === 'invalid' ? null : RFC3261,
    meaning: tr(fallback.meaning),
    causedBy: fallback.causedBy,
    advice: tr(fallback.advice),
    known: false,
  };
}
