// Save Selected Calls As…: a new trace holding only some calls' messages, copied verbatim in the
// trace's own framing by the language server (the same extract as `sip-lens extract`), written
// where the user chooses. From the panel (the ticked rows) and as a command (the call at the
// cursor, else the calls picked from a list). Typical use: only the failing call, for a ticket.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Summary } from '../../server/src/protocol';
import { isCaptureFileName } from './captureUris';
import { plural } from './plural';
import { describeError, type SummarySource } from './summarySource';
import { traceTitle } from './traceTarget';

/** `trace-calls.sip` beside `trace.sip`; `capture-calls.pcap` (or `.pcapng`) beside a capture. */
export function savedCallsName(uri: vscode.Uri, container?: 'pcap' | 'pcapng'): string {
  const name = traceTitle(uri);
  if (isCaptureFileName(uri)) return `${name.replace(/\.(?:pcapng|pcap|cap)(?:\.gz)?$/i, '')}-calls.${container ?? 'pcap'}`;
  const extension = /\.pcap\.txt$/i.test(name) ? '.pcap.txt' : path.posix.extname(name);
  return `${name.slice(0, name.length - extension.length) || 'sip-trace'}-calls${extension || '.sip'}`;
}

/** Asks where to save, then writes the calls' messages there. Returns the file written, if any. */
export async function saveCallsAs(source: SummarySource, uri: vscode.Uri, callIds: readonly string[]): Promise<vscode.Uri | undefined> {
  try {
    const extracted = await source.extractCalls(uri, callIds);
    if (extracted.calls === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('SIP Lens: none of these calls is in the trace any more.'));
      return undefined;
    }
    const target = await vscode.window.showSaveDialog({
      defaultUri: uri.scheme === 'file' ? vscode.Uri.joinPath(uri, '..', savedCallsName(uri, extracted.container)) : undefined,
      saveLabel: vscode.l10n.t('Save calls'),
      title: vscode.l10n.t('Save Selected Calls As'),
    });
    if (!target) return undefined;
    await vscode.workspace.fs.writeFile(target, Buffer.from(extracted.text, extracted.encoding));
    void vscode.window.showInformationMessage(
      plural(extracted.calls, vscode.l10n.t('SIP Lens: {0} call saved to {1}.'), vscode.l10n.t('SIP Lens: {0} calls saved to {1}.'), traceTitle(target)),
    );
    return target;
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('SIP Lens: could not save the calls: {0}', describeError(error)));
    return undefined;
  }
}

/**
 * The Call-ID of the message at the editor's cursor, asked of the language server through the
 * references of that message's call (their ranges are the Call-ID values).
 */
export async function callIdAtCursor(editor: vscode.TextEditor): Promise<string | undefined> {
  const locations = await vscode.commands.executeCommand<vscode.Location[] | undefined>(
    'vscode.executeReferenceProvider',
    editor.document.uri,
    editor.selection.active,
  );
  const first = locations?.find((l) => l.uri.toString() === editor.document.uri.toString() && !l.range.isEmpty && l.range.isSingleLine);
  return first ? editor.document.getText(first.range) : undefined;
}

/** Lets the user tick calls of the trace in a list; undefined when dismissed or nothing ticked. */
export async function pickCalls(summary: Summary): Promise<string[] | undefined> {
  if (summary.calls.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('SIP Lens: this trace has no calls.'));
    return undefined;
  }
  const items = summary.calls.map((call) => ({
    label: `${call.from || '?'} → ${call.to || '?'}`,
    description: [call.outcome, call.finalStatus === null ? '' : `${call.finalStatus} ${call.finalReason ?? ''}`.trim()].filter(Boolean).join(' · '),
    detail: call.callId,
    callId: call.callId,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    matchOnDescription: true,
    matchOnDetail: true,
    title: vscode.l10n.t('Save Selected Calls As'),
    placeHolder: vscode.l10n.t('Tick the calls to save'),
  });
  return picked && picked.length > 0 ? picked.map((p) => p.callId) : undefined;
}
