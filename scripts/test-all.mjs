// `npm test`: builds once, then runs every layer — unit (plain Node),
// integration (real VS Code extension host), restricted (the same host in
// Restricted Mode: an untrusted folder), e2e (real workbench in headless
// Chromium) — each in its own process group with its own time limit, and ends
// with one line: "N passed, N failed" summed over every layer (skipped tests are
// listed and counted on the line before it). A layer that ran no test fails.
//   node scripts/test-all.mjs [unit|integration|restricted|e2e ...]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { spawnGroup, stopGroup, installCleanupHandlers, isStopping } from './lib/processes.mjs';
import { ensureDebianPackages } from './lib/prereqs.mjs';
import { ensureCodeServer } from './lib/codeServer.mjs';
import { repoRoot, log } from './lib/util.mjs';
import { killProcesses, markThisRun, processesOfRun } from './lib/runMarker.mjs';

installCleanupHandlers();
const runId = markThisRun();
const minutes = (n) => n * 60_000;
const mochaBin = 'node_modules/mocha/bin/mocha.js';
const LAYERS = {
  unit: {
    argv: [mochaBin, '--config', '.mocharc.json', '--reporter', 'scripts/lib/summaryReporter.cjs'],
    limitMs: minutes(10),
  },
  integration: { argv: ['scripts/run-integration.mjs'], limitMs: minutes(15), needsVsCode: true },
  restricted: { argv: ['scripts/run-integration.mjs', '--restricted'], limitMs: minutes(10), needsVsCode: true },
  e2e: { argv: [mochaBin, '--config', 'test/e2e/.mocharc.json'], limitMs: minutes(15), needsVsCode: true },
};

const requested = process.argv.slice(2);
const layers = requested.length > 0 ? requested : Object.keys(LAYERS);
for (const name of layers) {
  if (!LAYERS[name]) {
    log(`unknown test layer "${name}" (expected: ${Object.keys(LAYERS).join(', ')})`);
    process.exit(2);
  }
}

function step(title, command, args) {
  log(title);
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) {
    log(`${title} failed`);
    process.exit(1);
  }
}

step('build', process.execPath, ['esbuild.mjs']);
// Compiled tests whose source was deleted or renamed would still run from a stale out/.
fs.rmSync(path.join(repoRoot, 'out'), { recursive: true, force: true });
step('compile tests', process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.test.json']);
if (layers.some((name) => LAYERS[name].needsVsCode)) {
  ensureDebianPackages();
  ensureCodeServer();
}

/** Runs one layer; its result comes from the CANDOR_TEST_RESULT line it prints. */
function runLayer(name) {
  const { argv, limitMs } = LAYERS[name];
  log(`── ${name} tests ──`);
  return new Promise((resolve) => {
    const child = spawnGroup(process.execPath, argv, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let result;
    let buffered = '';
    const readResult = (line) => {
      const match = /CANDOR_TEST_RESULT (\{.*\})/.exec(line);
      if (match) result = JSON.parse(match[1]);
    };
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      lines.forEach(readResult);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      log(`${name} tests exceeded their ${limitMs / 60_000}-minute limit; stopping them`);
      void stopGroup(child.pid);
    }, limitMs);
    // The result line may still be in the pipe when the process exits: the layer is
    // done when its output is closed. Something it left behind may hold the pipe open,
    // so ending its group after the exit (below) closes it at the latest.
    let exitCode = null;
    child.once('exit', (code) => {
      exitCode = code;
      if (isStopping()) return;
      setTimeout(() => void stopGroup(child.pid, 2000), 5000).unref();
    });
    child.once('close', async (code) => {
      clearTimeout(timer);
      readResult(buffered); // a last line without a newline
      if (isStopping()) return; // interrupted: the signal handler ends the run
      // Whatever the layer left behind (browsers, servers) ends with its group.
      await stopGroup(child.pid, 2000);
      const status = exitCode ?? code;
      if (!result || timedOut) {
        log(
          `${name} tests ${timedOut ? 'timed out' : `ended (exit ${status})`} without a complete result; counted as 1 failure`,
        );
        resolve({
          passed: result?.passed ?? 0,
          failed: (result?.failed ?? 0) + 1,
          skipped: result?.skipped ?? 0,
          skippedTitles: result?.skippedTitles ?? [],
        });
        return;
      }
      const counted = {
        passed: result.passed,
        failed: result.failed,
        skipped: result.skipped ?? 0,
        skippedTitles: result.skippedTitles ?? [],
      };
      if (counted.passed + counted.failed === 0) {
        // A layer that found no test (a wrong glob, an empty out/) proves nothing.
        log(`${name} tests ran no test at all; counted as 1 failure`);
        counted.failed = 1;
      }
      if (status !== 0 && counted.failed === 0) counted.failed = 1;
      resolve(counted);
    });
  });
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const perLayer = [];
const skippedTitles = [];
for (const name of layers) {
  if (isStopping()) break;
  const result = await runLayer(name);
  totals.passed += result.passed;
  totals.failed += result.failed;
  totals.skipped += result.skipped;
  skippedTitles.push(...result.skippedTitles.map((title) => `${name}: ${title}`));
  perLayer.push(`${name}: ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped`);
}
// Nothing the run started may outlive it: a leftover process is a failure. Only
// processes carrying this run's marker are looked at, never another run's.
const leftovers = processesOfRun(runId);
if (leftovers.length > 0) {
  log(`processes left running after the tests (killed now): ${leftovers.join(', ')}`);
  killProcesses(leftovers);
  totals.failed += 1;
  perLayer.push('leftover processes: 1 failed');
}
log(perLayer.join(' | '));
for (const title of skippedTitles) log(`skipped: ${title}`);
// The last line stays "N passed, N failed" (CI reads it); skipped tests are counted just above it.
console.log(`${totals.skipped} skipped`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
