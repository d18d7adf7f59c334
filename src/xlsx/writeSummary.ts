// Writes the 汇总 sheet into an xlsx workbook (ExcelJS): values only, the time and rule version on it, print
// setup, and a bar chart made of cells (ExcelJS cannot create chart objects). Writing into a workbook that
// already has a 汇总 sheet updates that sheet in place and keeps what the office typed beside the tables.
import ExcelJS from "exceljs";
import type { SummaryData } from "../review/summary";
import { buildSummaryGrid, parseOldSummary, placeExtras, SUMMARY_SHEET, type GridStyle, type OldCell } from "../review/summaryGrid";

export class SummarySheetError extends Error {}

const THIN: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FF808080" } };
const BOX = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const fill = (rgb: string): ExcelJS.Fill => ({ type: "pattern", pattern: "solid", fgColor: { argb: `FF${rgb}` } });

function styleOf(s: GridStyle | undefined): Partial<ExcelJS.Style> {
  const font: Partial<ExcelJS.Font> = { name: "宋体", size: 10 };
  switch (s) {
    case "title":
      return { font: { ...font, size: 16, bold: true }, alignment: { horizontal: "center", vertical: "middle" } };
    case "info":
      return { font: { ...font, size: 9, color: { argb: "FF595959" } }, alignment: { wrapText: true, vertical: "top" } };
    case "section":
      return { font: { ...font, size: 12, bold: true } };
    case "th":
      return { font: { ...font, bold: true }, fill: fill("D9E1F2"), border: BOX, alignment: { horizontal: "center", vertical: "middle", wrapText: true } };
    case "num":
      return { font, border: BOX, alignment: { horizontal: "center" } };
    case "bar":
      return { font: { ...font, color: { argb: "FF2F5597" } }, border: BOX };
    case "status.未返回":
      return { font, border: BOX, fill: fill("D9D9D9"), alignment: { horizontal: "center" } };
    case "status.待核定":
      return { font, border: BOX, fill: fill("FFF2CC"), alignment: { horizontal: "center" } };
    case "status.已核定":
      return { font, border: BOX, fill: fill("E2EFDA"), alignment: { horizontal: "center" } };
    case "status.有问题":
      return { font: { ...font, bold: true, color: { argb: "FF9C0006" } }, border: BOX, fill: fill("FFC7CE"), alignment: { horizontal: "center" } };
    case "problem":
      return { font, border: BOX, alignment: { wrapText: true } };
    case "end":
      return { font: { ...font, size: 9, italic: true, color: { argb: "FF808080" } } };
    case "text":
      return { font, border: BOX };
    default:
      return {};
  }
}

/** Writes (or rewrites) the 汇总 sheet of `wb`. */
export function writeSummarySheet(wb: ExcelJS.Workbook, data: SummaryData): ExcelJS.Worksheet {
  const grid = buildSummaryGrid(data);
  let ws = wb.getWorksheet(SUMMARY_SHEET);
  let placed: ReturnType<typeof placeExtras<Partial<ExcelJS.Style>>> = [];
  if (ws) {
    const sheet = ws;
    const old: OldCell<Partial<ExcelJS.Style>>[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        old.push({ row: r - 1, col: c - 1, value: cell.value, payload: JSON.parse(JSON.stringify(cell.style ?? {})) });
      });
    });
    const value = (r: number, c: number) => {
      const v = sheet.getCell(r + 1, c + 1).value;
      return v && typeof v === "object" && "richText" in v ? v.richText.map((t) => t.text).join("") : v;
    };
    const prev = parseOldSummary(value, sheet.rowCount);
    if (!prev.ours && old.length) {
      throw new SummarySheetError(`工作簿中已有名为“${SUMMARY_SHEET}”的工作表，但不是本加载项生成的汇总表；为免覆盖，请将其重命名后再汇总`);
    }
    placed = placeExtras(old, prev, grid);
    // Clear the previous run (and the notes about to move); other merges right of the tables stay.
    const merges = Object.keys((sheet as unknown as { _merges: Record<string, unknown> })._merges ?? {});
    for (const m of merges) {
      const range = (sheet as unknown as { _merges: Record<string, { left: number; model: { left: number; top: number; right: number; bottom: number } }> })._merges[m];
      if (range.model.left <= grid.width) sheet.unMergeCells(range.model.top, range.model.left, range.model.bottom, range.model.right);
    }
    for (const o of old) {
      if (o.col < grid.width || placed.some((p) => p.from.row === o.row && p.from.col === o.col)) {
        const cell = sheet.getCell(o.row + 1, o.col + 1);
        cell.value = null;
        cell.style = {};
      }
    }
  } else {
    ws = wb.addWorksheet(SUMMARY_SHEET, { views: [{ state: "frozen", ySplit: 0 }] });
  }
  grid.rows.forEach((row, r) =>
    row.forEach((g, c) => {
      const cell = ws!.getCell(r + 1, c + 1);
      cell.value = g.v;
      cell.style = styleOf(g.s);
    }),
  );
  for (const m of grid.merges) ws.mergeCells(m.r1 + 1, m.c1 + 1, m.r2 + 1, m.c2 + 1);
  for (const p of placed) {
    const cell = ws.getCell(p.row + 1, p.col + 1);
    cell.value = p.value as ExcelJS.CellValue;
    if (p.payload) cell.style = p.payload;
  }
  grid.widths.forEach((w, i) => (ws!.getColumn(i + 1).width = w));
  ws.getRow(1).height = 28;
  for (const [r, h] of grid.heights) ws.getRow(r + 1).height = h;
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printArea: `A1:P${grid.endRow + 1}`,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddHeader: `&C${data.year} 年度“信用鹤岗”建设工作考核汇总`, oddFooter: "&C第 &P 页，共 &N 页" };
  return ws;
}

/** A 汇总 workbook: a new one, or `existing` (an earlier 汇总 file) with its 汇总 sheet updated in place. */
export async function summaryWorkbook(data: SummaryData, existing?: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  if (existing) await wb.xlsx.load(existing.buffer.slice(existing.byteOffset, existing.byteOffset + existing.byteLength) as ArrayBuffer);
  else {
    wb.creator = "信用鹤岗考核加载项";
    wb.created = new Date();
  }
  writeSummarySheet(wb, data);
  return wb;
}
