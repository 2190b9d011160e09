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

export class CaptureTextProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly client: LanguageClient,
    source: SummarySource,
  ) {
    // When the capture changes on disk (the summary source watches what is shown), its text
    // document is read again, so the summary's lines and the text stay in step.
    this.disposables.push(
      source.onDidChange((uri) => {
        for (const document of vscode.workspace.textDocuments) {
          const capture = captureOfTextUri(document.uri);
          if (capture && (!uri || uri.toString() === capture.toString())) this.changed.fire(document.uri);
        }
      }),
    );
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const capture = captureOfTextUri(uri);
    if (!capture) throw new Error(`${uri.toString()} names no packet capture.`);
    const { text } = await this.client.sendRequest(CaptureTextRequest, { uri: capture.toString() }, token);
    return text;
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}

/** Opens a capture's text document beside what is shown (or where it is already open). */
export async function openCaptureText(capture: vscode.Uri): Promise<vscode.TextEditor> {
  const uri = captureTextUri(capture);
  let document = await vscode.workspace.openTextDocument(uri);
  // The `.sip` name gives it the language; a user's file association might not.
  if (document.languageId !== SIP_TRACE) document = await vscode.languages.setTextDocumentLanguage(document, SIP_TRACE);
  return vscode.window.showTextDocument(document, { viewColumn: columnShowing(uri) ?? vscode.ViewColumn.Beside, preview: false });
}
