// `npm run package`: builds Candor for production (vsce runs `vscode:prepublish`),
// packs the .vsix with vsce, and checks that it holds what users and the
// Marketplace need: the README and every image it shows, the icon, the CHANGELOG,
// the walkthrough's pages and images, and, once they exist, telemetry.json and
// the l10n bundles. It stops with the missing names when one is not there.
//   node scripts/package.mjs [--out file.vsix] [--base-url https://host/path/]
//
// VS Code's details page and the Marketplace show README images only from
// https: (or data:) addresses: a relative link to a file in the package shows a
// broken image there. vsce rewrites relative links to absolute ones from the
// `repository` in package.json, or from --base-url (also CANDOR_PUBLIC_BASE_URL):
// the public address under which this package's files are served, laid out as in
// the repository. Without either, the links stay relative and this says so.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, log, fail } from './lib/util.mjs';
import { zipEntryNames } from './lib/zipEntries.mjs';

function option(name) {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const out = path.resolve(option('--out') ?? path.join(repoRoot, `${manifest.name}-${manifest.version}.vsix`));
const baseUrl = option('--base-url') ?? process.env.CANDOR_PUBLIC_BASE_URL;
if (baseUrl !== undefined && !/^https:\/\/[^/]+\/(?:.*\/)?$/.test(baseUrl)) {
  fail(`--base-url must be an https:// address ending in "/" (got ${JSON.stringify(baseUrl)})`);
}

const links = [];
if (manifest.repository) {
  // vsce derives the absolute addresses from the repository.
} else if (baseUrl) {
  links.push('--baseImagesUrl', baseUrl, '--baseContentUrl', baseUrl);
} else {
  links.push('--no-rewrite-relative-links');
  log(
    'README links stay relative: VS Code and the Marketplace show its images only from https addresses. ' +
      'Give --base-url <public https address of these files> (or a repository in package.json) for a release.',
  );
}

const vsce = spawnSync(
  process.execPath,
  [
    path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce'),
    'package',
    '--no-dependencies',
    '--allow-missing-repository',
    ...links,
    '--out',
    out,
  ],
  { cwd: repoRoot, stdio: 'inherit' },
);
if (vsce.status !== 0) fail('vsce package failed');

/** A manifest value in every language: a `%key%` looked up in package.nls.json and each of its translations. */
function inEveryLanguage(value) {
  const key = /^%(.+)%$/.exec(value)?.[1];
  if (key === undefined) return [value];
  const files = fs.readdirSync(repoRoot).filter((file) => /^package\.nls(?:\.[\w-]+)?\.json$/.test(file));
  const values = files.map((file) => JSON.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8'))[key]);
  return [...new Set(values.filter((found) => typeof found === 'string'))];
}

/** Files the package must hold, as paths in the repository. */
function requiredFiles() {
  const required = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'dist/extension.js', 'dist/sql-wasm.wasm'];
  if (manifest.icon) required.push(manifest.icon);
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  for (const match of readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)|<img\s[^>]*src="([^"]+)"/g)) {
    const target = match[1] ?? match[2];
    if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) required.push(target.replace(/^\.\//, ''));
  }
  for (const walkthrough of manifest.contributes?.walkthroughs ?? []) {
    for (const step of walkthrough.steps ?? []) {
      const media = step.media ?? {};
      for (const file of [media.markdown, media.svg, typeof media.image === 'string' ? media.image : undefined]) {
        if (file) required.push(...inEveryLanguage(file));
      }
      if (media.image && typeof media.image === 'object') required.push(...Object.values(media.image));
    }
  }
  // Made by other parts of the build; checked whenever they are there.
  if (fs.existsSync(path.join(repoRoot, 'telemetry.json'))) required.push('telemetry.json');
  for (const file of fs.readdirSync(repoRoot)) {
    if (/^package\.nls(?:\.[\w-]+)?\.json$/.test(file)) required.push(file);
  }
  const l10n = path.join(repoRoot, manifest.l10n ?? 'l10n');
  if (fs.existsSync(l10n)) {
    for (const file of fs.readdirSync(l10n)) {
      if (file.endsWith('.json')) required.push(path.relative(repoRoot, path.join(l10n, file)));
    }
  }
  return [...new Set(required.map((file) => file.split(path.sep).join('/')))];
}

// vsce stores every file under extension/ and renames README, CHANGELOG and LICENSE.
const RENAMED = { 'readme.md': 'readme.md', 'changelog.md': 'changelog.md', license: 'license.txt' };
const entries = new Set(zipEntryNames(out).map((name) => name.toLowerCase()));
const missing = requiredFiles().filter((file) => {
  const lower = file.toLowerCase();
  return !entries.has(`extension/${RENAMED[lower] ?? lower}`);
});
if (missing.length > 0) {
  fail(`${path.relative(repoRoot, out)} lacks: ${missing.join(', ')} (see .vscodeignore)`);
}
log(`${path.relative(repoRoot, out)}: ${entries.size} entries, including all ${requiredFiles().length} required files`);
