// Jest globalSetup: a folder for the fixtures the test files share during this run (test/helpers/fixtureCache.ts),
// removed again by globalTeardown. Made fresh for every run, so a fixture never outlives the sources it was made
// from; the workers inherit its path through the environment.
"use strict";
const { mkdtempSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");

module.exports = async function setup() {
  process.env.CREDIT_TEST_FIXTURES = mkdtempSync(join(tmpdir(), "credit-fixtures-"));
};
