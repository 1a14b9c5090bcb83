import * as assert from 'node:assert/strict';
import * as tls from 'node:tls';
import { extraCaTrust } from '../../../src/core/upload/extraCaCertificates';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';

describe('upload/extraCaCertificates', () => {
  it("is Node's bundled roots plus the file's certificates when NODE_EXTRA_CA_CERTS is set", () => {
    const read: string[] = [];
    const trust = extraCaTrust({ NODE_EXTRA_CA_CERTS: '/etc/ca.pem' }, (file) => {
      read.push(file);
      return `junk\n${PEM}\n${PEM.replace('MIIB', 'MIIC')}\n`;
    });
    assert.deepEqual(read, ['/etc/ca.pem']);
    assert.deepEqual(trust, [...tls.rootCertificates, PEM, PEM.replace('MIIB', 'MIIC')]);
  });

  it('leaves the default trust alone when the variable is unset, empty, unreadable or holds no certificate', () => {
    const never = (): string => assert.fail('no file should be read');
    assert.equal(extraCaTrust({}, never), undefined);
    assert.equal(extraCaTrust({ NODE_EXTRA_CA_CERTS: '' }, never), undefined);
    assert.equal(
      extraCaTrust({ NODE_EXTRA_CA_CERTS: '/nope' }, () => {
        throw new Error('ENOENT /nope');
      }),
      undefined,
    );
    assert.equal(
      extraCaTrust({ NODE_EXTRA_CA_CERTS: '/empty' }, () => 'no pem here'),
      undefined,
    );
  });
});
