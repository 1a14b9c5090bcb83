// The store's public surface: `import { CandorStore } from '../core/store'`.
export { CandorStore, StoreClosedError, type StoreOptions } from './candorStore';
export type { StoreTx } from './transaction';
export type { BeforeCriticalStep, CriticalStep, RecoveryNotice } from './databaseFile';
export type { StoredEvent } from './journal';
export { SchemaTooNewError } from './migrations';
export type { SqlDatabase } from './sqlite';
export type { DayCounters, RecentEvent, StoredCounter } from './counters';
export type { ClaimDueReportRequest, ReportRecord, ReportSettlement, ReportStatus } from './reports';
export { readStoredReport } from './reports';
export type { NewReceipt, StoredReceipt } from './receipts';
export type { ConsentLogEntry } from './consentLogTable';
export type { StoreSnapshot, StoreStats } from './stats';
export { readSnapshot, readStats } from './stats';
export { csvField } from './export';
export { StoreReportQueue } from './reportQueue';
// Table functions for callers that group several steps in one `read`/`write`.
export { readCounters, readDaysWithoutReport } from './counters';
export { upsertPendingReport } from './reports';
