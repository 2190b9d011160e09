// The documents open in the editor: text documents synchronised as usual (`TextDocuments`), and
// big file-backed ones the editor announced by URI (`sipLens/didOpenFile`), whose text this
// thread never holds — their analysis worker reads the file, and applies the editor's changes
// since (`sipLens/didChangeFile`), which this thread keeps. A file document becomes a text
// document when the editor sends its text (a `textDocument/didOpen`, when the server asks for it);
// `textDocument/didClose` closes either kind.
import { fileURLToPath } from 'node:url';
import type {
  Connection,
  DidChangeTextDocumentParams,
  DidCloseTextDocumentParams,
  DidOpenTextDocumentParams,
  NotificationHandler,
  TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnnouncedFile } from './announcedFile';
import type { FileEdits } from './fileEdits';
import { DidChangeFileNotification, type DidChangeFileParams, DidOpenFileNotification, type DidOpenFileParams, type FileChange } from './protocol';

/**
 * The most changes kept for a file document, and the most characters they may insert: each new
 * version's worker applies all of them to the file's text, so past these the editor is asked
 * for the text instead (the document then carries on as a text document).
 */
const MAX_FILE_CHANGES = 2000;
const MAX_INSERTED = 4 * 1024 * 1024;

/** A document open in the editor whose text is read from its file. */
export interface FileDocument {
  readonly uri: string;
  readonly languageId: string;
  readonly version: number;
  readonly file: AnnouncedFile;
  /** The editor's changes since the file was announced (none until it is edited). */
  readonly edits?: FileEdits;
  /** The document version each of those changes made, in order. */
  readonly editVersions?: readonly number[];
}

export type OpenDocument = TextDocument | FileDocument;

export function isFileDocument(document: OpenDocument): document is FileDocument {
  return 'file' in document;
}

/** The announcement's fields, checked: a broken client's message is turned down with a reason. */
function fileDocumentOf(params: unknown): FileDocument | string {
  const p = (typeof params === 'object' && params !== null ? params : {}) as Partial<Record<keyof DidOpenFileParams, unknown>>;
  const doc = (typeof p.textDocument === 'object' && p.textDocument !== null ? p.textDocument : {}) as Record<string, unknown>;
  const { uri, languageId, version } = doc;
  if (typeof uri !== 'string' || typeof languageId !== 'string' || typeof version !== 'number') return 'textDocument { uri, languageId, version } is missing';
  const numbers = [p.length, p.lineCount, p.size, p.mtimeMs];
  if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n)) || typeof p.encoding !== 'string' || (p.eol !== '\n' && p.eol !== '\r\n')) {
    return 'encoding, length, lineCount, eol, size or mtimeMs is missing';
  }
  let path: string;
  try {
    path = fileURLToPath(uri);
  } catch {
    return `${uri} is not a file URI`;
  }
  const file: AnnouncedFile = {
    path,
    encoding: p.encoding,
    length: p.length as number,
    lineCount: p.lineCount as number,
    eol: p.eol,
    size: p.size as number,
    mtimeMs: p.mtimeMs as number,
  };
  return { uri, languageId, version, file };
}

/** A file document's changes made after `version` (with its text's length and line count after them), if any. */
function laterEdits(document: FileDocument, version: number): Pick<FileDocument, 'edits' | 'editVersions'> | undefined {
  const { edits, editVersions } = document;
  if (!edits || !editVersions) return undefined;
  const first = editVersions.findIndex((v) => v > version);
  if (first < 0) return undefined;
  return { edits: { ...edits, changes: edits.changes.slice(first) }, editVersions: editVersions.slice(first) };
}

function isPosition(value: unknown): boolean {
  const p = value as { line?: unknown; character?: unknown } | null;
  return typeof p === 'object' && p !== null && Number.isInteger(p.line) && Number.isInteger(p.character);
}

function isFileChange(value: unknown): value is FileChange {
  const c = value as { range?: { start?: unknown; end?: unknown }; text?: unknown } | null;
  return typeof c === 'object' && c !== null && typeof c.text === 'string' && typeof c.range === 'object' && c.range !== null && isPosition(c.range.start) && isPosition(c.range.end);
}

/** The change notification's fields, checked: a broken client's message is turned down with a reason. */
function fileChangeOf(params: unknown): DidChangeFileParams | string {
  const p = (typeof params === 'object' && params !== null ? params : {}) as Partial<Record<keyof DidChangeFileParams, unknown>>;
  const doc = (typeof p.textDocument === 'object' && p.textDocument !== null ? p.textDocument : {}) as Record<string, unknown>;
  if (typeof doc.uri !== 'string' || typeof doc.version !== 'number') return 'textDocument { uri, version } is missing';
  if (!Array.isArray(p.contentChanges) || !p.contentChanges.every(isFileChange)) return 'contentChanges are not ranges with their text';
  if (!Number.isInteger(p.length) || !Number.isInteger(p.lineCount)) return 'length or lineCount is missing';
  return p as DidChangeFileParams;
}

export interface TraceDocumentsHost {
  log(message: string): void;
  /** A file document cannot be kept as announced: ask the editor for its text. */
  needText(uri: string, reason: string): void;
}

export class TraceDocuments {
  private readonly files = new Map<string, FileDocument>();
  private readonly changed: ((document: OpenDocument) => void)[] = [];
  private readonly closed: ((uri: string) => void)[] = [];

  constructor(
    private readonly texts: TextDocuments<TextDocument>,
    private readonly host: TraceDocumentsHost,
  ) {
    texts.onDidChangeContent((event) => this.fireChanged(event.document));
    texts.onDidClose((event) => this.fireClosed(event.document.uri));
  }

  get(uri: string): OpenDocument | undefined {
    return this.texts.get(uri) ?? this.files.get(uri);
  }

  all(): OpenDocument[] {
    return [...this.texts.all(), ...this.files.values()];
  }

  /** A document was opened (either kind) or its text changed. */
  onDidChangeContent(listener: (document: OpenDocument) => void): void {
    this.changed.push(listener);
  }

  onDidClose(listener: (uri: string) => void): void {
    this.closed.push(listener);
  }

  listen(connection: Connection): void {
    connection.onNotification(DidOpenFileNotification.method, (params: unknown) => this.openFile(params));
    connection.onNotification(DidChangeFileNotification.method, (params: unknown) => this.changeFile(params));
    // The text documents hear the editor's notifications through here, so that a file document's
    // didOpen (its text), didClose and a change sent for it are seen first.
    const routed: Parameters<TextDocuments<TextDocument>['listen']>[0] = {
      onDidOpenTextDocument: (handler: NotificationHandler<DidOpenTextDocumentParams>) =>
        connection.onDidOpenTextDocument((params) => {
          // Its text now lives in the text document; its analysis carries on until the text's is made.
          this.files.delete(params.textDocument.uri);
          return handler(params);
        }),
      onDidChangeTextDocument: (handler: NotificationHandler<DidChangeTextDocumentParams>) =>
        connection.onDidChangeTextDocument((params) => {
          const { uri } = params.textDocument;
          if (this.files.has(uri)) {
            // Changes to a text this thread never had cannot be applied.
            this.host.needText(uri, 'a change arrived for a document opened by URI');
            return;
          }
          return handler(params);
        }),
      onDidCloseTextDocument: (handler: NotificationHandler<DidCloseTextDocumentParams>) =>
        connection.onDidCloseTextDocument((params) => {
          const { uri } = params.textDocument;
          if (this.files.delete(uri)) {
            this.fireClosed(uri);
            return;
          }
          return handler(params);
        }),
      onWillSaveTextDocument: (handler) => connection.onWillSaveTextDocument(handler),
      onWillSaveTextDocumentWaitUntil: (handler) => connection.onWillSaveTextDocumentWaitUntil(handler),
      onDidSaveTextDocument: (handler) => connection.onDidSaveTextDocument(handler),
    };
    this.texts.listen(routed);
  }

  private openFile(params: unknown): void {
    const document = fileDocumentOf(params);
    if (typeof document === 'string') {
      const uri = (params as { textDocument?: { uri?: unknown } } | null)?.textDocument?.uri;
      // With its URI known, the document can still be had as text.
      if (typeof uri === 'string') this.host.needText(uri, document);
      else this.host.log(`${DidOpenFileNotification.method} ignored: ${document}.`);
      return;
    }
    // Already open with its text (a client that announced it twice): the text stays.
    if (this.texts.get(document.uri)) return;
    // Announced again as a file (after a save): the file now holds the changes up to its version.
    // Changes made after that version may have come first; they are still to apply.
    const previous = this.files.get(document.uri);
    const kept = previous ? laterEdits(previous, document.version) : undefined;
    const current: FileDocument = previous ? { ...document, version: Math.max(previous.version, document.version), ...kept } : document;
    this.files.set(current.uri, current);
    this.fireChanged(current);
  }

  private changeFile(params: unknown): void {
    const change = fileChangeOf(params);
    if (typeof change === 'string') {
      this.host.log(`${DidChangeFileNotification.method} ignored: ${change}.`);
      return;
    }
    const document = this.files.get(change.textDocument.uri);
    // Not a file document (any more): its text came, and its changes go as text changes.
    if (!document) return;
    const changes = [...(document.edits?.changes ?? []), ...change.contentChanges];
    const editVersions = [...(document.editVersions ?? []), ...change.contentChanges.map(() => change.textDocument.version)];
    let inserted = 0;
    for (const c of changes) inserted += c.text.length;
    if (changes.length > MAX_FILE_CHANGES || inserted > MAX_INSERTED) {
      this.host.needText(document.uri, `${changes.length} changes inserting ${inserted} characters since it was opened`);
      return;
    }
    const edited: FileDocument = { ...document, version: change.textDocument.version, edits: { changes, length: change.length, lineCount: change.lineCount }, editVersions };
    this.files.set(document.uri, edited);
    this.fireChanged(edited);
  }

  private fireChanged(document: OpenDocument): void {
    for (const listener of this.changed) listener(document);
  }

  private fireClosed(uri: string): void {
    for (const listener of this.closed) listener(uri);
  }
}
