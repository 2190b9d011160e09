// Harness side of the DOM bridge (see ../bridgeProtocol.ts): watches the bridge folder for
// requests from the in-editor tests and answers each one with what the browser shows.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { DomRequest, DomResponse } from '../bridgeProtocol';
import { answerDomRequest } from './browser';

export interface DomBridge {
  close(): void;
}

export function serveDomBridge(dir: string, page: Page, log: (line: string) => void): DomBridge {
  fs.mkdirSync(dir, { recursive: true });
  const handled = new Set<string>();

  const answer = async (requestFile: string) => {
    const id = requestFile.slice(0, -'.req.json'.length);
    let response: DomResponse;
    try {
      const request = JSON.parse(fs.readFileSync(path.join(dir, requestFile), 'utf8')) as DomRequest;
      log(`[dom-bridge] ${JSON.stringify(request)}`);
      response = await answerDomRequest(page, request);
    } catch (error) {
      response = { ok: false, error: (error as Error).message };
    }
    // Write then rename, so the test never reads half a file.
    const tmp = path.join(dir, `${id}.res.tmp`);
    fs.writeFileSync(tmp, JSON.stringify(response));
    fs.renameSync(tmp, path.join(dir, `${id}.res.json`));
  };

  const scan = () => {
    for (const name of fs.readdirSync(dir)) {
      if (name.endsWith('.req.json') && !handled.has(name)) {
        handled.add(name);
        void answer(name);
      }
    }
  };
  const watcher = fs.watch(dir, () => scan());
  scan();
  return { close: () => watcher.close() };
}
