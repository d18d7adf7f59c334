// Jest globalTeardown: removes this run's shared fixtures (test/helpers/fixtureCache.setup.cjs).
"use strict";
const { rmSync } = require("node:fs");

module.exports = async function teardown() {
  const dir = process.env.CREDIT_TEST_FIXTURES;
  if (dir && /credit-fixtures-/.test(dir)) rmSync(dir, { recursive: true, force: true });
};
