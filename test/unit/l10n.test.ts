// Every word Candor shows has a German translation, and the English bundle is
// exactly what the source asks for: l10n/bundle.l10n.json is re-exported from
// src/ with @vscode/l10n-dev and compared, and each bundle and package.nls.json
// is checked key by key against its German file.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';
import { collectionTexts } from '../../src/core/collectionDescription';
import { collectionView } from '../../src/webview/viewState';

const root = path.resolve(__dirname, '..', '..', '..');
const readJson = (file: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The message of a bundle entry (a string, or `{ message, comment }` when the call has a comment). */
function messageOf(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  const message = (value as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : '';
}

/** `{0}`, `{count}`: what a translation must keep so the values land in it. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{[A-Za-z0-9_]+\}/g)].map((m) => m[0]).sort();
}

/** Setting links (`#candor.enabled#`) and code spans, which are names and must not be translated. */
function untranslatable(text: string): string[] {
  return [...text.matchAll(/`[^`]+`|#[\w.]+#/g)].map((m) => m[0]).sort();
}

/** Problems of `translated` against `english`: missing, empty, extra keys, lost placeholders or names. */
function compare(english: Record<string, unknown>, translated: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(english)) {
    const words = translated[key];
    if (typeof words !== 'string' || words.trim() === '') {
      problems.push(`no translation: ${JSON.stringify(key)}`);
      continue;
    }
    const source = messageOf(value);
    if (placeholders(words).join() !== placeholders(source).join()) {
      problems.push(`placeholders differ: ${JSON.stringify(key)} → ${JSON.stringify(words)}`);
    }
    if (untranslatable(words).join() !== untranslatable(source).join()) {
      problems.push(`setting links or code spans differ: ${JSON.stringify(key)} → ${JSON.stringify(words)}`);
    }
  }
  for (const key of Object.keys(translated)) {
    if (!(key in english)) {
      problems.push(`translation of a string that no longer exists: ${JSON.stringify(key)}`);
    }
  }
  return problems;
}

describe('localisation', function () {
  // Exporting parses every source file with tree-sitter (WebAssembly).
  this.timeout(120_000);

  it('l10n/bundle.l10n.json is exactly what the source asks for (run "npm run l10n" after changing words)', async () => {
    const files = sourceFiles(path.join(root, 'src')).map((file) => ({
      contents: fs.readFileSync(file, 'utf8'),
      extension: '.ts',
    }));
    const exported = await getL10nJson(files);
    assert.ok(Object.keys(exported).length > 0, 'no l10n.t call found in src/');
    // Plus the catalog's texts, which the view looks up by their English words.
    const expected: Record<string, unknown> = JSON.parse(JSON.stringify(exported)) as Record<string, unknown>;
    for (const text of collectionTexts()) {
      expected[text] ??= text;
    }
    assert.deepEqual(readJson('l10n/bundle.l10n.json'), expected);
  });

  it('"What is collected" shows every catalog text through the bundle (none is left out of collectionTexts)', () => {
    const texts = new Set(collectionTexts());
    const view = collectionView();
    const shown = [
      ...view.never,
      ...view.events.flatMap((event) => [
        event.description,
        ...event.properties.flatMap((p) => [
          p.description.replace(/ \(when \w+ is "[^"]*"\)$/, ''),
          ...(p.vocabulary ? [p.vocabulary.title, p.vocabulary.summary] : []),
        ]),
      ]),
    ];
    assert.ok(shown.length > 20, `only ${shown.length} texts shown`);
    assert.deepEqual(
      shown.filter((text) => !texts.has(text)),
      [],
    );
  });

  it('every string of the bundle has a German translation that keeps its placeholders', () => {
    const problems = compare(readJson('l10n/bundle.l10n.json'), readJson('l10n/bundle.l10n.de.json'));
    assert.deepEqual(problems, []);
  });

  it('every %key% of package.json is in package.nls.json, and every key there is used', () => {
    const manifest = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const used = new Set([...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1] ?? ''));
    const declared = new Set(Object.keys(readJson('package.nls.json')));
    assert.ok(used.size > 0, 'package.json uses no %key%');
    assert.deepEqual(
      [...used].filter((key) => !declared.has(key)),
      [],
      'used in package.json, missing in package.nls.json',
    );
    assert.deepEqual(
      [...declared].filter((key) => !used.has(key)),
      [],
      'in package.nls.json, not used by package.json',
    );
  });

  it('every string of package.nls.json has a German translation that keeps its setting links and code', () => {
    const problems = compare(readJson('package.nls.json'), readJson('package.nls.de.json'));
    assert.deepEqual(problems, []);
  });

  it('finds a missing translation, a lost placeholder and a stale key (the checks above can fail)', () => {
    const english = { 'Hello {0}': 'Hello {0}', 'Use `candor.enabled`': 'Use `candor.enabled`', Bye: 'Bye' };
    const problems = compare(english, {
      'Hello {0}': 'Hallo',
      'Use `candor.enabled`': 'Nutze `candor.aktiv`',
      Old: 'Alt',
    });
    assert.equal(problems.length, 4, problems.join('\n'));
  });
});
