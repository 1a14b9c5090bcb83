// Why local storage is failing, in words a user can act on. The words come
// from the error's code only (ENOSPC, EROFS, …): an error's message can carry a
// path, which Candor never logs or shows. In the display language, through @vscode/l10n.
import * as l10n from '@vscode/l10n';
import { describeError, errorCode } from './describeError';

/** A storage failure the recorder is riding out: its code, and the events it holds or lost meanwhile. */
export interface StorageFault {
  /** The file-system error code, e.g. 'ENOSPC'; 'UNKNOWN' when the error had none. */
  readonly code: string;
  /** Events buffered in memory, waiting for the storage to come back. */
  readonly waiting: number;
  /** Events lost because the buffer was full while storage failed. */
  readonly dropped: number;
}

/** Words by error code; a function, so they are looked up after the bundle is configured. */
function words(code: string): string | undefined {
  switch (code) {
    case 'ENOSPC':
      return l10n.t('Local storage is full');
    case 'EDQUOT':
      return l10n.t('Local storage is over its quota');
    case 'EROFS':
      return l10n.t('Local storage is read-only');
    case 'EACCES':
    case 'EPERM':
      return l10n.t('Local storage is not writable');
    case 'ENOENT':
      return l10n.t('The local storage folder is missing');
    case 'UNAVAILABLE':
      // Not a file-system code: the store could not be opened at all in this window.
      return l10n.t('Local storage is unavailable');
    default:
      return undefined;
  }
}

/** The code of a storage error (never its message): a listed system code, UNAVAILABLE, or UNKNOWN. */
export function storageFaultCode(error: unknown): string {
  const code = errorCode(error);
  if (code === 'storage-unavailable') {
    return 'UNAVAILABLE';
  }
  return /^E[A-Z_]+$/.test(code) ? code : 'UNKNOWN';
}

/** e.g. "Local storage is full (ENOSPC) — 12 events waiting, 3 dropped". */
export function describeStorageFault(fault: StorageFault): string {
  const what = words(fault.code) ?? l10n.t('Local storage cannot be written');
  const waiting = fault.waiting === 1 ? l10n.t('1 event waiting') : l10n.t('{0} events waiting', fault.waiting);
  const code = fault.code.startsWith('E') ? ` (${fault.code})` : '';
  return `${what}${code} — ${waiting}${fault.dropped > 0 ? `, ${l10n.t('{0} dropped', fault.dropped)}` : ''}`;
}

/** Words for a store error: the storage words for its code when there are some, else the usual description. */
export function describeStoreError(error: unknown): string {
  const code = storageFaultCode(error);
  const known = words(code);
  return known === undefined ? describeError(error) : `${known} (${code})`;
}
