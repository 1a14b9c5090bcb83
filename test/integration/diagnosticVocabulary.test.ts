// Diagnostics published through VS Code's own diagnostics API, as any extension
// publishes them, read back from the real database file: only values from the
// published vocabularies are stored.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  assertNoSecrets,
  candor,
  counters,
  countOf,
  enableAll,
  rawStorageText,
  resetData,
  waitFor,
  workspaceDir,
} from './support';

const SECRETS = ['acme', 'payroll', 'src/secret', 'no-legacy-billing'];

function diagnostic(
  source: string,
  code: vscode.Diagnostic['code'],
  severity = vscode.DiagnosticSeverity.Error,
): vscode.Diagnostic {
  const item = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 1), 'a message that is never recorded', severity);
  item.source = source;
  item.code = code;
  return item;
}

describe('diagnostic sources and codes in a real VS Code', function () {
  this.timeout(180_000);
  let collection: vscode.DiagnosticCollection | undefined;

  before(async () => {
    await enableAll();
    await resetData();
  });

  after(() => collection?.dispose());

  it('keeps well-known tools and their published codes, and records organisation names and paths as "other"', async () => {
    collection = vscode.languages.createDiagnosticCollection('candor-vocabulary-test');
    const target = vscode.Uri.parse('https://rules.acme-payroll.example/no-legacy-billing');
    collection.set(vscode.Uri.file(path.join(workspaceDir(), 'src', 'loop.js')), [
      diagnostic('acme-corp-lint', 'acme-billing-rule'),
      diagnostic('eslint', '@acme-payroll/no-legacy-billing'),
      diagnostic('eslint', { value: 'acme-billing-rule', target }, vscode.DiagnosticSeverity.Warning),
      diagnostic('ESLint', 'src/secret/payroll', vscode.DiagnosticSeverity.Warning),
      diagnostic('eslint', 'no-unused-vars'),
      diagnostic('eslint', { value: '@typescript-eslint/no-explicit-any', target }),
      diagnostic('Ruff', 'F401', vscode.DiagnosticSeverity.Warning),
    ]);
    const { t } = await candor();
    const errors = await waitFor('the published diagnostics to be counted', async () => {
      await t.recorder.flush();
      const list = await counters('ide.error');
      return countOf(list, { source: 'ruff', code: 'F401' }) > 0 ? list : undefined;
    });
    assert.equal(
      countOf(errors, { origin: 'diagnostic', source: 'eslint', code: 'no-unused-vars', severity: 'error' }),
      1,
    );
    assert.equal(
      countOf(errors, {
        origin: 'diagnostic',
        source: 'eslint',
        code: '@typescript-eslint/no-explicit-any',
        severity: 'error',
      }),
      1,
    );
    assert.equal(countOf(errors, { origin: 'diagnostic', source: 'ruff', code: 'F401', severity: 'warning' }), 1);
    assert.equal(
      countOf(errors, { origin: 'diagnostic', source: 'other', code: 'other', severity: 'error' }),
      1,
      'an unlisted source',
    );
    assert.equal(
      countOf(errors, { origin: 'diagnostic', source: 'eslint', code: 'other', severity: 'error' }),
      1,
      "a private plugin's rule",
    );
    assert.equal(
      countOf(errors, { origin: 'diagnostic', source: 'eslint', code: 'other', severity: 'warning' }),
      1,
      'a { value, target } rule outside the list and a relative path, counted once as the same key',
    );
    const diagnostics = errors.filter((c) => c.props.origin === 'diagnostic');
    assert.equal(diagnostics.length, 6, JSON.stringify(diagnostics.map((c) => c.props)));
    assertNoSecrets(await rawStorageText(), SECRETS, 'the database files');
    assertNoSecrets(JSON.stringify(await t.source.getState()), SECRETS, 'the payload view state');
  });
});
