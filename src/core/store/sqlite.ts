// Loads the sql.js WebAssembly module once per process. The wasm file is read
// from an explicit path so that the bundled extension can ship it next to its
// own code (dist/sql-wasm.wasm) instead of relying on node_modules.

import { readFile } from 'node:fs/promises';
import initSqlJs from 'sql.js';
import type { Database, SqlJsStatic } from 'sql.js';

export type SqlDatabase = Database;
export type SqlJs = SqlJsStatic;

const loaded = new Map<string, Promise<SqlJsStatic>>();

export function defaultWasmPath(): string {
  return require.resolve('sql.js/dist/sql-wasm.wasm');
}

/** The sql.js module for `wasmPath`; the first call loads it, later calls share the same promise. */
export function loadSqlJs(wasmPath: string = defaultWasmPath()): Promise<SqlJsStatic> {
  let pending = loaded.get(wasmPath);
  if (pending === undefined) {
    pending = readFile(wasmPath).then((bytes) => {
      const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      return initSqlJs({ wasmBinary });
    });
    // A failed load must not be cached forever: the next call retries.
    pending.catch(() => loaded.delete(wasmPath));
    loaded.set(wasmPath, pending);
  }
  return pending;
}

/** Whether any sql.js module has been asked for in this process (the wasm is loaded only then). */
export function sqlJsRequested(): boolean {
  return loaded.size > 0;
}
