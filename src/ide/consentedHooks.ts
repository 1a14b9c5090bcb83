// The IDE hooks (debug adapter traffic, tasks, diagnostics) exist only while
// consent allows recording: while Candor is off, VS Code sends it none of those
// events and no debounce timer runs. Only vscode *types* are used, so this is
// unit-tested in plain Node.
import type * as vscode from 'vscode';
import { Disposable, disposeAll } from '../common/dispose';
import type { ConsentDecision } from '../core/types';

export interface HookConsent {
  readonly decision: ConsentDecision;
  readonly onDidChange: vscode.Event<unknown>;
}

export class ConsentedHooks extends Disposable {
  private running: vscode.Disposable[] | undefined;

  /** @param createHooks builds the hooks; called each time consent turns on. */
  constructor(
    private readonly consent: HookConsent,
    private readonly createHooks: () => vscode.Disposable[],
  ) {
    super();
    consent.onDidChange(() => this.follow(), this, this._disposables);
    this._register({ dispose: () => this.stopHooks() });
    this.follow();
  }

  /** Whether the hooks are listening now. */
  get active(): boolean {
    return this.running !== undefined;
  }

  private follow(): void {
    const wanted = this.consent.decision.state !== 'off';
    if (wanted && this.running === undefined && !this.isDisposed) {
      this.running = this.createHooks();
    } else if (!wanted) {
      this.stopHooks();
    }
  }

  private stopHooks(): void {
    if (this.running !== undefined) {
      const running = this.running;
      this.running = undefined;
      disposeAll(running);
    }
  }
}
