// Where the end-to-end harness keeps things. Everything it writes lives under the repository's
// .e2e/ (throwaway, gitignored) or test/e2e/out/ (screenshots), never in the user's home.
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const e2eDir = path.join(repoRoot, 'test', 'e2e');

/** code-server lives in its own tool folder so the extension's dependencies stay small. */
export const toolsDir = process.env.SIP_LENS_TOOLS ?? path.join(repoRoot, '.tools');
export const codeServerBin = path.join(toolsDir, 'code-server', 'node_modules', '.bin', 'code-server');

/**
 * Throwaway state of a run. SIP_LENS_E2E_WORK points it elsewhere, so two runs at once on one
 * checkout do not trample each other's profiles and compiled suites.
 */
export const workDir = process.env.SIP_LENS_E2E_WORK ? path.resolve(process.env.SIP_LENS_E2E_WORK) : path.join(repoRoot, '.e2e');
/** Temp files, XDG folders and the like for code-server and Chromium. */
export const workTmp = path.join(workDir, 'tmp');
/** Compiled in-editor test suites. */
export const compiledTestsDir = path.join(workDir, 'out');
/** Per-run user-data and extensions folders. */
export const runsDir = path.join(workDir, 'runs');

export const screenshotsDir = path.join(e2eDir, 'out');
/** README images, written only when a test asks for them (SIP_LENS_E2E_DOCS=1). */
export const docsDir = path.join(repoRoot, 'docs');
export const fixtureWorkspace = path.join(e2eDir, 'workspace');
export const vsixPath = path.join(repoRoot, 'dist', 'sip-lens.vsix');
export const chromiumPath = process.env.SIP_LENS_CHROMIUM ?? '/usr/bin/chromium';

/** The extension's identifier, `publisher.name` from package.json. */
export const extensionId = 'sip-lens.sip-lens';
/** A workspace of log files only: no `workspaceContains` activation event can fire in it. */
export const logsWorkspace = path.join(e2eDir, 'workspace-logs');
