// Starts VS Code (code-server's server and web workbench) on a free loopback port.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureCodeServer } from './codeServer.mjs';
import { spawnGroup, stopGroup } from './processes.mjs';
import { freePort, log } from './util.mjs';

const DEFAULT_USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'npm.fetchOnlinePackageInfo': false,
  'git.enabled': false,
  'telemetry.telemetryLevel': 'all',
};

/**
 * @param {{ userSettings?: object, stateDir?: string, port?: number, env?: object, onOutput?: (line: string) => void, readyTimeoutMs?: number, workspaceTrust?: boolean }} options
 *   workspaceTrust: true keeps VS Code's workspace trust on, so a folder opens in Restricted Mode.
 */
export async function startServer(options = {}) {
  const entry = ensureCodeServer();
  const stateDir = options.stateDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'candor-vscode-'));
  const userDataDir = path.join(stateDir, 'user-data');
  const extensionsDir = path.join(stateDir, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  if (!fs.existsSync(settingsFile)) {
    const trust = options.workspaceTrust ? { 'security.workspace.trust.enabled': true } : {};
    fs.writeFileSync(
      settingsFile,
      JSON.stringify({ ...DEFAULT_USER_SETTINGS, ...trust, ...options.userSettings }, null, 2),
    );
  }
  const port = options.port ?? (await freePort());
  const child = spawnGroup(
    process.execPath,
    [
      entry,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } },
  );

  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('code-server did not start within the time limit')),
      options.readyTimeoutMs ?? 60_000,
    );
    const onData = (chunk) => {
      const text = chunk.toString();
      for (const line of text.split('\n')) if (line.trim()) options.onOutput?.(line);
      const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited early with code ${code}`));
    });
  }).catch(async (error) => {
    await stopGroup(child.pid);
    throw error;
  });
  log(`VS Code ${'(code-server)'} listening on ${url}`);
  return {
    url,
    port,
    stateDir,
    userDataDir,
    extensionsDir,
    /** URL of the workbench with a folder open and optional development payload. */
    workbenchUrl({ folder, extensionDevelopmentPath, extensionTestsPath } = {}) {
      const params = new URLSearchParams();
      if (folder) params.set('folder', folder);
      const payload = [['skipWelcome', 'true']];
      const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
      if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
      if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
      params.set('payload', JSON.stringify(payload));
      return `${url}/?${params.toString()}`;
    },
    async stop() {
      await stopGroup(child.pid);
    },
  };
}
