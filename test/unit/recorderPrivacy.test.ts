// Property: whatever mix of events and planted secrets reaches the recorder,
// the bytes on disk (journal segments before compaction, the database file
// after) never contain a secret, while the clean events do arrive.

import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { decideConsent } from '../../src/core/consent';
import { createPrivacyGuard } from '../../src/core/privacyGuard';
import { Recorder } from '../../src/core/recorder';
import { CandorStore } from '../../src/core/store';
import { NOW, makeTempDir, removeDir } from './storeSupport';

const USER = 'zeldauser';
const HOME = `/home/${USER}`;
const HOST = 'zelda-laptop';

const SECRETS = [
  USER,
  HOME,
  `${HOME}/projects/app/main.ts`,
  'C:\\Users\\zeldauser\\app.py',
  'file:///home/zeldauser/app.js',
  '~/app/notes.md',
  HOST,
  'zelda@example.com',
  'ghp_4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e',
  'AKIAIOSFODNN7EXAMPLE',
  'https://intranet.example.org/build?id=42',
  '10.11.12.13',
  "Cannot find name 'zeldaSecretIdent'",
  'at Object.<anonymous> (/home/zeldauser/app.js:3:9)',
];

/** A catalog-valid value, or a secret planted in one property. */
const events = fc.array(
  fc.oneof(
    fc.record({
      name: fc.constant('ide.run'),
      props: fc.record({ kind: fc.constantFrom('debug', 'task'), runtime: fc.constantFrom('node', 'python', 'npm') }),
    }),
    fc.record({
      name: fc.constant('ide.error'),
      props: fc.record({
        origin: fc.constant('diagnostic'),
        source: fc.constantFrom('ts', 'eslint'),
        code: fc.constantFrom('TS2304', 'no-unused-vars'),
        severity: fc.constant('error'),
      }),
    }),
    fc.record({
      name: fc.constant('ide.reset'),
      props: fc.record({ kind: fc.constantFrom('debug', 'task') }),
    }),
    fc.record({
      name: fc.constant('ide.run'),
      props: fc.record({ kind: fc.constant('debug'), runtime: fc.constantFrom(...SECRETS) }),
    }),
    fc.record({
      name: fc.constant('ide.error'),
      props: fc.record({
        origin: fc.constant('diagnostic'),
        source: fc.constantFrom('ts', ...SECRETS),
        code: fc.constantFrom(...SECRETS),
        severity: fc.constant('error'),
      }),
    }),
    fc.record({
      name: fc.constant('ide.error'),
      props: fc.record({ origin: fc.constant('exception'), code: fc.constantFrom(...SECRETS) }),
    }),
    fc.record({ name: fc.constant('ide.reset'), props: fc.record({ kind: fc.constantFrom(...SECRETS) }) }),
    fc.record({
      name: fc.constant('ide.reset'),
      props: fc.record({ kind: fc.constantFrom('task'), [SECRETS[0]]: fc.constant('x') }),
    }),
    fc.record({ name: fc.constantFrom(...SECRETS), props: fc.constant({}) }),
  ),
  { minLength: 1, maxLength: 40 },
);

function diskBytes(dir: string): Buffer[] {
  const files: Buffer[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else {
        files.push(readFileSync(full));
      }
    }
  };
  walk(dir);
  return files;
}

function assertNoSecret(dir: string, when: string): void {
  for (const bytes of diskBytes(dir)) {
    const text = bytes.toString('latin1').toLowerCase();
    for (const secret of SECRETS) {
      for (const needle of [secret, secret.split(/[\\/]/).pop()!]) {
        assert.equal(text.includes(needle.toLowerCase()), false, `${when}: "${needle}" reached the disk`);
      }
    }
  }
}

describe('Recorder + store privacy', function () {
  this.timeout(120_000);

  it('planted secrets never reach the journal or the database; clean events do', async () => {
    await fc.assert(
      fc.asyncProperty(events, async (batch) => {
        const dir = makeTempDir('privacy');
        const store = await CandorStore.open({ dir, now: () => NOW });
        try {
          const recorder = new Recorder({
            sink: store,
            guard: createPrivacyGuard({ userName: USER, homeDir: HOME, hostName: HOST }),
            getConsent: () =>
              decideConsent({
                vscodeLevel: 'all',
                enabled: true,
                usage: true,
                errors: true,
                doNotTrack: false,
                endpointConfigured: true,
              }),
            now: () => NOW,
            flushIntervalMs: 0,
            compactEveryFlushes: 0,
          });
          const recorded = batch.filter((e) => recorder.record(e.name, e.props).status === 'recorded').length;
          await recorder.flush();
          assertNoSecret(dir, 'journal');
          await store.compact();
          assertNoSecret(dir, 'database');
          assert.equal((await store.stats()).events, recorded);
          await recorder.dispose();
        } finally {
          await store.close();
          removeDir(dir);
        }
      }),
      { numRuns: 40 },
    );
  });
});
