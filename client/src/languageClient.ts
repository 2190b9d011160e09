// Starts the SIP Lens language server (dist/server.js) and connects the editor to it.

import * as vscode from 'vscode';
import {
  CloseAction,
  LanguageClient,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { CAPTURE_TEXT_SCHEME } from './captureUris';
import { OpenByUri } from './openByUri';
import { announceFirstRestart } from './restartNotice';
import { SERVER_EXEC_ARGV } from './serverProcess';
import { SIP_TRACE } from './traceTarget';

/** Also the prefix of the standard `sipLens.trace.server` setting, which the client reads itself. */
const CLIENT_ID = 'sipLens';

export function createLanguageClient(context: vscode.ExtensionContext): LanguageClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV] } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6009'] },
    },
  };

  // The library's default handler restarts a crashed server (up to 4 restarts in 3 minutes,
  // then it stops with its own error message). We keep that policy and only add one notice, so
  // a crash is not silent but a crash loop does not flood the user with messages.
  let client: LanguageClient | undefined;
  let fallback: ErrorHandler | undefined;
  const defaults = (): ErrorHandler => {
    if (!fallback) {
      if (!client) throw new Error('language client not created yet');
      fallback = client.createDefaultErrorHandler();
    }
    return fallback;
  };
  const errorHandler: ErrorHandler = {
    error: (error, message, count) => defaults().error(error, message, count),
    closed: announceFirstRestart<CloseAction, CloseHandlerResult>(
      () => defaults().closed(),
      (result) => result.action === CloseAction.Restart,
      () =>
        void vscode.window.showWarningMessage(
          vscode.l10n.t('SIP Lens: the language server stopped unexpectedly and is being restarted. See the "SIP Lens" output for details.'),
        ),
    ),
  };

  // Big files from disk go to the server by URI; it reads them itself.
  const openByUri = new OpenByUri();
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: SIP_TRACE },
      { scheme: 'untitled', language: SIP_TRACE },
      // Packet captures rendered as text (Open as Text Trace).
      { scheme: CAPTURE_TEXT_SCHEME, language: SIP_TRACE },
    ],
    synchronize: { configurationSection: 'sipLens' },
    outputChannelName: 'SIP Lens',
    errorHandler,
    middleware: openByUri.middleware,
  };

  client = new LanguageClient(CLIENT_ID, 'SIP Lens', serverOptions, clientOptions);
  context.subscriptions.push(openByUri.attach(client));
  return client;
}
