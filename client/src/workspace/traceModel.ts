// The workspace's trace files and their figures, as the language server reads them from disk.
// Shared by the SIP Traces view and the workspace summary panel. Nothing is asked of the server
// until one of them wants the list (the view shown, the panel opened); after that, changes on
// disk (a file system watcher) and settings that change analyses make the list stale, announced
// once per pause (debounced), and the next look fetches it again.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { type WorkspaceTraces, WorkspaceTracesRequest } from '../../../server/src/protocol';

/** Changes on disk come in bursts (a capture being written, a folder copied): wait for a pause. */
const DEBOUNCE_MS = 1000;

/** Paths in these folders are never trace files the list shows (see server/src/traceFiles.ts). */
function ignored(uri: vscode.Uri): boolean {
  // Below the workspace folder only: the folder itself may well sit under a hidden one.
  return /(?:^|\/)(?:\.[^/]*|node_modules)\//.test(vscode.workspace.asRelativePath(uri, false));
}

export class WorkspaceTraceModel implements vscode.Disposable {
  private latest: WorkspaceTraces | undefined;
  private fetching: Promise<WorkspaceTraces> | undefined;
  private stale = true;
  /** Files the user asked to analyse beyond the bounds. */
  private readonly asked = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private watching = false;
  private timer: NodeJS.Timeout | undefined;

  /** Fires when the list may have changed; listeners ask `listing()` again. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly client: () => Promise<LanguageClient>) {
    this.disposables.push(
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.invalidate()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('sipLens')) this.invalidate();
      }),
      { dispose: () => clearTimeout(this.timer) },
    );
  }

  /** The folders the server can read: `file:` ones only. */
  static folders(): vscode.WorkspaceFolder[] {
    return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  }

  /** The last list fetched, without asking for a new one. */
  get current(): WorkspaceTraces | undefined {
    return this.latest;
  }

  /** The list, fetched again when stale; one request at a time. */
  async listing(): Promise<WorkspaceTraces> {
    this.watch();
    if (!this.stale && this.latest) return this.latest;
    if (this.fetching) return this.fetching;
    this.stale = false;
    const fetching = this.fetch();
    this.fetching = fetching;
    try {
      this.latest = await fetching;
      return this.latest;
    } catch (error) {
      this.stale = true;
      throw error;
    } finally {
      this.fetching = undefined;
    }
  }

  /** Analyse this file even beyond the bounds, and announce the new list. */
  analyse(uri: vscode.Uri): void {
    this.asked.add(uri.toString());
    this.invalidate();
  }

  /** Mark the list stale and tell the views at once (Refresh). */
  refresh(): void {
    this.invalidate();
  }

  private async fetch(): Promise<WorkspaceTraces> {
    const client = await this.client();
    const folders = WorkspaceTraceModel.folders().map((f) => f.uri.toString());
    return client.sendRequest(WorkspaceTracesRequest, { folders, analyse: [...this.asked] });
  }

  private invalidate(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.stale = true;
    this.changed.fire();
  }

  private invalidateSoon(uri: vscode.Uri): void {
    if (ignored(uri)) return;
    this.stale = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.invalidate(), DEBOUNCE_MS);
  }

  /** Starts watching the workspace on first use: until then, nobody shows the list. */
  private watch(): void {
    if (this.watching) return;
    this.watching = true;
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => this.invalidateSoon(uri)),
      watcher.onDidChange((uri) => this.invalidateSoon(uri)),
      watcher.onDidDelete((uri) => this.invalidateSoon(uri)),
    );
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
