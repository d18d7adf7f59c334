// A 平台数据 file (`platform --kind … --out`) filled as an office fills it: figures typed or pasted by the
// heading of their column (row 4, the catalog's label), on the row of a unit (column B), saved in place.
import ExcelJS from "exceljs";
import { readFileSync, writeFileSync } from "node:fs";

export interface PlatformEditor {
  ws: ExcelJS.Worksheet;
  /** The column whose heading starts with `heading` (1-based); throws when there is none. */
  col(heading: string): number;
  /** The row of a unit (its name trimmed, 1-based); throws when there is none. */
  rowOf(unit: string): number;
  /** Typed values by heading on a unit's row, and its 调阅日期. */
  put(unit: string, values: Record<string, unknown>, date?: string): void;
}

export async function editPlatformFile(file: string, edit: (e: PlatformEditor) => void): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as never);
  const ws = wb.worksheets[0];
  const col = (heading: string) => {
    let found = 0;
    ws.getRow(4).eachCell((c, n) => {
      if (String(c.value).startsWith(heading)) found = n;
    });
    if (!found) throw new Error(heading);
    return found;
  };
  const rowOf = (unit: string) => {
    for (let r = 5; r < 60; r++) if (String(ws.getCell(r, 2).value).trim() === unit) return r;
    throw new Error(unit);
  };
  const put = (unit: string, values: Record<string, unknown>, date?: string) => {
    const r = rowOf(unit);
    for (const [h, v] of Object.entries(values)) ws.getCell(r, col(h)).value = v as ExcelJS.CellValue;
    if (date) ws.getCell(r, col("调阅日期")).value = date;
  };
  edit({ ws, col, rowOf, put });
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
}
