// extensionTestsPath of the run with the extension installed from dist/sip-lens.vsix.
import { runMochaSuite } from '../support/mochaRunner';

export function run(): Promise<void> {
  return runMochaSuite(__dirname);
}
