// The SIP Traces view (Explorer): the workspace's trace files with their call counts and outcome
// mix. It asks for the list only while shown; a file left out to bound the work says why and is
// analysed when clicked; others open on click (a capture in the capture editor).

import * as vscode from 'vscode';
import type { WorkspaceTraceFile, WorkspaceTraces } from '../../../server/src/protocol';
import { CAPTURE_VIEW_TYPE } from '../captureUris';
import { describeError } from '../summarySource';
import { formatNumber } from '../../../server/src/analysis/l10n';
import { outcomeLabel } from '../../../server/src/analysis/outcomeWords';
import { plural } from '../plural';
import { callCount, failuresLine, notAnalysedLine, outcomeMix, percentText, sizeText, statsLine } from './describe';
import { WorkspaceTraceModel } from './traceModel';

export const TRACES_VIEW_ID = 'sipLens.traces';
export const OPEN_TRACE_FILE_COMMAND = 'sipLens.openTraceFile';
export const ANALYSE_TRACE_FILE_COMMAND = 'sipLens.analyseTraceFile';

type Node = { kind: 'file'; file: WorkspaceTraceFile; multiRoot: boolean } | { kind: 'problem'; message: string };

function fileItem(file: WorkspaceTraceFile, multiRoot: boolean): vscode.TreeItem {
  const uri = vscode.Uri.parse(file.uri);
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const label = multiRoot && folder ? `${folder.name}/${file.relativePath}` : file.relativePath;
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  item.id = file.uri;
  item.resourceUri = uri;
  const tooltip = new vscode.MarkdownString(undefined, false);
  tooltip.isTrusted = false;
  tooltip.appendMarkdown(`**`).appendText(label).appendMarkdown(`**  \n`);
  const stats = file.stats;
  if (stats) {
    item.description = statsLine(stats);
    item.contextValue = 'sipLens.traceFile';
    item.command = { command: OPEN_TRACE_FILE_COMMAND, title: vscode.l10n.t('Open'), arguments: [uri, file.capture] };
    const messages = plural(stats.messages, vscode.l10n.t('{0} message'), vscode.l10n.t('{0} messages'));
    tooltip.appendText(vscode.l10n.t('Format: {0} · {1} · {2}', stats.format, sizeText(file.size), messages)).appendMarkdown('  \n');
    tooltip.appendText(`${callCount(stats.calls)} · ASR ${percentText(stats.asr)}`).appendMarkdown('  \n');
    for (const [outcome, count] of outcomeMix(stats.totals)) {
      tooltip.appendText(`${outcomeLabel(outcome)}: ${formatNumber(count)} (${percentText(count / stats.calls)})`).appendMarkdown('  \n');
    }
    if (stats.failures.length > 0) tooltip.appendText(vscode.l10n.t('Failures: {0}', failuresLine(stats.failures))).appendMarkdown('  \n');
    for (const notice of stats.notices) tooltip.appendText(notice).appendMarkdown('  \n');
  } else {
    const why = notAnalysedLine(file) ?? '';
    if (file.error) {
      item.description = why;
      item.contextValue = 'sipLens.traceFile';
      item.command = { command: OPEN_TRACE_FILE_COMMAND, title: vscode.l10n.t('Open'), arguments: [uri, file.capture] };
      tooltip.appendText(file.error);
    } else {
      item.description = vscode.l10n.t('{0} · click to analyse', why);
      item.contextValue = 'sipLens.traceFileNotAnalysed';
      item.command = { command: ANALYSE_TRACE_FILE_COMMAND, title: vscode.l10n.t('Analyse'), arguments: [uri] };
      tooltip.appendText(vscode.l10n.t('{0}. Click to analyse it anyway.', why));
    }
  }
  item.tooltip = tooltip;
  return item;
}

export class TracesView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private view: vscode.TreeView<Node> | undefined;

  constructor(private readonly model: WorkspaceTraceModel) {
    this.disposables.push(model.onDidChange(() => this.changed.fire(undefined)));
  }

  /** Shows the view's notes (a folder too big to look through) under its title. */
  attach(view: vscode.TreeView<Node>): void {
    this.view = view;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'problem') {
      const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('warning');
      return item;
    }
    return fileItem(node.file, node.multiRoot);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node) return [];
    if (WorkspaceTraceModel.folders().length === 0) return [];
    let listing: WorkspaceTraces;
    try {
      listing = await vscode.window.withProgress({ location: { viewId: TRACES_VIEW_ID } }, () => this.model.listing());
    } catch (error) {
      return [{ kind: 'problem', message: vscode.l10n.t('Could not list the trace files: {0}', describeError(error)) }];
    }
    // Set only when it changes: a message set while the tree loads shows the welcome text over it.
    const message = listing.truncated ? vscode.l10n.t('Only the first {0} files of each folder were looked at.', listing.limits.filesLooked) : undefined;
    if (this.view && this.view.message !== message) this.view.message = message;
    const multiRoot = WorkspaceTraceModel.folders().length > 1;
    return listing.files.map((file) => ({ kind: 'file', file, multiRoot }));
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}

/** Opens a trace file: a capture in the capture editor, text in a text editor. */
export async function openTraceFile(uri: vscode.Uri, capture: boolean): Promise<void> {
  if (capture) await vscode.commands.executeCommand('vscode.openWith', uri, CAPTURE_VIEW_TYPE);
  else await vscode.commands.executeCommand('vscode.open', uri);
}

/** The file of a view item handed to a command from its context menu. */
export function fileOfNode(value: unknown): vscode.Uri | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const node = value as { kind?: unknown; file?: { uri?: unknown } };
  return node.kind === 'file' && typeof node.file?.uri === 'string' ? vscode.Uri.parse(node.file.uri) : undefined;
}
