// Writes l10n/bundle.l10n.json: every literal l10n.t('…') call in src/ (found
// by @vscode/l10n-dev, as `vscode-l10n-dev export` does) plus the catalog's
// texts that "What is collected" shows, which are looked up by their English
// words (collectionTexts() in src/core/collectionDescription.ts). Needs the
// compiled tests' output: `npm run l10n` compiles first.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { getL10nJson } = require('@vscode/l10n-dev');
const { collectionTexts } = require(path.join(root, 'out', 'src', 'core', 'collectionDescription.js'));

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

const files = sourceFiles(path.join(root, 'src'))
  .sort()
  .map((file) => ({
    contents: fs.readFileSync(file, 'utf8'),
    extension: '.ts',
  }));
const bundle = { ...(await getL10nJson(files)) };
for (const text of collectionTexts()) {
  bundle[text] ??= text;
}
const target = path.join(root, 'l10n', 'bundle.l10n.json');
fs.writeFileSync(target, `${JSON.stringify(bundle, null, 2)}\n`);
console.log(`${path.relative(root, target)}: ${Object.keys(bundle).length} strings`);
