// The layout of a unit's template sheet as pure data, computed from the catalog: cells (values, formulas
// with cached results), merges, validations, defined names, styles, widths, print and protection.
// Two thin writers consume it: src/xlsx/writeTemplate.ts (ExcelJS) and src/office/templateWriter.ts (Office.js).
import {
  UNIT_KIND_LABEL,
  isoToSerial,
  readingOf,
  parseDateText,
  score,
  type Catalog,
  type Clause,
  type ClauseStatus,
  type InputSpec,
  type ScoreResult,
} from "../core/index";
import { addr } from "./address";
import { compileDeduction, compileExplanation, compileStatus, portableExplanation } from "./compileFormula";
import { sheetNameOf } from "../core/fileNames";
import { LAYOUT_VERSION, names } from "../core/names";
import { fitRowHeights } from "./rowHeights";
import { STYLES, type CellStyle, type StyleKey } from "./styles";

export { STYLES, type CellStyle, type StyleKey } from "./styles";

export type Variant = "addin" | "portable";

export type CellValue = string | number | boolean | null;
/** An Excel error as a cached result (CREDIT.DEDUCT gives #VALUE! on unusable data). */
export interface CellErrorValue {
  error: "#VALUE!";
}

export interface LayoutCell {
  /** "F12" */
  address: string;
  row: number;
  col: number;
  /** A constant (inputs: what the unit typed, or null). */
  value?: CellValue;
  /** A formula without the leading "=". */
  formula?: string;
  /** The formula's result computed by the engine, so programs that do not recalculate show it. */
  cached?: CellValue | CellErrorValue;
  style: StyleKey;
  locked: boolean;
  numFmt?: string;
}

export interface LayoutValidation {
  address: string;
  type: "list" | "whole" | "decimal" | "date" | "any";
  list?: string[];
  min?: number;
  max?: number;
  promptTitle: string;
  prompt: string;
  errorTitle: string;
  error: string;
}

export interface TemplateLayout {
  year: number;
  kind: Catalog["kind"];
  unit: string;
  variant: Variant;
  layoutVersion: number;
  sheetName: string;
  /** Row-major, one entry per written cell. */
  cells: LayoutCell[];
  merges: string[];
  validations: LayoutValidation[];
  /** Defined names → sheet-relative address ("F12" or "J6:J40"). */
  names: { name: string; address: string }[];
  /** Column widths in characters, index 0 = column A. */
  widths: number[];
  hiddenColumns: number[];
  rowHeights: Record<number, number>;
  /** Rows frozen at the top. */
  frozenRows: number;
  print: {
    paper: "A4";
    orientation: "landscape";
    fitToWidth: 1;
    fitToHeight: 0;
    titleRows: string;
    header: string;
    footer: string;
    area: string;
    /** Manual page breaks: the last row of each page but the last (a break follows the row). */
    rowBreaks: number[];
  };
  protection: { password?: string };
  styles: Record<StyleKey, CellStyle>;
  lastRow: number;
  lastCol: number;
}

/** What a unit has typed into a template (read back from the CR_* names). */
export interface TemplateAnswers {
  values: Record<string, unknown>;
  notApplicable?: Iterable<string>;
  /** 已附佐证材料 by clause id. */
  evidence?: Record<string, unknown>;
  /** 备注 by clause id. */
  remarks?: Record<string, unknown>;
  header?: { filler?: unknown; phone?: unknown; fillDate?: unknown };
  /** 核定扣分 / 核定说明 by clause id, when the 考核组 has filled them in a copy. */
  verified?: Record<string, unknown>;
  verifiedReason?: Record<string, unknown>;
}

/** Columns of the table (1-based). */
export const COL = {
  category: 1, // A 考核内容
  indicator: 2, // B 指标明细
  na: 3, // C 是否涉及
  clause: 4, // D 评分标准
  inputLabel: 5, // E 填报项目
  input: 6, // F 填报数据
  unit: 7, // G 单位
  evidence: 8, // H 佐证材料
  evidenceInput: 9, // I 已附佐证材料
  deduction: 10, // J 自评扣分
  status: 11, // K 状态
  explanation: 12, // L 扣分说明
  indicatorDeduction: 13, // M 指标扣分
  verified: 14, // N 核定扣分
  verifiedReason: 15, // O 核定说明
  remark: 16, // P 备注
  clauseId: 17, // Q (hidden) 条款编号 for CREDIT.SCORE
  meta: 18, // R (hidden) CR_YEAR, CR_KIND, CR_UNIT, CR_LAYOUT
} as const;

const LAST_VISIBLE = COL.remark;
const HEADER_ROW = 5;
const FIRST_DATA_ROW = 6;

// Line breaks are explicit where a narrow column would otherwise leave a bracket or one character alone.
const HEADERS: [number, string][] = [
  [COL.category, "考核内容"],
  [COL.indicator, "指标明细"],
  [COL.na, "是否\n涉及"],
  [COL.clause, "评分标准"],
  [COL.inputLabel, "填报项目"],
  [COL.input, "填报数据"],
  [COL.unit, "单位"],
  [COL.evidence, "佐证材料"],
  [COL.evidenceInput, "已附\n佐证材料"],
  [COL.deduction, "自评\n扣分"],
  [COL.status, "状态"],
  [COL.explanation, "扣分说明"],
  [COL.indicatorDeduction, "指标\n扣分"],
  [COL.verified, "考核组\n核定扣分"],
  [COL.verifiedReason, "考核组\n核定说明"],
  [COL.remark, "备注"],
];

// Column widths in characters. A–P add up to 174: fitted to the width of A4 landscape this prints at about
// 80 %, so the smallest text (10 pt) prints at 8 pt. test/xlsx/print.test.ts measures it in the rendered PDF.
const WIDTHS = [11, 13, 6, 23, 18, 10, 5, 10, 10, 8, 8, 21, 6, 8, 9, 8, 16, 12];

/** A4 landscape less the margins the writers set (0.4" left/right, 0.6" top/bottom), in points. */
const PRINTABLE = { width: 841.89 - 2 * 0.4 * 72, height: 595.28 - 2 * 0.6 * 72 };
/** Width in points of a column w characters wide: w × 7 + 5 pixels at the default font's 7-pixel digit
 * (ECMA-376 Part 1, §18.3.1.13 col/@width), 0.75 pt per pixel. LibreOffice with Carlito measures the same. */
const columnPoints = (w: number) => (w * 7 + 5) * 0.75;
/** Rows without a computed height print this tall (points). */
const DEFAULT_ROW_HEIGHT = 16;

// "@": typed text stays text (a phone number must not turn into 1.38E+10).
const NUMFMT = { count: "0", percent: "0.00%", date: "yyyy-mm-dd", text: "@" } as const;

/** How a typed answer is stored in the cell: ISO dates become serial numbers (formatted as dates). */
function cellValueOf(spec: InputSpec | undefined, raw: unknown): CellValue {
  if (raw === undefined || raw === null) return null;
  if (spec?.type === "date" && typeof raw === "string") {
    const iso = parseDateText(raw) ?? (/^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw : undefined);
    if (iso) return isoToSerial(iso);
  }
  if (raw instanceof Date) return isoToSerial(raw.toISOString().slice(0, 10));
  if (typeof raw === "string" || typeof raw === "number" || typeof raw === "boolean") return raw;
  return String(raw);
}

function validationOf(spec: InputSpec, address: string): LayoutValidation {
  const base = { address, promptTitle: spec.label.slice(0, 32) };
  switch (spec.type) {
    case "bool":
      return { ...base, type: "list", list: ["是", "否"], prompt: `请选择“是”或“否”。${spec.hint ?? ""}`, errorTitle: "请选择是或否", error: `「${spec.label}」只能选择“是”或“否”。` };
    case "count": {
      const max = spec.max ?? 10_000_000;
      return {
        ...base,
        type: "whole",
        min: spec.min ?? 0,
        max,
        prompt: `请填写不小于 ${spec.min ?? 0} 的整数（${spec.unit ?? ""}）。`,
        errorTitle: "应为整数",
        error: `「${spec.label}」应为 ${spec.min ?? 0} 到 ${max} 之间的整数（${spec.unit ?? ""}）。`,
      };
    }
    case "percent":
      return {
        ...base,
        type: "decimal",
        min: (spec.min ?? 0) / 100,
        max: (spec.max ?? 100) / 100,
        prompt: `请填写百分比，如 85%（输入 85% 或 0.85）。${spec.optional ? "已填写上方户数/条数时可不填。" : ""}`,
        errorTitle: "应为百分比",
        error: `「${spec.label}」应为 ${spec.min ?? 0}% 到 ${spec.max ?? 100}% 之间的百分比。`,
      };
    case "date": {
      const lo = spec.minDate ?? "1900-03-01";
      const hi = spec.maxDate ?? "9999-12-31";
      return {
        ...base,
        type: "date",
        min: isoToSerial(lo),
        max: isoToSerial(hi),
        prompt: `请填写日期，如 ${lo.slice(0, 4)}-04-28。`,
        errorTitle: "应为日期",
        error: `「${spec.label}」应为 ${lo} 至 ${hi} 之间的日期。`,
      };
    }
    case "text":
      return { ...base, type: "any", prompt: "请填写文字。", errorTitle: "", error: "" };
  }
}

export interface BuildOptions {
  variant: Variant;
  /** Answers to fill in (regeneration); a fresh template is blank. */
  answers?: TemplateAnswers;
}

/** Builds the layout of one unit's template sheet: the named steps below, top to bottom of the sheet. */
export function buildTemplateLayout(catalog: Catalog, unit: { name: string }, opts: BuildOptions): TemplateLayout {
  const ctx = buildContext(catalog, unit, opts);
  const sheet = new SheetBuilder();
  writeTitle(sheet, ctx);
  writeHeaderBlock(sheet, ctx);
  writeNote(sheet, ctx);
  writeTableHeader(sheet);
  const body = writeBody(sheet, ctx);
  const scoreRow = writeTotals(sheet, ctx, body);
  const lastRow = writeSignature(sheet, scoreRow);
  writeMeta(sheet, ctx);
  return assemble(sheet, ctx, body, lastRow);
}

type CellContent = Omit<LayoutCell, "address" | "row" | "col">;

/** The sheet being built, and the primitives every step writes through. */
class SheetBuilder {
  readonly cells: LayoutCell[] = [];
  readonly merges: string[] = [];
  readonly validations: LayoutValidation[] = [];
  readonly names: { name: string; address: string }[] = [];
  readonly rowHeights: Record<number, number> = {};

  put(row: number, col: number, c: CellContent): LayoutCell {
    const cell: LayoutCell = { address: addr(row, col), row, col, ...c };
    this.cells.push(cell);
    return cell;
  }

  merge(r1: number, c1: number, r2: number, c2: number): void {
    if (r1 !== r2 || c1 !== c2) this.merges.push(`${addr(r1, c1)}:${addr(r2, c2)}`);
  }

  /** Writes a block's top-left cell, blank bordered cells under it (so borders print), and merges it. */
  block(r1: number, c: number, r2: number, cell: CellContent, c2 = c): void {
    this.put(r1, c, cell);
    for (let r = r1; r <= r2; r++) for (let k = c; k <= c2; k++) if (r !== r1 || k !== c) this.put(r, k, { value: null, style: cell.style, locked: cell.locked, numFmt: cell.numFmt });
    this.merge(r1, c, r2, c2);
  }

  name(n: string, address: string): void {
    this.names.push({ name: n, address });
  }
}

/** What every step needs: the catalog, the unit, its answers and the engine's result for them. */
interface BuildContext {
  catalog: Catalog;
  year: number;
  unit: { name: string };
  variant: Variant;
  portable: boolean;
  answers: TemplateAnswers;
  na: Set<string>;
  result: ScoreResult;
  clauseResult: Map<string, ScoreResult["clauses"][number]>;
  indicatorResult: Map<string, ScoreResult["indicators"][number]>;
  categoryResult: Map<string, ScoreResult["categories"][number]>;
}

function buildContext(catalog: Catalog, unit: { name: string }, opts: BuildOptions): BuildContext {
  const answers = opts.answers ?? { values: {} };
  const na = new Set(answers.notApplicable ?? []);
  const result: ScoreResult = score(catalog, { values: answers.values, notApplicable: na });
  return {
    catalog,
    year: catalog.year,
    unit,
    variant: opts.variant,
    portable: opts.variant === "portable",
    answers,
    na,
    result,
    clauseResult: new Map(result.clauses.map((c) => [c.clauseId, c])),
    indicatorResult: new Map(result.indicators.map((c) => [c.id, c])),
    categoryResult: new Map(result.categories.map((c) => [c.id, c])),
  };
}

// A subtotal over clauses still 待填 is 待填 itself: a partial sum must never read as a finished figure
// (and the readers take a number here for a claim that the part is complete). A 数据错误 clause's deduction
// is the text 数据错误 in both variants (see clauseFormulas), passed up the same way.
function subtotalFormula(_ctx: BuildContext, range: string, value: string): string {
  return `IF(COUNTIF(${range},"数据错误")>0,"数据错误",IF(COUNTIF(${range},"待填")>0,"待填",${value}))`;
}

function subtotalCached(_ctx: BuildContext, clauses: { status: ClauseStatus }[], value: number): CellValue | CellErrorValue {
  const pending = clauses.some((c) => c.status === "待填");
  const error = clauses.some((c) => c.status === "数据错误");
  return error ? "数据错误" : pending ? "待填" : value;
}

// ---- title, header block, note ----

function writeTitle(sheet: SheetBuilder, ctx: BuildContext): void {
  sheet.block(1, 1, 1, { value: sheetTitle(ctx), style: "title", locked: true }, LAST_VISIBLE);
  sheet.rowHeights[1] = 30;
}

/** One title for the sheet and its printed page header: the notice's 附件 title, as a 自评表. */
function sheetTitle(ctx: BuildContext): string {
  return ctx.catalog.title.replace("考核指标", "考核自评表");
}

/** Label and value spans of the header block, across the table's full width: A|B–D, E|F–I, J–K|L–P. */
const HEADER_SPANS: [number, number, number, number][] = [
  [1, 1, 2, 4],
  [5, 5, 6, 9],
  [10, 11, 12, LAST_VISIBLE],
];

function writeHeaderRow(sheet: SheetBuilder, row: number, items: [string, CellContent, string?][]): void {
  items.forEach(([label, value, nm], i) => {
    const [l1, l2, v1, v2] = HEADER_SPANS[i];
    sheet.block(row, l1, row, { value: label, style: "headLabel", locked: true }, l2);
    sheet.block(row, v1, row, value, v2);
    if (nm) sheet.name(nm, addr(row, v1));
  });
}

function writeHeaderBlock(sheet: SheetBuilder, ctx: BuildContext): void {
  const { catalog, year } = ctx;
  const header = ctx.answers.header ?? {};
  writeHeaderRow(sheet, 2, [
    ["单位名称", { value: ctx.unit.name, style: "headValue", locked: true }],
    ["单位类别", { value: UNIT_KIND_LABEL[catalog.kind], style: "headValue", locked: true }],
    ["考核年度", { value: year, style: "headValue", locked: true }],
  ]);
  const fillDate = cellValueOf({ id: "fillDate", label: "填报日期", type: "date" }, header.fillDate);
  writeHeaderRow(sheet, 3, [
    ["填报人", { value: cellValueOf(undefined, header.filler), style: "headInput", locked: false, numFmt: NUMFMT.text }, names.filler],
    ["联系电话", { value: cellValueOf(undefined, header.phone), style: "headInput", locked: false, numFmt: NUMFMT.text }, names.phone],
    ["填报日期", { value: fillDate, style: "headInput", locked: false, numFmt: NUMFMT.date }, names.fillDate],
  ]);
  sheet.validations.push({
    address: addr(3, HEADER_SPANS[2][2]),
    type: "date",
    min: isoToSerial(`${year}-01-01`),
    max: isoToSerial(`${year + 1}-12-31`),
    promptTitle: "填报日期",
    prompt: `请填写日期，如 ${year + 1}-01-10。`,
    errorTitle: "应为日期",
    error: `「填报日期」应为 ${year}-01-01 至 ${year + 1}-12-31 之间的日期。`,
  });
  sheet.validations.push({ address: addr(3, HEADER_SPANS[0][2]), type: "any", promptTitle: "填报人", prompt: "请填写填报人姓名。", errorTitle: "", error: "" });
  sheet.validations.push({ address: addr(3, HEADER_SPANS[1][2]), type: "any", promptTitle: "联系电话", prompt: "请填写联系电话（手机或座机）。", errorTitle: "", error: "" });
}

function writeNote(sheet: SheetBuilder, ctx: BuildContext): void {
  const note =
    "填表说明：只填写浅黄色单元格（其余单元格已锁定，工作表保护无密码）。每项指标先在“是否涉及”选择“涉及”或“不涉及”；" +
    "数量填整数，比率填百分比（如 85%，已填户数/条数时可不填比率），日期填如 " + `${ctx.year}-04-28` + "。自评扣分、状态、扣分说明自动计算，" +
    "“待填”表示还缺少判定所需的数据；灰色单元格引用本表上方已填的同一数据。核定扣分、核定说明由考核组填写。" +
    "评分标准照录通知原文，原文有歧义处在其下注明本表采用的解读。";
  sheet.block(4, 1, 4, { value: note, style: "note", locked: true }, LAST_VISIBLE);
  sheet.rowHeights[4] = 30;
}

function writeTableHeader(sheet: SheetBuilder): void {
  for (const [c, t] of HEADERS) sheet.put(HEADER_ROW, c, { value: t, style: "th", locked: true });
  sheet.rowHeights[HEADER_ROW] = 44;
}

// ---- table body: category ▸ indicator ▸ clause ▸ input rows ----

interface CategorySpan {
  categoryId: string;
  title: string;
  points: number;
  from: number;
  to: number;
  /** First row of each of its indicators: the places a page may break. */
  indicatorStarts: number[];
}

interface Body {
  categories: CategorySpan[];
  lastBodyRow: number;
}

function writeBody(sheet: SheetBuilder, ctx: BuildContext): Body {
  const firstCell = new Map<string, string>(); // input id → its typed cell
  let row = FIRST_DATA_ROW;
  const categories: CategorySpan[] = [];
  for (const category of ctx.catalog.categories) {
    const catStart = row;
    const indicatorStarts: number[] = [];
    for (const indicator of category.indicators) {
      indicatorStarts.push(row);
      row = writeIndicator(sheet, ctx, indicator, row, firstCell);
    }
    const catEnd = row - 1;
    sheet.block(catStart, COL.category, catEnd, { value: `${category.numeral}、${category.title}\n（${category.points}分）`, style: "category", locked: true });
    categories.push({ categoryId: category.id, title: `${category.numeral}、${category.title}`, points: category.points, from: catStart, to: catEnd, indicatorStarts });
  }
  return { categories, lastBodyRow: row - 1 };
}

type Indicator = Catalog["categories"][number]["indicators"][number];

/** An indicator's clauses, then its name, 是否涉及 and 指标扣分 blocks beside them; returns the next free row. */
function writeIndicator(sheet: SheetBuilder, ctx: BuildContext, indicator: Indicator, indStart: number, firstCell: Map<string, string>): number {
  const naCell = addr(indStart, COL.na);
  let row = indStart;
  for (const clause of indicator.clauses) row = writeClause(sheet, ctx, clause, row, naCell, firstCell);
  const indEnd = row - 1;
  sheet.block(indStart, COL.indicator, indEnd, { value: `${indicator.title}\n（${indicator.points}分）`, style: "indicator", locked: true });
  sheet.block(indStart, COL.na, indEnd, { value: ctx.na.has(indicator.id) ? "不涉及" : "涉及", style: "na", locked: false });
  sheet.validations.push({
    address: naCell,
    type: "list",
    list: ["涉及", "不涉及"],
    promptTitle: "是否涉及",
    prompt: "本指标不涉及本单位时选择“不涉及”（该指标不扣分），否则保持“涉及”。",
    errorTitle: "请选择涉及或不涉及",
    error: "“是否涉及”只能选择“涉及”或“不涉及”。",
  });
  sheet.name(names.notApplicable(indicator.id), naCell);
  const indRange = `${addr(indStart, COL.deduction)}:${addr(indEnd, COL.deduction)}`;
  sheet.block(indStart, COL.indicatorDeduction, indEnd, {
    formula: subtotalFormula(ctx, indRange, `MIN(${indicator.points},SUM(${indRange}))`),
    cached: subtotalCached(ctx, indicator.clauses.map((c) => ctx.clauseResult.get(c.id)!), ctx.indicatorResult.get(indicator.id)!.deduction),
    style: "formula",
    locked: true,
  });
  sheet.name(names.indicatorDeduction(indicator.id), addr(indStart, COL.indicatorDeduction));
  return row;
}

/** One input row per input (a shared input typed once, linked after); returns each input's cell. */
function writeInputs(sheet: SheetBuilder, ctx: BuildContext, clause: Clause, clStart: number, firstCell: Map<string, string>): Map<string, string> {
  const cellOf = new Map<string, string>();
  clause.inputs.forEach((spec, i) => {
    const r = clStart + i;
    const a = addr(r, COL.input);
    cellOf.set(spec.id, a);
    sheet.put(r, COL.inputLabel, { value: spec.label, style: "inputLabel", locked: true });
    sheet.put(r, COL.unit, { value: spec.type === "percent" ? "%" : spec.type === "bool" ? "是/否" : spec.type === "date" ? "日期" : (spec.unit ?? ""), style: "unit", locked: true });
    const numFmt = spec.type === "count" ? NUMFMT.count : spec.type === "percent" ? NUMFMT.percent : spec.type === "date" ? NUMFMT.date : spec.type === "text" ? NUMFMT.text : undefined;
    const first = firstCell.get(spec.id);
    if (first) {
      // Shared input: typed once; here a locked link so this clause's inputs stay one contiguous range.
      const v = cellValueOf(spec, ctx.answers.values[spec.id]);
      sheet.put(r, COL.input, { formula: `IF(${first}="","",${first})`, cached: v ?? "", style: "linked", locked: true, numFmt });
    } else {
      firstCell.set(spec.id, a);
      sheet.put(r, COL.input, { value: cellValueOf(spec, ctx.answers.values[spec.id]), style: "input", locked: false, numFmt });
      sheet.validations.push(validationOf(spec, a));
      sheet.name(names.input(spec.id), a);
    }
  });
  if (clause.inputs.length === 0) {
    sheet.put(clStart, COL.inputLabel, { value: null, style: "inputLabel", locked: true });
    sheet.put(clStart, COL.input, { value: null, style: "unit", locked: true });
    sheet.put(clStart, COL.unit, { value: null, style: "unit", locked: true });
  }
  return cellOf;
}

/**
 * The clause's three formulas (扣分, 状态, 说明). Portable: native formulas only. Add-in (the default): one
 * template that computes everywhere — each CREDIT.* call inside IFERROR with the portable variant's native
 * formula as the fallback. Where the add-in runs the CREDIT.* result shows (the engine's detailed
 * explanation); in Excel without the add-in, WPS and LibreOffice the unknown function is #NAME?, IFERROR
 * catches it and the native formula — proved equal to the engine (test/layout/formulas.test.ts, LibreOffice
 * test) — gives the same status, deduction and score.
 * A genuine 数据错误 is not hidden by the fallback: CREDIT.DEDUCT's #VALUE! falls back to the native
 * deduction, which reads the status cell (CREDIT.STATUS = 数据错误) and shows the text 数据错误, exactly what
 * the portable variant shows; CREDIT.EXPLAIN returns the engine's reason for the error as text (not an error),
 * so the explanation cell keeps saying which input is wrong and why. The only thing lost to IFERROR is the
 * #VALUE! hover message, which desktop Excel shows unreliably anyway. Argument errors (a sheet whose ranges
 * were altered) also fall back to the native formulas, which read the template's own input cells.
 */
function clauseFormulas(ctx: BuildContext, clause: Clause, cellOf: Map<string, string>, inputsRange: string, naCell: string, stAddr: string) {
  const ref = `"${ctx.year}:${clause.id}"`;
  const cellFn = (id: string) => cellOf.get(id)!;
  const native = { ded: compileDeduction(clause, stAddr), st: compileStatus(clause, cellFn, naCell), ex: compileExplanation(clause, stAddr, cellFn) };
  if (ctx.portable) return native;
  const args = `${ref},${inputsRange},${naCell}`;
  return {
    ded: `IFERROR(CREDIT.DEDUCT(${args}),${native.ded})`,
    st: `IFERROR(CREDIT.STATUS(${args}),${native.st})`,
    ex: `IFERROR(CREDIT.EXPLAIN(${args}),${native.ex})`,
  };
}

/** A clause's rows: inputs, then the merged text, evidence, formula, 核定 and 备注 blocks; returns the next free row. */
function writeClause(sheet: SheetBuilder, ctx: BuildContext, clause: Clause, clStart: number, naCell: string, firstCell: Map<string, string>): number {
  const { year, answers, portable } = ctx;
  const rows = Math.max(1, clause.inputs.length);
  const cellOf = writeInputs(sheet, ctx, clause, clStart, firstCell);
  const clEnd = clStart + rows - 1;
  const inputsRange = clause.inputs.length > 1 ? `${addr(clStart, COL.input)}:${addr(clEnd, COL.input)}` : addr(clStart, COL.input);
  const r = ctx.clauseResult.get(clause.id)!;
  const dedAddr = addr(clStart, COL.deduction);
  const stAddr = addr(clStart, COL.status);
  const dedCached: CellValue | CellErrorValue =
    r.status === "待填" ? "待填" : r.status !== "数据错误" ? r.deduction : "数据错误";
  const f = clauseFormulas(ctx, clause, cellOf, inputsRange, naCell, stAddr);
  sheet.block(clStart, COL.clause, clEnd, { value: clauseText(ctx, clause), style: "clause", locked: true });
  sheet.block(clStart, COL.evidence, clEnd, { value: clause.evidence.join("、"), style: "evidence", locked: true });
  sheet.block(clStart, COL.evidenceInput, clEnd, { value: cellValueOf(undefined, answers.evidence?.[clause.id]), style: "evidenceInput", locked: false, numFmt: NUMFMT.text });
  sheet.validations.push({ address: addr(clStart, COL.evidenceInput), type: "any", promptTitle: "已附佐证材料", prompt: `需提供：${clause.evidence.join("、")}。请写明已附的材料（文件名或说明）。`, errorTitle: "", error: "" });
  sheet.block(clStart, COL.deduction, clEnd, { formula: f.ded, cached: dedCached, style: "formula", locked: true });
  sheet.block(clStart, COL.status, clEnd, { formula: f.st, cached: r.status, style: "formula", locked: true });
  sheet.block(clStart, COL.explanation, clEnd, { formula: f.ex, cached: portable ? portableExplanation(clause, r.status, r.explanation) : r.explanation, style: "explain", locked: true });
  sheet.block(clStart, COL.verified, clEnd, { value: cellValueOf(undefined, answers.verified?.[clause.id]), style: "verify", locked: true });
  sheet.block(clStart, COL.verifiedReason, clEnd, { value: cellValueOf(undefined, answers.verifiedReason?.[clause.id]), style: "verify", locked: true });
  sheet.block(clStart, COL.remark, clEnd, { value: cellValueOf(undefined, answers.remarks?.[clause.id]), style: "remark", locked: false, numFmt: NUMFMT.text });
  sheet.validations.push({ address: addr(clStart, COL.remark), type: "any", promptTitle: "备注", prompt: "可填写需要说明的情况。", errorTitle: "", error: "" });
  sheet.put(clStart, COL.clauseId, { value: `${year}:${clause.id}`, style: "meta", locked: true });
  sheet.name(names.evidence(clause.id), addr(clStart, COL.evidenceInput));
  sheet.name(names.deduction(clause.id), dedAddr);
  sheet.name(names.status(clause.id), stAddr);
  sheet.name(names.explanation(clause.id), addr(clStart, COL.explanation));
  sheet.name(names.verified(clause.id), addr(clStart, COL.verified));
  sheet.name(names.verifiedReason(clause.id), addr(clStart, COL.verifiedReason));
  sheet.name(names.remark(clause.id), addr(clStart, COL.remark));
  return clEnd + 1;
}

// ---- subtotals, total, score ----

/** One 小计 row per category, 合计扣分 and 得分 under the table; returns the last row (得分). */
function writeTotals(sheet: SheetBuilder, ctx: BuildContext, body: Body): number {
  const { catalog, result, portable } = ctx;
  let row = body.lastBodyRow + 1;
  const subRows: number[] = [];
  for (const s of body.categories) {
    sheet.block(row, 1, row, { value: `小计：${s.title}（${s.points}分）扣分`, style: "totalLabel", locked: true }, COL.deduction - 1);
    const indRange = `${addr(s.from, COL.indicatorDeduction)}:${addr(s.to, COL.indicatorDeduction)}`;
    const catClauses = result.clauses.filter((c) => c.categoryId === s.categoryId);
    sheet.block(row, COL.deduction, row, { formula: subtotalFormula(ctx, indRange, `SUM(${indRange})`), cached: subtotalCached(ctx, catClauses, ctx.categoryResult.get(s.categoryId)!.deduction), style: "total", locked: true }, LAST_VISIBLE);
    sheet.name(names.categoryDeduction(s.categoryId), addr(row, COL.deduction));
    subRows.push(row);
    row++;
  }
  const subRange = `${addr(subRows[0], COL.deduction)}:${addr(subRows[subRows.length - 1], COL.deduction)}`;
  sheet.block(row, 1, row, { value: "合计扣分", style: "totalLabel", locked: true }, COL.deduction - 1);
  sheet.block(row, COL.deduction, row, { formula: subtotalFormula(ctx, subRange, `MIN(${catalog.total},SUM(${subRange}))`), cached: subtotalCached(ctx, result.clauses, result.totalDeduction), style: "total", locked: true }, LAST_VISIBLE);
  sheet.name(names.totalDeduction, addr(row, COL.deduction));
  const totalRow = row++;
  const dedRange = `${addr(FIRST_DATA_ROW, COL.deduction)}:${addr(body.lastBodyRow, COL.deduction)}`;
  const idRange = `${addr(FIRST_DATA_ROW, COL.clauseId)}:${addr(body.lastBodyRow, COL.clauseId)}`;
  const stRange = `${addr(FIRST_DATA_ROW, COL.status)}:${addr(body.lastBodyRow, COL.status)}`;
  // 数据错误 counts as unfinished: 未完成（N 项待填）. CREDIT.SCORE refuses the text 数据错误 (#VALUE!), so the
  // add-in variant falls back to the native score then, which counts it; otherwise both agree (caps per
  // indicator and in total, never below 0).
  const errors = result.clauses.filter((c) => c.status === "数据错误").length;
  const pending = result.clauses.filter((c) => c.status === "待填").length + errors;
  const scoreCached: CellValue | CellErrorValue = pending ? `未完成（${pending} 项待填）` : result.score;
  const pendingF = `COUNTIF(${stRange},"待填")+COUNTIF(${stRange},"数据错误")`;
  const nativeScore = `IF(${pendingF}>0,"未完成（"&(${pendingF})&" 项待填）",MAX(0,${catalog.total}-${addr(totalRow, COL.deduction)}))`;
  const scoreF = portable ? nativeScore : `IFERROR(CREDIT.SCORE(${dedRange},${idRange}),${nativeScore})`;
  sheet.block(row, 1, row, { value: `得分（满分 ${catalog.total} 分）`, style: "totalLabel", locked: true }, COL.deduction - 1);
  sheet.block(row, COL.deduction, row, { formula: scoreF, cached: scoreCached, style: "total", locked: true }, LAST_VISIBLE);
  sheet.name(names.score, addr(row, COL.deduction));
  return row;
}

/** Below the score: the line the unit's head signs and stamps (a 考核表 is handed in signed). */
function writeSignature(sheet: SheetBuilder, scoreRow: number): number {
  const row = scoreRow + 2;
  const parts: [number, number, string][] = [
    [1, 4, "单位负责人（签字）："],
    [5, 9, "单位（盖章）："],
    [10, LAST_VISIBLE, "日期：　　　　年　　月　　日"],
  ];
  for (const [c1, c2, text] of parts) sheet.block(row, c1, row, { value: text, style: "sign", locked: true }, c2);
  sheet.rowHeights[scoreRow + 1] = 12;
  sheet.rowHeights[row] = 40;
  return row;
}

/** Hidden column R: year, kind, unit and layout version, for the readers. */
function writeMeta(sheet: SheetBuilder, ctx: BuildContext): void {
  const meta: [string, CellValue][] = [
    [names.year, ctx.year],
    [names.kind, ctx.catalog.kind],
    [names.unit, ctx.unit.name],
    [names.layoutVersion, LAYOUT_VERSION],
  ];
  meta.forEach(([n, v], i) => {
    sheet.put(i + 1, COL.meta, { value: v, style: "meta", locked: true });
    sheet.name(n, addr(i + 1, COL.meta));
  });
}

// ---- the finished layout: cells in row order, row heights, print setup ----

function assemble(sheet: SheetBuilder, ctx: BuildContext, body: Body, lastRow: number): TemplateLayout {
  const { cells, merges, rowHeights } = sheet;
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  fitRowHeights(cells, merges, rowHeights, 4, lastRow, WIDTHS, STYLES);
  const rowBreaks = paginate(sheet, body, lastRow);
  fitRowHeights(cells, merges, rowHeights, 4, lastRow, WIDTHS, STYLES); // a "（续）" label may need a little more
  return {
    year: ctx.year,
    kind: ctx.catalog.kind,
    unit: ctx.unit.name,
    variant: ctx.variant,
    layoutVersion: LAYOUT_VERSION,
    sheetName: sheetNameOf(ctx.unit.name),
    cells,
    merges,
    validations: sheet.validations,
    names: sheet.names,
    widths: WIDTHS,
    hiddenColumns: [COL.clauseId, COL.meta],
    rowHeights,
    frozenRows: HEADER_ROW,
    print: {
      paper: "A4",
      orientation: "landscape",
      fitToWidth: 1,
      fitToHeight: 0,
      titleRows: `${HEADER_ROW}:${HEADER_ROW}`,
      header: `${ctx.unit.name}\u3000${sheetTitle(ctx)}`,
      footer: "第 &P 页，共 &N 页",
      area: `A1:${addr(lastRow, LAST_VISIBLE)}`,
      rowBreaks,
    },
    protection: {},
    styles: STYLES,
    lastRow,
    lastCol: COL.meta,
  };
}

/** The notice's text verbatim, and under it the reading this project applies where the text is ambiguous. */
function clauseText(ctx: BuildContext, clause: Clause): string {
  const reading = readingOf(ctx.year, clause.id);
  return reading ? `${clause.text}\n【本表采用的解读】${reading}` : clause.text;
}

// ---- pages: break between indicators, repeat the category's label on the page it continues ----

/** The print scale of fitting columns A–P to the page width (1 when they fit unscaled). */
export function printScale(widths: readonly number[] = WIDTHS): number {
  const table = widths.slice(0, LAST_VISIBLE).reduce((a, w) => a + columnPoints(w), 0);
  return Math.min(1, PRINTABLE.width / table);
}

/**
 * Chooses page breaks so that no indicator is split over two pages (a page holds at most 94 % of what
 * fits, so a program measuring rows a little taller still breaks where we do), sets every row's height
 * explicitly (both programs then print the same rows per page), and where a category continues on the next
 * page splits its merged label so the page shows "…（续）". Returns the last row of each page but the last.
 */
function paginate(sheet: SheetBuilder, body: Body, lastRow: number): number[] {
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
  const whole = `${addr(c.from, COL.category)}:${addr(c.to, COL.category)}`;
  const i = sheet.merges.indexOf(whole);
  if (i >= 0) sheet.merges.splice(i, 1);
  sheet.merge(c.from, COL.category, at - 1, COL.category);
  sheet.merge(at, COL.category, c.to, COL.category);
  const cell = sheet.cells.find((x) => x.row === at && x.col === COL.category);
  if (cell) cell.value = `${c.title}\n（续）`;
}
