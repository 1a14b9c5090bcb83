// Mocha's spec reporter plus one machine-readable line at the end, which the
// orchestrator (scripts/test-all.mjs) reads to sum results over every layer.
// Skipped (pending) tests are counted and named, so a skip never goes unseen.
'use strict';
const Mocha = require('mocha');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const skippedTitles = [];
    runner.on('pending', (test) => skippedTitles.push(test.fullTitle()));
    runner.once('end', () => {
      const stats = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
      console.log(
        `CANDOR_TEST_RESULT ${JSON.stringify({ passed: stats.passes, failed: stats.failures, skipped: stats.pending, skippedTitles })}`,
      );
    });
  }
}
module.exports = SummaryReporter;
