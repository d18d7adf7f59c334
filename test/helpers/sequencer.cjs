// Jest testSequencer: the files that take longest start first, so that both workers stay busy to the end (the
// suite's wall time is about its CPU time over the workers only if no long file starts last). Jest's own order
// comes from the durations it cached on this machine, and on a fresh clone (CI) from the files' sizes: there the
// 42 s ledger test, a small file, started among the last. The order here is a checked-in table of each file's
// wall seconds in its worker (test/helpers/fileTimes.json, written by `npm test` into .test-output/ after every
// whole run: copy it over to refresh). Files that failed last time still come first (Jest's cache), then files
// the table does not know yet (a new file may be long), then the table's from longest to shortest.
"use strict";
const { readFileSync } = require("node:fs");
const { join, relative } = require("node:path");
const Sequencer = require("@jest/test-sequencer").default;

const times = JSON.parse(readFileSync(join(__dirname, "fileTimes.json"), "utf8"));
const rootDir = join(__dirname, "..", "..");

class LongestFirst extends Sequencer {
  sort(tests) {
    const key = (t) => relative(rootDir, t.path).split("\\").join("/");
    const rank = (t) => (this.hasFailed(t) ? 2 : times[key(t)] === undefined ? 1 : 0);
    return [...tests].sort((a, b) => rank(b) - rank(a) || (times[key(b)] ?? 0) - (times[key(a)] ?? 0) || (key(a) < key(b) ? -1 : 1));
  }
}

module.exports = LongestFirst;
