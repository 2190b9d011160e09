// Shows a line of a trace in an editor: for code lenses, the summary table and the ladder.

import * as vscode from 'vscode';
import { findOpenDocument } from './traceTarget';

/** The column already showing this file, so revealing does not open a second copy. */
export function columnShowing(uri: vscode.Uri): vscode.ViewColumn | undefined {
  const key = uri.toString();
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === key);
  if (editor?.viewColumn) return editor.viewColumn;
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === key) return group.viewColumn;
    }
  }
  return undefined;
}

export async function revealLine(uri: vscode.Uri, line: number, preserveFocus = false): Promise<void> {
  const target = Math.max(0, Math.floor(line));
  const viewColumn = columnShowing(uri) ?? vscode.ViewColumn.One;
  const document = findOpenDocument(uri) ?? (await tryOpen(uri));
  if (document) {
    const clamped = Math.min(target, Math.max(0, document.lineCount - 1));
    const range = new vscode.Range(clamped, 0, clamped, 0);
    const editor = await vscode.window.showTextDocument(document, { viewColumn, preserveFocus, selection: range });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return;
  }
  // Files over 50 MB have no TextDocument for extensions, but the editor itself can still
  // open them at a line.
  const range = new vscode.Range(target, 0, target, 0);
  await vscode.commands.executeCommand('vscode.open', uri, { viewColumn, preserveFocus, selection: range });
}

async function tryOpen(uri: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  try {
    return await vscode.workspace.openTextDocument(uri);
  } catch {
    return undefined;
  }
}
