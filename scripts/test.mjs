// `npm test`: production build, then Jest (extra arguments go to Jest, e.g. `npm test -- test/manifest.test.ts`).
// The very last line printed is always `N passed, N failed` (totals from Jest's JSON), which CI reads.
// TEST_SKIP_BUILD=1 skips the build (reuses dist/) for quick local runs.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, rmSync, existsSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const outDir = join(root, ".test-output");
const outFile = join(outDir, "jest.json");
const seconds = (t0) => ((Date.now() - t0) / 1000).toFixed(1);
const cpuDir = join(outDir, "cpu");
/** CPU seconds (user + system) of the processes this script started and waited for (Linux; null elsewhere). */
function childCpu() {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[13]) + Number(f[14])) / 100;
  } catch {
    return null;
  }
}

function finish(passed, failed, code) {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(code);
}

// Whatever goes wrong in this script, the last line must still be the totals line.
process.on("uncaughtException", (error) => {
  console.log(`[test] ${error && error.stack ? error.stack : error}`);
  finish(0, 1, 1);
});

// (a) build
if (process.env.TEST_SKIP_BUILD === "1") {
  console.log("[test] TEST_SKIP_BUILD=1: reusing dist/");
} else {
  const t0 = Date.now();
  // Types are checked by test/typecheck.test.ts over every file; the build only transpiles (same dist/).
  console.log("[test] webpack --mode production --env transpileOnly …");
  // webpack's list of assets is not shown: only a failed build's output (its last 60 lines) is.
  const build = spawnSync(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production", "--env", "transpileOnly"], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  if (build.status !== 0) {
    console.log(`${build.stdout ?? ""}${build.stderr ?? ""}`.trimEnd().split("\n").slice(-60).join("\n"));
    console.log(`[test] BUILD FAILED (exit ${build.status ?? build.signal}) after ${seconds(t0)} s; tests not run.`);
    finish(0, 1, 1);
  }
  const cpu = childCpu();
  console.log(`[test] build ok in ${seconds(t0)} s${cpu === null ? "" : ` (CPU ${cpu.toFixed(0)} s)`}`);
}

// (b) jest
mkdirSync(outDir, { recursive: true });
rmSync(outFile, { force: true });
rmSync(cpuDir, { recursive: true, force: true });
const t1 = Date.now();
const cpu1 = childCpu();
// Jest's summary reporter: nothing per passing file, failures summed up below with their first lines (every file's PASS line and the figures
// tests print are in the JSON). TEST_VERBOSE=1, or a --reporters/--verbose of your own, shows them as they run.
const args = process.argv.slice(2);
const quiet = process.env.TEST_VERBOSE !== "1" && !args.some((a) => /^--(reporters|verbose)/.test(a));
console.log(`[test] jest${quiet ? " (failures only; TEST_VERBOSE=1 shows every file)" : ""} …`);
const jest = spawnSync(
  process.execPath,
  [join(dirname(require.resolve("jest/package.json")), "bin", "jest.js"), "--json", "--outputFile", outFile, ...args, ...(quiet ? ["--reporters=summary"] : [])],
  { cwd: root, stdio: "inherit" },
);

if (!existsSync(outFile)) {
  console.log(`[test] Jest wrote no results (exit ${jest.status ?? jest.signal}).`);
  finish(0, 1, 1);
}

const r = JSON.parse(readFileSync(outFile, "utf8"));
// A suite that fails to run (syntax error, throwing import, failing beforeAll without tests) counts as a failure.
const brokenSuites = r.testResults.filter((s) => s.status === "failed" && (s.assertionResults ?? []).every((a) => a.status !== "failed"));
const passed = r.numPassedTests;
const failed = r.numFailedTests + brokenSuites.length;

console.log("");
const passedFiles = r.testResults.filter((s) => s.status === "passed").length;
console.log(`── Summary: ${passedFiles} of ${r.testResults.length} test files passed ──`);
for (const s of r.testResults) {
  if (s.status === "passed" && quiet) continue;
  const file = relative(root, s.name);
  const counts = { passed: 0, failed: 0, pending: 0 };
  for (const a of s.assertionResults ?? []) counts[a.status === "passed" ? "passed" : a.status === "failed" ? "failed" : "pending"]++;
  const mark = s.status === "passed" ? "PASS" : "FAIL";
  console.log(`${mark} ${file}  (${counts.passed} passed, ${counts.failed} failed${counts.pending ? `, ${counts.pending} skipped` : ""})`);
  for (const a of s.assertionResults ?? []) {
    if (a.status !== "failed") continue;
    console.log(`     ✕ ${a.fullName}`);
    // Jest's summary reporter prints no details: the first lines of each failure are shown here.
    if (quiet) for (const line of (a.failureMessages ?? []).join("\n").split("\n").slice(0, 14)) console.log(`       ${line}`);
  }
  if (brokenSuites.includes(s)) console.log(`     ✕ suite failed to run: ${(s.message ?? "").split("\n").find((l) => l.trim() && !/Test suite failed to run/.test(l))?.trim() ?? ""}`);
}
if (r.numPendingTests + r.numTodoTests > 0) console.log(`(${r.numPendingTests} skipped, ${r.numTodoTests} todo)`);
// Where the time goes: the five slowest files by CPU seconds (the worker's and its child processes', from
// test/helpers/cpuEnvironment.cjs: what a file costs whatever else the machine is doing) beside the wall time
// of each file in its worker (which grows with the load). Every file's figures: .test-output/cpu/.
const cpuOf = new Map();
if (existsSync(cpuDir)) {
  for (const f of readdirSync(cpuDir)) {
    try {
      const c = JSON.parse(readFileSync(join(cpuDir, f), "utf8"));
      cpuOf.set(c.file, c.cpu);
    } catch {
      // a file being written when Jest was stopped: no figure for it
    }
  }
}
const slowest = r.testResults
  .map((s) => ({ cpu: cpuOf.get(s.name), wall: (s.endTime - s.startTime) / 1000, file: relative(root, s.name) }))
  .sort((a, b) => (b.cpu ?? b.wall) - (a.cpu ?? a.wall))
  .slice(0, 5);
// Each file's wall seconds in its worker: the order in which the next runs start them (test/helpers/sequencer.cjs
// reads test/helpers/fileTimes.json; after a whole run, copy this file over it to refresh the order).
writeFileSync(
  join(outDir, "fileTimes.json"),
  `${JSON.stringify(Object.fromEntries(r.testResults.map((s) => [relative(root, s.name).split("\\").join("/"), +((s.endTime - s.startTime) / 1000).toFixed(1)]).sort((a, b) => b[1] - a[1])), null, 1)}\n`,
);
console.log("Slowest files (CPU s, wall s):");
for (const { cpu, wall, file } of slowest) console.log(`  ${cpu === undefined ? "     ?" : cpu.toFixed(1).padStart(6)}  ${wall.toFixed(1).padStart(6)}  ${file}`);
const cpu2 = childCpu();
const cpuText = cpu1 === null || cpu2 === null ? "" : `, CPU ${(cpu2 - cpu1).toFixed(0)} s`;
console.log(`Jest ${seconds(t1)} s${cpuText}, details in ${relative(root, outFile)}`);

const ok = jest.status === 0 && failed === 0 && r.success;
finish(passed, ok ? failed : Math.max(failed, 1), ok ? 0 : 1);
