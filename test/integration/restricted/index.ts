// Loaded as `extensionTestsPath` by `scripts/run-integration.mjs --restricted`:
// VS Code runs with workspace trust on and the folder untrusted (Restricted Mode).
import { runTestsIn } from '../index';

export function run(): Promise<void> {
  return runTestsIn(__dirname);
}
