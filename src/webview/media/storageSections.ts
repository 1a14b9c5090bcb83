// The payload view's storage sections: what is stored on this computer, and
// whether recorded events reach the disk. Counts and words only, never a path.
import type { RecordingView, StorageStatsView } from '../protocol';
import { formatBytes } from '../viewModel';
import { definitionList, section } from './sections';

export function renderStats(stats: StorageStatsView): HTMLElement {
  return section(
    'Stored on this computer',
    'stats',
    'storage-stats',
    definitionList([
      ['Events stored', String(stats.storedEvents)],
      ['Database size', formatBytes(stats.databaseBytes)],
      ['Oldest day', stats.oldestDay ?? 'None'],
      ['Kept for', `${stats.retentionDays} ${stats.retentionDays === 1 ? 'day' : 'days'}`],
    ]),
  );
}

/** Shown only when events are waiting for storage or were lost: the count and the reason, never a path. */
export function renderRecording(recording: RecordingView): HTMLElement | undefined {
  if (recording.problem === null && recording.droppedEvents === 0) {
    return undefined;
  }
  const rows: [string, string][] = [['Events dropped', String(recording.droppedEvents)]];
  if (recording.problem !== null) {
    rows.unshift(['Problem', recording.problem]);
  }
  return section('Recording', 'recording', 'recording-health', definitionList(rows));
}
