// What the IDE hooks' decision logic hands back to its adapter to record. The
// modules in this folder decide; the adapters in src/ide only pass the events on.

import type { Severity } from '../errorCodes';

export type HookKind = 'debug' | 'task';

export type HookEvent =
  | { readonly name: 'ide.run'; readonly props: { readonly kind: HookKind; readonly runtime: string } }
  | { readonly name: 'ide.reset'; readonly props: { readonly kind: HookKind } }
  | { readonly name: 'ide.error'; readonly props: { readonly origin: 'exception' | 'exit'; readonly code: string } }
  | {
      readonly name: 'ide.error';
      readonly props: {
        readonly origin: 'diagnostic';
        readonly source: string;
        readonly code: string;
        readonly severity: Severity;
      };
    };
