// The shapes of the Insights view's data. Built on this machine from the local
// counters only; nothing here is ever part of a report or an upload.

/** Error origins, as the catalog's `ide.error` declares them. */
export type ErrorOrigin = 'diagnostic' | 'exception' | 'exit';
export const ERROR_ORIGINS: readonly ErrorOrigin[] = ['diagnostic', 'exception', 'exit'];

/**
 * One counter as the Insights query returns it: the day, the event and the few
 * properties Insights looks at. Other properties (runtime, severity, example
 * ids) are left out; rows that differ only in them are summed by the aggregations.
 */
export interface InsightsRow {
  readonly day: string;
  readonly event: string;
  /** `ide.run` / `ide.reset`: 'debug' or 'task'. */
  readonly kind: string | null;
  /** `ide.error`: where it came from. */
  readonly origin: string | null;
  /** `ide.error` diagnostics: the reporting tool. */
  readonly source: string | null;
  /** `ide.error`: the error code. */
  readonly code: string | null;
  readonly count: number;
}

/** The days a period covers, oldest first, inclusive. */
export interface DayRange {
  readonly from: string;
  readonly to: string;
}

export interface PeriodWindow {
  readonly periodDays: number;
  /** Every day of the current period, oldest first (today last). */
  readonly days: readonly string[];
  readonly current: DayRange;
  /** The same number of days just before the current period. */
  readonly previous: DayRange;
  /** Oldest day still kept under the retention setting. */
  readonly cutoffDay: string;
  /** How many days of the previous period are within the retention (0 … periodDays). */
  readonly previousRetainedDays: number;
}

/** Runs, resets and errors of one day; a day without data is all zeros. */
export interface DailyPoint {
  readonly day: string;
  readonly debugRuns: number;
  readonly taskRuns: number;
  readonly debugResets: number;
  readonly taskResets: number;
  readonly diagnostics: number;
  readonly exceptions: number;
  readonly exits: number;
}

export type DailyCounts = Omit<DailyPoint, 'day'>;

export interface CodeStat {
  /** The error code, e.g. "TS2304", "TypeError", "exit:1". */
  readonly code: string;
  /** The reporting tool, for diagnostics (e.g. "ts"); null otherwise. */
  readonly source: string | null;
  readonly count: number;
  /** count ÷ all errors of this origin in the period, 0…1. */
  readonly share: number;
  /** Count in the previous period, or null when that period cannot be compared. */
  readonly previousCount: number | null;
  /** One count per day of the period, oldest first: the sparkline. */
  readonly daily: readonly number[];
}

export interface OriginCodes {
  readonly origin: ErrorOrigin;
  /** All errors of this origin in the period. */
  readonly total: number;
  /** The most frequent codes, most frequent first. */
  readonly top: readonly CodeStat[];
  /** How many distinct codes there were in all. */
  readonly distinctCodes: number;
  /** Codes seen in this period but not in the previous one (empty when not comparable). */
  readonly newCodes: readonly CodeStat[];
  /** Codes of the previous period not seen in this one (count = previous count). */
  readonly goneCodes: readonly {
    readonly code: string;
    readonly source: string | null;
    readonly previousCount: number;
  }[];
}

export type RateId = 'errorsPerRun' | 'exceptionsPerDebugSession' | 'failingRunShare';

export interface RateTrend {
  readonly id: RateId;
  /** null when the denominator is zero. */
  readonly current: number | null;
  readonly previous: number | null;
  readonly numerator: number;
  readonly denominator: number;
  /** (current − previous) ÷ previous, or null when it cannot be computed. */
  readonly change: number | null;
}

export interface ExtensionStat {
  /** The event name up to its first dot, e.g. "example" for `example.loaded`. */
  readonly prefix: string;
  readonly count: number;
  readonly previousCount: number | null;
  readonly events: readonly { readonly event: string; readonly count: number }[];
  readonly daily: readonly number[];
}

export interface Insights {
  readonly today: string;
  readonly window: PeriodWindow;
  /** False when the previous period holds no data or lies beyond the retention. */
  readonly comparable: boolean;
  readonly daily: readonly DailyPoint[];
  readonly totals: DailyCounts;
  readonly previousTotals: DailyCounts;
  readonly codes: readonly OriginCodes[];
  readonly rates: readonly RateTrend[];
  readonly extensions: readonly ExtensionStat[];
  readonly summary: string;
  /** True when the period holds no runs, resets, errors or extension events at all. */
  readonly empty: boolean;
}
