// ExcelJS leaves a formula's cached result of 0 out of cell.value ({formula} with no result): the reader
// must take cell.result, or every non-deducting clause would read as blank ("not recalculated").
import ExcelJS from "exceljs";
import { names } from "../../src/core/names";
import { readWorkbookData } from "../../src/read/index";
import { reviewUnit } from "../../src/review/unit";
import { returnedFile } from "./helpers";

test("a cached 0 of a formula is read as 0, and the saved figure is compared with the recomputed one", async () => {
  const buf = await returnedFile("兴山区", "county", {
    edit: (wb) => {
      // the saved score says 0 although the recomputed score is 100: must be flagged, not skipped as blank
      const entry = (wb.definedNames.model as { name: string; ranges: string[] }[]).find((n) => n.name === names.score)!;
      const m = /!\$?([A-Z]+)\$?(\d+)$/.exec(entry.ranges[0])!;
      const cell = wb.worksheets[0].getCell(`${m[1]}${m[2]}`);
      cell.value = { formula: (cell.value as ExcelJS.CellFormulaValue).formula, result: 0 } as ExcelJS.CellFormulaValue;
    },
  });
  // the raw ExcelJS behaviour this guards against
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as never);
  const [cells] = (await readWorkbookData(buf)).sheets;
  const ded = cells.names.get(names.deduction("county.1.1.1"))!;
  expect(ded.formula).toBeTruthy();
  expect(wb.worksheets[0].getCell(ded.address).value).not.toHaveProperty("result"); // ExcelJS drops it …
  expect(ded.value).toBe(0); // … the reader does not
  expect(cells.names.get(names.score)!.value).toBe(0);
  const r = reviewUnit(cells, { year: 2022 });
  expect(r.problems).toContainEqual(expect.objectContaining({ kind: "篡改", message: expect.stringContaining("文件中保存的得分为 0，按填报数据重新计算为 100") }));
});
