// The declarations of the extensions kept in this repository (extensions/*/),
// read from their package.json files, so docs/telemetry-events.md lists their
// events from the same declarations Candor validates at run time.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ExtensionDeclaration } from './declaredEvents';
import { readInstalledDeclarations, refusalLogLine } from './installed';

export const REPOSITORY_EXTENSIONS_DIR = 'extensions';

/** Every `extensions/<folder>/package.json` with a `"candor"` key, by folder name; throws on a refused declaration. */
export function readRepositoryDeclarations(root: string): ExtensionDeclaration[] {
  const dir = path.join(root, REPOSITORY_EXTENSIONS_DIR);
  if (!fs.existsSync(dir)) {
    return [];
  }
  const installed = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, 'package.json')))
    .map((entry) => entry.name)
    .sort()
    .map((folder) => {
      const packageJSON = JSON.parse(fs.readFileSync(path.join(dir, folder, 'package.json'), 'utf8')) as {
        publisher?: unknown;
        name?: unknown;
      };
      return { id: `${String(packageJSON.publisher)}.${String(packageJSON.name)}`, packageJSON };
    });
  const { declarations } = readInstalledDeclarations(installed);
  for (const declaration of declarations) {
    const refused = refusalLogLine(declaration);
    if (refused !== undefined) {
      throw new Error(refused);
    }
  }
  return [...declarations];
}
