// Entry point loaded by VS Code as `extensionTestsPath`: runs every
// *.test.js beside it with mocha, inside the real extension host.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  return runTestsIn(__dirname);
}

/** Runs every *.test.js file in `dir` with mocha. */
export function runTestsIn(dir: string): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, color: false });
  const grep = process.env.CANDOR_TEST_GREP;
  if (grep) {
    mocha.grep(grep);
  }
  for (const file of fs.readdirSync(dir).sort()) {
    if (file.endsWith('.test.js')) {
      mocha.addFile(path.join(dir, file));
    }
  }
  return new Promise((resolve, reject) => {
    const skippedTitles: string[] = [];
    const runner = mocha.run((failures) => {
      // `run` resolving or rejecting is what the workbench reports as the exit code.
      if (failures > 0) {
        reject(new Error(`${failures} integration test(s) failed`));
      } else {
        resolve();
      }
    });
    runner.on('pending', (test) => skippedTitles.push(test.fullTitle()));
    runner.on('end', () => {
      const stats = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
      console.log(
        `CANDOR_TEST_RESULT ${JSON.stringify({ passed: stats.passes, failed: stats.failures, skipped: stats.pending, skippedTitles })}`,
      );
    });
  });
}
