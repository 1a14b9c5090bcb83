// Runs test/integration inside a real VS Code extension host: code-server's
// server with its web workbench opened in headless Chromium (see scripts/lib/codeServer.mjs).
// Prints the extension host's console, including the CANDOR_TEST_RESULT line.
import fs from 'node:fs';
import os from 'node:os';
import { format } from 'node:util';
import path from 'node:path';
import { startServer } from './lib/server.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { installCleanupHandlers } from './lib/processes.mjs';
import { copyDemoWorkspace } from './lib/workspace.mjs';
import { repoRoot, log } from './lib/util.mjs';

installCleanupHandlers();
const limitMs = Number(process.env.CANDOR_INTEGRATION_TIMEOUT_MS ?? 15 * 60_000);
// The benchmark (scripts/bench-storm.mjs) runs its own module in the same harness.
// --restricted: workspace trust stays on and the folder is not trusted (Restricted Mode), with the tests of test/integration/restricted.
const restricted = process.argv.includes('--restricted');
const testsPath =
  process.env.CANDOR_INTEGRATION_TESTS ??
  path.join(repoRoot, 'out', 'test', 'integration', ...(restricted ? ['restricted'] : []), 'index.js');
if (!fs.existsSync(testsPath)) {
  log(`missing ${testsPath}: run "npm run compile-tests" first`);
  process.exit(1);
}

const workspace = copyDemoWorkspace();
// A test CA the extension host trusts from its start (Node reads NODE_EXTRA_CA_CERTS only then),
// and the server certificate it signed, for the HTTPS and proxy tests.
const { makeTestCertificates } = await import(path.join(repoRoot, 'out', 'test', 'support', 'testCertificates.js'));
const tlsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-tls-'));
const certificates = makeTestCertificates(tlsDir);
// The clock-jump test moves the wall clock of the test VS Code's processes by writing this file (scripts/lib/clockOffset.cjs).
const clockOffsetFile = path.join(workspace, '..', `candor-clock-offset-${process.pid}`);
fs.writeFileSync(clockOffsetFile, '0');
const preload = path.join(repoRoot, 'scripts', 'lib', 'clockOffset.cjs');
// VS Code's state (and so Candor's storage and log) lives under the home folder, in a folder named after the
// user, as in a real install: a path in an error then holds both, and test/integration/errorWords.test.ts
// shows that neither reaches Candor's log or views.
const stateDir = fs.mkdtempSync(path.join(os.homedir(), `.candor-test-${accountName()}-`));
const server = await startServer({
  stateDir,
  workspaceTrust: restricted,
  env: {
    CANDOR_TEST_WORKSPACE: workspace,
    CANDOR_TEST_TLS_DIR: tlsDir,
    NODE_EXTRA_CA_CERTS: certificates.caFile,
    CANDOR_CLOCK_OFFSET_FILE: clockOffsetFile,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require "${preload}"`.trim(),
  },
  onOutput: (line) => {
    if (process.env.CANDOR_VERBOSE) log(`[server] ${line}`);
  },
});
const browser = await launchBrowser();
let exitCode = 1;
try {
  const page = await browser.newPage();
  const finished = new Promise((resolve) => {
    void page.exposeFunction('codeAutomationExit', (code) => resolve(code));
  });
  // The workbench's own chatter (connection set-up, the offline gallery) is noise here.
  const noise =
    /open-vsx\.org|ENOTFOUND|^\s+at .*workbench\.js|^(Resolving|Resolved) connection token|^Creating a socket|^\[Service Worker\]|ChatSessionStore|Updating additional builtin/;
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const list = Array.isArray(args) ? args : [args];
    const text = format(...list);
    if (!process.env.CANDOR_VERBOSE && text.split('\n').every((line) => noise.test(line) || line.trim() === '')) return;
    process.stdout.write(`${text}\n`);
  });
  await page.goto(
    server.workbenchUrl({ folder: workspace, extensionDevelopmentPath: repoRoot, extensionTestsPath: testsPath }),
  );
  const timedOut = new Promise((resolve) => setTimeout(() => resolve('timeout'), limitMs).unref());
  const outcome = await Promise.race([finished, timedOut]);
  if (outcome === 'timeout') {
    log(`integration tests did not finish within ${limitMs / 1000} s`);
    fs.mkdirSync(path.join(repoRoot, 'test-results'), { recursive: true });
    await page
      .screenshot({ path: path.join(repoRoot, 'test-results', 'integration-timeout.png') })
      .catch(() => undefined);
  } else {
    exitCode = Number(outcome);
  }
} finally {
  await browser.close().catch(() => undefined);
  await server.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
  fs.rmSync(tlsDir, { recursive: true, force: true });
  fs.rmSync(clockOffsetFile, { force: true });
  fs.rmSync(server.stateDir, { recursive: true, force: true });
}
function accountName() {
  try {
    return os.userInfo().username.replace(/[^A-Za-z0-9_.-]/g, '') || 'user';
  } catch {
    return 'user';
  }
}

// Exit once everything written to stdout (the result line above all) has left.
process.stdout.write('', () => process.exit(exitCode));
