// The formula step of a review: every formula cell of the template must still hold its formula, stay
// locked, and show what the unit's inputs give — else the file was changed by hand (篡改). Only reported:
// the review's figures are always recomputed (a unit's file is untrusted, README 可信与安全).
import { clauseNumber, type NamedCell, type ScoreResult, type SheetCells } from "../../core/index";
import { formatPoints } from "../../core/format";
import { names } from "../../core/names";
import { missingName, problemAt, show, type ClauseInSheet, type ReviewProblem } from "../types";

const EPS = 1e-9;

export interface FormulaCell {
  /** The CR_* name of the cell. */
  name: string;
  /** What the cell is, in a message: 条款 1.1.2 扣分, 合计扣分, 得分. */
  what: string;
  /** The figure recomputed from the inputs; undefined while the inputs cannot decide it (待填, 数据错误). */
  expected: number | undefined;
  /** The figure is a score (得分), not a deduction: said so when the saved one differs. */
  isScore?: boolean;
  clauseId?: string;
}

/** One formula cell: still a formula, still locked, its saved value the recomputed one. */
export function checkFormulaCell(cells: SheetCells, f: FormulaCell): readonly ReviewProblem[] {
  const c: NamedCell | undefined = cells.names.get(f.name);
  if (!c) return [missingName(cells.sheet, f.name, f.what)];
  if (!c.formula) {
    return [tampered(cells, c, f, "错误", `${f.what}的公式已被替换为直接填写的 ${show(c.value)}（本次按填报数据重新计算${f.expected !== undefined ? `为 ${formatPoints(f.expected)}` : ""}）`)];
  }
  const unlocked = c.locked === false ? tampered(cells, c, f, "提示", `${f.what}单元格的锁定已被取消`) : undefined;
  const saved = savedFigure(cells, c, f);
  if (!unlocked && !saved) return NONE; // the usual case, for every formula cell of every sheet: nothing allocated
  return unlocked && saved ? [unlocked, saved] : [(unlocked ?? saved)!];
}

const NONE: readonly ReviewProblem[] = Object.freeze([]);

/** The saved figure against the recomputed one (待填 / 未完成 / an error value after a recalc without the add-in: nothing to compare). */
function savedFigure(cells: SheetCells, c: NamedCell, f: FormulaCell): ReviewProblem | undefined {
  if (typeof c.value !== "number") return undefined;
  if (f.expected === undefined) {
    return tampered(cells, c, f, "错误", `文件中保存的${f.what}为 ${formatPoints(c.value)}，但按填报数据尚不能计分（有待填或错误数据），保存的数值可能被改动`);
  }
  if (Math.abs(c.value - f.expected) > EPS) {
    return tampered(cells, c, f, "错误", `文件中保存的${f.what}为 ${formatPoints(c.value)}，按填报数据重新计算为 ${formatPoints(f.expected)}，${f.isScore ? "得分" : "扣分"}可能被改动或未重新计算（以重新计算的为准）`);
  }
  return undefined;
}

// (A module function, not a closure per call: this runs for every formula cell of every sheet.)
function tampered(cells: SheetCells, c: NamedCell, f: FormulaCell, severity: ReviewProblem["severity"], text: string): ReviewProblem {
  return problemAt(cells.sheet, { address: c.address, severity, kind: "篡改", clauseId: f.clauseId, text });
}

/** A clause's formula cells: its 扣分 (compared once decided), its 状态 and 说明 (still formulas). */
export function checkClauseFormulas({ cells, clause, result }: ClauseInSheet): readonly ReviewProblem[] {
  const decided = result.status === "扣分" || result.status === "不扣分" || result.status === "不涉及";
  const deduction = checkFormulaCell(cells, { name: names.deduction(clause.id), what: `条款 ${clauseNumber(clause.id)} 扣分`, expected: decided ? result.deduction : undefined, clauseId: clause.id });
  const status = typedOver(cells, clause.id, names.status(clause.id), "状态");
  const explanation = typedOver(cells, clause.id, names.explanation(clause.id), "说明");
  if (!status && !explanation) return deduction;
  return [...deduction, ...[status, explanation].filter((p): p is ReviewProblem => !!p)];
}

/** A clause's 状态 or 说明 no longer a formula (they hold text: no figure to compare). */
function typedOver(cells: SheetCells, clauseId: string, name: string, what: string): ReviewProblem | undefined {
  const c = cells.names.get(name);
  if (!c || c.formula) return undefined;
  return problemAt(cells.sheet, { address: c.address, severity: "错误", kind: "篡改", clauseId, text: `条款 ${clauseNumber(clauseId)} 的${what}单元格公式已被替换为 ${show(c.value)}` });
}

/** The sheet's totals — each indicator's and category's 扣分小计, 合计扣分, 得分 — and its protection. */
export function checkSheetFormulas(cells: SheetCells, self: ScoreResult): readonly ReviewProblem[] {
  const problems: ReviewProblem[] = [];
  for (const i of self.indicators) {
    problems.push(...checkFormulaCell(cells, { name: names.indicatorDeduction(i.id), what: `指标 ${clauseNumber(i.id)} 扣分小计`, expected: i.complete ? i.deduction : undefined }));
  }
  for (const c of self.categories) {
    problems.push(...checkFormulaCell(cells, { name: names.categoryDeduction(c.id), what: `${c.title} 扣分小计`, expected: c.complete ? c.deduction : undefined }));
  }
  problems.push(...checkFormulaCell(cells, { name: names.totalDeduction, what: "合计扣分", expected: self.complete ? self.totalDeduction : undefined }));
  problems.push(...checkFormulaCell(cells, { name: names.score, what: "得分", expected: self.complete ? self.score : undefined, isScore: true }));
  if (cells.protected === false) {
    problems.push(problemAt(cells.sheet, { address: "", severity: "提示", kind: "篡改", text: "工作表保护已被撤销，公式单元格可能被改动（本次已按填报数据重新计分）" }));
  }
  return problems;
}
