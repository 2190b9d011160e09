// Code lenses above each call's first INVITE: outcome, final response, time, who hung up.
// Clicking one opens the call's ladder (client command `sipLens.showCallFlow` [uri, callId]).
import type { CodeLens } from 'vscode-languageserver';
import { formatDuration } from '../analysis/report';
import type { Call, TraceAnalysis } from '../analysis/types';
import { t } from '../analysis/l10n';
import { outcomeWithLabel } from '../analysis/outcomeWords';
import { startLineRange } from './diagnostics';
import type { LineSource } from './lookup';

export const SHOW_CALL_FLOW_COMMAND = 'sipLens.showCallFlow';

/**
 * VS Code draws `$(name)` in a code lens title as an icon. A reason phrase comes from the trace,
 * so a zero-width space after each `$` keeps such text literal (and visible as written) whatever
 * the renderer's own escaping rules are.
 */
export function literalLensText(text: string): string {
  return text.replace(/\$(?=\()/g, () => '$\u200B');
}

/** `busy · 486 Busy Here · 3.2 s`, `answered · 200 OK · 30.5 s · ended by remote`. */
export function callLensTitle(call: Call): string {
  const parts: string[] = [outcomeWithLabel(call.outcome)];
  parts.push(
    call.finalStatus !== null ? `${call.finalStatus} ${literalLensText(call.finalReason ?? '')}`.trim() : t('no final response'),
  );
  // Answered calls: how long they lasted; others: how long until the final answer.
  const time = call.outcome === 'answered' ? (call.durationMs ?? call.setupMs) : call.setupMs;
  if (time !== null) parts.push(formatDuration(time));
  if (call.endedBy) parts.push(call.endedBy === 'local' ? t('ended by local') : t('ended by remote'));
  return parts.join(' · ');
}

export function computeCodeLenses(uri: string, analysis: TraceAnalysis, lines: LineSource): CodeLens[] {
  return analysis.calls.map((call) => ({
    range: startLineRange(analysis.messages[call.firstInvite], lines),
    command: { title: callLensTitle(call), command: SHOW_CALL_FLOW_COMMAND, arguments: [uri, call.callId] },
  }));
}
