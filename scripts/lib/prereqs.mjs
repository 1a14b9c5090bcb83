// Debian packages the harness needs. Installed when missing and running as
// root; otherwise one clear line names exactly what to install.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { fail, log } from './util.mjs';

/** Package → a file that proves it is installed. */
const PACKAGES = {
  chromium: '/usr/bin/chromium',
  ripgrep: '/usr/bin/rg',
  'pkg-config': '/usr/bin/pkg-config',
  'libkrb5-dev': '/usr/include/krb5.h',
  'libx11-dev': '/usr/include/X11/Xlib.h',
  'libxkbfile-dev': '/usr/include/X11/extensions/XKBfile.h',
  'libsecret-1-dev': '/usr/include/libsecret-1/libsecret/secret.h',
};

export function missingPackages(names = Object.keys(PACKAGES)) {
  return names.filter((name) => !fs.existsSync(PACKAGES[name]));
}

export function ensureDebianPackages(names = Object.keys(PACKAGES)) {
  const missing = missingPackages(names);
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const line = `apt-get install ${missing.join(' ')}`;
  if (!isRoot || !fs.existsSync('/usr/bin/apt-get')) {
    fail(`missing Debian packages: ${missing.join(', ')} — install them with: sudo ${line}`);
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install =
    update.status === 0
      ? spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env })
      : update;
  const still = missingPackages(missing);
  if (install.status !== 0 || still.length > 0) {
    fail(`could not install Debian packages: ${still.join(', ')} — install them with: ${line}`);
  }
}
