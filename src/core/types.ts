// Shapes shared across the core. Kept in one place so every module (catalog,
// guard, consent, store, report, upload) agrees on them without importing each
// other's implementation.

/** A property value that may be recorded: short tokens, small integers, flags. */
export type PropValue = string | number | boolean;

/** An event that has passed catalog validation (names and props are allow-listed). */
export interface CatalogEvent {
  readonly name: string;
  readonly props: Readonly<Record<string, PropValue>>;
}

/** Which consent category an event belongs to. */
export type Category = 'usage' | 'errors';

/** VS Code's `telemetry.telemetryLevel` values. */
export type VsCodeTelemetryLevel = 'all' | 'error' | 'crash' | 'off';

/** What Candor may record after every input is taken into account. `crash` records nothing. */
export type EffectiveLevel = 'all' | 'error' | 'off';

/** The state shown in the status bar. */
export type PrivacyState = 'off' | 'local' | 'sharing';

export interface ConsentInputs {
  /** Raw `telemetry.telemetryLevel` (unknown values are treated as `off`). */
  readonly vscodeLevel: string;
  readonly enabled: boolean;
  readonly usage: boolean;
  readonly errors: boolean;
  readonly doNotTrack: boolean;
  /** True when an upload endpoint is configured and allowed. */
  readonly endpointConfigured: boolean;
  /** `candor.extensions`: extension id → false switches that extension's events off (absent means on). */
  readonly extensions?: Readonly<Record<string, boolean>>;
}

export interface ConsentDecision {
  readonly level: EffectiveLevel;
  /** Per-category permission after level and toggles. */
  readonly categories: Readonly<Record<Category, boolean>>;
  readonly state: PrivacyState;
  /** Plain-words reason, e.g. "Off — VS Code telemetry level is 'off'". */
  readonly reason: string;
  /** Lowercased ids of the extensions the user switched off, sorted; absent means none. */
  readonly extensionsOff?: readonly string[];
}

/** One aggregated counter of one UTC day. */
export interface Counter {
  readonly event: string;
  readonly props: Readonly<Record<string, PropValue>>;
  readonly count: number;
}

export interface ClientInfo {
  readonly extension: string;
  readonly vscode: string;
  readonly os: string;
  readonly arch: string;
  readonly ui: 'desktop' | 'web';
}

/** The outbound daily report (docs/privacy-model.md, "What an upload contains"). */
export interface DailyReport {
  readonly schema: 'candor.report/1';
  /** A closed UTC day, YYYY-MM-DD. */
  readonly day: string;
  readonly client: ClientInfo;
  readonly counters: readonly Counter[];
}

export type UploadFormat = 'candor-json' | 'otlp';
