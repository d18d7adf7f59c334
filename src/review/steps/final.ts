// The last step of a review: the figures the 汇总 uses — each clause's 核定 figure where one was adopted,
// else the recomputed self deduction — and which problems a 核定 settles: a verified clause closes that
// clause's problems, an indicator verified in every clause its 是否涉及's, a unit verified in every clause
// closes its cells' 篡改 too. Problems of the 核定 itself,
// of the layout or of the unit's identity stay open whatever was verified.
import { aggregate, type Aggregate, type Catalog } from "../../core/index";
import type { ClauseReview, ReviewProblem, UnitReview } from "../types";

export interface FinalFigures {
  /** Deductions with the 核定 figures in place of the self-assessed ones (= self when none). */
  final: Aggregate;
  /** Score after 核定; undefined while no clause has been verified. */
  verifiedScore?: number;
  verifiedCount: number;
  fullyVerified: boolean;
  /** The problems given, those a 核定 settles as closed copies (the ones given are not changed). */
  problems: ReviewProblem[];
  /** 错误 not closed by a 核定. */
  openProblems: number;
  status: UnitReview["status"];
}

export function finalFigures(catalog: Catalog, clauses: readonly ClauseReview[], problems: readonly ReviewProblem[]): FinalFigures {
  const verifiedById = new Map(clauses.filter((c) => c.verified !== undefined).map((c) => [c.clauseId, c.verified!]));
  const selfById = new Map(clauses.map((c) => [c.clauseId, c.selfDeduction]));
  const final = aggregate(catalog, (id) => verifiedById.get(id) ?? selfById.get(id) ?? 0);
  const verifiedCount = verifiedById.size;
  const fullyVerified = verifiedCount === clauses.length && clauses.length > 0;
  // An indicator's problem (its 是否涉及) is settled once every clause of the indicator is verified.
  const open = new Set(clauses.filter((c) => !verifiedById.has(c.clauseId)).map((c) => c.indicatorId));
  const settled = (p: ReviewProblem) =>
    p.kind !== "核定" && p.kind !== "版式" && p.kind !== "单位" &&
    ((!!p.clauseId && verifiedById.has(p.clauseId)) || (!!p.indicatorId && !p.clauseId && !open.has(p.indicatorId)) || (fullyVerified && p.kind === "篡改" && p.address !== ""));
  const out = problems.map((p) => (settled(p) ? { ...p, closed: true } : p));
  const openProblems = out.filter((p) => p.severity === "错误" && !p.closed).length;
  return {
    final,
    verifiedScore: verifiedCount ? final.score : undefined,
    verifiedCount,
    fullyVerified,
    problems: out,
    openProblems,
    status: openProblems ? "有问题" : fullyVerified ? "已核定" : "待核定",
  };
}
