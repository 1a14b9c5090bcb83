// NODE_EXTRA_CA_CERTS for Candor's own uploads. In VS Code's extension host,
// https requests are patched to add the operating system's certificates, and
// that patch replaces Node's root store with one that no longer holds the
// certificates of NODE_EXTRA_CA_CERTS (seen with VS Code 1.100: plain Node
// trusts the CA, the patched request does not). When the variable is set,
// Candor therefore passes Node's own trust explicitly: the bundled roots plus
// those certificates, exactly what plain Node trusts with it.

import * as fs from 'node:fs';
import * as tls from 'node:tls';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * The CA list for upload requests when NODE_EXTRA_CA_CERTS names a readable
 * file with at least one certificate; undefined otherwise (the platform's
 * default trust then applies, including VS Code's system certificates).
 */
export function extraCaTrust(
  env: NodeJS.ProcessEnv = process.env,
  readFile: (file: string) => string = (file) => fs.readFileSync(file, 'utf8'),
): readonly string[] | undefined {
  const file = env.NODE_EXTRA_CA_CERTS;
  if (file === undefined || file === '') {
    return undefined;
  }
  let pems: string[];
  try {
    pems = readFile(file).match(PEM_BLOCK) ?? [];
  } catch {
    // Node has already warned about an unreadable file at start-up; its default trust applies.
    return undefined;
  }
  return pems.length === 0 ? undefined : [...tls.rootCertificates, ...pems];
}
