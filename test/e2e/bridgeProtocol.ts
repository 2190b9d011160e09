// The small file-based bridge that lets an in-editor test ask the harness, which drives the
// browser, to look at the DOM — the extension host cannot see webviews or the workbench itself.
// The test writes `<id>.req.json` into the bridge folder; the harness answers with `<id>.res.json`.

/** Environment variable that carries the bridge folder into the extension host. */
export const bridgeEnvVar = 'SIP_LENS_E2E_BRIDGE';

export type DomRequest =
  /** Wait until the text of a webview's content includes `contains`; answer with that text. */
  | { op: 'webviewText'; contains: string; timeoutMs?: number }
  /** Wait until the workbench element matching `selector` exists (and includes `contains`). */
  | { op: 'workbenchText'; selector: string; contains?: string; timeoutMs?: number }
  /** Save a screenshot of the whole workbench as test/e2e/out/<name>.png. */
  | { op: 'screenshot'; name: string };

export interface DomResponse {
  ok: boolean;
  text?: string;
  file?: string;
  error?: string;
}
