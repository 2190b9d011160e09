// extensionTestsPath of the run in a workspace of log files only.
import { runMochaSuite } from '../support/mochaRunner';

export function run(): Promise<void> {
  return runMochaSuite(__dirname);
}
