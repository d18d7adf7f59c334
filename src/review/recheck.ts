// 复核 in the 汇总: a unit asked about its result and the 考核组 decided again, recorded in the 核定记录 as a 复核
// entry (src/review/verification.ts; the latest entry of a unit's clause counts, whatever its kind). From a
// unit's review: each clause whose adopted 核定 is a 复核, with the 核定扣分 it replaced, and the unit's score
// before and after — before = the same figures with each 复核 clause at what it replaced (the earlier 核定, or
// the self-assessment when there was none). The 工作记录 lists them; the 汇总 says which scores changed. Pure.
import { aggregate, numberOf } from "../core/index";
import type { UnitReview } from "./types";

export interface RecheckClause {
  clauseId: string;
  /** The 核定扣分 the 复核 replaced (the self deduction when none had been recorded). */
  before: number;
  after: number;
  reason: string;
  reviewer: string;
  /** The entry's time (ISO with offset). */
  time: string;
}

export interface Recheck {
  clauses: RecheckClause[];
  /** The unit's score with each 复核 clause at what it replaced, and now. */
  scoreBefore: number;
  scoreAfter: number;
}

/** The unit's 复核, or undefined when no adopted 核定 of it is a 复核. */
export function recheckOf(r: Pick<UnitReview, "catalog" | "clauses" | "final">): Recheck | undefined {
  if (!r.catalog || !r.final) return undefined;
  const clauses: RecheckClause[] = [];
  const beforeById = new Map<string, number>();
  for (const c of r.clauses) {
    if (c.verified === undefined || c.record?.kind !== "复核") continue;
    const prev = typeof c.record.previous === "number" ? c.record.previous : numberOf(c.record.previous);
    const before = prev ?? c.selfDeduction;
    beforeById.set(c.clauseId, before);
    clauses.push({ clauseId: c.clauseId, before, after: c.verified, reason: c.record.reason, reviewer: c.record.reviewer, time: c.record.time });
  }
  if (!clauses.length) return undefined;
  const byId = new Map(r.clauses.map((c) => [c.clauseId, c]));
  const before = aggregate(r.catalog, (id) => beforeById.get(id) ?? byId.get(id)?.verified ?? byId.get(id)?.selfDeduction ?? 0);
  return { clauses, scoreBefore: before.score, scoreAfter: r.final.score };
}
