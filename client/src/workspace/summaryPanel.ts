// The workspace summary: a webview with a row per trace file of the workspace (format, calls,
// outcomes, ASR, failures that need a look) and the totals — the figures `sip-lens summary DIR`
// prints. A row opens that file's own summary. The page (client/src/webview/workspaceSummary.ts,
// bundled to dist/webview/) only draws what this host prepared.

import * as vscode from 'vscode';
import type { WorkspaceTraceFile, WorkspaceTraces } from '../../../server/src/protocol';
import { OUTCOMES } from '../../../server/src/analysis/types';
import { createNonce, MEDIA_FOLDER, panelHtml } from '../panel/html';
import { describeError } from '../summarySource';
import { formatNumber } from '../../../server/src/analysis/l10n';
import { outcomeLabel } from '../../../server/src/analysis/outcomeWords';
import { callCount, failuresLine, fileCount, notAnalysedLine, percentText } from './describe';
import { parseWorkspacePageMessage, type WorkspaceHostMessage, type WorkspacePageData, type WorkspacePageRow } from './pageMessages';
import { WorkspaceTraceModel } from './traceModel';

export const WORKSPACE_PANEL_VIEW_TYPE = 'sipLens.workspaceSummary';
/** Where the build puts the page's script (scripts/build.mjs). */
const SCRIPT_FOLDER = ['dist', 'webview'];

function fileLabel(file: WorkspaceTraceFile, multiRoot: boolean): string {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(file.uri));
  return multiRoot && folder ? `${folder.name}/${file.relativePath}` : file.relativePath;
}

function pageRow(file: WorkspaceTraceFile, multiRoot: boolean): WorkspacePageRow {
  const stats = file.stats;
  return {
    uri: file.uri,
    path: fileLabel(file, multiRoot),
    format: stats?.format ?? '',
    calls: stats ? formatNumber(stats.calls) : '',
    outcomes: stats ? OUTCOMES.map((o) => stats.totals[o]) : [],
    asr: stats ? percentText(stats.asr) : '',
    failures: stats ? failuresLine(stats.failures) : (notAnalysedLine(file) ?? ''),
    analysed: stats !== undefined,
    canAnalyse: !stats && !file.error,
  };
}

export function workspacePageData(listing: WorkspaceTraces, multiRoot: boolean): WorkspacePageData {
  const analysed = listing.files.filter((f) => f.stats).length;
  const files = fileCount(listing.files.length);
  return {
    labels: {
      title: vscode.l10n.t('SIP Workspace Summary'),
      heading: vscode.l10n.t('{0} in {1} · ASR {2}', callCount(listing.calls), files, percentText(listing.asr)),
      file: vscode.l10n.t('File'),
      format: vscode.l10n.t('Format'),
      calls: vscode.l10n.t('Calls'),
      asr: 'ASR',
      failures: vscode.l10n.t('Failures to look at'),
      total: analysed === listing.files.length ? vscode.l10n.t('Total') : vscode.l10n.t('Total ({0} of {1} files analysed)', analysed, listing.files.length),
      refresh: vscode.l10n.t('Refresh'),
      analyse: vscode.l10n.t('Analyse'),
      empty: vscode.l10n.t('No SIP trace files in this workspace. Trace files are found by their content (SIP messages, or a pcap or pcapng capture), whatever their names.'),
      truncated: listing.truncated ? vscode.l10n.t('Only the first {0} files of each folder were looked at.', listing.limits.filesLooked) : undefined,
      openHint: vscode.l10n.t("Open this file's call summary"),
    },
    outcomes: OUTCOMES.map(outcomeLabel),
    rows: listing.files.map((f) => pageRow(f, multiRoot)),
    totals: { files, calls: formatNumber(listing.calls), outcomes: OUTCOMES.map((o) => listing.totals[o]), asr: percentText(listing.asr) },
  };
}

export class WorkspaceSummaryPanel implements vscode.Disposable {
  private static instance: WorkspaceSummaryPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private dirty = true;
  private last: WorkspaceHostMessage | undefined;
  private generation = 0;

  static show(context: vscode.ExtensionContext, model: WorkspaceTraceModel): WorkspaceSummaryPanel {
    const existing = WorkspaceSummaryPanel.instance;
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(WORKSPACE_PANEL_VIEW_TYPE, vscode.l10n.t('SIP Workspace Summary'), vscode.ViewColumn.Active, {
      enableScripts: true,
      enableCommandUris: false,
      enableFindWidget: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, MEDIA_FOLDER), vscode.Uri.joinPath(context.extensionUri, ...SCRIPT_FOLDER)],
    });
    return new WorkspaceSummaryPanel(context, model, panel);
  }

  static current(): WorkspaceSummaryPanel | undefined {
    return WorkspaceSummaryPanel.instance;
  }

  private constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly model: WorkspaceTraceModel,
    private readonly panel: vscode.WebviewPanel,
  ) {
    WorkspaceSummaryPanel.instance = this;
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.onMessage(raw)),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.dirty) void this.load();
      }),
      model.onDidChange(() => {
        this.dirty = true;
        if (panel.visible) void this.load();
      }),
    );
  }

  private html(): string {
    const webview = this.panel.webview;
    const resource = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, ...path)).toString();
    return panelHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: resource(...SCRIPT_FOLDER, 'workspaceSummary.js'),
      styleUri: resource(MEDIA_FOLDER, 'workspace-summary.css'),
      lang: vscode.env.language,
      loading: vscode.l10n.t('Looking for trace files…'),
      title: vscode.l10n.t('SIP Workspace Summary'),
    });
  }

  private async load(): Promise<void> {
    const generation = ++this.generation;
    this.dirty = false;
    if (!this.model.current) this.post({ type: 'loading', text: vscode.l10n.t('Looking for trace files…') });
    try {
      const listing = await this.model.listing();
      if (generation !== this.generation) return;
      this.post({ type: 'data', data: workspacePageData(listing, WorkspaceTraceModel.folders().length > 1) });
    } catch (error) {
      if (generation !== this.generation) return;
      this.dirty = true;
      this.post({ type: 'error', message: vscode.l10n.t('Could not list the trace files: {0}', describeError(error)) });
    }
  }

  private post(message: WorkspaceHostMessage): void {
    this.last = message;
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  /** A file of the list shown; the page may only name those. */
  private listed(uri: string): WorkspaceTraceFile | undefined {
    return this.model.current?.files.find((f) => f.uri === uri);
  }

  private async onMessage(raw: unknown): Promise<void> {
    const message = parseWorkspacePageMessage(raw);
    if (!message) return;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.last) void this.panel.webview.postMessage(this.last);
        if (this.dirty || !this.last) await this.load();
        return;
      case 'refresh':
        this.model.refresh();
        return;
      case 'analyse': {
        const file = this.listed(message.uri);
        if (file) this.model.analyse(vscode.Uri.parse(file.uri));
        return;
      }
      case 'open': {
        const file = this.listed(message.uri);
        if (!file) return;
        // The file's own summary: the summary panel beside, or a capture's editor.
        await vscode.commands.executeCommand('sipLens.showSummary', vscode.Uri.parse(file.uri));
        return;
      }
    }
  }

  dispose(): void {
    if (WorkspaceSummaryPanel.instance === this) WorkspaceSummaryPanel.instance = undefined;
    this.disposables.forEach((d) => d.dispose());
    this.panel.dispose();
  }
}
