// From the installed extensions (id and package.json, as VS Code lists them)
// to their declarations: accepted, or refused with the rule they broke.

import { normalizeExtensionId, type ExtensionDeclaration } from './declaredEvents';
import { describeRefusal, readDeclaration } from './readDeclaration';

export interface InstalledExtension {
  readonly id: string;
  readonly packageJSON: unknown;
}

export interface InstalledDeclarations {
  /** Every installed extension that has a `"candor"` key. */
  readonly declarations: readonly ExtensionDeclaration[];
  /** Every installed extension's lowercased id, declaring or not. */
  readonly installedIds: readonly string[];
}

const DISPLAY_NAME_LENGTH = 60;

function displayNameOf(packageJSON: Record<string, unknown>, id: string): string {
  const name = packageJSON.displayName;
  if (typeof name !== 'string') {
    return id;
  }
  // Control characters never reach the log or the view.
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
  return clean === '' ? id : clean.slice(0, DISPLAY_NAME_LENGTH);
}

/** Reads every extension's `"candor"` key; an extension without one is not listed. Never throws. */
export function readInstalledDeclarations(extensions: readonly InstalledExtension[]): InstalledDeclarations {
  const declarations: ExtensionDeclaration[] = [];
  const installedIds: string[] = [];
  for (const extension of extensions) {
    const id = normalizeExtensionId(extension.id);
    if (id === undefined) {
      continue;
    }
    installedIds.push(id);
    const manifest = extension.packageJSON;
    if (
      typeof manifest !== 'object' ||
      manifest === null ||
      !Object.prototype.hasOwnProperty.call(manifest, 'candor')
    ) {
      continue;
    }
    const record = manifest as Record<string, unknown>;
    const displayName = displayNameOf(record, id);
    const result = readDeclaration(record.candor);
    declarations.push(
      result.ok ? { id, displayName, declaration: result.declaration } : { id, displayName, refusal: result.refusal },
    );
  }
  return { declarations, installedIds };
}

/** The log line for a refused declaration: which extension and which rule. */
export function refusalLogLine(declaration: ExtensionDeclaration): string | undefined {
  if (declaration.refusal === undefined) {
    return undefined;
  }
  return `Refused the event declaration of extension "${declaration.id}": ${describeRefusal(declaration.refusal)}. Its events are rejected until the declaration is fixed.`;
}
