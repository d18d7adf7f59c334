// Child process of bench/reader.bench.ts: reads files with one reader and reports its time and the
// process's peak RSS (each measurement in a fresh process, so one file's peak is not another's).
// argv: mode ("bounded" | "exceljs"), then file paths.
import { readFileSync } from "node:fs";
import { readWorkbookBytes } from "../src/read/index";
import { readWorkbookData as readWithExcelJs } from "../test/helpers/excelJsReader";

async function main(): Promise<void> {
  const [mode, ...files] = process.argv.slice(2);
  const t0 = process.hrtime.bigint();
  let outcome = "read";
  for (const f of files) {
    try {
      if (mode === "exceljs") await readWithExcelJs(readFileSync(f));
      else readWorkbookBytes(readFileSync(f));
    } catch (e) {
      outcome = `refused: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  process.stdout.write(JSON.stringify({ ms, maxRssMB: peakMB(), outcome }));
}

/**
 * This process's own peak RSS. Not resourceUsage().maxRSS: on Linux that keeps, across exec, the high-water
 * mark of the forked copy of the parent (the bench, holding 1,000 files and the hostile ones), so every
 * child read as big as the bench had grown. /proc/self/status VmHWM is the peak of this program's memory.
 */
function peakMB(): number {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) return Number(m[1]) / 1024;
  } catch {
    /* not Linux */
  }
  return process.resourceUsage().maxRSS / 1024;
}

void main();
