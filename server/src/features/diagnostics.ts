// Diagnostics (★ contract in DESIGN.md): failed finals, route-blocked 9xx, calls that never got a
// final, malformed messages, and whole-file notices — at most one of these per message;
// retransmitted copies get none. Findings add their own diagnostics beside them (code = the
// finding's code, at most one per message and code).
import {
  type Diagnostic,
  type DiagnosticRelatedInformation,
  DiagnosticSeverity,
  type Range,
} from 'vscode-languageserver';
import { passedOnFrom } from '../analysis/legs/describe';
import type { Finding as FlowFinding } from '../analysis/findings/types';
import { isRouteBlocked } from '../analysis/responseCodes';
import type { TraceAnalysis, TraceMessage } from '../analysis/types';
import type { DiagnosticCode, SeverityName, SipLensSettings } from '../settings';
import type { LineSource } from './lookup';

import { t } from '../analysis/l10n';
import { outcomeWithLabel } from '../analysis/outcomeWords';

export const DIAGNOSTIC_SOURCE = 'sip-lens';

const SEVERITIES: Record<Exclude<SeverityName, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** From the first SIP character of the start line (after any log prefix or indent) to its end. */
export function startLineRange(message: TraceMessage, lines: LineSource): Range {
  const line = message.frame.startLine;
  const end = Math.max(lines.lineLength(line), message.frame.startColumn);
  return { start: { line, character: message.frame.startColumn }, end: { line, character: end } };
}

function describeStart(message: TraceMessage): string {
  const sip = message.sip;
  if (sip.kind === 'response') return `${sip.status ?? '?'}${sip.reason ? ` ${sip.reason}` : ''}`;
  if (sip.kind === 'request') return sip.method ?? t('request');
  return sip.startLineText.trim() || t('message');
}

interface Finding {
  code: DiagnosticCode;
  message: string;
}

function findingFor(
  analysis: TraceAnalysis,
  message: TraceMessage,
  noFinal: ReadonlySet<number>,
  settings: SipLensSettings,
): Finding | undefined {
  const sip = message.sip;
  if (sip.problems.length > 0 || sip.kind === 'invalid') {
    const problems = sip.problems.length > 0 ? sip.problems.join('; ') : t('the start line is not a SIP request or response');
    return { code: 'malformed', message: t('Malformed SIP message: {0}.', problems) };
  }
  if (sip.kind === 'response' && sip.status !== undefined && sip.status >= 400) {
    const status = sip.status;
    if (settings.diagnostics.ignoreCodes.includes(status)) return undefined;
    const requestIndex = message.index < analysis.requestOf.length ? analysis.requestOf[message.index] : -1;
    const request = requestIndex >= 0 ? analysis.messages[requestIndex] : undefined;
    const method = request?.sip.method ?? sip.cseq?.method ?? t('request');
    const seq = request?.sip.cseq?.seq ?? sip.cseq?.seq;
    const answers = `${method}${seq !== undefined ? ` (CSeq ${seq})` : ''}`;
    if (isRouteBlocked(status)) {
      return {
        code: 'route-blocked',
        message: t(
          "{0}: route blocked — the dialled number's prefix is not in the SIP gateway's allowed directions. This is the gateway's local configuration, not the carrier: check the gateway's allowed prefixes for this number. Answers {1}.",
          describeStart(message),
          answers,
        ),
      };
    }
    // Normal call flow, not failures: a retried 401/407, a 487 after the caller's CANCEL.
    if (analysis.benignFinals.has(message.index)) return undefined;
    const callIndex = message.index < analysis.callOf.length ? analysis.callOf[message.index] : -1;
    const call = callIndex >= 0 ? analysis.calls[callIndex] : undefined;
    const decides = call !== undefined && call.finalResponse === message.index;
    const passedOn = decides ? passedOnFrom(analysis, callIndex) : undefined;
    return {
      code: 'error-final',
      message:
        t('{0}: final error response to {1}', describeStart(message), answers) +
        (decides && call ? t(' — call outcome {0}.', outcomeWithLabel(call.outcome, '`')) : '.') +
        (passedOn ? t(' Passed on from {0} at line {1} (Call-ID {2}).', passedOn.words, String(passedOn.response.frame.startLine + 1), passedOn.callId) : ''),
    };
  }
  if (noFinal.has(message.index)) {
    return {
      code: 'no-final',
      message: t('This INVITE got no final response: 100 Trying (or nothing) and then silence — the call outcome is {0}.', outcomeWithLabel('no-final', '`')),
    };
  }
  return undefined;
}

function relatedFor(
  uri: string,
  analysis: TraceAnalysis,
  message: TraceMessage,
  lines: LineSource,
): DiagnosticRelatedInformation[] {
  const related: DiagnosticRelatedInformation[] = [];
  const callIndex = message.index < analysis.callOf.length ? analysis.callOf[message.index] : -1;
  const call = callIndex >= 0 ? analysis.calls[callIndex] : undefined;
  if (call) {
    const first = analysis.messages[call.firstInvite];
    related.push({
      location: { uri, range: startLineRange(first, lines) },
      message: t('First INVITE of call {0}', `${call.callId} (${call.from} → ${call.to})`),
    });
  }
  const requestIndex = message.index < analysis.requestOf.length ? analysis.requestOf[message.index] : -1;
  if (message.sip.kind === 'response' && requestIndex >= 0 && requestIndex !== call?.firstInvite) {
    const request = analysis.messages[requestIndex];
    const seq = request.sip.cseq?.seq;
    related.push({
      location: { uri, range: startLineRange(request, lines) },
      message: t('The {0} this answers', `${request.sip.method ?? t('request')}${seq !== undefined ? ` (CSeq ${seq})` : ''}`),
    });
  }
  // A B2BUA's final on one leg passes on the far leg's answer: point to it.
  const passedOn = call && call.finalResponse === message.index ? passedOnFrom(analysis, callIndex) : undefined;
  if (passedOn) {
    const { sip } = passedOn.response;
    related.push({
      location: { uri, range: startLineRange(passedOn.response, lines) },
      message: t('Passed on from {0} on the other leg (Call-ID {1})', `${passedOn.words}${sip.reason ? ` ${sip.reason}` : ''}`, passedOn.callId),
    });
  }
  return related;
}

/** Notices about the file as a whole that make it unreadable as a trace: one diagnostic at line 0. */
const UNREADABLE_NOTICES: ReadonlySet<string> = new Set(['binary', 'encoding']);

function noticeDiagnostics(analysis: TraceAnalysis, lines: LineSource): Diagnostic[] {
  // "No SIP messages" and the like are for the summary; only unreadable input is flagged in the editor.
  const notices = analysis.notices.filter((n) => UNREADABLE_NOTICES.has(n.kind));
  if (notices.length === 0) return [];
  const binary = notices.some((n) => n.kind === 'binary');
  return [
    {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: lines.lineLength(0) } },
      severity: binary ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      source: DIAGNOSTIC_SOURCE,
      code: 'unreadable',
      message: notices.map((n) => n.message).join('\n'),
    },
  ];
}

/**
 * Notices of input too big to hold: read only in part (on the line where reading stopped, after
 * every message read) or not analysed at all (line 0). Flagged too: the editor shows less than the file.
 */
function tooLargeDiagnostics(analysis: TraceAnalysis, lines: LineSource): Diagnostic[] {
  return analysis.notices
    .filter((n) => n.kind === 'too-large')
    .map((notice) => {
      const line = Math.min(notice.line ?? 0, Math.max(0, analysis.lineCount - 1));
      return {
        range: { start: { line, character: 0 }, end: { line, character: lines.lineLength(line) } },
        severity: DiagnosticSeverity.Warning,
        source: DIAGNOSTIC_SOURCE,
        code: 'too-large',
        message: notice.message,
      };
    });
}

function describeRelated(message: TraceMessage): string {
  const seq = message.sip.cseq?.seq;
  return `${describeStart(message)}${seq !== undefined ? ` (CSeq ${seq} ${message.sip.cseq?.method ?? ''})` : ''}`;
}

function icmpNote(message: TraceMessage): string {
  const icmp = message.frame.icmp;
  return icmp ? t(' — answered by {0} {1} from {2} (frame {3})', icmp.protocol, icmp.kind, icmp.from, icmp.frame) : '';
}

/** A finding's diagnostic (code = the finding's code), beside the ★ ones. */
function findingDiagnostic(
  uri: string,
  analysis: TraceAnalysis,
  finding: FlowFinding,
  lines: LineSource,
  settings: SipLensSettings,
  firstInvite?: number,
): Diagnostic | undefined {
  const severity = settings.diagnostics.severity[finding.code];
  if (severity === 'off') return undefined;
  const message = analysis.messages[finding.at];
  const related: DiagnosticRelatedInformation[] = [];
  // Like the ★ diagnostics: the call's first INVITE first (even when the finding is on it).
  if (firstInvite !== undefined) {
    const call = analysis.calls[analysis.callOf[firstInvite]];
    related.push({
      location: { uri, range: startLineRange(analysis.messages[firstInvite], lines) },
      message: t('First INVITE of call {0}', `${call?.callId ?? ''}${call ? ` (${call.from} → ${call.to})` : ''}`),
    });
  }
  for (const index of finding.related) {
    if (index === firstInvite) continue;
    const other = analysis.messages[index];
    related.push({
      location: { uri, range: startLineRange(other, lines) },
      message: `${describeRelated(other)}${other.retransmission ? t(' — retransmitted copy') : ''}${icmpNote(other)}`,
    });
  }
  // An ICMP error that answered the pointed message itself: its marker line says so.
  const icmp = message.frame.icmp;
  if (icmp && message.frame.firstLine !== message.frame.startLine) {
    related.push({
      location: { uri, range: { start: { line: message.frame.firstLine, character: 0 }, end: { line: message.frame.firstLine, character: lines.lineLength(message.frame.firstLine) } } },
      message: t('{0} {1} from {2} (frame {3}) answered this packet', icmp.protocol, icmp.kind, icmp.from, icmp.frame),
    });
  }
  return diagnosticOn(message, lines, severity, finding.code, finding.message, related);
}

/** A diagnostic over a message's start line, with related locations when there are any. */
function diagnosticOn(
  message: TraceMessage,
  lines: LineSource,
  severity: Exclude<SeverityName, 'off'>,
  code: string,
  text: string,
  related: DiagnosticRelatedInformation[],
): Diagnostic {
  const diagnostic: Diagnostic = { range: startLineRange(message, lines), severity: SEVERITIES[severity], source: DIAGNOSTIC_SOURCE, code, message: text };
  if (related.length > 0) diagnostic.relatedInformation = related;
  return diagnostic;
}

function findingDiagnostics(uri: string, analysis: TraceAnalysis, lines: LineSource, settings: SipLensSettings): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const call of analysis.calls) {
    for (const finding of call.findings) {
      const diagnostic = findingDiagnostic(uri, analysis, finding, lines, settings, call.firstInvite);
      if (diagnostic) out.push(diagnostic);
    }
  }
  for (const transaction of analysis.transactions) {
    for (const finding of transaction.findings) {
      const diagnostic = findingDiagnostic(uri, analysis, finding, lines, settings);
      if (diagnostic) out.push(diagnostic);
    }
  }
  return out;
}

/** All diagnostics of one document, in file order. */
export function computeDiagnostics(
  uri: string,
  analysis: TraceAnalysis,
  lines: LineSource,
  settings: SipLensSettings,
): Diagnostic[] {
  const diagnostics = noticeDiagnostics(analysis, lines);
  const noFinal = new Set<number>();
  for (const call of analysis.calls) if (call.outcome === 'no-final') noFinal.add(call.firstInvite);

  for (const message of analysis.messages) {
    if (message.retransmission) continue;
    const finding = findingFor(analysis, message, noFinal, settings);
    if (!finding) continue;
    const severity = settings.diagnostics.severity[finding.code];
    if (severity === 'off') continue;
    diagnostics.push(diagnosticOn(message, lines, severity, finding.code, finding.message, relatedFor(uri, analysis, message, lines)));
  }
  diagnostics.push(...tooLargeDiagnostics(analysis, lines));
  const findings = findingDiagnostics(uri, analysis, lines, settings);
  if (findings.length === 0) return diagnostics;
  // File order, the ★ diagnostic of a message before its findings (a stable sort keeps that).
  return [...diagnostics, ...findings].sort((a, b) => a.range.start.line - b.range.start.line);
}
