// extensionTestsPath of the run with VS Code's display language set to Russian (--locale ru).
import { runMochaSuite } from '../support/mochaRunner';

export function run(): Promise<void> {
  return runMochaSuite(__dirname);
}
