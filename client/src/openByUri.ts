// Big files opened from disk are announced to the language server by URI (`sipLens/didOpenFile`)
// rather than sent as text: the server's analysis worker reads the file itself, so the server
// neither reads a JSON message as big as the file nor keeps a copy of its text. The editor's
// view of the text goes along (encoding, length, line count, line ending, the file's size and
// time), for the server to check its reading against. Edits go as changes only
// (`sipLens/didChangeFile`), which the worker applies to the file's text; a save announces the
// file again (it now holds them). The text is sent after all — a normal didOpen — when the server
// asks for it (`sipLens/sendText`: the file on disk is not what the editor holds, or the edits
// are too many); its changes then follow as usual.
import { statSync } from 'node:fs';
import * as vscode from 'vscode';
import type { LanguageClient, Middleware } from 'vscode-languageclient/node';
import {
  DidChangeFileNotification,
  DidOpenFileNotification,
  type DidOpenFileParams,
  OPEN_BY_URI_ENCODINGS,
  SendTextNotification,
  type ServerExperimentalCapabilities,
} from '../../server/src/protocol';

/** Sends a document's didOpen with its text (the language client's own). */
type SendText = (document: vscode.TextDocument) => Promise<void>;

/** The text's length without making it a string (VS Code keeps the lines). */
function textLength(document: vscode.TextDocument): number {
  return document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
}

export class OpenByUri {
  /** Documents announced by URI whose text the server does not have, with how to send it. */
  private readonly announced = new Map<string, SendText>();
  private client: LanguageClient | undefined;

  readonly middleware: Pick<Middleware, 'didOpen' | 'didChange' | 'didClose'> = {
    didOpen: async (document, next) => {
      const params = this.client && this.announcement(document);
      if (!this.client || !params) return next(document);
      const uri = document.uri.toString();
      this.announced.set(uri, next);
      await this.client.sendNotification(DidOpenFileNotification, params);
    },
    didChange: async (event, next) => {
      const { document } = event;
      if (!this.client || !this.announced.has(document.uri.toString())) return next(event);
      await this.client.sendNotification(DidChangeFileNotification, {
        textDocument: { uri: document.uri.toString(), version: document.version },
        contentChanges: event.contentChanges.map(({ range, text }) => ({
          range: { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } },
          text,
        })),
        length: textLength(document),
        lineCount: document.lineCount,
      });
    },
    didClose: async (document, next) => {
      this.announced.delete(document.uri.toString());
      await next(document);
    },
  };

  /** Serves `client`, whose options carry `middleware`; the returned disposable stops listening for saves. */
  attach(client: LanguageClient): vscode.Disposable {
    this.client = client;
    // A saved file holds the editor's text: announced again, the server reads it with no changes to apply.
    // (The language client tells the server of saves only when it asks; this one does not.)
    const saves = vscode.workspace.onDidSaveTextDocument((document) => {
      const params = this.announced.has(document.uri.toString()) ? this.announcement(document) : undefined;
      if (params) void client.sendNotification(DidOpenFileNotification, params);
    });
    client.onNotification(SendTextNotification, ({ uri }) => {
      const sendText = this.announced.get(uri);
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
      if (!sendText || !document) return;
      this.announced.delete(uri);
      void sendText(document);
    });
    return saves;
  }

  /** The announcement of a document to open by URI; undefined when it is sent as text. */
  private announcement(document: vscode.TextDocument): DidOpenFileParams | undefined {
    const experimental = this.client?.initializeResult?.capabilities.experimental as ServerExperimentalCapabilities | undefined;
    const from = experimental?.sipLens?.openByUriFrom;
    if (typeof from !== 'number' || document.uri.scheme !== 'file' || document.isDirty) return undefined;
    // An API of VS Code 1.100; older editors send the text.
    const encoding = (document as { encoding?: string }).encoding;
    if (encoding === undefined || !OPEN_BY_URI_ENCODINGS.includes(encoding)) return undefined;
    const length = textLength(document);
    if (length < from) return undefined;
    let size: number;
    let mtimeMs: number;
    try {
      ({ size, mtimeMs } = statSync(document.uri.fsPath));
    } catch {
      return undefined;
    }
    return {
      textDocument: { uri: document.uri.toString(), languageId: document.languageId, version: document.version },
      encoding,
      length,
      lineCount: document.lineCount,
      eol: document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
      size,
      mtimeMs,
    };
  }
}
