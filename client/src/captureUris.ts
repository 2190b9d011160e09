// Names of packet captures and of their text documents. No other module of ours is imported
// here, so everything that needs to tell captures apart can use it.

import * as path from 'node:path';
import * as vscode from 'vscode';

/** View type of the read-only capture editor (package.json `customEditors`). */
export const CAPTURE_VIEW_TYPE = 'sipLens.capture';

/** URI scheme of capture text documents; the language client serves it. */
export const CAPTURE_TEXT_SCHEME = 'sip-lens-capture';

/**
 * The text document of a capture: the capture's path with `.sip` added (so the tab says what it
 * is, and the name alone gives it the sip-trace language), the capture's own URI in the query.
 */
export function captureTextUri(capture: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: CAPTURE_TEXT_SCHEME, path: `${capture.path}.sip`, query: capture.toString() });
}

/** The capture a capture text document shows, or undefined for other URIs. */
export function captureOfTextUri(uri: vscode.Uri): vscode.Uri | undefined {
  if (uri.scheme !== CAPTURE_TEXT_SCHEME || uri.query === '') return undefined;
  try {
    return vscode.Uri.parse(uri.query, true);
  } catch {
    return undefined;
  }
}

/** File names the capture editor opens (the manifest's `customEditors` selector). */
const CAPTURE_FILE_NAME = /\.(?:pcap|pcapng|cap|pcap\.gz|pcapng\.gz)$/i;

export function isCaptureFileName(uri: vscode.Uri): boolean {
  return CAPTURE_FILE_NAME.test(path.posix.basename(uri.path));
}
