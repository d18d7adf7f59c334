// Office.js writer of a SheetDoc (src/layout/sheetDoc.ts): the same document the command line writes with
// ExcelJS (src/xlsx/writeSheetDoc.ts), queued onto a worksheet without a sync — the caller syncs once.
// Thin: values and formulas in one grid (text written with the Text format first, so a name starting with
// "=" stays text), styles in one setCellProperties call, then merges, sizes, validations, freeze panes and
// print setup. Requirement sets newer than the manifest's are detected; what this Excel lacks is left out
// and named.
import { colLetter } from "../core/a1";
import { a1, rangeA1, type SheetDoc } from "../layout/sheetDoc";
import { cellProperties } from "./cellStyle";
import { TEXT_FORMAT, type Supports } from "./common";
import { rule } from "./templateWriter";

/** Column width in points of w characters (ECMA-376 Part 1, §18.3.1.13: w × 7 + 5 pixels, 0.75 pt each). */
const columnPoints = (w: number) => Math.round((w * 7 + 5) * 0.75 * 100) / 100;

/** The values/formulas grid and the number formats of the document's rectangle A1:(last row, width). */
export function docGrid(doc: SheetDoc): { formulas: (string | number | boolean)[][]; numberFormat: string[][] } {
  const n = doc.rows.length;
  const formulas = Array.from({ length: n }, () => Array<string | number | boolean>(doc.width).fill(""));
  const numberFormat = Array.from({ length: n }, () => Array<string>(doc.width).fill("General"));
  doc.rows.forEach((row, r) =>
    row.forEach((c, k) => {
      if (!c) return;
      formulas[r][k] = c.f !== undefined ? `=${c.f}` : (c.v ?? "");
      // Text is stored as text (Excel.Range.values: a value starting with "=" would become a formula).
      numberFormat[r][k] = c.f === undefined && typeof c.v === "string" ? TEXT_FORMAT : (c.numFmt ?? "General");
    }),
  );
  return { formulas, numberFormat };
}

/** Queues the whole document onto `ws` (no sync). Returns the features this Excel cannot write (Chinese). */
export function queueSheetDoc(ws: Excel.Worksheet, doc: SheetDoc, supports: Supports): string[] {
  const skipped: string[] = [];
  const n = doc.rows.length;
  const all = ws.getRange(`A1:${a1(n - 1, doc.width - 1)}`);
  const { formulas, numberFormat } = docGrid(doc);
  all.numberFormat = numberFormat;
  all.formulas = formulas;
  if (supports("ExcelApi", "1.9")) {
    const props: Excel.SettableCellProperties[][] = doc.rows.map((row) => Array.from({ length: doc.width }, (_, k) => (row[k] ? cellProperties(doc.styles[row[k]!.s] ?? {}, row[k]!.locked !== false) : {})));
    while (props.length < n) props.push(Array.from({ length: doc.width }, () => ({})));
    all.setCellProperties(props);
  } else {
    skipped.push("单元格样式（需要 ExcelApi 1.9）");
    doc.rows.forEach((row, r) =>
      row.forEach((c, k) => {
        if (!c || c.locked !== false) return;
        const range = ws.getRange(a1(r, k));
        range.format.protection.locked = false;
        const fill = doc.styles[c.s]?.fill;
        if (fill) range.format.fill.color = `#${fill}`;
      }),
    );
  }
  for (const m of doc.merges) ws.getRange(rangeA1(m.r1, m.c1, m.r2, m.c2)).merge(false);
  doc.widths.forEach((w, i) => (ws.getRange(`${colLetter(i + 1)}:${colLetter(i + 1)}`).format.columnWidth = columnPoints(w)));
  for (const [r, h] of doc.heights) ws.getRange(`${r + 1}:${r + 1}`).format.rowHeight = h;
  for (const c of doc.hiddenColumns) ws.getRange(`${colLetter(c + 1)}:${colLetter(c + 1)}`).columnHidden = true;
  for (const r of doc.hiddenRows) ws.getRange(`${r + 1}:${r + 1}`).rowHidden = true;
  if (supports("ExcelApi", "1.8")) {
    for (const v of doc.validations) {
      const dv = ws.getRange(rangeA1(v.r1, v.c1, v.r2, v.c2)).dataValidation;
      const r = rule(v);
      if (r) {
        dv.rule = r;
        dv.errorAlert = { showAlert: true, style: "Stop", title: v.errorTitle, message: v.error };
      }
      dv.prompt = { showPrompt: true, title: v.promptTitle, message: v.prompt };
    }
  } else if (doc.validations.length) skipped.push("数据验证与输入提示（需要 ExcelApi 1.8）");
  if (supports("ExcelApi", "1.7")) {
    // freezeAt: the range given is the frozen top-left pane (Excel.WorksheetFreezePanes.freezeAt).
    if (doc.freeze) ws.freezePanes.freezeAt(rangeA1(0, 0, doc.freeze.rows - 1, Math.max(0, doc.freeze.cols - 1)));
    if (doc.tabColor) ws.tabColor = `#${doc.tabColor}`;
  } else skipped.push("冻结表头（需要 ExcelApi 1.7）");
  if (supports("ExcelApi", "1.9")) {
    const p = doc.print;
    ws.pageLayout.orientation = p.orientation === "landscape" ? "Landscape" : "Portrait";
    ws.pageLayout.paperSize = "A4";
    ws.pageLayout.zoom = p.fit ? { horizontalFitToPages: p.fit.width, verticalFitToPages: p.fit.height } : { scale: p.scale ?? 100 };
    if (p.titleRows) ws.pageLayout.setPrintTitleRows(`$${p.titleRows[0] + 1}:$${p.titleRows[1] + 1}`);
    if (p.titleCols) ws.pageLayout.setPrintTitleColumns(`$${colLetter(p.titleCols[0] + 1)}:$${colLetter(p.titleCols[1] + 1)}`);
    ws.pageLayout.setPrintArea(`A1:${a1(p.lastRow, doc.width - 1)}`);
    if (p.header) ws.pageLayout.headersFooters.defaultForAllPages.centerHeader = p.header.replace(/&/g, "&&");
    if (p.footer) ws.pageLayout.headersFooters.defaultForAllPages.centerFooter = p.footer;
  } else skipped.push("打印设置（需要 ExcelApi 1.9）");
  if (doc.protect) {
    if (supports("ExcelApi", "1.2")) ws.protection.protect({ allowFormatColumns: true, allowFormatRows: true, allowAutoFilter: false });
    else skipped.push("工作表保护（需要 ExcelApi 1.2）");
  }
  return skipped;
}
