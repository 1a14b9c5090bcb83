// The payload view's storage sections: what is stored on this computer, and
// whether recorded events reach the disk. Counts and words only, never a path.
import * as l10n from '@vscode/l10n';
import type { RecordingView, StorageStatsView } from '../protocol';
import { formatBytes } from '../viewModel';
import { definitionList, section } from './sections';

export function renderStats(stats: StorageStatsView): HTMLElement {
  return section(
    l10n.t('Stored on this computer'),
    'stats',
    'storage-stats',
    definitionList([
      [l10n.t('Events stored'), String(stats.storedEvents)],
      [l10n.t('Database size'), formatBytes(stats.databaseBytes)],
      [l10n.t('Oldest day'), stats.oldestDay ?? l10n.t('None')],
      [l10n.t('Kept for'), stats.retentionDays === 1 ? l10n.t('1 day') : l10n.t('{0} days', stats.retentionDays)],
    ]),
  );
}

/** Shown only when events are waiting for storage or were lost: the count and the reason, never a path. */
export function renderRecording(recording: RecordingView): HTMLElement | undefined {
  if (recording.problem === null && recording.droppedEvents === 0) {
    return undefined;
  }
  const rows: [string, string][] = [[l10n.t('Events dropped'), String(recording.droppedEvents)]];
  if (recording.problem !== null) {
    rows.unshift([l10n.t('Problem'), recording.problem]);
  }
  return section(l10n.t('Recording'), 'recording', 'recording-health', definitionList(rows));
}
