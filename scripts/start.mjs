// `npm start`: builds Candor and the demo extension (extensions/candor-demo),
// installs both into a real VS Code (code-server's web workbench) and serves it
// on 127.0.0.1 with the demo workspace open.
// On a fresh clone it sets itself up (npm ci, Debian packages when root,
// code-server) or stops with one line naming what to install.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, log, fail } from './lib/util.mjs';
import { ensureDebianPackages } from './lib/prereqs.mjs';
import { ensureCodeServer, isCodeServerInstalled } from './lib/codeServer.mjs';
import { installCleanupHandlers } from './lib/processes.mjs';
import { startServer } from './lib/server.mjs';
import { DEMO_EXTENSION_DIR, installExtensions, packageExtension } from './lib/extensionPackages.mjs';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 9)) fail(`Node.js 20.9 or later is needed (this is ${process.version})`);

function run(title, command, args, options = {}) {
  log(title);
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', ...options });
  if (result.status !== 0) fail(`${title} failed (${command} ${args.join(' ')})`);
}

installCleanupHandlers();
const lock = path.join(repoRoot, 'package-lock.json');
const installed = path.join(repoRoot, 'node_modules', '.package-lock.json');
if (!fs.existsSync(installed) || fs.statSync(installed).mtimeMs < fs.statSync(lock).mtimeMs) {
  run('installing dependencies (npm ci)', 'npm', ['ci', '--no-audit', '--no-fund']);
}
if (!isCodeServerInstalled())
  ensureDebianPackages(['ripgrep', 'pkg-config', 'libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev']);
ensureCodeServer();

// State kept between runs, so settings and recorded data survive a restart.
const stateDir = process.env.CANDOR_START_STATE_DIR ?? path.join(repoRoot, '.vscode-test', 'start-state');
const packagesDir = path.join(stateDir, 'packages');
try {
  log('packaging Candor and the demo extension');
  fs.mkdirSync(packagesDir, { recursive: true });
  const candorVsix = path.join(packagesDir, 'candor.vsix');
  // Built for production and checked like a release (scripts/package.mjs).
  run('building and packaging Candor', process.execPath, ['scripts/package.mjs', '--out', candorVsix], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const demoVsix = await packageExtension(DEMO_EXTENSION_DIR, path.join(packagesDir, 'candor-demo.vsix'), {
    production: true,
  });
  log('installing Candor and the demo extension into VS Code');
  installExtensions(stateDir, [candorVsix, demoVsix]);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

const port = process.env.CANDOR_PORT ? Number(process.env.CANDOR_PORT) : undefined;
const server = await startServer({ stateDir, port });
const url = `${server.url}/?folder=${encodeURIComponent(path.join(repoRoot, 'demo'))}`;
console.log(`\nCandor is running in VS Code at:\n\n  ${url}\n\nOpen it in a browser. Press Ctrl+C to stop.\n`);
