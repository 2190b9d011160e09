// SIP Lens, the VS Code side: starts the language server, switches SIP logs to the sip-trace
// language, and offers the status bar figures, the summary panel and its commands, and the
// capture editor with its text trace; the SIP Traces view and the workspace summary.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerCaptureEditor } from './captureEditor';
import { CaptureTextProvider, openCaptureText } from './captureText';
import { CAPTURE_TEXT_SCHEME, CAPTURE_VIEW_TYPE, captureOfTextUri, isCaptureFileName } from './captureUris';
import { createLanguageClient } from './languageClient';
import { registerLogFileDetection } from './logFileDetection';
import { revealLine } from './reveal';
import { TraceStatusBar } from './statusBar';
import { describeError, SummarySource } from './summarySource';
import { copySummaryMarkdown, PANEL_VIEW_TYPE, saveSummaryCsv, SummaryPanel } from './summaryPanel';
import type { RowQuery } from './panel/viewModel';
import type { Summary } from '../../server/src/protocol';
import { activeTraceUri, SIP_TRACE, toUri } from './traceTarget';
import { WorkspaceSummaryPanel } from './workspace/summaryPanel';
import { WorkspaceTraceModel } from './workspace/traceModel';
import { ANALYSE_TRACE_FILE_COMMAND, fileOfNode, OPEN_TRACE_FILE_COMMAND, openTraceFile, TRACES_VIEW_ID, TracesView } from './workspace/tracesView';
import { callIdAtCursor, pickCalls, saveCallsAs } from './saveCalls';
import { setLocale } from '../../server/src/analysis/l10n';

let client: LanguageClient | undefined;

/** The trace a command acts on: its argument, the active trace, or the one the panel shows. */
async function commandTarget(argument: unknown): Promise<vscode.Uri | undefined> {
  const explicit = toUri(argument);
  if (explicit) return explicit;
  const { uri } = await activeTraceUri();
  return uri ?? SummaryPanel.current()?.traceUri;
}

function noTrace(): void {
  void vscode.window.showInformationMessage(vscode.l10n.t('SIP Lens: open a SIP trace first (or use "SIP Lens: Open as SIP Trace").'));
}

/**
 * The SIP Traces view, registered before anything that can fail: VS Code asks the view for its
 * data as soon as the extension is active, and a view without a provider stays broken. Its data
 * waits for the language client.
 */
function registerTracesView(context: vscode.ExtensionContext, clientReady: Promise<LanguageClient>): WorkspaceTraceModel {
  const model = new WorkspaceTraceModel(() => clientReady);
  const provider = new TracesView(model);
  const view = vscode.window.createTreeView(TRACES_VIEW_ID, { treeDataProvider: provider });
  provider.attach(view);
  context.subscriptions.push(
    model,
    provider,
    view,
    vscode.commands.registerCommand('sipLens.refreshTraces', () => model.refresh()),
    vscode.commands.registerCommand('sipLens.showWorkspaceSummary', () => {
      if (WorkspaceTraceModel.folders().length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('SIP Lens: open a folder first; the workspace summary lists its trace files.'));
        return;
      }
      WorkspaceSummaryPanel.show(context, model);
    }),
    vscode.commands.registerCommand(OPEN_TRACE_FILE_COMMAND, async (uri?: unknown, capture?: unknown) => {
      const target = toUri(uri);
      if (target) await openTraceFile(target, capture === true);
    }),
    vscode.commands.registerCommand(ANALYSE_TRACE_FILE_COMMAND, (argument?: unknown) => {
      const target = toUri(argument) ?? fileOfNode(argument);
      if (target) model.analyse(target);
    }),
    { dispose: () => WorkspaceSummaryPanel.current()?.dispose() },
  );
  return model;
}

export function activate(context: vscode.ExtensionContext): void {
  let clientCreated: (client: LanguageClient) => void = () => undefined;
  let clientFailed: (error: unknown) => void = () => undefined;
  const clientReady = new Promise<LanguageClient>((resolve, reject) => {
    clientCreated = resolve;
    clientFailed = reject;
  });
  // Nobody may be waiting yet; the view shows the error when it asks.
  clientReady.catch(() => undefined);
  registerTracesView(context, clientReady);

  // The panel's view model and the reports share the analysis library's wording (durations,
  // outcome labels): it speaks VS Code's display language, with the client's own messages
  // (l10n/, loaded by VS Code) added for the pure modules that word the panel.
  setLocale(vscode.env.language, vscode.l10n.bundle ?? {});
  try {
    client = createLanguageClient(context);
  } catch (error) {
    clientFailed(error);
    throw error;
  }
  clientCreated(client);
  const source = new SummarySource(client);
  context.subscriptions.push(source);

  registerLogFileDetection(context);
  context.subscriptions.push(new TraceStatusBar(source));

  const captureText = new CaptureTextProvider(client, source);
  context.subscriptions.push(
    captureText,
    vscode.workspace.registerTextDocumentContentProvider(CAPTURE_TEXT_SCHEME, captureText),
    registerCaptureEditor(context, source),
  );

  const register = (id: string, run: (...args: unknown[]) => unknown) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, run));

  register('sipLens.showSummary', async (argument?: unknown) => {
    const uri = await commandTarget(argument);
    if (!uri) return noTrace();
    // A capture's summary is its editor.
    if (isCaptureFileName(uri)) return vscode.commands.executeCommand('vscode.openWith', uri, CAPTURE_VIEW_TYPE);
    await SummaryPanel.show(context, source, uri);
  });

  register('sipLens.openCaptureAsText', async (argument?: unknown) => {
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    const active = input instanceof vscode.TabInputCustom && input.viewType === CAPTURE_VIEW_TYPE ? input.uri : undefined;
    const panelUri = SummaryPanel.current()?.traceUri;
    const uri = toUri(argument) ?? active ?? (panelUri && isCaptureFileName(panelUri) ? panelUri : undefined);
    if (!uri) {
      void vscode.window.showInformationMessage(vscode.l10n.t('SIP Lens: open a packet capture (.pcap, .pcapng, .cap) first.'));
      return;
    }
    try {
      // Asked on the text itself: that text is shown.
      await openCaptureText(captureOfTextUri(uri) ?? uri, captureText);
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('SIP Lens: could not open the capture as text: {0}', describeError(error)));
    }
  });

  register('sipLens.openAsSipTrace', async (argument?: unknown) => {
    const explicit = toUri(argument);
    const editor = vscode.window.activeTextEditor;
    const document = explicit
      ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === explicit.toString())
      : editor?.document;
    if (document) {
      if (document.languageId !== SIP_TRACE) await vscode.languages.setTextDocumentLanguage(document, SIP_TRACE);
      return;
    }
    // Files over 50 MB reach no extension as documents, so their language cannot be set; the
    // server still reads them from disk, so the summary is the useful thing to offer.
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    const uri = explicit ?? (input instanceof vscode.TabInputText ? input.uri : undefined);
    if (!uri) return noTrace();
    await SummaryPanel.show(context, source, uri);
  });

  register('sipLens.showCallFlow', async (uriArgument?: unknown, callId?: unknown) => {
    const uri = toUri(uriArgument) ?? (await commandTarget(undefined));
    if (!uri) return noTrace();
    await SummaryPanel.show(context, source, uri, typeof callId === 'string' ? callId : undefined);
  });

  register('sipLens.revealLine', async (uriArgument?: unknown, line?: unknown) => {
    const uri = toUri(uriArgument);
    if (!uri || typeof line !== 'number' || !Number.isFinite(line)) return;
    await revealLine(uri, line);
  });

  /** Export commands act on what the panel's table shows when it shows this trace; otherwise on every call. */
  const registerExport = (
    command: string,
    failure: string,
    exportSummary: (uri: vscode.Uri, summary: Summary, query: RowQuery | undefined) => Promise<void>,
  ) =>
    register(command, async (argument?: unknown) => {
      const uri = await commandTarget(argument);
      if (!uri) return noTrace();
      const panel = SummaryPanel.showing(uri);
      try {
        const summary = await source.summary(uri);
        const query = panel?.currentQuery;
        await exportSummary(uri, summary, query);
      } catch (error) {
        void vscode.window.showErrorMessage(`${failure} ${describeError(error)}`);
      }
    });
  registerExport('sipLens.exportCsv', vscode.l10n.t('SIP Lens: could not export the calls:'), saveSummaryCsv);
  registerExport('sipLens.copyMarkdown', vscode.l10n.t('SIP Lens: could not copy the summary:'), copySummaryMarkdown);

  // The outline cannot carry commands: this one saves the call at the cursor, or the calls
  // picked from a list. Arguments (from other commands or tests): the trace and Call-IDs.
  register('sipLens.saveCallsAs', async (argument?: unknown, callIdsArgument?: unknown) => {
    const uri = await commandTarget(argument);
    if (!uri) return noTrace();
    let callIds = Array.isArray(callIdsArgument) ? callIdsArgument.filter((id): id is string => typeof id === 'string') : [];
    if (callIds.length === 0) {
      try {
        const summary = await source.summary(uri);
        // The cursor on a call's message names it; elsewhere (or on a REGISTER) the user picks.
        const editor = vscode.window.activeTextEditor;
        const atCursor = editor && editor.document.uri.toString() === uri.toString() ? await callIdAtCursor(editor) : undefined;
        callIds = atCursor && summary.calls.some((c) => c.callId === atCursor) ? [atCursor] : ((await pickCalls(summary)) ?? []);
      } catch (error) {
        void vscode.window.showErrorMessage(vscode.l10n.t('SIP Lens: could not save the calls: {0}', describeError(error)));
        return;
      }
    }
    if (callIds.length > 0) return saveCallsAs(source, uri, callIds);
  });

  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      deserializeWebviewPanel: (panel) => SummaryPanel.revive(context, source, panel),
    }),
    { dispose: () => SummaryPanel.current()?.dispose() },
  );

  client.start().catch((error: unknown) => {
    void vscode.window.showErrorMessage(vscode.l10n.t('SIP Lens: the language server did not start: {0}', describeError(error)));
  });
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) await running.stop();
}
