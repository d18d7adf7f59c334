import { spawnSync } from "node:child_process";
import { ROOT } from "./helpers/paths";

// @swc/jest only strips types; this keeps `npm test` (and so CI) failing on type errors in src/test/scripts/bench.
it("tsc --noEmit -p tsconfig.json reports no type errors", () => {
  const run = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "--noEmit", "-p", "tsconfig.json"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  expect({ status: run.status, errors: run.stdout.trim() }).toEqual({ status: 0, errors: "" });
}, 180_000);
