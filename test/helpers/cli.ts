// The command line in tests.
// - cli(…): in this process — runCli(argv) (what src/cli/main.ts runs) with process.stdout and process.stderr
//   captured: the same output and exit code as `npm run cli -- …`, without starting a process per case.
// - cliProcess(…): the real program, `node scripts/cli.cjs …` (what `npm run cli` runs), for the tests whose
//   subject IS the process: its exit status, its two streams, a kill in the middle of a write.
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from "node:child_process";
import { join } from "node:path";
import { runCli } from "../../src/cli/run";
import { ROOT } from "./paths";

export interface CliResult {
  code: number | null;
  out: string;
  err: string;
}

export const CLI_SCRIPT = join(ROOT, "scripts", "cli.cjs");

let queue: Promise<unknown> = Promise.resolve();

/** Runs one command in-process; calls are queued, so two never share the captured streams. */
export function cli(...args: string[]): Promise<CliResult> {
  const run = queue.then(() => capture(args));
  queue = run.catch(() => undefined);
  return run;
}

async function capture(args: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const grab =
    (into: string[]) =>
    (chunk: string | Uint8Array, encoding?: BufferEncoding | ((e?: Error | null) => void), done?: (e?: Error | null) => void): boolean => {
      into.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      (typeof encoding === "function" ? encoding : done)?.();
      return true;
    };
  const stdout = process.stdout.write;
  const stderr = process.stderr.write;
  process.stdout.write = grab(out) as typeof process.stdout.write;
  process.stderr.write = grab(err) as typeof process.stderr.write;
  let code: number;
  try {
    code = await runCli(args);
  } finally {
    process.stdout.write = stdout;
    process.stderr.write = stderr;
  }
  return { code, out: out.join(""), err: err.join("") };
}

/** The real program as a child process (synchronous): exit status and both streams. */
export function cliProcess(...args: string[]): CliResult {
  const r = spawnSync(process.execPath, [CLI_SCRIPT, ...args], { cwd: ROOT, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The real program started asynchronously, e.g. to be killed mid-write. */
export function spawnCli(args: string[], options: SpawnOptions = {}): ChildProcess {
  return spawn(process.execPath, [CLI_SCRIPT, ...args], { cwd: ROOT, ...options });
}
