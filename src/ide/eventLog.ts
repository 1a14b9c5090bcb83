// Candor's own log line for each hook event: the event name and what happened
// to it, never a property value (values are what Candor promises to protect).
import type * as vscode from 'vscode';
import type { InvalidEventError } from '../core/catalog';
import { errorCode } from '../core/describeError';
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
      log.warn(describeRejection(outcome.error));
      break;
    default:
      log.warn(`Dropped ${name}: ${outcome.status}`);
  }
}

/** The event and property a rejection names (the catalog echoes only ordinary names) and why, never a value. */
function describeRejection(error: InvalidEventError): string {
  const event = error.eventName === undefined ? 'an event' : error.eventName;
  const property = error.property === undefined ? '' : `: property "${error.property}"`;
  return `Rejected ${event}${property}: ${error.reason} (${errorCode(error)})`;
}
