// Consent as a session sees it, changed by a test the way src/ide/consentController.ts would.
import * as assert from 'node:assert/strict';
import { Emitter } from '../../src/common/emitter';
import { decideConsent, extensionsDropped, levelDropped } from '../../src/core/consent';
import type { ConsentDecision, ConsentInputs } from '../../src/core/types';
import type { ConsentChange } from '../../src/ide/consentController';

export const ALL: ConsentInputs = {
  vscodeLevel: 'all',
  enabled: true,
  usage: true,
  errors: true,
  doNotTrack: false,
  endpointConfigured: false,
};

/** Consent as the session sees it, changed by the test the way the controller would. */
export class TestConsent {
  private readonly emitter = new Emitter<ConsentChange>((error) => assert.fail(String(error)));
  readonly onDidChange = this.emitter.event;
  decision: ConsentDecision;

  constructor(public inputs: ConsentInputs) {
    this.decision = decideConsent(inputs);
  }

  change(inputs: ConsentInputs): void {
    const before = this.decision;
    this.inputs = inputs;
    this.decision = decideConsent(inputs);
    this.emitter.fire({
      before,
      after: this.decision,
      inputs,
      dropped: levelDropped(before, this.decision),
      droppedExtensions: extensionsDropped(before, this.decision),
    });
  }
}
