// ExcelJS writer of a SheetDoc (src/layout/sheetDoc.ts): the 平台数据 sheet, the template's 双公示台账, the 及时率
// result. Thin: every decision is in the document; this only translates it, with the template writer's
// styles and validations (one <dataValidation> per run of cells, working around ExcelJS's optimiser).
import ExcelJS from "exceljs";
import { a1, type SheetDoc } from "../layout/sheetDoc";
import type { LayoutValidation } from "../layout/template/types";
import { excelStyle } from "./cellStyle";
import { addValidations, fileFormula, newWorkbook } from "./writeTemplate";

/** Adds the document as a new sheet of the workbook. */
export async function addSheetDoc(wb: ExcelJS.Workbook, doc: SheetDoc): Promise<ExcelJS.Worksheet> {
  const p = doc.print;
  const ws = wb.addWorksheet(doc.name, {
    views: doc.freeze ? [{ state: "frozen", xSplit: doc.freeze.cols, ySplit: doc.freeze.rows, topLeftCell: a1(doc.freeze.rows, doc.freeze.cols) }] : undefined,
    properties: doc.tabColor ? { tabColor: { argb: `FF${doc.tabColor}` } } : undefined,
    pageSetup: {
      paperSize: 9,
      orientation: p.orientation,
      ...(p.fit ? { fitToPage: true, fitToWidth: p.fit.width, fitToHeight: p.fit.height } : { fitToPage: false, scale: p.scale ?? 100 }),
      printTitlesRow: p.titleRows ? `${p.titleRows[0] + 1}:${p.titleRows[1] + 1}` : undefined,
      printTitlesColumn: p.titleCols ? `${a1(0, p.titleCols[0]).replace(/\d+$/, "")}:${a1(0, p.titleCols[1]).replace(/\d+$/, "")}` : undefined,
      printArea: `A1:${a1(p.lastRow, p.lastCol ?? doc.width - 1)}`,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddHeader: p.header ? `&C${p.header.replace(/&/g, "&&")}` : undefined, oddFooter: p.footer ? `&C${p.footer}` : undefined },
  });
  doc.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const c of doc.hiddenColumns) ws.getColumn(c + 1).hidden = true;
  for (const r of doc.hiddenRows) ws.getRow(r + 1).hidden = true;
  for (const [r, h] of doc.heights) ws.getRow(r + 1).height = h;
  doc.rows.forEach((row, r) =>
    row.forEach((c, k) => {
      if (!c) return;
      const cell = ws.getCell(r + 1, k + 1);
      if (c.f !== undefined) cell.value = { formula: fileFormula(c.f), result: (c.cached ?? "") as ExcelJS.CellFormulaValue["result"] } as ExcelJS.CellFormulaValue;
      else if (c.v !== undefined && c.v !== null) cell.value = c.v;
      const { font, fill, alignment, border } = excelStyle(doc.styles[c.s] ?? {});
      cell.font = font!;
      if (fill) cell.fill = fill;
      cell.alignment = alignment!;
      if (border) cell.border = border;
      if (c.numFmt) cell.numFmt = c.numFmt;
      if (c.locked === false || doc.protect) cell.protection = { locked: c.locked !== false };
    }),
  );
  for (const m of doc.merges) ws.mergeCells(m.r1 + 1, m.c1 + 1, m.r2 + 1, m.c2 + 1);
  const perCell: LayoutValidation[] = [];
  for (const v of doc.validations) {
    const { r1, c1, r2, c2, ...rule } = v;
    for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) perCell.push({ ...rule, address: a1(r, c) });
  }
  addValidations(ws, perCell);
  if (doc.autoFilter) {
    const f = doc.autoFilter;
    ws.autoFilter = { from: { row: f.r1 + 1, column: f.c1 + 1 }, to: { row: f.r2 + 1, column: f.c2 + 1 } };
  }
  if (doc.protect) await ws.protect("", { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  return ws;
}

/** A workbook of the given documents, as bytes, free of Node (the command line writes them: src/xlsx/writeFiles.ts). */
export async function sheetDocsBytes(docs: readonly SheetDoc[]): Promise<Uint8Array> {
  const wb = newWorkbook();
  for (const d of docs) await addSheetDoc(wb, d);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The same as a Node Buffer. */
export async function sheetDocsToBuffer(docs: readonly SheetDoc[]): Promise<Buffer> {
  const bytes = await sheetDocsBytes(docs);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
