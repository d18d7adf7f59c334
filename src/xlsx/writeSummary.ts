// Writes the 汇总 document (src/review/summaryGrid.ts) as an xlsx package with ExcelJS, then adds the
// native bar charts to the package (ExcelJS writes none: src/xlsx/chartPart.ts). Writing over an earlier
// 汇总 file updates its 汇总 and 工作记录 sheets in place: the office's notes and cell comments move with
// their unit's row, rows below the add-in's area keep their distance to it, other sheets are kept — and a
// file whose other sheets hold objects this round trip would drop is refused rather than damaged.
import ExcelJS from "exceljs";
import type { SummaryData } from "../review/summary";
import { buildSummaryDocument, carriedCells, parsePrevious, SUMMARY_SHEET, type OldCell, type SheetGrid, type SummaryDocument } from "../review/summaryGrid";
import { excelStyle } from "./cellStyle";
import { colLetter } from "../core/a1";
import { addCharts, objectsLostOnRewrite } from "./chartPart";
import { printAreaRange } from "./workbookParts";

export class SummarySheetError extends Error {}

const plainText = (v: ExcelJS.CellValue): unknown =>
  v && typeof v === "object" && "richText" in v ? v.richText.map((t) => t.text).join("") : v;

const noteText = (n: ExcelJS.Cell["note"]): string | undefined =>
  n === undefined ? undefined : typeof n === "string" ? n : (n.texts ?? []).map((t) => t.text).join("");

interface CellPayload {
  style: Partial<ExcelJS.Style>;
  note: ExcelJS.Cell["note"];
}

/** Writes (or rewrites in place) one sheet of the document; returns the worksheet. */
function writeSheet(wb: ExcelJS.Workbook, grid: SheetGrid, styles: SummaryDocument["styles"]): ExcelJS.Worksheet {
  let ws = wb.getWorksheet(grid.name);
  let placed: ReturnType<typeof carriedCells<CellPayload>> = [];
  if (ws) {
    const sheet = ws;
    const old: OldCell<CellPayload>[] = [];
    const rowCount = sheet.rowCount;
    sheet.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        old.push({ row: r - 1, col: c - 1, value: plainText(cell.value), comment: noteText(cell.note), payload: { style: cell.style, note: cell.note } });
      });
    });
    const prev = parsePrevious(grid.name, (r, c) => plainText(sheet.getCell(r + 1, c + 1).value), rowCount);
    if (!prev.ours && old.length) {
      throw new SummarySheetError(`工作簿中已有名为“${grid.name}”的工作表，但不是本加载项生成的；为免覆盖，请将其重命名后再汇总`);
    }
    placed = carriedCells(old, prev, grid);
    // Start from a clean sheet of the same name and position: every cell the office keeps is in `placed`.
    const id = sheet.id;
    const order = wb.worksheets.findIndex((w) => w === sheet);
    const views = sheet.views;
    wb.removeWorksheet(id);
    ws = wb.addWorksheet(grid.name, { views });
    moveSheet(wb, ws, order);
  } else {
    ws = wb.addWorksheet(grid.name);
  }
  grid.rows.forEach((row, r) =>
    row.forEach((g, c) => {
      if (g.v === null && !g.s) return;
      const cell = ws!.getCell(r + 1, c + 1);
      cell.value = g.v;
      cell.style = g.s ? excelStyle(styles[g.s]) : {};
    }),
  );
  for (const m of grid.merges) ws.mergeCells(m.r1 + 1, m.c1 + 1, m.r2 + 1, m.c2 + 1);
  for (const p of placed) {
    const cell = ws.getCell(p.row + 1, p.col + 1);
    if (p.value !== undefined) {
      cell.value = p.value as ExcelJS.CellValue;
      if (p.payload) cell.style = p.payload.style;
    }
    if (p.payload?.note !== undefined) cell.note = p.payload.note;
  }
  grid.widths.forEach((w, i) => (ws!.getColumn(i + 1).width = w));
  for (const [r, h] of grid.heights) ws.getRow(r + 1).height = h;
  for (const r of grid.rowBreaks) ws.getRow(r + 1).addPageBreak();
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: "landscape",
    // A scale, not "fit to" pages: Excel ignores manual page breaks while a sheet is set to fit to pages
    // (Microsoft support, “Insert, move, or delete page breaks in a worksheet”), and the report's and the
    // 工作记录's breaks are what keep each page's content together. The scale fits the columns to the width
    // (SheetGrid.printScale), as the add-in's writer sets it.
    fitToPage: false,
    scale: grid.printScale,
    horizontalCentered: true,
    printArea: printAreaRange(`A1:${colLetter(grid.width)}${grid.endRow + 1}`),
    printTitlesRow: grid.printTitles ? `${grid.printTitles[0] + 1}:${grid.printTitles[1] + 1}` : undefined,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddHeader: grid.header ? `&C${grid.header}` : undefined, oddFooter: grid.footer ? `&C${grid.footer}` : undefined };
  return ws;
}

/** Puts a re-created sheet back at its old position in the tab order. */
function moveSheet(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, index: number): void {
  const sheets = wb.worksheets.filter((w) => w !== ws);
  sheets.splice(Math.max(0, index), 0, ws);
  sheets.forEach((w, i) => ((w as unknown as { orderNo: number }).orderNo = i));
}

async function loadWorkbook(existing?: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  if (existing) await wb.xlsx.load(existing.buffer.slice(existing.byteOffset, existing.byteOffset + existing.byteLength) as ArrayBuffer);
  else {
    wb.creator = "信用鹤岗考核加载项";
    wb.created = new Date();
  }
  return wb;
}

/**
 * The 汇总 file as bytes: a new one, or `existing` (an earlier 汇总 file) with its 汇总 and 工作记录 sheets
 * updated in place. Refuses (SummarySheetError) a file whose other sheets hold charts, pictures or pivot
 * tables, which ExcelJS cannot carry through.
 */
export async function summaryFile(data: SummaryData, existing?: Uint8Array): Promise<Uint8Array> {
  const doc: SummaryDocument = buildSummaryDocument(data);
  if (existing) {
    let lost: string[];
    try {
      lost = await objectsLostOnRewrite(existing, SUMMARY_SHEET);
    } catch {
      throw new SummarySheetError("不是有效的 xlsx 文件（可能已损坏）；请另选汇总文件名");
    }
    if (lost.length) {
      throw new SummarySheetError(`其中有本程序无法原样保留的${lost.join("、")}，为免丢失未作修改；请用 --out 另选一个新的汇总文件名`);
    }
  }
  const wb = await loadWorkbook(existing);
  const report = writeSheet(wb, doc.report, doc.styles);
  writeSheet(wb, doc.log, doc.styles);
  // The report is the first sheet and the one shown on opening.
  moveSheet(wb, report, 0);
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: "visible" }];
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  return addCharts(bytes, doc.charts);
}

/**
 * The report alone (the 汇总 sheet and its charts, no 工作记录) as a new workbook: the file sent to the
 * 市委考评办, whose printed page numbers count only its own pages (README “汇总”).
 */
export async function reportOnlyFile(data: SummaryData): Promise<Uint8Array> {
  const doc: SummaryDocument = buildSummaryDocument(data);
  const wb = await loadWorkbook();
  writeSheet(wb, doc.report, doc.styles);
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: "visible" }];
  return addCharts(new Uint8Array(await wb.xlsx.writeBuffer()), doc.charts);
}

/** The 汇总 document (both sheets) in a new ExcelJS workbook, without charts: for tests reading cells. */
export async function summaryWorkbook(data: SummaryData, existing?: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const bytes = await summaryFile(data, existing);
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb;
}
