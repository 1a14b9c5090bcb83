// A diagnostic storm in the real extension host: 50,000 diagnostics over 2,000
// files in one change, then cleared, ten times. Candor keeps counting (each
// code once per storm), the host keeps answering while the storm runs, nothing
// is dropped, and memory returns to its baseline afterwards. Speed figures are
// in `npm run bench:storm`, not here.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { candor, candorLogText, countOf, counters, enableAll, resetData, waitFor, workspaceDir } from './support';
import {
  Heartbeat,
  heapAfterGc,
  STORM_PER_FILE,
  STORM_ROUNDS,
  STORM_SOURCE,
  stormCode,
  stormEntries,
  workbenchRoundTrip,
} from './stormFixture';

async function stormCounts(): Promise<number[]> {
  const list = await counters('ide.error');
  return Array.from({ length: STORM_PER_FILE }, (_, i) =>
    countOf(list, { origin: 'diagnostic', source: STORM_SOURCE, code: stormCode(i) }),
  );
}

describe('A diagnostic storm in the real extension host', function () {
  this.timeout(600_000);

  it('50,000 diagnostics over 2,000 files, set and cleared ten times: Candor counts each code once per storm, the host answers throughout, memory returns to baseline', async () => {
    await enableAll();
    await resetData();
    const { t } = await candor();
    const root = vscode.Uri.file(workspaceDir());
    const collection = vscode.languages.createDiagnosticCollection('candor-storm');
    const heartbeat = new Heartbeat();
    const droppedBefore = t.recorder.droppedCounts();
    try {
      const baselineBytes = heapAfterGc();
      for (let round = 0; round < STORM_ROUNDS; round++) {
        let entries: Array<[vscode.Uri, vscode.Diagnostic[]]> | undefined = stormEntries(root);
        const beatsAtStorm = heartbeat.beats;
        collection.set(entries);
        entries = undefined;
        // While Candor has the storm to handle, the workbench still gets an answer.
        await workbenchRoundTrip(round);
        const expected = round + 1;
        await waitFor(
          `Candor to count storm ${expected}`,
          async () => (await stormCounts()).every((n) => n === expected) || undefined,
          120_000,
        );
        assert.ok(heartbeat.beats > beatsAtStorm, `no timer ran while storm ${expected} was handled`);
        collection.clear();
        await workbenchRoundTrip(round);
        // One new diagnostic after the clear: once Candor counts it, it has handled the clear too
        // (in the same pass or an earlier one), so the next storm is a new appearance.
        const sentinel = `TS${9000 + round}`; // a listed code of its own per round
        collection.set(vscode.Uri.joinPath(root, 'storm', 'sentinel.ts'), [
          Object.assign(new vscode.Diagnostic(new vscode.Range(0, 0, 0, 1), 's'), {
            source: STORM_SOURCE,
            code: sentinel,
          }),
        ]);
        await waitFor(
          `Candor to handle clear ${expected}`,
          async () => countOf(await counters('ide.error'), { source: STORM_SOURCE, code: sentinel }) === 1 || undefined,
          120_000,
        );
      }
      collection.clear();

      // Exactly one count per code per storm: nothing dropped, nothing double-counted.
      assert.deepEqual(
        await stormCounts(),
        Array.from({ length: STORM_PER_FILE }, () => STORM_ROUNDS),
      );
      assert.deepEqual(t.recorder.droppedCounts(), droppedBefore, 'Candor dropped events during the storm');
      const log = await candorLogText();
      assert.equal(/buffer_full/.test(log), false, 'Candor dropped events for a full buffer during the storm');

      const afterBytes = heapAfterGc();
      const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);
      console.log(`CANDOR_STORM_MEMORY ${JSON.stringify({ baselineMB: mb(baselineBytes), afterMB: mb(afterBytes) })}`);
      assert.ok(
        afterBytes <= baselineBytes * 1.25 + 32 * 1024 * 1024,
        `heap ${mb(afterBytes)} MB after the storm, ${mb(baselineBytes)} MB before`,
      );
    } finally {
      heartbeat.dispose();
      collection.dispose();
    }
  });
});
