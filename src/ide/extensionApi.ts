// The API other extensions get from `vscode.extensions.getExtension('candor.candor').exports`.
import type * as vscode from 'vscode';
import { InvalidEventError } from '../core/catalog';
import {
  eventFromSendErrorData,
  eventFromSendEventData,
  namespacedName,
  normalizeExtensionId,
  type SenderEvent,
} from '../core/declarations';
import type { Recorder, RecordOutcome } from '../core/recorder';

export type TrackResult = Exclude<RecordOutcome['status'], 'rejected'>;

/** What `register(extensionId)` returns: one extension's way to record the events it declared. */
export interface CandorTracker {
  /**
   * Records one event the extension declared in its package.json (`"candor": {"events": …}`),
   * e.g. `track('example.loaded', { example_id: 'loops' })`; it is stored as
   * `publisher.name:example.loaded`. An undeclared event or property, or a value
   * the declaration does not allow, throws an `InvalidEventError` naming the
   * event and property; nothing is stored. Otherwise it returns what happened,
   * like `CandorApi.track`.
   */
  track(event: string, props?: Record<string, unknown>): TrackResult;
  /**
   * A sender for `vscode.env.createTelemetryLogger(sender)`: `logUsage` and
   * `logError(name, data)` calls that match a declared event are recorded;
   * `logError(error)` records the declared `error.exception` event with the
   * error's type; anything else is dropped and counted (`dropped`), never stored.
   */
  readonly sender: vscode.TelemetrySender;
  /** How many sender calls were dropped because they matched no declaration (a count, nothing else). */
  readonly dropped: number;
}

export interface CandorApi {
  /**
   * Records one catalog event, e.g. `track('example.loaded', { example_id: 'hello_world' })`.
   * Bad input (an undeclared event, an extra or ill-typed property) throws an
   * `InvalidEventError` naming the event and property; nothing is stored.
   * Otherwise it returns what happened: `recorded`, or why not (`not_consented`,
   * `blocked_by_guard`, …). It never blocks: storage happens later, off this call.
   */
  track(event: string, props?: Record<string, unknown>): TrackResult;
  /** A tracker for the extension `extensionId` (pass `context.extension.id`), checked against its own declaration. */
  register(extensionId: string): CandorTracker;
}

/** IDE events come only from Candor's own hooks; another extension cannot forge them. */
const RESERVED_PREFIX = 'ide.';

/** Event names an extension passes to `track`: its own declared names, never a namespace of its own. */
const BARE_EVENT_NAME = /^[a-z][a-z_]{0,30}(?:\.[a-z][a-z_]{0,30}){1,3}$/;

export interface ExtensionApiOptions {
  /** Told (with counts, never values) when a sender drops a call. */
  readonly onSenderDrop?: (extensionId: string) => void;
}

function createTracker(
  recorder: Pick<Recorder, 'record'>,
  extensionId: string,
  options: ExtensionApiOptions,
): CandorTracker {
  let dropped = 0;
  const recordFromSender = (read: () => SenderEvent | undefined): void => {
    try {
      const event = read();
      const outcome = event === undefined ? undefined : recorder.record(event.name, event.props);
      if (outcome === undefined || outcome.status === 'rejected') {
        dropped++;
        options.onSenderDrop?.(extensionId);
      }
    } catch {
      // A sender never throws into VS Code's logger.
      dropped++;
    }
  };
  const sender: vscode.TelemetrySender = Object.freeze({
    sendEventData: (eventName: string, data?: Record<string, unknown>): void =>
      recordFromSender(() => eventFromSendEventData(extensionId, eventName, data)),
    sendErrorData: (error: Error): void => recordFromSender(() => eventFromSendErrorData(extensionId, error)),
  });
  return Object.freeze({
    track(event: string, props: Record<string, unknown> = {}): TrackResult {
      if (typeof event !== 'string' || !BARE_EVENT_NAME.test(event)) {
        throw new InvalidEventError(
          undefined,
          undefined,
          'the event name must be one the extension declared (lowercase dotted, e.g. "example.loaded")',
        );
      }
      const outcome = recorder.record(namespacedName(extensionId, event), props);
      if (outcome.status === 'rejected') {
        throw outcome.error;
      }
      return outcome.status;
    },
    sender,
    get dropped(): number {
      return dropped;
    },
  });
}

export function createExtensionApi(recorder: Pick<Recorder, 'record'>, options: ExtensionApiOptions = {}): CandorApi {
  return Object.freeze({
    track(event: string, props: Record<string, unknown> = {}): TrackResult {
      if (typeof event === 'string' && event.startsWith(RESERVED_PREFIX)) {
        throw new InvalidEventError(
          /^ide\.[a-z_]{1,30}$/.test(event) ? event : undefined,
          undefined,
          "events named ide.* are reserved for Candor's own IDE hooks",
        );
      }
      if (typeof event === 'string' && event.includes(':')) {
        // Namespaced events belong to the extension that declared them: it records them through register().
        throw new InvalidEventError(
          undefined,
          undefined,
          "an extension's declared events are recorded through register(id).track",
        );
      }
      const outcome = recorder.record(event, props);
      if (outcome.status === 'rejected') {
        throw outcome.error;
      }
      return outcome.status;
    },
    register(extensionId: string): CandorTracker {
      const id = normalizeExtensionId(extensionId);
      if (id === undefined) {
        throw new InvalidEventError(undefined, undefined, 'register() takes an extension id, "publisher.name"');
      }
      return createTracker(recorder, id, options);
    },
  });
}
