// Test side of the DOM bridge (see ../bridgeProtocol.ts): ask the harness, which drives the
// browser, about what the workbench or a webview shows.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bridgeEnvVar, type DomRequest, type DomResponse } from '../bridgeProtocol';

let counter = 0;

export function domBridgeAvailable(): boolean {
  return !!process.env[bridgeEnvVar];
}

export async function askDom(request: DomRequest, timeoutMs = 30_000): Promise<DomResponse> {
  const dir = process.env[bridgeEnvVar];
  if (!dir) throw new Error(`${bridgeEnvVar} is not set: DOM checks need the code-server harness`);
  const id = `${process.pid}-${Date.now()}-${counter++}`;
  const responseFile = path.join(dir, `${id}.res.json`);

  const response = new Promise<DomResponse>((resolve, reject) => {
    const read = () => {
      if (!fs.existsSync(responseFile)) return false;
      watcher.close();
      clearTimeout(timer);
      try {
        resolve(JSON.parse(fs.readFileSync(responseFile, 'utf8')) as DomResponse);
      } catch (error) {
        reject(error as Error);
      }
      return true;
    };
    const watcher = fs.watch(dir, () => void read());
    const timer = setTimeout(() => {
      watcher.close();
      reject(new Error(`the harness did not answer ${JSON.stringify(request)} within ${timeoutMs} ms`));
    }, timeoutMs);
    // Write then rename, so the harness never reads half a request.
    const tmp = path.join(dir, `${id}.req.tmp`);
    fs.writeFileSync(tmp, JSON.stringify(request));
    fs.renameSync(tmp, path.join(dir, `${id}.req.json`));
    read();
  });
  return response;
}
