// Fetches summaries and call flows from the language server. The status bar and the panel
// both want the summary of the same file at the same moment; one request serves both, and
// the answer is kept until the document (or the file on disk) changes.

import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CallFlowRequest, ExtractCallsRequest, SummaryRequest, type CallFlow, type ExtractedCalls, type Summary } from '../../server/src/protocol';
import { findOpenDocument } from './traceTarget';

interface Entry {
  version: string;
  summary: Promise<Summary>;
}

export class SummarySource implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri | undefined>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** URIs someone shows; changes to them are announced even before their first summary. */
  private readonly watched = new Map<string, number>();
  private readonly fileWatchers = new Map<string, vscode.FileSystemWatcher>();

  /** Fires with a URI when that trace may have a new summary, or undefined for all traces. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly client: LanguageClient) {
    const debounced = new Map<string, NodeJS.Timeout>();
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((event) => {
        const key = event.document.uri.toString();
        if (!this.entries.has(key) && !this.watched.has(key)) return;
        // Typing fires many changes; the server re-analyses each version, so wait for a pause.
        clearTimeout(debounced.get(key));
        debounced.set(
          key,
          setTimeout(() => {
            debounced.delete(key);
            this.invalidate(event.document.uri);
          }, 400),
        );
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('sipLens')) this.invalidateAll();
      }),
      client.onDidChangeState(() => this.invalidateAll()),
      { dispose: () => debounced.forEach((timer) => clearTimeout(timer)) },
    );
  }

  /**
   * Announce changes of this trace, including changes on disk of files with no document.
   * Several views may watch one trace; the watch ends when the last one disposes its handle.
   */
  watch(uri: vscode.Uri): vscode.Disposable {
    const key = uri.toString();
    this.watched.set(key, (this.watched.get(key) ?? 0) + 1);
    if (uri.scheme === 'file' && !this.fileWatchers.has(key)) {
      const folder = vscode.Uri.joinPath(uri, '..');
      const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, name), true, false, true);
      watcher.onDidChange(() => {
        // Open documents are followed through their edits instead.
        if (!findOpenDocument(uri)) this.invalidate(uri);
      });
      this.fileWatchers.set(key, watcher);
    }
    let disposed = false;
    return {
      dispose: () => {
        if (disposed) return;
        disposed = true;
        const count = (this.watched.get(key) ?? 1) - 1;
        if (count > 0) {
          this.watched.set(key, count);
          return;
        }
        this.watched.delete(key);
        this.fileWatchers.get(key)?.dispose();
        this.fileWatchers.delete(key);
      },
    };
  }

  private invalidate(uri: vscode.Uri): void {
    this.entries.delete(uri.toString());
    this.changed.fire(uri);
  }

  private invalidateAll(): void {
    this.entries.clear();
    this.changed.fire(undefined);
  }

  private async versionOf(uri: vscode.Uri): Promise<string> {
    const document = findOpenDocument(uri);
    if (document) return `doc:${document.version}`;
    if (uri.scheme !== 'file') return 'unknown';
    try {
      const stat = await fs.stat(uri.fsPath);
      return `disk:${stat.size}:${stat.mtimeMs}`;
    } catch {
      return 'missing';
    }
  }

  async summary(uri: vscode.Uri): Promise<Summary> {
    const key = uri.toString();
    const version = await this.versionOf(uri);
    const cached = this.entries.get(key);
    if (cached && cached.version === version) return cached.summary;
    const summary = Promise.resolve(this.client.sendRequest(SummaryRequest, { uri: key }));
    const entry = { version, summary };
    this.entries.set(key, entry);
    // A failed request is not kept: the next caller asks again.
    summary.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return summary;
  }

  /** The ladder of a call; with `legs`, of every leg of it (B2BUA legs) in one multi-lane ladder. */
  async callFlow(uri: vscode.Uri, callId: string, legs = false): Promise<CallFlow | null> {
    return this.client.sendRequest(CallFlowRequest, { uri: uri.toString(), callId, ...(legs ? { legs } : {}) });
  }

  /** A new trace holding only these calls' messages (see sipLens/extractCalls). */
  async extractCalls(uri: vscode.Uri, callIds: readonly string[]): Promise<ExtractedCalls> {
    return this.client.sendRequest(ExtractCallsRequest, { uri: uri.toString(), callIds: [...callIds] });
  }

  dispose(): void {
    this.fileWatchers.forEach((w) => w.dispose());
    this.disposables.forEach((d) => d.dispose());
  }
}

/** The message of a failed request, in words for the user. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) return String((error as { message: unknown }).message);
  return String(error);
}
