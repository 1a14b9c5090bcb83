// Several VS Code windows are several OS processes writing one store. These
// tests fork real Node processes against one directory and check that no event
// is lost or counted twice — also when a writer is killed with SIGKILL, and
// the kill is shown to have landed inside a flush and inside a compaction.

import * as assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { CandorStore, type CriticalStep } from '../../src/core/store';
import { markerPath, type KillPoint, type WorkerCommand, type WorkerMessage } from './fixtures/storeWorker';
import { makeTempDir, removeDir } from './storeSupport';

const WORKER = path.join(__dirname, 'fixtures', 'storeWorker.js');

class Worker {
  readonly child: ChildProcess;
  private readonly listeners = new Set<(m: WorkerMessage) => void>();
  readonly exited: Promise<void>;

  constructor() {
    this.child = fork(WORKER, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (m: WorkerMessage) => {
      for (const listener of this.listeners) {
        listener(m);
      }
    });
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
  }

  send(command: WorkerCommand): void {
    this.child.send(command);
  }

  on(listener: (m: WorkerMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolve on the first message matching `type`; reject on a failure report or exit. */
  waitFor(type: WorkerMessage['type']): Promise<WorkerMessage> {
    return this.waitUntil((m) => m.type === type, type);
  }

  waitUntil(matches: (m: WorkerMessage) => boolean, what = 'a message'): Promise<WorkerMessage> {
    return new Promise((resolve, reject) => {
      const off = this.on((m) => {
        if (matches(m)) {
          off();
          resolve(m);
        } else if (m.type === 'failed') {
          off();
          reject(new Error(`worker failed: ${m.message}`));
        }
      });
      void this.exited.then(() => reject(new Error(`worker exited while waiting for ${what}`)));
    });
  }
}

async function countsByEvent(dir: string): Promise<Map<string, number>> {
  const store = await CandorStore.open({ dir });
  try {
    const counts = new Map<string, number>();
    for (const day of await store.counters()) {
      for (const c of day.counters) {
        const key = `${String(c.props.w)}:${String(c.props.i)}`;
        counts.set(key, (counts.get(key) ?? 0) + c.count);
      }
    }
    return counts;
  } finally {
    await store.close();
  }
}

describe('CandorStore across OS processes', function () {
  this.timeout(180_000);

  it('4 processes × 2,000 events into one store: every event counted exactly once, 20 rounds', async () => {
    const workers = Array.from({ length: 4 }, () => new Worker());
    try {
      await Promise.all(workers.map((w) => w.waitFor('ready')));
      for (let round = 0; round < 20; round++) {
        const dir = makeTempDir(`conc${round}`);
        try {
          await Promise.all(
            workers.map((w, index) => {
              const done = w.waitFor('done');
              // Different compaction rhythms so compactions and flushes interleave.
              w.send({ cmd: 'record', dir, worker: index, count: 2000, batch: 100, compactEvery: 3 + index });
              return done;
            }),
          );
          const counts = await countsByEvent(dir);
          const wrong = [...counts].filter(([, n]) => n !== 1);
          assert.deepEqual(wrong, [], `round ${round}: events counted more than once`);
          assert.equal(counts.size, 8000, `round ${round}: events lost`);
          for (let w = 0; w < 4; w++) {
            for (let i = 0; i < 2000; i++) {
              assert.ok(counts.has(`${w}:${i}`), `round ${round}: missing ${w}:${i}`);
            }
          }
        } finally {
          removeDir(dir);
        }
      }
    } finally {
      for (const w of workers) {
        w.send({ cmd: 'exit' });
      }
      await Promise.all(workers.map((w) => w.exited));
    }
  });

  it('a writer killed with SIGKILL mid-flush or mid-compaction loses nothing it acknowledged and duplicates nothing', async function () {
    if (process.platform === 'win32') {
      this.skip();
    }
    const dir = makeTempDir('kill');
    const markerDir = makeTempDir('kill-markers');
    const acked = new Map<number, number>();
    // Kills at a chosen critical step — inside a flush (a journal segment written
    // and about to be renamed into place) or inside a compaction (the new database
    // file written and about to replace the old one) — and, for breadth, after a
    // random delay.
    const plan: readonly (CriticalStep | 'random')[] = [
      'segment-rename',
      'database-rename',
      'random',
      'database-rename',
      'segment-rename',
      'random',
    ];
    const landed: CriticalStep[] = [];
    let current: Worker | undefined;
    try {
      for (const [k, target] of plan.entries()) {
        const worker = new Worker();
        current = worker;
        await worker.waitFor('ready');
        worker.on((m) => {
          if (m.type === 'acked') {
            acked.set(m.worker, m.upTo);
          }
        });
        // From the second occurrence on, so the worker has acknowledged a flush before it dies.
        const killAt: KillPoint | undefined =
          target === 'random' ? undefined : { step: target, occurrence: 2 + Math.floor(Math.random() * 3), markerDir };
        worker.send({ cmd: 'loop', dir, worker: k, batch: 50, ...(killAt ? { killAt } : {}) });
        if (killAt === undefined) {
          await worker.waitFor('acked');
          await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 300));
        } else {
          // The worker stops at its step and says so. Should it never get there, it is
          // killed after a bounded number of flushes, and the evidence check below fails.
          await worker.waitUntil(
            (m) => m.type === 'at-critical-step' || (m.type === 'acked' && m.upTo >= 50 * (killAt.occurrence + 20)),
            `worker ${k} to reach ${killAt.step}`,
          );
        }
        worker.child.kill('SIGKILL');
        await worker.exited;
        if (killAt !== undefined && existsSync(markerPath(killAt, k))) {
          landed.push(killAt.step);
        }
      }
      assert.ok(
        landed.includes('segment-rename'),
        `no kill landed inside a flush (landed: ${landed.join(', ') || 'none'})`,
      );
      assert.ok(
        landed.includes('database-rename'),
        `no kill landed inside a compaction (landed: ${landed.join(', ') || 'none'})`,
      );
      const counts = await countsByEvent(dir);
      const duplicated = [...counts].filter(([, n]) => n !== 1);
      assert.deepEqual(duplicated, []);
      for (let k = 0; k < plan.length; k++) {
        const upTo = acked.get(k) ?? 0;
        assert.ok(upTo > 0, `worker ${k} acknowledged something`);
        for (let i = 0; i < upTo; i++) {
          assert.ok(counts.has(`${k}:${i}`), `worker ${k}: acknowledged event ${i} lost`);
        }
        // At most the one batch that was durable but not yet acknowledged may be extra.
        const extra = [...counts.keys()].filter((key) => key.startsWith(`${k}:`) && Number(key.split(':')[1]) >= upTo);
        assert.ok(extra.length <= 50, `worker ${k}: ${extra.length} unacknowledged events`);
      }
    } finally {
      // A worker left waiting (the test failed early) must not outlive the test.
      if (current !== undefined && current.child.exitCode === null && current.child.signalCode === null) {
        current.child.kill('SIGKILL');
        await current.exited;
      }
      removeDir(dir);
      removeDir(markerDir);
    }
  });
});
