// Hover (★ contract in DESIGN.md): explains a response's start line in plain words and in
// the context of its call, a request line with where its transaction ended, and well-known headers.
import { type Hover, MarkupKind, type Position } from 'vscode-languageserver';
import { passedOnFrom, passedOnTo } from '../analysis/legs/describe';
import { describeReason } from '../analysis/reasonCause';
import { formatDuration } from '../analysis/report';
import { type CausedBy, describeStatus, rfcUrl } from '../analysis/responseCodes';
import type { Finding } from '../analysis/findings/types';
import { describeSdpLine } from '../analysis/sdpDocs';
import { describeHeader, describeMethod, displayHeaderName } from '../analysis/sipDocs';
import type { Call, SipHeader, TraceAnalysis, TraceMessage } from '../analysis/types';
import {
  callIndexOf,
  fileLineOf,
  finalResponseTo,
  headerAtLine,
  type LineSource,
  messageAtLine,
  messagesWithCallId,
  originalRequest,
} from './lookup';
import { mdText } from './markdown';
import { formatNumber, t } from '../analysis/l10n';
import { outcomeWithLabel } from '../analysis/outcomeWords';

/** Where to look first, in words, for a response's usual cause. */
function causedByWords(causedBy: CausedBy): string {
  switch (causedBy) {
    case 'none':
      return t('nothing went wrong');
    case 'caller':
      return t('the calling side (what it sent, its credentials or its choice)');
    case 'callee':
      return t('the called party or its device');
    case 'network':
      return t('a proxy, server or link on the signalling path');
    case 'carrier':
      return t("the provider's policy or account");
    case 'local-config':
      return t("the local SIP gateway's configuration (not the carrier)");
    case 'either':
      return t('either side — the messages around it tell which');
  }
}

function rfcLink(rfc: string | null): string | undefined {
  return rfc ? `[${rfc}](${rfcUrl(rfc)})` : undefined;
}

function callOf(analysis: TraceAnalysis, message: TraceMessage): Call | undefined {
  const index = callIndexOf(analysis, message.index);
  return index >= 0 ? analysis.calls[index] : undefined;
}

/** Milliseconds between two messages, where both carry a time. */
function elapsed(from: TraceMessage | undefined, to: TraceMessage): number | null {
  const a = from?.frame.time;
  const b = to.frame.time;
  if (!a || !b) return null;
  return Math.max(0, Math.round(b.ms - a.ms));
}

/** Said after a time difference when the log gives whole seconds only. */
function resolutionNote(from: TraceMessage | undefined, to: TraceMessage): string {
  return from?.frame.time?.wholeSeconds || to.frame.time?.wholeSeconds ? t(' (±1 s: the log gives whole seconds)') : '';
}

function line(n: number): string {
  return t('line {0}', n + 1);
}

function callLabel(call: Call): string {
  return `${outcomeWithLabel(call.outcome, '`')} · ${mdText(call.from)} → ${mdText(call.to)}`;
}

function benignNote(analysis: TraceAnalysis, message: TraceMessage): string | undefined {
  if (!analysis.benignFinals?.has(message.index)) return undefined;
  const status = message.sip.status;
  if (status === 401 || status === 407) return t('Normal flow: the request was retried with credentials, so this challenge is not a failure.');
  if (status === 487) return t("Normal flow: this answers the caller's CANCEL.");
  return t('Part of normal call flow, not a failure.');
}

function responseHover(analysis: TraceAnalysis, message: TraceMessage): string {
  const sip = message.sip;
  const status = sip.status ?? 0;
  const info = describeStatus(status);
  const final = status >= 200;
  const reason = sip.reason?.trim() || info.reason;
  const parts: string[] = [];
  parts.push(final ? t('**{0}** — final response', `${status} ${mdText(reason)}`) : t('**{0}** — provisional response', `${status} ${mdText(reason)}`));
  if (sip.reason && sip.reason.trim().toLowerCase() !== info.reason.toLowerCase() && info.known) {
    parts[0] += t(' (standard phrase: {0})', info.reason);
  }
  parts.push(info.meaning);

  const facts: string[] = [];
  const requestIndex = message.index < analysis.requestOf.length ? analysis.requestOf[message.index] : -1;
  const request = requestIndex >= 0 ? analysis.messages[requestIndex] : undefined;
  const method = request?.sip.method ?? sip.cseq?.method ?? 'request';
  const seq = sip.cseq?.seq ?? request?.sip.cseq?.seq;
  facts.push(
    t('Answers: **{0}** (CSeq {1})', mdText(method), `${seq ?? '?'} ${mdText(sip.cseq?.method ?? method)}`) +
      (request ? t(' at {0}', line(request.frame.startLine)) : t(' — the request is not in the trace')),
  );
  const call = callOf(analysis, message);
  if (call) {
    const decided = call.finalResponse === message.index;
    facts.push(
      t('Call outcome: {0}', outcomeWithLabel(call.outcome, '`')) +
        (decided ? t(' — this response decided it') : call.finalLine !== null ? t(' (decided by {0} at {1})', String(call.finalStatus), line(call.finalLine)) : ''),
    );
  }
  if (call && call.finalResponse === message.index) {
    const passedOn = passedOnFrom(analysis, callIndexOf(analysis, message.index));
    if (passedOn) facts.push(t('Passed on from {0} at {1} (other leg, Call-ID {2})', passedOn.words, line(passedOn.response.frame.startLine), mdText(passedOn.callId)));
  }
  for (const c of passedOnTo(analysis, message.index)) {
    const near = analysis.calls[c];
    if (near.finalLine !== null) facts.push(t('Passed on to the other leg as {0} at {1} (Call-ID {2})', String(near.finalStatus), line(near.finalLine), mdText(near.callId)));
  }
  const causes = sip.reasonHeaders.map((value) => describeReason(value)).filter((c): c is string => c !== null);
  if (causes.length > 0) facts.push(t('Reason: {0}', causes.map((c) => mdText(c)).join('; ')));
  else if (call?.cause && call.finalResponse === message.index) facts.push(t('Reason: {0}', mdText(call.cause)));
  if (call) {
    const since = elapsed(analysis.messages[call.firstInvite], message);
    if (since !== null) {
      facts.push(t('{0} after the first INVITE', formatDuration(since)) + resolutionNote(analysis.messages[call.firstInvite], message));
    }
  } else if (request) {
    const since = elapsed(request, message);
    if (since !== null) facts.push(t('{0} after the request', formatDuration(since)) + resolutionNote(request, message));
  }
  if (final && info.causedBy !== 'none') facts.push(t('Where to look first: {0}', causedByWords(info.causedBy)));
  if (message.retransmission) facts.push(t('Retransmitted copy: the first copy of this response is earlier in the trace'));
  const benign = benignNote(analysis, message);
  if (benign) facts.push(benign);
  parts.push(facts.map((f) => `- ${f}`).join('\n'));

  parts.push(t('**What to do next:** {0}', info.advice));
  const link = rfcLink(info.rfc);
  parts.push(link ? t('Defined in {0}.', link) : t('Not defined by any RFC.'));
  return parts.join('\n\n');
}

function requestHover(analysis: TraceAnalysis, message: TraceMessage): string {
  const sip = message.sip;
  const method = sip.method ?? '?';
  const doc = describeMethod(method);
  const parts: string[] = [];
  parts.push(t('**{0}** request', mdText(method)) + (sip.cseq ? ` (CSeq ${sip.cseq.seq} ${mdText(sip.cseq.method)})` : ''));
  parts.push(doc ? doc.purpose : t('A SIP method this catalogue does not describe (an extension or a vendor method).'));

  const facts: string[] = [];
  const call = callOf(analysis, message);
  if (call) {
    const role =
      message.index === call.firstInvite
        ? t('the first INVITE of the call')
        : message.index === call.lastInvite
          ? t('the last INVITE of the initial chain')
          : undefined;
    facts.push(t('Call {0}', callLabel(call)) + (role ? ` — ${role}` : ''));
  }
  const original = originalRequest(analysis, message);
  if (method === 'ACK') {
    facts.push(t('ACK gets no response.'));
  } else {
    const final = finalResponseTo(analysis, original.index);
    if (final) {
      const since = elapsed(original, final);
      facts.push(
        t('Transaction ended with **{0}** at {1}', `${final.sip.status} ${mdText(final.sip.reason ?? '')}`.trimEnd(), line(final.frame.startLine)) +
          (since !== null ? t(', {0} later', formatDuration(since)) + resolutionNote(original, final) : ''),
      );
    } else {
      facts.push(t('No final response to it in the trace.'));
    }
  }
  if (message.retransmission) facts.push(t('Retransmitted copy of the request at {0}', line(original.frame.startLine)));
  if (sip.problems.length > 0) facts.push(t('Malformed: {0}', sip.problems.map((p) => mdText(p)).join('; ')));
  parts.push(facts.map((f) => `- ${f}`).join('\n'));
  const link = rfcLink(doc?.rfc ?? null);
  if (link) parts.push(t('Defined in {0}.', link));
  return parts.join('\n\n');
}

function headerHover(analysis: TraceAnalysis, message: TraceMessage, header: SipHeader): string | undefined {
  const doc = describeHeader(header.name);
  const parts: string[] = [];
  const name = doc?.name ?? displayHeaderName(header.name);
  const compact = /^[a-z]$/i.test(header.rawName) ? t(' (compact form {0})', `\`${header.rawName}\``) : '';
  parts.push(t('**{0}** header', mdText(name)) + compact);
  if (doc) {
    parts.push(doc.purpose);
    if (doc.note) parts.push(doc.note);
  }
  if (header.name === 'call-id') {
    const call = callOf(analysis, message);
    const count = messagesWithCallId(analysis, header.value).length;
    parts.push(
      (call ? t('Call {0}', callLabel(call)) : t('Not a call (no initial INVITE in the trace)')) +
        ' · ' + (count === 1 ? t('{0} message with this Call-ID.', formatNumber(count)) : t('{0} messages with this Call-ID.', formatNumber(count))),
    );
  } else if (header.name === 'reason') {
    const cause = describeReason(header.value);
    if (cause) parts.push(t('Here: {0}', mdText(cause)));
  }
  if (!doc && parts.length === 1) return undefined;
  const link = rfcLink(doc?.rfc ?? null);
  if (link) parts.push(t('Defined in {0}.', link));
  return parts.join('\n\n');
}

function malformedHover(message: TraceMessage): string {
  const problems = message.sip.problems.length > 0 ? message.sip.problems : [t('the start line is not a SIP request or response')];
  return `**${t('Malformed SIP message')}**\n\n${problems.map((p) => `- ${mdText(p)}`).join('\n')}`;
}

/** Findings that point at this message (its first copy). */
function findingsAt(analysis: TraceAnalysis, message: TraceMessage): Finding[] {
  const callIndex = callIndexOf(analysis, message.index);
  const transactionIndex = message.index < analysis.transactionOf.length ? analysis.transactionOf[message.index] : -1;
  const all = callIndex >= 0 ? analysis.calls[callIndex].findings : transactionIndex >= 0 ? analysis.transactions[transactionIndex].findings : [];
  return (all ?? []).filter((f) => f.at === message.index);
}

function findingsSection(analysis: TraceAnalysis, message: TraceMessage): string | undefined {
  const findings = findingsAt(analysis, message);
  if (findings.length === 0) return undefined;
  return `**${t('Findings')}**\n\n${findings.map((f) => `- \`${f.code}\` — ${mdText(f.message)}`).join('\n')}`;
}

function verdictLine(analysis: TraceAnalysis, message: TraceMessage): string | undefined {
  const call = callOf(analysis, message);
  if (!call || (call.firstInvite !== message.index && call.finalResponse !== message.index)) return undefined;
  return t('**Verdict:** {0}', mdText(call.verdict));
}

/** The SDP line of a message body at a file line, if the line is in an SDP body. */
function sdpLineAt(message: TraceMessage, line: number): string | undefined {
  if (!message.sip.hasSdp) return undefined;
  const textLines = message.frame.text.split('\n');
  let inBody = false;
  for (let i = 1; i < textLines.length; i++) {
    const raw = textLines[i].replace(/\r$/, '');
    if (!inBody) {
      if (raw === '') inBody = true;
      continue;
    }
    if (fileLineOf(message, i) === line) return raw;
  }
  return undefined;
}

/** The hover at `position`, or null where there is nothing to explain. */
export function computeHover(analysis: TraceAnalysis, position: Position, lines: LineSource): Hover | null {
  const message = messageAtLine(analysis, position.line);
  if (!message) return null;
  let value: string | undefined;
  let range: Hover['range'];
  if (position.line === message.frame.startLine) {
    const sip = message.sip;
    if (sip.kind === 'response' && sip.status !== undefined) value = responseHover(analysis, message);
    else if (sip.kind === 'request') value = requestHover(analysis, message);
    else value = malformedHover(message);
    const extra = [verdictLine(analysis, message), findingsSection(analysis, message)].filter((part): part is string => part !== undefined);
    if (extra.length > 0) value = [value, ...extra].join('\n\n');
    range = {
      start: { line: position.line, character: message.frame.startColumn },
      end: { line: position.line, character: Math.max(lines.lineLength(position.line), message.frame.startColumn) },
    };
  } else {
    const header = headerAtLine(message, position.line);
    if (header) value = headerHover(analysis, message, header);
    else {
      const sdpLine = sdpLineAt(message, position.line);
      if (sdpLine !== undefined) value = describeSdpLine(sdpLine);
    }
  }
  if (!value) return null;
  return { contents: { kind: MarkupKind.Markdown, value }, range };
}
