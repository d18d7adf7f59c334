// The 汇总 as a document laid out in data, shared by the ExcelJS writer (command line) and the Office.js
// writer (add-in): the two produce the same document.
//   汇总     — the report the 市委考评办 receives, sent unchanged: title, 制表单位 and date, one ranked table
//              per kind of unit of the units that returned their form (page break between them, the column
//              headings repeated on every printed page), one line naming those that did not, a bar chart of the
//              scores under each table, and the sign-off; paged so that every page carries rows (pageBreaks).
//   工作记录 — what the office works from and does not send: how the figures were made, the rule version,
//              who has not returned, every open problem with its cell, each unit's state, the office's notes;
//              a section that goes on over a page repeats its heading there (paged).
// Values only, no formulas: the file is emailed and opened anywhere. Re-running keeps what the office
// typed: see carriedCells() and README “汇总”.
import { beijingTime, formatPoints } from "../core/format";
import { clauseNumber, parseUnitKind, UNIT_KIND_LABEL, type UnitKind } from "../core/index";
import type { SummaryData, SummaryRow, SummaryTable } from "./summary";
import { SUMMARY_STYLES, type GridStyle } from "./summaryStyles";
import type { CellStyle } from "../core/cellStyle";
import { lineEms } from "../layout/typeset";

export const SUMMARY_SHEET = "汇总";
export const LOG_SHEET = "工作记录";
/** The notice's issuer, who draws up the 汇总 (制表单位). */
export const ISSUER = "鹤岗市社会信用体系建设工作领导小组办公室";
export const TITLE_SUFFIX = "“信用鹤岗”建设工作考核结果汇总表";
/** After the title while any returned unit is not 已核定 (SummaryData.draft). */
export const DRAFT_MARK = "（草稿）";
/** The report-only workbook the command line writes beside the 汇总 (汇总.xlsx → 汇总-报送.xlsx). */
export const REPORT_ONLY_SUFFIX = "-报送";
/** Title and end marker of the first layout (one sheet, instructions printed): still recognised on re-run. */
export const OLD_TITLE_SUFFIX = "“信用鹤岗”建设工作考核汇总";
export const END_MARKER = "——以上由加载项生成";
/** First cell of the report's last row (the sign-off block): the end of the add-in's area. */
export const SIGN_LABEL = "审核人：";
/** First cell of the 工作记录's last row. */
export const LOG_END = "（以上由加载项生成。";
export const NOTE_HEADING = "市信用办备注";
/** Starts the one line under a table that lists the units which did not return their form. */
export const MISSING_LABEL = "未报送单位";
/** The key (unitKey(kind, MISSING_KEY)) of that line, for notes the office wrote beside it: no unit has this name. */
const MISSING_KEY = "（未报送单位）";
/** Appended to a 工作记录 section heading repeated at the top of a page it continues on. */
export const CONTINUED = "（续）";
/** The 工作记录's section of open problems, where the pane sends the clerk. */
export const PROBLEMS_SECTION = "四、待解决问题";

export type { GridStyle };

export interface GridCell {
  v: string | number | null;
  s?: GridStyle;
}

export interface GridMerge {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/** One sheet of the document; rows and columns 0-based. */
export interface SheetGrid {
  name: string;
  /** rows[r][c]; every row `width` long. */
  rows: GridCell[][];
  width: number;
  merges: GridMerge[];
  widths: number[];
  /** Row heights in points where a row needs more than the default. */
  heights: Map<number, number>;
  /** Rows repeated at the top of every printed page (inclusive), if any. */
  printTitles?: [number, number];
  /** The print scale (per cent) that fits the columns to the page width: for writers that set a scale, not fit-to pages. */
  printScale: number;
  /** A page break follows each of these rows. */
  rowBreaks: number[];
  /** Unit (kind + name) → its row, for carrying the office's notes on re-run. */
  unitRows: Map<string, number>;
  /** Column from which cells on a unit's row are the office's and move with the unit. */
  carryFrom: number;
  /** Last row of the add-in's area (cells below it are the office's and keep their distance to it). */
  endRow: number;
  header?: string;
  footer?: string;
}

/** A bar chart of one table's scores, drawn over reserved rows of the report. */
export interface ChartSpec {
  /** The chart's name in the workbook, the same every year: how a re-run finds the chart it replaces. */
  name: string;
  title: string;
  sheet: string;
  /** Unit names (0-based rows, one column). */
  categories: { col: number; r1: number; r2: number };
  /** Scores. */
  values: { col: number; r1: number; r2: number };
  /** The cached points, for programs that do not recalculate. */
  points: { label: string; value: number | null }[];
  /** Cells the chart covers: top-left (inclusive) to bottom-right (exclusive). */
  from: { row: number; col: number };
  to: { row: number; col: number };
}

export interface SummaryDocument {
  report: SheetGrid;
  log: SheetGrid;
  charts: ChartSpec[];
  /** What each cell's style name looks like (summaryStyles.ts): both writers render this table. */
  styles: Readonly<Record<GridStyle, CellStyle>>;
}

export const unitKey = (kind: UnitKind, unit: string) => `${kind}|${unit}`;
/** A table's chart, by a name that does not change with its title (a new year, a new wording). */
export const chartName = (kind: UnitKind) => `信用考核汇总图_${kind}`;

const KIND_SECTION: Record<UnitKind, string> = { county: `一、${UNIT_KIND_LABEL.county}`, department: `二、${UNIT_KIND_LABEL.department}` };
const ROW_POINTS = 16;
/** Height of a chart without its category labels (points): the rows it covers are reserved below its table. */
const CHART_POINTS = 170;
/** A4 landscape less the margins the writers set (0.4" left/right, 0.6" top/bottom), in points. */
const PRINTABLE = { width: 841.89 - 2 * 0.4 * 72, height: 595.28 - 2 * 0.6 * 72 };

const LOG_WIDTHS = [20, 18, 12, 10, 12, 9, 10, 36];
/** Point size of the lists of units (SUMMARY_STYLES missing and problem). */
const MISSING_SIZE = 10;

/**
 * `head` and the unit names separated by 、, broken into lines between names — never inside one (a printer
 * wraps a long cell anywhere: 市 / 第15测试局) — so that each line fits a span `width` characters wide.
 */
function nameList(head: string, names: readonly string[], width: number, size: number): string {
  const room = lineEms(width, size);
  const ems = (t: string) => [...t].reduce((w, ch) => w + (ch.charCodeAt(0) >= 0x2000 ? 1 : 0.6), 0);
  const lines: string[] = [];
  let line = head;
  names.forEach((name, i) => {
    const item = i < names.length - 1 ? `${name}、` : name;
    if (line && ems(line) + ems(item) > room) {
      lines.push(line);
      line = "";
    }
    line += item;
  });
  return [...lines, line].join("\n");
}

/** The day of a recorded moment in Beijing (the machine's zone may be another day). */
function dateText(iso: string): string {
  const [y, m, d] = beijingTime(iso).slice(0, 10).split("-").map(Number);
  return `${y} 年 ${m} 月 ${d} 日`;
}

/** Builds both sheets and the charts from the summary data. */
export function buildSummaryDocument(d: SummaryData): SummaryDocument {
  const report = buildReport(d);
  return { report: report.grid, charts: report.charts, log: buildLog(d), styles: SUMMARY_STYLES };
}

/** The returned units of the tables that are not 已核定, in table order. */
function draftUnits(d: SummaryData): SummaryRow[] {
  return (["county", "department"] as UnitKind[]).flatMap((k) => d.tables[k].rows.filter((r) => r.status === "待核定" || r.status === "有问题"));
}

// ---- the report ----

interface Column {
  title: string;
  width: number;
  cell: (row: SummaryRow, t: SummaryTable) => GridCell;
}

function reportColumns(d: SummaryData): Column[] {
  const n = (x: number | undefined, s: GridStyle = "num"): GridCell => ({ v: x === undefined ? null : x, s });
  const c = d.tables.county;
  const p = d.tables.department;
  const count = Math.max(c.categoryTitles.length, p.categoryTitles.length);
  // One heading row serves both tables (it is the print title): category names when both lists agree,
  // their points in each table's section line.
  const sameTitles = c.categoryTitles.length === p.categoryTitles.length && c.categoryTitles.every((x, i) => x.title === p.categoryTitles[i]?.title);
  const numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
  const cats: Column[] = Array.from({ length: count }, (_, i) => ({
    title: sameTitles ? `${c.categoryTitles[i].title}扣分` : `第${numerals[i] ?? i + 1}类扣分`,
    width: 9,
    cell: (row) => n(row.categories?.[i]),
  }));
  const cols: Column[] = [
    { title: "排名", width: 5, cell: (row) => n(row.rank) },
    { title: "单位", width: 22, cell: (row) => ({ v: row.unit, s: "text" }) },
    // Whose figures the row's deductions are, so that every row adds up: 核定, 自评, or how many of each.
    { title: "扣分依据", width: 9, cell: (row) => ({ v: row.basis ?? null, s: "remark" }) },
    ...cats,
    { title: "扣分合计", width: 8, cell: (row) => n(row.totalDeduction) },
    { title: "自评得分", width: 8, cell: (row) => n(row.selfScore) },
    { title: "核定得分", width: 8, cell: (row) => n(row.verifiedScore) },
    { title: "考核得分", width: 8, cell: (row) => n(row.score, "score") },
  ];
  // 按比例计入 at the default weight of 100 would repeat 考核得分: the column appears once the office sets
  // the 市委考评办's weight.
  if (d.weight !== 100) cols.push({ title: `按比例计入\n（本项 ${formatPoints(d.weight)} 分）`, width: 12, cell: (row) => n(row.weighted, "weighted") });
  cols.push({ title: "备注", width: 16, cell: (row) => ({ v: remarkOf(row), s: "remark" }) });
  return cols;
}

/** What the 市委考评办 needs to know about a row that is not a final score. */
export function remarkOf(row: SummaryRow): string {
  if (row.status === "未返回") return "未返回";
  // The report leaves the problems to the 工作记录 (it is sent out): only that the unit is not scored yet.
  if (row.status === "有问题" && row.selfScore !== undefined) return "待核实，暂不计分";
  if (row.score === undefined) return "无法计分";
  if (row.provisional) return "得分为暂计（数据未填完）";
  const recheck = recheckRemark(row);
  const state = row.status === "待核定" ? (row.remaining ? `待核定（${row.remaining} 条未核定）` : "待核定") : "";
  return [state, recheck].filter(Boolean).join("；");
}

/** "复核后 90 → 92.5 分" when a 复核 changed the unit's score; "" otherwise. */
export function recheckRemark(row: SummaryRow): string {
  const x = row.recheck;
  if (!x || Math.abs(x.scoreBefore - x.scoreAfter) < 1e-9) return "";
  return `复核后由 ${formatPoints(x.scoreBefore)} 分调整为 ${formatPoints(x.scoreAfter)} 分`;
}

function buildReport(d: SummaryData): { grid: SheetGrid; charts: ChartSpec[] } {
  const cols = reportColumns(d);
  const W = cols.length;
  const g = new GridBuilder(SUMMARY_SHEET, W);
  const charts: ChartSpec[] = [];
  g.line(`${d.year} 年度${TITLE_SUFFIX}${d.draft ? DRAFT_MARK : ""}`, "title");
  g.heights.set(0, 30);
  const meta = g.blank();
  const half = Math.floor(W / 2);
  meta[0] = { v: `制表单位：${ISSUER}`, s: "meta" };
  meta[half] = { v: `制表日期：${dateText(d.generatedAt)}`, s: "metaRight" };
  g.merges.push({ r1: g.rows.length, c1: 0, r2: g.rows.length, c2: half - 1 }, { r1: g.rows.length, c1: half, r2: g.rows.length, c2: W - 1 });
  g.rows.push(meta);
  const head = g.blank();
  cols.forEach((c, i) => (head[i] = { v: c.title, s: "th" }));
  const headRow = g.rows.length;
  g.rows.push(head);
  g.heights.set(headRow, 44);
  const scoreCol = cols.findIndex((c) => c.title === "考核得分");
  const tables: { first: number; after: number; chart?: ChartSpec }[] = [];
  for (const kind of ["county", "department"] as UnitKind[]) {
    const t = d.tables[kind];
    if (kind === "department") g.rowBreaks.push(g.rows.length - 1);
    const points = t.categoryTitles.map((x) => formatPoints(x.points)).join("、");
    g.line(`${KIND_SECTION[kind]}考核结果排名（应报 ${t.expected} 个，已报 ${t.returned} 个；各类分值依次为 ${points} 分）`, "section");
    const first = g.rows.length;
    // The units that returned their form, ranked; those that did not are one line under the table (not a
    // blank row each: 38 of them took two pages), and their rows' notes of an earlier run come to that line.
    const returned = t.rows.filter((r) => r.status !== "未返回");
    const missing = t.rows.filter((r) => r.status === "未返回");
    for (const row of returned) {
      g.unitRows.set(unitKey(kind, row.unit), g.rows.length);
      g.rows.push(cols.map((c) => c.cell(row, t)));
    }
    if (missing.length) {
      const at = g.rows.length;
      g.line(nameList(`${MISSING_LABEL}（${missing.length} 个）：`, missing.map((r) => r.unit), cols.reduce((a, c) => a + c.width, 0), MISSING_SIZE), "missing");
      g.unitRows.set(unitKey(kind, MISSING_KEY), at);
      for (const row of missing) g.unitRows.set(unitKey(kind, row.unit), at);
    }
    const after = g.rows.length;
    g.rows.push(g.blank());
    // The chart: one bar per unit that returned its form (the table's rows), over reserved rows of their own
    // height (pageBreaks may lower them to keep the chart on its table's page). A column chart as wide as the
    // table: plot and title, and room for the longest name written vertically (about one label size per character).
    if (returned.length) {
      const longest = returned.reduce((m, r) => Math.max(m, Math.min([...r.unit].length, 16)), 2);
      const chartRows = Math.ceil((CHART_POINTS + longest * 10) / ROW_POINTS);
      const from = { row: g.rows.length, col: 0 };
      for (let i = 0; i < chartRows; i++) {
        g.heights.set(g.rows.length, ROW_POINTS);
        g.rows.push(g.blank());
      }
      charts.push({
        name: chartName(kind),
        title: `${UNIT_KIND_LABEL[kind]}考核得分`,
        sheet: SUMMARY_SHEET,
        categories: { col: 1, r1: first, r2: first + returned.length - 1 },
        values: { col: scoreCol, r1: first, r2: first + returned.length - 1 },
        points: returned.map((r) => ({ label: r.unit, value: r.score ?? null })),
        from,
        to: { row: from.row + chartRows, col: W },
      });
    }
    tables.push({ first, after, chart: returned.length ? charts[charts.length - 1] : undefined });
    g.rows.push(g.blank());
  }
  // The sign-off a report to a higher office carries: who drew it up and how to reach them, the date, who
  // checked it and who answers for it, and room for the office's seal. The last row still starts with
  // 审核人： (SIGN_LABEL), the end of the add-in's area a re-run looks for.
  const third = Math.floor(W / 3);
  const maker = g.blank();
  maker[0] = { v: "制表人：", s: "sign" };
  maker[third] = { v: "联系电话：", s: "sign" };
  maker[2 * third] = { v: "日期：　　　　年　　月　　日", s: "sign" };
  const makerRow = g.rows.length;
  g.merges.push({ r1: makerRow, c1: 0, r2: makerRow, c2: third - 1 }, { r1: makerRow, c1: third, r2: makerRow, c2: 2 * third - 1 }, { r1: makerRow, c1: 2 * third, r2: makerRow, c2: W - 1 });
  g.rows.push(maker);
  g.heights.set(makerRow, 30);
  const sign = g.blank();
  sign[0] = { v: SIGN_LABEL, s: "sign" };
  sign[third] = { v: "负责人：", s: "sign" };
  sign[2 * third] = { v: "（市信用办盖章）", s: "sign" };
  const signRow = g.rows.length;
  g.merges.push({ r1: signRow, c1: 0, r2: signRow, c2: third - 1 }, { r1: signRow, c1: third, r2: signRow, c2: 2 * third - 1 }, { r1: signRow, c1: 2 * third, r2: signRow, c2: W - 1 });
  g.rows.push(sign);
  g.heights.set(signRow, 48);
  // Printed together: table 一's chart; after table 二 its chart, if any, and the sign-off.
  const keeps: Keep[] = tables.flatMap((t, i) =>
    i < tables.length - 1 ? (t.chart ? [{ first: t.first, start: t.after, end: t.chart.to.row, chart: t.chart }] : []) : [{ first: t.first, start: t.after, end: signRow, chart: t.chart }],
  );
  const grid = g.finish({
    widths: cols.map((c) => c.width),
    printTitles: [headRow, headRow],
    carryFrom: W,
    header: d.draft ? `草稿：尚有 ${draftUnits(d).length} 个单位未核定完毕，不是最终结果` : "",
    footer: "第 &P 页，共 &N 页",
  });
  // Every printed page carries content: a chart (and, after the last table, the sign-off) stays on one page
  // with rows of its table, never alone under the repeated headings.
  grid.rowBreaks = pageBreaks(grid, keeps);
  return { grid, charts };
}

/** The scale (at most 1) that fits the columns to the printed page's width. */
function fitScale(widths: number[]): number {
  const tableWidth = widths.reduce((a, w) => a + (w * 7 + 5) * 0.75, 0);
  return Math.min(1, PRINTABLE.width / tableWidth);
}

/** Unscaled height (points) that fits on one printed page when the columns are fitted to its width. */
function pageRoom(widths: number[]): number {
  return (PRINTABLE.height / fitScale(widths)) * 0.94;
}

/**
 * Rows of the report printed together: a table's chart (and after the last table the sign-off), from the
 * blank row under the table to `end`; `first` is the table's first row of data.
 */
interface Keep {
  first: number;
  start: number;
  end: number;
  chart?: ChartSpec;
}

/** A chart's rows may be lowered to this share of their height to stay on its table's page. */
const CHART_MIN_SHARE = 0.6;
/** Rows of a table (its last ones) taken to the next page with a chart that fits on neither. */
const KEEP_ROWS = 3;

/**
 * Page breaks of the report, walking the rows as the printer fills pages (the heading row repeated on each):
 * the break before table 二; and where a kept block does not fit below its table, first its chart lowered (to
 * CHART_MIN_SHARE), else a break before the table's last rows, so that the block's page starts with rows of
 * data under the headings — never a page of headings and a chart, or headings and the sign-off alone.
 */
function pageBreaks(grid: SheetGrid, keeps: Keep[]): number[] {
  const room = pageRoom(grid.widths);
  const h = (r: number) => grid.heights.get(r) ?? ROW_POINTS;
  const sum = (a: number, b: number) => {
    let t = 0;
    for (let k = a; k <= b; k++) t += h(k);
    return t;
  };
  const breaks = new Set(grid.rowBreaks);
  const titleHeight = grid.printTitles ? sum(grid.printTitles[0], grid.printTitles[1]) : 0;
  // A block is met once where its table's rows are, and, if they were taken along, once more on the new page.
  const moved = new Set<Keep>();
  const done = new Set<Keep>();
  /** Lowers the block's chart so that the block takes at most `avail` points, not below CHART_MIN_SHARE; returns its height. */
  const blockHeight = (keep: Keep, avail: number, apply: boolean): number => {
    const need = sum(keep.start, keep.end);
    if (need <= avail || !keep.chart) return need;
    const { from, to } = keep.chart;
    const chartHeight = sum(from.row, to.row - 1);
    const each = Math.max(Math.floor(((avail - (need - chartHeight)) / (to.row - from.row)) * 10) / 10, Math.ceil(ROW_POINTS * CHART_MIN_SHARE));
    if (!apply) return need - chartHeight + each * (to.row - from.row);
    for (let k = from.row; k < to.row; k++) grid.heights.set(k, each);
    return sum(keep.start, keep.end);
  };
  let used = 0;
  let pageStart = 0;
  let r = 0;
  while (r < grid.rows.length) {
    const keep = keeps.find((k) => k.start === r);
    if (keep && !done.has(keep)) {
      done.add(keep);
      const need = blockHeight(keep, room - used, false);
      if (used + need <= room || moved.has(keep)) blockHeight(keep, room - used, true);
      else {
        // The fewest of the table's last rows (up to KEEP_ROWS) that, with the block, fill a new page.
        let at = Math.max(pageStart + 1, keep.first + 1, keep.start - KEEP_ROWS);
        while (at < keep.start - 1 && titleHeight + sum(at, keep.start - 1) + blockHeight(keep, room - titleHeight - sum(at, keep.start - 1), false) > room) at++;
        if (at < keep.start) {
          moved.add(keep);
          done.delete(keep);
          breaks.add(at - 1);
          used = titleHeight;
          pageStart = at;
          r = at;
          continue;
        }
        if (r > pageStart) {
          breaks.add(r - 1);
          used = titleHeight;
          pageStart = r;
          blockHeight(keep, room - used, true);
        }
      }
    }
    if (used + h(r) > room && r > pageStart) {
      used = titleHeight;
      pageStart = r;
    }
    used += h(r);
    if (breaks.has(r)) {
      used = titleHeight;
      pageStart = r + 1;
    }
    r++;
  }
  return [...breaks].sort((a, b) => a - b);
}

/**
 * The 工作记录 paged: where a section goes on over a page, the next page starts with its heading marked
 * （续） and, for a table, its column headings — as rows of the sheet with a page break before them, which
 * Excel and LibreOffice both print (print titles are one range per sheet, not one per section). A heading is
 * never the last row of a page, and a blank row that would start a page is left out.
 */
function paged(grid: SheetGrid, context: Map<number, number[]>, keepNext: ReadonlySet<number>): SheetGrid {
  const room = pageRoom(grid.widths);
  const h = (r: number) => grid.heights.get(r) ?? ROW_POINTS;
  const mergesOf = new Map<number, GridMerge[]>();
  for (const m of grid.merges) mergesOf.set(m.r1, [...(mergesOf.get(m.r1) ?? []), m]);
  const rows: GridCell[][] = [];
  const merges: GridMerge[] = [];
  const heights = new Map<number, number>();
  const moved = new Map<number, number>();
  const breaks: number[] = [];
  let used = 0;
  const push = (r: number, repeated: boolean) => {
    const at = rows.length;
    const row = grid.rows[r];
    rows.push(repeated && row[0].s === "section" ? [{ ...row[0], v: `${String(row[0].v)}${CONTINUED}` }, ...row.slice(1)] : row);
    if (grid.heights.has(r)) heights.set(at, grid.heights.get(r)!);
    for (const m of mergesOf.get(r) ?? []) merges.push({ ...m, r1: at, r2: at + (m.r2 - m.r1) });
    if (!repeated) moved.set(r, at);
    used += h(r);
  };
  const blank = (r: number) => grid.rows[r].every((c) => c.v === null && !c.s);
  for (let r = 0; r < grid.rows.length; r++) {
    let need = h(r);
    for (let k = r; keepNext.has(k) && k + 1 < grid.rows.length; k++) need += h(k + 1);
    if (used > 0 && used + need > room) {
      breaks.push(rows.length - 1);
      used = 0;
      if (blank(r)) continue;
      for (const x of context.get(r) ?? []) if (x < r) push(x, true);
    }
    push(r, false);
  }
  const unitRows = new Map<string, number>();
  for (const [key, r] of grid.unitRows) unitRows.set(key, moved.get(r)!);
  return { ...grid, rows, merges, heights, rowBreaks: breaks, unitRows, endRow: rows.length - 1 };
}

// ---- the 工作记录 ----

function buildLog(d: SummaryData): SheetGrid {
  const W = 8;
  const g = new GridBuilder(LOG_SHEET, W);
  const time = beijingTime(d.generatedAt);
  const c = d.tables.county;
  const p = d.tables.department;
  g.line(`${d.year} 年度“信用鹤岗”考核工作记录（市信用办内部使用，不随汇总表报送）`, "title");
  g.heights.set(0, 28);
  g.line(`汇总时间：${time}　　计分规则：${d.ruleVersion}`, "info");
  g.line(
    `按比例计入：${d.weight === 100 ? "未设定市委考评办确定的本项分值（按 100 分计，即考核得分本身），汇总表不列按比例计入" : `考核得分 × ${formatPoints(d.weight)} ÷ 100（本项 ${formatPoints(d.weight)} 分），保留两位小数`}　　` +
      `已返回：县区 ${c.returned}/${c.expected}，市直部门 ${p.returned}/${p.expected}`,
    "info",
  );
  g.rows.push(g.blank());
  g.line("一、说明", "section");
  for (const text of [
    "“汇总”工作表是报送市委考评办的考核结果汇总表，可直接发送；本表（工作记录）供市信用办内部使用。",
    "考核得分按各单位填报的数据重新计算（不采用单位表中保存的得分），已核定的条款以考核组核定扣分为准；排名按考核得分，得分相同名次并列（如 1、1、3）。",
    "得分为暂计：单位表中还有待填或数据错误的条款，不参加排名；未返回、无法计分的单位不排名。",
    `重新汇总：更新“汇总”和本表由加载项生成的部分；在“汇总”表格右侧、本表“${NOTE_HEADING}”列填写的内容随所在单位的行移动，单元格批注（备注）同样随单位移动；两表末行以下填写的内容保持与末行的距离；其他工作表不改动。`,
  ])
    g.line(text, "info");
  g.rows.push(g.blank());
  g.line(`二、未返回单位（县区 ${d.missing.county.length} 个，市直部门 ${d.missing.department.length} 个）`, "section");
  for (const kind of ["county", "department"] as UnitKind[]) {
    const r = g.blank();
    r[0] = { v: UNIT_KIND_LABEL[kind], s: "th" };
    r[1] = { v: d.missing[kind].length ? nameList("", d.missing[kind], LOG_WIDTHS.slice(1).reduce((a, w) => a + w, 0), MISSING_SIZE) : "（全部已返回）", s: "problem" };
    g.merges.push({ r1: g.rows.length, c1: 1, r2: g.rows.length, c2: W - 1 });
    g.rows.push(r);
  }
  {
    // Returned sheets whose unit is not established (src/review/identity.ts): listed apart, never ranked.
    const apart = d.apart ?? [];
    const r = g.blank();
    r[0] = { v: "未认定", s: "th" };
    r[1] = {
      v: apart.length
        ? `以下表格不参加排名（单位名称、工作表名、文件名不一致，或不是成员单位）：${apart.map((a) => `${a.source ? `文件“${a.source}”` : ""}工作表“${a.sheet}”——${a.reason}`).join("；")}`
        : "（无）",
      s: "problem",
    };
    g.merges.push({ r1: g.rows.length, c1: 1, r2: g.rows.length, c2: W - 1 });
    g.rows.push(r);
  }
  if (d.notes?.length) {
    // How files were attributed where the rule must be told (a file whose name names no unit).
    const r = g.blank();
    r[0] = { v: "文件认定", s: "th" };
    r[1] = { v: d.notes.join("；"), s: "problem" };
    g.merges.push({ r1: g.rows.length, c1: 1, r2: g.rows.length, c2: W - 1 });
    g.rows.push(r);
  }
  g.rows.push(g.blank());
  g.line("三、核定情况", "section");
  const open = draftUnits(d);
  const tallied = d.verifications;
  const counted = (list: [string, number][]) => list.map(([k, n]) => `${k} ${n} 条`).join("、");
  const claims = (["county", "department"] as UnitKind[]).flatMap((k) => d.tables[k].rows.filter((r) => r.notApplicable?.length).map((r) => `${r.unit}：${r.notApplicable!.map((c) => `${c.indicator}（${c.decided}）`).join("、")}`));
  for (const [head, text] of [
    ["未核定完毕", open.length ? `${open.length} 个单位，汇总表为草稿：${open.map((r) => `${r.unit}（${r.status === "有问题" ? `${r.openProblems} 个问题未解决` : ""}${r.status === "有问题" && r.remaining ? "，" : ""}${r.remaining ? `剩 ${r.remaining} 条未核定` : ""}）`).join("、")}` : "（全部已核定，汇总表为最终结果）"],
    ["采用的核定", `${tallied.count ? `共 ${tallied.count} 条；核定人：${counted(tallied.byReviewer)}；类型：${counted(tallied.byKind)}` : "（无）"}${tallied.sources?.length ? `。核定依据：${tallied.sources.join("；")}` : ""}`],
    ["不涉及声明", claims.length ? `${claims.join("；")}（每项“不涉及”须考核组在核定表中确认：同意自评即确认）` : "（无）"],
  ] as const) {
    const r = g.blank();
    r[0] = { v: head, s: "th" };
    r[1] = { v: text, s: "problem" };
    g.merges.push({ r1: g.rows.length, c1: 1, r2: g.rows.length, c2: W - 1 });
    g.rows.push(r);
  }
  g.rows.push(g.blank());
  const errors = d.problems.filter((x) => x.severity === "错误").length;
  g.line(`${PROBLEMS_SECTION}（错误 ${errors} 项，提示 ${d.problems.length - errors} 项）`, "section");
  const ph = g.blank();
  ["单位", "来源文件", "工作表", "单元格", "类别", "问题"].forEach((x, i) => (ph[i] = { v: x, s: "th" }));
  g.merges.push({ r1: g.rows.length, c1: 5, r2: g.rows.length, c2: W - 1 });
  g.rows.push(ph);
  for (const pr of d.problems) {
    const r = g.blank();
    r[0] = { v: pr.unit || "", s: "text" };
    r[1] = { v: pr.source ?? "", s: "text" };
    r[2] = { v: pr.sheet, s: "text" };
    r[3] = { v: pr.address, s: "text" };
    r[4] = { v: `${pr.severity}·${pr.kind}`, s: "text" };
    r[5] = { v: pr.message, s: "problem" };
    g.merges.push({ r1: g.rows.length, c1: 5, r2: g.rows.length, c2: W - 1 });
    g.rows.push(r);
  }
  g.rows.push(g.blank());
  g.line("五、各单位状态", "section");
  const sh = g.blank();
  ["单位", "类别", "状态", "考核得分", "自评得分", "核定得分", "待解决问题", NOTE_HEADING].forEach((x, i) => (sh[i] = { v: x, s: "th" }));
  g.rows.push(sh);
  for (const kind of ["county", "department"] as UnitKind[]) {
    for (const row of d.tables[kind].rows) {
      const r = g.blank();
      const n = (x: number | undefined): GridCell => ({ v: x === undefined ? null : x, s: "num" });
      r[0] = { v: row.unit, s: "text" };
      r[1] = { v: UNIT_KIND_LABEL[kind], s: "text" };
      r[2] = { v: row.status, s: `status.${row.status}` };
      r[3] = row.provisional && row.score !== undefined ? { v: `${formatPoints(row.score)}（暂）`, s: "num" } : row.status === "有问题" && row.selfScore !== undefined ? { v: "暂不计分", s: "num" } : n(row.score);
      r[4] = n(row.selfScore);
      r[5] = n(row.verifiedScore);
      r[6] = n(row.status === "未返回" ? undefined : row.openProblems);
      r[7] = { v: null, s: "note" };
      g.unitRows.set(unitKey(kind, row.unit), g.rows.length);
      g.rows.push(r);
    }
  }
  g.rows.push(g.blank());
  // 六、复核: each clause decided again on a unit's request (the 核定记录's 复核 entries adopted), and whose score changed.
  const rechecked = (["county", "department"] as UnitKind[]).flatMap((kind) => d.tables[kind].rows.filter((row) => row.recheck).map((row) => ({ kind, row, x: row.recheck! })));
  const changed = rechecked.filter(({ row }) => recheckRemark(row));
  g.line(
    `六、复核（${rechecked.reduce((n, { x }) => n + x.clauses.length, 0)} 条，${rechecked.length} 个单位；得分因复核变动的 ${changed.length} 个${changed.length ? `：${changed.map(({ row, x }) => `${row.unit} ${formatPoints(x.scoreBefore)} → ${formatPoints(x.scoreAfter)}`).join("、")}` : ""}）`,
    "section",
  );
  if (rechecked.length) {
    const rh = g.blank();
    ["单位", "条款", "原核定扣分", "复核扣分", "复核人", "复核时间", "复核理由"].forEach((x, i) => (rh[i] = { v: x, s: "th" }));
    g.merges.push({ r1: g.rows.length, c1: 6, r2: g.rows.length, c2: W - 1 });
    g.rows.push(rh);
    for (const { row, x } of rechecked) {
      for (const c of x.clauses) {
        const r = g.blank();
        r[0] = { v: row.unit, s: "text" };
        r[1] = { v: clauseNumber(c.clauseId), s: "text" };
        r[2] = { v: c.before, s: "num" };
        r[3] = { v: c.after, s: "num" };
        r[4] = { v: c.reviewer, s: "text" };
        r[5] = { v: c.time.replace("T", " ").slice(0, 16), s: "text" };
        r[6] = { v: c.reason, s: "problem" };
        g.merges.push({ r1: g.rows.length, c1: 6, r2: g.rows.length, c2: W - 1 });
        g.rows.push(r);
      }
    }
  } else {
    const r = g.blank();
    r[0] = { v: "（无）", s: "text" };
    g.rows.push(r);
  }
  g.rows.push(g.blank());
  g.line(`${LOG_END}重新汇总时更新以上内容；“${NOTE_HEADING}”列、右侧各列及本行以下填写的内容会保留。）`, "info");
  // What a page that a section goes on over repeats: the section's heading and, in a table, its column headings.
  const context = new Map<number, number[]>();
  const keepNext = new Set<number>();
  let repeat: number[] = [];
  g.rows.forEach((row, r) => {
    if (row[0].s === "section") repeat = [r];
    else if (row.filter((c) => c.s === "th").length > 1) repeat = [repeat[0], r].filter((x) => x !== undefined);
    else {
      context.set(r, repeat);
      return;
    }
    keepNext.add(r);
    context.set(r, repeat.filter((x) => x < r));
  });
  // The closing line is never alone on a page: it goes with the row above it (and the blank between).
  keepNext.add(g.rows.length - 2).add(g.rows.length - 3);
  return paged(g.finish({ widths: LOG_WIDTHS, carryFrom: W - 1, header: "", footer: "工作记录　第 &P 页，共 &N 页" }), context, keepNext);
}

// ---- building a grid ----

class GridBuilder {
  readonly rows: GridCell[][] = [];
  readonly merges: GridMerge[] = [];
  readonly heights = new Map<number, number>();
  readonly unitRows = new Map<string, number>();
  rowBreaks: number[] = [];
  constructor(
    readonly name: string,
    readonly width: number,
  ) {}

  blank(): GridCell[] {
    return Array.from({ length: this.width }, () => ({ v: null }));
  }

  /** A line of text across the full width. */
  line(text: string, s: GridStyle): void {
    const r = this.blank();
    r[0] = { v: text, s };
    this.merges.push({ r1: this.rows.length, c1: 0, r2: this.rows.length, c2: this.width - 1 });
    this.rows.push(r);
  }

  finish(o: { widths: number[]; printTitles?: [number, number]; carryFrom: number; header?: string; footer?: string }): SheetGrid {
    for (const [r, h] of wrappedHeights(this.rows, this.merges, o.widths)) this.heights.set(r, Math.max(this.heights.get(r) ?? 0, h));
    return {
      name: this.name,
      rows: this.rows,
      width: this.width,
      merges: this.merges,
      widths: o.widths,
      heights: this.heights,
      printTitles: o.printTitles,
      printScale: Math.max(10, Math.floor(fitScale(o.widths) * 100)),
      rowBreaks: this.rowBreaks,
      unitRows: this.unitRows,
      carryFrom: o.carryFrom,
      endRow: this.rows.length - 1,
      header: o.header,
      footer: o.footer,
    };
  }
}

const LINE_POINTS = 13.5;

/** Width of text in column-width units: a CJK character is about two "0" digits wide. */
function textUnits(text: string): number {
  let u = 0;
  for (const ch of text) u += ch.charCodeAt(0) >= 0x2e80 ? 1.9 : 1;
  return u;
}

const WRAPPED: ReadonlySet<GridStyle | undefined> = new Set<GridStyle | undefined>((Object.keys(SUMMARY_STYLES) as GridStyle[]).filter((s) => SUMMARY_STYLES[s].wrap));

/**
 * Heights for rows whose wrapped text (headings, the problem list, the 未返回 list) is longer than its
 * cell or merged span: Excel does not fit merged cells, and neither writer can measure text.
 */
function wrappedHeights(rows: GridCell[][], merges: GridMerge[], widths: number[]): Map<number, number> {
  const spanOf = new Map<string, number>();
  const covered = new Set<string>();
  for (const m of merges) {
    if (m.r1 !== m.r2) continue;
    let span = 0;
    for (let c = m.c1; c <= m.c2; c++) span += widths[c] ?? 9;
    spanOf.set(`${m.r1}:${m.c1}`, span);
    for (let c = m.c1 + 1; c <= m.c2; c++) covered.add(`${m.r1}:${c}`);
  }
  const heights = new Map<number, number>();
  rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (typeof cell.v !== "string" || !WRAPPED.has(cell.s) || covered.has(`${r}:${c}`)) return;
      const span = spanOf.get(`${r}:${c}`) ?? widths[c] ?? 9;
      const lines = cell.v.split("\n").reduce((n, part) => n + Math.max(1, Math.ceil(textUnits(part) / (span * 0.92))), 0);
      if (lines > 1) heights.set(r, Math.max(heights.get(r) ?? 0, lines * LINE_POINTS + 3));
    }),
  );
  return heights;
}

// ---- re-running over an earlier 汇总: what the office typed stays with its unit ----

/** A cell of an existing sheet (0-based) the office may have typed or annotated. */
export interface OldCell<P = unknown> {
  row: number;
  col: number;
  value: unknown;
  /** A cell comment (note) on it, if any. */
  comment?: string;
  payload?: P;
}

export interface PreviousSheet {
  /** The sheet was made by this add-in (either layout). */
  ours: boolean;
  /** Last row of the add-in's area; -1 when not found. */
  endRow: number;
  /** Row → unit key (kind|name) or bare name (first layout), for the unit rows of the tables. */
  unitOfRow: Map<number, string>;
  /** Width of the add-in's columns in that sheet. */
  width: number;
  carryFrom: number;
}

const KIND_OF_SECTION = (Object.entries(KIND_SECTION) as [UnitKind, string][]).map(([kind, section]) => [section, kind] as const);

/**
 * Finds the previous run's layout in an existing sheet (0-based rows), for both sheets of this layout and
 * the first layout's single 汇总 sheet. One pass, no recursion: fine for hundreds of thousands of rows.
 */
export function parsePrevious(sheet: string, value: (row: number, col: number) => unknown, rowCount: number): PreviousSheet {
  const text = (r: number, c: number) => {
    const v = value(r, c);
    return typeof v === "string" ? v : v === null || v === undefined ? "" : String(v);
  };
  const title = text(0, 0);
  const unitOfRow = new Map<number, string>();
  if (sheet === LOG_SHEET) {
    const ours = title.includes("考核工作记录");
    let endRow = -1;
    let inTable = false;
    for (let r = 0; r < rowCount; r++) {
      const a = text(r, 0);
      if (a.startsWith(LOG_END)) {
        endRow = r;
        break;
      }
      if (a === "单位" && text(r, 7) === NOTE_HEADING) {
        inTable = true;
        continue;
      }
      if (inTable && !a) inTable = false;
      else if (inTable) {
        const kind = parseUnitKind(text(r, 1));
        if (kind) unitOfRow.set(r, unitKey(kind, a));
      }
    }
    return { ours, endRow, unitOfRow, width: 8, carryFrom: 7 };
  }
  const bare = title.endsWith(DRAFT_MARK) ? title.slice(0, -DRAFT_MARK.length) : title;
  const ours = bare.endsWith(TITLE_SUFFIX) || title.endsWith(OLD_TITLE_SUFFIX);
  const legacy = title.endsWith(OLD_TITLE_SUFFIX);
  let endRow = -1;
  let kind: UnitKind | undefined;
  let width = 16;
  let inTable = false;
  for (let r = 0; r < rowCount; r++) {
    const a = text(r, 0);
    if ((legacy && a.startsWith(END_MARKER)) || (!legacy && a === SIGN_LABEL)) {
      endRow = r;
      break;
    }
    if (a === "排名" && text(r, 1) === "单位") {
      if (!legacy) {
        width = 2;
        while (width < 64 && text(r, width) !== "") width++;
      }
      if (legacy) inTable = true;
      continue;
    }
    if (!legacy && kind && a.startsWith(MISSING_LABEL)) {
      // The line of units that did not return: what the office wrote beside it moves with it.
      unitOfRow.set(r, unitKey(kind, MISSING_KEY));
      continue;
    }
    const section = KIND_OF_SECTION.find(([p]) => a.startsWith(p));
    if (section) {
      kind = section[1];
      inTable = !legacy;
      continue;
    }
    const b = text(r, 1);
    if (inTable && !b && !a) inTable = false;
    else if (inTable && b) unitOfRow.set(r, legacy ? b : unitKey(kind!, b));
  }
  return { ours, endRow, unitOfRow, width, carryFrom: width };
}

export interface Placed<P = unknown> extends OldCell<P> {
  from: { row: number; col: number };
}

/**
 * Where each of the office's cells goes in the new sheet:
 * - on a unit's row, from the carried columns on (and any comment on the row): to that unit's new row;
 * - below the old area: the same distance below the new area's last row;
 * - anything else outside the add-in's columns: where it was.
 * Cells the add-in generated (its columns, above its end) are dropped: they are rewritten. Loops only —
 * no recursion and no spread — so any number of rows is fine.
 */
export function carriedCells<P>(old: Iterable<OldCell<P>>, prev: PreviousSheet, grid: SheetGrid): Placed<P>[] {
  const out: Placed<P>[] = [];
  const taken = new Set<string>();
  const pending: Placed<P>[] = [];
  let deepest = grid.endRow;
  const byName = new Map<string, number>();
  for (const [key, row] of grid.unitRows) byName.set(key.slice(key.indexOf("|") + 1), row);
  const newRowOf = (key: string) => grid.unitRows.get(key) ?? (key.includes("|") ? undefined : byName.get(key));
  for (const cell of old) {
    const hasValue = !(cell.value === null || cell.value === undefined || cell.value === "");
    if (!hasValue && !cell.comment) continue;
    const from = { row: cell.row, col: cell.col };
    const inArea = cell.col < prev.width && (prev.endRow < 0 || cell.row <= prev.endRow);
    const unit = prev.unitOfRow.get(cell.row);
    const moved = unit !== undefined ? newRowOf(unit) : undefined;
    let to: number | undefined;
    let value = cell.value;
    if (prev.endRow >= 0 && cell.row > prev.endRow) to = grid.endRow + (cell.row - prev.endRow);
    else if (moved !== undefined && cell.col >= prev.carryFrom) to = moved;
    else if (!inArea) to = cell.row;
    else if (cell.comment) {
      // On the add-in's own cell only the comment is the office's: it follows the unit, or stays put.
      to = moved ?? cell.row;
      value = undefined;
    }
    if (to === undefined) continue;
    const p: Placed<P> = { ...cell, value, row: to, from };
    if (p.row > deepest) deepest = p.row;
    pending.push(p);
  }
  // Two notes never land on one cell: a collision goes below everything else.
  let spill = deepest + 2;
  for (const p of pending) {
    const key = `${p.row}:${p.col}`;
    if (taken.has(key)) {
      p.row = spill++;
      taken.add(`${p.row}:${p.col}`);
    } else taken.add(key);
    out.push(p);
  }
  return out;
}
