// A really full disk under the running extension: a small tmpfs is mounted over
// Candor's journal folder and filled. Mounting needs root (CI runs as root);
// elsewhere the test skips and says why.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { candor, countOf, counters, enableAll, resetData, waitFor } from './support';
import { fillUntilFull } from '../support/fillDisk';

const RUN = { kind: 'debug', runtime: 'node' };
const FULL = 'Local storage is full (ENOSPC) — 3 events waiting';

describe('storage full in the real extension host (real tmpfs over the journal folder)', function () {
  let mountedAt: string | undefined;

  before(function () {
    if (process.platform !== 'linux' || process.getuid?.() !== 0) {
      console.log('      skipped: mounting a tmpfs needs root on Linux (CI runs as root)');
      this.skip();
    }
  });

  after(() => {
    // Only what this test mounted.
    if (mountedAt !== undefined) {
      execFileSync('umount', [mountedAt]);
    }
  });

  it('the indicator says why and how many events wait; recording resumes when space returns, nothing recorded is lost', async () => {
    const { t } = await candor();
    await enableAll();
    await resetData();
    await t.store.compact();
    const journal = path.join(t.storeDir, 'journal');
    fs.mkdirSync(journal, { recursive: true });
    assert.deepEqual(fs.readdirSync(journal), [], 'every segment is folded before the mount hides the folder');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs', journal]);
    mountedAt = journal;
    fillUntilFull(journal);

    for (let i = 0; i < 3; i++) {
      assert.equal(t.recorder.record('ide.run', RUN).status, 'recorded');
    }
    await t.recorder.flush();
    const tooltip = await waitFor('the indicator to say storage is full', () => {
      const shown = t.indicator.shown.tooltip;
      return shown.includes(FULL) ? shown : undefined;
    });
    assert.ok(!tooltip.includes(t.storeDir) && !tooltip.includes(journal), 'the tooltip names the fault, never a path');
    assert.match(t.indicator.shown.text, /\$\(warning\)/);
    const state = await t.source.getState();
    assert.equal(state.recording?.problem, `${FULL}`);
    assert.equal(state.recording?.droppedEvents, 0);

    fs.rmSync(path.join(journal, 'filler.bin'));
    await t.recorder.flush();
    await waitFor('the indicator to stop warning', () => !t.indicator.shown.tooltip.includes('Local storage'));
    assert.equal(t.recorder.storageFault, undefined);
    assert.equal(countOf(await counters('ide.run'), RUN), 3, 'every recorded event is stored, with no restart');
    await t.store.compact();
    assert.deepEqual(
      fs.readdirSync(journal).filter((n) => n.endsWith('.seg')),
      [],
    );
  });
});
