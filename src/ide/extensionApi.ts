// The API other extensions get from `vscode.extensions.getExtension('candor.candor').exports`.
import { InvalidEventError } from '../core/catalog';
import type { Recorder, RecordOutcome } from '../core/recorder';

export type TrackResult = Exclude<RecordOutcome['status'], 'rejected'>;

export interface CandorApi {
  /**
   * Records one catalog event, e.g. `track('example.loaded', { example_id: 'hello_world' })`.
   * Bad input (an undeclared event, an extra or ill-typed property) throws an
   * `InvalidEventError` naming the event and property; nothing is stored.
   * Otherwise it returns what happened: `recorded`, or why not (`not_consented`,
   * `blocked_by_guard`, …). It never blocks: storage happens later, off this call.
   */
  track(event: string, props?: Record<string, unknown>): TrackResult;
}

/** IDE events come only from Candor's own hooks; another extension cannot forge them. */
const RESERVED_PREFIX = 'ide.';

export function createExtensionApi(recorder: Pick<Recorder, 'record'>): CandorApi {
  return Object.freeze({
    track(event: string, props: Record<string, unknown> = {}): TrackResult {
      if (typeof event === 'string' && event.startsWith(RESERVED_PREFIX)) {
        throw new InvalidEventError(
          /^ide\.[a-z_]{1,30}$/.test(event) ? event : undefined,
          undefined,
          "events named ide.* are reserved for Candor's own IDE hooks",
        );
      }
      const outcome = recorder.record(event, props);
      if (outcome.status === 'rejected') {
        throw outcome.error;
      }
      return outcome.status;
    },
  });
}
