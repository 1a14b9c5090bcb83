// The write-ahead journal: each flush writes its new events as one small,
// immutable segment file, so flushing costs time proportional to the new events
// and never rewrites the database. Segments are written under a temporary name,
// fsync'd and renamed, so a segment either exists whole or not at all; each
// carries a SHA-256 of its body, so a damaged one is recognised and set aside.
// Compaction (transaction.ts) folds segments into the database and deletes them.

import { createHash, randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { Category, PropValue } from '../types';
import { type BeforeCriticalStep, syncDirectory, writeFileDurably } from './databaseFile';
import { errCode } from './fileLock';

/** An event as the store keeps it: validated, guarded, consented, timestamped. */
export interface StoredEvent {
  readonly ts: number;
  readonly name: string;
  readonly props: Readonly<Record<string, PropValue>>;
  readonly category: Category;
}

export const SEGMENT_SUFFIX = '.seg';
const TEMP_SUFFIX = '.tmp';
const FORMAT = 'candor-journal';
const FORMAT_VERSION = 1;

export interface SegmentFile {
  /** The segment's unique id (its file name without the suffix); names sort by creation time. */
  readonly id: string;
  readonly path: string;
}

export type SegmentReadResult =
  | { readonly kind: 'ok'; readonly events: StoredEvent[] }
  | { readonly kind: 'corrupt'; readonly reason: string }
  /** Written by a newer Candor in another window: left for that window to apply. */
  | { readonly kind: 'unsupported'; readonly version: number }
  /** Already applied and deleted by another process. */
  | { readonly kind: 'missing' };

/** 9999-12-31T23:59:59.999Z: the last instant a UTC day string can name. */
const MAX_TIME_MS = 253_402_300_799_999;

let sequence = 0;

function newSegmentId(nowMs: number): string {
  sequence = (sequence + 1) % 1_000_000;
  const time = String(Math.max(0, Math.floor(nowMs))).padStart(15, '0');
  return `${time}-${process.pid}-${String(sequence).padStart(6, '0')}-${randomBytes(4).toString('hex')}`;
}

export function encodeSegment(events: readonly StoredEvent[]): string {
  const body = JSON.stringify(events.map((e) => [e.ts, e.name, e.category, e.props]));
  const digest = createHash('sha256').update(body).digest('hex');
  return `${FORMAT}/${FORMAT_VERSION} ${digest}\n${body}`;
}

export function decodeSegment(text: string): SegmentReadResult {
  const newline = text.indexOf('\n');
  if (newline < 0) {
    return { kind: 'corrupt', reason: 'no header' };
  }
  const header = /^candor-journal\/(\d+) ([0-9a-f]{64})$/.exec(text.slice(0, newline));
  if (header === null) {
    return { kind: 'corrupt', reason: 'bad header' };
  }
  const version = Number(header[1]);
  if (version > FORMAT_VERSION) {
    return { kind: 'unsupported', version };
  }
  const body = text.slice(newline + 1);
  if (createHash('sha256').update(body).digest('hex') !== header[2]) {
    return { kind: 'corrupt', reason: 'checksum mismatch' };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { kind: 'corrupt', reason: 'body is not JSON' };
  }
  if (!Array.isArray(parsed)) {
    return { kind: 'corrupt', reason: 'body is not a list' };
  }
  const events: StoredEvent[] = [];
  for (const item of parsed) {
    const event = decodeEvent(item);
    if (event === undefined) {
      return { kind: 'corrupt', reason: 'malformed event' };
    }
    events.push(event);
  }
  return { kind: 'ok', events };
}

function decodeEvent(item: unknown): StoredEvent | undefined {
  if (!Array.isArray(item) || item.length !== 4) {
    return undefined;
  }
  const [ts, name, category, props] = item as unknown[];
  if (typeof ts !== 'number' || !(ts >= 0 && ts <= MAX_TIME_MS)) {
    return undefined;
  }
  if (typeof name !== 'string' || name.length === 0) {
    return undefined;
  }
  if (category !== 'usage' && category !== 'errors') {
    return undefined;
  }
  if (typeof props !== 'object' || props === null || Array.isArray(props)) {
    return undefined;
  }
  const clean: Record<string, PropValue> = {};
  for (const [key, value] of Object.entries(props as Record<string, unknown>)) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      return undefined;
    }
    clean[key] = value;
  }
  return { ts, name, category, props: clean };
}

export class Journal {
  constructor(
    readonly dir: string,
    private readonly beforeCriticalStep?: BeforeCriticalStep,
  ) {}

  /** Write `events` as one new segment, atomically and durably; resolves once it is on disk. */
  async append(events: readonly StoredEvent[], nowMs: number): Promise<SegmentFile> {
    // Refuse the whole batch up front rather than write a segment that would later be quarantined.
    for (const e of events) {
      if (decodeEvent([e.ts, e.name, e.category, e.props]) === undefined) {
        throw new TypeError('Candor store: an event is not storable (bad time, name, category or properties)');
      }
    }
    await fsp.mkdir(this.dir, { recursive: true, mode: 0o700 });
    const id = newSegmentId(nowMs);
    const finalPath = path.join(this.dir, id + SEGMENT_SUFFIX);
    const tempPath = finalPath + TEMP_SUFFIX;
    try {
      // A failed write (a full disk) must not leave a partial temp file taking the space.
      await writeFileDurably(tempPath, encodeSegment(events));
      await this.beforeCriticalStep?.('segment-rename');
      await fsp.rename(tempPath, finalPath);
    } catch (err) {
      await fsp.unlink(tempPath).catch(() => undefined);
      throw err;
    }
    await syncDirectory(this.dir);
    return { id, path: finalPath };
  }

  /** The complete segments now on disk, oldest first. */
  async list(): Promise<SegmentFile[]> {
    let names: string[];
    try {
      names = await fsp.readdir(this.dir);
    } catch (err) {
      if (errCode(err) === 'ENOENT') {
        return [];
      }
      throw err;
    }
    return names
      .filter((name) => name.endsWith(SEGMENT_SUFFIX))
      .sort()
      .map((name) => ({ id: name.slice(0, -SEGMENT_SUFFIX.length), path: path.join(this.dir, name) }));
  }

  async read(segment: SegmentFile): Promise<SegmentReadResult> {
    let text: string;
    try {
      text = await fsp.readFile(segment.path, 'utf8');
    } catch (err) {
      if (errCode(err) === 'ENOENT') {
        return { kind: 'missing' };
      }
      throw err;
    }
    return decodeSegment(text);
  }

  /** Move a damaged segment aside (it is no longer listed); returns its new path. */
  async quarantine(segment: SegmentFile, nowMs: number): Promise<string> {
    const movedTo = `${segment.path}.corrupt-${nowMs}`;
    await fsp.rename(segment.path, movedTo);
    return movedTo;
  }

  async remove(segment: SegmentFile): Promise<void> {
    await fsp.unlink(segment.path).catch((err: unknown) => {
      if (errCode(err) !== 'ENOENT') {
        throw err;
      }
    });
  }

  /**
   * Housekeeping under the store lock: delete temp files left by writers that
   * died mid-write (older than `tempMaxAgeMs`, so live writers are untouched),
   * and keep only the newest `keepQuarantined` quarantined segments.
   */
  async sweep(nowMs: number, tempMaxAgeMs: number, keepQuarantined: number): Promise<void> {
    let names: string[];
    try {
      names = await fsp.readdir(this.dir);
    } catch (err) {
      if (errCode(err) === 'ENOENT') {
        return;
      }
      throw err;
    }
    for (const name of names.filter((n) => n.endsWith(TEMP_SUFFIX))) {
      const full = path.join(this.dir, name);
      const stat = await fsp.stat(full).catch(() => undefined);
      if (stat !== undefined && nowMs - stat.mtimeMs > tempMaxAgeMs) {
        await fsp.unlink(full).catch(() => undefined);
      }
    }
    const quarantined = names.filter((n) => n.includes(`${SEGMENT_SUFFIX}.corrupt-`)).sort();
    for (const name of quarantined.slice(0, Math.max(0, quarantined.length - keepQuarantined))) {
      await fsp.unlink(path.join(this.dir, name)).catch(() => undefined);
    }
  }

  /** Delete every file of the journal: segments, temp files, quarantined segments. */
  async removeAll(): Promise<void> {
    await fsp.rm(this.dir, { recursive: true, force: true });
  }
}
