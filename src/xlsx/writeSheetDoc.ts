// ExcelJS writer of a SheetDoc (src/layout/sheetDoc.ts): the 平台数据 sheet, the template's 双公示台账, the 及时率
// result. Thin: every decision is in the document; this only translates it, with the template writer's
// styles and validations (one <dataValidation> per run of cells, working around ExcelJS's optimiser).
import ExcelJS from "exceljs";
import { a1, type DocCell, type DocValidation, type SheetDoc } from "../layout/sheetDoc";
import { colLetter } from "../core/a1";
import { excelStyle } from "./cellStyle";
import { completeWorkbook, directlyWritable, skeletonOf } from "./sheetDocXml";
import { addValidationRange, fileFormula, newWorkbook } from "./workbookParts";

/**
 * The document's validations, one <dataValidation> per column run of one rule — what writeTemplate's
 * addValidations makes of the same cells one by one, without a model per cell (20,000 rows of a 核定表): the
 * rectangles of a rule are cut into columns, and touching or overlapping runs of a column joined, so every
 * cell carries its rule once (ExcelJS's optimiser would otherwise extend one run over another: see there).
 */
function addValidationRuns(ws: ExcelJS.Worksheet, validations: readonly DocValidation[]): void {
  const byRule = new Map<string, { rule: Omit<DocValidation, "r1" | "c1" | "r2" | "c2">; runs: Map<number, [number, number][]> }>();
  for (const v of validations) {
    const { r1, c1, r2, c2, ...rule } = v;
    const key = JSON.stringify(rule);
    let g = byRule.get(key);
    if (!g) byRule.set(key, (g = { rule, runs: new Map() }));
    for (let c = c1; c <= c2; c++) {
      const runs = g.runs.get(c) ?? [];
      runs.push([r1, r2]);
      g.runs.set(c, runs);
    }
  }
  for (const { rule, runs } of byRule.values()) {
    for (const [c, list] of runs) {
      list.sort((a, b) => a[0] - b[0]);
      const col = colLetter(c + 1);
      for (let i = 0; i < list.length; ) {
        const from = list[i][0];
        let to = list[i][1];
        let j = i + 1;
        for (; j < list.length && list[j][0] <= to + 1; j++) to = Math.max(to, list[j][1]);
        addValidationRange(ws, to > from ? `${col}${from + 1}:${col}${to + 1}` : `${col}${from + 1}`, { ...rule, address: "" });
        i = j;
      }
    }
  }
}

/** The key of a cell's shared ExcelJS style object (addSheetDoc): one per style-table entry, number format, lock, date or not. */
export function styleKey(doc: SheetDoc, c: DocCell): string {
  const isDate = c.f === undefined && (c.v as unknown) instanceof Date;
  return `${c.s}\u0000${c.numFmt ?? ""}\u0000${c.locked === false ? 0 : doc.protect ? 1 : ""}\u0000${isDate ? 1 : 0}`;
}

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
  // One ExcelJS style object per (style-table entry, number format, lock, date or not), shared by every cell that
  // has it: ExcelJS's style manager renders a style to XML to find its id unless it has seen the very object
  // (xlsx/xform/style/styles-xform.js addStyleModel, a WeakMap) — per-cell objects cost a render each. Only a
  // date cell gets another id for the same object (ExcelJS gives an unformatted date a date format).
  const shared = new Map<string, Partial<ExcelJS.Style>>();
  const styleOf = (c: DocCell): Partial<ExcelJS.Style> => {
    const key = styleKey(doc, c);
    let style = shared.get(key);
    if (!style) {
      const { font, fill, alignment, border } = excelStyle(doc.styles[c.s] ?? {});
      style = { font, alignment };
      if (fill) style.fill = fill;
      if (border) style.border = border;
      if (c.numFmt) style.numFmt = c.numFmt;
      if (c.locked === false || doc.protect) style.protection = { locked: c.locked !== false };
      shared.set(key, Object.freeze(style));
    }
    return style;
  };
  // Columns of one formula filled down (SheetDoc.filledDown): stored as one shared formula each, below.
  const filled = new Set<string>();
  for (const d of doc.filledDown ?? []) for (let r = d.r1; r <= d.r2; r++) filled.add(`${r}:${d.c}`);
  doc.rows.forEach((row, r) => {
    const wsRow = ws.getRow(r + 1);
    row.forEach((c, k) => {
      if (!c) return;
      const cell = wsRow.getCell(k + 1);
      if (c.f !== undefined && filled.has(`${r}:${k}`)) {
        // written below as one shared formula
      } else if (c.f !== undefined) cell.value = { formula: fileFormula(c.f), result: (c.cached ?? "") as ExcelJS.CellFormulaValue["result"] } as ExcelJS.CellFormulaValue;
      else if (c.v !== undefined && c.v !== null) cell.value = c.v;
      cell.style = styleOf(c);
    });
  });
  for (const d of doc.filledDown ?? []) {
    const master = doc.rows[d.r1]?.[d.c]?.f;
    if (master === undefined) continue;
    ws.fillFormula(`${a1(d.r1, d.c)}:${a1(d.r2, d.c)}`, fileFormula(master), (row: number) => {
      const v = doc.rows[row - 1]?.[d.c]?.cached;
      return typeof v === "number" || typeof v === "string" ? v : "";
    });
  }
  for (const m of doc.merges) ws.mergeCells(m.r1 + 1, m.c1 + 1, m.r2 + 1, m.c2 + 1);
  addValidationRuns(ws, doc.validations);
  if (doc.autoFilter) {
    const f = doc.autoFilter;
    ws.autoFilter = { from: { row: f.r1 + 1, column: f.c1 + 1 }, to: { row: f.r2 + 1, column: f.c2 + 1 } };
  }
  if (doc.protect) await ws.protect("", { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  return ws;
}

/**
 * A workbook of the given documents, as bytes, free of Node (the command line writes them: src/xlsx/writeFiles.ts).
 * Documents of constants (the 核定表, 平台数据…) have their cells written directly (sheetDocXml.ts: ExcelJS's own
 * XML, a tenth of its time); others through ExcelJS alone (sheetDocsBytesExcelJS).
 */
export async function sheetDocsBytes(docs: readonly SheetDoc[]): Promise<Uint8Array> {
  if (!docs.length || !docs.every(directlyWritable)) return sheetDocsBytesExcelJS(docs);
  const { skeletons, firstOfKey } = skeletonOf(docs, styleKey);
  const wb = newWorkbook();
  for (const d of skeletons) await addSheetDoc(wb, d);
  const skeleton = new Uint8Array(await wb.xlsx.writeBuffer({ zip: { compression: "STORE" } }));
  return completeWorkbook(skeleton, docs, styleKey, firstOfKey);
}

/** The same workbook written by ExcelJS alone: for documents with formulas or dates, and the tests' reference. */
export async function sheetDocsBytesExcelJS(docs: readonly SheetDoc[]): Promise<Uint8Array> {
  const wb = newWorkbook();
  for (const d of docs) await addSheetDoc(wb, d);
  // Deflate's fastest level: a 20,000-row 核定表 compresses in a third of the default's time, 1.5 MB instead of
  // 1.1 MB; the parts inside are the same bytes.
  return new Uint8Array(await wb.xlsx.writeBuffer({ zip: { compression: "DEFLATE", compressionOptions: { level: 1 } } }));
}

/** The same as a Node Buffer. */
export async function sheetDocsToBuffer(docs: readonly SheetDoc[]): Promise<Buffer> {
  const bytes = await sheetDocsBytes(docs);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
