// What activate() returns, and the internals it exposes to the integration
// tests when VS Code runs Candor in test mode. The tests use these types as
// they are, so renaming a part here breaks their build, not their run.
import type { Recorder } from './core/recorder';
import type { CandorStore } from './core/store';
import type { ConsentController } from './ide/consentController';
import type { DeclarationRegistry } from './ide/declarationRegistry';
import type { CandorApi } from './ide/extensionApi';
import type { PayloadSource } from './ide/payloadSource';
import type { StatusIndicator } from './ide/statusIndicator';
import type { StoreSession } from './ide/storeSession';
import type { UploadScheduler } from './ide/uploadScheduler';
import type { PayloadViewSource } from './webview/payloadView';

export interface CandorTestSurface {
  readonly recorder: Recorder;
  /** Throws when local storage could not be opened in this window. */
  readonly store: CandorStore;
  readonly storeDir: string;
  /** The extension's log folder; Candor's output channel writes its file there. */
  readonly logDir: string;
  readonly source: PayloadSource;
  readonly viewSource: PayloadViewSource;
  readonly consent: ConsentController;
  readonly indicator: StatusIndicator;
  /** Throws when local storage could not be opened in this window. */
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
  readonly source: PayloadSource;
  readonly consent: ConsentController;
  readonly indicator: StatusIndicator;
  readonly uploads: UploadScheduler | undefined;
  readonly declarations: DeclarationRegistry;
}

function storageUnavailable(what: string): Error {
  return new Error(`${what} is unavailable: Candor could not open its local storage in this window`);
}

export function createTestSurface(parts: TestSurfaceParts): CandorTestSurface {
  const { session, uploads } = parts;
  return {
    recorder: session.recorder,
    get store(): CandorStore {
      const store = session.store;
      if (store === undefined) {
        throw storageUnavailable('The store');
      }
      return store;
    },
    storeDir: parts.storeDir,
    logDir: parts.logDir,
    source: parts.source,
    viewSource: parts.source,
    consent: parts.consent,
    indicator: parts.indicator,
    get uploads(): UploadScheduler {
      if (uploads === undefined) {
        throw storageUnavailable('Uploading');
      }
      return uploads;
    },
    declarations: parts.declarations,
    flush: () => session.flush(),
  };
}
