// Reads the event declarations of every installed extension at start-up and
// whenever extensions change, makes them the declarations in force
// (src/core/declarations/current.ts) and logs each refused declaration once:
// which extension and which rule.
import * as vscode from 'vscode';
import { Disposable } from '../common/dispose';
import {
  DeclaredEvents,
  readInstalledDeclarations,
  refusalLogLine,
  setCurrentDeclaredEvents,
} from '../core/declarations';

export interface RegistryLog {
  warn(message: string): void;
  info(message: string): void;
}

export class DeclarationRegistry extends Disposable {
  private readonly emitter = this._register(new vscode.EventEmitter<DeclaredEvents>());
  /** Fires with the new declarations after extensions changed. */
  readonly onDidChange = this.emitter.event;
  private declared: DeclaredEvents = DeclaredEvents.EMPTY;
  private installed: readonly string[] = [];
  /** Refusal lines already logged, so a change elsewhere does not repeat them. */
  private readonly logged = new Set<string>();

  constructor(private readonly log: RegistryLog) {
    super();
    this.refresh();
    vscode.extensions.onDidChange(
      () => {
        this.refresh();
        this.emitter.fire(this.declared);
      },
      this,
      this._disposables,
    );
  }

  /** The declarations in force. */
  get current(): DeclaredEvents {
    return this.declared;
  }

  /** Lowercased ids of every installed extension, declaring or not. */
  get installedIds(): readonly string[] {
    return this.installed;
  }

  /** Reads `vscode.extensions.all` again. Never throws. */
  refresh(): void {
    try {
      const { declarations, installedIds } = readInstalledDeclarations(
        vscode.extensions.all.map((extension) => ({ id: extension.id, packageJSON: extension.packageJSON as unknown })),
      );
      this.declared = new DeclaredEvents(declarations);
      this.installed = installedIds;
      setCurrentDeclaredEvents(this.declared);
      for (const declaration of declarations) {
        const line = refusalLogLine(declaration);
        if (line !== undefined && !this.logged.has(line)) {
          this.logged.add(line);
          this.log.warn(line);
        }
      }
    } catch (error) {
      this.log.warn(
        `Could not read the extensions' event declarations (${error instanceof Error ? error.name : 'error'})`,
      );
    }
  }

  override dispose(): void {
    super.dispose();
    setCurrentDeclaredEvents(DeclaredEvents.EMPTY);
  }
}
