// Installs a real VS Code (the server and web workbench shipped in code-server
// on npm) into a gitignored cache keyed by version, without any install step
// that downloads from outside the npm registry, so tests run offline.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, log, fail } from './util.mjs';

export const CODE_SERVER_VERSION = '4.100.3';
export const cacheDir = path.join(repoRoot, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
const moduleDir = path.join(cacheDir, 'node_modules', 'code-server');
const vscodeDir = path.join(moduleDir, 'lib', 'vscode');
const readyMarker = path.join(cacheDir, '.installed');
export const entryPoint = path.join(moduleDir, 'out', 'node', 'entry.js');

const npmEnv = {
  ...process.env,
  npm_config_yes: 'true',
  npm_config_unsafe_perm: 'true',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
  npm_config_update_notifier: 'false',
};

function npm(args, cwd, what) {
  log(`code-server: ${what}`);
  const result = spawnSync('npm', args, { cwd, env: npmEnv, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) {
    const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-15).join('\n');
    fail(`code-server install step failed (${what}): npm ${args.join(' ')}\n${tail}`);
  }
}

export function isCodeServerInstalled() {
  return fs.existsSync(readyMarker) && fs.existsSync(entryPoint);
}

/** Idempotent: returns at once when this version is already in the cache. */
export function ensureCodeServer() {
  if (isCodeServerInstalled()) return entryPoint;
  const rg = '/usr/bin/rg';
  if (!fs.existsSync(rg)) fail('ripgrep is missing: install the Debian package "ripgrep" (apt-get install ripgrep)');
  const started = Date.now();
  fs.rmSync(cacheDir, { recursive: true, force: true });
  fs.mkdirSync(cacheDir, { recursive: true });
  // A package.json of its own stops npm from walking up into Candor's.
  fs.writeFileSync(
    path.join(cacheDir, 'package.json'),
    JSON.stringify({ name: 'candor-code-server-cache', private: true }),
  );
  npm(
    ['install', '--ignore-scripts', '--no-save', `code-server@${CODE_SERVER_VERSION}`],
    cacheDir,
    `install code-server@${CODE_SERVER_VERSION}`,
  );
  npm(['install', '--omit=dev', '--ignore-scripts'], vscodeDir, 'install the VS Code server dependencies');
  npm(
    ['rebuild', 'kerberos', '@vscode/spdlog', 'native-watchdog', 'node-pty', '@vscode/deviceid'],
    vscodeDir,
    'build native modules',
  );
  const rgTarget = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
  fs.mkdirSync(path.dirname(rgTarget), { recursive: true });
  fs.copyFileSync(rg, rgTarget);
  fs.chmodSync(rgTarget, 0o755);
  const asar = path.join(vscodeDir, 'node_modules.asar');
  fs.rmSync(asar, { force: true });
  fs.symlinkSync('node_modules', asar);
  npm(['install', '--omit=dev'], path.join(vscodeDir, 'extensions'), "install the built-in extensions' dependencies");
  npm(['rebuild', 'argon2'], path.join(cacheDir), 'build argon2');
  fs.writeFileSync(readyMarker, `${new Date().toISOString()}\n`);
  log(`code-server: ready in ${Math.round((Date.now() - started) / 1000)} s (${cacheDir})`);
  return entryPoint;
}
