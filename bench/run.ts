// npm run bench [name…]: runs every bench/*.bench.ts (or those whose names contain an argument).
// Each bench is bundled with esbuild first, as webpack bundles the add-in, so the figures are those
// of shipped code and not of tsx's on-the-fly transform (which measured ~2× slower here).
// Each prints its own figures; timings are only compared as ratios within one run (machines are shared).
import { build } from "esbuild";
import { readdirSync } from "node:fs";
import { join } from "node:path";

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const dir = __dirname;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".bench.ts"))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  for (const f of files) {
    console.log(`\n=== ${f} ===`);
    // Beside its source, so that __dirname means what the bench's author meant.
    const outfile = join(dir, `.${f.replace(/\.ts$/, ".cjs")}`);
    await build({
      entryPoints: [join(dir, f)],
      bundle: true,
      platform: "node",
      target: "node20",
      format: "cjs",
      outfile,
      packages: "external",
      logLevel: "warning",
      loader: { ".txt": "text" },
    });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(outfile) as { run?: () => Promise<void> | void };
    if (!mod.run) throw new Error(`${f} does not export run()`);
    await mod.run();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
