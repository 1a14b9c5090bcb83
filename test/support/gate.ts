// An outbound gate for tests, with a guard bound to a made-up identity.
import { createOutboundGate } from '../../src/core/outboundGate';
import { createPrivacyGuard } from '../../src/core/privacyGuard';

export const TEST_IDENTITY = { userName: 'zeldauser', homeDir: '/home/zeldauser', hostName: 'zelda-laptop' } as const;

export const TEST_GATE = createOutboundGate(createPrivacyGuard(TEST_IDENTITY));
