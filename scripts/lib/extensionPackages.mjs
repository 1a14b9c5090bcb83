// Packages the VS Code extensions of this repository (Candor, the demo extension
// in extensions/, the test fixtures in test/fixtures/) as .vsix files and installs
// them into a code-server's extensions folder, the way a person installs them.
// `npm start` and the tests that need several extensions at once use it: VS Code's
// test mode loads a single development extension and hides installed ones, so
// those tests install everything and start VS Code normally.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { entryPoint } from './codeServer.mjs';
import { repoRoot } from './util.mjs';

export const DEMO_EXTENSION_DIR = path.join(repoRoot, 'extensions', 'candor-demo');
/** Test fixtures (test/fixtures/README.md): one valid declaration, one Candor must refuse. */
export const FIXTURE_EXTENSION_DIRS = Object.freeze({
  valid: path.join(repoRoot, 'test', 'fixtures', 'valid-extension'),
  invalid: path.join(repoRoot, 'test', 'fixtures', 'invalid-extension'),
});
const vsceBin = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');

function runOrThrow(what, command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    const tail = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new Error(`${what} failed (exit ${result.status ?? result.signal}):\n${tail}`);
  }
}

/** The id VS Code gives an extension: `publisher.name` from its package.json. */
export function extensionId(dir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  return `${manifest.publisher}.${manifest.name}`;
}

/** The folder VS Code installs an extension into: `publisher.name-version`. */
export function installedFolderName(dir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  return `${manifest.publisher}.${manifest.name}-${manifest.version}`;
}

/**
 * Bundles a small extension of this repository (src/extension.ts → dist/extension.js)
 * with esbuild, `vscode` left to the extension host.
 */
export async function bundleExtension(dir, { production = false } = {}) {
  await esbuild.build({
    entryPoints: [path.join(dir, 'src', 'extension.ts')],
    outfile: path.join(dir, 'dist', 'extension.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    logLevel: 'silent',
  });
}

/** Runs vsce in `dir` and writes the package to `outFile`. */
function vscePackage(dir, outFile) {
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  runOrThrow(
    `packaging ${path.relative(repoRoot, dir) || 'Candor'}`,
    process.execPath,
    [
      vsceBin,
      'package',
      '--no-dependencies',
      '--allow-missing-repository',
      '--no-rewrite-relative-links',
      '--skip-license',
      '--out',
      outFile,
    ],
    dir,
  );
  return outFile;
}

/** Packages Candor from what `node esbuild.mjs` last built into dist/. */
export function packageCandor(outFile) {
  return vscePackage(repoRoot, outFile);
}

/** Bundles and packages one of the repository's small extensions (demo or fixture). */
export async function packageExtension(dir, outFile, options = {}) {
  await bundleExtension(dir, options);
  return vscePackage(dir, outFile);
}

/**
 * Installs .vsix files into the extensions folder of a code-server state folder
 * (the same `--user-data-dir` and `--extensions-dir` as scripts/lib/server.mjs uses),
 * replacing any earlier install of the same extensions.
 */
export function installExtensions(stateDir, vsixFiles) {
  const extensionsDir = path.join(stateDir, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  runOrThrow('installing extensions into VS Code', process.execPath, [
    entryPoint,
    '--extensions-dir',
    extensionsDir,
    '--user-data-dir',
    path.join(stateDir, 'user-data'),
    ...vsixFiles.flatMap((file) => ['--install-extension', file]),
    '--force',
  ]);
}
