// Reads everything consent depends on — VS Code's telemetry level (policy
// included), Candor's own settings and DO_NOT_TRACK — and says when it changes.
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

/**
 * VS Code's level as it is in force: the setting, where policy values apply.
 * `isTelemetryEnabled` is false below 'all', so it cannot tell 'error' from
 * 'off'; but 'all' with telemetry disabled (e.g. by the product or the command
 * line) means VS Code itself sends nothing, and Candor fails closed.
 */
export function readVsCodeTelemetryLevel(): string {
  const level = vscode.workspace.getConfiguration('telemetry').get<string>('telemetryLevel', 'all');
  return level === 'all' && !vscode.env.isTelemetryEnabled ? 'off' : level;
}

export class ConsentInputsReader extends Disposable {
  private readonly emitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.emitter.event;
  private readonly doNotTrack: boolean;

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
    vscode.env.onDidChangeTelemetryEnabled(() => this.emitter.fire(), this, this._disposables);
  }

  read(): ConsentInputs {
    const settings = readSettings();
    return {
      vscodeLevel: readVsCodeTelemetryLevel(),
      enabled: settings.enabled,
      usage: settings.usage,
      errors: settings.errors,
      doNotTrack: this.doNotTrack,
      endpointConfigured: parseEndpoint(settings.endpoint).ok,
      extensions: settings.extensions,
    };
  }
}
