// Which SIP trace the user is looking at. Usually the active editor's document, but VS Code
// gives extensions no TextDocument for files over 50 MB: then the active tab's URI is all we
// have, and the server reads that file from disk itself.

import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CAPTURE_TEXT_SCHEME, CAPTURE_VIEW_TYPE } from './captureUris';
import { isSniffableFileName, looksLikeSipTrace, SNIFF_BYTES } from './sniffer';

export const SIP_TRACE = 'sip-trace';

/** URI schemes the language server can serve: synced documents and files on disk. */
const SERVED_SCHEMES = new Set(['file', 'untitled', CAPTURE_TEXT_SCHEME]);

/** File names the manifest gives to the sip-trace language. */
const TRACE_FILE_NAME = /\.(?:sip|siptrace|pcap\.txt)$/i;

export function isTraceDocument(document: vscode.TextDocument): boolean {
  return document.languageId === SIP_TRACE && SERVED_SCHEMES.has(document.uri.scheme);
}

/** Display name of a trace: its file name. */
export function traceTitle(uri: vscode.Uri): string {
  return path.posix.basename(uri.path) || uri.toString();
}

export function findOpenDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
}

/** Reads at most the sniffing window from the start of a file on disk. */
export async function readFileHead(fsPath: string, bytes = SNIFF_BYTES): Promise<string> {
  const handle = await fs.open(fsPath, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead).toString('latin1');
  } finally {
    await handle.close();
  }
}

/** Verdicts for files without a TextDocument, keyed by path, size and modification time. */
const diskVerdicts = new Map<string, boolean>();

/**
 * Whether a file that VS Code did not open as a document (too large) is a SIP trace: by its
 * name for the trace extensions, by sniffing its head for `.log` / `.txt`.
 */
export async function isTraceFileOnDisk(uri: vscode.Uri): Promise<boolean> {
  if (uri.scheme !== 'file') return false;
  if (TRACE_FILE_NAME.test(uri.path)) return true;
  if (!isSniffableFileName(uri.path)) return false;
  if (!vscode.workspace.getConfiguration('sipLens').get<boolean>('detectInLogFiles', true)) return false;
  try {
    const stat = await fs.stat(uri.fsPath);
    const key = `${uri.fsPath}\0${stat.size}\0${stat.mtimeMs}`;
    let verdict = diskVerdicts.get(key);
    if (verdict === undefined) {
      verdict = looksLikeSipTrace(await readFileHead(uri.fsPath));
      diskVerdicts.set(key, verdict);
    }
    return verdict;
  } catch {
    return false;
  }
}

/**
 * The trace in the active editor, or in the active tab when VS Code gave no document for it (a
 * file too large, or a packet capture in the capture editor); undefined when the active editor
 * or tab is something else. Callers that should keep
 * showing the last trace while a webview or another panel has focus check `focusElsewhere`.
 */
export async function activeTraceUri(): Promise<{ uri: vscode.Uri | undefined; focusElsewhere: boolean }> {
  const editor = vscode.window.activeTextEditor;
  if (editor) return { uri: isTraceDocument(editor.document) ? editor.document.uri : undefined, focusElsewhere: false };
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputText) {
    const open = findOpenDocument(input.uri);
    if (open) return { uri: isTraceDocument(open) ? open.uri : undefined, focusElsewhere: false };
    return { uri: (await isTraceFileOnDisk(input.uri)) ? input.uri : undefined, focusElsewhere: false };
  }
  if (input instanceof vscode.TabInputCustom && input.viewType === CAPTURE_VIEW_TYPE) return { uri: input.uri, focusElsewhere: false };
  // A webview (our own panel included), a settings page, or no tab at all.
  return { uri: undefined, focusElsewhere: true };
}

/** Accepts a URI from a command argument, as a string (code lenses) or a Uri. */
export function toUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string' && value.length > 0) {
    try {
      return vscode.Uri.parse(value, true);
    } catch {
      return undefined;
    }
  }
  return undefined;
}
