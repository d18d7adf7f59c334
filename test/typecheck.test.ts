import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./helpers/paths";

// Both tools keep what they learnt of unchanged files between runs (tsc --incremental, eslint --cache, in
// node_modules/.cache/credit-test): a second run re-checks what changed and what depends on it. A fresh clone
// (CI) checks everything; the verdict is the same either way.
const CACHE = join(ROOT, "node_modules", ".cache", "credit-test");
mkdirSync(CACHE, { recursive: true });

// @swc/jest only strips types; this keeps `npm test` (and so CI) failing on type errors in src/test/scripts/bench.
it("tsc --noEmit -p tsconfig.json reports no type errors", () => {
  const run = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "--noEmit", "-p", "tsconfig.json", "--incremental", "--tsBuildInfoFile", join(CACHE, "tsconfig.tsbuildinfo")], {
    cwd: ROOT,
    encoding: "utf8",
  });
  expect({ status: run.status, errors: run.stdout.trim() }).toEqual({ status: 0, errors: "" });
}, 180_000);

// `npm run lint` is not run by CI on its own: keep it clean through `npm test`.
it("eslint reports no problems", () => {
  const run = spawnSync(
    process.execPath,
    [join(ROOT, "node_modules", "eslint", "bin", "eslint.js"), "--cache", "--cache-strategy", "content", "--cache-location", join(CACHE, "eslintcache"), "src", "test", "scripts", "bench"],
    { cwd: ROOT, encoding: "utf8" },
  );
  expect({ status: run.status, problems: run.stdout.trim() }).toEqual({ status: 0, problems: "" });
}, 180_000);
