import type { PropValue } from '../core/types';

/**
 * Where the IDE hooks send what they observed. The implementation runs the
 * core pipeline (catalog, guard, consent, buffer); it never throws and never
 * does I/O on the caller's stack.
 */
export interface HookSink {
  record(name: string, props: Record<string, PropValue>): void;
}
