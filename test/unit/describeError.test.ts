// The one error→words table: every error becomes a code from the closed list
// with fixed words, and nothing of the error's own text (a path, a user or host
// name, a server's words) ever comes out. Real errors from real file-system
// calls, a real lock and a real TLS failure where the failure can be made here.
import * as assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import {
  CandorError,
  describeError,
  errorCode,
  errorWords,
  FIXED_ERROR_CODES,
  isErrorCode,
  isTlsFailure,
} from '../../src/core/describeError';
import { InvalidEventError } from '../../src/core/catalog';
import { LockTimeoutError, withFileLock } from '../../src/core/store/fileLock';
import { SchemaTooNewError } from '../../src/core/store';
import { describeStoreError, storageFaultCode } from '../../src/core/storageFault';

const USER = 'zeldauser';
const HOME = `/home/${USER}`;

/** An error as Node makes it: the code, and a message with a path under the user's home. */
function systemError(code: string): Error {
  return Object.assign(new Error(`${code}: something failed, open '${HOME}/notes/${USER}-secret.txt'`), { code });
}

function assertClean(text: string): void {
  for (const secret of [HOME, USER, 'secret', 'notes']) {
    assert.ok(!text.includes(secret), `"${secret}" leaked into: ${text}`);
  }
}

describe('describeError: an error as a code and fixed words', () => {
  it('keeps listed system codes and gives each its words, never the message', () => {
    for (const code of ['ENOSPC', 'EACCES', 'EROFS', 'ENOENT', 'EPERM', 'EDQUOT', 'EISDIR', 'ECONNREFUSED']) {
      const error = systemError(code);
      assert.equal(errorCode(error), code);
      const text = describeError(error);
      assert.equal(text, `${errorWords(code as never)} (${code})`);
      assertClean(text);
    }
  });

  it("names Candor's own failures by their codes", () => {
    const cases: Array<[unknown, string]> = [
      [new LockTimeoutError(`${HOME}/.config/candor/candor.lock`, 10_000, 4242), 'lock-timeout'],
      [new SchemaTooNewError(99, 3), 'database-too-new'],
      [new InvalidEventError('example.loaded', 'example_id', 'expected a declared value'), 'invalid-event'],
      [new CandorError('sharing-off'), 'sharing-off'],
      [new CandorError('storage-unavailable'), 'storage-unavailable'],
      [Object.assign(new Error(`no storage at ${HOME}`), { code: 'UNAVAILABLE' }), 'storage-unavailable'],
      [Object.assign(new Error(`cannot write ${HOME}/x.json`), { code: 'NoPermissions' }), 'EACCES'],
      [Object.assign(new Error(`${HOME}/x.json not found`), { code: 'FileNotFound' }), 'ENOENT'],
      [Object.assign(new Error(`server says ${USER}`), { status: 503 }), 'http-503'],
      [Object.assign(new Error('x'), { code: 'CERT_HAS_EXPIRED' }), 'tls-expired'],
      [Object.assign(new Error('x'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), 'tls-untrusted'],
      [
        Object.assign(new Error(`Host: ${USER}-laptop is not in the cert's altnames`), {
          code: 'ERR_TLS_CERT_ALTNAME_INVALID',
        }),
        'tls-hostname',
      ],
    ];
    for (const [error, code] of cases) {
      assert.equal(errorCode(error), code);
      assertClean(describeError(error));
    }
  });

  it('an unknown error is "error", with its type only when it is a built-in JavaScript error', () => {
    class ZeldauserPayrollError extends Error {}
    assert.equal(errorCode(new ZeldauserPayrollError(`${HOME} broke`)), 'error');
    assert.equal(errorCode(new Error(`${HOME} broke`)), 'error');
    assert.equal(errorCode(new TypeError(`cannot read ${USER}`)), 'error:TypeError');
    assert.equal(errorCode(new RangeError('x')), 'error:RangeError');
    assert.equal(errorCode(`${HOME} as a string`), 'error');
    assert.equal(errorCode(undefined), 'error');
    assert.equal(errorCode(42), 'error');
    assert.equal(errorCode({ code: `${USER}-code`, message: HOME }), 'error');
    assert.equal(describeError(new Error(HOME)), 'an unexpected error occurred (error)');
  });

  it('a code mentioned in a message is kept only when it is listed', () => {
    assert.equal(errorCode(new Error(`ENOSPC: no space left on device, write '${HOME}/x'`)), 'ENOSPC');
    assert.equal(errorCode(new Error(`EZELDA: made up, '${HOME}/x'`)), 'error');
  });

  it('a hostile error (throwing getters) is described without running into them twice or throwing', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error(HOME);
        },
      },
    );
    assert.equal(errorCode(hostile), 'error');
    assert.equal(isTlsFailure(hostile), false);
  });

  it('real failures of real file-system calls come out as their codes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `candor-${USER}-`));
    try {
      const file = path.join(dir, 'a-file');
      fs.writeFileSync(file, 'x');
      const failures: Array<[Promise<unknown>, string]> = [
        [fsp.readFile(path.join(dir, 'missing')), 'ENOENT'],
        [fsp.writeFile(path.join(file, 'below-a-file'), 'x'), 'ENOTDIR'],
        [fsp.readFile(dir), 'EISDIR'],
        [fsp.mkdir(dir), 'EEXIST'],
      ];
      for (const [failing, code] of failures) {
        const error = await failing.then(
          () => assert.fail(`${code} did not happen`),
          (e: unknown) => e,
        );
        assert.equal(errorCode(error), code);
        const text = describeError(error);
        assert.ok(!text.includes(dir) && !text.includes(USER), text);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a real lock timeout is "lock-timeout", and its path stays out', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `candor-${USER}-`));
    try {
      const lock = path.join(dir, 'store.lock');
      const error = await withFileLock(lock, () =>
        withFileLock(lock, () => Promise.resolve(), { timeoutMs: 50 }).then(
          () => assert.fail('the second lock was taken'),
          (e: unknown) => e,
        ),
      );
      assert.equal(errorCode(error), 'lock-timeout');
      assert.equal(describeStoreError(error), `${errorWords('lock-timeout')} (lock-timeout)`);
      assert.ok(!describeError(error).includes(dir));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('storage faults keep only listed codes', () => {
    assert.equal(storageFaultCode(systemError('ENOSPC')), 'ENOSPC');
    assert.equal(storageFaultCode(Object.assign(new Error('x'), { code: 'UNAVAILABLE' })), 'UNAVAILABLE');
    assert.equal(storageFaultCode(Object.assign(new Error('x'), { code: `${USER}` })), 'UNKNOWN');
    assert.equal(storageFaultCode(new Error(HOME)), 'UNKNOWN');
    assert.equal(describeStoreError(systemError('ENOSPC')), 'Local storage is full (ENOSPC)');
    assertClean(describeStoreError(systemError('EIO')));
  });

  it('tells a TLS failure by its code or by the words of its message, and says only yes or no', () => {
    assert.equal(isTlsFailure(Object.assign(new Error('x'), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' })), true);
    assert.equal(
      isTlsFailure(
        Object.assign(new Error('Client network socket disconnected before secure TLS connection was established'), {
          code: 'ECONNRESET',
        }),
      ),
      true,
    );
    assert.equal(isTlsFailure(systemError('ECONNREFUSED')), false);
  });

  it('every fixed code has its own words, and isErrorCode knows exactly the codes errorCode returns', () => {
    for (const code of FIXED_ERROR_CODES) {
      assert.ok(isErrorCode(code), code);
      assert.notEqual(errorWords(code as never), '', code);
    }
    assert.ok(isErrorCode('http-503'));
    assert.ok(isErrorCode('error:TypeError'));
    assert.ok(!isErrorCode('error:Error'));
    assert.ok(!isErrorCode('error:ZeldaError'));
    assert.ok(!isErrorCode('http-999'));
  });

  it('property: whatever an error carries, only a listed code and its fixed words come out', () => {
    const secret = fc.constantFrom(HOME, USER, `${USER}.example.com`, `C:\\Users\\${USER}`, `${USER}@example.com`);
    const text = fc.tuple(fc.string({ maxLength: 40 }), secret, fc.string({ maxLength: 40 })).map((p) => p.join(''));
    const anyError = fc.oneof(
      text.map((message) => new Error(message)),
      fc
        .tuple(text, fc.oneof(text, fc.constantFrom(...FIXED_ERROR_CODES)))
        .map(([message, code]) => Object.assign(new Error(message), { code })),
      fc
        .tuple(text, fc.integer({ min: -1000, max: 1000 }))
        .map(([message, status]) => Object.assign(new TypeError(message), { status })),
      text,
      fc.record({ message: text, name: text, code: text }),
    );
    fc.assert(
      fc.property(anyError, (error) => {
        const code = errorCode(error);
        assert.ok(isErrorCode(code), code);
        const described = describeError(error);
        assert.equal(described, `${errorWords(code)} (${code})`);
        assert.ok(!described.includes(USER), described);
      }),
      { numRuns: 2000 },
    );
  });
});
