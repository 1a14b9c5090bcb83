// The layering rules in eslint.config.mjs really fire: lints small snippets as if they were files
// in src/core or the webview's browser script, with the project's own config. Type-aware rules are
// switched off for these snippets (they are in no tsconfig), and only no-restricted-imports runs,
// so the check takes seconds, not the minute of a full `npm run lint`.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ruleLinter } from '../support/ruleLinter';

const RULE = 'no-restricted-imports';

describe('layering lint rules (eslint.config.mjs)', function () {
  this.slow(10_000);
  const lint = ruleLinter(RULE);

  it('src/core importing vscode is an error that says why', async () => {
    const findings = await lint("import * as vscode from 'vscode';\nexport const x = vscode;\n", 'src/core/x.ts');
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.ruleId, RULE);
    assert.equal(findings[0]?.file, path.join('src', 'core', 'x.ts'));
    assert.match(findings[0]?.message ?? '', /src\/core must run in plain Node/);
  });

  it('src/core importing src/ide or src/webview by a relative path is an error, also from a subfolder', async () => {
    const fromSubfolder = await lint(
      "import { a } from '../../ide/hookSink';\nexport const x = a;\n",
      'src/core/store/x.ts',
    );
    assert.deepEqual(
      fromSubfolder.map((f) => [f.ruleId, f.file]),
      [[RULE, path.join('src', 'core', 'store', 'x.ts')]],
    );
    assert.match(fromSubfolder[0]?.message ?? '', /must not depend on src\/ide/);

    const intoWebview = await lint(
      "import type { A } from '../webview/protocol';\nexport type X = A;\n",
      'src/core/x.ts',
    );
    assert.deepEqual(
      intoWebview.map((f) => f.ruleId),
      [RULE],
    );
    assert.match(intoWebview[0]?.message ?? '', /must not depend on src\/webview/);
  });

  it('the webview browser script importing Node (node:fs, fs) or src/ide is an error that says why', async () => {
    const file = 'src/webview/media/x.ts';
    const nodeScheme = await lint("import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", file);
    assert.deepEqual(
      nodeScheme.map((f) => [f.ruleId, f.file]),
      [[RULE, path.join('src', 'webview', 'media', 'x.ts')]],
    );
    assert.match(nodeScheme[0]?.message ?? '', /browser sandbox where Node modules do not exist/);

    const bareName = await lint("import * as cp from 'child_process';\nexport const x = cp;\n", file);
    assert.deepEqual(
      bareName.map((f) => f.ruleId),
      [RULE],
    );

    const ide = await lint("import { a } from '../../ide/hookSink';\nexport const x = a;\n", file);
    assert.deepEqual(
      ide.map((f) => f.ruleId),
      [RULE],
    );
    assert.match(ide[0]?.message ?? '', /must not import src\/ide/);
  });

  it('the modules the webview script bundles (protocol.ts, viewModel.ts) obey the same limits', async () => {
    const findings = await lint(
      "import { randomBytes } from 'node:crypto';\nexport const x = randomBytes;\n",
      'src/webview/protocol.ts',
    );
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.file]),
      [[RULE, path.join('src', 'webview', 'protocol.ts')]],
    );
    const host = await lint("import { a } from './payloadView';\nexport const x = a;\n", 'src/webview/viewModel.ts');
    assert.deepEqual(
      host.map((f) => f.ruleId),
      [RULE],
    );
  });

  it('is not a blanket ban: core may use Node and its own modules, the script its protocol, src/ide anything', async () => {
    assert.deepEqual(
      await lint(
        "import { a } from './types';\nimport { b } from 'node:fs';\nexport const x = [a, b];\n",
        'src/core/x.ts',
      ),
      [],
    );
    assert.deepEqual(
      await lint(
        "import { a } from '../protocol';\nimport { b } from '../viewModel';\nexport const x = [a, b];\n",
        'src/webview/media/x.ts',
      ),
      [],
    );
    assert.deepEqual(
      await lint(
        "import * as vscode from 'vscode';\nimport { a } from 'node:fs';\nexport const x = [vscode, a];\n",
        'src/ide/x.ts',
      ),
      [],
    );
  });
});
