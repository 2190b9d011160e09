// The call summary panel: a webview that shows a trace's outcomes, key figures, final codes,
// route-blocked numbers, a table of calls and a call's ladder. One panel follows the active SIP
// trace (Show Call Summary); the capture editor hosts more, each fixed to its packet capture.
// All data comes from the language server; the page only draws what the view model prepared.

import * as vscode from 'vscode';
import type { Summary } from '../../server/src/protocol';
import { summaryToCsv, summaryToMarkdown } from './panel/export';
import { createNonce, MEDIA_FOLDER, panelHtml, panelWebviewOptions, SCRIPT_FOLDER } from './panel/html';
import { parseWebviewMessage, type HostMessage, type WebviewMessage } from './panel/messages';
import { buildLadder, buildPanelView, DEFAULT_QUERY, isCaptureFormat, queryRows, type RowQuery } from './panel/viewModel';
import { panelText } from './panel/text';
import { saveCallsAs } from './saveCalls';
import { CAPTURE_TEXT_SCHEME, captureTextUri } from './captureUris';
import { revealLine } from './reveal';
import { describeError, type SummarySource } from './summarySource';
import { activeTraceUri, traceTitle } from './traceTarget';

export const PANEL_VIEW_TYPE = 'sipLens.summary';

interface Loaded {
  uri: vscode.Uri;
  summary: Summary;
}

export class SummaryPanel implements vscode.Disposable {
  /** The panel that follows the active trace. */
  private static instance: SummaryPanel | undefined;
  /** Every panel: the following one and those of capture editors. */
  private static readonly all = new Set<SummaryPanel>();

  private readonly disposables: vscode.Disposable[] = [];
  private uri: vscode.Uri | undefined;
  private watch: vscode.Disposable | undefined;
  private loaded: Loaded | undefined;
  private query: RowQuery = { ...DEFAULT_QUERY };
  /** Selected call, by index into loaded.summary.calls. */
  private selected: number | null = null;
  /** Call-ID to select once the summary arrives (from a code lens). */
  private pendingCallId: string | undefined;
  private generation = 0;
  private ready = false;
  /** The last error shown, resent when the page reloads. */
  private error: string | undefined;

  /** Opens the panel (or brings it forward) on a trace; optionally selects one call. */
  static async show(context: vscode.ExtensionContext, source: SummarySource, uri: vscode.Uri, callId?: string): Promise<SummaryPanel> {
    let panel = SummaryPanel.instance;
    if (panel) {
      panel.panel.reveal(undefined, true);
    } else {
      const webviewPanel = vscode.window.createWebviewPanel(
        PANEL_VIEW_TYPE,
        vscode.l10n.t('SIP Summary'),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        SummaryPanel.webviewOptions(context),
      );
      panel = new SummaryPanel(context, source, webviewPanel, true);
    }
    await panel.setTrace(uri, callId);
    return panel;
  }

  /** Adopts a panel VS Code restored after a reload; it shows the active trace, if any. */
  static async revive(context: vscode.ExtensionContext, source: SummarySource, webviewPanel: vscode.WebviewPanel): Promise<void> {
    webviewPanel.webview.options = SummaryPanel.webviewOptions(context);
    const panel = new SummaryPanel(context, source, webviewPanel, true);
    const { uri } = await activeTraceUri();
    if (uri) await panel.setTrace(uri);
  }

  /** Shows one trace for good in a webview VS Code gave us (the capture editor's). */
  static async attach(
    context: vscode.ExtensionContext,
    source: SummarySource,
    webviewPanel: vscode.WebviewPanel,
    uri: vscode.Uri,
  ): Promise<SummaryPanel> {
    webviewPanel.webview.options = SummaryPanel.webviewOptions(context);
    const panel = new SummaryPanel(context, source, webviewPanel, false);
    await panel.setTrace(uri);
    return panel;
  }

  /** The panel following the active trace, if open. */
  static current(): SummaryPanel | undefined {
    return SummaryPanel.instance;
  }

  /** A panel showing `uri`: the active one if several do. */
  static showing(uri: vscode.Uri): SummaryPanel | undefined {
    const key = uri.toString();
    const panels = [...SummaryPanel.all].filter((p) => p.uri?.toString() === key);
    return panels.find((p) => p.panel.active) ?? panels[0];
  }

  /** Whether a capture editor shows `uri` (the following panel then leaves it to that one). */
  private static hasOwnEditor(uri: vscode.Uri): boolean {
    const key = uri.toString();
    return [...SummaryPanel.all].some((p) => !p.follows && p.uri?.toString() === key);
  }

  private static webviewOptions(context: vscode.ExtensionContext): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    // The page loads its script and style from media/ and nothing else.
    return panelWebviewOptions(context.extensionUri, (base, ...segments) => vscode.Uri.joinPath(base, ...segments));
  }

  private constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly source: SummarySource,
    private readonly panel: vscode.WebviewPanel,
    /** True for the panel that follows the active trace; false for one fixed to its trace. */
    private readonly follows: boolean,
  ) {
    if (follows) {
      SummaryPanel.instance = this;
      panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
    }
    SummaryPanel.all.add(this);
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseWebviewMessage(raw);
        if (message) void this.onMessage(message);
      }),
      source.onDidChange((uri) => {
        if (this.uri && (!uri || uri.toString() === this.uri.toString())) void this.load();
      }),
    );
    if (follows) {
      this.disposables.push(
        vscode.window.onDidChangeActiveTextEditor(() => void this.follow()),
        vscode.window.tabGroups.onDidChangeTabs(() => void this.follow()),
        vscode.workspace.onDidOpenTextDocument(() => void this.follow()),
      );
    }
  }

  /** The trace on show, for commands such as export. */
  get traceUri(): vscode.Uri | undefined {
    return this.uri;
  }

  get currentQuery(): RowQuery {
    return this.query;
  }

  /**
   * Follows the active editor when it is another SIP trace; keeps the last one otherwise, and
   * when the active tab is a capture editor, which shows its own summary.
   */
  private async follow(): Promise<void> {
    const { uri } = await activeTraceUri();
    if (uri && uri.toString() !== this.uri?.toString() && !SummaryPanel.hasOwnEditor(uri)) await this.setTrace(uri);
  }

  private async setTrace(uri: vscode.Uri, callId?: string): Promise<void> {
    const same = uri.toString() === this.uri?.toString();
    if (!same) {
      this.watch?.dispose();
      this.watch = this.source.watch(uri);
      this.uri = uri;
      this.loaded = undefined;
      this.selected = null;
      this.query = { ...DEFAULT_QUERY };
    }
    this.pendingCallId = callId;
    // A capture editor's tab keeps the file's name, as every editor's does.
    if (this.follows) this.panel.title = vscode.l10n.t('SIP Summary: {0}', traceTitle(uri));
    if (same && this.loaded && callId !== undefined) {
      this.applyPendingCall();
      return;
    }
    await this.load();
  }

  private async load(): Promise<void> {
    const uri = this.uri;
    if (!uri) return;
    const generation = ++this.generation;
    const title = traceTitle(uri);
    if (!this.loaded) this.post({ type: 'loading', title, text: panelText().loading });
    try {
      const summary = await this.source.summary(uri);
      if (generation !== this.generation) return;
      const previousCallId = this.selected !== null ? this.loaded?.summary.calls[this.selected]?.callId : undefined;
      this.loaded = { uri, summary };
      this.error = undefined;
      this.selected = null;
      if (this.pendingCallId === undefined && previousCallId !== undefined) this.pendingCallId = previousCallId;
      this.sendAll();
    } catch (error) {
      if (generation !== this.generation) return;
      this.loaded = undefined;
      this.error = vscode.l10n.t('Could not summarise this trace: {0}', describeError(error));
      this.post({ type: 'error', title, message: this.error });
    }
  }

  /** Sends everything the page shows; also used when the page (re)loads. */
  private sendAll(): void {
    if (!this.loaded) return;
    this.post({ type: 'summary', view: buildPanelView(this.loaded.summary, traceTitle(this.loaded.uri)) });
    if (this.pendingCallId !== undefined) this.applyPendingCall();
    else {
      this.sendRows();
      if (this.selected !== null) void this.sendFlow(this.selected);
    }
  }

  private applyPendingCall(): void {
    const callId = this.pendingCallId;
    this.pendingCallId = undefined;
    if (!this.loaded || callId === undefined) return;
    const index = this.loaded.summary.calls.findIndex((c) => c.callId === callId);
    if (index < 0) {
      this.sendRows();
      return;
    }
    // Make sure the chosen call is visible in the table.
    const call = this.loaded.summary.calls[index];
    if (this.query.outcomes.length > 0 && !this.query.outcomes.includes(call.outcome)) this.query = { ...this.query, outcomes: [] };
    if (this.query.text) this.query = { ...this.query, text: '' };
    if (this.query.findings.length > 0 && !call.findings.some((f) => this.query.findings.includes(f.code))) this.query = { ...this.query, findings: [] };
    this.selected = index;
    this.sendRows();
    void this.sendFlow(index);
  }

  private sendRows(): void {
    if (!this.loaded) return;
    const page = queryRows(this.loaded.summary, this.query);
    this.post({ type: 'rows', rows: page.rows, matched: page.matched, total: page.total, status: page.status, query: this.query, selected: this.selected });
  }

  private async sendFlow(index: number): Promise<void> {
    const loaded = this.loaded;
    const call = loaded?.summary.calls[index];
    if (!loaded || !call) return;
    try {
      // A leg of a call through a B2BUA is drawn with its other legs: phone, host, carrier.
      const flow = await this.source.callFlow(loaded.uri, call.callId, call.group !== null && call.group !== undefined);
      if (this.loaded !== loaded || this.selected !== index) return;
      this.post(
        flow
          ? { type: 'flow', index, ladder: buildLadder(flow), verdict: call.verdict }
          : { type: 'flow', index, ladder: null, message: vscode.l10n.t('This call is no longer in the trace.') },
      );
    } catch (error) {
      if (this.loaded !== loaded || this.selected !== index) return;
      this.post({ type: 'flow', index, ladder: null, message: vscode.l10n.t('Could not draw this call: {0}', describeError(error)) });
    }
  }

  private async onMessage(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.loaded) this.sendAll();
        else if (this.uri && this.error) this.post({ type: 'error', title: traceTitle(this.uri), message: this.error });
        else if (this.uri) this.post({ type: 'loading', title: traceTitle(this.uri), text: panelText().loading });
        else this.post({ type: 'error', title: vscode.l10n.t('SIP Summary'), message: vscode.l10n.t('Open a SIP trace to see its summary.') });
        return;
      case 'query':
        this.query = message.query;
        this.sendRows();
        return;
      case 'selectCall':
        if (!this.loaded || message.index >= this.loaded.summary.calls.length) return;
        this.selected = message.index;
        await this.sendFlow(message.index);
        return;
      case 'revealCall': {
        const call = this.loaded?.summary.calls[message.index];
        if (this.loaded && call) await this.revealBeside(this.lineTarget(this.loaded), call.startLine);
        return;
      }
      case 'revealLine':
        if (this.loaded) await this.revealBeside(this.lineTarget(this.loaded), message.line);
        return;
      case 'openTextTrace':
        if (this.loaded && isCaptureFormat(this.loaded.summary.format)) {
          await vscode.commands.executeCommand('sipLens.openCaptureAsText', this.loaded.uri);
        }
        return;
      case 'copyMarkdown':
        await this.copyMarkdown();
        return;
      case 'exportCsv':
        await this.exportCsv();
        return;
      case 'saveCalls': {
        const loaded = this.loaded;
        if (!loaded) return;
        const callIds = message.indexes.flatMap((index) => loaded.summary.calls[index]?.callId ?? []);
        if (callIds.length > 0) await saveCallsAs(this.source, loaded.uri, callIds);
        return;
      }
    }
  }

  /** The document the summary's lines refer to: the trace itself, or a capture's text. */
  private lineTarget(loaded: Loaded): vscode.Uri {
    const capture = isCaptureFormat(loaded.summary.format) && loaded.uri.scheme !== CAPTURE_TEXT_SCHEME;
    return capture ? captureTextUri(loaded.uri) : loaded.uri;
  }

  /**
   * Shows a line of the trace without hiding the panel. When the trace's tab sits behind the
   * panel, in the panel's own editor group (the user opened the file while the panel had focus),
   * revealing it there would cover the panel the user just clicked in; so the trace is first
   * brought up in another group, where revealLine then finds it.
   */
  private async revealBeside(uri: vscode.Uri, line: number): Promise<void> {
    const own = this.panel.viewColumn;
    const key = uri.toString();
    const visibleElsewhere = vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === key && e.viewColumn !== own);
    if (own !== undefined && !visibleElsewhere) {
      const other = own === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
      await vscode.commands.executeCommand('vscode.open', uri, { viewColumn: other, preserveFocus: true, preview: false });
    }
    await revealLine(uri, line, true);
  }

  async copyMarkdown(): Promise<void> {
    if (!this.loaded) return;
    await copySummaryMarkdown(this.loaded.uri, this.loaded.summary, this.query);
  }

  async exportCsv(): Promise<void> {
    if (!this.loaded) return;
    await saveSummaryCsv(this.loaded.uri, this.loaded.summary, this.query);
  }

  private post(message: HostMessage): void {
    // Before the page says it is ready, messages would be lost; `ready` triggers a full send.
    if (!this.ready && message.type !== 'loading' && message.type !== 'error') return;
    void this.panel.webview.postMessage(message);
  }

  private html(): string {
    const webview = this.panel.webview;
    const resource = (folder: string, name: string) =>
      webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, ...folder.split('/'), name)).toString();
    const text = panelText();
    return panelHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: resource(SCRIPT_FOLDER, 'panel.js'),
      styleUri: resource(MEDIA_FOLDER, 'panel.css'),
      lang: text.locale,
      loading: text.loading,
      title: vscode.l10n.t('SIP Summary'),
    });
  }

  dispose(): void {
    if (SummaryPanel.instance === this) SummaryPanel.instance = undefined;
    SummaryPanel.all.delete(this);
    this.watch?.dispose();
    this.disposables.forEach((d) => d.dispose());
    this.panel.dispose();
  }
}

/** Copies the Markdown report of a trace to the clipboard. */
export async function copySummaryMarkdown(uri: vscode.Uri, summary: Summary, query: RowQuery = DEFAULT_QUERY): Promise<void> {
  await vscode.env.clipboard.writeText(summaryToMarkdown(summary, traceTitle(uri), query));
  void vscode.window.showInformationMessage(vscode.l10n.t('SIP Lens: summary copied as Markdown.'));
}

/** Asks where to save, then writes the calls as CSV. */
export async function saveSummaryCsv(uri: vscode.Uri, summary: Summary, query: RowQuery = DEFAULT_QUERY): Promise<void> {
  const base = traceTitle(uri).replace(/\.[^.]*$/, '') || 'sip-calls';
  const defaultUri =
    uri.scheme === 'file' ? vscode.Uri.joinPath(uri, '..', `${base}-calls.csv`) : undefined;
  const target = await vscode.window.showSaveDialog({
    defaultUri,
    filters: { CSV: ['csv'] },
    saveLabel: vscode.l10n.t('Save calls as CSV'),
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, Buffer.from(summaryToCsv(summary, query), 'utf8'));
  void vscode.window.showInformationMessage(
    summary.calls.length === 0
      ? vscode.l10n.t('SIP Lens: no calls saved to {0}.', traceTitle(target))
      : vscode.l10n.t('SIP Lens: calls saved to {0}.', traceTitle(target)),
  );
}
