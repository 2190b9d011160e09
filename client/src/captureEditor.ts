// The capture editor: opening a packet capture (pcap, pcapng, their .gz) shows its call summary
// instead of VS Code's binary-file page. The editor holds no bytes — the language server reads
// the file from disk — so it is read-only, and a capture of hundreds of MB opens like any other.

import * as vscode from 'vscode';
import { CAPTURE_VIEW_TYPE } from './captureUris';
import type { SummarySource } from './summarySource';
import { SummaryPanel } from './summaryPanel';

class CaptureEditorProvider implements vscode.CustomReadonlyEditorProvider {
  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly source: SummarySource,
  ) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  async resolveCustomEditor(document: vscode.CustomDocument, webviewPanel: vscode.WebviewPanel): Promise<void> {
    await SummaryPanel.attach(this.context, this.source, webviewPanel, document.uri);
  }
}

export function registerCaptureEditor(context: vscode.ExtensionContext, source: SummarySource): vscode.Disposable {
  return vscode.window.registerCustomEditorProvider(CAPTURE_VIEW_TYPE, new CaptureEditorProvider(context, source), {
    // The panel asks the server again when its page reloads; nothing needs keeping while hidden.
    webviewOptions: { enableFindWidget: true },
    supportsMultipleEditorsPerDocument: true,
  });
}
