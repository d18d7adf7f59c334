// The layout of a unit's template sheet as pure data, computed from the catalog: cells (values, formulas
// with cached results), merges, validations, defined names, styles, widths, print and protection.
// Two thin writers consume it: src/xlsx/writeTemplate.ts (ExcelJS) and src/office/templateWriter.ts (Office.js).
import {
  UNIT_KIND_LABEL,
  isoToSerial,
  parseDateText,
  score,
  type Catalog,
  type Clause,
  type ClauseStatus,
  type InputSpec,
  type ScoreResult,
} from "../core/index";
import { compileDeduction, compileExplanation, compileStatus, portableExplanation } from "./compileFormula";
import { LAYOUT_VERSION, names } from "./names";

export type Variant = "addin" | "portable";

export type StyleKey =
  | "title"
  | "headLabel"
  | "headValue"
  | "headInput"
  | "note"
  | "th"
  | "category"
  | "indicator"
  | "na"
  | "clause"
  | "inputLabel"
  | "input"
  | "linked"
  | "unit"
  | "evidence"
  | "evidenceInput"
  | "formula"
  | "explain"
  | "verify"
  | "remark"
  | "totalLabel"
  | "total"
  | "meta";

export interface CellStyle {
  bold?: boolean;
  size?: number;
  color?: string; // RRGGBB
  fill?: string; // RRGGBB
  h?: "left" | "center" | "right";
  v?: "top" | "middle";
  wrap?: boolean;
  border?: boolean;
}

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
  print: { paper: "A4"; orientation: "landscape"; fitToWidth: 1; fitToHeight: 0; titleRows: string; header: string; footer: string; area: string };
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

export const STYLES: Record<StyleKey, CellStyle> = {
  title: { bold: true, size: 16, h: "center", v: "middle" },
  headLabel: { bold: true, h: "right", v: "middle", fill: "F2F2F2", border: true },
  headValue: { h: "left", v: "middle", border: true },
  headInput: { h: "left", v: "middle", fill: "FFF2CC", border: true },
  note: { size: 9, color: "595959", h: "left", v: "top", wrap: true },
  th: { bold: true, h: "center", v: "middle", wrap: true, fill: "D9E1F2", border: true },
  category: { bold: true, h: "center", v: "middle", wrap: true, border: true },
  indicator: { h: "left", v: "middle", wrap: true, border: true },
  na: { h: "center", v: "middle", fill: "FFF2CC", border: true },
  clause: { h: "left", v: "middle", wrap: true, border: true },
  inputLabel: { h: "left", v: "middle", wrap: true, border: true, size: 10 },
  input: { h: "right", v: "middle", fill: "FFF2CC", border: true },
  linked: { h: "right", v: "middle", fill: "EDEDED", color: "595959", border: true },
  unit: { h: "center", v: "middle", border: true, size: 10 },
  evidence: { h: "left", v: "middle", wrap: true, border: true, size: 10 },
  evidenceInput: { h: "left", v: "middle", wrap: true, fill: "FFF2CC", border: true, size: 10 },
  formula: { h: "center", v: "middle", bold: true, border: true },
  explain: { h: "left", v: "middle", wrap: true, border: true, size: 9 },
  verify: { h: "center", v: "middle", fill: "E2EFDA", border: true, wrap: true, size: 10 },
  remark: { h: "left", v: "middle", wrap: true, fill: "FFF2CC", border: true, size: 10 },
  totalLabel: { bold: true, h: "right", v: "middle", border: true, fill: "F2F2F2" },
  total: { bold: true, h: "center", v: "middle", border: true, fill: "F2F2F2" },
  meta: { size: 8, color: "808080" },
};

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

const HEADERS: [number, string][] = [
  [COL.category, "考核内容"],
  [COL.indicator, "指标明细"],
  [COL.na, "是否涉及"],
  [COL.clause, "评分标准"],
  [COL.inputLabel, "填报项目"],
  [COL.input, "填报数据"],
  [COL.unit, "单位"],
  [COL.evidence, "佐证材料"],
  [COL.evidenceInput, "已附佐证材料"],
  [COL.deduction, "自评扣分"],
  [COL.status, "状态"],
  [COL.explanation, "扣分说明"],
  [COL.indicatorDeduction, "指标扣分"],
  [COL.verified, "核定扣分（考核组）"],
  [COL.verifiedReason, "核定说明（考核组）"],
  [COL.remark, "备注"],
];

const WIDTHS = [9, 16, 7, 28, 24, 10, 5, 11, 12, 7, 7, 28, 7, 8, 10, 10, 16, 12];

export function colLetter(col: number): string {
  let s = "";
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

export const addr = (row: number, col: number) => `${colLetter(col)}${row}`;

/** Excel forbids : \ / ? * [ ] in sheet names and limits them to 31 characters. */
export function sheetNameOf(unit: string): string {
  return unit.replace(/[:\\/?*[\]]/g, "_").slice(0, 31) || "单位";
}

const KIND_FILE_LABEL = { county: "县区", department: "市直部门" } as const;

/** "兴山区-2022-县区.xlsx" */
export function templateFileName(unit: string, year: number, kind: Catalog["kind"]): string {
  return `${unit.replace(/[\\/:*?"<>|]/g, "_")}-${year}-${KIND_FILE_LABEL[kind]}.xlsx`;
}

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

/** Builds the layout of one unit's template sheet. */
export function buildTemplateLayout(catalog: Catalog, unit: { name: string }, opts: BuildOptions): TemplateLayout {
  const answers = opts.answers ?? { values: {} };
  const na = new Set(answers.notApplicable ?? []);
  const result: ScoreResult = score(catalog, { values: answers.values, notApplicable: na });
  const clauseResult = new Map(result.clauses.map((c) => [c.clauseId, c]));
  const indicatorResult = new Map(result.indicators.map((c) => [c.id, c]));
  const categoryResult = new Map(result.categories.map((c) => [c.id, c]));
  const portable = opts.variant === "portable";
  // A subtotal over clauses still 待填 is 待填 itself: a partial sum must never read as a finished figure
  // (and the readers take a number here for a claim that the part is complete). With CREDIT.DEDUCT a
  // 数据错误 clause is #VALUE!, which SUM passes up visibly; the portable variant writes the text 数据错误.
  const subtotal = (range: string, value: string) =>
    portable
      ? `IF(COUNTIF(${range},"数据错误")>0,"数据错误",IF(COUNTIF(${range},"待填")>0,"待填",${value}))`
      : `IF(COUNTIF(${range},"待填")>0,"待填",${value})`;
  const subtotalCached = (clauses: { status: ClauseStatus }[], value: number): CellValue | CellErrorValue => {
    const pending = clauses.some((c) => c.status === "缺数据");
    const error = clauses.some((c) => c.status === "数据错误");
    if (portable) return error ? "数据错误" : pending ? "待填" : value;
    return pending ? "待填" : error ? { error: "#VALUE!" } : value;
  };
  const year = catalog.year;

  const cells: LayoutCell[] = [];
  const merges: string[] = [];
  const validations: LayoutValidation[] = [];
  const nameList: { name: string; address: string }[] = [];
  const rowHeights: Record<number, number> = {};
  const put = (row: number, col: number, c: Omit<LayoutCell, "address" | "row" | "col">) => {
    const cell: LayoutCell = { address: addr(row, col), row, col, ...c };
    cells.push(cell);
    return cell;
  };
  const merge = (r1: number, c1: number, r2: number, c2: number) => {
    if (r1 !== r2 || c1 !== c2) merges.push(`${addr(r1, c1)}:${addr(r2, c2)}`);
  };
  /** Writes a block's top-left cell, blank bordered cells under it (so borders print), and merges it. */
  const block = (r1: number, c: number, r2: number, cell: Omit<LayoutCell, "address" | "row" | "col">, c2 = c) => {
    put(r1, c, cell);
    for (let r = r1; r <= r2; r++) for (let k = c; k <= c2; k++) if (r !== r1 || k !== c) put(r, k, { value: null, style: cell.style, locked: cell.locked, numFmt: cell.numFmt });
    merge(r1, c, r2, c2);
  };
  const name = (n: string, address: string) => nameList.push({ name: n, address });

  // ---- title, header block, note ----
  block(1, 1, 1, { value: catalog.title, style: "title", locked: true }, LAST_VISIBLE);
  rowHeights[1] = 30;
  const header = answers.header ?? {};
  const headRow = (row: number, items: [string, Omit<LayoutCell, "address" | "row" | "col">, string?][]) => {
    // label in 1 column, value over the next columns: A|B–D, E|F–H, I|J–L ...
    const spans: [number, number, number][] = [
      [1, 2, 4],
      [5, 6, 8],
      [9, 10, 12],
    ];
    items.forEach(([label, value, nm], i) => {
      const [lc, v1, v2] = spans[i];
      put(row, lc, { value: label, style: "headLabel", locked: true });
      block(row, v1, row, value, v2);
      if (nm) name(nm, addr(row, v1));
    });
  };
  headRow(2, [
    ["单位名称", { value: unit.name, style: "headValue", locked: true }],
    ["单位类别", { value: UNIT_KIND_LABEL[catalog.kind], style: "headValue", locked: true }],
    ["考核年度", { value: year, style: "headValue", locked: true }],
  ]);
  const fillDate = cellValueOf({ id: "fillDate", label: "填报日期", type: "date" }, header.fillDate);
  headRow(3, [
    ["填报人", { value: cellValueOf(undefined, header.filler), style: "headInput", locked: false, numFmt: NUMFMT.text }, names.filler],
    ["联系电话", { value: cellValueOf(undefined, header.phone), style: "headInput", locked: false, numFmt: NUMFMT.text }, names.phone],
    ["填报日期", { value: fillDate, style: "headInput", locked: false, numFmt: NUMFMT.date }, names.fillDate],
  ]);
  validations.push({
    address: addr(3, 10),
    type: "date",
    min: isoToSerial(`${year}-01-01`),
    max: isoToSerial(`${year + 1}-12-31`),
    promptTitle: "填报日期",
    prompt: `请填写日期，如 ${year + 1}-01-10。`,
    errorTitle: "应为日期",
    error: `「填报日期」应为 ${year}-01-01 至 ${year + 1}-12-31 之间的日期。`,
  });
  validations.push({ address: addr(3, 2), type: "any", promptTitle: "填报人", prompt: "请填写填报人姓名。", errorTitle: "", error: "" });
  validations.push({ address: addr(3, 6), type: "any", promptTitle: "联系电话", prompt: "请填写联系电话（手机或座机）。", errorTitle: "", error: "" });
  const note =
    "填表说明：只填写浅黄色单元格（其余单元格已锁定，工作表保护无密码）。每项指标先在“是否涉及”选择“涉及”或“不涉及”；" +
    "数量填整数，比率填百分比（如 85%，已填户数/条数时可不填比率），日期填如 " + `${year}-04-28` + "。自评扣分、状态、扣分说明自动计算，" +
    "“待填”表示还缺数据；灰色单元格引用本表上方已填的同一数据。核定扣分、核定说明由考核组填写。";
  block(4, 1, 4, { value: note, style: "note", locked: true }, LAST_VISIBLE);
  rowHeights[4] = 36;

  // ---- table header ----
  for (const [c, t] of HEADERS) put(HEADER_ROW, c, { value: t, style: "th", locked: true });
  rowHeights[HEADER_ROW] = 44;

  // ---- table body ----
  const firstCell = new Map<string, string>(); // input id → its typed cell
  let row = FIRST_DATA_ROW;
  const catSubtotalRows: { categoryId: string; title: string; points: number; from: number; to: number }[] = [];
  for (const category of catalog.categories) {
    const catStart = row;
    for (const indicator of category.indicators) {
      const indStart = row;
      const naCell = addr(indStart, COL.na);
      for (const clause of indicator.clauses) {
        const clStart = row;
        const rows = Math.max(1, clause.inputs.length);
        const cellOf = new Map<string, string>();
        clause.inputs.forEach((spec, i) => {
          const r = clStart + i;
          const a = addr(r, COL.input);
          cellOf.set(spec.id, a);
          put(r, COL.inputLabel, { value: spec.label, style: "inputLabel", locked: true });
          put(r, COL.unit, { value: spec.type === "percent" ? "%" : spec.type === "bool" ? "是/否" : spec.type === "date" ? "日期" : (spec.unit ?? ""), style: "unit", locked: true });
          const numFmt = spec.type === "count" ? NUMFMT.count : spec.type === "percent" ? NUMFMT.percent : spec.type === "date" ? NUMFMT.date : spec.type === "text" ? NUMFMT.text : undefined;
          const first = firstCell.get(spec.id);
          if (first) {
            // Shared input: typed once; here a locked link so this clause's inputs stay one contiguous range.
            const v = cellValueOf(spec, answers.values[spec.id]);
            put(r, COL.input, { formula: `IF(${first}="","",${first})`, cached: v ?? "", style: "linked", locked: true, numFmt });
          } else {
            firstCell.set(spec.id, a);
            put(r, COL.input, { value: cellValueOf(spec, answers.values[spec.id]), style: "input", locked: false, numFmt });
            validations.push(validationOf(spec, a));
            name(names.input(spec.id), a);
          }
        });
        const clEnd = clStart + rows - 1;
        if (clause.inputs.length === 0) {
          put(clStart, COL.inputLabel, { value: null, style: "inputLabel", locked: true });
          put(clStart, COL.input, { value: null, style: "unit", locked: true });
          put(clStart, COL.unit, { value: null, style: "unit", locked: true });
        }
        const inputsRange = clause.inputs.length > 1 ? `${addr(clStart, COL.input)}:${addr(clEnd, COL.input)}` : addr(clStart, COL.input);
        const r = clauseResult.get(clause.id)!;
        const dedAddr = addr(clStart, COL.deduction);
        const stAddr = addr(clStart, COL.status);
        const ref = `"${year}:${clause.id}"`;
        const dedCached: CellValue | CellErrorValue =
          r.status === "缺数据" ? "待填" : r.status !== "数据错误" ? r.deduction : portable ? "数据错误" : { error: "#VALUE!" };
        const cellFn = (id: string) => cellOf.get(id)!;
        const f = portable
          ? { ded: compileDeduction(clause, stAddr), st: compileStatus(clause, cellFn, naCell), ex: compileExplanation(clause, stAddr) }
          : {
              ded: `CREDIT.DEDUCT(${ref},${inputsRange},${naCell})`,
              st: `CREDIT.STATUS(${ref},${inputsRange},${naCell})`,
              ex: `CREDIT.EXPLAIN(${ref},${inputsRange},${naCell})`,
            };
        block(clStart, COL.clause, clEnd, { value: clauseText(clause), style: "clause", locked: true });
        block(clStart, COL.evidence, clEnd, { value: clause.evidence.join("、"), style: "evidence", locked: true });
        block(clStart, COL.evidenceInput, clEnd, { value: cellValueOf(undefined, answers.evidence?.[clause.id]), style: "evidenceInput", locked: false, numFmt: NUMFMT.text });
        validations.push({ address: addr(clStart, COL.evidenceInput), type: "any", promptTitle: "已附佐证材料", prompt: `需提供：${clause.evidence.join("、")}。请写明已附的材料（文件名或说明）。`, errorTitle: "", error: "" });
        block(clStart, COL.deduction, clEnd, { formula: f.ded, cached: dedCached, style: "formula", locked: true });
        block(clStart, COL.status, clEnd, { formula: f.st, cached: r.status, style: "formula", locked: true });
        block(clStart, COL.explanation, clEnd, { formula: f.ex, cached: portable ? portableExplanation(clause, r.status) : r.explanation, style: "explain", locked: true });
        block(clStart, COL.verified, clEnd, { value: cellValueOf(undefined, answers.verified?.[clause.id]), style: "verify", locked: true });
        block(clStart, COL.verifiedReason, clEnd, { value: cellValueOf(undefined, answers.verifiedReason?.[clause.id]), style: "verify", locked: true });
        block(clStart, COL.remark, clEnd, { value: cellValueOf(undefined, answers.remarks?.[clause.id]), style: "remark", locked: false, numFmt: NUMFMT.text });
        validations.push({ address: addr(clStart, COL.remark), type: "any", promptTitle: "备注", prompt: "可填写需要说明的情况。", errorTitle: "", error: "" });
        put(clStart, COL.clauseId, { value: `${year}:${clause.id}`, style: "meta", locked: true });
        name(names.evidence(clause.id), addr(clStart, COL.evidenceInput));
        name(names.deduction(clause.id), dedAddr);
        name(names.status(clause.id), stAddr);
        name(names.explanation(clause.id), addr(clStart, COL.explanation));
        name(names.verified(clause.id), addr(clStart, COL.verified));
        name(names.verifiedReason(clause.id), addr(clStart, COL.verifiedReason));
        name(names.remark(clause.id), addr(clStart, COL.remark));
        row = clEnd + 1;
      }
      const indEnd = row - 1;
      block(indStart, COL.indicator, indEnd, { value: `${indicator.title}（${indicator.points}分）`, style: "indicator", locked: true });
      block(indStart, COL.na, indEnd, { value: na.has(indicator.id) ? "不涉及" : "涉及", style: "na", locked: false });
      validations.push({
        address: naCell,
        type: "list",
        list: ["涉及", "不涉及"],
        promptTitle: "是否涉及",
        prompt: "本指标不涉及本单位时选择“不涉及”（该指标不扣分），否则保持“涉及”。",
        errorTitle: "请选择涉及或不涉及",
        error: "“是否涉及”只能选择“涉及”或“不涉及”。",
      });
      name(names.notApplicable(indicator.id), naCell);
      const indRange = `${addr(indStart, COL.deduction)}:${addr(indEnd, COL.deduction)}`;
      block(indStart, COL.indicatorDeduction, indEnd, {
        formula: subtotal(indRange, `MIN(${indicator.points},SUM(${indRange}))`),
        cached: subtotalCached(indicator.clauses.map((c) => clauseResult.get(c.id)!), indicatorResult.get(indicator.id)!.deduction),
        style: "formula",
        locked: true,
      });
      name(names.indicatorDeduction(indicator.id), addr(indStart, COL.indicatorDeduction));
    }
    const catEnd = row - 1;
    block(catStart, COL.category, catEnd, { value: `${category.numeral}、${category.title}（${category.points}分）`, style: "category", locked: true });
    catSubtotalRows.push({ categoryId: category.id, title: `${category.numeral}、${category.title}`, points: category.points, from: catStart, to: catEnd });
  }
  const lastBodyRow = row - 1;

  // ---- subtotals, total, score ----
  const subRows: number[] = [];
  for (const s of catSubtotalRows) {
    block(row, 1, row, { value: `小计：${s.title}（${s.points}分）扣分`, style: "totalLabel", locked: true }, COL.deduction - 1);
    const indRange = `${addr(s.from, COL.indicatorDeduction)}:${addr(s.to, COL.indicatorDeduction)}`;
    const catClauses = result.clauses.filter((c) => c.categoryId === s.categoryId);
    block(row, COL.deduction, row, { formula: subtotal(indRange, `SUM(${indRange})`), cached: subtotalCached(catClauses, categoryResult.get(s.categoryId)!.deduction), style: "total", locked: true }, COL.explanation);
    name(names.categoryDeduction(s.categoryId), addr(row, COL.deduction));
    subRows.push(row);
    row++;
  }
  const subRange = `${addr(subRows[0], COL.deduction)}:${addr(subRows[subRows.length - 1], COL.deduction)}`;
  block(row, 1, row, { value: "合计扣分", style: "totalLabel", locked: true }, COL.deduction - 1);
  block(row, COL.deduction, row, { formula: subtotal(subRange, `MIN(${catalog.total},SUM(${subRange}))`), cached: subtotalCached(result.clauses, result.totalDeduction), style: "total", locked: true }, COL.explanation);
  name(names.totalDeduction, addr(row, COL.deduction));
  const totalRow = row++;
  const dedRange = `${addr(FIRST_DATA_ROW, COL.deduction)}:${addr(lastBodyRow, COL.deduction)}`;
  const idRange = `${addr(FIRST_DATA_ROW, COL.clauseId)}:${addr(lastBodyRow, COL.clauseId)}`;
  const stRange = `${addr(FIRST_DATA_ROW, COL.status)}:${addr(lastBodyRow, COL.status)}`;
  // Portable: 数据错误 counts as pending text; CREDIT.SCORE: a #VALUE! deduction makes the score #VALUE!.
  const errors = result.clauses.filter((c) => c.status === "数据错误").length;
  const pending = result.clauses.filter((c) => c.status === "缺数据").length + (portable ? errors : 0);
  const scoreCached: CellValue | CellErrorValue = !portable && errors ? { error: "#VALUE!" } : pending ? `未完成（${pending} 项待填）` : result.score;
  const pendingF = `COUNTIF(${stRange},"缺数据")+COUNTIF(${stRange},"数据错误")`;
  const scoreF = portable
    ? `IF(${pendingF}>0,"未完成（"&(${pendingF})&" 项待填）",MAX(0,${catalog.total}-${addr(totalRow, COL.deduction)}))`
    : `CREDIT.SCORE(${dedRange},${idRange})`;
  block(row, 1, row, { value: `得分（满分 ${catalog.total} 分）`, style: "totalLabel", locked: true }, COL.deduction - 1);
  block(row, COL.deduction, row, { formula: scoreF, cached: scoreCached, style: "total", locked: true }, COL.explanation);
  name(names.score, addr(row, COL.deduction));
  const lastRow = row;

  // ---- hidden meta ----
  const meta: [string, CellValue][] = [
    [names.year, year],
    [names.kind, catalog.kind],
    [names.unit, unit.name],
    [names.layoutVersion, LAYOUT_VERSION],
  ];
  meta.forEach(([n, v], i) => {
    put(i + 1, COL.meta, { value: v, style: "meta", locked: true });
    name(n, addr(i + 1, COL.meta));
  });

  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  fitRowHeights(cells, merges, rowHeights, FIRST_DATA_ROW, lastRow);
  return {
    year,
    kind: catalog.kind,
    unit: unit.name,
    variant: opts.variant,
    layoutVersion: LAYOUT_VERSION,
    sheetName: sheetNameOf(unit.name),
    cells,
    merges,
    validations,
    names: nameList,
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
      header: `${unit.name}\u3000${year} 年度“信用鹤岗”建设工作考核自评表`,
      footer: "第 &P 页，共 &N 页",
      area: `A1:${addr(lastRow, LAST_VISIBLE)}`,
    },
    protection: {},
    styles: STYLES,
    lastRow,
    lastCol: COL.meta,
  };
}

function clauseText(clause: Clause): string {
  return clause.text;
}

/** Display width of text in Excel column units: a CJK character is about two digits wide. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e80 ? 2 : 1.1;
  return w;
}

/**
 * Row heights so that wrapped text in (merged) cells is not cut off: Excel and LibreOffice do not grow a row
 * for text in a merged cell. Single-row cells first, then merged blocks add what they still lack.
 */
function fitRowHeights(cells: LayoutCell[], merges: string[], heights: Record<number, number>, from: number, to: number): void {
  const span = new Map<string, { rows: number; cols: number[] }>();
  for (const m of merges) {
    const [a, b] = m.split(":").map((x) => /^([A-Z]+)(\d+)$/.exec(x)!);
    const c1 = colNumber(a[1]);
    const c2 = colNumber(b[1]);
    span.set(`${a[1]}${a[2]}`, { rows: Number(b[2]) - Number(a[2]) + 1, cols: Array.from({ length: c2 - c1 + 1 }, (_, i) => c1 + i) });
  }
  const need: { row: number; rows: number; height: number }[] = [];
  for (const c of cells) {
    if (c.row < from || c.row > to) continue;
    const text = c.formula !== undefined ? c.cached : c.value;
    if (text === null || text === undefined || text === "") continue;
    const st = STYLES[c.style];
    const sp = span.get(c.address) ?? { rows: 1, cols: [c.col] };
    const width = sp.cols.reduce((s, k) => s + (WIDTHS[k - 1] ?? 8), 0) - 1;
    const lines = st.wrap ? Math.max(1, Math.ceil(textWidth(String(text)) / Math.max(4, width))) : 1;
    need.push({ row: c.row, rows: sp.rows, height: lines * (st.size ?? 11) * 1.3 + 4 });
  }
  const h = (r: number) => heights[r] ?? 16;
  need.sort((a, b) => a.rows - b.rows);
  for (const n of need) {
    let have = 0;
    for (let r = n.row; r < n.row + n.rows; r++) have += h(r);
    if (have >= n.height) continue;
    const add = (n.height - have) / n.rows;
    for (let r = n.row; r < n.row + n.rows; r++) heights[r] = Math.ceil(h(r) + add);
  }
}

export function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}
