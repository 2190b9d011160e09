// Headless Debian Chromium driven by playwright-core, and the DOM questions tests may ask of it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import type { DomRequest, DomResponse } from '../bridgeProtocol';
import { chromiumPath, screenshotsDir, workTmp } from './paths';

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

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotsDir, { recursive: true });
  const file = path.join(screenshotsDir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * A webview is an iframe (pre/index.html) holding another iframe (fake.html) whose document the
 * extension fills; that inner frame is the one with the extension's DOM.
 */
function webviewContentFrames(page: Page): Frame[] {
  return page.frames().filter((frame) => /\/webview\/.*\/fake\.html|\/pre\/fake\.html/.test(frame.url()));
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
    case 'screenshot':
      return { ok: true, file: await saveScreenshot(page, request.name) };
    default:
      return { ok: false, error: `unknown request ${JSON.stringify(request)}` };
  }
}
