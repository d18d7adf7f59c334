// The benches' returned workbooks: one 市直部门 template from the template writer, filled by name like a unit
// fills it, saved n times with a different unit and varied answers (made once per run, not timed).
import ExcelJS from "exceljs";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { getCatalog, indexOf } from "../src/core/index";
import { names } from "../src/core/names";
import { buildTemplateLayout } from "../src/layout/template";
import { templateToBuffer } from "../src/xlsx/writeTemplate";
import { PERFECT } from "../test/fixtures/answers";
import { sheetNameOf } from "../src/core/fileNames";

export async function corpus(n: number, dir: string): Promise<{ files: string[]; units: string[] }> {
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
    // The sheet is named after its unit, as the template writer names it (identity checks sheet, name and file).
    const sheetName = sheetNameOf(unit);
    wb.definedNames.model = model.map((d) => ({ ...d, ranges: d.ranges.map((r) => r.replace(/^'?[^!]*'?!/, `'${sheetName}'!`)) }));
    wb.worksheets[0].name = sheetName;
    cell(names.input("sevenIntoKinds")).value = i % 5; // varied scores
    const f = join(dir, `${unit}.xlsx`);
    writeFileSync(f, Buffer.from(await wb.xlsx.writeBuffer()));
    files.push(f);
    units.push(unit);
  }
  return { files, units };
}
