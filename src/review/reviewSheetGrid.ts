// The 核定表 laid out as a SheetDoc (src/layout/sheetDoc.ts), rendered by the two thin writers: ExcelJS on the
// command line (src/xlsx/writeSheetDoc.ts, `npm run cli -- review … --out 核定表.xlsx`) and Office.js in the
// add-in (src/office/sheetDoc.ts, the 核定 step). The rows are src/review/reviewSheet.ts's; this module only
// places them. Pure: no Office, no files.
//
// A plain worksheet the 考核组 fills in Excel, WPS or LibreOffice without the add-in: values only (no
// formulas), not protected (they sort and filter), the header frozen with an autofilter on it, a list on
// 核定 (同意自评 / 改判, and 按平台数据 when made with 平台数据), 核定扣分 a number ≥ 0, A4 landscape with the heading row on every page. The key
// columns (单位（键）, 条款编号, 依据指纹) stand grey at the far right, hidden and not printed (sorting and
// filtering move them with their rows): readReviewSheet finds every column by its heading, and a row by its
// key — never by its position — and refuses a row whose 单位 or 条款 no longer matches its key.
import { UNIT_KIND_SHORT } from "../core/index";
import { DocBuilder, DOC_FORMAT, fitDocHeights, type DocCell, type SheetDoc } from "../layout/sheetDoc";
import type { CellStyle } from "../core/cellStyle";
import { AGREE_REASON, REVIEW_CHOICES, type TypedDecision } from "./decisions";
import { columnOf as columnIndex, reviewColumns, REVIEW_SHEET, UNMATCHED_HEADING, type ColumnKey, type ReviewSheetData, type ReviewSheetRow } from "./reviewSheet";

/** Rows of the sheet (0-based): title, the how-to, the counts, the column headings; data from `first`. */
export const REVIEW_ROWS = { title: 0, note: 1, counts: 2, heading: 3, first: 4 } as const;

export type ReviewStyle = "title" | "note" | "counts" | "th" | "thInput" | "thKey" | "text" | "num" | "attention" | "input" | "inputNum" | "key" | "section" | "info";

/** The 核定表's cell styles, rendered by both writers (as summaryStyles.ts is for the 汇总). */
export const REVIEW_STYLES: Readonly<Record<ReviewStyle, CellStyle>> = {
  title: { bold: true, size: 16, h: "center", v: "middle" },
  note: { size: 10, color: "404040", h: "left", v: "top", wrap: true },
  counts: { size: 10, bold: true, h: "left", v: "middle" },
  th: { bold: true, size: 10, h: "center", v: "middle", wrap: true, fill: "D9E1F2", border: true },
  // The 考核组's columns: the input colour of the templates.
  thInput: { bold: true, size: 10, h: "center", v: "middle", wrap: true, fill: "FFE699", border: true },
  thKey: { size: 9, color: "808080", h: "center", v: "middle", wrap: true, fill: "F2F2F2", border: true },
  text: { size: 10, v: "top", wrap: true, border: true },
  num: { size: 10, h: "center", v: "top", border: true },
  // Excel's own "light red fill with dark red text": why a person must look.
  attention: { size: 10, bold: true, color: "9C0006", fill: "FFC7CE", v: "top", wrap: true, border: true },
  input: { size: 10, v: "top", wrap: true, fill: "FFF2CC", border: true },
  inputNum: { size: 10, h: "center", v: "top", fill: "FFF2CC", border: true },
  key: { size: 8, color: "808080", v: "top", border: true },
  section: { bold: true, size: 12, v: "middle" },
  info: { size: 10, color: "404040", v: "top", wrap: true },
};

/** The how-to above the table; `platform`: the table has the 平台 columns (and 按平台数据 in the list). */
function note(platform: boolean): string {
  return [
    "填写方法：每行是一个单位的一个条款。“核定”列选“同意自评”（按重新计算的自评扣分记录）或“改判”（须填“核定扣分”，0 到“本条扣分”之间，并填“核定说明”；只填这两栏、“核定”空着的行按改判记录）",
    platform ? "，或“按平台数据”（按“平台扣分”和“平台调阅”中的说明记录，不必另填；平台数据或单位数据此后改变的，须重新核定）；" : "；",
    "每行都须填“核定人”（可向下填充；在加载项中点“记录核定”时，空着的按窗格中填写的核定人记录）。“需关注”列非空的行排在前面，须逐行看过再核定；其余行可筛选后整块填写“同意自评”。",
    `可任意排序、筛选（请对整个表排序），不要修改右侧隐藏的灰色“单位（键）”“条款编号”“依据指纹”${platform ? "“平台指纹”" : ""}列：记录核定时按这些列找到单位和条款，单位的数据改变后原核定须重新核定。`,
    `填好后：在加载项“核定”一步点“记录核定”，或在命令行运行 npm run cli -- summary 返回文件… --records 核定表.xlsx${platform ? " --platform 平台数据.xlsx" : ""}。`,
  ].join("");
}

const text = (v: unknown): DocCell["v"] => (v === undefined || v === null || v === "" ? null : typeof v === "number" || typeof v === "boolean" ? v : typeof v === "string" ? v : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

/** The 考核组's cells of a row as typed (kept from an earlier 核定表), or blank. */
function inputCells(d: TypedDecision | undefined): Record<"choice" | "deduction" | "reason" | "reviewer", DocCell> {
  return {
    choice: { v: text(d?.choice), s: "input", numFmt: DOC_FORMAT.text, locked: false },
    deduction: { v: text(d?.deduction), s: "inputNum", locked: false },
    reason: { v: text(d?.reason), s: "input", numFmt: DOC_FORMAT.text, locked: false },
    reviewer: { v: text(d?.reviewer), s: "input", numFmt: DOC_FORMAT.text, locked: false },
  };
}

/** Text or nothing: an empty text is a blank cell (as Excel reads it back). */
const orBlank = (s: string): string | null => (s === "" ? null : s);

function rowCells(row: ReviewSheetRow): Record<ColumnKey, DocCell> {
  const attention = row.attention.join("、");
  const p = row.platform;
  return {
    unit: { v: row.unit, s: "text" },
    clause: { v: row.clause, s: "text" },
    reported: { v: orBlank(row.reported), s: "text" },
    na: { v: row.na, s: row.na === "涉及" ? "num" : "attention" },
    evidence: { v: orBlank(row.evidence), s: "text" },
    points: { v: row.points, s: "num" },
    self: { v: row.self, s: typeof row.self === "number" ? "num" : "attention" },
    platform: { v: p ? p.deduction : null, s: !p || (typeof p.deduction === "number" && !p.differs) ? "num" : "attention" },
    platformReason: { v: p ? p.reason : null, s: "text" },
    problems: { v: orBlank(row.problems), s: "text" },
    attention: { v: orBlank(attention), s: attention ? "attention" : "text" },
    ...inputCells(row.decision),
    recorded: { v: orBlank(row.recorded), s: "text" },
    keyUnit: { v: row.unit, s: "key", numFmt: DOC_FORMAT.text },
    keyClause: { v: row.clauseId, s: "key", numFmt: DOC_FORMAT.text },
    keyBasis: { v: row.basis, s: "key", numFmt: DOC_FORMAT.text },
    keyPlatform: { v: p ? p.basis : null, s: "key", numFmt: DOC_FORMAT.text },
  };
}

const HEADING_STYLE: Record<"shown" | "input" | "key", ReviewStyle> = { shown: "th", input: "thInput", key: "thKey" };

/** The counts line: rows, rows needing attention, rows already decided (typed). */
export function reviewCounts(data: ReviewSheetData): string {
  const units = new Set(data.rows.map((r) => `${r.kind}\u0000${r.unit}`));
  const byKind = (kind: "county" | "department") => new Set(data.rows.filter((r) => r.kind === kind).map((r) => r.unit)).size;
  const attention = data.rows.filter((r) => r.attention.length).length;
  const recorded = data.rows.filter((r) => r.recorded && !r.attention.includes("需重新核定")).length;
  return (
    `${units.size} 个单位（${UNIT_KIND_SHORT.county} ${byKind("county")}、${UNIT_KIND_SHORT.department} ${byKind("department")}），${data.rows.length} 个条款；` +
    `需关注 ${attention} 行；已记录核定 ${recorded} 行` +
    (data.unmatched.length ? `；未匹配的核定 ${data.unmatched.length} 条（见表格下方）` : "") +
    `。生成时间 ${data.generatedAt.slice(0, 16).replace("T", " ")}`
  );
}

/**
 * The 核定表 of the data (reviewSheetData). Data rows start at REVIEW_ROWS.first in data.rows order; below
 * them, after a blank row, the 未匹配 section (decisions kept from an earlier 核定表 without a row) and the
 * notes (sheets not listed, sheet-wide problems).
 */
export function buildReviewSheet(data: ReviewSheetData): SheetDoc {
  const REVIEW_COLUMNS = reviewColumns(data.platform);
  const columnOf = (k: ColumnKey) => columnIndex(k, REVIEW_COLUMNS);
  const choices = data.platform ? [...REVIEW_CHOICES] : REVIEW_CHOICES.filter((c) => c !== "按平台数据");
  const width = REVIEW_COLUMNS.length;
  const keyFrom = REVIEW_COLUMNS.findIndex((c) => c.role === "key");
  const b = new DocBuilder(width);
  const R = REVIEW_ROWS;
  const printed = keyFrom - 1;
  b.block(R.title, 0, { v: `${data.year} 年度“信用鹤岗”考核 ${REVIEW_SHEET}`, s: "title" }, printed);
  b.heights.set(R.title, 30);
  b.block(R.note, 0, { v: note(data.platform), s: "note" }, printed);
  b.block(R.counts, 0, { v: reviewCounts(data), s: "counts" }, printed);
  REVIEW_COLUMNS.forEach((c, i) => b.put(R.heading, i, { v: c.heading, s: HEADING_STYLE[c.role] }));
  b.heights.set(R.heading, 28);
  let r: number = R.first;
  for (const row of data.rows) {
    const cells = rowCells(row);
    REVIEW_COLUMNS.forEach((c, i) => b.put(r, i, cells[c.key]));
    r++;
  }
  // At least one (blank) data row, so the filter, list and print area have a range.
  const lastData = Math.max(r, R.first + 1) - 1;
  const validations = [
    {
      r1: R.first,
      c1: columnOf("choice"),
      r2: lastData,
      c2: columnOf("choice"),
      type: "list" as const,
      list: choices,
      promptTitle: "核定",
      prompt: `同意自评：按“自评扣分”记录（说明默认“${AGREE_REASON}”）；改判：须填核定扣分和核定说明。${data.platform ? "按平台数据：按平台扣分和平台调阅的说明记录。" : ""}`,
      errorTitle: "核定",
      error: `请从列表中选择：${choices.join("、")}。`,
    },
    {
      r1: R.first,
      c1: columnOf("deduction"),
      r2: lastData,
      c2: columnOf("deduction"),
      type: "decimal" as const,
      min: 0,
      max: Math.max(0, ...data.rows.map((x) => x.points)),
      promptTitle: "核定扣分",
      prompt: "改判时填写，0 到“本条扣分”之间（记录时逐行核对）；同意自评时留空。",
      errorTitle: "核定扣分",
      error: "核定扣分应为 0 到本条扣分之间的数字。",
    },
  ];
  let end = lastData;
  if (data.unmatched.length) {
    r = lastData + 2;
    b.line(r, `${UNMATCHED_HEADING}（此前核定表中填写、本次没有对应行的核定：保留在此，不会被采用，需在上方对应行重新核定）`, "section", 22);
    r++;
    for (const u of data.unmatched) {
      const cells: Partial<Record<ColumnKey, DocCell>> = {
        unit: { v: u.unit, s: "text" },
        clause: { v: u.clause || u.clauseId, s: "text" },
        attention: { v: u.why, s: "attention" },
        ...inputCells(u.decision),
        keyUnit: { v: u.unit, s: "key", numFmt: DOC_FORMAT.text },
        keyClause: { v: u.clauseId, s: "key", numFmt: DOC_FORMAT.text },
        keyBasis: { v: u.basis, s: "key", numFmt: DOC_FORMAT.text },
        keyPlatform: { v: u.platformBasis || null, s: "key", numFmt: DOC_FORMAT.text },
      };
      REVIEW_COLUMNS.forEach((c, i) => b.put(r, i, cells[c.key] ?? { v: null, s: "text" }));
      r++;
    }
    end = r - 1;
  }
  if (data.notes.length) {
    r = end + 2;
    b.line(r, "未列入本表的工作表与全表问题", "section", 22);
    for (const n of data.notes) b.block(++r, 0, { v: n, s: "info" }, printed);
    end = r;
  }
  const doc: SheetDoc = {
    name: REVIEW_SHEET,
    rows: b.rows,
    width,
    merges: b.merges,
    widths: REVIEW_COLUMNS.map((c) => c.width),
    heights: b.heights,
    // Hidden as well as left out of the print area: LibreOffice prints past a print area fitted to the page width.
    hiddenColumns: REVIEW_COLUMNS.flatMap((c, i) => (c.role === "key" ? [i] : [])),
    hiddenRows: [],
    styles: REVIEW_STYLES,
    validations,
    freeze: { rows: R.first, cols: columnOf("clause") + 1 },
    autoFilter: { r1: R.heading, c1: 0, r2: lastData, c2: width - 1 },
    print: {
      orientation: "landscape",
      fit: { width: 1, height: 0 },
      titleRows: [R.heading, R.heading],
      header: `${data.year} 年度${REVIEW_SHEET}`,
      footer: `${REVIEW_SHEET}　第 &P 页，共 &N 页`,
      lastRow: end,
      lastCol: printed,
    },
    protect: false,
    tabColor: "C00000",
  };
  fitDocHeights(doc, R.note, end);
  return doc;
}
