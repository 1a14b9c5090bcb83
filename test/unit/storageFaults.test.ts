// Storage faults under real conditions: the store lives on a small tmpfs that
// the test fills (ENOSPC) or remounts read-only (EROFS), and a folder that is
// deleted while the store is open. Mounting needs root (CI runs as root);
// elsewhere these tests skip and say why.
//
// The promise checked every time: events the recorder accepted ('recorded') are
// all in the database once storage is back, with no restart; what did not fit
// in the bounded buffer is counted as dropped; the database file passes
// PRAGMA quick_check after every fault.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { decideConsent } from '../../src/core/consent';
import { Recorder } from '../../src/core/recorder';
import { CandorStore } from '../../src/core/store';
import { loadSqlJs } from '../../src/core/store/sqlite';
import { describeStorageFault } from '../../src/core/storageFault';
import { makeTempDir, removeDir } from './storeSupport';
import { fillUntilFull } from '../support/fillDisk';
import { TEST_GATE } from '../support/gate';

const RUN = { kind: 'debug', runtime: 'node' };
const SHARING = decideConsent({
  vscodeLevel: 'all',
  enabled: true,
  usage: true,
  errors: true,
  doNotTrack: false,
  endpointConfigured: false,
});
const FILLER = 'filler.bin';

/** Why a real tmpfs cannot be mounted here, or undefined when it can. In CI (root) a failure to mount is an error, not a skip. */
function cannotMount(): string | undefined {
  if (process.platform !== 'linux') {
    return 'tmpfs mounts need Linux';
  }
  if (process.getuid?.() !== 0) {
    return 'mounting a tmpfs needs root (CI runs as root)';
  }
  const probe = makeTempDir('tmpfs-probe');
  try {
    mountTmpfs(probe);
    execFileSync('umount', [probe]);
    return undefined;
  } catch (error) {
    if (process.env.CI) {
      throw error;
    }
    return `root, but mount -t tmpfs failed here (${(error as NodeJS.ErrnoException).code ?? 'no CAP_SYS_ADMIN?'})`;
  } finally {
    removeDir(probe);
  }
}

function mountTmpfs(dir: string): void {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m,mode=0700', 'tmpfs', dir]);
}

function free(dir: string): void {
  rmSync(path.join(dir, FILLER), { force: true });
}

async function quickCheck(dbPath: string): Promise<string> {
  const sql = await loadSqlJs();
  const db = new sql.Database(readFileSync(dbPath));
  try {
    return String(db.exec('PRAGMA quick_check')[0]?.values[0]?.[0]);
  } finally {
    db.close();
  }
}

async function totalCount(store: CandorStore): Promise<number> {
  return (await store.counters()).flatMap((d) => d.counters).reduce((sum, c) => sum + c.count, 0);
}

function recordMany(recorder: Recorder, n: number): { recorded: number; bufferFull: number } {
  let recorded = 0;
  let bufferFull = 0;
  for (let i = 0; i < n; i++) {
    const status = recorder.record('ide.run', RUN).status;
    if (status === 'recorded') {
      recorded++;
    } else if (status === 'buffer_full') {
      bufferFull++;
    }
  }
  return { recorded, bufferFull };
}

describe('storage faults on a real tmpfs (ENOSPC, EROFS)', function () {
  let mountPoint: string;
  let mounted = false;
  let store: CandorStore | undefined;
  let recorder: Recorder | undefined;
  const logs: string[] = [];

  before(function () {
    const reason = cannotMount();
    if (reason !== undefined) {
      console.log(`      skipped: ${reason}`);
      this.skip();
    }
  });

  beforeEach(async () => {
    mountPoint = makeTempDir('tmpfs');
    mountTmpfs(mountPoint);
    mounted = true;
    logs.length = 0;
    store = await CandorStore.open({ dir: path.join(mountPoint, 'store') });
    recorder = new Recorder({
      sink: store,
      guard: { checkEvent: () => ({ ok: true }) },
      getConsent: () => SHARING,
      flushIntervalMs: 0,
      maxBuffered: 50,
      compactEveryFlushes: 0,
      log: (m) => logs.push(m),
    });
  });

  afterEach(async () => {
    await recorder?.dispose();
    await store?.close();
    if (mounted) {
      // Only what this test mounted; a read-only remount is undone by unmounting.
      execFileSync('umount', [mountPoint]);
      mounted = false;
    }
    removeDir(mountPoint);
  });

  it('disk full while writing a journal segment: buffered up to the bound, the rest counted as dropped, resumes when space returns', async () => {
    const r = recorder!;
    const s = store!;
    assert.equal(recordMany(r, 3).recorded, 3);
    await r.flush();
    fillUntilFull(mountPoint);

    const during = recordMany(r, 60);
    await r.flush();
    assert.deepEqual(during, { recorded: 50, bufferFull: 10 });
    assert.deepEqual(r.storageFault, { code: 'ENOSPC', waiting: 50, dropped: 10 });
    assert.equal(
      describeStorageFault(r.storageFault),
      'Local storage is full (ENOSPC) — 50 events waiting, 10 dropped',
    );
    assert.equal(logs.filter((m) => m.includes('ENOSPC')).length, 1, 'said once');
    assert.ok(
      logs.every((m) => !m.includes(mountPoint)),
      'no path in what Candor says',
    );
    await r.flush(); // a second failed attempt is not said again
    assert.equal(logs.filter((m) => m.includes('ENOSPC')).length, 1);
    assert.deepEqual(
      readdirSync(path.join(s.dir, 'journal')).filter((n) => n.endsWith('.tmp')),
      [],
      'no partial segment left',
    );
    assert.equal(await quickCheck(s.dbPath), 'ok');

    free(mountPoint);
    await r.flush();
    assert.equal(r.storageFault, undefined);
    assert.equal(r.pending, 0);
    assert.equal(await totalCount(s), 3 + 50, 'every recorded event is stored');
    assert.equal(r.droppedCounts().buffer_full, 10);
    assert.equal(await quickCheck(s.dbPath), 'ok');
  });

  it('disk full during compaction: the old file stays whole, segments are kept, reads still answer, and the next compaction folds them', async () => {
    const s = store!;
    await s.logConsentDecision(SHARING, { enabled: true, usage: true, errors: true, doNotTrack: false });
    const before = readFileSync(s.dbPath);
    recordMany(recorder!, 5);
    await recorder!.flush();
    fillUntilFull(mountPoint);

    await s.compact(); // a read: answers from the folded data even though it cannot persist
    assert.equal(await totalCount(s), 5);
    assert.equal((await s.stats()).pendingSegments, 1, 'the segment is kept until the file holds it');
    await assert.rejects(
      s.logConsentDecision(SHARING, { enabled: true, usage: true, errors: true, doNotTrack: false }),
      { code: 'ENOSPC' },
    );
    assert.equal(existsSync(path.join(s.dir, 'candor.lock')), false, 'no empty lock file left to stall other windows');
    assert.deepEqual(readFileSync(s.dbPath), before, 'the database file is untouched');
    assert.equal(await quickCheck(s.dbPath), 'ok');
    assert.deepEqual(
      readdirSync(s.dir).filter((n) => n.includes('.tmp')),
      [],
      'no partial database copy left',
    );

    free(mountPoint);
    await s.compact();
    assert.equal((await s.stats()).pendingSegments, 0);
    assert.equal(await totalCount(s), 5, 'counted once');
    assert.equal(await quickCheck(s.dbPath), 'ok');
  });

  it('disk full during export: the export still holds everything recorded, journal included', async () => {
    const s = store!;
    recordMany(recorder!, 4);
    await recorder!.flush();
    fillUntilFull(mountPoint);
    const exported = JSON.parse(await s.exportJson(TEST_GATE)) as { counters: { count: number }[] };
    assert.equal(
      exported.counters.reduce((sum, c) => sum + c.count, 0),
      4,
    );
    assert.equal(await quickCheck(s.dbPath), 'ok');
  });

  it('read-only storage (remount,ro → EROFS): events wait, and recording resumes once it is writable again', async () => {
    const r = recorder!;
    const s = store!;
    recordMany(r, 2);
    await r.flush();
    execFileSync('mount', ['-o', 'remount,ro', mountPoint]);
    recordMany(r, 5);
    await r.flush();
    assert.deepEqual(r.storageFault, { code: 'EROFS', waiting: 5, dropped: 0 });
    assert.equal(await totalCount(s), 2, 'reads still work on a read-only folder');
    assert.equal(await quickCheck(s.dbPath), 'ok');

    execFileSync('mount', ['-o', 'remount,rw', mountPoint]);
    await r.flush();
    assert.equal(r.storageFault, undefined);
    assert.equal(await totalCount(s), 7);
    assert.equal(await quickCheck(s.dbPath), 'ok');
  });
});

describe('storage folder deleted while running', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir('deleted');
  });
  afterEach(() => removeDir(dir));

  it('re-creates the folder: flushing, compaction and the consent log carry on, with no restart', async () => {
    const storeDir = path.join(dir, 'store');
    mkdirSync(storeDir);
    const store = await CandorStore.open({ dir: storeDir });
    const recorder = new Recorder({
      sink: store,
      guard: { checkEvent: () => ({ ok: true }) },
      getConsent: () => SHARING,
      flushIntervalMs: 0,
    });
    try {
      recordMany(recorder, 2);
      await recorder.flush();
      await store.compact();
      rmSync(storeDir, { recursive: true, force: true });
      recordMany(recorder, 3);
      await recorder.flush();
      assert.equal(recorder.storageFault, undefined);
      await store.logConsentDecision(SHARING, { enabled: true, usage: true, errors: true, doNotTrack: false });
      assert.ok(existsSync(store.dbPath));
      // What was already in the deleted folder went with it (the user deleted it); what came after is all there.
      assert.equal(await totalCount(store), 3);
      assert.equal((await store.consentLog()).length, 1);
      assert.equal(await quickCheck(store.dbPath), 'ok');
    } finally {
      await recorder.dispose();
      await store.close();
    }
  });
});
