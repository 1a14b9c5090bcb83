// What activate() returns, and the internals it exposes to the integration
// tests when VS Code runs Candor in test mode. The tests use these types as
// they are, so renaming a part here breaks their build, not their run.
import type { Identity } from './core/guardIdentity';
import type { PrivacyGuard } from './core/privacyGuard';
import type { Recorder } from './core/recorder';
import type { CandorStore } from './core/store';
import type { ConsentController } from './ide/consentController';
import type { DeclarationRegistry } from './ide/declarationRegistry';
import type { CandorApi } from './ide/extensionApi';
import type { PayloadSource } from './ide/payloadSource';
import type { StatusIndicator } from './ide/statusIndicator';
import type { StoreSession } from './ide/storeSession';
import type { ConsentedHooks } from './ide/consentedHooks';
import { sqlJsRequested } from './core/store/sqlite';
import type { UploadScheduler } from './ide/uploadScheduler';
import type { ConfirmAction, PayloadViewPanel, PayloadViewSource } from './webview/payloadView';

export interface CandorTestSurface {
  readonly recorder: Recorder;
  /** Throws while the store is not open (see `openStore`), or when local storage could not be opened. */
  readonly store: CandorStore;
  /** Opens the store on demand, as the view does; rejects when local storage is unavailable. */
  openStore(): Promise<CandorStore>;
  /** Whether the store was asked to open in this window. */
  readonly storeOpenRequested: boolean;
  /** Whether this extension host has loaded (or is loading) sql.js's wasm. */
  sqlJsLoaded(): boolean;
  /** Whether the debug, task and diagnostics hooks listen now (only while consent allows recording). */
  readonly hooksActive: boolean;
  readonly storeDir: string;
  /** The extension's log folder; Candor's output channel writes its file there. */
  readonly logDir: string;
  /** The privacy guard every event passes, with the identity it checks now. */
  readonly guard: PrivacyGuard;
  identity(): Identity;
  readonly source: PayloadSource;
  readonly viewSource: PayloadViewSource;
  /** Opens the real payload view (closing one already open) with the tests' own answer to its confirmations. */
  showPayloadView(confirm: ConfirmAction): PayloadViewPanel;
  readonly consent: ConsentController;
  readonly indicator: StatusIndicator;
  readonly uploads: UploadScheduler;
  /** The installed extensions' event declarations (`current`, `installedIds`, `refresh()`). */
  readonly declarations: DeclarationRegistry;
  /** Writes buffered events and closes finished days. */
  flush(): Promise<void>;
}

/** The API other extensions receive; in test mode it also carries the test surface. */
export type ActivationResult = CandorApi & { readonly __test?: CandorTestSurface };

export interface TestSurfaceParts {
  readonly session: StoreSession;
  readonly storeDir: string;
  readonly logDir: string;
  readonly guard: PrivacyGuard;
  readonly identity: () => Identity;
  readonly source: PayloadSource;
  readonly closePayloadView: () => void;
  readonly consent: ConsentController;
  readonly indicator: StatusIndicator;
  readonly uploads: UploadScheduler;
  readonly declarations: DeclarationRegistry;
  readonly hooks: ConsentedHooks;
}

function storageUnavailable(): Error {
  return new Error('The store is unavailable: Candor could not open its local storage in this window');
}

export function createTestSurface(parts: TestSurfaceParts): CandorTestSurface {
  const { session } = parts;
  return {
    recorder: session.recorder,
    get store(): CandorStore {
      const store = session.store;
      if (store === undefined) {
        throw new Error('The store is not open (yet): await openStore() first');
      }
      return store;
    },
    async openStore(): Promise<CandorStore> {
      const store = await session.open();
      if (store === undefined) {
        throw storageUnavailable();
      }
      return store;
    },
    get storeOpenRequested(): boolean {
      return session.openRequested;
    },
    sqlJsLoaded: sqlJsRequested,
    get hooksActive(): boolean {
      return parts.hooks.active;
    },
    storeDir: parts.storeDir,
    logDir: parts.logDir,
    guard: parts.guard,
    identity: parts.identity,
    source: parts.source,
    viewSource: parts.source,
    showPayloadView: (confirm) => {
      parts.closePayloadView();
      return parts.source.showPayloads({ confirm });
    },
    consent: parts.consent,
    indicator: parts.indicator,
    uploads: parts.uploads,
    declarations: parts.declarations,
    flush: () => session.flush(),
  };
}
