// Part of `npm run bench`: how long Candor's activate() takes in a real VS Code
// extension host (code-server), with Candor off (the default) and on. For each
// state one server is started; each run opens a fresh workbench window, whose
// new extension host activates Candor from cold, and the time activate() took
// is read from the file named by CANDOR_ACTIVATION_TIMES_FILE
// (src/ide/activationTiming.ts). Prints the median, the range and n per state.
//   node scripts/bench-activation.mjs        (needs a build in dist/)
//   CANDOR_BENCH_ACTIVATION_RUNS=15 node scripts/bench-activation.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from './lib/server.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { installCleanupHandlers } from './lib/processes.mjs';
import { copyDemoWorkspace } from './lib/workspace.mjs';
import { repoRoot, log } from './lib/util.mjs';

installCleanupHandlers();
const RUNS = Number(process.env.CANDOR_BENCH_ACTIVATION_RUNS ?? 9);
const ACTIVATION_LIMIT_MS = 90_000;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function readTimes(file) {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map(Number);
}

/** Resolves once `file` holds `count` lines, polling as a person would watch it. */
async function waitForTimes(file, count) {
  const deadline = Date.now() + ACTIVATION_LIMIT_MS;
  for (;;) {
    const times = readTimes(file);
    if (times.length >= count) return times;
    if (Date.now() > deadline) throw new Error(`Candor did not activate within ${ACTIVATION_LIMIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function measure(state, browser) {
  const workspace = copyDemoWorkspace();
  const timesFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'candor-activation-')), 'times.txt');
  const server = await startServer({
    userSettings: { 'candor.enabled': state === 'on' },
    env: { CANDOR_ACTIVATION_TIMES_FILE: timesFile },
  });
  try {
    for (let run = 1; run <= RUNS; run++) {
      const page = await browser.newPage();
      try {
        await page.goto(server.workbenchUrl({ folder: workspace, extensionDevelopmentPath: repoRoot }));
        await waitForTimes(timesFile, run);
      } finally {
        await page.close();
      }
    }
    return readTimes(timesFile);
  } finally {
    await server.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.rmSync(path.dirname(timesFile), { recursive: true, force: true });
    fs.rmSync(server.stateDir, { recursive: true, force: true });
  }
}

if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) {
  log('missing dist/extension.js: run "npm run build" first');
  process.exit(1);
}
const browser = await launchBrowser();
try {
  console.log(`Activation in a real extension host (code-server), ${RUNS} cold starts per state:`);
  const medians = {};
  for (const state of ['off', 'on']) {
    const times = await measure(state, browser);
    medians[state] = median(times);
    console.log(
      `candor ${state.padEnd(3)}: median activate() ${medians[state].toFixed(1)} ms (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}, n=${times.length})`,
    );
  }
} finally {
  await browser.close().catch(() => undefined);
}
