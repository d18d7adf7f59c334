// 汇总 in the open workbook: every unit sheet re-scored and summarised into the 汇总 (the report sent to the
// 市委考评办, with a native chart per table) and 工作记录 sheets — the same document as the command line's
// (src/review/summaryGrid.ts lays it out once for both writers). Three round-trips whatever the number of
// units (two reads, one write); a re-run over a 汇总 with charts reads them once more to replace them.
// Values only; the office's notes right of the tables, in the 工作记录's 备注 column and below either sheet
// move with their unit or keep their place.
import { throwIfAborted as aborted } from "./abort";
import { runExcel } from "./run";
import { unitsOf, workingYear, type UnitKind } from "../core/index";
import { placeUnits, summaryOf, type SummaryData } from "../review/summary";
import { buildSummaryDocument, carriedCells, LOG_SHEET, parsePrevious, SUMMARY_SHEET, type ChartSpec, type SheetGrid, type SummaryDocument } from "../review/summaryGrid";
import { isTemplateSheet, reviewUnit } from "../review/unit";
import { AUDIT_SHEET, auditTime, latestRecords, parseAuditRows } from "../review/verification";
import { colLetter } from "../core/a1";
import { readSnapshot } from "./snapshot";
import { officeSupports, textFormats, type Supports } from "./common";
import { queueStyle } from "./cellStyle";
import { FONT_NAME, FONT_SIZE } from "../core/cellStyle";

export interface BuildSummaryOptions {
  /** 按比例计入 分值 (default 100: the score carried unchanged). */
  weight?: number;
  year?: number;
  /** Expected units; 市直部门 default to none (nobody reported 未返回) when the list is not given. */
  expected?: Partial<Record<UnitKind, readonly string[]>>;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  supports?: Supports;
}

export interface BuildSummaryResult {
  sheet: string;
  data: SummaryData;
  units: number;
  withProblems: number;
  syncs: number;
}

/** Column width in points of w characters (ECMA-376 Part 1, §18.3.1.13: w × 7 + 5 pixels, 0.75 pt each). */
const columnPoints = (w: number) => Math.round((w * 7 + 5) * 0.75 * 100) / 100;
const a1 = (r: number, c: number) => `${colLetter(c + 1)}${r + 1}`;

/**
 * Queues one sheet of the document onto `ws` (no sync): carried cells from its previous content, the grid
 * as values with text format where text (no formula from a unit's name or a problem text), merges, styles,
 * widths, heights, print setup.
 */
function queueSheet(ws: Excel.Worksheet, grid: SheetGrid, styles: SummaryDocument["styles"], previous: { values: unknown[][]; row: number; col: number } | undefined, supports: Supports): void {
  let placed: ReturnType<typeof carriedCells> = [];
  if (previous) {
    const at = (r: number, c: number) => previous.values[r - (previous.row - 1)]?.[c - (previous.col - 1)];
    const rowCount = previous.row - 1 + previous.values.length;
    const prev = parsePrevious(grid.name, at, rowCount);
    const nonEmpty = previous.values.some((row) => row.some((v) => v !== "" && v !== null));
    if (!prev.ours && nonEmpty) {
      throw new Error(`工作簿中已有名为“${grid.name}”的工作表，但不是本加载项生成的；为免覆盖，请将其重命名后再汇总`);
    }
    // Lazily, row by row: a sheet with 200 000 note rows is walked once, never spread.
    const old = function* () {
      for (let r = 0; r < previous.values.length; r++) {
        const row = previous.values[r];
        for (let c = 0; c < row.length; c++) if (row[c] !== "" && row[c] !== null) yield { row: r + previous.row - 1, col: c + previous.col - 1, value: row[c] };
      }
    };
    placed = carriedCells(old(), prev, grid);
    if (prev.endRow >= 0) {
      // Rows below the old area keep their distance to its end: Excel moves them (cells, formats and
      // comments) by inserting or deleting whole rows at the boundary — one request however many there are.
      const delta = grid.endRow - prev.endRow;
      if (delta > 0) ws.getRange(`${prev.endRow + 2}:${prev.endRow + 1 + delta}`).insert("Down");
      else if (delta < 0) ws.getRange(`${grid.endRow + 2}:${prev.endRow + 1}`).delete("Up");
      placed = placed.filter((p) => p.from.row <= prev.endRow);
      const rows = ws.getRange(`1:${Math.min(prev.endRow, grid.endRow) + 1}`);
      rows.unmerge();
      rows.clear("All");
    } else {
      const used = ws.getRange(`A1:${colLetter(previous.col - 1 + (previous.values[0]?.length ?? 1))}${rowCount}`);
      used.unmerge();
      used.clear("All");
    }
  }
  const n = grid.rows.length;
  const cells = grid.rows.map((row) => row.map((g) => (g.v === null ? "" : g.v)));
  const area = ws.getRange(`A1:${a1(n - 1, grid.width - 1)}`);
  area.numberFormat = textFormats(cells);
  area.values = cells;
  // Cells without a style (blank ones) in the document's font; styled runs are drawn from the style table.
  area.format.font.name = FONT_NAME;
  area.format.font.size = FONT_SIZE;
  area.format.verticalAlignment = "Center";
  for (const m of grid.merges) ws.getRange(`${a1(m.r1, m.c1)}:${a1(m.r2, m.c2)}`).merge(false);
  // Styles by contiguous runs in a row, so the request grows with the rows, not the cells.
  grid.rows.forEach((row, r) => {
    let c = 0;
    while (c < row.length) {
      const s = row[c].s;
      let e = c;
      while (e + 1 < row.length && row[e + 1].s === s) e++;
      if (s) queueStyle(ws.getRange(`${a1(r, c)}:${a1(r, e)}`).format, styles[s]);
      c = e + 1;
    }
  });
  // Group carried cells by row, one request per run of adjacent columns.
  const byRow = new Map<number, { col: number; value: unknown }[]>();
  for (const p of placed) {
    if (p.value === undefined) continue;
    const list = byRow.get(p.row) ?? [];
    list.push({ col: p.col, value: p.value });
    byRow.set(p.row, list);
  }
  for (const [r, list] of byRow) {
    list.sort((x, y) => x.col - y.col);
    let i = 0;
    while (i < list.length) {
      let j = i;
      while (j + 1 < list.length && list[j + 1].col === list[j].col + 1) j++;
      const values = [list.slice(i, j + 1).map((x) => x.value as string | number | boolean)];
      const range = ws.getRange(`${a1(r, list[i].col)}:${a1(r, list[j].col)}`);
      range.numberFormat = textFormats(values);
      range.values = values;
      i = j + 1;
    }
  }
  grid.widths.forEach((w, i) => (ws.getRange(`${colLetter(i + 1)}:${colLetter(i + 1)}`).format.columnWidth = columnPoints(w)));
  for (const [r, h] of grid.heights) ws.getRange(`${r + 1}:${r + 1}`).format.rowHeight = h;
  if (supports("ExcelApi", "1.9")) {
    ws.pageLayout.orientation = "Landscape";
    ws.pageLayout.paperSize = "A4";
    ws.pageLayout.setPrintArea(`A1:${a1(grid.endRow, grid.width - 1)}`);
    if (grid.printTitles) ws.pageLayout.setPrintTitleRows(`$${grid.printTitles[0] + 1}:$${grid.printTitles[1] + 1}`);
    ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    ws.pageLayout.centerHorizontally = true;
    if (grid.footer) ws.pageLayout.headersFooters.defaultForAllPages.centerFooter = grid.footer;
    // A break is added above the given cell (Excel.PageBreakCollection.add).
    for (const r of grid.rowBreaks) ws.horizontalPageBreaks.add(`A${r + 2}`);
  }
}

/**
 * A native column chart per table (Worksheet.charts, ExcelApi 1.1; the unit names as category axis through
 * ChartSeries.setXAxisValues, ExcelApi 1.7): the same chart the command line adds to its file.
 */
function queueCharts(ws: Excel.Worksheet, charts: ChartSpec[]): void {
  for (const spec of charts) {
    const values = ws.getRange(`${a1(spec.values.r1, spec.values.col)}:${a1(spec.values.r2, spec.values.col)}`);
    const chart = ws.charts.add("ColumnClustered", values, "Columns");
    chart.name = spec.title;
    chart.title.text = spec.title;
    chart.legend.visible = false;
    chart.setPosition(a1(spec.from.row, spec.from.col), a1(spec.to.row - 1, spec.to.col - 1));
    const series = chart.series.getItemAt(0);
    series.name = "考核得分";
    series.setXAxisValues(ws.getRange(`${a1(spec.categories.r1, spec.categories.col)}:${a1(spec.categories.r2, spec.categories.col)}`));
    series.hasDataLabels = true;
    chart.axes.valueAxis.minimum = 0;
    chart.axes.valueAxis.maximum = 100;
  }
}

export async function buildSummary(opts: BuildSummaryOptions = {}): Promise<BuildSummaryResult> {
  const supports = opts.supports ?? officeSupports();
  return runExcel(async (context) => {
    let syncs = 0;
    const counted = new Proxy(context, { get: (t, p) => (p === "sync" ? async () => (syncs++, t.sync()) : Reflect.get(t, p, t)) }) as Excel.RequestContext;
    // Values of the 汇总 (its previous run, the office's notes) and of the 核定记录 (the record 核定 are taken from).
    const snap = await readSnapshot(counted, undefined, [SUMMARY_SHEET, LOG_SHEET, AUDIT_SHEET]);
    aborted(opts.signal);
    const year = opts.year ?? workingYear();
    const expected: Record<UnitKind, readonly string[]> = { county: opts.expected?.county ?? unitsOf(year).county, department: opts.expected?.department ?? [] };
    const unitSheets = snap.sheets.filter(isTemplateSheet);
    // The office's own workbook: a 核定 counts only when it matches the latest 核定记录 entry (src/review/unit.ts).
    const audit = snap.used.get(AUDIT_SHEET);
    const log = audit ? parseAuditRows(audit.values) : { entries: [], problems: [] };
    const records = latestRecords(log.entries);
    const reviews = unitSheets.map((s, i) => {
      const r = reviewUnit(s, { year, expected, origin: "workbook", records });
      opts.onProgress?.(i + 1, unitSheets.length);
      return r;
    });
    const units = placeUnits(reviews, { expected });
    const data = summaryOf(units, { year, weight: opts.weight, expected, recordProblems: log.problems }, auditTime);
    aborted(opts.signal); // nothing written yet: a cancel leaves the workbook as it was
    const doc = buildSummaryDocument(data);
    const charts = supports("ExcelApi", "1.7");
    // The charts of an earlier run are replaced: read their names first (one more round trip, re-runs only).
    let oldCharts: Excel.ChartCollection | undefined;
    if (charts && snap.sheetNames.includes(SUMMARY_SHEET)) {
      oldCharts = context.workbook.worksheets.getItem(SUMMARY_SHEET).charts;
      oldCharts.load("items/name");
      await counted.sync();
    }
    for (const grid of [doc.report, doc.log]) {
      const exists = snap.sheetNames.includes(grid.name);
      const ws = exists ? context.workbook.worksheets.getItem(grid.name) : context.workbook.worksheets.add(grid.name);
      queueSheet(ws, grid, doc.styles, exists ? snap.used.get(grid.name) : undefined, supports);
      if (grid === doc.report) {
        ws.position = 0;
        if (charts) {
          const ours = new Set(doc.charts.map((c) => c.title));
          for (const c of oldCharts?.items ?? []) if (ours.has(c.name)) c.delete();
          queueCharts(ws, doc.charts);
        }
        ws.activate();
      }
    }
    await counted.sync();
    return {
      sheet: SUMMARY_SHEET,
      data,
      units: units.reviews.length,
      withProblems: units.reviews.filter((r) => r.openProblems > 0).length,
      syncs,
    };
  });
}
