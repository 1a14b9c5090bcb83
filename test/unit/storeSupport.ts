// Helpers shared by the store tests: temp directories and event factories.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { StoredEvent } from '../../src/core/store';
import type { Category, PropValue } from '../../src/core/types';

export { DAY_MS } from '../support/fixtures';
/** 2026-11-22T12:00:00Z: a fixed "now" for tests. */
export const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);

export function makeTempDir(label: string): string {
  return mkdtempSync(path.join(tmpdir(), `candor-${label}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function event(
  ts: number,
  name = 'ide.run',
  props: Record<string, PropValue> = { kind: 'debug', runtime: 'node' },
  category: Category = 'usage',
): StoredEvent {
  return { ts, name, props, category };
}

export function errorEvent(ts: number, code: string): StoredEvent {
  return event(ts, 'ide.error', { origin: 'diagnostic', source: 'ts', code, severity: 'error' }, 'errors');
}

/** A minimal RFC 4180 parser, written independently of the exporter, to read its output back. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += ch;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
