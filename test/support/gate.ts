// An outbound gate for tests, with a guard bound to a made-up identity.
import { DeclaredEvents, readDeclaration } from '../../src/core/declarations';
import { createOutboundGate } from '../../src/core/outboundGate';
import { createPrivacyGuard } from '../../src/core/privacyGuard';
import { event } from './declarationSamples';

export const TEST_IDENTITY = { userName: 'zeldauser', homeDir: '/home/zeldauser', hostName: 'zelda-laptop' } as const;

export const TEST_GATE = createOutboundGate(createPrivacyGuard(TEST_IDENTITY));

/** The demo extension's `example.loaded`, declared as an installed extension would declare it. */
export const DEMO_EXAMPLE_EVENT = 'candor.candor-demo:example.loaded';

export function demoDeclarations(): DeclaredEvents {
  const result = readDeclaration({
    events: {
      'example.loaded': event({
        example_id: { enum: ['hello_world', 'loops'], description: 'Which example.' },
        step: { type: 'integer', minimum: 0, maximum: 20, description: 'Tutorial step.' },
      }),
    },
  });
  if (!result.ok) {
    throw new Error('the demo declaration in test/support/gate.ts was refused');
  }
  return new DeclaredEvents([
    { id: 'candor.candor-demo', displayName: 'Candor Demo', declaration: result.declaration },
  ]);
}
