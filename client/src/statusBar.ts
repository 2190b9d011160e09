// The status bar item for sip-trace editors: "SIP: 42 calls · 3 route-blocked · ASR 57%".

import * as vscode from 'vscode';
import type { Summary } from '../../server/src/protocol';
import { OUTCOMES } from '../../server/src/analysis/types';
import { formatNumber } from '../../server/src/analysis/l10n';
import { outcomeWithLabel } from '../../server/src/analysis/outcomeWords';
import { computeKpis, formatDuration, formatPercent } from './panel/viewModel';
import { plural } from './plural';
import { statusText } from './statusText';
import { describeError, type SummarySource } from './summarySource';
import { activeTraceUri, traceTitle } from './traceTarget';

function tooltip(uri: vscode.Uri, summary: Summary): vscode.MarkdownString {
  const kpis = computeKpis(summary.calls);
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**SIP Lens** — ');
  md.appendText(traceTitle(uri));
  const facts = [
    vscode.l10n.t('Format {0}', `\`${summary.format}\``),
    plural(summary.messages, vscode.l10n.t('{0} message'), vscode.l10n.t('{0} messages')),
    plural(summary.calls.length, vscode.l10n.t('{0} call'), vscode.l10n.t('{0} calls')),
    plural(summary.transactions.length, vscode.l10n.t('{0} other transaction'), vscode.l10n.t('{0} other transactions')),
  ];
  md.appendMarkdown(`\n\n${facts.join(' · ')}\n\n`);
  md.appendMarkdown(`| ${vscode.l10n.t('Outcome')} | ${vscode.l10n.t('Calls')} |\n| --- | ---: |\n`);
  for (const outcome of OUTCOMES) md.appendMarkdown(`| ${outcomeWithLabel(outcome)} | ${formatNumber(summary.totals[outcome] ?? 0)} |\n`);
  const figures = [
    `ASR ${formatPercent(kpis.asr)}`,
    vscode.l10n.t('avg setup {0}', formatDuration(kpis.avgSetupMs)),
    vscode.l10n.t('avg PDD {0}', formatDuration(kpis.avgPddMs)),
    `ACD ${formatDuration(kpis.acdMs)}`,
  ];
  md.appendMarkdown(`\n${figures.join(' · ')}\n\n`);
  md.appendMarkdown(vscode.l10n.t('Click to open the call summary.'));
  return md;
}

export class TraceStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('sipLens.summary', vscode.StatusBarAlignment.Left, 100);
  private readonly disposables: vscode.Disposable[] = [];
  private current: vscode.Uri | undefined;
  private watch: vscode.Disposable | undefined;
  /** Bumped on every update so a slow answer for an older state is dropped. */
  private generation = 0;
  /** Bumped on every refresh, for the same reason. */
  private refreshes = 0;

  constructor(private readonly source: SummarySource) {
    this.item.name = vscode.l10n.t('SIP Lens summary');
    this.item.command = 'sipLens.showSummary';
    const refresh = () => void this.refresh();
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(refresh),
      vscode.window.tabGroups.onDidChangeTabs(refresh),
      vscode.window.tabGroups.onDidChangeTabGroups(refresh),
      vscode.workspace.onDidOpenTextDocument(refresh), // a language switch re-opens the document
      source.onDidChange((uri) => {
        if (!uri || (this.current && uri.toString() === this.current.toString())) void this.show(this.current);
      }),
    );
    void this.refresh();
  }

  async refresh(): Promise<void> {
    // Working out the active trace can wait on the disk (a tab without a document); an answer
    // that arrives after a later refresh began is stale (say, a tab closing as the next one
    // becomes active) and must not hide the figures of the editor now in front.
    const ticket = ++this.refreshes;
    const { uri, focusElsewhere } = await activeTraceUri();
    if (ticket !== this.refreshes) return;
    // While a webview (such as the summary panel) has focus, keep the last trace's figures.
    if (focusElsewhere && this.current) return;
    if (uri?.toString() === this.current?.toString() && uri) return;
    await this.show(uri);
  }

  private async show(uri: vscode.Uri | undefined): Promise<void> {
    const generation = ++this.generation;
    if (uri?.toString() !== this.current?.toString()) {
      this.watch?.dispose();
      this.watch = uri ? this.source.watch(uri) : undefined;
    }
    this.current = uri;
    void vscode.commands.executeCommand('setContext', 'sipLens.traceActive', uri !== undefined);
    if (!uri) {
      this.item.hide();
      return;
    }
    this.item.text = '$(sync~spin) SIP';
    this.item.tooltip = vscode.l10n.t('SIP Lens: analysing the trace…');
    this.item.show();
    try {
      const summary = await this.source.summary(uri);
      if (generation !== this.generation) return;
      this.item.text = statusText(summary);
      this.item.tooltip = tooltip(uri, summary);
    } catch (error) {
      if (generation !== this.generation) return;
      this.item.text = '$(warning) SIP';
      this.item.tooltip = vscode.l10n.t('SIP Lens could not summarise this trace: {0}', describeError(error));
    }
  }

  dispose(): void {
    this.watch?.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}
