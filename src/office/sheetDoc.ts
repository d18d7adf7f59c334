// Office.js writer of a SheetDoc (src/layout/sheetDoc.ts): the same document the command line writes with
// ExcelJS (src/xlsx/writeSheetDoc.ts), queued onto a worksheet without a sync — the caller syncs once.
// Thin: values and formulas in one grid (text written with the Text format first, so a name starting with
// "=" stays text), styles by rectangles of equal cells, then merges, sizes, validations, freeze panes and
// print setup. Requirement sets newer than the manifest's are detected; what this Excel lacks is left out
// and named.
import { colLetter } from "../core/a1";
import { a1, rangeA1, type SheetDoc } from "../layout/sheetDoc";
import { queueStyle } from "./cellStyle";
import { queueMargins, rule, TEXT_FORMAT, type Supports } from "./common";

/** Column width in points of w characters (ECMA-376 Part 1, §18.3.1.13: w × 7 + 5 pixels, 0.75 pt each). */
const columnPoints = (w: number) => Math.round((w * 7 + 5) * 0.75 * 100) / 100;

/** The values/formulas grid and the number formats of the document's rectangle A1:(last row, width). */
export function docGrid(doc: SheetDoc, filled = false): { formulas: (string | number | boolean)[][]; numberFormat: string[][] } {
  const n = doc.rows.length;
  // Cells a fill-down writes (SheetDoc.filledDown, below the first row of each run): left out of the grid.
  const byFill = new Set<string>();
  if (filled) for (const d of doc.filledDown ?? []) for (let r = d.r1 + 1; r <= d.r2; r++) byFill.add(`${r}:${d.c}`);
  const formulas = Array.from({ length: n }, () => Array<string | number | boolean>(doc.width).fill(""));
  const numberFormat = Array.from({ length: n }, () => Array<string>(doc.width).fill("General"));
  doc.rows.forEach((row, r) =>
    row.forEach((c, k) => {
      if (!c) return;
      formulas[r][k] = c.f !== undefined ? (byFill.has(`${r}:${k}`) ? "" : `=${c.f}`) : (c.v ?? "");
      // Text is stored as text (Excel.Range.values: a value starting with "=" would become a formula).
      numberFormat[r][k] = c.f === undefined && typeof c.v === "string" ? TEXT_FORMAT : (c.numFmt ?? "General");
    }),
  );
  return { formulas, numberFormat };
}

/** The document's filled-down columns as rectangles of adjacent columns with the same rows (one autoFill each). */
function fillRuns(doc: SheetDoc): { r1: number; r2: number; c1: number; c2: number }[] {
  const runs: { r1: number; r2: number; c1: number; c2: number }[] = [];
  for (const d of [...(doc.filledDown ?? [])].sort((a, b) => a.r1 - b.r1 || a.r2 - b.r2 || a.c - b.c)) {
    const last = runs[runs.length - 1];
    if (last && last.r1 === d.r1 && last.r2 === d.r2 && last.c2 === d.c - 1) last.c2 = d.c;
    else runs.push({ r1: d.r1, r2: d.r2, c1: d.c, c2: d.c });
  }
  return runs;
}

/** A4's printable width in points with the margins every writer sets (queueMargins: 0.4" left and right). */
const PRINTABLE_WIDTH = { landscape: 841.89 - 57.6, portrait: 595.28 - 57.6 };

/**
 * The print zoom. PageLayoutZoomOptions takes fit-to pages as "a number of pages"
 * (https://learn.microsoft.com/javascript/api/excel/excel.pagelayoutzoomoptions): "as many pages tall as needed"
 * (0 in the file format, which the xlsx writer writes) has no documented value, and what Excel makes of a width
 * sent alone is not documented either — Excel's own default height of 1 page would shrink a 1,000-row 核定表 onto
 * one page. So a document fitted N pages wide and as tall as needed is sent as the scale that fits its printed
 * columns into N pages' width (10–100 %), as the template and the 汇总 are.
 */
export function zoomOf(doc: SheetDoc): Excel.PageLayoutZoomOptions {
  const p = doc.print;
  if (!p.fit) return { scale: p.scale ?? 100 };
  if (p.fit.width > 0 && p.fit.height > 0) return { horizontalFitToPages: p.fit.width, verticalFitToPages: p.fit.height };
  const hidden = new Set(doc.hiddenColumns);
  let points = 0;
  for (let c = 0; c <= (p.lastCol ?? doc.width - 1); c++) if (!hidden.has(c)) points += columnPoints(doc.widths[c] ?? 8.43);
  const room = PRINTABLE_WIDTH[p.orientation] * Math.max(1, p.fit.width);
  return { scale: Math.max(10, Math.min(100, Math.floor((room / Math.max(points, 1)) * 100))) };
}

/** A rectangle of cells sharing a style and lock state (0-based, inclusive). */
interface StyledBlock {
  r1: number;
  r2: number;
  c1: number;
  c2: number;
  style: string;
  locked: boolean;
}

/**
 * The document's cells as few rectangles as possible: each column's vertical runs of one style and lock
 * state, then equal runs of adjacent columns joined. A 1,000-row ledger is a few dozen rectangles, where a
 * per-cell setCellProperties grid would be megabytes (Excel on the web takes 5 MB a request).
 */
export function styledBlocks(doc: SheetDoc): StyledBlock[] {
  const runs = new Map<string, StyledBlock>();
  const out: StyledBlock[] = [];
  for (let c = 0; c < doc.width; c++) {
    let r = 0;
    while (r < doc.rows.length) {
      const cell = doc.rows[r]?.[c];
      if (!cell) {
        r++;
        continue;
      }
      const locked = cell.locked !== false;
      let e = r;
      while (e + 1 < doc.rows.length && doc.rows[e + 1]?.[c]?.s === cell.s && (doc.rows[e + 1]?.[c]?.locked !== false) === locked) e++;
      const key = `${r}:${e}:${cell.s}:${locked}`;
      const left = runs.get(key);
      if (left && left.c2 === c - 1) left.c2 = c;
      else {
        const block = { r1: r, r2: e, c1: c, c2: c, style: cell.s, locked };
        runs.set(key, block);
        out.push(block);
      }
      r = e + 1;
    }
  }
  return out;
}

/** Fonts, fills, alignment, borders and unlocked cells, one rectangle at a time (format properties: ExcelApi 1.1, locking 1.2). */
function queueStyles(ws: Excel.Worksheet, doc: SheetDoc, supports: Supports): void {
  for (const b of styledBlocks(doc)) {
    const s = doc.styles[b.style] ?? {};
    const f = ws.getRange(rangeA1(b.r1, b.c1, b.r2, b.c2)).format;
    queueStyle(f, s);
    // queueStyle boxes each cell of a row; a block of several rows needs the lines between them too.
    if (s.border && b.r2 > b.r1) {
      const line = f.borders.getItem("InsideHorizontal");
      line.style = "Continuous";
      line.weight = "Thin";
      line.color = "#808080";
    }
    if (!b.locked && supports("ExcelApi", "1.2")) f.protection.locked = false;
  }
}

/** Queues the whole document onto `ws` (no sync). Returns the features this Excel cannot write (Chinese). */
export function queueSheetDoc(ws: Excel.Worksheet, doc: SheetDoc, supports: Supports): string[] {
  const skipped: string[] = [];
  const n = doc.rows.length;
  const all = ws.getRange(`A1:${a1(n - 1, doc.width - 1)}`);
  // Thousands of rows of the same formulas (the 双公示台账) are written once and filled down (Range.autoFill,
  // ExcelApi 1.9, https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-autofill-member(1)):
  // a request of a few hundred KB instead of several MB (Excel on the web refuses requests over 5 MB).
  const fill = supports("ExcelApi", "1.9") && (doc.filledDown?.length ?? 0) > 0;
  const { formulas, numberFormat } = docGrid(doc, fill);
  all.numberFormat = numberFormat;
  all.formulas = formulas;
  if (fill) for (const d of fillRuns(doc)) ws.getRange(rangeA1(d.r1, d.c1, d.r1, d.c2)).autoFill(rangeA1(d.r1, d.c1, d.r2, d.c2), "FillDefault");
  queueStyles(ws, doc, supports);
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
    // freezeAt: the range given is the frozen top-left pane (Excel.WorksheetFreezePanes.freezeAt) — a range
    // always has a column, so rows alone are frozen with freezeRows (else column A would be frozen too).
    if (doc.freeze && doc.freeze.cols > 0) ws.freezePanes.freezeAt(rangeA1(0, 0, doc.freeze.rows - 1, doc.freeze.cols - 1));
    else if (doc.freeze) ws.freezePanes.freezeRows(doc.freeze.rows);
    if (doc.tabColor) ws.tabColor = `#${doc.tabColor}`;
  } else skipped.push("冻结表头（需要 ExcelApi 1.7）");
  if (supports("ExcelApi", "1.9")) {
    const p = doc.print;
    ws.pageLayout.orientation = p.orientation === "landscape" ? "Landscape" : "Portrait";
    ws.pageLayout.paperSize = "A4";
    queueMargins(ws.pageLayout);
    ws.pageLayout.zoom = zoomOf(doc);
    if (p.titleRows) ws.pageLayout.setPrintTitleRows(`$${p.titleRows[0] + 1}:$${p.titleRows[1] + 1}`);
    if (p.titleCols) ws.pageLayout.setPrintTitleColumns(`$${colLetter(p.titleCols[0] + 1)}:$${colLetter(p.titleCols[1] + 1)}`);
    ws.pageLayout.setPrintArea(`A1:${a1(p.lastRow, p.lastCol ?? doc.width - 1)}`);
    if (p.header) ws.pageLayout.headersFooters.defaultForAllPages.centerHeader = p.header.replace(/&/g, "&&");
    if (p.footer) ws.pageLayout.headersFooters.defaultForAllPages.centerFooter = p.footer;
    // Worksheet.autoFilter: ExcelApi 1.9 (https://learn.microsoft.com/javascript/api/excel/excel.autofilter).
    if (doc.autoFilter) ws.autoFilter.apply(ws.getRange(rangeA1(doc.autoFilter.r1, doc.autoFilter.c1, doc.autoFilter.r2, doc.autoFilter.c2)));
  } else skipped.push(doc.autoFilter ? "打印设置与筛选（需要 ExcelApi 1.9）" : "打印设置（需要 ExcelApi 1.9）");
  if (doc.protect) {
    if (supports("ExcelApi", "1.2")) ws.protection.protect({ allowFormatColumns: true, allowFormatRows: true, allowAutoFilter: false });
    else skipped.push("工作表保护（需要 ExcelApi 1.2）");
  }
  return skipped;
}
