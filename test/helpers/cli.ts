// Runs the command line as `npm run cli -- …` does (tsx src/cli/main.ts), capturing output and exit code.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./paths";

const tsx = join(ROOT, "node_modules", ".bin", "tsx");

export function cli(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(tsx, [join(ROOT, "src/cli/main.ts"), ...args], { cwd: ROOT, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
