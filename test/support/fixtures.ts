// Fixtures shared by every test layer.
import type { ClientInfo } from '../../src/core/types';

export { DAY_MS } from '../../src/core/utcDay';

/** The client block of a report made in a desktop VS Code. */
export const CLIENT: ClientInfo = { extension: '0.1.0', vscode: '1.100', os: 'linux', arch: 'x64', ui: 'desktop' };

/** The client block of a report made in the web workbench that the integration and e2e tests run. */
export const WEB_CLIENT: ClientInfo = { ...CLIENT, ui: 'web' };
