// Candor's own log line for each hook event: the event name and what happened
// to it, never a property value (values are what Candor promises to protect).
import type * as vscode from 'vscode';
import type { RecordOutcome } from '../core/recorder';

export function logOutcome(log: vscode.LogOutputChannel, name: string, outcome: RecordOutcome): void {
  switch (outcome.status) {
    case 'recorded':
      log.debug(`Recorded ${name}`);
      break;
    case 'not_consented':
      log.trace(`Not recorded ${name}: not allowed by the current consent`);
      break;
    case 'blocked_by_guard':
      log.warn(`Dropped ${name}: property "${outcome.property}" looked like personal data (${outcome.kind})`);
      break;
    case 'rejected':
      log.warn(`Rejected an event: ${outcome.error.message}`);
      break;
    default:
      log.warn(`Dropped ${name}: ${outcome.status}`);
  }
}
