// `npm run bench:storm`: starts VS Code (code-server) with the storm benchmark
// (bench/storm/index.ts) as its tests module and prints the figures it reports:
// the extension host's event-loop utilisation and longest pause with Candor
// on and off, and its heap after GC before and after each storm.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot, log } from './lib/util.mjs';

const result = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'run-integration.mjs')], {
  cwd: repoRoot,
  env: { ...process.env, CANDOR_INTEGRATION_TESTS: path.join(repoRoot, 'out', 'bench', 'storm', 'index.js') },
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
  maxBuffer: 64 * 1024 * 1024,
});
const line = /CANDOR_BENCH_STORM (\{.*\})/.exec(result.stdout ?? '');
if (!line) {
  process.stdout.write(result.stdout ?? '');
  log('the storm benchmark printed no figures');
  process.exit(1);
}
const figures = JSON.parse(line[1]);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
console.log(
  `Diagnostic storm: ${figures.diagnostics} diagnostics over ${figures.files} files, set and cleared ${figures.rounds} times (${figures.windowMs} ms per change)`,
);
console.log('mode  ELU     longest pause  p99 pause  heap before → after GC');
for (const run of figures.runs) {
  console.log(
    `${run.mode.padEnd(5)} ${run.elu.toFixed(3).padEnd(7)} ${`${run.longestPauseMs} ms`.padEnd(14)} ${`${run.p99PauseMs} ms`.padEnd(10)} ${run.heapBeforeMB} MB → ${run.heapAfterMB} MB`,
  );
}
for (const mode of ['off', 'on']) {
  const runs = figures.runs.filter((r) => r.mode === mode);
  console.log(
    `median ${mode}: ELU ${median(runs.map((r) => r.elu)).toFixed(3)}, longest pause ${median(runs.map((r) => r.longestPauseMs))} ms`,
  );
}
const on = median(figures.runs.filter((r) => r.mode === 'on').map((r) => r.elu));
const off = median(figures.runs.filter((r) => r.mode === 'off').map((r) => r.elu));
console.log(`ELU ratio on/off: ${(on / off).toFixed(2)}`);
process.exit(result.status ?? 1);
