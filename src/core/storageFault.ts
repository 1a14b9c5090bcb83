// Why local storage is failing, in words a user can act on. The words come
// from the error's code only (ENOSPC, EROFS, …): an error's message can carry a
// path, which Candor never logs or shows.
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

const WORDS: Readonly<Record<string, string>> = {
  ENOSPC: 'Local storage is full',
  EDQUOT: 'Local storage is over its quota',
  EROFS: 'Local storage is read-only',
  EACCES: 'Local storage is not writable',
  EPERM: 'Local storage is not writable',
  ENOENT: 'The local storage folder is missing',
  /** Not a file-system code: the store could not be opened at all in this window. */
  UNAVAILABLE: 'Local storage is unavailable',
};

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
  const what = WORDS[fault.code] ?? 'Local storage cannot be written';
  const waiting = `${fault.waiting} ${fault.waiting === 1 ? 'event' : 'events'} waiting`;
  const code = fault.code.startsWith('E') ? ` (${fault.code})` : '';
  return `${what}${code} — ${waiting}${fault.dropped > 0 ? `, ${fault.dropped} dropped` : ''}`;
}

/** Words for a store error: the storage words for its code when there are some, else the usual description. */
export function describeStoreError(error: unknown): string {
  const code = storageFaultCode(error);
  const words = WORDS[code];
  return words === undefined ? describeError(error) : `${words} (${code})`;
}
