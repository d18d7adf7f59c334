// Jest 30 + @swc/jest (type-stripping only; types are checked by test/typecheck.test.ts and `npm run lint`).
const os = require("node:os");

const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;

/** @type {import('jest').Config} */
module.exports = {
  // Jest's default is one worker less than the cores: on a two-core machine (ours, many CI runners) one worker,
  // so every file ran after the other with a core idle whenever a file waited for a child process or the disk.
  // Two workers at least: the files are independent (each writes under a folder of its own from mkdtemp; the
  // command line's built file is replaced atomically), so the suite takes about half the wall time for the
  // same CPU time.
  maxWorkers: Math.max(2, cores - 1),
  // The longest files first, from a checked-in table, so that no long file starts last (test/helpers/sequencer.cjs).
  testSequencer: "<rootDir>/test/helpers/sequencer.cjs",
  // Node's environment, plus each file's CPU seconds for scripts/test.mjs (test/helpers/cpuEnvironment.cjs).
  testEnvironment: "<rootDir>/test/helpers/cpuEnvironment.cjs",
  // Jest's default 5 s per test fails CLI and file tests when the machine is busy (2 cores shared by
  // several builds): the timeout guards against hangs, it is not a speed check (npm run bench is).
  testTimeout: 30_000,
  roots: ["<rootDir>/test", "<rootDir>/src"],
  testMatch: ["<rootDir>/test/**/*.test.ts"],
  moduleFileExtensions: ["ts", "js", "cjs", "mjs", "json"],
  transform: {
    "^.+\\.ts$": [
      "@swc/jest",
      {
        jsc: { parser: { syntax: "typescript" }, target: "es2020" },
        module: { type: "commonjs" },
        sourceMaps: "inline",
      },
    ],
  },
  testPathIgnorePatterns: ["/node_modules/", "/dist/"],
  // Every test file runs with a copy of the latest registered year registered as the next one, so no test can
  // lean on 2022 being the latest year (test/helpers/nextYear.ts).
  setupFiles: ["<rootDir>/test/helpers/nextYear.setup.ts"],
  // A folder for the fixtures the files of one run share, made once (test/helpers/fixtureCache.ts).
  globalSetup: "<rootDir>/test/helpers/fixtureCache.setup.cjs",
  globalTeardown: "<rootDir>/test/helpers/fixtureCache.teardown.cjs",
};
