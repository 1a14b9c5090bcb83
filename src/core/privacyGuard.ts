// The last step before anything is stored: scans every string of an event for
// text shaped like a path, an e-mail address, a URL, an IP address, a token or
// key, or the current user's identity. Anything suspicious drops the whole
// event (fail closed); the guard never edits a value into something "clean".

import { z } from 'zod';
import { EVENTS } from './catalogSchema';
import {
  ARCH_VALUES,
  EVENT_NAMES,
  isEventName,
  OS_VALUES,
  RUN_KIND_VALUES,
  SEVERITY_VALUES,
  UI_VALUES,
} from './catalog';
import { KNOWN_EXCEPTION_TYPES, KNOWN_RUNTIMES } from './errorCodes';
import { currentDeclaredEvents } from './declarations/current';
import { identityStrings, type Identity } from './guardIdentity';
import type { CatalogEvent } from './types';
import { containsIp } from './ipAddresses';
import { FILE_EXTENSIONS } from './privacyGuardWords';
import { isAnyDiagnosticCode, isDiagnosticSource } from './vocabularies/diagnostics';
import { EXIT_CODE_TOKENS } from './vocabularies/exitCodes';

export type { Identity } from './guardIdentity';

export type SensitiveKind = 'path' | 'email' | 'url' | 'ip' | 'token' | 'identity' | 'oversized';

export type GuardResult = { ok: true } | { ok: false; kind: SensitiveKind; property: string };

export interface PrivacyGuard {
  findSensitive(value: string): SensitiveKind | undefined;
  checkEvent(event: CatalogEvent): GuardResult;
}

/** Catalog values are short; anything much longer is free text, not a code, and is never scanned. */
export const MAX_SCANNED_LENGTH = 256;

// ---------------------------------------------------------------------------
// Shapes

const POSIX_ROOTS =
  'home|Users|root|tmp|var|etc|opt|mnt|media|usr|private|Volumes|srv|run|proc|dev|snap|workspaces?|Library|Applications|bin|sbin|lib|nix|data';

/** file: URIs are paths whatever follows; checked before URLs so "file://" is reported as a path. */
const FILE_SCHEME = /(?<![A-Za-z0-9])file:/i;

const PATH_PATTERNS: readonly RegExp[] = [
  // Any scheme followed by a single-slash path (vscode-userdata:/home/…).
  /(?:^|[^A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*:\/(?!\/)/,
  // An absolute POSIX path: a slash at the start or after a separator, followed by a name.
  /(?:^|[\s"'`=(,;[{<>|])\/[^\s/]/,
  // Well-known POSIX roots anywhere ("…/home/…", "x:/Users").
  new RegExp(String.raw`(?<![A-Za-z0-9])\/(?:${POSIX_ROOTS})(?:\/|$)`),
  // The home folder: "~", "~/x", "~user/x".
  /(?:^|[\s"'`=(,;[{<>|])~[A-Za-z0-9_.-]*(?:[/\\]|$)/,
  // Windows drive paths and UNC shares.
  /(?:^|[^A-Za-z0-9])[A-Za-z]:[\\/]/,
  /\\\\[^\\\s]+\\/,
  // Any backslash between name characters ("src\index.ts").
  /[\w.$-]\\[\w.$-]/,
  // A dot-relative path ("./x", "../x").
  /(?:^|[^A-Za-z0-9_])\.\.?[/\\]/,
];

/** Hosts with a common top-level domain followed by a path or port look like URLs even without a scheme. */
const URL_PATTERNS: readonly RegExp[] = [
  /[A-Za-z][A-Za-z0-9+.-]*:\/\//,
  /(?<![A-Za-z0-9])www\.[A-Za-z0-9-]+\./i,
  /\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|dev|app|edu|gov|co|uk|de|fr|jp|cn|ru|info|biz|me|ai|cloud|local|internal|lan|corp)(?:[/:?#]|$)/,
];

// Bounded character classes keep this linear even on hostile input.
const EMAIL_PATTERN =
  /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![A-Za-z])/;

/**
 * Credential shapes, after the list VS Code's telemetry cleaner uses and more. Prefixes match after any
 * non-alphanumeric character ("x_ghp_…" too), not only at a word boundary.
 */
const TOKEN_PATTERNS: readonly RegExp[] = [
  /(?<![A-Za-z0-9])gh[pousr]_[A-Za-z0-9]{20,}/, // GitHub
  /(?<![A-Za-z0-9])github_pat_[A-Za-z0-9_]{20,}/, // GitHub fine-grained
  /(?<![A-Za-z0-9])glpat-[A-Za-z0-9_-]{16,}/, // GitLab
  /(?<![A-Za-z0-9])eyJ[A-Za-z0-9_-]{8,}/, // JWT / Entra ID (base64 of '{"')
  /(?<![A-Za-z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/, // AWS access key ids
  /(?<![A-Za-z0-9])AIza[A-Za-z0-9_-]{30,}/, // Google API key
  /(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{6,}/, // Slack
  /(?<![A-Za-z0-9])[spr]k_(?:live|test)_[A-Za-z0-9]{10,}/, // Stripe
  /(?<![A-Za-z0-9])npm_[A-Za-z0-9]{20,}/, // npm
  /(?<![A-Za-z0-9])pypi-[A-Za-z0-9_-]{16,}/, // PyPI
  /(?<![A-Za-z0-9])sk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}/, // OpenAI / Anthropic style
  /(?<![A-Za-z0-9])hf_[A-Za-z0-9]{20,}/, // Hugging Face
  /(?<![A-Za-z0-9])dckr_pat_[A-Za-z0-9_-]{16,}/, // Docker Hub
  /(?<![A-Za-z0-9])SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/, // SendGrid
  /-----BEGIN [A-Z ]*PRIVATE KEY/, // PEM private keys
  /(?<![A-Za-z0-9])(?:Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{8,}/i, // Authorization headers
  // key=value / key: value assignments of secrets.
  /(?:^|[^A-Za-z0-9])(?:password|passwd|pwd|pass|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|client[_-]?secret|auth|credentials?|key|sig|signature)\s*[=:]/i,
  // Command-line credentials ("--password", "-p:…").
  /(?:^|\s)--?(?:password|passwd|pass|token|secret|api-?key)\b/i,
  // UUIDs identify machines, sessions and installations.
  /(?<![A-Za-z0-9])[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![A-Za-z0-9])/,
  // Long hex runs: hashes, keys, ids.
  /(?:^|[^0-9a-fA-F])[0-9a-fA-F]{32,}(?![0-9a-fA-F])/,
];

/** Random-looking runs (base64 keys) mix digits and letters with high entropy; rule names do not. */
const LONG_RUN = /[A-Za-z0-9+/_=-]{32,}/g;

function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) {
    counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

function containsHighEntropyRun(value: string): boolean {
  for (const match of value.matchAll(LONG_RUN)) {
    const run = match[0];
    const digits = run.replace(/[^0-9]/g, '').length;
    const letters = run.replace(/[^A-Za-z]/g, '').length;
    if (digits >= 2 && letters >= 2 && shannonEntropy(run) >= 3.5) {
      return true;
    }
  }
  return false;
}

// A lowercase extension after a name, anywhere ("x/secret.ts_old"); capitalised
// segments of dotted type names ("System.Text.Json") are not extensions.
const EMBEDDED_EXTENSION = /[A-Za-z0-9_-]\.([a-z][a-z0-9]{0,9})(?![A-Za-z0-9])/g;

function isRelativeFilePath(value: string): boolean {
  // "a/b/c.ts", "src\\x.py" or a bare "notes.md". Rule names such as
  // "@typescript-eslint/no-explicit-any" have no extension and pass.
  for (const match of value.matchAll(EMBEDDED_EXTENSION)) {
    if (FILE_EXTENSIONS.has(match[1])) {
      return true;
    }
  }
  // The last segment's extension, in any case ("lib/X.RS").
  for (const candidate of value.split(/[\s"'`=(),;[\]{}<>|]+/)) {
    const lastSegment = candidate.slice(Math.max(candidate.lastIndexOf('/'), candidate.lastIndexOf('\\')) + 1);
    const dot = lastSegment.lastIndexOf('.');
    if (dot > 0 && FILE_EXTENSIONS.has(lastSegment.slice(dot + 1).toLowerCase())) {
      return true;
    }
  }
  return false;
}

/** Identity-free check: the shape of a path, e-mail, URL, IP address or credential. */
export function findSensitiveShape(value: string): SensitiveKind | undefined {
  if (value.length > MAX_SCANNED_LENGTH) {
    return 'oversized';
  }
  if (EMAIL_PATTERN.test(value)) {
    return 'email';
  }
  if (FILE_SCHEME.test(value)) {
    return 'path';
  }
  if (URL_PATTERNS.some((pattern) => pattern.test(value))) {
    return 'url';
  }
  if (PATH_PATTERNS.some((pattern) => pattern.test(value)) || isRelativeFilePath(value)) {
    return 'path';
  }
  if (containsIp(value)) {
    return 'ip';
  }
  if (TOKEN_PATTERNS.some((pattern) => pattern.test(value)) || containsHighEntropyRun(value)) {
    return 'token';
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Identity

/** Values a catalog property can only take from a fixed list: never personal, even if they equal a user name. */
const FIXED_VOCABULARY: ReadonlySet<string> = new Set([
  ...OS_VALUES,
  ...ARCH_VALUES,
  ...UI_VALUES,
  ...SEVERITY_VALUES,
  ...RUN_KIND_VALUES,
  ...KNOWN_RUNTIMES,
  ...KNOWN_EXCEPTION_TYPES,
  ...EXIT_CODE_TOKENS,
]);

/** Every object shape of every catalog event (both shapes of a discriminated union). */
const CATALOG_PROPERTIES: readonly (readonly [string, z.ZodType])[] = EVENT_NAMES.flatMap((name) => {
  const schema: z.ZodType = EVENTS[name].schema;
  const objects = schema instanceof z.ZodDiscriminatedUnion ? (schema.options as readonly z.ZodType[]) : [schema];
  return objects.flatMap((object) =>
    object instanceof z.ZodObject ? Object.entries(object.shape as Record<string, z.ZodType>) : [],
  );
});

/**
 * Every property name the catalog declares, and every fixed value a property declares (such as
 * `origin: "diagnostic"`): the same on every machine.
 */
const DECLARED_NAMES_AND_LITERALS: ReadonlySet<string> = new Set(
  CATALOG_PROPERTIES.flatMap(([name, property]) => [
    name,
    ...(property instanceof z.ZodLiteral ? [...property.values].filter((v) => typeof v === 'string') : []),
  ]),
);

/**
 * A value published in one of Candor's closed lists (or a declared event name) is the same on every
 * machine, so it names no one even when it contains a user's name: a user called Max keeps "max-len".
 */
function isPublishedValue(value: string): boolean {
  return (
    FIXED_VOCABULARY.has(value) ||
    DECLARED_NAMES_AND_LITERALS.has(value) ||
    isEventName(value) ||
    currentDeclaredEvents().publishes(value) ||
    isDiagnosticSource(value) ||
    isAnyDiagnosticCode(value)
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function identityPattern(identity: Identity): RegExp | undefined {
  const strings = identityStrings(identity);
  if (strings.length === 0) {
    return undefined;
  }
  // Anywhere, in any case: "alicenotes" and "ALICE-2" name Alice as much as "alice" does.
  const alternatives = strings
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
  return new RegExp(alternatives, 'iu');
}

/** How many clean values a guard remembers; the same few hundred codes recur all day. */
export const CLEAN_MEMO_LIMIT = 4096;

/**
 * A guard bound to the current user's identity. The identity is captured once;
 * build a new guard if it changes, or use createLivePrivacyGuard.
 */
export function createPrivacyGuard(identity: Identity): PrivacyGuard {
  const pattern = identityPattern(identity);
  // Only values found clean are remembered: a flagged value (possibly a secret)
  // is never kept, and is scanned again each time it shows up.
  const knownClean = new Set<string>();

  const scan = (value: string): SensitiveKind | undefined => {
    const shape = findSensitiveShape(value);
    if (shape !== undefined) {
      return shape;
    }
    if (pattern !== undefined && pattern.test(value) && !isPublishedValue(value)) {
      return 'identity';
    }
    return undefined;
  };

  const findSensitive = (value: string): SensitiveKind | undefined => {
    if (knownClean.has(value)) {
      return undefined;
    }
    const kind = scan(value);
    if (kind === undefined) {
      if (knownClean.size >= CLEAN_MEMO_LIMIT) {
        knownClean.clear();
      }
      knownClean.add(value);
    }
    return kind;
  };

  const checkEvent = (event: CatalogEvent): GuardResult => {
    const nameKind = findSensitive(event.name);
    if (nameKind !== undefined) {
      return { ok: false, kind: nameKind, property: '(event name)' };
    }
    for (const [key, value] of Object.entries(event.props)) {
      const keyKind = findSensitive(key);
      if (keyKind !== undefined) {
        return { ok: false, kind: keyKind, property: key };
      }
      if (typeof value === 'string') {
        const kind = findSensitive(value);
        if (kind !== undefined) {
          return { ok: false, kind, property: key };
        }
      }
    }
    return { ok: true };
  };

  return { findSensitive, checkEvent };
}

/** A guard whose identity can be replaced, e.g. when workspace folders are added or removed. */
export interface LivePrivacyGuard extends PrivacyGuard {
  setIdentity(identity: Identity): void;
}

export function createLivePrivacyGuard(identity: Identity): LivePrivacyGuard {
  // A fresh guard per identity: a value found clean for the old identity is not trusted for the new one.
  let current = createPrivacyGuard(identity);
  return {
    findSensitive: (value) => current.findSensitive(value),
    checkEvent: (event) => current.checkEvent(event),
    setIdentity: (next) => {
      current = createPrivacyGuard(next);
    },
  };
}
