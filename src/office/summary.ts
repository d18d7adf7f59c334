// 汇总 in the open workbook: every unit sheet re-scored and summarised into the 汇总 (the report sent to the
// 市委考评办, with a native chart per table) and 工作记录 sheets — the same document as the command line's
// (src/review/summaryGrid.ts lays it out once for both writers, with its style table). Values only; the
// office's notes right of the tables, in the 工作记录's 备注 column and below either sheet move with their
// unit or keep their place.
//
// Nothing half-done: a batch is not a transaction (a failed operation leaves the ones before it done), so the
// previous 汇总 is never edited in place. Each sheet is rebuilt in a draft — a copy of the previous sheet
// (Worksheet.copy, ExcelApi 1.7: its notes, comments and formats come along and rows below the add-in's area
// move by row insertion as before), or a new sheet — and only a complete draft is swapped in (the old sheet
// renamed aside, the draft given its name, the old one deleted). Any failure before the swap deletes the
// drafts: the previous 汇总 and 工作记录 stay exactly as they were. Print setup and charts follow in steps of
// their own once the data is in place; if Excel refuses one, the 汇总 stands and the result says what is
// missing. A fixed number of round trips whatever the number of units.
import { throwIfAborted as aborted } from "./abort";
import { removeSheetsIfPresent, runExcel, swapIn } from "./run";
import { expectedUnits, UNIT_KIND_LABEL, workingYear, type UnitKind } from "../core/index";
import { placeUnits, summaryOf, type SummaryData } from "../review/summary";
import { buildSummaryDocument, carriedCells, LOG_SHEET, parsePrevious, SUMMARY_SHEET, type ChartSpec, type PreviousSheet, type SheetGrid, type SummaryDocument } from "../review/summaryGrid";
import { isTemplateSheet, reviewUnit } from "../review/unit";
import { AUDIT_SHEET, auditTime, latestRecords, parseAuditRows } from "../review/verification";
import { colLetter } from "../core/a1";
import { readSnapshot } from "./snapshot";
import { countingSyncs, officeSupports, queueMargins, textFormats, type Supports } from "./common";
import { queueStyle } from "./cellStyle";
import { FONT_NAME, FONT_SIZE } from "../core/cellStyle";
import { otherFailure, protectAgain, queueProtectionRead, unprotectAlone, WriteError, writeFailed, type ProtectedSheet } from "./protection";

export interface BuildSummaryOptions {
  /** 按比例计入 分值 (default 100: the score carried unchanged). */
  weight?: number;
  year?: number;
  /** Expected units by kind; a kind not given expects the year's list (core expectedUnits). */
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
  /** Parts Excel did not take (print setup, charts, protection): the 汇总's data is complete without them. */
  notes: string[];
}

/** What a draft is called until it is swapped in (a leftover of an interrupted run is deleted by the next). */
const DRAFT = "（生成中）";

/** Column width in points of w characters (ECMA-376 Part 1, §18.3.1.13: w × 7 + 5 pixels, 0.75 pt each). */
const columnPoints = (w: number) => Math.round((w * 7 + 5) * 0.75 * 100) / 100;
const a1 = (r: number, c: number) => `${colLetter(c + 1)}${r + 1}`;

type Used = { values: unknown[][]; row: number; col: number };

/** A sheet of the previous run: its layout found again, refused before any write when it is not ours. */
interface Previous {
  used: Used;
  prev: PreviousSheet;
  rowCount: number;
}

function previousOf(grid: SheetGrid, used: Used | undefined): Previous | undefined {
  if (!used) return undefined;
  const at = (r: number, c: number) => used.values[r - (used.row - 1)]?.[c - (used.col - 1)];
  const rowCount = used.row - 1 + used.values.length;
  const prev = parsePrevious(grid.name, at, rowCount);
  const nonEmpty = used.values.some((row) => row.some((v) => v !== "" && v !== null));
  if (!prev.ours && nonEmpty) throw new Error(`工作簿中已有名为“${grid.name}”的工作表，但不是本加载项生成的；为免覆盖，请将其重命名后再汇总`);
  return { used, prev, rowCount };
}

/**
 * Queues one sheet of the document onto its draft (no sync): the office's cells from the previous content,
 * the grid as values with text format where text (no formula from a unit's name or a problem text), merges,
 * styles from the style table, widths, heights. `copied`: the draft is a copy of the previous sheet, whose
 * cells are rearranged in place; otherwise it is new and the office's cells are written into it (values).
 */
function queueData(ws: Excel.Worksheet, grid: SheetGrid, styles: SummaryDocument["styles"], previous: Previous | undefined, copied: boolean): void {
  let placed: ReturnType<typeof carriedCells> = [];
  if (previous) {
    const { used, prev, rowCount } = previous;
    // Lazily, row by row: a sheet with 200 000 note rows is walked once, never spread.
    const old = function* () {
      for (let r = 0; r < used.values.length; r++) {
        const row = used.values[r];
        for (let c = 0; c < row.length; c++) if (row[c] !== "" && row[c] !== null) yield { row: r + used.row - 1, col: c + used.col - 1, value: row[c] };
      }
    };
    placed = carriedCells(old(), prev, grid);
    if (copied && prev.endRow >= 0) {
      // Rows below the old area keep their distance to its end: Excel moves them (cells, formats and
      // comments) by inserting or deleting whole rows at the boundary — one request however many there are.
      const delta = grid.endRow - prev.endRow;
      if (delta > 0) ws.getRange(`${prev.endRow + 2}:${prev.endRow + 1 + delta}`).insert("Down");
      else if (delta < 0) ws.getRange(`${grid.endRow + 2}:${prev.endRow + 1}`).delete("Up");
      placed = placed.filter((p) => p.from.row <= prev.endRow);
      const rows = ws.getRange(`1:${Math.min(prev.endRow, grid.endRow) + 1}`);
      rows.unmerge();
      rows.clear("All");
    } else if (copied) {
      const area = ws.getRange(`A1:${colLetter(used.col - 1 + (used.values[0]?.length ?? 1))}${rowCount}`);
      area.unmerge();
      area.clear("All");
    }
  }
  const n = grid.rows.length;
  const cells = grid.rows.map((row) => row.map((g) => (g.v === null ? "" : g.v)));
  const area = ws.getRange(`A1:${a1(n - 1, grid.width - 1)}`);
  // Text as text; a style's number format (按比例计入 "0.00") on its figures.
  area.numberFormat = textFormats(cells).map((row, r) => row.map((f, c) => (typeof cells[r][c] === "number" && grid.rows[r][c].s ? (styles[grid.rows[r][c].s!].numFmt ?? f) : f)));
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
  // Heights by runs of adjacent rows of one height (the chart's rows): a request per run, not per row.
  const heights = [...grid.heights].sort((x, y) => x[0] - y[0]);
  for (let i = 0; i < heights.length; ) {
    let j = i;
    while (j + 1 < heights.length && heights[j + 1][0] === heights[j][0] + 1 && heights[j + 1][1] === heights[i][1]) j++;
    ws.getRange(`${heights[i][0] + 1}:${heights[j][0] + 1}`).format.rowHeight = heights[i][1];
    i = j + 1;
  }
}

/**
 * The print setup (PageLayout and page breaks, ExcelApi 1.9), documented values only: one page wide as a
 * print scale (PageLayoutZoomOptions: scale "between 10 and 400"; no documented "automatic" height).
 */
function queuePrint(ws: Excel.Worksheet, grid: SheetGrid): void {
  const page = ws.pageLayout;
  page.orientation = "Landscape";
  page.paperSize = "A4";
  page.setPrintArea(`A1:${a1(grid.endRow, grid.width - 1)}`);
  if (grid.printTitles) page.setPrintTitleRows(`$${grid.printTitles[0] + 1}:$${grid.printTitles[1] + 1}`);
  page.zoom = { scale: grid.printScale };
  queueMargins(page);
  page.centerHorizontally = true;
  if (grid.footer) page.headersFooters.defaultForAllPages.centerFooter = grid.footer;
  // A break is added above the given cell (Excel.PageBreakCollection.add).
  for (const r of grid.rowBreaks) ws.horizontalPageBreaks.add(`A${r + 2}`);
}

/**
 * A native column chart per table (Worksheet.charts, ExcelApi 1.1; the unit names as category axis through
 * ChartSeries.setXAxisValues and labels through hasDataLabels, ExcelApi 1.7): the same chart the command line
 * adds to its file, under the same stable name (ChartSpec.name), by which a re-run finds and replaces it.
 */
function queueCharts(ws: Excel.Worksheet, charts: ChartSpec[]): void {
  for (const spec of charts) {
    const values = ws.getRange(`${a1(spec.values.r1, spec.values.col)}:${a1(spec.values.r2, spec.values.col)}`);
    const chart = ws.charts.add("ColumnClustered", values, "Columns");
    chart.name = spec.name;
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

/** Charts of an earlier run: by their stable name, or by the title earlier versions named them after. */
function isOurChart(name: string): boolean {
  // Earlier versions named a chart after its title, in the wordings of their time (县、区 / 县区 / 市直部门).
  return /^信用考核汇总图_/.test(name) || [...Object.values(UNIT_KIND_LABEL), "县、区"].some((label) => name === `${label}考核得分`);
}

/**
 * Deletes the drafts of a run that failed: each by the object the run made (a copy that failed to be renamed
 * still has Excel's "汇总 (2)"), then any sheet left under a draft's name; each on its own, best effort.
 */
async function discard(context: Excel.RequestContext, drafts: readonly { ws: Excel.Worksheet }[], draftNames: readonly string[]): Promise<void> {
  for (const d of drafts) {
    try {
      d.ws.delete();
      await context.sync();
    } catch {
      /* not made, or already gone */
    }
  }
  await removeSheetsIfPresent(context, draftNames);
}

export async function buildSummary(opts: BuildSummaryOptions = {}): Promise<BuildSummaryResult> {
  const supports = opts.supports ?? officeSupports();
  return runExcel(async (context) => {
    const { context: counted, syncs } = countingSyncs(context);
    const sheets = context.workbook.worksheets;
    // Values of the 汇总 (its previous run, the office's notes) and of the 核定记录 (the record 核定 are taken from).
    const snap = await readSnapshot(counted, undefined, [SUMMARY_SHEET, LOG_SHEET, AUDIT_SHEET]);
    aborted(opts.signal);
    const year = opts.year ?? workingYear();
    const expected = expectedUnits(year, opts.expected);
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
    const doc = buildSummaryDocument(data);
    const grids = [doc.report, doc.log];
    const exists = (name: string) => snap.sheetNames.some((n) => n.toLowerCase() === name.toLowerCase());
    // A sheet of these names that is not ours is refused here, before anything is written.
    const previous = new Map(grids.map((g) => [g, exists(g.name) ? previousOf(g, snap.used.get(g.name)) : undefined]));
    aborted(opts.signal); // nothing written yet: a cancel leaves the workbook as it was

    // ---- read: protection (the sheets, the workbook's structure) and the previous report's charts
    const copy = supports("ExcelApi", "1.7");
    const protections = queueProtectionRead(
      context,
      grids.filter((g) => exists(g.name)).map((g) => ({ name: g.name, ws: sheets.getItem(g.name) })),
      supports,
    );
    await counted.sync();
    const protectedBefore = protections.check({ changesSheets: true }).map((p) => p.name);
    const leftovers = snap.sheetNames.filter((n) => grids.some((g) => n === g.name + DRAFT));

    // ---- the drafts: written whole, or deleted
    const draftName = (g: SheetGrid) => g.name + DRAFT;
    const drafts: { grid: SheetGrid; ws: Excel.Worksheet; copied: boolean }[] = [];
    try {
      if (leftovers.length) await removeSheetsIfPresent(counted, leftovers);
      for (const grid of grids) {
        const copied = copy && previous.get(grid) !== undefined;
        // A copy goes right after its sheet, so that the swapped-in sheet takes the old one's place in the tabs.
        const ws = copied ? sheets.getItem(grid.name).copy("After", sheets.getItem(grid.name)) : sheets.add(draftName(grid));
        if (copied) ws.name = draftName(grid);
        drafts.push({ grid, ws, copied });
      }
      // A copy keeps its sheet's protection: drafts of protected sheets are unprotected first, on their own.
      const toOpen: ProtectedSheet[] = drafts.filter((d) => d.copied && protectedBefore.includes(d.grid.name)).map((d) => ({ name: draftName(d.grid), ws: d.ws }));
      if (toOpen.length) {
        await counted.sync();
        await unprotectAlone(counted, toOpen).catch((e: unknown) => {
          throw e instanceof WriteError ? new WriteError(e.kind, e.message.replace(DRAFT, ""), e.sheets.map((n) => n.replace(DRAFT, ""))) : e;
        });
      }
      for (const d of drafts) queueData(d.ws, d.grid, doc.styles, previous.get(d.grid), d.copied);
      await counted.sync();
    } catch (e) {
      await discard(counted, drafts, grids.map(draftName));
      throw writeFailed(e, "写入汇总", `原有的“${SUMMARY_SHEET}”和“${LOG_SHEET}”没有改动；请保存工作簿后再试`);
    }

    // ---- the swap (run.ts swapIn): renames only, undone on failure; then the old sheets deleted
    let leftAside: string[];
    try {
      leftAside = await swapIn(
        counted,
        drafts.map((d) => ({ name: d.grid.name, draft: d.ws, draftName: draftName(d.grid), existed: exists(d.grid.name) })),
        () => {
          drafts[0].ws.position = 0;
          drafts[0].ws.activate();
        },
      );
    } catch (e) {
      await removeSheetsIfPresent(counted, grids.map(draftName));
      throw writeFailed(e, "替换汇总", "汇总未更新（原有的汇总表保持原样）；请保存工作簿后再试");
    }

    // ---- guarded steps: the data is in place; each of these may fail alone and is then only reported
    const notes: string[] = leftAside.map((n) => `上一次的汇总表已改名为“${n}”，未能删除（新汇总已写好），可在确认后自行删除`);
    if (supports("ExcelApi", "1.9")) {
      try {
        for (const d of drafts) queuePrint(d.ws, d.grid);
        await counted.sync();
      } catch (e) {
        notes.push(`打印设置未能应用（${otherFailure("设置打印", e)}），汇总数据已写好；可在“页面布局”中设为 A4 横向`);
      }
    }
    if (copy) {
      try {
        // The copy brought the previous run's charts along: those are replaced, any other chart stays.
        const report = drafts[0].ws;
        const before = report.charts.load("items/name");
        await counted.sync();
        for (const c of before.items) if (isOurChart(c.name)) c.delete();
        queueCharts(report, doc.charts);
        await counted.sync();
      } catch (e) {
        notes.push(`得分柱形图未能生成（${otherFailure("绘制图表", e)}），汇总数据已写好`);
      }
    }
    const open = await protectAgain(
      counted,
      drafts.filter((d) => protectedBefore.includes(d.grid.name)).map((d) => ({ name: d.grid.name, ws: d.ws })),
    );
    if (open.length) notes.push(`${open.map((n) => `“${n}”`).join("、")}工作表原先受保护，未能重新保护`);
    return {
      sheet: SUMMARY_SHEET,
      data,
      units: units.reviews.length,
      withProblems: units.reviews.filter((r) => r.openProblems > 0).length,
      syncs: syncs(),
      notes,
    };
  });
}
