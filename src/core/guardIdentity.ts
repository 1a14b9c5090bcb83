// Who the user is, as far as the privacy guard (src/core/privacyGuard.ts) needs
// to know: the account name and its parts, the home folder, the machine's host
// name, the workspace folder names and, in a remote window, the remote host.
// Reading it never throws: os.userInfo() does when the uid has no passwd entry
// (containers), and Candor must start all the same.

import * as os from 'node:os';
import { GENERIC_ACCOUNT_NAMES } from './privacyGuardWords';

export interface Identity {
  readonly userName?: string;
  readonly homeDir?: string;
  readonly hostName?: string;
  /** The names of the open workspace folders. */
  readonly workspaceFolderNames?: readonly string[];
  /** In a remote window, the host part of the remote authority ("build07.acme.ch"). */
  readonly remoteHost?: string;
  /** In a remote window, the account named in the remote authority ("alice@…"), if any. */
  readonly remoteUser?: string;
  /** Further strings that must never leave the machine. */
  readonly extra?: readonly string[];
}

/** Shorter identity strings would match too much ("a", "jo") to be useful. */
export const MIN_IDENTITY_LENGTH = 3;

/** The operating-system calls the machine's identity comes from; tests inject failing ones. */
export interface MachineSources {
  userInfo(): { readonly username: string };
  homedir(): string;
  hostname(): string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

const NODE_SOURCES: MachineSources = {
  userInfo: () => os.userInfo(),
  homedir: () => os.homedir(),
  hostname: () => os.hostname(),
  env: process.env,
};

function attempt(read: () => string): string | undefined {
  try {
    const value = read();
    return typeof value === 'string' && value.trim() !== '' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The account, home folder and host name of this machine; whatever cannot be read is left out. */
export function readMachineIdentity(sources: MachineSources = NODE_SOURCES): Identity {
  // Without a passwd entry the login name may still be in the environment.
  const userName =
    attempt(() => sources.userInfo().username) ??
    attempt(() => sources.env.USER ?? sources.env.USERNAME ?? sources.env.LOGNAME ?? '');
  const homeDir = attempt(() => sources.homedir());
  const hostName = attempt(() => sources.hostname());
  return {
    ...(userName === undefined ? {} : { userName }),
    ...(homeDir === undefined ? {} : { homeDir }),
    ...(hostName === undefined ? {} : { hostName }),
  };
}

/**
 * The user and host of a remote authority: "ssh-remote+alice@build07.acme.ch:2222"
 * gives alice and build07.acme.ch; "wsl+Ubuntu" gives Ubuntu; "127.0.0.1:8080" gives 127.0.0.1.
 */
export function remoteAuthorityParts(authority: string): { readonly host?: string; readonly user?: string } {
  let rest = authority.includes('+') ? authority.slice(authority.indexOf('+') + 1) : authority;
  let user: string | undefined;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    user = rest.slice(0, at);
    rest = rest.slice(at + 1);
  }
  // A port after the host; an IPv6 literal keeps its brackets' content.
  const host = rest.startsWith('[')
    ? rest.slice(1, rest.indexOf(']') > 0 ? rest.indexOf(']') : undefined)
    : rest.replace(/:\d*$/, '');
  return {
    ...(host === '' ? {} : { host }),
    ...(user === undefined || user === '' ? {} : { user }),
  };
}

/** "Alice van der Berg", "alice.smith", "alice_smith" → their parts of at least three characters. */
export function accountNameParts(name: string): string[] {
  return name.split(/[\s._\-\\@]+/).filter((part) => part.length >= MIN_IDENTITY_LENGTH);
}

/** Every string the guard looks for, at least three characters long and not a name countless machines share. */
export function identityStrings(identity: Identity): string[] {
  const strings = new Set<string>();
  const add = (value: string | undefined): void => {
    const trimmed = value?.trim();
    if (
      trimmed !== undefined &&
      trimmed.length >= MIN_IDENTITY_LENGTH &&
      !GENERIC_ACCOUNT_NAMES.has(trimmed.toLowerCase())
    ) {
      strings.add(trimmed);
    }
  };
  const addAccount = (name: string | undefined): void => {
    add(name);
    for (const part of name === undefined ? [] : accountNameParts(name)) {
      add(part);
    }
  };
  const addHost = (host: string | undefined): void => {
    add(host);
    add(host?.split('.')[0]);
  };
  addAccount(identity.userName);
  if (identity.homeDir !== undefined) {
    const home = identity.homeDir.replace(/[\\/]+$/, '');
    add(home);
    addAccount(home.slice(Math.max(home.lastIndexOf('/'), home.lastIndexOf('\\')) + 1));
  }
  addHost(identity.hostName);
  addHost(identity.remoteHost);
  addAccount(identity.remoteUser);
  for (const name of identity.workspaceFolderNames ?? []) {
    add(name);
  }
  for (const extra of identity.extra ?? []) {
    add(extra);
  }
  return [...strings];
}
