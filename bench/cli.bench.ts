// The command line as users start it (npm run cli → node scripts/cli.cjs): start-up and one `check` as whole
// processes, beside a bare `node -e 0` and beside the work the check does (the same check in this process), and
// the old way through tsx for comparison. Runs interleaved (one of each in turn), medians; the ratios to the bare
// node start are what to compare across machines (target: a command within about 6× a bare start).
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../src/cli/run";
import { ROOT } from "../test/helpers/paths";
import { returnedFile } from "../test/review/helpers";

const RUNS = 7;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function wall(cmd: string, args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: "ignore" });
  if (r.error) throw r.error;
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** The check in this process, its output thrown away: the work a `check` process does after starting. */
async function inProcess(file: string): Promise<number> {
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    const t0 = process.hrtime.bigint();
    const code = await runCli(["check", file, "--year", "2022"]);
    if (code !== 0) throw new Error(`check exit ${code}`);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  } finally {
    process.stdout.write = write;
  }
}

export async function run(): Promise<void> {
  const file = join(mkdtempSync(join(tmpdir(), "credit-bench-cli-")), "兴山区-2022-县区.xlsx");
  writeFileSync(file, await returnedFile("兴山区", "county"));
  const cli = join(ROOT, "scripts", "cli.cjs");
  const tsx = join(ROOT, "node_modules", ".bin", "tsx");
  const kinds = {
    "node -e 0 (a bare start)": () => wall(process.execPath, ["-e", "0"]),
    "cli start-up (no command: usage, every command loaded)": () => wall(process.execPath, [cli]),
    "cli check of one returned file": () => wall(process.execPath, [cli, "check", file, "--year", "2022"]),
    "the same check through tsx (before)": () => wall(tsx, [join(ROOT, "src", "cli", "main.ts"), "check", file, "--year", "2022"]),
  };
  wall(process.execPath, [cli]); // built once if the sources changed, not timed
  await inProcess(file); // warm: modules loaded
  const times = new Map<string, number[]>(Object.keys(kinds).map((k) => [k, []]));
  const work: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    for (const [k, f] of Object.entries(kinds)) times.get(k)!.push(f());
    work.push(await inProcess(file));
  }
  const bare = median(times.get("node -e 0 (a bare start)")!);
  for (const [k, xs] of times) console.log(`${k.padEnd(56)} ${median(xs).toFixed(0).padStart(6)} ms  ${(median(xs) / bare).toFixed(1).padStart(5)}× bare node`);
  console.log(`${"the check's own work (in this process)".padEnd(56)} ${median(work).toFixed(0).padStart(6)} ms  ${(median(work) / bare).toFixed(1).padStart(5)}× bare node`);
  console.log(`(medians of ${RUNS} interleaved runs; a command's start-up is its whole time less its own work)`);
}
