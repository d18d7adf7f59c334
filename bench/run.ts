// npm run bench: runs every bench/*.bench.ts in turn. Each prints its own figures; timings are only
// compared as ratios within one run (the machines are shared and noisy).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const dir = __dirname;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".bench.ts"))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  for (const f of files) {
    console.log(`\n=== ${f} ===`);
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as { run?: () => Promise<void> | void; default?: { run?: () => Promise<void> | void } };
    const run = mod.run ?? mod.default?.run;
    if (!run) throw new Error(`${f} does not export run()`);
    await run();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
