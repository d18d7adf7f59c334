// The ExcelJS full-model reader this project used before src/read/, kept only as the
// oracle of the property test (test/xlsx/reader.property.test.ts) and as the bench baseline: the same
// CR_* names → cells from ExcelJS's model. Not used by the add-in or the command line.
import ExcelJS from "exceljs";
import type { NamedCell, SheetCells } from "../../src/review/types";
import { WorkbookReadError, xlsxBytes, type WorkbookRead } from "../../src/read/index";

/** ExcelJS cell value → plain value: formula results, rich text and hyperlinks flattened. */
function plain(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  if (typeof v === "object") {
    if ("formula" in v || "sharedFormula" in v) {
      const r = (v as ExcelJS.CellFormulaValue).result;
      return r === undefined ? null : plain(r as ExcelJS.CellValue);
    }
    if ("richText" in v) return (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join("");
    if ("text" in v) return (v as ExcelJS.CellHyperlinkValue).text;
    if ("error" in v) return v;
  }
  return v;
}

function formulaOf(cell: ExcelJS.Cell): string | undefined {
  const v = cell.value;
  if (v && typeof v === "object" && ("formula" in v || "sharedFormula" in v)) return cell.formula || (v as { sharedFormula?: string }).sharedFormula || "";
  return undefined;
}

const REF = /^(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Z]{1,3})\$?(\d+)(?::\$?[A-Z]{1,3}\$?\d+)?$/;

/** Template sheets of a loaded workbook by their CR_* names (workbook- or sheet-level, several sheets). */
export function sheetCellsOf(wb: ExcelJS.Workbook): WorkbookRead {
  const bySheet = new Map<string, Map<string, NamedCell>>();
  for (const { name, ranges } of wb.definedNames.model as { name: string; ranges: string[] }[]) {
    if (!name.startsWith("CR_")) continue;
    for (const range of ranges) {
      const m = REF.exec(range);
      if (!m) continue; // a #REF! name (deleted rows) is dropped by ExcelJS: reported as a missing name
      const sheetName = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
      const ws = wb.getWorksheet(sheetName);
      if (!ws) continue;
      const address = `${m[3]}${m[4]}`;
      const cell = ws.getCell(address);
      const formula = formulaOf(cell);
      const locked = cell.protection?.locked;
      let map = bySheet.get(ws.name);
      if (!map) bySheet.set(ws.name, (map = new Map()));
      // For formulas ask cell.result: ExcelJS's value object drops a cached 0.
      const value = formula !== undefined ? plain((cell.result ?? null) as ExcelJS.CellValue) : plain(cell.value);
      map.set(name, { address, value, formula, locked: locked === undefined ? true : locked !== false });
    }
  }
  const sheetNames = wb.worksheets.map((w) => w.name);
  const sheets: SheetCells[] = [];
  for (const ws of wb.worksheets) {
    const map = bySheet.get(ws.name);
    if (map) sheets.push({ sheet: ws.name, protected: !!(ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet, names: map });
  }
  return { sheets, sheetNames };
}

async function loadWorkbook(data: Uint8Array | ArrayBuffer): Promise<ExcelJS.Workbook> {
  const bytes = xlsxBytes(data);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch (e) {
    throw new WorkbookReadError(`文件已损坏或不是有效的 xlsx 工作簿（${e instanceof Error ? e.message.slice(0, 80) : String(e)}）`);
  }
  return wb;
}

export async function readWorkbookData(data: Uint8Array | ArrayBuffer): Promise<WorkbookRead> {
  return sheetCellsOf(await loadWorkbook(data));
}
