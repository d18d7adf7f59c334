// The evidence step of a review: a clause the unit assesses as 不扣分 needs its 已附佐证材料, unless all it
// needs is 平台调阅 (checked by the office on the platform itself).
import { clauseNumber, isBlank } from "../../core/index";
import { names } from "../../core/names";
import { missingName, problemAt, type ClauseInSheet, type ReviewProblem } from "../types";

export function checkEvidence({ cells: { sheet }, clause, typed, result }: ClauseInSheet): readonly ReviewProblem[] {
  const ev = typed.evidence;
  if (!ev) return [missingName(sheet, names.evidence(clause.id), `条款 ${clauseNumber(clause.id)} 已附佐证材料`)];
  if (result.status === "不扣分" && isBlank(ev.value) && clause.evidence.some((k) => k !== "平台调阅")) {
    return [problemAt(sheet, { address: ev.address, severity: "错误", kind: "缺佐证", clauseId: clause.id, text: `条款 ${clauseNumber(clause.id)} 自评不扣分，但未填写已附佐证材料（需提供：${clause.evidence.join("、")}）` })];
  }
  return NONE;
}

const NONE: readonly ReviewProblem[] = Object.freeze([]);
