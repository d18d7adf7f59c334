// The scoring engine: given what a unit reported, what each clause deducts and why.
import { indexOf } from "./catalog/index";
import { cleanNumber, coerce, type Coerced, formatDate } from "./coerce";
import { formatCount, formatPercent, formatPoints } from "./format";
import { UNIT_KIND_SHORT, type Catalog, type Clause, type ClauseStatus, type Condition, type Indicator, type InputProblem, type RateRef, type UnitKind } from "./types";
import { quoted } from "./text";

/** What a unit reported: raw values keyed by input id, and the indicators that do not concern it. */
export interface Answers {
  values: Record<string, unknown>;
  notApplicable?: Iterable<string>;
}

export interface ClauseResult {
  clauseId: string;
  indicatorId: string;
  categoryId: string;
  status: ClauseStatus;
  /** Points deducted: the clause's deduction when 扣分, else 0. */
  deduction: number;
  explanation: string;
  problems: InputProblem[];
}

export interface IndicatorResult {
  id: string;
  points: number;
  deduction: number;
  notApplicable: boolean;
  complete: boolean;
}

export interface CategoryResult {
  id: string;
  title: string;
  points: number;
  deduction: number;
  complete: boolean;
}

export interface ScoreResult {
  year: number;
  kind: Catalog["kind"];
  clauses: ClauseResult[];
  indicators: IndicatorResult[];
  categories: CategoryResult[];
  totalDeduction: number;
  /** 100 minus the deductions; with missing or invalid data it is provisional (see complete). */
  score: number;
  /** False when any clause is 待填 or 数据错误: the score is then not a finished score. */
  complete: boolean;
  problems: InputProblem[];
}

type Outcome = "met" | "notMet" | "missing" | "error";

export interface Evaluation {
  outcome: Outcome;
  /** The explanation fragment, built from the unit's own figures only when someone reads it. */
  text: () => string;
  /** Input ids that were needed and blank. */
  missing: string[];
  /** Inputs that could be typed instead of the missing ones (a rate's percent). */
  alternatives?: string[];
}

export type Getter = (inputId: string) => Coerced;

/** The decision on one clause without its explanation: what custom functions need, fast. */
export interface ClauseDecision {
  status: ClauseStatus;
  deduction: number;
  /** Inputs that hold unusable values (数据错误). */
  inputErrors: InputProblem[];
  evaluation?: Evaluation;
}

/** Decides one clause. `get` returns the coerced value of an input (memoise it: inputs are shared). */
export function decideClause(clause: Clause, get: Getter, notApplicable: boolean): ClauseDecision {
  if (notApplicable) return { status: "不涉及", deduction: 0, inputErrors: [] };
  let inputErrors: InputProblem[] | undefined;
  for (const input of clause.inputs) {
    const v = get(input.id);
    if (v.state === "error") {
      (inputErrors ??= []).push({ clauseId: clause.id, inputId: input.id, inputLabel: input.label, kind: "数据错误", message: `${quoted(input.label)}${v.reason}` });
    }
  }
  if (inputErrors) return { status: "数据错误", deduction: 0, inputErrors };
  const evaluation = evaluate(clause.condition, get);
  const status = STATUS_OF[evaluation.outcome];
  return { status, deduction: status === "扣分" ? clause.deduction : 0, inputErrors: [], evaluation };
}

const STATUS_OF: Record<Outcome, ClauseStatus> = { met: "扣分", notMet: "不扣分", missing: "待填", error: "数据错误" };

/** Decides one clause and explains the decision in one Chinese sentence from the unit's figures. */
export function evaluateClause(clause: Clause, get: Getter, notApplicable: boolean, ids: ClauseIds, labelOf: (id: string) => string): ClauseResult {
  const d = decideClause(clause, get, notApplicable);
  const result = (explanation: string, problems: InputProblem[]): ClauseResult => ({
    clauseId: clause.id,
    indicatorId: ids.indicatorId,
    categoryId: ids.categoryId,
    status: d.status,
    deduction: d.deduction,
    explanation,
    problems,
  });
  const ev = d.evaluation;
  if (!ev) {
    if (d.status === "不涉及") return result("本指标不涉及本单位，不扣分", []);
    return result(`数据错误：${d.inputErrors.map((p) => p.message).join("；")}`, d.inputErrors);
  }
  switch (ev.outcome) {
    case "met":
      return result(`${ev.text()}，扣 ${formatPoints(clause.deduction)} 分`, []);
    case "notMet":
      return result(`${ev.text()}，不扣分`, []);
    case "error": {
      const text = ev.text();
      return result(`数据错误：${text}`, [{ clauseId: clause.id, inputId: "", inputLabel: "", kind: "数据错误", message: text }]);
    }
    case "missing": {
      const missing = [...new Set(ev.missing)];
      const problems: InputProblem[] = missing.map((id) => ({ clauseId: clause.id, inputId: id, inputLabel: labelOf(id), kind: "待填", message: `${quoted(labelOf(id))}未填写` }));
      // An alternative's label without its own "（未填…时直接填写）": that is what this sentence says already.
      const short = (id: string) => labelOf(id).replace(/（[^（）]*）$/, "");
      const alternatives = ev.alternatives?.length ? `（或直接填写${ev.alternatives.map((id) => quoted(short(id))).join("、")}）` : "";
      return result(`待填：${missing.map((id) => quoted(labelOf(id))).join("、")}${alternatives}`, problems);
    }
  }
}

export interface ClauseIds {
  indicatorId: string;
  categoryId: string;
}

/**
 * Why a 不涉及 typed for an indicator where the year's list allows none (Indicator.notApplicable) is not taken:
 * it is scored as 涉及 (the reader reports it as an 错误, the custom functions as #VALUE!).
 */
export function notApplicableRefused(indicator: Indicator, kind: UnitKind): string {
  return `“${indicator.title}”是每个${UNIT_KIND_SHORT[kind]}单位都承担的考核任务，不能选择“不涉及”，按“涉及”计分`;
}

/** Scores a unit's answers against a catalog. 不涉及 counts only where the catalog allows it (notApplicableRefused). */
export function score(catalog: Catalog, answers: Answers): ScoreResult {
  const ix = indexOf(catalog);
  const na = new Set(answers.notApplicable ?? []);
  const memo = new Map<string, Coerced>();
  const get: Getter = (id) => {
    let v = memo.get(id);
    if (!v) {
      const spec = ix.inputById.get(id);
      v = spec ? coerce(spec, answers.values[id]) : { state: "error", reason: `未知输入项 ${id}` };
      memo.set(id, v);
    }
    return v;
  };
  const labelOf = (id: string) => ix.inputById.get(id)?.label ?? id;

  const clauses: ClauseResult[] = [];
  const indicators: IndicatorResult[] = [];
  const categories: CategoryResult[] = [];
  for (const category of catalog.categories) {
    let catDeduction = 0;
    let catComplete = true;
    for (const indicator of category.indicators) {
      const isNa = na.has(indicator.id) && indicator.notApplicable.allowed;
      let sum = 0;
      let complete = true;
      for (const clause of indicator.clauses) {
        const r = evaluateClause(clause, get, isNa, { indicatorId: indicator.id, categoryId: category.id }, labelOf);
        clauses.push(r);
        sum += r.deduction;
        if (r.status === "待填" || r.status === "数据错误") complete = false;
      }
      const deduction = capIndicator(indicator.points, sum);
      indicators.push({ id: indicator.id, points: indicator.points, deduction, notApplicable: isNa, complete });
      catDeduction += deduction;
      catComplete &&= complete;
    }
    categories.push({ id: category.id, title: category.title, points: category.points, deduction: catDeduction, complete: catComplete });
  }
  const totalDeduction = capTotal(catalog.total, categories.reduce((s, c) => s + c.deduction, 0));
  const problems = clauses.flatMap((c) => c.problems);
  return {
    year: catalog.year,
    kind: catalog.kind,
    clauses,
    indicators,
    categories,
    totalDeduction,
    score: clampScore(catalog.total - totalDeduction, catalog.total),
    complete: clauses.every((c) => c.status !== "待填" && c.status !== "数据错误"),
    problems,
  };
}

/** An indicator never deducts more than its points. */
export function capIndicator(points: number, sum: number): number {
  return Math.min(points, sum);
}

/** All deductions together never exceed the catalog's total. */
export function capTotal(total: number, sum: number): number {
  return Math.min(total, sum);
}

export interface Aggregate {
  indicators: Map<string, number>;
  categories: Map<string, number>;
  totalDeduction: number;
  score: number;
}

/**
 * Indicator, category and total deductions from given per-clause deductions (e.g. the 考核组's 核定
 * figures replacing some self-assessed ones), with the same caps as score().
 */
export function aggregate(catalog: Catalog, deductionOf: (clauseId: string) => number): Aggregate {
  const indicators = new Map<string, number>();
  const categories = new Map<string, number>();
  let sum = 0;
  for (const category of catalog.categories) {
    let cat = 0;
    for (const indicator of category.indicators) {
      const d = capIndicator(indicator.points, indicator.clauses.reduce((s, c) => s + deductionOf(c.id), 0));
      indicators.set(indicator.id, d);
      cat += d;
    }
    categories.set(category.id, cat);
    sum += cat;
  }
  const totalDeduction = capTotal(catalog.total, sum);
  return { indicators, categories, totalDeduction, score: clampScore(catalog.total - totalDeduction, catalog.total) };
}

export function clampScore(x: number, total = 100): number {
  return Math.max(0, Math.min(total, x));
}

/**
 * The score from deductions as CREDIT.SCORE takes them: each indicator's deductions capped at its points,
 * deductions of no known indicator (`loose`) added as they are, all together capped at the total, never
 * below 0; binary noise removed.
 */
export function cappedScore(total: number, perIndicator: Iterable<readonly [points: number, deducted: number]>, loose = 0): number {
  let sum = loose;
  for (const [points, deducted] of perIndicator) sum += capIndicator(points, deducted);
  return clampScore(cleanNumber(total - capTotal(total, sum)), total);
}

/**
 * 按比例计入: the 100-point score carried into the 市委考评办 result as score ÷ 100 × weight, rounded half
 * up to 2 decimals after removing binary noise (85 × 0.35 …). The same rule for CREDIT.WEIGHTED and the 汇总.
 */
export function weightedScore(score: number, weight: number): number {
  return Math.round(cleanNumber(score * weight)) / 100;
}

// ---- conditions ----

function ok(outcome: "met" | "notMet", text: () => string): Evaluation {
  return { outcome, text, missing: [] };
}

/** 数据错误: the inputs cannot be judged; the text says why, from the unit's figures, when someone reads it. */
function failed(text: () => string): Evaluation {
  return { outcome: "error", text, missing: [] };
}

function evaluate(c: Condition, get: Getter): Evaluation {
  switch (c.op) {
    case "no":
    case "yes": {
      const v = get(c.input);
      if (v.state === "missing") return { outcome: "missing", text: () => "请选择“是”或“否”", missing: [c.input] };
      if (v.state === "error") return failed(() => v.reason);
      const answeredYes = v.value === true;
      const met = c.op === "no" ? !answeredYes : answeredYes;
      return ok(met ? "met" : "notMet", () => answeredYes ? c.yesText : c.noText);
    }
    case "countBelow": {
      const v = get(c.input);
      if (v.state !== "ok") return notOk(v, [c.input], `请填写${c.label}的数量`);
      const n = v.value as number;
      return n < c.value
        ? ok("met", () => `${c.label} ${formatCount(n)} ${c.unit}，少于 ${formatCount(c.value)} ${c.unit}`)
        : ok("notMet", () => `${c.label} ${formatCount(n)} ${c.unit}，不少于 ${formatCount(c.value)} ${c.unit}`);
    }
    case "countAbove": {
      const v = get(c.input);
      if (v.state !== "ok") return notOk(v, [c.input], `请填写${c.label}的数量`);
      const n = v.value as number;
      return n > c.value ? ok("met", () => `${c.label} ${formatCount(n)} ${c.unit}`) : ok("notMet", () => c.noneText);
    }
    case "rateBelow":
    case "rateAbove":
      return evaluateRate(c.rate, c.value, c.op === "rateBelow" ? "below" : "above", get);
    case "shortfall": {
      const p = get(c.produced);
      const d = get(c.done);
      if (p.state === "error") return failed(() => p.reason);
      if (p.state === "missing") return { outcome: "missing", text: () => `请填写${c.producedLabel}的数量`, missing: [c.produced] };
      const produced = p.value as number;
      if (produced === 0) return ok("notMet", () => c.noneText);
      if (d.state !== "ok") return notOk(d, [c.done], `请填写${c.doneLabel}的数量`);
      const doneN = d.value as number;
      if (doneN > produced) {
        return failed(() => `${c.doneLabel} ${formatCount(doneN)} ${c.unit}，多于${c.producedLabel} ${formatCount(produced)} ${c.unit}，请核对`);
      }
      const head = `${c.producedLabel} ${formatCount(produced)} ${c.unit}，${c.doneLabel} ${formatCount(doneN)} ${c.unit}`;
      return doneN < produced ? ok("met", () => `${head}，${c.gapLabel} ${formatCount(produced - doneN)} ${c.unit}`) : ok("notMet", () => `${head}，无${c.gapLabel}`);
    }
    case "dateAfter": {
      const v = get(c.input);
      if (v.state !== "ok") return notOk(v, [c.input], `请填写${c.label}日期`);
      const iso = v.value as string;
      const deadline = formatDate(c.deadline).replace(/^\d+年/, "");
      return iso > c.deadline
        ? ok("met", () => `${c.label}于 ${formatDate(iso)}，晚于 ${deadline}`)
        : ok("notMet", () => `${c.label}于 ${formatDate(iso)}，未晚于 ${deadline}`);
    }
    case "aboveReference": {
      const u = get(c.uncorrected);
      if (u.state !== "ok") return notOk(u, [c.uncorrected], `请填写${c.uncorrectedLabel}的数量`);
      const open = u.value as number;
      if (open === 0) return ok("notMet", () => `无${c.uncorrectedLabel}`);
      const a = get(c.input);
      const r = get(c.reference);
      if (a.state === "error") return failed(() => a.reason);
      if (r.state === "error") return failed(() => r.reason);
      const missing = [a.state === "missing" ? c.input : "", r.state === "missing" ? c.reference : ""].filter(Boolean);
      if (missing.length) return { outcome: "missing", text: () => `请填写${c.label}和${c.referenceLabel}`, missing };
      const local = (a as { value: number }).value;
      const ref = (r as { value: number }).value;
      const head = `${c.uncorrectedLabel} ${formatCount(open)} ${c.unit}，${c.label} ${formatPercent(local, ref)}%`;
      return local > ref
        ? ok("met", () => `${head}，高于${c.referenceLabel} ${formatPercent(ref, local)}%`)
        : ok("notMet", () => `${head}，不高于${c.referenceLabel} ${formatPercent(ref, local)}%`);
    }
    case "any": {
      const parts = c.of.map((x) => evaluate(x, get));
      const errors = parts.filter((p) => p.outcome === "error");
      if (errors.length) return failed(() => errors.map((p) => p.text()).join("；"));
      const met = parts.filter((p) => p.outcome === "met");
      if (met.length) return ok("met", () => met.map((p) => p.text()).join("，"));
      const missing = parts.filter((p) => p.outcome === "missing");
      if (missing.length) {
        return {
          outcome: "missing",
          text: () => missing.map((p) => p.text()).join("；"),
          missing: missing.flatMap((p) => p.missing),
          alternatives: missing.flatMap((p) => p.alternatives ?? []),
        };
      }
      return ok("notMet", () => parts.map((p) => p.text()).join("，"));
    }
  }
}

function notOk(v: Coerced, ids: string[], ask: string): Evaluation {
  if (v.state === "error") return failed(() => v.reason);
  return { outcome: "missing", text: () => ask, missing: ids };
}

/**
 * A rate from counts (exact: part × 100 compared with threshold × whole, no division) or, when the
 * counts are not both given, from the typed percent (binary noise removed, no other rounding).
 */
function evaluateRate(r: RateRef, threshold: number, dir: "below" | "above", get: Getter): Evaluation {
  const p = get(r.part);
  const w = get(r.whole);
  const typed = get(r.percent);
  for (const v of [p, w, typed]) if (v.state === "error") return failed(() => v.reason);
  const word = (met: boolean) => (dir === "below" ? (met ? "低于" : "不低于") : met ? "超过" : "未超过");
  if (p.state === "ok" && w.state === "ok") {
    const part = p.value as number;
    const whole = w.value as number;
    if (whole === 0) {
      if (r.zeroWhole === "noDeduction" && part === 0) return ok("notMet", () => r.zeroWholeText ?? `${r.wholeLabel}为 0`);
      return failed(() => `${r.wholeLabel}总数为 0，无法计算占比，请核对`);
    }
    if (part > whole) {
      return failed(() => `${r.partLabel} ${formatCount(part)} ${r.unit}，多于${r.wholeLabel}总数 ${formatCount(whole)} ${r.unit}，请核对`);
    }
    const lhs = part * 100;
    const rhs = threshold * whole;
    const met = dir === "below" ? lhs < rhs : lhs > rhs;
    const pct = (part * 100) / whole;
    return ok(met ? "met" : "notMet", () => `${r.partLabel} ${formatCount(part)} ${r.unit}，占${r.wholeLabel} ${formatPercent(pct, threshold, lhs === rhs)}%，${word(met)} ${threshold}%`);
  }
  if (typed.state === "ok") {
    const pct = typed.value as number;
    const met = dir === "below" ? pct < threshold : pct > threshold;
    return ok(met ? "met" : "notMet", () => `${r.partLabel}占${r.wholeLabel} ${formatPercent(pct, threshold)}%，${word(met)} ${threshold}%`);
  }
  const missing = [p.state === "missing" ? r.part : "", w.state === "missing" ? r.whole : ""].filter(Boolean);
  return { outcome: "missing", text: () => `请填写${r.partLabel}数和${r.wholeLabel}总数（或直接填写占比）`, missing, alternatives: [r.percent] };
}
