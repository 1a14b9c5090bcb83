// The one place that turns an error into words for Candor's log, notifications
// and the views' error banners. An error's own message can carry a path, a file
// name, a user or host name or a server's text, so it is never shown: an error
// is described by a code from the closed list below, with fixed words for it.
// Every error that reaches a person goes through here (a lint rule in
// eslint.config.mjs keeps `.message` and `String(error)` out of the rest of src/).
// The words are in the display language (through @vscode/l10n); the code never is.

import * as l10n from '@vscode/l10n';
import { JAVASCRIPT_ERRORS } from './vocabularies/exceptionTypes';

/** File-system and process codes Node puts in `error.code`, kept as they are. */
const SYSTEM_WORDS = {
  ENOSPC: () => l10n.t('no space is left on the disk'),
  EDQUOT: () => l10n.t('the disk quota is used up'),
  EROFS: () => l10n.t('the file system is read-only'),
  EACCES: () => l10n.t('permission was denied'),
  EPERM: () => l10n.t('the operation is not permitted'),
  ENOENT: () => l10n.t('a file or folder is missing'),
  EEXIST: () => l10n.t('a file already exists'),
  EISDIR: () => l10n.t('a folder is where a file was expected'),
  ENOTDIR: () => l10n.t('a file is where a folder was expected'),
  ENOTEMPTY: () => l10n.t('a folder is not empty'),
  EBUSY: () => l10n.t('a file is busy'),
  EMFILE: () => l10n.t('too many files are open'),
  ENFILE: () => l10n.t('too many files are open'),
  EIO: () => l10n.t('the disk reported an input/output error'),
  EXDEV: () => l10n.t('a file cannot be moved across disks'),
  ENAMETOOLONG: () => l10n.t('a file name is too long'),
  ELOOP: () => l10n.t('a link points to itself'),
  EAGAIN: () => l10n.t('a resource is temporarily unavailable'),
  ECONNREFUSED: () => l10n.t('the connection was refused'),
  ECONNRESET: () => l10n.t('the connection was reset'),
  ECONNABORTED: () => l10n.t('the connection was aborted'),
  ETIMEDOUT: () => l10n.t('the connection timed out'),
  EHOSTUNREACH: () => l10n.t('the host cannot be reached'),
  ENETUNREACH: () => l10n.t('the network cannot be reached'),
  ENOTFOUND: () => l10n.t('the host name was not found'),
  EAI_AGAIN: () => l10n.t('the host name could not be looked up'),
  EPIPE: () => l10n.t('the connection was closed'),
} as const;

/** Candor's own codes, for errors Candor raises or recognises. */
const CANDOR_WORDS = {
  'lock-timeout': () => l10n.t('another VS Code window held Candor’s storage for too long'),
  'database-damaged': () => l10n.t('Candor’s database file is damaged'),
  'segment-damaged': () => l10n.t('a journal segment of Candor’s storage is damaged'),
  'database-too-new': () => l10n.t('Candor’s database was written by a newer version of Candor'),
  'storage-unavailable': () => l10n.t('Candor’s local storage is unavailable in this window'),
  'invalid-event': () => l10n.t('an event did not match the catalog'),
  'invalid-report': () => l10n.t('a stored report did not match the report schema'),
  'sharing-off': () => l10n.t('sharing is off: set candor.endpoint and enable Candor to send reports'),
  'file-unavailable': () => l10n.t('the file is unavailable'),
  'tls-untrusted': () => l10n.t('the certificate is not trusted'),
  'tls-expired': () => l10n.t('the certificate has expired'),
  'tls-hostname': () => l10n.t('the certificate is for another host'),
  tls: () => l10n.t('the secure connection failed'),
  timeout: () => l10n.t('the operation timed out'),
  aborted: () => l10n.t('the operation was stopped'),
  error: () => l10n.t('an unexpected error occurred'),
} as const;

export type SystemErrorCode = keyof typeof SYSTEM_WORDS;
export type CandorErrorCode = keyof typeof CANDOR_WORDS;
/** `http-NNN` for an HTTP status, `error:TypeError` for an unexpected built-in JavaScript error other than plain `Error`. */
export type ErrorCode = SystemErrorCode | CandorErrorCode | `http-${number}` | `error:${string}`;

const SYSTEM_CODES: ReadonlySet<string> = new Set(Object.keys(SYSTEM_WORDS));
const BUILTIN_ERRORS: ReadonlySet<string> = new Set(JAVASCRIPT_ERRORS);

/** Every fixed code (HTTP statuses and built-in error types aside), for tests and documentation. */
export const FIXED_ERROR_CODES: readonly string[] = [...Object.keys(SYSTEM_WORDS), ...Object.keys(CANDOR_WORDS)];

/** An error Candor raises itself, with a code from the list and nothing else. */
export class CandorError extends Error {
  override readonly name = 'CandorError';
  constructor(readonly code: CandorErrorCode) {
    super(CANDOR_WORDS[code]());
  }
}

/** Errors of Candor's own classes (and a few well-known ones), by name: no import cycle with their modules. */
const BY_NAME: Readonly<Record<string, CandorErrorCode>> = {
  LockTimeoutError: 'lock-timeout',
  CorruptDatabaseError: 'database-damaged',
  SchemaTooNewError: 'database-too-new',
  InvalidEventError: 'invalid-event',
  InvalidReportError: 'invalid-report',
  ReportNotCleanError: 'invalid-report',
  AbortError: 'aborted',
  TimeoutError: 'timeout',
};

/** VS Code's FileSystemError codes, as the Node codes they stand for. */
const FILE_SYSTEM_ERROR_CODES: Readonly<Record<string, ErrorCode>> = {
  FileNotFound: 'ENOENT',
  FileExists: 'EEXIST',
  FileNotADirectory: 'ENOTDIR',
  FileIsADirectory: 'EISDIR',
  NoPermissions: 'EACCES',
  Unavailable: 'file-unavailable',
};

function tlsCode(code: string): CandorErrorCode | undefined {
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return 'tls-expired';
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH') {
    return 'tls-hostname';
  }
  if (
    /^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?)$/.test(
      code,
    )
  ) {
    return 'tls-untrusted';
  }
  return /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|EPROTO$)/.test(code) ? 'tls' : undefined;
}

function ownString(error: object, key: string): string | undefined {
  const value: unknown = Reflect.get(error, key);
  return typeof value === 'string' ? value : undefined;
}

function ownNumber(error: object, key: string): number | undefined {
  const value: unknown = Reflect.get(error, key);
  return typeof value === 'number' ? value : undefined;
}

/** A listed system code that a message mentions ("ENOSPC: no space left…"); only the code is kept. */
function systemCodeIn(message: string): SystemErrorCode | undefined {
  for (const match of message.matchAll(/\bE[A-Z_]{2,15}\b/g)) {
    if (SYSTEM_CODES.has(match[0])) {
      return match[0] as SystemErrorCode;
    }
  }
  return undefined;
}

/** The code of `error`, always one from the closed list: never any text of the error itself. */
export function errorCode(error: unknown): ErrorCode {
  if (typeof error !== 'object' || error === null) {
    return 'error';
  }
  try {
    if (error instanceof CandorError) {
      return error.code;
    }
    const code = ownString(error, 'code');
    if (code !== undefined) {
      if (SYSTEM_CODES.has(code)) {
        return code as SystemErrorCode;
      }
      if (code === 'UNAVAILABLE') {
        return 'storage-unavailable';
      }
      const tls = tlsCode(code);
      if (tls !== undefined) {
        return tls;
      }
      const fileSystem = FILE_SYSTEM_ERROR_CODES[code];
      if (fileSystem !== undefined) {
        return fileSystem;
      }
    }
    const name = ownString(error, 'name');
    if (name !== undefined && Object.prototype.hasOwnProperty.call(BY_NAME, name)) {
      return BY_NAME[name];
    }
    const status = ownNumber(error, 'status') ?? ownNumber(error, 'statusCode');
    if (status !== undefined && Number.isInteger(status) && status >= 100 && status <= 599) {
      return `http-${status}`;
    }
    const message = ownString(error, 'message') ?? '';
    const mentioned = systemCodeIn(message);
    if (mentioned !== undefined) {
      return mentioned;
    }
    if (/\b(SSL|TLS)\b|certificate/i.test(message)) {
      return 'tls';
    }
    const constructorName = (error as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof constructorName === 'string' && constructorName !== 'Error' && BUILTIN_ERRORS.has(constructorName)
      ? `error:${constructorName}`
      : 'error';
  } catch {
    // A hostile getter or proxy: nothing of it is described.
    return 'error';
  }
}

/**
 * True when a connection failed in its TLS handshake or certificate check: by
 * its code, or by its message naming SSL, TLS or a certificate (a handshake cut
 * short is an ECONNRESET that says "TLS"). Only this yes or no leaves here.
 */
export function isTlsFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) {
    return false;
  }
  try {
    const code = ownString(error, 'code');
    return (
      (code !== undefined && tlsCode(code) !== undefined) ||
      /\b(SSL|TLS)\b|certificate/i.test(ownString(error, 'message') ?? '')
    );
  } catch {
    return false;
  }
}

/** Fixed words for a code; every code errorCode() returns has some. */
export function errorWords(code: ErrorCode): string {
  if (Object.prototype.hasOwnProperty.call(SYSTEM_WORDS, code)) {
    return SYSTEM_WORDS[code as SystemErrorCode]();
  }
  if (Object.prototype.hasOwnProperty.call(CANDOR_WORDS, code)) {
    return CANDOR_WORDS[code as CandorErrorCode]();
  }
  if (code.startsWith('http-')) {
    return l10n.t('the server answered with an error');
  }
  return CANDOR_WORDS.error();
}

/** e.g. "no space is left on the disk (ENOSPC)": fixed words and the code, for logs, notifications and banners. */
export function describeError(error: unknown): string {
  const code = errorCode(error);
  return `${errorWords(code)} (${code})`;
}

/** True for every string errorCode() can return, and nothing else. */
export function isErrorCode(text: string): boolean {
  return (
    FIXED_ERROR_CODES.includes(text) ||
    /^http-[1-5]\d\d$/.test(text) ||
    (text.startsWith('error:') && text !== 'error:Error' && BUILTIN_ERRORS.has(text.slice('error:'.length)))
  );
}
