// Bundles the extension client, the language server, the CLI, and the pages of the summary panel
// and the workspace summary (browser scripts, dist/webview/panel.js and workspaceSummary.js) with esbuild.
// `--production` minifies; `--watch` rebuilds on change. Type-checking is `npm run typecheck`.
import { chmodSync } from 'node:fs';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  external: ['vscode'],
  logLevel: 'warning',
};

/**
 * The CLI's first line: Node with a young generation of 4 MB semi-spaces rather than V8's default
 * of up to 16 MB. The analysis allocates fast and briefly, so V8 grows the young generation to its
 * most and keeps it resident; with 4 MB the run takes as long and peaks 20–40 MB lower
 * (test/bench/README.md). `env -S` splits the options on Linux and macOS; npm's Windows shims
 * read it too.
 */
const CLI_SHEBANG = '#!/usr/bin/env -S node --max-semi-space-size=4';

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js' },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: CLI_SHEBANG } },
  // The panel's page runs in the webview: a browser script that imports only the view model's types.
  { entryPoints: ['client/src/panel/webview/main.ts'], outfile: 'dist/webview/panel.js', platform: 'browser', format: 'iife', target: 'es2022' },
  // The workspace summary's page, likewise.
  { entryPoints: ['client/src/workspace/webview/main.ts'], outfile: 'dist/webview/workspaceSummary.js', platform: 'browser', format: 'iife', target: 'es2022' },
];

const contexts = await Promise.all(entries.map((entry) => esbuild.context({ ...common, ...entry })));
if (watch) {
  await Promise.all(contexts.map((ctx) => ctx.watch()));
  console.log('[watch] build started');
} else {
  await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  // Run as a program (`./dist/cli.js`, or `sip-lens` where npm links it), its first line applies.
  chmodSync('dist/cli.js', 0o755);
}
