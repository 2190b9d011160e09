// How the language server's process is started: shared by the extension and the bench, which
// starts the server the same way to measure it.

/**
 * V8 options of the server's process. The server's own thread does little work of its own (big
 * documents are analysed in workers), but V8 gives every thread's young generation room for up to
 * 32 MB, which it then keeps: 2 MB is plenty for the protocol's messages and saves that memory
 * for as long as the editor runs.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=2'];
