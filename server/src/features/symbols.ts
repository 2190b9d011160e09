// Document symbols: the outline of a trace. One symbol per call ("busy · 1001 → 2002") with its
// messages as children; transactions outside calls grouped under one symbol per method.
import { type DocumentSymbol, type Range, SymbolKind } from 'vscode-languageserver';
import type { LegGroup } from '../analysis/legs/types';
import type { TraceAnalysis, TraceMessage, Transaction } from '../analysis/types';
import { formatNumber, t, tn } from '../analysis/l10n';
import { outcomeWithLabel } from '../analysis/outcomeWords';
import { startLineRange } from './diagnostics';
import type { LineSource } from './lookup';

function spanOf(analysis: TraceAnalysis, indexes: readonly number[], lines: LineSource): Range {
  let first = Number.POSITIVE_INFINITY;
  let last = -1;
  for (const index of indexes) {
    const frame = analysis.messages[index].frame;
    if (frame.firstLine < first) first = frame.firstLine;
    if (frame.lastLine > last) last = frame.lastLine;
  }
  if (last < 0) first = last = 0;
  return { start: { line: first, character: 0 }, end: { line: last, character: lines.lineLength(last) } };
}

function messageName(message: TraceMessage): string {
  const sip = message.sip;
  if (sip.kind === 'response') return `${sip.status ?? '?'} ${sip.reason ?? ''}`.trim();
  if (sip.kind === 'request') return sip.method ?? t('request');
  return sip.startLineText.trim() || t('malformed message');
}

/** `sent`/`received` as the outline shows them. */
function directionWord(direction: 'sent' | 'received'): string {
  return direction === 'sent' ? t('sent') : t('received');
}

function messageSymbol(message: TraceMessage, lines: LineSource): DocumentSymbol {
  const sip = message.sip;
  const details: string[] = [];
  if (sip.cseq) details.push(`CSeq ${sip.cseq.seq} ${sip.cseq.method}`);
  if (message.frame.direction !== 'unknown') details.push(directionWord(message.frame.direction));
  if (message.retransmission) details.push(t('retransmission'));
  if (sip.problems.length > 0) details.push(t('malformed'));
  const range = {
    start: { line: message.frame.firstLine, character: 0 },
    end: { line: message.frame.lastLine, character: lines.lineLength(message.frame.lastLine) },
  };
  return {
    name: messageName(message),
    detail: details.join(' · '),
    kind: sip.kind === 'response' ? SymbolKind.Event : SymbolKind.Method,
    range,
    selectionRange: startLineRange(message, lines),
  };
}

function transactionSymbol(analysis: TraceAnalysis, transaction: Transaction, lines: LineSource): DocumentSymbol {
  const result = transaction.finalStatus !== null ? `${transaction.finalStatus} ${transaction.finalReason ?? ''}`.trim() : t('no final');
  return {
    name: `${transaction.method} · ${result}`,
    detail: `CSeq ${transaction.cseq} · ${transaction.callId}`,
    kind: SymbolKind.Function,
    range: spanOf(analysis, transaction.messages, lines),
    selectionRange: startLineRange(analysis.messages[transaction.first], lines),
    children: transaction.messages.map((index) => messageSymbol(analysis.messages[index], lines)),
  };
}

function callSymbol(analysis: TraceAnalysis, callIndex: number, lines: LineSource): DocumentSymbol {
  const call = analysis.calls[callIndex];
  const final = call.finalStatus !== null ? `${call.finalStatus} ${call.finalReason ?? ''}`.trim() : t('no final response');
  const role = analysis.legs.ofCall[callIndex]?.role;
  return {
    name: `${role === 'inbound' ? `${t('inbound leg')} · ` : role === 'outbound' ? `${t('outbound leg')} · ` : ''}${outcomeWithLabel(call.outcome)} · ${call.from} → ${call.to}`,
    detail: `${final} · ${call.callId}`,
    kind: SymbolKind.Event,
    range: spanOf(analysis, call.messages, lines),
    selectionRange: startLineRange(analysis.messages[call.firstInvite], lines),
    children: call.messages.map((index) => messageSymbol(analysis.messages[index], lines)),
  };
}

/** The legs of one call through a B2BUA, under one symbol named by its first leg. */
function groupSymbol(analysis: TraceAnalysis, group: LegGroup, lines: LineSource): DocumentSymbol {
  const children = group.calls.map((c) => callSymbol(analysis, c, lines));
  const first = analysis.calls[group.calls[0]];
  return {
    name: `${t('call')} · ${first.from} → ${first.to} · ${tn(group.calls.length, '{0} leg', '{0} legs')}`,
    detail: `${t('linked by {0}', group.linkedBy)} · ${group.calls.map((c) => analysis.calls[c].outcome).join(' / ')}`,
    kind: SymbolKind.Class,
    range: spanOf(analysis, group.calls.flatMap((c) => analysis.calls[c].messages), lines),
    selectionRange: children[0].selectionRange,
    children,
  };
}

export function computeDocumentSymbols(analysis: TraceAnalysis, lines: LineSource): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  analysis.calls.forEach((_, c) => {
    if (!analysis.legs.ofCall[c]) symbols.push(callSymbol(analysis, c, lines));
  });
  for (const group of analysis.legs.groups) symbols.push(groupSymbol(analysis, group, lines));

  const byMethod = new Map<string, Transaction[]>();
  for (const transaction of analysis.transactions) {
    const list = byMethod.get(transaction.method);
    if (list) list.push(transaction);
    else byMethod.set(transaction.method, [transaction]);
  }
  for (const [method, transactions] of byMethod) {
    const children = transactions.map((t) => transactionSymbol(analysis, t, lines));
    const all = transactions.flatMap((t) => t.messages);
    symbols.push({
      name: `${method} (${transactions.length})`,
      detail: transactions.length === 1 ? t('{0} transaction outside calls', formatNumber(transactions.length)) : t('{0} transactions outside calls', formatNumber(transactions.length)),
      kind: SymbolKind.Namespace,
      range: spanOf(analysis, all, lines),
      selectionRange: children[0].selectionRange,
      children,
    });
  }
  // Outline order follows the file.
  symbols.sort((a, b) => a.range.start.line - b.range.start.line);
  return symbols;
}
