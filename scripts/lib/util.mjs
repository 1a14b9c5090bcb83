// Small helpers shared by the harness scripts.
import path from 'node:path';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function log(message) {
  process.stderr.write(`[candor] ${message}\n`);
}

/** Stops with one clear line; used for missing prerequisites. */
export function fail(message) {
  process.stderr.write(`[candor] ${message}\n`);
  process.exit(1);
}

/** A free TCP port on loopback, chosen by the OS. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
