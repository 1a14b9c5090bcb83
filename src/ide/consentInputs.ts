// Reads everything consent depends on — VS Code's telemetry level (policy
// included), Candor's own settings and DO_NOT_TRACK — and says when it changes.
import * as vscode from 'vscode';
import { Disposable } from '../common/dispose';
import { parseEndpoint } from '../core/upload/endpoint';
import { doNotTrackSet } from '../core/consent';
import type { ConsentInputs } from '../core/types';


export interface CandorSettings {
  readonly enabled: boolean;
  readonly usage: boolean;
  readonly errors: boolean;
  readonly retentionDays: number;
  readonly endpoint: string;
  readonly uploadFormat: 'candor-json' | 'otlp';
  readonly uploadMode: 'review' | 'automatic';
}

export function readSettings(): CandorSettings {
  const config = vscode.workspace.getConfiguration('candor');
  const format = config.get<string>('upload.format');
  const mode = config.get<string>('upload.mode');
  const retention = config.get<number>('retentionDays', 90);
  return {
    enabled: config.get<boolean>('enabled', false) === true,
    usage: config.get<boolean>('categories.usage', true) !== false,
    errors: config.get<boolean>('categories.errors', true) !== false,
    retentionDays: Number.isInteger(retention) && retention >= 1 && retention <= 365 ? retention : 90,
    endpoint: (config.get<string>('endpoint', '') ?? '').trim(),
    uploadFormat: format === 'otlp' ? 'otlp' : 'candor-json',
    uploadMode: mode === 'automatic' ? 'automatic' : 'review',
  };
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
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('candor') || e.affectsConfiguration('telemetry')) this.emitter.fire();
    }, this, this._disposables);
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
    };
  }
}
