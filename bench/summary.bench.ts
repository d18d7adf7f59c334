// 汇总 from returned files: 60 workbooks (a city) and 1,000 (target < 3 s for the whole summary), time and
// memory; then the ranking alone for 20,000 units (O(n log n): the time per unit barely grows with n).
// The files are made once per run from the template writer with varied answers (not timed).
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { summarize } from "../src/review/summary";
import { sheetNameOf } from "../src/core/fileNames";
import type { UnitReview } from "../src/review/types";
import { reviewUnit } from "../src/review/unit";
import { auditTime } from "../src/review/verification";
import { readWorkbookBytes } from "../src/read/index";
import { summarizeFiles } from "../src/xlsx/summarizeFiles";
import { summaryFile } from "../src/xlsx/writeSummary";
import { corpus } from "./corpus";

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "credit-bench-"));
  for (const n of [60, 1000]) {
    const { files, units } = await corpus(n, dir);
    global.gc?.();
    const before = process.memoryUsage();
    const t0 = process.hrtime.bigint();
    const { data } = await summarizeFiles(files, { expected: { county: [], department: units } });
    const t1 = process.hrtime.bigint();
    await summaryFile(data);
    const t2 = process.hrtime.bigint();
    const after = process.memoryUsage();
    const ms = (a: bigint, b: bigint) => Number(b - a) / 1e6;
    const mb = (x: number) => (x / 1048576).toFixed(1);
    console.log(
      `${String(n).padStart(5)} workbooks: read+review ${ms(t0, t1).toFixed(0)} ms (${(ms(t0, t1) / n).toFixed(1)} ms/file), 汇总 xlsx ${ms(t1, t2).toFixed(0)} ms, ` +
        `total ${(ms(t0, t2) / 1000).toFixed(2)} s${n === 1000 ? ` (target < 3 s)` : ""}; heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)} MB, rss ${mb(before.rss)} → ${mb(after.rss)} MB; ` +
        `ranked ${data.tables.department.rows.filter((r) => r.rank !== undefined).length}`,
    );
  }
  await ranking(readFileSync(join(dir, "部门0001.xlsx")));
}

/** summarize() alone over n reviews cloned from one real review with spread scores (ties included). */
async function ranking(file: Buffer): Promise<void> {
  const base = reviewUnit(readWorkbookBytes(file).sheets[0], { year: 2022 });
  const perUnit: number[] = [];
  for (const n of [1000, 20_000]) {
    const units = Array.from({ length: n }, (_, i) => `部门${String(i + 1).padStart(5, "0")}`);
    const reviews: UnitReview[] = units.map((unit, i) => ({ ...base, unit, typedUnit: unit, sheet: sheetNameOf(unit), problems: [], final: { ...base.final!, score: 60 + ((i * 7919) % 4000) / 100 } }));
    const t0 = process.hrtime.bigint();
    const data = summarize(reviews, { year: 2022, expected: { county: [], department: units } }, auditTime);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    perUnit.push(ms / n);
    const rows = data.tables.department.rows;
    console.log(`ranking ${String(n).padStart(6)} units: summarize ${ms.toFixed(0)} ms (${((ms / n) * 1000).toFixed(1)} µs/unit); ranks 1…${rows[rows.length - 1].rank}, ${rows.filter((r, i) => i > 0 && r.rank === rows[i - 1].rank).length} shared`);
  }
  console.log(`  µs/unit at 20,000 ÷ at 1,000: ${(perUnit[1] / perUnit[0]).toFixed(2)} (O(n²) would be ~20)`);
}
