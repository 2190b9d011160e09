// When the language server crashes, the language client restarts it (by its default policy: up
// to 4 restarts within 3 minutes, then it gives up with its own error message). The user is told
// about the restart once per window, not once per restart: a crash loop must not stack notices.
// Pure (no vscode import) so the policy can be unit-tested; languageClient.ts wires it up.

/** What an error handler's `closed()` decides; the shape of vscode-languageclient's CloseHandlerResult. */
export interface CloseDecision<A> {
  action: A;
  message?: string;
  /** True: the handler told the user itself, and the library shows no message of its own. */
  handled?: boolean;
}

/**
 * Wraps `closed` (the default handler's decision): the first decision to restart calls `notify`;
 * every restart is marked handled so the library adds no notice of its own. Decisions not to
 * restart pass through unchanged, so the library still shows why it gave up.
 */
export function announceFirstRestart<A, R extends CloseDecision<A>>(
  closed: () => R | Promise<R>,
  isRestart: (decision: R) => boolean,
  notify: () => void,
): () => Promise<R> {
  let told = false;
  return async () => {
    const decision = await closed();
    if (!isRestart(decision)) return decision;
    if (!told) {
      told = true;
      notify();
    }
    return { ...decision, handled: true };
  };
}
