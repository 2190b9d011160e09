// Bundles the extension client, the language server, the CLI, and the pages of the summary panel
// and the workspace summary (browser scripts, dist/webview/panel.js and workspaceSummary.js) with esbuild.
// `--production` minifies; `--watch` rebuilds on change. Type-checking is `npm run typecheck`.
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

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js' },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
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
}
