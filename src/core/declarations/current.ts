// The declarations in force in this extension host. One snapshot, replaced
// whole by src/ide/declarationRegistry.ts when extensions change, so the
// recorder, the reports and the outbound checks all validate namespaced events
// against the same declarations without each being handed them.

import { DeclaredEvents } from './declaredEvents';

let current: DeclaredEvents = DeclaredEvents.EMPTY;

export function currentDeclaredEvents(): DeclaredEvents {
  return current;
}

export function setCurrentDeclaredEvents(declared: DeclaredEvents): void {
  current = declared;
}
