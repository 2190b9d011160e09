// A small LSP client for protocol tests: starts the built server (`node dist/server.js --stdio`)
// and speaks JSON-RPC over its stdio. Everything waits on events — notifications, responses,
// the child's exit — never on timers, apart from a generous guard timeout that fails the test.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  createMessageConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  type InitializeResult,
  InitializeRequest,
  InitializedNotification,
  LogMessageNotification,
  type MarkupContent,
  type MessageConnection,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  RegistrationRequest,
  ResponseError,
  type RequestType,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
} from 'vscode-languageserver-protocol/node';

export const ROOT = resolve(__dirname, '..', '..');
export const SERVER = resolve(ROOT, 'dist', 'server.js');
/** How long any single wait may take before the test fails (the server should answer in ms). */
const GUARD_MS = 20_000;

export function fileUri(path: string): string {
  return pathToFileURL(path).toString();
}

export interface ClientOptions {
  /** The `sipLens` settings section the client serves to workspace/configuration. */
  settings?: Record<string, unknown>;
  /** False: the client does not offer workspace/configuration (the server must use defaults). */
  configuration?: boolean;
  /** Extra environment for the server process. */
  env?: Record<string, string>;
  /** The display language the client announces in `initialize` (VS Code's `locale`). */
  locale?: string;
}

interface Waiter<T> {
  accept(value: T): boolean;
}

function withGuard<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out waiting for ${what}`)), GUARD_MS);
  });
  return Promise.race([promise, guard]).finally(() => clearTimeout(timer));
}

export class TestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly logs: { type: number; message: string }[] = [];
  /** `$/progress` values reported by the server, in order. */
  readonly progress: { token: string | number; value: unknown }[] = [];
  readonly progressTokens: (string | number)[] = [];
  settings: Record<string, unknown>;
  initializeResult!: InitializeResult;
  private readonly diagnosticWaiters = new Set<Waiter<PublishDiagnosticsParams>>();
  private readonly progressWaiters = new Set<Waiter<{ token: string | number; value: unknown }>>();
  private readonly versions = new Map<string, number>();
  private readonly exited: Promise<number | null>;
  stderr = '';

  private constructor(
    readonly child: ChildProcess,
    readonly connection: MessageConnection,
    options: ClientOptions,
  ) {
    this.settings = options.settings ?? {};
    this.exited = new Promise((resolveExit) => child.once('exit', (code) => resolveExit(code)));
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.set(params.uri, params);
      for (const waiter of [...this.diagnosticWaiters]) if (waiter.accept(params)) this.diagnosticWaiters.delete(waiter);
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params);
    });
    connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => (item.section === 'sipLens' ? this.settings : null)),
    );
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.onRequest(WorkDoneProgressCreateRequest.type, (params) => {
      this.progressTokens.push(params.token);
    });
    connection.onNotification('$/progress', (params: { token: string | number; value: unknown }) => {
      this.progress.push(params);
      for (const waiter of [...this.progressWaiters]) if (waiter.accept(params)) this.progressWaiters.delete(waiter);
    });
    connection.onRequest('workspace/codeLens/refresh', () => null);
  }

  static async start(options: ClientOptions = {}): Promise<TestClient> {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first`);
    const child = spawn(process.execPath, [SERVER, '--stdio'], {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(child, connection, options);
    connection.listen();
    client.initializeResult = await client.request(InitializeRequest.type, {
      processId: process.pid,
      ...(options.locale !== undefined ? { locale: options.locale } : {}),
      rootUri: fileUri(ROOT),
      workspaceFolders: null,
      capabilities: {
        workspace: {
          configuration: options.configuration !== false,
          didChangeConfiguration: { dynamicRegistration: true },
          codeLens: { refreshSupport: true },
        },
        window: { workDoneProgress: true },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
      },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  request<P, R, E>(type: RequestType<P, R, E>, params: P): Promise<R> {
    // By method name: the typed overloads do not resolve for a generic P.
    return withGuard(this.connection.sendRequest<R>(type.method, params), type.method);
  }

  /** A request by method name (the custom `sipLens/…` ones). */
  requestByName<R>(method: string, params: unknown): Promise<R> {
    return withGuard(this.connection.sendRequest<R>(method, params), method);
  }

  /** Resolves with the next diagnostics for `uri` that satisfy `accept` (or the current ones, if they do). */
  waitForDiagnostics(
    uri: string,
    accept: (params: PublishDiagnosticsParams) => boolean = () => true,
    includeCurrent = false,
  ): Promise<PublishDiagnosticsParams> {
    const current = this.diagnostics.get(uri);
    if (includeCurrent && current && accept(current)) return Promise.resolve(current);
    return withGuard(
      new Promise((resolveWait) => {
        this.diagnosticWaiters.add({
          accept: (params) => {
            if (params.uri !== uri || !accept(params)) return false;
            resolveWait(params);
            return true;
          },
        });
      }),
      `diagnostics for ${uri}`,
    );
  }

  /** Resolves when a `$/progress` notification of the given kind (`begin`, `end`) arrives. */
  waitForProgress(kind: 'begin' | 'report' | 'end'): Promise<{ token: string | number; value: unknown }> {
    const seen = this.progress.find((p) => (p.value as { kind?: string }).kind === kind);
    if (seen) return Promise.resolve(seen);
    return withGuard(
      new Promise((resolveWait) => {
        this.progressWaiters.add({
          accept: (params) => {
            if ((params.value as { kind?: string }).kind !== kind) return false;
            resolveWait(params);
            return true;
          },
        });
      }),
      `progress ${kind}`,
    );
  }

  /** Opens a document and resolves with its first diagnostics. */
  async open(uri: string, text: string, languageId = 'sip-trace'): Promise<PublishDiagnosticsParams> {
    const published = this.waitForDiagnostics(uri);
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text },
    });
    return published;
  }

  /** Replaces a document's text and resolves with the diagnostics of the new version. */
  async change(uri: string, text: string): Promise<PublishDiagnosticsParams> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const published = this.waitForDiagnostics(uri, (p) => p.version === version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    return published;
  }

  /** Closes a document and resolves once the server cleared its diagnostics. */
  async close(uri: string): Promise<void> {
    const cleared = this.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    await cleared;
  }

  /** Changes the settings the client serves and tells the server, as VS Code does. */
  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { sipLens: settings } });
  }

  async stop(): Promise<void> {
    try {
      await withGuard(this.connection.sendRequest(ShutdownRequest.type), 'shutdown');
      await this.connection.sendNotification(ExitNotification.type);
      await withGuard(this.exited, 'server exit');
    } finally {
      this.connection.dispose();
      if (this.child.exitCode === null) this.child.kill();
    }
  }

  /** The hover's Markdown at a position of an open document, or undefined when there is none. */
  async hoverText(uri: string, line: number, character = 2): Promise<string | undefined> {
    const result = await this.request(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
    return result ? (result.contents as MarkupContent).value : undefined;
  }

  /** Error-level log lines from the server (there should be none). */
  errors(): string[] {
    return this.logs.filter((l) => l.type === 1).map((l) => l.message);
  }
}

/** A diagnostic's message as text (LSP 3.18 allows Markdown content there too). */
export function messageOf(diagnostic: { message: string | { value: string } }): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

/** The ResponseError a request fails with; fails the test when the request succeeds. */
export async function rejection(promise: Promise<unknown>): Promise<ResponseError<unknown>> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ResponseError, `a ResponseError, got ${String(error)}`);
    return error;
  }
  assert.fail('the request should have failed');
}
