// Headless Debian Chromium driven by playwright-core, and the DOM questions tests may ask of it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Frame, type Locator, type Page } from 'playwright-core';
import type { DomElement, DomRequest, DomResponse, DomScope, FrameValue } from '../bridgeProtocol';
import { chromiumPath, docsDir, screenshotsDir, workTmp } from './paths';

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}; run test/e2e/setup.sh first`);
  }
  fs.mkdirSync(workTmp, { recursive: true });
  // Playwright puts the browser profile in os.tmpdir(), and Chromium its crash database under
  // XDG_CONFIG_HOME: keep both inside the work folder, not in /tmp or the user's home.
  process.env.TMPDIR = workTmp;
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    env: {
      ...process.env,
      XDG_CONFIG_HOME: path.join(workTmp, 'chromium-config'),
      XDG_CACHE_HOME: path.join(workTmp, 'chromium-cache'),
    },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** The page size tests run at; screenshots for the docs may ask for another for a moment. */
export const defaultViewport = { width: 1400, height: 900 };

export async function saveScreenshot(
  page: Page,
  name: string,
  options: { target?: 'workbench' | 'webview'; docs?: boolean } = {},
): Promise<string> {
  const dir = options.docs ? docsDir : screenshotsDir;
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  if (options.target === 'webview') {
    // The workbench lays each webview's host iframe over the editor area it belongs to.
    await page.locator('iframe.webview').first().screenshot({ path: file, animations: 'disabled' });
  } else {
    await page.screenshot({ path: file, animations: 'disabled' });
  }
  return file;
}

/**
 * A webview is an iframe (pre/index.html) holding another iframe (fake.html) whose document the
 * extension fills; that inner frame is the one with the extension's DOM.
 */
function webviewContentFrames(page: Page): Frame[] {
  return page.frames().filter((frame) => /\/webview\/.*\/fake\.html|\/pre\/fake\.html/.test(frame.url()));
}

function scopeFrames(page: Page, scope: DomScope): Frame[] {
  return scope === 'workbench' ? [page.mainFrame()] : webviewContentFrames(page);
}

class BadRequest extends Error {}

/** The elements of one document matching a query, described for the test. */
async function queryFrame(frame: Frame, selector: string, contains: string | undefined, attributes: string[]): Promise<DomElement[]> {
  // A string expression: this runs in the page, and the project compiles without DOM typings.
  const expression = `(() => {
    const contains = ${JSON.stringify(contains ?? null)};
    const names = ${JSON.stringify(attributes)};
    let found;
    try {
      found = Array.from(document.querySelectorAll(${JSON.stringify(selector)}));
    } catch (error) {
      return { bad: String(error && error.message) };
    }
    return found
      .filter((e) => contains === null || (e.textContent || '').includes(contains))
      .map((e) => {
        const box = e.getBoundingClientRect();
        const attributes = {};
        for (const name of names) attributes[name] = e.getAttribute(name);
        return { tag: e.tagName.toLowerCase(), text: e.textContent || '', attributes, width: box.width, height: box.height };
      });
  })()`;
  let result: DomElement[] | { bad: string };
  try {
    result = await frame.evaluate<DomElement[] | { bad: string }>(expression);
  } catch {
    return []; // the frame went away while we looked
  }
  if (!Array.isArray(result)) throw new BadRequest(`bad selector ${selector}: ${result.bad}`);
  return result;
}

/** Polls (bounded): webviews fill in asynchronously, in another process. */
async function query(page: Page, request: Extract<DomRequest, { op: 'query' }>): Promise<DomResponse> {
  const minCount = request.minCount ?? 1;
  const timeoutMs = request.timeoutMs ?? 15_000;
  const deadline = Date.now() + timeoutMs;
  const describe = `${request.scope} ${request.selector}${request.contains !== undefined ? ` with "${request.contains.slice(0, 80)}"` : ''}`;
  try {
    for (;;) {
      const all: DomElement[] = [];
      for (const frame of scopeFrames(page, request.scope)) {
        const elements = await queryFrame(frame, request.selector, request.contains, request.attributes ?? []);
        if (minCount > 0 && elements.length >= minCount) return { ok: true, elements };
        all.push(...elements);
      }
      if (minCount === 0) return { ok: true, elements: all };
      if (Date.now() >= deadline) {
        return { ok: false, error: `fewer than ${minCount} elements matched ${describe} within ${timeoutMs} ms (best: ${all.length})` };
      }
      await page.waitForTimeout(150);
    }
  } catch (error) {
    if (error instanceof BadRequest) return { ok: false, error: error.message };
    throw error;
  }
}

/** The first element matching a request in any document of its scope, waiting (bounded) for one. */
async function locate(
  page: Page,
  request: { scope: DomScope; selector: string; contains?: string; timeoutMs?: number },
): Promise<{ locator: Locator; deadline: number } | string> {
  const timeoutMs = request.timeoutMs ?? 15_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of scopeFrames(page, request.scope)) {
      let locator = frame.locator(request.selector);
      if (request.contains !== undefined) locator = locator.filter({ hasText: request.contains });
      const count = await locator.count().catch(() => 0);
      if (count > 0) return { locator: locator.first(), deadline };
    }
    if (Date.now() >= deadline) {
      return `no ${request.scope} element matched ${request.selector}${request.contains !== undefined ? ` with "${request.contains}"` : ''} within ${timeoutMs} ms`;
    }
    await page.waitForTimeout(150);
  }
}

async function click(page: Page, request: Extract<DomRequest, { op: 'click' }>): Promise<DomResponse> {
  const found = await locate(page, request);
  if (typeof found === 'string') return { ok: false, error: `nothing to click: ${found}` };
  await found.locator.click({ timeout: Math.max(1000, found.deadline - Date.now()) });
  return { ok: true, text: (await found.locator.textContent().catch(() => '')) ?? '' };
}

async function press(page: Page, request: Extract<DomRequest, { op: 'press' }>): Promise<DomResponse> {
  const found = await locate(page, request);
  if (typeof found === 'string') return { ok: false, error: `nowhere to press ${request.key}: ${found}` };
  await found.locator.press(request.key, { timeout: Math.max(1000, found.deadline - Date.now()) });
  return { ok: true };
}

async function fill(page: Page, request: Extract<DomRequest, { op: 'fill' }>): Promise<DomResponse> {
  const found = await locate(page, request);
  if (typeof found === 'string') return { ok: false, error: `nothing to type into: ${found}` };
  await found.locator.fill(request.text, { timeout: Math.max(1000, found.deadline - Date.now()) });
  return { ok: true };
}

async function evaluateEverywhere(page: Page, expression: string): Promise<DomResponse> {
  const values: FrameValue[] = [];
  for (const frame of page.frames()) {
    try {
      values.push({ url: frame.url(), value: await frame.evaluate<unknown>(expression) });
    } catch (error) {
      const message = (error as Error).message;
      // A frame that went away while we asked has nothing to say; anything else is the test's mistake.
      if (!/detached|destroyed|Target closed|navigat/i.test(message)) return { ok: false, error: `${frame.url()}: ${message.split('\n')[0]}` };
    }
  }
  return { ok: true, values };
}

async function waitForExpression(page: Page, request: Extract<DomRequest, { op: 'waitForExpression' }>): Promise<DomResponse> {
  const timeoutMs = request.timeoutMs ?? 15_000;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    for (const frame of scopeFrames(page, request.scope)) {
      try {
        last = await frame.evaluate<unknown>(request.expression);
      } catch (error) {
        const message = (error as Error).message;
        if (!/detached|destroyed|Target closed|navigat/i.test(message)) return { ok: false, error: `${request.expression}: ${message.split('\n')[0]}` };
        continue;
      }
      if (last) return { ok: true, values: [{ url: frame.url(), value: last }] };
    }
    if (Date.now() >= deadline) {
      return { ok: false, error: `${request.expression} was not true in the ${request.scope} within ${timeoutMs} ms (last: ${JSON.stringify(last)})` };
    }
    await page.waitForTimeout(150);
  }
}

async function frameText(frame: Frame): Promise<string> {
  try {
    // A string expression: this runs in the page, and the project compiles without DOM typings.
    return await frame.evaluate<string>('document.body ? document.body.innerText : ""');
  } catch {
    return ''; // the frame went away while we looked
  }
}

/**
 * Polls (bounded) because webviews appear and fill in asynchronously in another process and
 * Playwright has no event for "a frame somewhere now shows this text".
 */
async function waitForWebviewText(page: Page, contains: string, timeoutMs: number): Promise<DomResponse> {
  const deadline = Date.now() + timeoutMs;
  let seen: string[] = [];
  for (;;) {
    seen = [];
    for (const frame of webviewContentFrames(page)) {
      const text = await frameText(frame);
      if (text.includes(contains)) return { ok: true, text };
      seen.push(text);
    }
    if (Date.now() >= deadline) break;
    await page.waitForTimeout(200);
  }
  const found = seen.length ? `webview texts:\n${seen.map((t) => t.slice(0, 500)).join('\n---\n')}` : 'no webview is open';
  return { ok: false, error: `no webview showed "${contains}" within ${timeoutMs} ms; ${found}` };
}

async function waitForWorkbenchText(page: Page, selector: string, contains: string | undefined, timeoutMs: number): Promise<DomResponse> {
  const locator = page.locator(selector).filter(contains ? { hasText: contains } : {}).first();
  try {
    await locator.waitFor({ state: 'attached', timeout: timeoutMs });
    return { ok: true, text: (await locator.innerText()) ?? '' };
  } catch (error) {
    return { ok: false, error: `${selector}${contains ? ` with "${contains}"` : ''}: ${(error as Error).message.split('\n')[0]}` };
  }
}

export async function answerDomRequest(page: Page, request: DomRequest): Promise<DomResponse> {
  switch (request.op) {
    case 'webviewText':
      return waitForWebviewText(page, request.contains, request.timeoutMs ?? 15_000);
    case 'workbenchText':
      return waitForWorkbenchText(page, request.selector, request.contains, request.timeoutMs ?? 15_000);
    case 'query':
      return query(page, request);
    case 'click':
      return click(page, request);
    case 'press':
      return press(page, request);
    case 'fill':
      return fill(page, request);
    case 'evaluate':
      return evaluateEverywhere(page, request.expression);
    case 'waitForExpression':
      return waitForExpression(page, request);
    case 'viewport': {
      const size = { width: request.width ?? defaultViewport.width, height: request.height ?? defaultViewport.height };
      await page.setViewportSize(size);
      return { ok: true, text: `${size.width}x${size.height}` };
    }
    case 'screenshot':
      return { ok: true, file: await saveScreenshot(page, request.name, { target: request.target, docs: request.docs }) };
    default:
      return { ok: false, error: `unknown request ${JSON.stringify(request)}` };
  }
}
