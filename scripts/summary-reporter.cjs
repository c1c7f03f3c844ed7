// Spec output for humans, plus the counts written where scripts/test.mjs can add them
// to the type-check and lint steps for the single summary line.
'use strict';
const fs = require('node:fs');
const Mocha = require('mocha');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      const { passes, failures, pending } = this.stats;
      const file = process.env.XAPI_TEST_COUNTS;
      if (file) fs.writeFileSync(file, JSON.stringify({ passes, failures, pending }));
    });
  }
}
module.exports = SummaryReporter;
