// `.log` and `.txt` belong to built-in languages, so the manifest's `firstLine` cannot claim
// them. This module looks at such files when they open and switches the ones that hold SIP
// traffic to the sip-trace language.

import * as vscode from 'vscode';
import { isSniffableFileName, looksLikeSipTrace, SNIFF_BYTES } from './sniffer';
import { SIP_TRACE } from './traceTarget';

/** Languages VS Code gives to `.log` / `.txt` files; anything else was chosen on purpose. */
const SNIFFED_LANGUAGES = new Set(['log', 'plaintext']);

/** Real files only: output channels, for one, are `log` documents too. */
const SNIFFED_SCHEMES = new Set(['file', 'untitled', 'vscode-remote']);

/** The start of the document, up to the sniffing window, without copying the whole text. */
function documentHead(document: vscode.TextDocument): string {
  const parts: string[] = [];
  let length = 0;
  for (let line = 0; line < document.lineCount && length < SNIFF_BYTES; line++) {
    const text = document.lineAt(line).text;
    parts.push(text);
    length += text.length + 1;
  }
  return parts.join('\n');
}

export function registerLogFileDetection(context: vscode.ExtensionContext): void {
  // Documents switched once are never switched again in this window: if the user turns one
  // back to Log or Plain Text, that choice stands (setTextDocumentLanguage re-opens the
  // document, so without this we would undo the user's choice at once).
  const switched = new Set<string>();

  const consider = async (document: vscode.TextDocument): Promise<void> => {
    if (!SNIFFED_LANGUAGES.has(document.languageId) || !SNIFFED_SCHEMES.has(document.uri.scheme)) return;
    if (!isSniffableFileName(document.uri.path)) return;
    if (!vscode.workspace.getConfiguration('sipLens', document.uri).get<boolean>('detectInLogFiles', true)) return;
    const key = document.uri.toString();
    if (switched.has(key) || !looksLikeSipTrace(documentHead(document))) return;
    switched.add(key);
    try {
      await vscode.languages.setTextDocumentLanguage(document, SIP_TRACE);
    } catch {
      // The document was closed meanwhile; nothing to do.
      switched.delete(key);
    }
  };

  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument((document) => void consider(document)));
  for (const document of vscode.workspace.textDocuments) void consider(document);
}
