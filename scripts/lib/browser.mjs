// Headless Chromium from Debian, driven by playwright-core.
import fs from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** @param {string[]} [extraArgs] more Chromium switches, for a test that needs them */
export async function launchBrowser(extraArgs = []) {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error('Chromium is missing: install the Debian package "chromium" (apt-get install chromium)');
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...extraArgs,
    ],
  });
}
