// A packet capture as text: a read-only virtual document holding the capture rendered as a
// text trace by the language server (`sipLens/captureText`). Its language is sip-trace, so
// hovers, diagnostics, outline, code lenses and definitions work on it as on any trace, and the
// capture's summary (whose lines refer to this text) reveals its lines here.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CaptureTextRequest } from '../../server/src/protocol';
import { captureOfTextUri, captureTextUri } from './captureUris';
import { columnShowing } from './reveal';
import type { SummarySource } from './summarySource';
import { SIP_TRACE } from './traceTarget';

/** VS Code gives extensions no document for text longer than this (its sync limit, 50 MB). */
const EXTENSION_DOCUMENT_LIMIT = 50 * 1024 * 1024;

export class CaptureTextProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Length of the text last provided, per text URI. */
  private readonly lengths = new Map<string, number>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly client: LanguageClient,
    source: SummarySource,
  ) {
    // When the capture changes on disk (the summary source watches what is shown), its text
    // document is read again, so the summary's lines and the text stay in step. Changes of
    // settings or a server restart leave the text as it is.
    this.disposables.push(
      source.onDidChange((uri) => {
        if (!uri) return;
        for (const document of vscode.workspace.textDocuments) {
          if (captureOfTextUri(document.uri)?.toString() === uri.toString()) this.changed.fire(document.uri);
        }
      }),
    );
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const capture = captureOfTextUri(uri);
    if (!capture) throw new Error(`${uri.toString()} names no packet capture.`);
    const { text } = await this.client.sendRequest(CaptureTextRequest, { uri: capture.toString() }, token);
    this.lengths.set(uri.toString(), text.length);
    return text;
  }

  /** Whether the text last provided for `uri` is too long for VS Code to give extensions. */
  tooLargeForExtensions(uri: vscode.Uri): boolean {
    return (this.lengths.get(uri.toString()) ?? 0) > EXTENSION_DOCUMENT_LIMIT;
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}

/**
 * Opens a capture's text document beside what is shown (or where it is already open). Text over
 * 50 MB reaches no extension as a document, so it has no hovers or diagnostics; the editor still
 * shows it, and the capture's summary still reveals its lines.
 */
export async function openCaptureText(capture: vscode.Uri, provider: CaptureTextProvider): Promise<void> {
  const uri = captureTextUri(capture);
  const viewColumn = columnShowing(uri) ?? vscode.ViewColumn.Beside;
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(uri);
  } catch (error) {
    if (!provider.tooLargeForExtensions(uri)) throw error;
    await vscode.commands.executeCommand('vscode.open', uri, { viewColumn, preview: false });
    return;
  }
  // The `.sip` name gives it the language; a user's file association might not.
  if (document.languageId !== SIP_TRACE) document = await vscode.languages.setTextDocumentLanguage(document, SIP_TRACE);
  await vscode.window.showTextDocument(document, { viewColumn, preview: false });
}
