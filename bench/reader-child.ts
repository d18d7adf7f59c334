// Child process of bench/reader.bench.ts: reads files with one reader and reports its time and the
// process's peak RSS (each measurement in a fresh process, so one file's peak is not another's).
// argv: mode ("bounded" | "exceljs"), then file paths.
import { readFileSync } from "node:fs";
import { readWorkbookBytes } from "../src/xlsx/readWorkbook";
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
  process.stdout.write(JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024, outcome }));
}

void main();
