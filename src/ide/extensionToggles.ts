// The user's per-extension switch: `candor.extensions` maps an extension id to
// true or false. Writing it is all a toggle does; the consent controller sees
// the setting change, and the session purges a switched-off extension's data.
import * as vscode from 'vscode';
import { normalizeExtensionId } from '../core/declarations';

/** Sets `candor.extensions[<id>]` in the user settings, keeping the other entries. */
export async function setExtensionEnabled(extensionId: string, enabled: boolean): Promise<void> {
  const id = normalizeExtensionId(extensionId);
  if (id === undefined) {
    throw new Error('Not an extension id.');
  }
  const config = vscode.workspace.getConfiguration('candor');
  const current = config.inspect<Record<string, unknown>>('extensions')?.globalValue;
  const next: Record<string, boolean> = {};
  if (typeof current === 'object' && current !== null && !Array.isArray(current)) {
    for (const [key, value] of Object.entries(current)) {
      // The same extension written in another case is replaced, not kept twice.
      if (typeof value === 'boolean' && key.toLowerCase() !== id) {
        next[key] = value;
      }
    }
  }
  next[id] = enabled;
  await config.update('extensions', next, vscode.ConfigurationTarget.Global);
}
