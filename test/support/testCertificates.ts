// Certificates made by the test itself with the system's openssl (no download,
// nothing from elsewhere): a test CA and a server certificate it signs, for a
// real HTTPS server on loopback. The CA is trusted only where a test says so
// (NODE_EXTRA_CA_CERTS in a child process or in the extension host's env).

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Names the server certificate is valid for. `collector.candor.test` is only ever reached through a proxy. */
export const TEST_TLS_NAMES = ['localhost', 'collector.candor.test'] as const;

export interface TestCertificates {
  readonly dir: string;
  /** PEM file of the CA; what NODE_EXTRA_CA_CERTS points at. */
  readonly caFile: string;
  readonly ca: string;
  /** The server's key and certificate (signed by the CA). */
  readonly key: string;
  readonly cert: string;
}

const OPENSSL = '/usr/bin/openssl';

function openssl(dir: string, args: readonly string[]): void {
  execFileSync(OPENSSL, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * Makes a CA named `caName` and a server certificate for TEST_TLS_NAMES and
 * 127.0.0.1 in `dir` (created if needed), valid for 30 days from now.
 */
export function makeTestCertificates(dir: string, caName = 'Candor Test CA'): TestCertificates {
  fs.mkdirSync(dir, { recursive: true });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(dir, [
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '31',
    '-subj',
    `/CN=${caName}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  openssl(dir, ['req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost']);
  const alt = [...TEST_TLS_NAMES.map((name) => `DNS:${name}`), 'IP:127.0.0.1'].join(',');
  fs.writeFileSync(
    path.join(dir, 'server.ext'),
    [
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
      `subjectAltName=${alt}`,
      '',
    ].join('\n'),
  );
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.pem',
    '-days',
    '30',
    '-extfile',
    'server.ext',
  ]);
  const read = (name: string): string => fs.readFileSync(path.join(dir, name), 'utf8');
  return {
    dir,
    caFile: path.join(dir, 'ca.pem'),
    ca: read('ca.pem'),
    key: read('server.key'),
    cert: read('server.pem'),
  };
}
