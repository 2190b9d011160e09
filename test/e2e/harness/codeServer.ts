// Starts and stops code-server (VS Code's server + web workbench) on loopback, with a throwaway
// profile, and installs packaged extensions into such a profile.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { codeServerBin, workTmp } from './paths';

export interface Profile {
  /** VS Code's user data (settings, state, logs). */
  userDataDir: string;
  /** Installed extensions. */
  extensionsDir: string;
}

export interface CodeServer {
  port: number;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** Everything code-server printed so far (for failure reports). */
  output(): string;
  /** Resolves when the code-server process exits, whoever stopped it. */
  exited: Promise<void>;
  /** Resolves once code-server and every process it started have gone. */
  stop(): Promise<void>;
}

const workbenchSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  // The fixture workspace sits inside this repository: no "open the parent repository?" prompt,
  // and no git scanning the whole repository while the tests run.
  'git.openRepositoryInParentFolders': 'never',
  'git.enabled': false,
};

export function ensureCodeServerInstalled(): void {
  if (!fs.existsSync(codeServerBin)) {
    throw new Error(`code-server is not installed at ${codeServerBin}; run test/e2e/setup.sh first`);
  }
}

/** Creates the profile folders and quiet default settings; keeps settings a caller already wrote. */
export function prepareProfile(profile: Profile): void {
  fs.mkdirSync(profile.extensionsDir, { recursive: true });
  const userDir = path.join(profile.userDataDir, 'User');
  fs.mkdirSync(userDir, { recursive: true });
  const settingsFile = path.join(userDir, 'settings.json');
  if (!fs.existsSync(settingsFile)) {
    fs.writeFileSync(settingsFile, JSON.stringify(workbenchSettings, null, 2) + '\n');
  }
}

/**
 * Lets `--locale <locale>` make `<locale>` VS Code's display language although no language pack
 * can be had here: the profile gets a language pack entry (languagepacks.json, as VS Code writes
 * for an installed pack) whose translation file translates nothing. The server then resolves the
 * display language to `<locale>` and serves the workbench its messages — its own English ones —
 * so `vscode.env.language` is `<locale>` and extensions load their bundles for it, while the
 * workbench itself stays English, as with a language pack that lacks a translation.
 */
export function addEmptyLanguagePack(profile: Profile, locale: string): void {
  prepareProfile(profile);
  const translations = path.join(path.dirname(profile.userDataDir), `language-pack-${locale}`, 'main.i18n.json');
  fs.mkdirSync(path.dirname(translations), { recursive: true });
  fs.writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }) + '\n');
  // VS Code reads the pack's extension from the entry: name one, though none is installed.
  const extension = { extensionIdentifier: { id: `sip-lens-e2e.display-language-${locale}` }, version: '0.0.1' };
  const packs = { [locale]: { hash: `sip-lens-e2e-${locale}`, extensions: [extension], translations: { vscode: translations }, label: locale } };
  fs.writeFileSync(path.join(profile.userDataDir, 'languagepacks.json'), JSON.stringify(packs, null, 2) + '\n');
}

/**
 * Environment for code-server: temp and XDG folders inside the profile's parent, so nothing lands
 * in the user's home (code-server writes a config file there on first start otherwise).
 */
function codeServerEnv(profile: Profile, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const state = path.join(path.dirname(profile.userDataDir), 'xdg');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TMPDIR: workTmp,
    XDG_CONFIG_HOME: path.join(state, 'config'),
    XDG_DATA_HOME: path.join(state, 'data'),
    XDG_CACHE_HOME: path.join(state, 'cache'),
    // No extension marketplace: code-server would otherwise look up open-vsx.org, and every
    // network request stays on loopback here.
    EXTENSIONS_GALLERY: '{}',
    ...extra,
  };
  // A password in the environment would switch authentication back on.
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;
  for (const dir of [workTmp, env.XDG_CONFIG_HOME, env.XDG_DATA_HOME, env.XDG_CACHE_HOME]) {
    if (dir) fs.mkdirSync(dir, { recursive: true });
  }
  return env;
}

export async function freeLoopbackPort(preferred?: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
      });
    });
  if (preferred) {
    try {
      return await tryListen(preferred);
    } catch {
      // taken: fall through to any free port
    }
  }
  return tryListen(0);
}

/** Installs a .vsix into the profile with code-server's own CLI (a folder path is not accepted). */
export function installVsix(vsix: string, profile: Profile): void {
  ensureCodeServerInstalled();
  prepareProfile(profile);
  const result = spawnSync(
    codeServerBin,
    ['--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir, '--install-extension', vsix, '--force'],
    { env: codeServerEnv(profile, {}), encoding: 'utf8', timeout: 120_000 },
  );
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`installing ${vsix} failed (exit ${result.status}):\n${output}`);
  }
}

export interface StartOptions extends Profile {
  /** Folder the workbench opens when the URL names none. */
  folder?: string;
  /** Preferred port; any free port when taken or absent. */
  port?: number;
  /** Extra environment for code-server and the extension host it starts. */
  env?: NodeJS.ProcessEnv;
  /** Echo code-server's output as it comes. */
  verbose?: boolean;
  startTimeoutMs?: number;
  /** VS Code's display language for the workbench and extensions (`vscode.env.language`). */
  locale?: string;
}

export async function startCodeServer(options: StartOptions): Promise<CodeServer> {
  ensureCodeServerInstalled();
  prepareProfile(options);
  const port = await freeLoopbackPort(options.port);
  const args = [
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', options.userDataDir,
    '--extensions-dir', options.extensionsDir,
  ];
  if (options.locale) args.push('--locale', options.locale);
  if (options.folder) args.push(options.folder);

  // Its own process group, so that stopping it can also reach the extension host and file
  // watcher it starts, and so that a terminal's Ctrl-C reaches us first and we stop it in order.
  const child = spawn(codeServerBin, args, {
    env: codeServerEnv(options, options.env ?? {}),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    if (options.verbose) process.stdout.write(text.replace(/^(?=.)/gm, '[code-server] '));
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  await waitForListening(child, () => output, options.startTimeoutMs ?? 60_000);
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    output: () => output,
    exited,
    stop: () => stopProcessGroup(child, exited),
  };
}

function waitForListening(child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (/HTTP server listening on/.test(output())) finish();
    };
    const onExit = (code: number | null) => finish(new Error(`code-server exited (${code}) before listening:\n${output()}`));
    const timer = setTimeout(() => finish(new Error(`code-server did not start within ${timeoutMs} ms:\n${output()}`)), timeoutMs);
    const finish = (error?: Error) => {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.stderr?.off('data', check);
      child.off('exit', onExit);
      if (error) {
        if (child.pid) killGroup(child.pid, 'SIGKILL');
        reject(error);
      } else {
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('exit', onExit);
    check();
  });
}

function killGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // the group is gone already
  }
}

function groupAlive(pid: number): boolean {
  return killGroup(pid, 0);
}

/**
 * SIGTERM lets code-server shut its extension host down cleanly (that takes ~2 s); waits until
 * the whole process group has gone, and only then returns. Force after a bounded wait.
 */
async function stopProcessGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  const pid = child.pid;
  if (!pid) return;
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  const deadline = Date.now() + 10_000;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 10_000)))]);
  clearTimeout(timer);
  // The main process is gone; its children leave within a moment. Watching them is the only
  // way to know, since they are not our children.
  while (groupAlive(pid) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (groupAlive(pid)) killGroup(pid, 'SIGKILL');
}
