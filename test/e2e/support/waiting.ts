// Waiting inside the editor without fixed sleeps: re-check a condition whenever a relevant VS Code
// event fires, with a deadline. Where VS Code has no event for the thing (a provider being
// registered, an extension finishing activation), re-check on a short interval, still bounded.
import * as vscode from 'vscode';

export async function waitFor<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  options: { events?: vscode.Event<unknown>[]; pollMs?: number; timeoutMs?: number } = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const first = await check();
  if (first !== undefined) return first;

  return new Promise<T>((resolve, reject) => {
    const disposables: vscode.Disposable[] = [];
    let done = false;
    let checking = false;
    let again = false;
    const finish = (error: Error | undefined, value?: T) => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      if (interval) clearInterval(interval);
      disposables.forEach((d) => d.dispose());
      if (error) reject(error);
      else resolve(value as T);
    };
    const recheck = async () => {
      if (done) return;
      if (checking) {
        again = true;
        return;
      }
      checking = true;
      try {
        do {
          again = false;
          const value = await check();
          if (value !== undefined) return finish(undefined, value);
        } while (again && !done);
      } catch (error) {
        finish(error as Error);
      } finally {
        checking = false;
      }
    };
    const deadline = setTimeout(() => finish(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
    const interval = options.pollMs ? setInterval(() => void recheck(), options.pollMs) : undefined;
    for (const event of options.events ?? []) disposables.push(event(() => void recheck()));
  });
}
