// The cross-check of a unit's self-assessment against the office's platform figures (平台调阅), clause by
// clause, under the same engine: the platform's figures take the place of the unit's for the inputs the
// office looked up (the unit's own figures fill the rest), the clause is decided again, and where the result
// differs from the self-assessment a ready 核定说明 says why — e.g. "平台调阅（2022-12-20）：入驻信易贷 1,200 户，
// 占市场主体 10.0%，低于 20%，扣 10 分；单位自报：入驻信易贷占市场主体 25.0%，不低于 20%，不扣分".
// Pure: the 核定表 (issue 18) and its pane view call it with a unit's answers and its PlatformFigures.
import { indexOf, score, type Answers, type Catalog, type ClauseStatus, type Condition, type RateRef } from "../core/index";
import { shortHash } from "../core/hash";
import type { PlatformFigures } from "./platform";

export interface ClauseOutcome {
  status: ClauseStatus;
  deduction: number;
  explanation: string;
}

export interface PlatformClause {
  clauseId: string;
  indicatorId: string;
  /** Input ids of this clause the platform gave figures for. */
  inputs: string[];
  /** The clause decided on the platform's figures (the unit's for the inputs not looked up). */
  platform: ClauseOutcome;
  /** The self-assessment, decided on the unit's own figures. */
  self: ClauseOutcome;
  /** The platform decides the clause (扣分 or 不扣分) and its deduction or status differs from the self-assessment. */
  differs: boolean;
  /** The deduction to propose (按平台数据), when the platform decides the clause. */
  proposed?: number;
  /** A ready 核定说明: the platform's figures and what the unit reported. */
  reason: string;
  /**
   * Fingerprint of the platform's side of the clause (platformBasis): its figures and 调阅日期. A 按平台数据 核定
   * made in the 核定表 is bound to it as the unit's side is bound to the clause's own fingerprint: when the
   * office corrects its 平台数据 afterwards, the decision is 需重新核定 (src/review/decisions.ts).
   */
  basis: string;
}

/** The fingerprint of the platform figures a clause is decided on (its inputs the platform gave, and the date). */
export function platformBasis(clauseId: string, inputs: readonly string[], figures: PlatformFigures): string {
  return shortHash(JSON.stringify(["平台", clauseId, figures.date ?? "", inputs.map((id) => [id, figures.values[id] ?? null])]));
}

/** The rates a condition reads (through "any"). */
function ratesOf(c: Condition): RateRef[] {
  if (c.op === "rateBelow" || c.op === "rateAbove") return [c.rate];
  if (c.op === "any") return c.of.flatMap(ratesOf);
  return [];
}

const decided = (s: ClauseStatus) => s === "扣分" || s === "不扣分";

/**
 * Each clause the platform gave at least one figure for: decided on the platform's figures and on the unit's,
 * with a ready reason. A rate the platform gives as a percent (without both counts) is decided on that
 * percent, not on the unit's counts. An indicator the unit marked 不涉及 is decided on the platform's figures
 * all the same — the office checks that claim too — and the reason says so.
 */
export function checkAgainstPlatform(catalog: Catalog, figures: PlatformFigures, answers: Answers): PlatformClause[] {
  const given = new Set(Object.keys(figures.values));
  // Only a claim the list allows is one (core/engine.ts score: elsewhere 不涉及 is scored as 涉及).
  const allowed = new Set(catalog.categories.flatMap((c) => c.indicators.filter((i) => i.notApplicable.allowed).map((i) => i.id)));
  const na = new Set([...(answers.notApplicable ?? [])].filter((id) => allowed.has(id)));
  const merged: Record<string, unknown> = { ...answers.values };
  const clauses = catalog.categories.flatMap((c) => c.indicators.flatMap((i) => i.clauses.map((clause) => ({ clause, indicator: i }))));
  for (const { clause } of clauses) {
    for (const r of ratesOf(clause.condition)) {
      if (given.has(r.percent) && !(given.has(r.part) && given.has(r.whole))) {
        if (!given.has(r.part)) delete merged[r.part];
        if (!given.has(r.whole)) delete merged[r.whole];
      }
    }
  }
  // Platform percents are in points (85), as the engine keeps them; as text "85%" they coerce back the same.
  const inputById = indexOf(catalog).inputById;
  for (const [id, v] of Object.entries(figures.values)) merged[id] = typeof v === "number" && inputById.get(id)?.type === "percent" ? `${v}%` : v;
  const platform = new Map(score(catalog, { values: merged }).clauses.map((r) => [r.clauseId, r]));
  const self = new Map(score(catalog, answers).clauses.map((r) => [r.clauseId, r]));
  const when = figures.date ? `（${figures.date}）` : "";
  const out: PlatformClause[] = [];
  for (const { clause, indicator } of clauses) {
    const inputs = clause.inputs.map((s) => s.id).filter((id) => given.has(id));
    if (!inputs.length) continue;
    const p = platform.get(clause.id)!;
    const s = self.get(clause.id)!;
    const pOut: ClauseOutcome = { status: p.status, deduction: p.deduction, explanation: p.explanation };
    const sOut: ClauseOutcome = { status: s.status, deduction: s.deduction, explanation: s.explanation };
    const selfText = na.has(indicator.id) ? "单位选择本指标“不涉及”" : s.status === "待填" ? "单位未填完（待填）" : `单位自报：${s.explanation}`;
    if (!decided(p.status)) {
      out.push({ clauseId: clause.id, indicatorId: indicator.id, inputs, platform: pOut, self: sOut, differs: false, reason: `平台调阅${when}的数据不足以判定：${p.explanation}`, basis: platformBasis(clause.id, inputs, figures) });
      continue;
    }
    const differs = p.status !== s.status || Math.abs(p.deduction - s.deduction) > 1e-9;
    // Inputs of the clause the platform did not give but the decision used: the unit's own, said so.
    const own = clause.inputs.filter((spec) => !given.has(spec.id) && !spec.optional && merged[spec.id] !== undefined && merged[spec.id] !== null && merged[spec.id] !== "");
    const mixed = own.length ? `（${own.map((spec) => `「${spec.label}」`).join("、")}未调阅，按单位自报）` : "";
    out.push({
      clauseId: clause.id,
      indicatorId: indicator.id,
      inputs,
      platform: pOut,
      self: sOut,
      differs,
      proposed: p.deduction,
      reason: `平台调阅${when}${mixed}：${p.explanation}；${selfText}`,
      basis: platformBasis(clause.id, inputs, figures),
    });
  }
  return out;
}

