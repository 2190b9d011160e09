// The summary panel's page and webview options. Pure (no vscode import) so the security of the
// page — its Content Security Policy, what it may load, that it holds no trace text — can be
// unit-tested. The page is an empty shell: its script (dist/webview/panel.js, built from
// webview/main.ts) draws everything from posted data.

import { randomBytes } from 'node:crypto';

/** The folders the webview may load from, relative to the extension's root: styles, and the script. */
export const MEDIA_FOLDER = 'media';
export const SCRIPT_FOLDER = 'dist/webview';

export interface PanelPageResources {
  /** `webview.cspSource`: the origin of the extension's own resources. */
  cspSource: string;
  /** A fresh random value per page; only the script tagged with it runs. */
  nonce: string;
  /** Webview URIs of dist/webview/panel.js and media/panel.css. */
  scriptUri: string;
  styleUri: string;
  /** The page's language (BCP 47) and its loading line, in that language. */
  lang: string;
  loading: string;
  title: string;
}

/** 144 random bits, base64: unguessable, and valid in a CSP `nonce-` source. */
export function createNonce(): string {
  return randomBytes(18).toString('base64');
}

/**
 * The Content Security Policy: nothing by default; styles and images only from the extension
 * (images also as `data:`); scripts only with the nonce — no inline script, no `eval`.
 */
export function panelCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
  ].join('; ');
}

function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The page: the CSP, the stylesheet, an empty main element and the nonce-tagged script. */
export function panelHtml(resources: PanelPageResources): string {
  const { cspSource, nonce, scriptUri, styleUri, lang, loading, title } = resources;
  return `<!DOCTYPE html>
<html lang="${attribute(lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(panelCsp(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attribute(styleUri)}">
<title>${attribute(title)}</title>
</head>
<body>
<main id="app" aria-live="polite"><p class="status">${attribute(loading)}</p></main>
<script nonce="${attribute(nonce)}" src="${attribute(scriptUri)}"></script>
</body>
</html>`;
}

/**
 * Webview options for the panel, given the extension's root and a way to join paths under it
 * (`vscode.Uri.joinPath`): scripts on, command links off, and local resources from the media
 * folder and the page's script folder alone.
 */
export function panelWebviewOptions<U>(
  extensionUri: U,
  join: (base: U, ...segments: string[]) => U,
): { enableScripts: true; enableCommandUris: false; enableFindWidget: true; localResourceRoots: U[] } {
  return {
    enableScripts: true,
    // Nothing in the page is a command link; the page talks to the extension by postMessage only.
    enableCommandUris: false,
    enableFindWidget: true,
    localResourceRoots: [join(extensionUri, MEDIA_FOLDER), join(extensionUri, ...SCRIPT_FOLDER.split('/'))],
  };
}
