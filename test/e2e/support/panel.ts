// Helpers for tests of the call summary panel: open it on a fixture, look into its DOM and click
// in it through the DOM bridge, and wait for the editor to follow.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DomElement, DomRequest, DomResponse, DomScope } from '../bridgeProtocol';
import { askDom } from './dom';
import { fixtureUri, openFixture, waitForActivation } from './editor';
import { waitFor } from './waiting';

/** Asks the harness and fails the test with the harness's words when it could not answer. */
export async function dom(request: DomRequest): Promise<DomResponse> {
  const response = await askDom(request, (('timeoutMs' in request && request.timeoutMs) || 15_000) + 15_000);
  assert.ok(response.ok, response.error);
  return response;
}

export async function query(
  selector: string,
  options: { scope?: DomScope; contains?: string; attributes?: string[]; minCount?: number; timeoutMs?: number } = {},
): Promise<DomElement[]> {
  const response = await dom({ op: 'query', scope: options.scope ?? 'webview', selector, ...options });
  return response.elements ?? [];
}

export async function click(selector: string, contains?: string, scope: DomScope = 'webview'): Promise<void> {
  await dom({ op: 'click', scope, selector, contains });
}

/** Opens a fixture, runs Show Call Summary and waits until the panel shows that file's summary. */
export async function showSummaryOf(name: string, timeoutMs = 20_000): Promise<vscode.TextDocument> {
  const document = await openFixture(name);
  await waitForActivation();
  await vscode.commands.executeCommand('sipLens.showSummary');
  await query('header h1', { contains: name, timeoutMs });
  return document;
}

/** The visible editor showing `uri`, if any. */
export function editorOf(uri: vscode.Uri): vscode.TextEditor | undefined {
  return vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
}

/**
 * Puts the cursor of `uri`'s editor on another line first (so the check below cannot pass by
 * accident), does `act`, then waits for the selection-change event that puts it on `line`.
 */
export async function selectionMovesTo(uri: vscode.Uri, line: number, act: () => Promise<void>): Promise<vscode.TextEditor> {
  const editor = editorOf(uri);
  assert.ok(editor, `${uri.path} is visible`);
  const away = line === 0 ? editor.document.lineCount - 1 : 0;
  editor.selection = new vscode.Selection(away, 0, away, 0);
  const moved = waitFor(
    `the cursor in ${uri.path} to move to line ${line + 1}`,
    () => {
      const shown = editorOf(uri);
      return shown && shown.selection.active.line === line ? shown : undefined;
    },
    { events: [vscode.window.onDidChangeTextEditorSelection, vscode.window.onDidChangeVisibleTextEditors], timeoutMs: 15_000 },
  );
  await act();
  return moved;
}

/** A file in the run's workspace (its copy of test/e2e/workspace). */
export function workspaceFile(name: string): vscode.Uri {
  return fixtureUri(name);
}

/** The workbench's status bar item holding `text`; on failure, names what the status bar shows instead. */
export async function statusBarItem(text: string, timeoutMs = 20_000): Promise<DomElement> {
  const response = await askDom({ op: 'query', scope: 'workbench', selector: '.statusbar-item', contains: text, timeoutMs }, timeoutMs + 15_000);
  if (response.ok && response.elements?.[0]) return response.elements[0];
  const shown = await query('.statusbar-item', { scope: 'workbench', minCount: 0 });
  assert.fail(`no status bar item shows "${text}"; it shows: ${shown.map((s) => JSON.stringify(s.text.trim())).filter((t) => t !== '""').join(', ')}`);
}
