// The body of the stand-in "VS Code executable" (../bin/code) that @vscode/test-electron's
// runTests() launches. It takes the arguments desktop VS Code would get
//   --extensionDevelopmentPath=DIR --extensionTestsPath=FILE --user-data-dir=DIR
//   --extensions-dir=DIR [--locale=LANG] [WORKSPACE]
// and turns them into the same test run in code-server's web workbench, opened in headless
// Chromium. The workbench reports the end of the tests through codeAutomationExit(code); this
// process exits with that code. On failure it saves a screenshot to test/e2e/out/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import type { Browser } from 'playwright-core';
import { bridgeEnvVar } from '../bridgeProtocol';
import { defaultViewport, launchChromium, saveScreenshot } from './browser';
import { startCodeServer, type CodeServer } from './codeServer';
import { serveDomBridge, type DomBridge } from './domBridge';
import { runsDir } from './paths';

interface LaunchArgs {
  extensionDevelopmentPath?: string;
  extensionTestsPath?: string;
  userDataDir?: string;
  extensionsDir?: string;
  workspace?: string;
  /** VS Code's display language (`--locale ru`), given to code-server. */
  locale?: string;
}

/** Options that take a value, in `--name=value` or `--name value` form. */
const valueOptions: Record<string, keyof LaunchArgs> = {
  '--extensionDevelopmentPath': 'extensionDevelopmentPath',
  '--extensionTestsPath': 'extensionTestsPath',
  '--user-data-dir': 'userDataDir',
  '--extensions-dir': 'extensionsDir',
};

export function parseLaunchArgs(argv: string[]): LaunchArgs {
  const parsed: LaunchArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const key = valueOptions[name];
    if (name === '--locale') {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value) parsed.locale = value;
    } else if (key) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      // Only the first development path is used: the web workbench takes one.
      if (value !== undefined && parsed[key] === undefined) parsed[key] = path.resolve(value);
    } else if (!arg.startsWith('-') && parsed.workspace === undefined) {
      parsed.workspace = path.resolve(arg);
    }
    // Electron-only switches (--no-sandbox, --disable-updates, --skip-welcome, …) mean nothing here.
  }
  return parsed;
}

function workbenchUrl(server: CodeServer, args: LaunchArgs): string {
  const remote = (file: string) => `vscode-remote://127.0.0.1:${server.port}${file}`;
  const payload: [string, string][] = [['skipWelcome', 'true']];
  if (args.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(args.extensionDevelopmentPath)]);
  if (args.extensionTestsPath) payload.push(['extensionTestsPath', remote(args.extensionTestsPath)]);
  const query = new URLSearchParams();
  if (args.workspace) {
    query.set(args.workspace.endsWith('.code-workspace') ? 'workspace' : 'folder', args.workspace);
  }
  query.set('payload', JSON.stringify(payload));
  return `${server.origin}/?${query.toString()}`;
}

/** Routine workbench start-up messages that say nothing about the tests. */
const workbenchChatter =
  /^(Resolving connection token|Resolved connection token|Creating a socket|\[Service Worker\]|Updating additional builtin extensions cache|Ignoring fetching additional builtin extensions|ChatSessionStore)/;

const started = Date.now();
/** Set on Ctrl-C: whatever fails after that is the interruption's doing, not the tests'. */
let interrupted = false;
const log = (line: string) => console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);

async function runTestsInWorkbench(argv: string[]): Promise<number> {
  const args = parseLaunchArgs(argv);
  if (!args.extensionTestsPath) throw new Error('--extensionTestsPath is required');
  const label = process.env.SIP_LENS_E2E_LABEL ?? 'e2e';
  const verbose = !!process.env.SIP_LENS_E2E_VERBOSE;
  // A normal run takes well under a minute; both runs must stay far below ten minutes even when stuck.
  const timeoutMs = Number(process.env.SIP_LENS_E2E_TIMEOUT_MS ?? 180_000);

  fs.mkdirSync(runsDir, { recursive: true });
  const runDir = args.userDataDir ? path.dirname(args.userDataDir) : fs.mkdtempSync(path.join(runsDir, `${label}-`));
  fs.mkdirSync(runDir, { recursive: true });
  const userDataDir = args.userDataDir ?? path.join(runDir, 'user-data');
  const extensionsDir = args.extensionsDir ?? path.join(runDir, 'extensions');
  const bridgeDir = path.join(runDir, 'dom-bridge');

  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let bridge: DomBridge | undefined;
  const cleanUp = async () => {
    bridge?.close();
    await browser?.close().catch(() => undefined);
    if (server) {
      log('stopping code-server');
      await server.stop();
      log('code-server stopped');
    }
  };
  // runTests() forwards Ctrl-C as SIGINT: leave nothing running behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted = true;
      log(`${signal}: stopping`);
      void cleanUp().finally(() => process.exit(130));
    });
  }

  try {
    server = await startCodeServer({
      userDataDir,
      extensionsDir,
      env: { [bridgeEnvVar]: bridgeDir },
      verbose,
      locale: args.locale,
    });
    log(`code-server listening on ${server.origin}`);
    browser = await launchChromium();
    // Clipboard access as a user grants it: Copy Summary as Markdown is checked by reading it back.
    const page = await browser.newPage({ viewport: defaultViewport, permissions: ['clipboard-read', 'clipboard-write'] });

    let reportExit: (code: number) => void = () => undefined;
    const testsExited = new Promise<number>((resolve) => (reportExit = resolve));
    // The workbench calls these when it runs extension tests "from the command line".
    await page.exposeFunction('codeAutomationLog', (type: string, logArgs: unknown[]) => {
      const text = format(...(Array.isArray(logArgs) ? logArgs : [logArgs]));
      if (!verbose && workbenchChatter.test(text)) return;
      if (type === 'error') console.error(text);
      else console.log(text);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));
    page.on('pageerror', (error) => verbose && log(`[page error] ${error.message}`));
    page.on('console', (message) => verbose && log(`[browser ${message.type()}] ${message.text().slice(0, 500)}`));
    page.on('crash', () => reportExit(-2));
    bridge = serveDomBridge(bridgeDir, page, verbose ? log : () => undefined);

    const url = workbenchUrl(server, args);
    log(`opening ${url}`);
    await page.goto(url);

    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<number>((resolve) => (timer = setTimeout(() => resolve(-1), timeoutMs)));
    const code = await Promise.race([testsExited, timedOut]);
    clearTimeout(timer);
    if (code === -1) log(`the tests did not finish within ${timeoutMs} ms`);
    if (code === -2) log('the browser page crashed');
    log(`tests finished with exit code ${code}`);

    if (code !== 0) {
      const shot = await saveScreenshot(page, `${label}-failure`).catch((error: Error) => `(no screenshot: ${error.message})`);
      log(`screenshot: ${shot}`);
      log(`VS Code logs: ${path.join(userDataDir, 'logs')}`);
      if (verbose) console.log(server.output().slice(-4000));
    }
    return code === 0 ? 0 : 1;
  } finally {
    await cleanUp();
  }
}

/** Entry point of ../bin/code: exits with the tests' exit code (2 when the harness itself fails). */
export function runFromCommandLine(argv: string[]): void {
  runTestsInWorkbench(argv).then(
    (code) => process.exit(code),
    (error: Error) => {
      if (interrupted) process.exit(130);
      console.error(`[e2e] ${error.stack ?? error.message}`);
      process.exit(2);
    },
  );
}
