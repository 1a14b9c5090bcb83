// One pure function from every consent input to what Candor may record, and a
// reason in plain words for the status bar (in the display language, through
// @vscode/l10n). The strictest input always wins, and anything unexpected fails closed.

import * as l10n from '@vscode/l10n';
import { categoryOf } from './catalog';
import type { DeclaredEvents } from './declarations/declaredEvents';
import { normalizeExtensionId, splitNamespaced } from './declarations/declaredEvents';
import type { Category, ConsentDecision, ConsentInputs, EffectiveLevel, PrivacyState } from './types';

const CATEGORIES: readonly Category[] = ['usage', 'errors'];

function off(reason: string): ConsentDecision {
  return Object.freeze({
    level: 'off',
    categories: Object.freeze({ usage: false, errors: false }),
    state: 'off',
    reason: l10n.t('Off — {0}', reason),
  });
}

/** Decides the effective level, the allowed categories, the extensions switched off, the state and its reason. */
export function decideConsent(inputs: ConsentInputs): ConsentDecision {
  const decision = decideLevel(inputs);
  const extensionsOff = switchedOffExtensions(inputs.extensions);
  return extensionsOff.length === 0 ? decision : Object.freeze({ ...decision, extensionsOff });
}

/** The ids `candor.extensions` maps to false, lowercased and sorted; anything malformed is ignored. */
export function switchedOffExtensions(setting: unknown): readonly string[] {
  if (typeof setting !== 'object' || setting === null || Array.isArray(setting)) {
    return Object.freeze([]);
  }
  const off = new Set<string>();
  for (const [id, on] of Object.entries(setting as Record<string, unknown>)) {
    const normalized = normalizeExtensionId(id);
    if (normalized !== undefined && on === false) {
      off.add(normalized);
    }
  }
  return Object.freeze([...off].sort());
}

function decideLevel(inputs: ConsentInputs): ConsentDecision {
  // Precedence of reasons: DO_NOT_TRACK, then candor.enabled, then VS Code's level, then the toggles.
  if (inputs.doNotTrack) {
    return off(l10n.t('DO_NOT_TRACK is set'));
  }
  if (!inputs.enabled) {
    return off(l10n.t('Candor is disabled (candor.enabled is false)'));
  }
  const settingLevel = inputs.vscodeLevel;
  if (settingLevel === 'off') {
    return off(l10n.t("VS Code telemetry level is 'off'"));
  }
  if (settingLevel === 'crash') {
    return off(l10n.t("VS Code telemetry level is 'crash'; Candor has no crash events"));
  }
  if (settingLevel !== 'all' && settingLevel !== 'error') {
    // The raw value is not repeated: it is whatever a setting or policy holds.
    return off(l10n.t("VS Code telemetry level is not recognised, so it is treated as 'off'"));
  }
  // VS Code's own switches (product, command line) may allow less than the setting says.
  const switches = inputs.vscodeSwitches ?? { usage: true, errors: true };
  if (!switches.errors) {
    return off(l10n.t('VS Code telemetry is switched off (by the product or the command line)'));
  }
  const vscodeLevel = settingLevel === 'all' && switches.usage ? 'all' : 'error';
  const narrowedBySwitches = settingLevel === 'all' && vscodeLevel === 'error';

  const usage = vscodeLevel === 'all' && inputs.usage;
  const errors = inputs.errors;
  if (!usage && !errors) {
    return off(
      vscodeLevel === 'all'
        ? l10n.t('usage and errors are both switched off (candor.categories.usage, candor.categories.errors)')
        : narrowedBySwitches
          ? l10n.t('errors are switched off (candor.categories.errors) and VS Code allows errors only')
          : l10n.t(
              "errors are switched off (candor.categories.errors) and VS Code telemetry level 'error' allows nothing else",
            ),
    );
  }

  let scope: string;
  if (usage && errors) {
    scope = l10n.t('usage and errors');
  } else if (usage) {
    scope = l10n.t('usage only (errors are switched off)');
  } else if (narrowedBySwitches) {
    scope = l10n.t('errors only (VS Code allows errors only, by the product or the command line)');
  } else if (vscodeLevel === 'error') {
    scope = l10n.t("errors only (VS Code telemetry level is 'error')");
  } else {
    scope = l10n.t('errors only (usage is switched off)');
  }

  const level: EffectiveLevel = usage ? 'all' : 'error';
  const state: PrivacyState = inputs.endpointConfigured ? 'sharing' : 'local';
  const reason =
    state === 'sharing'
      ? l10n.t('Sharing — {0}; daily reports are uploaded to the configured endpoint', scope)
      : l10n.t('Local only — {0}; nothing is uploaded because no endpoint is set', scope);
  return Object.freeze({ level, categories: Object.freeze({ usage, errors }), state, reason });
}

/**
 * Whether an event may be recorded under a decision: its category is allowed
 * and, for an extension's event, that extension is not switched off.
 * Undeclared events never are.
 */
export function allowsEvent(decision: ConsentDecision, name: string, declared?: DeclaredEvents): boolean {
  const category = categoryOf(name, declared);
  if (category === undefined || !decision.categories[category]) {
    return false;
  }
  const extensionId = splitNamespaced(name)?.extensionId;
  return extensionId === undefined || !(decision.extensionsOff ?? []).includes(extensionId);
}

/** Extensions switched off by the change: the caller purges their pending data. */
export function extensionsDropped(before: ConsentDecision, after: ConsentDecision): string[] {
  const wasOff = new Set(before.extensionsOff ?? []);
  return (after.extensionsOff ?? []).filter((id) => !wasOff.has(id));
}

/** Categories allowed before and not after: the caller purges their pending data. */
export function levelDropped(before: ConsentDecision, after: ConsentDecision): Category[] {
  return CATEGORIES.filter((category) => before.categories[category] && !after.categories[category]);
}

/** DO_NOT_TRACK (consoledonottrack.com): any value but empty, "0" or "false" means "do not track". */
export function doNotTrackSet(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = (env.DO_NOT_TRACK ?? '').trim().toLowerCase();
  return value !== '' && value !== '0' && value !== 'false';
}
