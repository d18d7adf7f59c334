// Reads a template workbook back by its defined names (never by coordinates): the CR_* name → value map
// that regeneration and imports start from.
import ExcelJS from "exceljs";

export type NamedValues = Map<string, unknown>;

/** Plain value of an ExcelJS cell: formula results, rich text and dates flattened. */
export function plainValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  if (typeof v === "object") {
    if ("formula" in v || "sharedFormula" in v) return plainValue((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ("richText" in v) return (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join("");
    if ("text" in v) return (v as ExcelJS.CellHyperlinkValue).text;
    if ("error" in v) return v;
  }
  return v;
}

/** The single-cell CR_* names of a workbook and their cells' values. */
export function readNamedValues(wb: ExcelJS.Workbook): NamedValues {
  const out: NamedValues = new Map();
  for (const { name, ranges } of wb.definedNames.model as { name: string; ranges: string[] }[]) {
    if (!name.startsWith("CR_") || ranges.length !== 1) continue;
    const m = /^'?(.*?)'?!\$?([A-Z]+)\$?(\d+)$/.exec(ranges[0]);
    if (!m) continue;
    const ws = wb.getWorksheet(m[1].replace(/''/g, "'"));
    if (!ws) continue;
    out.set(name, plainValue(ws.getCell(`${m[2]}${m[3]}`).value));
  }
  return out;
}

export async function readNamedValuesFromFile(path: string): Promise<NamedValues> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return readNamedValues(wb);
}
