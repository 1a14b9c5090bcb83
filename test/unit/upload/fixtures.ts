// Small reports for the upload tests.

import { buildDailyReport } from '../../../src/core/report';
import type { DailyReport } from '../../../src/core/types';

import { CLIENT } from '../../support/fixtures';

export { CLIENT, DAY_MS } from '../../support/fixtures';

/** A report in canonical form, as the store keeps it. */
export function sampleReport(day: string, extra = 0): DailyReport {
  return buildDailyReport(day, CLIENT, [
    { event: 'ide.run', props: { kind: 'debug', runtime: 'node' }, count: 12 + extra },
    {
      event: 'ide.error',
      props: { origin: 'diagnostic', source: 'ts', code: 'TS2304', severity: 'error' },
      count: 3,
    },
    { event: 'ide.reset', props: { kind: 'task' }, count: 2 },
  ]);
}

/** Milliseconds at 00:00 UTC of a YYYY-MM-DD day, computed independently of the code under test. */
export function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`);
}
