// The SIP Lens language server: LSP wiring only. Analysis lives in analysis/, caching and
// scheduling in analysisService.ts, each feature in its own module under features/, and the
// questions a feature asks of a document's analysis in queries.ts (answered in this thread for
// small documents, by the worker keeping the analysis for big ones).
// `node dist/server.js --stdio` runs it; the same bundle doubles as the analysis workers.
import {
  CodeLensRefreshRequest,
  type Connection,
  createConnection,
  DidChangeConfigurationNotification,
  ErrorCodes,
  type InitializeResult,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  AnalysisService,
  DEFAULT_MAX_DOCUMENT_WORKERS,
  DEFAULT_PROGRESS_DELAY_MS,
  DEFAULT_WORKER_THRESHOLD,
  type DocumentAnalysis,
  filePathOf,
  TraceFileError,
} from './analysisService';
import { isAnalysisWorker, runAnalysisWorker } from './analysisWorker';
import { isDocumentWorker, serveDocument, WorkerLostError } from './documentWorker';
import { extractFromFile } from './features/extract';
import {
  type CallFlow,
  type CallFlowParams,
  CallFlowRequest,
  type CaptureText,
  type CaptureTextParams,
  CaptureTextRequest,
  type ExtractCallsParams,
  ExtractCallsRequest,
  type ExtractedCalls,
  SendTextNotification,
  type ServerExperimentalCapabilities,
  type Summary,
  type SummaryParams,
  SummaryRequest,
  type WorkspaceTraces,
  type WorkspaceTracesParams,
  WorkspaceTracesRequest,
} from './protocol';
import { TraceDocuments } from './traceDocuments';
import { DEFAULT_WORKSPACE_LIMITS, WorkspaceTraceIndex } from './workspaceTraces';
import { defaultSettings, normalizeSettings, type SipLensSettings } from './settings';
import { setLocale, t } from './analysis/l10n';

const SETTINGS_SECTION = 'sipLens';

function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** A string field of a custom request's params; anything else is answered with InvalidParams. */
function stringParam(params: unknown, field: string, method: string, shape: string): string {
  const value = typeof params === 'object' && params !== null ? (params as Record<string, unknown>)[field] : undefined;
  if (typeof value !== 'string' || value === '') {
    throw new ResponseError<void>(ErrorCodes.InvalidParams, `${method} needs params ${shape}; "${field}" is missing or not a string.`);
  }
  return value;
}

function startLanguageServer(): void {
  const connection: Connection = createConnection(ProposedFeatures.all);
  // Text documents, and big file-backed ones the editor announced by URI (read by their worker).
  const documents = new TraceDocuments(new TextDocuments(TextDocument), {
    log: (message) => connection.console.log(message),
    needText: (uri, reason) => requestText(uri, reason),
  });
  let settings: SipLensSettings = defaultSettings();
  let canPullConfiguration = false;
  let canRegisterConfiguration = false;
  let canRefreshCodeLens = false;
  let canShowProgress = false;
  let settingsLoaded: Promise<void> = Promise.resolve();

  // Tuning knobs for tests and benchmarks; the defaults suit editors.
  const threshold = Number(process.env.SIP_LENS_WORKER_THRESHOLD) || DEFAULT_WORKER_THRESHOLD;
  const progressDelay = Number(process.env.SIP_LENS_PROGRESS_DELAY_MS ?? DEFAULT_PROGRESS_DELAY_MS);
  const maxDocumentWorkers = Number(process.env.SIP_LENS_MAX_DOCUMENT_WORKERS) || DEFAULT_MAX_DOCUMENT_WORKERS;
  const workerMaxHeapMb = Number(process.env.SIP_LENS_WORKER_MAX_HEAP_MB) || undefined;
  const service = new AnalysisService(
    documents,
    {
      log: (message) => connection.console.log(message),
      error: (message) => connection.console.error(message),
      beginProgress: async (title, fraction) => {
        if (!canShowProgress) return { report: () => undefined, done: () => undefined };
        const reporter = await connection.window.createWorkDoneProgress();
        const percent = (value: number) => Math.max(0, Math.min(100, Math.floor(value * 100)));
        reporter.begin(title, fraction === undefined ? undefined : percent(fraction), t('Reading SIP messages…'));
        // The figure is also in the message: a client that took the start as open-ended shows that.
        const report = (value: number) => {
          const figure = percent(value);
          reporter.report(figure, figure < 100 ? t('Reading… {0}%', figure) : t('Correlating calls…'));
        };
        return { report, done: () => reporter.done() };
      },
      analysed: (result) => void publish(result),
      needText: (uri, reason) => requestText(uri, reason),
    },
    // The bundle itself is the worker script.
    __filename,
    {
      workerThreshold: threshold,
      progressDelayMs: Number.isFinite(progressDelay) ? progressDelay : DEFAULT_PROGRESS_DELAY_MS,
      maxDocumentWorkers,
      workerMaxHeapMb,
    },
  );

  /** A document opened by URI is wanted as text (its file cannot be used as the editor holds it). */
  function requestText(uri: string, reason: string): void {
    connection.console.log(`Asking for the text of ${uri}: ${reason}.`);
    void connection.sendNotification(SendTextNotification.method, { uri }).catch(() => undefined);
  }

  async function publish(result: DocumentAnalysis): Promise<void> {
    await settingsLoaded;
    const document = documents.get(result.uri);
    // Diagnostics of an older version would sit on the wrong lines; the newer run publishes.
    if (!document || document.version !== result.version) return;
    try {
      const diagnostics = await result.answer({ kind: 'diagnostics', settings });
      // The document may have changed or closed while they were made.
      if (documents.get(result.uri)?.version !== result.version) return;
      await connection.sendDiagnostics({ uri: result.uri, version: result.version, diagnostics });
    } catch (error) {
      // The analysis was let go meanwhile: the one made next publishes.
      if (error instanceof WorkerLostError) return;
      connection.console.error(`Diagnostics for ${result.uri} failed: ${errorText(error)}`);
    }
  }

  async function republishAll(): Promise<void> {
    for (const document of documents.all()) {
      const result = await service.forOpenDocument(document.uri).catch(() => undefined);
      if (result) await publish(result);
    }
  }

  async function loadSettings(pushed?: unknown): Promise<void> {
    let raw: unknown = pushed;
    if (canPullConfiguration) {
      try {
        raw = await connection.workspace.getConfiguration(SETTINGS_SECTION);
      } catch (error) {
        connection.console.warn(`Could not read the ${SETTINGS_SECTION} settings: ${errorText(error)}`);
      }
    }
    settings = normalizeSettings(raw);
    service.setLocalAddresses(settings.localAddresses, true);
    service.setThresholds(settings.findings.slowSetup, true);
  }

  /** Runs a request handler; an exception is logged and answered with `fallback`, never fatal. */
  function guard<P, R>(name: string, fallback: R, handler: (params: P) => R | Promise<R>): (params: P) => Promise<R> {
    return async (params: P) => {
      try {
        return await handler(params);
      } catch (error) {
        connection.console.error(`${name} failed: ${errorText(error)}`);
        return fallback;
      }
    };
  }

  /** Like guard, for custom requests: failures become request errors with a clear message. */
  function guardRequest<P, R>(name: string, handler: (params: P) => Promise<R>): (params: P) => Promise<R | ResponseError<void>> {
    return async (params: P) => {
      try {
        return await handler(params);
      } catch (error) {
        if (error instanceof ResponseError) return error as ResponseError<void>;
        if (error instanceof TraceFileError) return new ResponseError<void>(LSPErrorCodes.RequestFailed, error.message);
        connection.console.error(`${name} failed: ${errorText(error)}`);
        return new ResponseError<void>(LSPErrorCodes.RequestFailed, `${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
  }

  connection.onInitialize((params): InitializeResult => {
    // The client's display language (VS Code sends it); without one, English. Never the environment's.
    setLocale(params.locale);
    const capabilities = params.capabilities;
    canPullConfiguration = capabilities.workspace?.configuration === true;
    canRegisterConfiguration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    canRefreshCodeLens = capabilities.workspace?.codeLens?.refreshSupport === true;
    canShowProgress = capabilities.window?.workDoneProgress === true;
    const initial = (params.initializationOptions as { settings?: unknown } | undefined)?.settings;
    if (initial !== undefined) settings = normalizeSettings(initial);
    service.setLocalAddresses(settings.localAddresses, false);
    service.setThresholds(settings.findings.slowSetup, false);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        documentSymbolProvider: { label: 'SIP calls' },
        foldingRangeProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        codeLensProvider: { resolveProvider: false },
        // Documents as big as those a worker analyses may be opened by URI (read from disk there).
        experimental: { sipLens: { openByUriFrom: threshold } } satisfies ServerExperimentalCapabilities,
      },
      serverInfo: { name: 'sip-lens', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (canRegisterConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    }
    if (canPullConfiguration) {
      settingsLoaded = loadSettings().catch((error) => connection.console.error(errorText(error)));
      void settingsLoaded.then(republishAll);
    }
  });

  connection.onDidChangeConfiguration((change) => {
    const pushed = (change.settings as Record<string, unknown> | null | undefined)?.[SETTINGS_SECTION];
    settingsLoaded = loadSettings(pushed).catch((error) => connection.console.error(errorText(error)));
    void settingsLoaded.then(async () => {
      await republishAll();
      if (canRefreshCodeLens) await connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    });
  });

  documents.onDidChangeContent((document) => {
    try {
      service.schedule(document);
    } catch (error) {
      connection.console.error(`Analysis of ${document.uri} could not start: ${errorText(error)}`);
    }
  });

  documents.onDidClose((uri) => {
    service.close(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.onHover(
    guard('Hover', null, async (params) => {
      const { uri } = params.textDocument;
      return (await service.answer(uri, { kind: 'hover', position: params.position })) ?? null;
    }),
  );

  connection.onDocumentSymbol(
    guard('Document symbols', [], async (params) => (await service.answer(params.textDocument.uri, { kind: 'documentSymbols' })) ?? []),
  );

  connection.onFoldingRanges(
    guard('Folding ranges', [], async (params) => (await service.answer(params.textDocument.uri, { kind: 'foldingRanges' })) ?? []),
  );

  connection.onDefinition(
    guard('Definition', null, async (params) => {
      const { uri } = params.textDocument;
      return (await service.answer(uri, { kind: 'definition', position: params.position })) ?? null;
    }),
  );

  connection.onReferences(
    guard('References', [], async (params) => {
      const { uri } = params.textDocument;
      const query = { kind: 'references', position: params.position, includeDeclaration: params.context.includeDeclaration } as const;
      return (await service.answer(uri, query)) ?? [];
    }),
  );

  connection.onDocumentHighlight(
    guard('Document highlights', [], async (params) => {
      const { uri } = params.textDocument;
      return (await service.answer(uri, { kind: 'documentHighlights', position: params.position })) ?? [];
    }),
  );

  connection.onCodeLens(
    guard('Code lenses', [], async (params) => {
      await settingsLoaded;
      if (!settings.codeLens.enabled) return [];
      return (await service.answer(params.textDocument.uri, { kind: 'codeLenses' })) ?? [];
    }),
  );

  // By method name: protocol.ts types its requests with the client's vscode-jsonrpc, whose
  // RequestType this server's (older, nested) copy does not accept; the params and results
  // stay typed by protocol.ts.
  connection.onRequest(
    SummaryRequest.method,
    guardRequest('Summary', (params: SummaryParams): Promise<Summary> =>
      service.query(stringParam(params, 'uri', SummaryRequest.method, '{ uri }'), { kind: 'summary' }),
    ),
  );

  connection.onRequest(
    CallFlowRequest.method,
    guardRequest('Call flow', async (params: CallFlowParams): Promise<CallFlow | null> => {
      const shape = '{ uri, callId }';
      const uri = stringParam(params, 'uri', CallFlowRequest.method, shape);
      const callId = stringParam(params, 'callId', CallFlowRequest.method, shape);
      return service.query(uri, { kind: 'callFlow', callId, legs: params.legs === true });
    }),
  );

  connection.onRequest(
    CaptureTextRequest.method,
    guardRequest('Capture text', (params: CaptureTextParams): Promise<CaptureText> =>
      service.captureText(stringParam(params, 'uri', CaptureTextRequest.method, '{ uri }')),
    ),
  );

  // Figures read from disk: an open document's unsaved edits are not the file's.
  const workspaceTraces = new WorkspaceTraceIndex(
    (uri) => service.summaryForListing(uri),
    () => service.optionsKey,
    DEFAULT_WORKSPACE_LIMITS,
    () => service.endListing(),
  );
  connection.onRequest(
    WorkspaceTracesRequest.method,
    guardRequest('Workspace traces', (params: WorkspaceTracesParams): Promise<WorkspaceTraces> => {
      const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
      if (typeof params !== 'object' || params === null || !Array.isArray(params.folders)) {
        throw new ResponseError<void>(ErrorCodes.InvalidParams, `${WorkspaceTracesRequest.method} needs params { folders: string[] }.`);
      }
      return workspaceTraces.list({ folders: strings(params.folders), analyse: strings(params.analyse) });
    }),
  );

  connection.onRequest(
    ExtractCallsRequest.method,
    guardRequest('Extract calls', async (params: ExtractCallsParams): Promise<ExtractedCalls> => {
      const uri = stringParam(params, 'uri', ExtractCallsRequest.method, '{ uri, callIds }');
      const callIds = Array.isArray(params.callIds) ? params.callIds.filter((id): id is string => typeof id === 'string') : [];
      const selection = { callIds, withLegs: params.withLegs === true };
      if (documents.get(uri)) {
        // Cut from the text the analysis was made of, wherever that analysis is kept.
        const open = await service.answer(uri, { kind: 'extractCalls', ...selection });
        if (open !== undefined) return open;
      }
      try {
        return await extractFromFile(filePathOf(uri), selection, service.options.localAddresses);
      } catch (error) {
        if (error instanceof TraceFileError) throw error;
        const path = filePathOf(uri);
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') throw new TraceFileError(t('File not found: {0}', path));
        throw new TraceFileError(t('Cannot analyse {0}: {1}', path, (error as Error).message));
      }
    }),
  );

  connection.onShutdown(() => service.dispose());

  // One bad message must not end the server: log what escaped and carry on.
  process.on('uncaughtException', (error) => connection.console.error(`Unexpected error: ${errorText(error)}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${errorText(reason)}`));

  documents.listen(connection);
  connection.listen();
}

if (isDocumentWorker()) serveDocument();
else if (isAnalysisWorker()) runAnalysisWorker();
else startLanguageServer();
