// The table body: category ▸ indicator ▸ clause ▸ input rows.
import { clauseNumber, coerce, isBlank, readingOf, type Catalog, type Clause } from "../../core/index";
import { names } from "../../core/names";
import { addr } from "../address";
import { percentHelpers, portableExplanation, type HelperOf } from "../compileFormula";
import { clauseFormulas, subtotalCached, subtotalFormula } from "./formulas";
import { COL, FIRST_DATA_ROW, NUMFMT } from "./grid";
import { cellValueOf, writeInputs } from "./inputs";
import type { BuildContext, SheetBuilder } from "./sheet";
import type { CellErrorValue, CellValue } from "./types";

export interface CategorySpan {
  categoryId: string;
  title: string;
  points: number;
  from: number;
  to: number;
  /** First row of each of its indicators: the places a page may break. */
  indicatorStarts: number[];
}

export interface Body {
  categories: CategorySpan[];
  lastBodyRow: number;
}

export function writeBody(sheet: SheetBuilder, ctx: BuildContext): Body {
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
  // Where 不涉及 cannot apply the formulas do not read the 是否涉及 cell: a 不涉及 typed there counts for nothing.
  for (const clause of indicator.clauses) row = writeClause(sheet, ctx, clause, row, indicator.notApplicable.allowed ? naCell : undefined, firstCell);
  const indEnd = row - 1;
  sheet.block(indStart, COL.indicator, indEnd, { value: `${indicator.title}\n（${indicator.points}分）`, style: "indicator", locked: true });
  const rule = indicator.notApplicable;
  if (rule.allowed) {
    sheet.block(indStart, COL.na, indEnd, { value: ctx.na.has(indicator.id) ? "不涉及" : "涉及", style: "na", locked: false });
    // An inline list's prompt is limited to 255 characters (Excel); `when` is one sentence.
    sheet.validations.push({
      address: naCell,
      type: "list",
      list: ["涉及", "不涉及"],
      promptTitle: "是否涉及",
      prompt: `仅当${rule.when}时选择“不涉及”（该指标不扣分，须经考核组确认，请在备注中说明）；否则保持“涉及”。`,
      errorTitle: "请选择涉及或不涉及",
      error: "“是否涉及”只能选择“涉及”或“不涉及”。",
    });
  } else {
    // Every unit of the kind has this task (the year's reading, docs/rules-<year>.md): no 不涉及 on offer.
    sheet.block(indStart, COL.na, indEnd, { value: "涉及", style: "naFixed", locked: true });
  }
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

/** A clause's rows: inputs, then the merged text, evidence, formula, 核定 and 备注 blocks; returns the next free row. */
function writeClause(sheet: SheetBuilder, ctx: BuildContext, clause: Clause, clStart: number, naCell: string | undefined, firstCell: Map<string, string>): number {
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
  const helper = writePercentHelpers(sheet, ctx, clause, cellOf, clStart, rows);
  const f = clauseFormulas(ctx, clause, cellOf, inputsRange, naCell, stAddr, helper);
  sheet.block(clStart, COL.number, clEnd, { value: clauseNumber(clause.id), style: "number", locked: true });
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

/**
 * The percents a rate clause's native explanation prints, one hidden cell each beside the clause's rows
 * (column T): the explanation formula reads them instead of repeating their long formulas.
 */
function writePercentHelpers(sheet: SheetBuilder, ctx: BuildContext, clause: Clause, cellOf: Map<string, string>, clStart: number, rows: number): HelperOf {
  const specs = new Map(clause.inputs.map((i) => [i.id, i]));
  const helpers = percentHelpers(clause.condition, (id) => cellOf.get(id)!, specs);
  if (helpers.length > rows) throw new Error(`条款 ${clause.id} 的比率说明需要 ${helpers.length} 个辅助单元格，但只有 ${rows} 行`);
  const get = (id: string): number | undefined | null => {
    const raw = ctx.answers.values[id];
    if (isBlank(raw)) return undefined;
    const c = coerce(specs.get(id)!, raw);
    return c.state === "ok" && typeof c.value === "number" ? c.value : null;
  };
  helpers.forEach((h, i) => sheet.put(clStart + i, COL.percent, { formula: h.formula, cached: h.cached(get), style: "meta", locked: true }));
  return (i) => addr(clStart + i, COL.percent);
}

/** The notice's text verbatim and under it the reading this project applies where the text is ambiguous. */
function clauseText(ctx: BuildContext, clause: Clause): string {
  const reading = readingOf(ctx.year, clause.id);
  return reading ? `${clause.text}\n【本表采用的解读】${reading}` : clause.text;
}
