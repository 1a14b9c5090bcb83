// The lint rule that keeps an error's own text out of Candor's output really
// fires: snippets are linted as if they were files of src/ide, src/webview and
// src/core, with the project's own config and only no-restricted-syntax on.
import * as assert from 'node:assert/strict';
import { ruleLinter } from '../support/ruleLinter';

const RULE = 'no-restricted-syntax';

describe('the raw-error-text lint rule (eslint.config.mjs)', function () {
  this.slow(10_000);
  const lint = ruleLinter(RULE);

  async function findings(code: string, file: string): Promise<string[]> {
    return (await lint(code, file)).map((m) => `${m.ruleId ?? ''} ${m.line}: ${m.message}`);
  }

  const RAW = [
    'export const a = (error: Error) => log(`failed: ${error.message}`);',
    'export const b = (err: unknown) => log(String(err));',
    'export const c = (e: unknown) => log(`failed: ${e}`);',
    'export const d = (error: Error) => log(error.toString());',
  ];
  const log = 'declare function log(text: string): void;\n';

  for (const file of ['src/ide/x.ts', 'src/webview/x.ts', 'src/extension.ts', 'src/core/store/x.ts']) {
    it(`reading an error's text for output in ${file} is an error that says where to go instead`, async () => {
      for (const line of RAW) {
        const found = await findings(`${log}${line}\n`, file);
        assert.equal(found.length, 1, `${line} → ${found.join('; ')}`);
        assert.match(found[0] ?? '', new RegExp(`^${RULE} 2: .*src/core/describeError\\.ts`));
      }
    });
  }

  it('the one module allowed to read it is src/core/describeError.ts', async () => {
    assert.deepEqual(await findings(`${log}${RAW.join('\n')}\n`, 'src/core/describeError.ts'), []);
  });

  it('describing an error through that module passes', async () => {
    const code =
      "import { describeError } from '../core/describeError';\n" +
      'declare function log(text: string): void;\n' +
      'export const a = (error: unknown) => log(`failed: ${describeError(error)}`);\n';
    assert.deepEqual(await findings(code, 'src/ide/x.ts'), []);
  });
});
