// `npm run try [-- FOLDER]`: see SIP Lens in a real VS Code in your browser, from a fresh clone.
// Installs what is missing (npm packages; code-server via test/e2e/setup.sh), builds and packages
// the extension, installs the .vsix into a private code-server profile under .e2e/try/, opens the
// sample traces (or FOLDER) and serves on 127.0.0.1 until Ctrl-C.
// PORT=NNNN picks the port (default 8080, or any free one when that is taken).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tryDir = path.join(root, '.e2e', 'try');

function step(title, command, args) {
  console.log(`\n== ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n${title} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

/** The sample traces: the end-to-end fixtures, plus test/fixtures when it holds any. */
function sampleWorkspace() {
  const folders = [{ name: 'samples', path: path.join(root, 'test', 'e2e', 'workspace') }];
  const fixtures = path.join(root, 'test', 'fixtures');
  if (fs.existsSync(fixtures) && fs.readdirSync(fixtures).length > 0) folders.push({ name: 'test fixtures', path: fixtures });
  if (folders.length === 1) return { query: 'folder', target: folders[0].path };
  const file = path.join(tryDir, 'sip-lens-samples.code-workspace');
  fs.mkdirSync(tryDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ folders }, null, 2) + '\n');
  return { query: 'workspace', target: file };
}

const requested = process.argv[2] ? path.resolve(process.argv[2]) : undefined;
if (requested && !fs.statSync(requested, { throwIfNoEntry: false })?.isDirectory()) {
  console.error(`${requested} is not a folder`);
  process.exit(2);
}

if (!fs.existsSync(path.join(root, 'node_modules', 'tsx'))) step('npm ci', 'npm', ['ci']);
step('code-server and Chromium (test/e2e/setup.sh)', 'sh', [path.join(root, 'test', 'e2e', 'setup.sh')]);
step('build and package the extension', 'npm', ['run', 'package']);

// The harness's code-server helpers are TypeScript; tsx (a dev dependency) loads them.
const { require: tsxRequire } = await import('tsx/cjs/api');
const codeServer = tsxRequire('../test/e2e/harness/codeServer.ts', import.meta.url);
const paths = tsxRequire('../test/e2e/harness/paths.ts', import.meta.url);

const profile = { userDataDir: path.join(tryDir, 'user-data'), extensionsDir: path.join(tryDir, 'extensions') };
console.log(`\n== install ${path.relative(root, paths.vsixPath)} into code-server`);
codeServer.installVsix(paths.vsixPath, profile);

const open = requested ? { query: 'folder', target: requested } : sampleWorkspace();
const server = await codeServer.startCodeServer({ ...profile, port: Number(process.env.PORT ?? 8080) });
const url = `${server.origin}/?${new URLSearchParams({ [open.query]: open.target })}`;

let stopping = false;
const stop = async (code) => {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping code-server …');
  await server.stop();
  process.exit(code);
};
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
server.exited.then(() => {
  if (!stopping) {
    console.error(`code-server stopped by itself:\n${server.output().slice(-2000)}`);
    void stop(1);
  }
});

console.log(`
SIP Lens is running in VS Code (code-server, loopback only). Open this in a browser:

    ${url}

Try: open calls.sip, hover a response line, look at the Problems panel, run
"SIP Lens: Show Call Summary" from the command palette. Press Ctrl-C here to stop.`);
