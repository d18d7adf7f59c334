// 汇总 from returned files: 60 workbooks (a city; target < 3 s) and 1,000 (a province), time and memory.
// The files are made once per run from the template writer with varied answers (not timed).
import ExcelJS from "exceljs";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getCatalog, indexOf } from "../src/core/index";
import { names } from "../src/layout/names";
import { buildTemplateLayout } from "../src/layout/template";
import { templateToBuffer } from "../src/xlsx/writeTemplate";
import { summarizeFiles } from "../src/xlsx/summarizeFiles";
import { summaryWorkbook } from "../src/xlsx/writeSummary";
import { PERFECT } from "../test/fixtures/answers";

async function corpus(n: number, dir: string): Promise<{ files: string[]; units: string[] }> {
  const catalog = getCatalog(2022, "department");
  const blank = await templateToBuffer(buildTemplateLayout(catalog, { name: "模板" }, { variant: "addin" }));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(blank as never);
  const model = wb.definedNames.model as { name: string; ranges: string[] }[];
  const cell = (name: string) => {
    const m = /!\$?([A-Z]+)\$?(\d+)$/.exec(model.find((x) => x.name === name)!.ranges[0])!;
    return wb.worksheets[0].getCell(`${m[1]}${m[2]}`);
  };
  for (const spec of indexOf(catalog).inputs) cell(names.input(spec.id)).value = (PERFECT.department[spec.id] ?? null) as ExcelJS.CellValue;
  for (const id of indexOf(catalog).clauses.keys()) cell(names.evidence(id)).value = "已附";
  const files: string[] = [];
  const units: string[] = [];
  for (let i = 0; i < n; i++) {
    const unit = `部门${String(i + 1).padStart(4, "0")}`;
    cell(names.unit).value = unit;
    cell(names.input("sevenIntoKinds")).value = i % 5; // varied scores
    const f = join(dir, `${unit}.xlsx`);
    writeFileSync(f, Buffer.from(await wb.xlsx.writeBuffer()));
    files.push(f);
    units.push(unit);
  }
  return { files, units };
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "credit-bench-"));
  for (const n of [60, 1000]) {
    const { files, units } = await corpus(n, dir);
    global.gc?.();
    const before = process.memoryUsage();
    const t0 = process.hrtime.bigint();
    const { data } = await summarizeFiles(files, { expected: { county: [], department: units } });
    const t1 = process.hrtime.bigint();
    const wb = await summaryWorkbook(data);
    await wb.xlsx.writeBuffer();
    const t2 = process.hrtime.bigint();
    const after = process.memoryUsage();
    const ms = (a: bigint, b: bigint) => Number(b - a) / 1e6;
    const mb = (x: number) => (x / 1048576).toFixed(1);
    console.log(
      `${String(n).padStart(5)} workbooks: read+review ${ms(t0, t1).toFixed(0)} ms (${(ms(t0, t1) / n).toFixed(1)} ms/file), 汇总 xlsx ${ms(t1, t2).toFixed(0)} ms, ` +
        `total ${(ms(t0, t2) / 1000).toFixed(2)} s${n === 60 ? ` (target < 3 s)` : ""}; heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)} MB, rss ${mb(before.rss)} → ${mb(after.rss)} MB; ` +
        `ranked ${data.tables.department.rows.filter((r) => r.rank !== undefined).length}`,
    );
  }
}
