// A fresh copy of the demo workspace for each run, so tests never dirty demo/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './util.mjs';

export function copyDemoWorkspace() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-demo-'));
  fs.cpSync(path.join(repoRoot, 'demo'), dir, { recursive: true });
  return dir;
}
