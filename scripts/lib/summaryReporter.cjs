// Mocha's spec reporter plus one machine-readable line at the end, which the
// orchestrator (scripts/test-all.mjs) reads to sum results over every layer.
'use strict';
const Mocha = require('mocha');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      const stats = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
      console.log(`CANDOR_TEST_RESULT ${JSON.stringify({ passed: stats.passes, failed: stats.failures, skipped: stats.pending })}`);
    });
  }
}
module.exports = SummaryReporter;
