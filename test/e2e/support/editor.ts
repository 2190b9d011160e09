// Small helpers for tests that run inside the editor against the fixture workspace.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from './waiting';

export const extensionId = 'sip-lens.sip-lens';
export const languageId = 'sip-trace';

export function fixtureUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the fixture workspace is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

export function sipLens(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension, `${extensionId} is installed`);
  return extension;
}

/** Opens a fixture in an editor, as a user would. */
export async function openFixture(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(name));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

/**
 * The open document for `uri` once its language is `sip-trace`. Switching the language closes
 * and reopens the document, so look it up afresh each time.
 */
export function waitForSipTrace(uri: vscode.Uri, timeoutMs = 20_000): Promise<vscode.TextDocument> {
  return waitFor(
    `${uri.path} to become ${languageId}`,
    () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && d.languageId === languageId),
    { events: [vscode.workspace.onDidOpenTextDocument], timeoutMs },
  );
}

export function waitForActivation(timeoutMs = 20_000): Promise<true> {
  const extension = sipLens();
  return waitFor(`${extensionId} to activate`, () => (extension.isActive ? true : undefined), { pollMs: 100, timeoutMs });
}

/** 0-based number of the first line matching `pattern`. */
export function lineOf(document: vscode.TextDocument, pattern: RegExp): number {
  for (let line = 0; line < document.lineCount; line++) {
    if (pattern.test(document.lineAt(line).text)) return line;
  }
  assert.fail(`no line of ${document.uri.path} matches ${pattern}`);
}

/** Diagnostics for `uri` once one satisfies `predicate` (waits on the diagnostics-change event). */
export function waitForDiagnostic(
  uri: vscode.Uri,
  what: string,
  predicate: (d: vscode.Diagnostic) => boolean,
  timeoutMs = 20_000,
): Promise<vscode.Diagnostic> {
  return waitFor(what, () => vscode.languages.getDiagnostics(uri).find(predicate), {
    events: [vscode.languages.onDidChangeDiagnostics],
    timeoutMs,
  });
}

export function diagnosticCode(diagnostic: vscode.Diagnostic): string | number | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? code.value : code;
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

/**
 * Asks a language feature until it answers: the language client registers its providers only
 * once the server has started, so a request right after opening may find none yet.
 */
export function untilAnswered<T>(what: string, ask: () => Thenable<T[] | undefined>, timeoutMs = 20_000): Promise<T[]> {
  return waitFor(
    what,
    async () => {
      const answer = await ask();
      return answer && answer.length > 0 ? answer : undefined;
    },
    { pollMs: 250, timeoutMs },
  );
}

/**
 * Sets a user setting as the Settings editor would and waits until the extension host reads
 * the new value; `undefined` removes it again.
 */
export async function setSetting(section: string, key: string, value: unknown): Promise<void> {
  const configuration = () => vscode.workspace.getConfiguration(section);
  const changed = waitFor(
    `${section}.${key} to read ${JSON.stringify(value)}`,
    () => {
      const inspected = configuration().inspect(key)?.globalValue;
      return JSON.stringify(inspected) === JSON.stringify(value) ? true : undefined;
    },
    { events: [vscode.workspace.onDidChangeConfiguration] },
  );
  await configuration().update(key, value, vscode.ConfigurationTarget.Global);
  await changed;
}

/** The code lenses SIP Lens puts on a document (none from other extensions). */
export async function sipLensLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
  return lenses.filter((l) => l.command?.command === 'sipLens.showCallFlow');
}

/** The open document for `uri`, whatever its language now (a language switch re-opens it). */
export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
}
