// Jest's node environment, plus the CPU time each test file costs: from the environment's creation to its
// teardown, the worker's own CPU (user + system) and that of the child processes it waited for (tsc, eslint,
// LibreOffice, Chromium, the command line as a process). Jest reports only wall times, and on a machine shared
// with other work a file's wall time says more about the neighbours than about the file. scripts/test.mjs reads
// the figures (.test-output/cpu/) and prints the files that cost most.
"use strict";
const { mkdirSync, readFileSync, writeFileSync } = require("node:fs");
const { createHash } = require("node:crypto");
const { join } = require("node:path");
const NodeEnvironment = require("jest-environment-node").TestEnvironment;

/** CPU seconds so far of this process and its waited-for children: /proc/self/stat where there is one (Linux),
 * otherwise this process alone. */
function cpuSeconds() {
  try {
    // Fields after the ")" that ends the command name: state is field 3; utime, stime, cutime, cstime are 14–17.
    const stat = readFileSync("/proc/self/stat", "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = (i) => Number(f[i - 3]);
    return { self: (ticks(14) + ticks(15)) / 100, children: (ticks(16) + ticks(17)) / 100 };
  } catch {
    const u = process.cpuUsage();
    return { self: (u.user + u.system) / 1e6, children: 0 };
  }
}

class CpuEnvironment extends NodeEnvironment {
  constructor(config, context) {
    super(config, context);
    this.testPath = context.testPath;
    this.outDir = join(config.projectConfig.rootDir, ".test-output", "cpu");
    this.start = cpuSeconds();
    this.wallStart = Date.now();
  }

  async teardown() {
    await super.teardown();
    const end = cpuSeconds();
    const record = {
      file: this.testPath,
      cpu: +(end.self - this.start.self + end.children - this.start.children).toFixed(2),
      children: +(end.children - this.start.children).toFixed(2),
      wall: (Date.now() - this.wallStart) / 1000,
    };
    try {
      mkdirSync(this.outDir, { recursive: true });
      const key = createHash("sha1").update(this.testPath).digest("hex").slice(0, 16);
      writeFileSync(join(this.outDir, `${key}.json`), JSON.stringify(record));
    } catch {
      // The figures are for reading, never a reason for a test file to fail.
    }
  }
}

module.exports = CpuEnvironment;
