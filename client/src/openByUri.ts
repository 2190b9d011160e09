// Big files opened from disk are announced to the language server by URI (`sipLens/didOpenFile`)
// rather than sent as text: the server's analysis worker reads the file itself, so the server
// neither reads a JSON message as big as the file nor keeps a copy of its text. The editor's
// view of the text goes along (encoding, length, line count, line ending, the file's size and
// time), for the server to check its reading against. The text is sent after all — a normal
// didOpen — on the document's first change (its changes then follow as usual) and when the server
// asks for it (`sipLens/sendText`: the file on disk is not what the editor holds).
import { statSync } from 'node:fs';
import * as vscode from 'vscode';
import type { LanguageClient, Middleware } from 'vscode-languageclient/node';
import {
  DidOpenFileNotification,
  type DidOpenFileParams,
  OPEN_BY_URI_ENCODINGS,
  SendTextNotification,
  type ServerExperimentalCapabilities,
} from '../../server/src/protocol';

/** Sends a document's didOpen with its text (the language client's own). */
type SendText = (document: vscode.TextDocument) => Promise<void>;

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
      const uri = event.document.uri.toString();
      const sendText = this.announced.get(uri);
      if (!sendText) return next(event);
      this.announced.delete(uri);
      // The text as it is now, this change included; the changes after it go as usual.
      await sendText(event.document);
    },
    didClose: async (document, next) => {
      this.announced.delete(document.uri.toString());
      await next(document);
    },
  };

  /** Serves `client`, whose options carry `middleware`. */
  attach(client: LanguageClient): void {
    this.client = client;
    client.onNotification(SendTextNotification, ({ uri }) => {
      const sendText = this.announced.get(uri);
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
      if (!sendText || !document) return;
      this.announced.delete(uri);
      void sendText(document);
    });
  }

  /** The announcement of a document to open by URI; undefined when it is sent as text. */
  private announcement(document: vscode.TextDocument): DidOpenFileParams | undefined {
    const experimental = this.client?.initializeResult?.capabilities.experimental as ServerExperimentalCapabilities | undefined;
    const from = experimental?.sipLens?.openByUriFrom;
    if (typeof from !== 'number' || document.uri.scheme !== 'file' || document.isDirty) return undefined;
    // An API of VS Code 1.100; older editors send the text.
    const encoding = (document as { encoding?: string }).encoding;
    if (encoding === undefined || !OPEN_BY_URI_ENCODINGS.includes(encoding)) return undefined;
    // The text's length without making it a string (VS Code keeps the lines).
    const length = document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
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
