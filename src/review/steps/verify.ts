// The 核定 step of a review, under the trust rules (README 可信与安全): a clause's 核定 figure comes only from
// the 考核组's 核定记录, never from a sheet's 核定 cells.
// - A unit's returned file ("file"): its 核定 cells are never used; anything in them is an 错误.
// - The office's own workbook ("workbook"): a 核定 cell counts only when it matches the latest record for
//   the unit and clause; a cell filled or changed without a record is an 错误 and not used.
// - A record is adopted when its figure is within 0 and the clause's points; a figure other than the self
//   deduction needs its 核定说明.
// - A record made on other figures than the unit's current ones (its 依据指纹 differs from the clause's
//   fingerprint, steps/basis.ts) is 需重新核定: not adopted, and said so. A record without a fingerprint (an
//   older log) applies as it is.
// - A 按平台数据 record is bound to the office's platform figures it took as well: when the 平台数据 is corrected
//   afterwards (or the figures removed), it is 需重新核定, with the old and the new figures (platformReopened).
// - A 核定表 decision (the command line's `summary --records 核定表.xlsx`) is made an entry here, against the
//   clause's current figures, exactly as the add-in records it (src/review/decisions.ts).
import { clauseNumber, isBlank, numberOf, trimSpaces, type NamedCell } from "../../core/index";
import { formatPoints } from "../../core/format";
import { names } from "../../core/names";
import { decisionEntry, type RecordItem } from "../decisions";
import { missingName, problemAt, show, type ClauseInSheet, type ClausePlatform, type ReviewProblem } from "../types";
import type { AuditEntry } from "../verification";

const EPS = 1e-9;

/** Where the sheet is: a unit's returned file (untrusted) or a sheet of the office's own workbook. */
export type SheetOrigin = "file" | "workbook";

export interface ClauseVerification {
  /** The adopted 核定扣分 and 核定说明; undefined while the clause has no usable record. */
  verified?: number;
  reason?: string;
  /** The latest record for the unit and clause, adopted or not. */
  record?: AuditEntry;
  /** The latest record was made on other figures: 需重新核定, not adopted. */
  stale?: boolean;
  /** Where the sheet's 核定 cells are, for writing (undefined: the sheet lacks the name). */
  verifiedAddress?: string;
  reasonAddress?: string;
  problems: ReviewProblem[];
}

export interface Trust {
  origin: SheetOrigin;
  /** The latest record for the unit and clause (src/review/verification.ts recordFor), if any: a 核定记录 entry or a 核定表 decision. */
  record?: RecordItem;
  /** The clause's current fingerprint (steps/basis.ts). */
  basis: string;
  /** When a 核定表 decision is recorded (auditTime). */
  time: string;
  /** The clause on the platform's current figures, when the run has a 平台数据 with figures for it (a 按平台数据 decision is made against it). */
  platform?: ClausePlatform;
  /** Whether the run was given 平台数据 at all (to say what is missing when a 按平台数据 decision cannot be checked). */
  platformGiven?: boolean;
}

/** One clause's 核定, measured against the deduction the engine recomputed from the unit's inputs. */
export function verifyClause(c: ClauseInSheet, trust: Trust): ClauseVerification {
  const { cells: { sheet }, clause, typed, result: { deduction: selfDeduction } } = c;
  const { origin, basis } = trust;
  const problems: ReviewProblem[] = [];
  const made = entryOf(c, trust);
  if (made.problem) problems.push(made.problem);
  const record = made.entry;
  const ver = typed.verified;
  const vrs = typed.verifiedReason;
  if (!ver || !vrs) problems.push(missingName(sheet, !ver ? names.verified(clause.id) : names.verifiedReason(clause.id), `条款 ${clauseNumber(clause.id)} 核定`));
  const cellFigure = ver && !isBlank(ver.value) ? ver.value : undefined;
  const cellReason = vrs && !isBlank(vrs.value) ? trimSpaces(String(vrs.value)) : undefined;
  const filled = [cellFigure !== undefined ? ver : undefined, cellReason !== undefined ? vrs : undefined].filter((c): c is NamedCell => !!c);
  const cellsText = filled.map((c) => `${c.address} 为 ${show(c.value)}`).join("，");
  if (origin === "file" && filled.length) {
    problems.push(problemAt(sheet, { address: filled[0].address, severity: "错误", kind: "核定", clauseId: clause.id, text: `单位表中填写了核定栏，已忽略（条款 ${clauseNumber(clause.id)}：${cellsText}）；核定只由考核组在核定记录中填写，本表按未核定计分` }));
  } else if (origin === "workbook" && !record && filled.length) {
    problems.push(problemAt(sheet, { address: filled[0].address, severity: "错误", kind: "核定", clauseId: clause.id, text: `条款 ${clauseNumber(clause.id)} 的核定栏有内容（${cellsText}），但核定记录中没有这条核定，未采用；请用“核定”重新记录` }));
  } else if (origin === "workbook" && record && !made.decided) {
    // (A 核定表 decision applied by the command line is not in the workbook's cells: nothing to compare.)
    const figure = typeof cellFigure === "number" ? cellFigure : numberOf(cellFigure);
    const same = figure !== undefined && Math.abs(figure - record.to) <= EPS;
    if (!same || (cellReason ?? "") !== trimSpaces(record.reason)) {
      problems.push(problemAt(sheet, {
        address: ver?.address ?? "", severity: "错误", kind: "核定", clauseId: clause.id,
        text: `条款 ${clauseNumber(clause.id)} 的核定栏（${cellsText || "空"}）与核定记录最新一条（${record.time} ${record.reviewer}：${formatPoints(record.to)} 分）不符，可能在核定记录之外被改动；按核定记录计，请核对`,
      }));
    }
  }
  const result: ClauseVerification = { record, stale: made.stale, verifiedAddress: ver?.address, reasonAddress: vrs?.address, problems };
  if (!record) return result;
  if (record.basis && record.basis !== basis) {
    result.stale = true;
    problems.push(problemAt(sheet, {
      address: "", severity: "提示", kind: "核定", clauseId: clause.id,
      text: `条款 ${clauseNumber(clause.id)} 的核定（${record.time} ${record.reviewer}：${record.kind}，${formatPoints(record.to)} 分）是按单位此前的数据作出的，单位的填报数据、是否涉及或佐证材料已改变，需重新核定；这条核定未采用`,
    }));
    return result;
  }
  const reopened = platformReopened(record, trust);
  if (reopened) {
    result.stale = true;
    problems.push(problemAt(sheet, { address: "", severity: "提示", kind: "核定", clauseId: clause.id, text: `条款 ${clauseNumber(clause.id)} 的核定（${record.time} ${record.reviewer}：按平台数据，${formatPoints(record.to)} 分）${reopened}，需重新核定；这条核定未采用（记录保留在核定记录中）` }));
    return result;
  }
  if (!(record.to >= 0 && record.to <= clause.deduction + EPS)) {
    problems.push(problemAt(sheet, { address: "", severity: "错误", kind: "核定", clauseId: clause.id, text: `核定记录中条款 ${clauseNumber(clause.id)} 的核定扣分为 ${formatPoints(record.to)}，超出 0 到 ${formatPoints(clause.deduction)} 分，未采用` }));
    return result;
  }
  result.verified = record.to;
  result.reason = trimSpaces(record.reason) || undefined;
  if (Math.abs(record.to - selfDeduction) > EPS && !result.reason) {
    problems.push(problemAt(sheet, { address: vrs?.address ?? "", severity: "错误", kind: "核定", clauseId: clause.id, text: `条款 ${clauseNumber(clause.id)} 核定扣分 ${formatPoints(record.to)} 与自评 ${formatPoints(selfDeduction)} 不同，但核定记录中没有核定说明` }));
  }
  return result;
}

/**
 * Why a recorded 按平台数据 no longer stands on the office's current 平台数据 — its figures were corrected since
 * (the entry's platform fingerprint differs), or the clause has none now — in words with the old figures (the
 * entry's 核定说明, which the platform's figures made) and the new ones; undefined while it stands, or when the
 * run has no 平台数据 to check it against (it then applies as recorded). An entry of an earlier version has
 * no platform fingerprint: its 核定说明 begins with the ready reason of the figures it took, so a different
 * ready reason now is a correction.
 */
function platformReopened(record: AuditEntry, { platform, platformGiven }: Trust): string | undefined {
  if (record.kind !== "按平台数据" || !platformGiven) return undefined;
  const was = `原依据：${record.reason || "（核定说明为空）"}`;
  if (!platform) return `所依据的平台数据已不在平台数据表中（该单位这一条的调阅数据已删除）；${was}`;
  const changed = record.platformBasis ? record.platformBasis !== platform.basis : !record.reason.startsWith(platform.reason);
  if (!changed) return undefined;
  const now = platform.proposed !== undefined ? `现平台数据：${platform.reason}（扣 ${formatPoints(platform.proposed)} 分）` : `现平台数据：${platform.reason}`;
  return `所依据的平台数据此后已更正；${was}；${now}`;
}

/** The clause's latest record as an entry: a 核定表 decision is made one against the clause's current figures. */
function entryOf(c: ClauseInSheet, { record, basis, time, platform, platformGiven }: Trust): { entry?: AuditEntry; problem?: ReviewProblem; stale?: boolean; decided?: boolean } {
  if (!record) return {};
  if (!("choice" in record)) return { entry: record };
  const sheet = c.cells.sheet;
  const saved = c.cells.names.get(names.deduction(c.clause.id))?.value;
  const outcome = decisionEntry(record, {
    sheet,
    clause: { clauseId: c.clause.id, points: c.clause.deduction, status: c.result.status, selfDeduction: c.result.deduction, basis },
    saved: typeof saved === "number" ? saved : isBlank(saved) ? null : String(saved),
    previous: null,
    time,
    platform,
    platformGiven: !!platformGiven,
  });
  if ("entry" in outcome) return { entry: outcome.entry, decided: true };
  const stale = "stale" in outcome;
  return { stale: stale || undefined, problem: problemAt(sheet, { address: "", severity: stale ? "提示" : "错误", kind: "核定", clauseId: c.clause.id, text: stale ? outcome.message : outcome.mistake }) };
}
