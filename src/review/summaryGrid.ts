// The 汇总 sheet as a grid of values (no live formulas: it is emailed to the 市委考评办 and must open
// anywhere), shared by the ExcelJS and Office.js writers. Re-running keeps what the office typed beside
// the tables: cells right of the tables (column Q on, for six categories) move with their unit's row; rows
// below the end marker stay below it. One column per category of the year's catalog.
import { formatPoints } from "../core/format";
import { colLetter, UNIT_KIND_LABEL, type UnitKind } from "../core/index";
import type { SummaryData, SummaryRow } from "./summary";

export const SUMMARY_SHEET = "汇总";
/** Columns A…P are the add-in's for a six-category catalog (the fewest it uses); the office may type anything right of them. */
export const SUMMARY_WIDTH = 16;
/** Columns other than the category columns: 排名, 单位 | 扣分合计 … 得分图. */
const FIXED_COLUMNS = SUMMARY_WIDTH - 6;

/** The add-in's columns for this 汇总: one per category of the larger catalog, at least six (fewer are padded). */
export function summaryWidth(d: Pick<SummaryData, "tables">): number {
  return FIXED_COLUMNS + Math.max(6, d.tables.county.categoryTitles.length, d.tables.department.categoryTitles.length);
}
export const END_MARKER = "——以上由加载项生成";
export const TITLE_SUFFIX = "“信用鹤岗”建设工作考核汇总";

export type GridStyle = "title" | "info" | "section" | "th" | "text" | "num" | "bar" | "status.未返回" | "status.待核定" | "status.已核定" | "status.有问题" | "problem" | "end";

export interface GridCell {
  v: string | number | null;
  s?: GridStyle;
}

export interface SummaryGrid {
  /** The add-in's columns (A…); the office's notes start right of them. */
  width: number;
  /** rows[r][c], 0-based; every row `width` long. */
  rows: GridCell[][];
  /** 0-based inclusive ranges. */
  merges: { r1: number; c1: number; r2: number; c2: number }[];
  /** Unit name → 0-based row, for carrying the office's notes. */
  unitRows: Map<string, number>;
  /** 0-based row of the end marker (last row of the add-in's area). */
  endRow: number;
  /** 0-based row → height in points, for rows whose wrapped text needs more than one line (Excel does not fit merged cells). */
  heights: Map<number, number>;
  widths: number[];
}

const KIND_SECTION: Record<UnitKind, string> = { county: "一、县（区）考核结果排名", department: "二、市直部门考核结果排名" };

/** A bar chart made of cells: ExcelJS cannot create chart objects, and values print and email anywhere. */
export function bar(score: number | undefined): string {
  if (score === undefined) return "";
  return `${"█".repeat(Math.round(score / 5))} ${formatPoints(score)}`;
}

export function buildSummaryGrid(d: SummaryData): SummaryGrid {
  const rows: GridCell[][] = [];
  const merges: SummaryGrid["merges"] = [];
  const unitRows = new Map<string, number>();
  const W = summaryWidth(d);
  const cats = W - FIXED_COLUMNS;
  const last = colLetter(W);
  const next = colLetter(W + 1);
  const blank = (): GridCell[] => Array.from({ length: W }, () => ({ v: null }));
  const line = (text: string, s: GridStyle) => {
    const r = blank();
    r[0] = { v: text, s };
    merges.push({ r1: rows.length, c1: 0, r2: rows.length, c2: W - 1 });
    rows.push(r);
  };
  const c = d.tables.county;
  const p = d.tables.department;
  line(`${d.year} 年度${TITLE_SUFFIX}`, "title");
  line(
    `汇总时间：${d.generatedAt.replace("T", " ").slice(0, 19)}　计分规则：${d.ruleVersion}　按比例计入：得分 × ${formatPoints(d.weight)} ÷ 100　` +
      `已返回：县区 ${c.returned}/${c.expected}，市直部门 ${p.returned}/${p.expected}`,
    "info",
  );
  line(
    "说明：本表全部为数值（不含公式），可直接发送。得分按各单位填报数据重新计算，有核定的条款以核定扣分为准；排名相同得分并列（如 1、1、3）。" +
      `“得分图”为单元格条形图（每 █ 代表 5 分）。重新汇总只更新 A–${last} 列的表格，${next} 列及以后、以及结束行以下填写的内容会保留。`,
    "info",
  );
  rows.push(blank());
  for (const t of [c, p]) {
    line(`${KIND_SECTION[t.kind]}（应返回 ${t.expected} 个，已返回 ${t.returned} 个）`, "section");
    const head = blank();
    const titles = ["排名", "单位", ...t.categoryTitles.map((x) => `${x.title}扣分（${x.points}分）`), "扣分合计", "得分", "自评得分", "核定得分", `按比例计入（×${formatPoints(d.weight)}÷100）`, "状态", "待解决问题", "得分图"];
    // A catalog with fewer categories than the other kind's (or than six) leaves its last category columns blank.
    while (titles.length < W) titles.splice(titles.length - 8, 0, "");
    titles.forEach((x, i) => (head[i] = { v: x, s: "th" }));
    rows.push(head);
    for (const row of t.rows) {
      unitRows.set(row.unit, rows.length);
      rows.push(unitRow(row, cats));
    }
    rows.push(blank());
  }
  line(`三、未返回单位（县区 ${d.missing.county.length} 个，市直部门 ${d.missing.department.length} 个）`, "section");
  for (const kind of ["county", "department"] as UnitKind[]) {
    const r = blank();
    r[0] = { v: UNIT_KIND_LABEL[kind], s: "th" };
    r[1] = { v: d.missing[kind].length ? d.missing[kind].join("、") : "（全部已返回）", s: "problem" };
    merges.push({ r1: rows.length, c1: 1, r2: rows.length, c2: W - 1 });
    rows.push(r);
  }
  {
    // Returned sheets whose unit is not established (src/review/identity.ts): listed apart, never ranked.
    const apart = d.apart ?? [];
    const r = blank();
    r[0] = { v: "未认定", s: "th" };
    r[1] = {
      v: apart.length
        ? `以下表格不参加排名（单位名称、工作表名、文件名不一致，或不是成员单位）：${apart.map((a) => `${a.source ? `文件“${a.source}”` : ""}工作表“${a.sheet}”——${a.reason}`).join("；")}`
        : "（无）",
      s: "problem",
    };
    merges.push({ r1: rows.length, c1: 1, r2: rows.length, c2: W - 1 });
    rows.push(r);
  }
  rows.push(blank());
  const errors = d.problems.filter((x) => x.severity === "错误").length;
  line(`四、待解决问题（错误 ${errors} 项，提示 ${d.problems.length - errors} 项）`, "section");
  const ph = blank();
  ["单位", "工作表", "单元格", "类别", "问题"].forEach((x, i) => (ph[i] = { v: x, s: "th" }));
  merges.push({ r1: rows.length, c1: 4, r2: rows.length, c2: W - 1 });
  rows.push(ph);
  for (const pr of d.problems) {
    const r = blank();
    r[0] = { v: pr.unit || pr.source || "", s: "text" };
    r[1] = { v: pr.sheet, s: "text" };
    r[2] = { v: pr.address, s: "text" };
    r[3] = { v: `${pr.severity}·${pr.kind}`, s: "text" };
    r[4] = { v: pr.message, s: "problem" };
    merges.push({ r1: rows.length, c1: 4, r2: rows.length, c2: W - 1 });
    rows.push(r);
  }
  rows.push(blank());
  const endRow = rows.length;
  line(`${END_MARKER}（${d.generatedAt.replace("T", " ").slice(0, 19)}）；重新汇总时更新以上 A–${last} 列。请在 ${next} 列及以后或本行以下填写备注，会保留。——`, "end");
  const widths = [6, 20, ...Array.from({ length: cats }, () => 10), 9, 8, 9, 9, 12, 8, 9, 26];
  return { width: W, rows, merges, unitRows, endRow, widths, heights: wrappedHeights(rows, merges, widths) };
}

function unitRow(row: SummaryRow, cats: number): GridCell[] {
  const n = (x: number | undefined): GridCell => ({ v: x === undefined ? null : x, s: "num" });
  const deductions = row.categories ?? [];
  return [
    n(row.rank),
    { v: row.unit, s: "text" },
    ...Array.from({ length: cats }, (_, i) => n(deductions[i])),
    n(row.totalDeduction),
    row.provisional && row.score !== undefined ? { v: `${formatPoints(row.score)}（暂）`, s: "num" } : n(row.score),
    n(row.selfScore),
    n(row.verifiedScore),
    n(row.weighted),
    { v: row.status, s: `status.${row.status}` },
    n(row.status === "未返回" ? undefined : row.openProblems),
    { v: bar(row.score), s: "bar" },
  ];
}

// ---- keeping the office's notes ----

/** One cell of the existing sheet (0-based); payload is whatever the writer needs to copy (style…). */
export interface OldCell<P = unknown> {
  row: number;
  col: number;
  value: unknown;
  payload?: P;
}

export interface Placed<P = unknown> extends OldCell<P> {
  from: { row: number; col: number };
}

/** Finds the previous run's layout in an existing sheet's values (0-based rows). */
export function parseOldSummary(value: (row: number, col: number) => unknown, rowCount: number): { ours: boolean; endRow: number; unitOfRow: Map<number, string> } {
  const text = (r: number, c: number) => {
    const v = value(r, c);
    return typeof v === "string" ? v : v === null || v === undefined ? "" : String(v);
  };
  const ours = text(0, 0).endsWith(TITLE_SUFFIX);
  let endRow = -1;
  const unitOfRow = new Map<number, string>();
  let inTable = false;
  for (let r = 0; r < rowCount; r++) {
    const a = text(r, 0);
    if (a.startsWith(END_MARKER)) {
      endRow = r;
      break;
    }
    if (a === "排名" && text(r, 1) === "单位") {
      inTable = true;
      continue;
    }
    const b = text(r, 1);
    if (inTable && !b && !a) inTable = false;
    else if (inTable && b) unitOfRow.set(r, b);
  }
  return { ours, endRow, unitOfRow };
}

/**
 * Where each of the office's cells goes in the new sheet: right of the tables it follows its unit's row
 * (ranks change); below the old end marker it keeps its distance from the new end marker; any other
 * cell right of the tables stays where it was.
 */
export function placeExtras<P>(old: OldCell<P>[], prev: ReturnType<typeof parseOldSummary>, grid: SummaryGrid): Placed<P>[] {
  const out: Placed<P>[] = [];
  const taken = new Set<string>();
  let spill = grid.endRow + Math.max(0, ...old.map((c) => c.row - Math.max(prev.endRow, 0))) + 2;
  const put = (p: Placed<P>) => {
    // Two notes must never land on one cell: a collision goes below everything else.
    if (taken.has(`${p.row}:${p.col}`)) p = { ...p, row: spill++ };
    taken.add(`${p.row}:${p.col}`);
    out.push(p);
  };
  for (const cell of old) {
    if (cell.value === null || cell.value === undefined || cell.value === "") continue;
    const from = { row: cell.row, col: cell.col };
    if (prev.endRow >= 0 && cell.row > prev.endRow) {
      put({ ...cell, row: grid.endRow + (cell.row - prev.endRow), from });
    } else if (cell.col >= grid.width) {
      const unit = prev.unitOfRow.get(cell.row);
      const to = unit !== undefined ? grid.unitRows.get(unit) : undefined;
      put({ ...cell, row: to ?? cell.row, from });
    }
  }
  return out;
}

const LINE_POINTS = 13.5;

/** Width of text in column-width units: a CJK character is about two "0" digits wide. */
function textUnits(text: string): number {
  let u = 0;
  for (const ch of text) u += ch.charCodeAt(0) >= 0x2e80 ? 1.9 : 1;
  return u;
}

const WRAPPED: ReadonlySet<GridStyle | undefined> = new Set<GridStyle | undefined>(["problem", "info", "th"]);

/**
 * Heights for rows whose wrapped text (table headers, the problem list, the 未返回 list) is longer than its
 * cell or merged span: Excel does not fit merged cells, and ExcelJS cannot measure text.
 */
function wrappedHeights(rows: GridCell[][], merges: SummaryGrid["merges"], widths: number[]): Map<number, number> {
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
      const lines = Math.ceil(textUnits(cell.v) / (span * 0.92));
      if (lines > 1) heights.set(r, Math.max(heights.get(r) ?? 0, lines * LINE_POINTS + 3));
    }),
  );
  return heights;
}
