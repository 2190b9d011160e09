// The small file-based bridge that lets an in-editor test ask the harness, which drives the
// browser, to look at the DOM — the extension host cannot see webviews or the workbench itself.
// The test writes `<id>.req.json` into the bridge folder; the harness answers with `<id>.res.json`.

/** Environment variable that carries the bridge folder into the extension host. */
export const bridgeEnvVar = 'SIP_LENS_E2E_BRIDGE';

/**
 * Where to look: `webview` is the content document of every open webview (the extension's own
 * DOM, two iframes deep); `workbench` is the workbench page itself (status bar, hovers…).
 */
export type DomScope = 'webview' | 'workbench';

export type DomRequest =
  /** Wait until the text of a webview's content includes `contains`; answer with that text. */
  | { op: 'webviewText'; contains: string; timeoutMs?: number }
  /** Wait until the workbench element matching `selector` exists (and includes `contains`). */
  | { op: 'workbenchText'; selector: string; contains?: string; timeoutMs?: number }
  /**
   * Wait until at least `minCount` (default 1) elements match `selector` (and, when given,
   * their textContent includes `contains`) in one document of the scope; answer with all of
   * them in `elements`. `minCount: 0` answers at once, with every match in every document of
   * the scope (use it to check that something is absent).
   */
  | {
      op: 'query';
      scope: DomScope;
      selector: string;
      contains?: string;
      /** Attribute values to report for each element (null when absent). */
      attributes?: string[];
      minCount?: number;
      timeoutMs?: number;
    }
  /** Click (as a user would: scrolled into view, real mouse events) the first matching element. */
  | { op: 'click'; scope: DomScope; selector: string; contains?: string; timeoutMs?: number }
  /** Focus the first matching element and press a key there (`ArrowDown`, `Enter`, `Control+A`…), as a user would. */
  | { op: 'press'; scope: DomScope; selector: string; key: string; contains?: string; timeoutMs?: number }
  /** Type into the first matching input as a user would (its old text replaced, input events fired). */
  | { op: 'fill'; scope: DomScope; selector: string; text: string; timeoutMs?: number }
  /**
   * Evaluate a JavaScript expression in every frame of the page — the workbench, each webview's
   * host frame and its content frame — and answer with each frame's JSON-able result.
   */
  | { op: 'evaluate'; expression: string }
  /** Wait until a JavaScript expression is truthy in some document of the scope; answer with its value. */
  | { op: 'waitForExpression'; scope: DomScope; expression: string; timeoutMs?: number }
  /**
   * Save a screenshot as test/e2e/out/<name>.png (or docs/<name>.png with `docs`), of the whole
   * workbench or only of the (first) webview panel.
   */
  | { op: 'screenshot'; name: string; target?: 'workbench' | 'webview'; docs?: boolean }
  /** Resize the browser window's page (the workbench relayouts); omit both to restore the default. */
  | { op: 'viewport'; width?: number; height?: number };

export interface DomElement {
  tag: string;
  /** textContent: what the DOM holds as text, markup characters included. */
  text: string;
  attributes: Record<string, string | null>;
  /** Rendered size in CSS pixels. */
  width: number;
  height: number;
}

export interface FrameValue {
  url: string;
  value: unknown;
}

export interface DomResponse {
  ok: boolean;
  text?: string;
  file?: string;
  elements?: DomElement[];
  values?: FrameValue[];
  error?: string;
}
