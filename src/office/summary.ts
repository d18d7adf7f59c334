// 汇总 in the open workbook: every unit sheet re-scored and summarised into the 汇总 sheet in three
// round-trips whatever the number of units (two reads, one write). Values only; the office's notes
// right of the tables and below the end marker are kept.
import { throwIfAborted as aborted } from "./abort";
import { runExcel } from "./run";
import { unitsOf, workingYear, type UnitKind } from "../core/index";
import { summarize, type SummaryData } from "../review/summary";
import { buildSummaryGrid, parseOldSummary, placeExtras, SUMMARY_SHEET, type GridStyle } from "../review/summaryGrid";
import { isTemplateSheet, reviewUnit } from "../review/unit";
import { canonicalName } from "../review/identity";
import { AUDIT_SHEET, auditTime, latestRecords, parseAuditRows } from "../review/verification";
import { colLetter } from "../layout/template";
import { readSnapshot } from "./snapshot";
import { textFormats } from "./templateWriter";

export interface BuildSummaryOptions {
  /** 按比例计入 分值 (default 100: the score carried unchanged). */
  weight?: number;
  year?: number;
  /** Expected units; 市直部门 default to none (nobody reported 未返回) when the list is not given. */
  expected?: Partial<Record<UnitKind, readonly string[]>>;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface BuildSummaryResult {
  sheet: string;
  data: SummaryData;
  units: number;
  withProblems: number;
  syncs: number;
}

const FILL: Partial<Record<GridStyle, string>> = {
  th: "#D9E1F2",
  "status.未返回": "#D9D9D9",
  "status.待核定": "#FFF2CC",
  "status.已核定": "#E2EFDA",
  "status.有问题": "#FFC7CE",
};

export async function buildSummary(opts: BuildSummaryOptions = {}): Promise<BuildSummaryResult> {
  return runExcel(async (context) => {
    let syncs = 0;
    const counted = new Proxy(context, { get: (t, p) => (p === "sync" ? async () => (syncs++, t.sync()) : Reflect.get(t, p, t)) }) as Excel.RequestContext;
    // Values of the 汇总 (its previous run, the office's notes) and of the 核定记录 (the record 核定 are taken from).
    const snap = await readSnapshot(counted, undefined, [SUMMARY_SHEET, AUDIT_SHEET]);
    aborted(opts.signal);
    const year = opts.year ?? workingYear();
    const expected: Record<UnitKind, readonly string[]> = { county: opts.expected?.county ?? unitsOf(year).county, department: opts.expected?.department ?? [] };
    const unitSheets = snap.sheets.filter(isTemplateSheet);
    // The office's own workbook: a 核定 counts only when it matches the latest 核定记录 entry (src/review/unit.ts).
    const audit = snap.used.get(AUDIT_SHEET);
    const log = audit ? parseAuditRows(audit.values) : { entries: [], problems: [] };
    const records = latestRecords(log.entries, canonicalName);
    const reviews = unitSheets.map((s, i) => {
      const r = reviewUnit(s, { year, expected, origin: "workbook", records });
      opts.onProgress?.(i + 1, unitSheets.length);
      return r;
    });
    const data = summarize(reviews, { year, weight: opts.weight, expected, recordProblems: log.problems }, auditTime);
    aborted(opts.signal); // nothing written yet: a cancel leaves the workbook as it was
    const grid = buildSummaryGrid(data);
    const exists = snap.sheetNames.includes(SUMMARY_SHEET);
    const ws = exists ? context.workbook.worksheets.getItem(SUMMARY_SHEET) : context.workbook.worksheets.add(SUMMARY_SHEET);
    let placed: ReturnType<typeof placeExtras> = [];
    const prevUsed = snap.used.get(SUMMARY_SHEET);
    if (exists && prevUsed) {
      const at = (r: number, c: number) => prevUsed.values[r - (prevUsed.row - 1)]?.[c - (prevUsed.col - 1)];
      const rowCount = prevUsed.row - 1 + prevUsed.values.length;
      const prev = parseOldSummary(at, rowCount);
      const nonEmpty = prevUsed.values.some((row) => row.some((v) => v !== "" && v !== null));
      if (!prev.ours && nonEmpty) {
        throw new Error(`工作簿中已有名为“${SUMMARY_SHEET}”的工作表，但不是本加载项生成的汇总表；为免覆盖，请将其重命名后再汇总`);
      }
      const old = prevUsed.values.flatMap((row, r) => row.map((value, c) => ({ row: r + prevUsed.row - 1, col: c + prevUsed.col - 1, value })));
      placed = placeExtras(old, prev, grid);
      const lastOld = Math.max(prev.endRow, 0) + 1;
      const area = ws.getRange(`A1:${colLetter(grid.width)}${Math.max(lastOld, rowCount)}`);
      area.unmerge();
      area.clear("All");
      for (const p of placed) if (p.from.col >= grid.width) ws.getRange(`${colLetter(p.from.col + 1)}${p.from.row + 1}`).clear("Contents");
    }
    const n = grid.rows.length;
    // Unit names, 核定说明 and problem texts come from returned files: text format before the values, in the
    // same batch, so that none of them can become a formula (see templateWriter.layoutGrid).
    const cells = grid.rows.map((row) => row.map((g) => (g.v === null ? "" : g.v)));
    const area = ws.getRange(`A1:${colLetter(grid.width)}${n}`);
    area.numberFormat = textFormats(cells);
    area.values = cells;
    for (const m of grid.merges) ws.getRange(`${colLetter(m.c1 + 1)}${m.r1 + 1}:${colLetter(m.c2 + 1)}${m.r2 + 1}`).merge(false);
    grid.rows.forEach((row, r) =>
      row.forEach((g, c) => {
        const fill = g.s && FILL[g.s];
        if (!fill && g.s !== "title" && g.s !== "section") return;
        const cell = ws.getRange(`${colLetter(c + 1)}${r + 1}`);
        if (fill) cell.format.fill.color = fill;
        if (g.s === "th" || g.s === "title" || g.s === "section" || g.s === "status.有问题") cell.format.font.bold = true;
      }),
    );
    for (const p of placed) {
      const cell = ws.getRange(`${colLetter(p.col + 1)}${p.row + 1}`);
      const v = [[p.value as string | number | boolean]];
      if (typeof p.value === "string") cell.numberFormat = textFormats(v);
      cell.values = v;
    }
    grid.widths.forEach((w, i) => (ws.getRange(`${colLetter(i + 1)}:${colLetter(i + 1)}`).format.columnWidth = w * 6));
    for (const [r, h] of grid.heights) ws.getRange(`A${r + 1}`).format.rowHeight = h;
    if (typeof Office !== "undefined" && Office.context?.requirements?.isSetSupported("ExcelApi", "1.9")) {
      ws.pageLayout.orientation = Excel.PageOrientation.landscape;
      ws.pageLayout.setPrintArea(`A1:${colLetter(grid.width)}${grid.endRow + 1}`);
      ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      ws.pageLayout.headersFooters.defaultForAllPages.centerFooter = "第 &P 页，共 &N 页";
    }
    await counted.sync();
    return {
      sheet: SUMMARY_SHEET,
      data,
      units: reviews.length,
      withProblems: reviews.filter((r) => r.openProblems > 0).length,
      syncs,
    };
  });
}
