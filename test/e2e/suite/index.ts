// extensionTestsPath of the run with the extension loaded from the working tree.
import { runMochaSuite } from '../support/mochaRunner';

export function run(): Promise<void> {
  return runMochaSuite(__dirname);
}
