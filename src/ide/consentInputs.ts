// Reads everything consent depends on — what VS Code's telemetry allows (as a
// telemetry logger sees it, so product and command-line switches count; the
// setting for the reason shown), Candor's own settings and DO_NOT_TRACK — and
// says when it changes.
import * as vscode from 'vscode';
import { Disposable } from '../common/dispose';
import { parseEndpoint } from '../core/upload/endpoint';
import { doNotTrackSet } from '../core/consent';
import type { ConsentInputs, UploadFormat } from '../core/types';
import { RETENTION_DAYS, SETTINGS_DEFAULTS, type UploadMode } from '../core/settingsDefaults';

export interface CandorSettings {
  readonly enabled: boolean;
  readonly usage: boolean;
  readonly errors: boolean;
  readonly retentionDays: number;
  readonly endpoint: string;
  readonly uploadFormat: UploadFormat;
  readonly uploadMode: UploadMode;
  /** `candor.extensions`: extension id → on/off, as the user wrote it (checked by decideConsent). */
  readonly extensions: Readonly<Record<string, boolean>>;
}

export function readSettings(): CandorSettings {
  const config = vscode.workspace.getConfiguration('candor');
  const defaults = SETTINGS_DEFAULTS;
  const format = config.get<string>('upload.format');
  const mode = config.get<string>('upload.mode');
  const retention = config.get<number>('retentionDays', defaults['candor.retentionDays']);
  const retentionValid =
    Number.isInteger(retention) && retention >= RETENTION_DAYS.minimum && retention <= RETENTION_DAYS.maximum;
  return {
    enabled: config.get<boolean>('enabled', defaults['candor.enabled']) === true,
    usage: config.get<boolean>('categories.usage', defaults['candor.categories.usage']) !== false,
    errors: config.get<boolean>('categories.errors', defaults['candor.categories.errors']) !== false,
    retentionDays: retentionValid ? retention : defaults['candor.retentionDays'],
    endpoint: (config.get<string>('endpoint', defaults['candor.endpoint']) ?? '').trim(),
    uploadFormat: format === 'otlp' || format === 'candor-json' ? format : defaults['candor.upload.format'],
    uploadMode: mode === 'automatic' || mode === 'review' ? mode : defaults['candor.upload.mode'],
    extensions: readExtensionToggles(config.get<unknown>('extensions', defaults['candor.extensions'])),
  };
}

/** Keeps only boolean entries of `candor.extensions`; anything else in the setting is ignored. */
function readExtensionToggles(value: unknown): Readonly<Record<string, boolean>> {
  const toggles: Record<string, boolean> = {};
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [id, on] of Object.entries(value as Record<string, unknown>)) {
      if (typeof on === 'boolean') {
        toggles[id] = on;
      }
    }
  }
  return toggles;
}

/** The setting `telemetry.telemetryLevel` (policy values apply): read for the reason shown to the user. */
export function readVsCodeTelemetryLevel(): string {
  return vscode.workspace.getConfiguration('telemetry').get<string>('telemetryLevel', 'all');
}

/**
 * A telemetry logger that sends nothing, kept only for its enable states: VS Code
 * computes them from the setting together with the product's and the command
 * line's switches (`--disable-telemetry`), which the setting alone does not show.
 */
function createLevelOracle(): vscode.TelemetryLogger {
  return vscode.env.createTelemetryLogger(
    {
      sendEventData: () => undefined,
      sendErrorData: () => undefined,
    },
    // Nothing may reach the sender; unhandled errors of this extension are not its business either.
    { ignoreBuiltInCommonProperties: true, ignoreUnhandledErrors: true },
  );
}

export class ConsentInputsReader extends Disposable {
  private readonly emitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.emitter.event;
  private readonly doNotTrack: boolean;
  private readonly levelOracle = this._register(createLevelOracle());

  constructor(env: NodeJS.ProcessEnv = process.env) {
    super();
    // Read once: the extension host's environment does not change while it runs.
    this.doNotTrack = doNotTrackSet(env);
    vscode.workspace.onDidChangeConfiguration(
      (e) => {
        if (e.affectsConfiguration('candor') || e.affectsConfiguration('telemetry')) {
          this.emitter.fire();
        }
      },
      this,
      this._disposables,
    );
    this.levelOracle.onDidChangeEnableStates(() => this.emitter.fire(), this, this._disposables);
  }

  read(): ConsentInputs {
    const settings = readSettings();
    return {
      vscodeLevel: readVsCodeTelemetryLevel(),
      vscodeSwitches: { usage: this.levelOracle.isUsageEnabled, errors: this.levelOracle.isErrorsEnabled },
      enabled: settings.enabled,
      usage: settings.usage,
      errors: settings.errors,
      doNotTrack: this.doNotTrack,
      endpointConfigured: parseEndpoint(settings.endpoint).ok,
      extensions: settings.extensions,
    };
  }
}
