// xlsx writer of a template layout (ExcelJS): for the command line, the workbench page and tests; free of Node
// (files are written by src/xlsx/writeFiles.ts). Thin: every decision is in
// the layout; this only translates it to ExcelJS calls.
import ExcelJS from "exceljs";
import { excelStyle } from "./cellStyle";
import type { TemplateLayout } from "../layout/template/types";
import { addSheetDoc } from "./writeSheetDoc";
import { absoluteRef, addValidations, fileFormula, newWorkbook, printAreaRange } from "./workbookParts";

export { absoluteRef, addValidationRange, addValidations, fileFormula, layoutFormula, newWorkbook } from "./workbookParts";

/** Adds one unit's template sheet to a workbook, with its defined names (workbook-level: one unit per file). */
export async function addTemplateSheet(wb: ExcelJS.Workbook, layout: TemplateLayout): Promise<ExcelJS.Worksheet> {
  const p = layout.print;
  const ws = wb.addWorksheet(layout.sheetName, {
    views: [{ state: "frozen", xSplit: 0, ySplit: layout.frozenRows, topLeftCell: `A${layout.frozenRows + 1}` }],
    pageSetup: {
      paperSize: 9,
      orientation: p.orientation,
      fitToPage: true,
      fitToWidth: p.fitToWidth,
      fitToHeight: p.fitToHeight,
      printTitlesRow: p.titleRows,
      printArea: printAreaRange(p.area),
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddHeader: `&C${p.header.replace(/&/g, "&&")}`, oddFooter: `&C${p.footer}` },
  });
  layout.widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  for (const c of layout.hiddenColumns) ws.getColumn(c).hidden = true;
  for (const [r, h] of Object.entries(layout.rowHeights)) ws.getRow(Number(r)).height = h;

  for (const c of layout.cells) {
    const cell = ws.getCell(c.address);
    if (c.formula !== undefined) {
      cell.value = { formula: fileFormula(c.formula), result: (c.cached ?? "") as ExcelJS.CellFormulaValue["result"] } as ExcelJS.CellFormulaValue;
    } else if (c.value !== undefined && c.value !== null) {
      cell.value = c.value;
    }
    const { font, fill, alignment, border } = excelStyle(layout.styles[c.style]);
    cell.font = font!;
    if (fill) cell.fill = fill;
    cell.alignment = alignment!;
    if (border) cell.border = border;
    if (c.numFmt) cell.numFmt = c.numFmt;
    cell.protection = { locked: c.locked };
  }
  for (const m of layout.merges) ws.mergeCells(m);
  for (const r of p.rowBreaks) ws.getRow(r).addPageBreak();
  addValidations(ws, layout.validations);
  for (const n of layout.names) wb.definedNames.add(absoluteRef(layout.sheetName, n.address), n.name);
  await ws.protect(layout.protection.password ?? "", {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
  });
  return ws;
}


/** One unit's template as xlsx bytes, free of Node: the command line writes them to a file, the workbench page offers them. */
export async function templateBytes(layout: TemplateLayout): Promise<Uint8Array> {
  const wb = newWorkbook();
  await addTemplateSheet(wb, layout);
  if (layout.ledger) {
    await addSheetDoc(wb, layout.ledger);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** One unit's template as an xlsx buffer (Node: usable by fs and by ExcelJS's load(), whose typings differ). */
export async function templateToBuffer(layout: TemplateLayout): Promise<Buffer & ExcelJS.Buffer> {
  const bytes = await templateBytes(layout);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as Buffer & ExcelJS.Buffer;
}
