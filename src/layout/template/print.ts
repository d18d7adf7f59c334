// Printing: A4 landscape one page wide, page breaks between indicators (a continued category's label split as
// "…（续）"), and the print setup the writers apply.
import { addr } from "../address";
import type { Body, CategorySpan } from "./body";
import { COL, HEADER_ROW, LAST_VISIBLE, WIDTHS } from "./grid";
import type { SheetBuilder } from "./sheet";
import type { TemplateLayout } from "./types";

/** A4 landscape less the margins the writers set (0.4" left/right, 0.6" top/bottom), in points. */
const PRINTABLE = { width: 841.89 - 2 * 0.4 * 72, height: 595.28 - 2 * 0.6 * 72 };
/** Width in points of a column w characters wide: w × 7 + 5 pixels at the default font's 7-pixel digit
 * (ECMA-376 Part 1, §18.3.1.13 col/@width), 0.75 pt per pixel. LibreOffice with Carlito measures the same. */
const columnPoints = (w: number) => (w * 7 + 5) * 0.75;
/** Rows without a computed height print this tall (points). */
const DEFAULT_ROW_HEIGHT = 16;

/** The print scale of fitting columns A–P to the page width (1 when they fit unscaled). */
function printScale(widths: readonly number[] = WIDTHS): number {
  const table = widths.slice(0, LAST_VISIBLE).reduce((a, w) => a + columnPoints(w), 0);
  return Math.min(1, PRINTABLE.width / table);
}

/**
 * Chooses page breaks so that no indicator is split over two pages (a page holds at most 94 % of what
 * fits, so a program measuring rows a little taller still breaks where we do), sets every row's height
 * explicitly (both programs then print the same rows per page), and where a category continues on the next
 * page splits its merged label so the page shows "…（续）". Returns the last row of each page but the last.
 */
export function paginate(sheet: SheetBuilder, body: Body, lastRow: number): number[] {
  const h = sheet.rowHeights;
  for (let r = 1; r <= lastRow; r++) h[r] ??= DEFAULT_ROW_HEIGHT;
  const room = (PRINTABLE.height / printScale()) * 0.94 - h[HEADER_ROW];
  const height = (from: number, to: number) => {
    let t = 0;
    for (let r = from; r <= to; r++) t += h[r];
    return t;
  };
  // Units that stay on one page: each indicator, each subtotal row, and the score with the signature.
  const starts: number[] = [];
  for (const c of body.categories) starts.push(...c.indicatorStarts);
  for (let r = body.lastBodyRow + 1; r <= lastRow - 2; r++) starts.push(r);
  const breaks: number[] = [];
  let used = height(1, HEADER_ROW - 1);
  starts.forEach((start, i) => {
    const end = (starts[i + 1] ?? lastRow + 1) - 1;
    const need = height(start, end);
    if (used + need > room && used > 0) {
      breaks.push(start - 1);
      used = 0;
    }
    used += need;
  });
  for (const b of breaks) {
    const c = body.categories.find((x) => x.from <= b && b < x.to);
    if (c) splitCategoryLabel(sheet, c, b + 1);
  }
  return breaks;
}

/** Splits a category's merged label at `at`: the part from `at` on is labelled "…（续）". */
function splitCategoryLabel(sheet: SheetBuilder, c: CategorySpan, at: number): void {
  // The merge of column A that holds `at` (the whole category, or its part after an earlier break).
  const col = addr(1, COL.category).replace(/\d+$/, "");
  const i = sheet.merges.findIndex((m) => {
    const [a, b] = m.split(":");
    const r1 = Number(a.slice(col.length));
    const r2 = Number(b.slice(col.length));
    return a.startsWith(col) && b.startsWith(col) && /^\d+$/.test(a.slice(col.length)) && r1 < at && at <= r2;
  });
  if (i < 0) return;
  const [a, b] = sheet.merges[i].split(":");
  const from = Number(a.slice(col.length));
  const to = Number(b.slice(col.length));
  sheet.merges.splice(i, 1);
  sheet.merge(from, COL.category, at - 1, COL.category);
  sheet.merge(at, COL.category, to, COL.category);
  const cell = sheet.cells.find((x) => x.row === at && x.col === COL.category);
  if (cell) cell.value = `${c.title}\n（续）`;
}

/** A4 landscape, one page wide, the table's heading row on every page, the unit and title in the page header. */
export function printSetup(header: string, lastRow: number, rowBreaks: number[]): TemplateLayout["print"] {
  return {
    paper: "A4",
    orientation: "landscape",
    fitToWidth: 1,
    fitToHeight: 0,
    scale: Math.max(10, Math.floor(printScale() * 100)),
    titleRows: `${HEADER_ROW}:${HEADER_ROW}`,
    header,
    footer: "第 &P 页，共 &N 页",
    area: `A1:${addr(lastRow, LAST_VISIBLE)}`,
    rowBreaks,
  };
}
