// Command line: npm run cli -- <command> [options]. Each command lives in src/cli/commands/<name>.ts and is
// registered in src/cli/commands/index.ts. `npm run cli` runs this file built to JavaScript
// (scripts/cli.cjs builds it when the sources changed); `tsx src/cli/main.ts` runs it from source.
import { runCli } from "./run";

void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
