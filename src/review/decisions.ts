// 核定 decisions as a 核定表 row carries them (src/review/reviewSheet.ts): the 考核组's choice for one unit's
// clause — 同意自评 or 改判 (REVIEW_CHOICES) — with its 核定扣分, 核定说明 and 核定人, typed in Excel, WPS or
// LibreOffice, and the fingerprint of the figures the row showed. Pure: no Office, no files.
// 按平台数据 (a row the office's 平台数据 decides otherwise: issue 19) records the platform's deduction with the
// ready reason the row shows; it is bound to the platform's figures as well as the unit's (the row's 平台指纹):
// made against the platform's current figures for the clause, and 需重新核定 when either side changed since.
// A row whose 核定 is left blank but whose 核定扣分 and 核定说明 are both typed is read as 改判 (nothing else
// could be meant: 同意自评 takes no figure and 按平台数据 no 说明 of its own), so a 改判 is two cells.
//
// A decision becomes an AuditEntry of the 核定记录 (src/review/verification.ts) in two steps, both used by the
// add-in's 记录核定 and by the command line's `summary --records 核定表.xlsx`, so the two record the same:
//   1. readDecision(typed cells of a row, its key) → a Decision, or the row's mistake in Chinese (a row with a
//      mistake is listed by row and not recorded), or nothing for a row left blank;
//   2. decisionEntry(decision, the unit's current review of the clause) → the AuditEntry to append, or why not:
//      the figures changed since the row was made (需重新核定, `stale`), or the choice does not fit the clause
//      (同意自评 of a clause the engine cannot decide, 核定扣分 over the clause's points).
// How the add-in half uses it: read every filled row, run both steps for all of them first, list the mistakes
// by row, and append only the entries (in batches); a row whose unit or clause is not among the reviews is a
// mistake too ("不在本次核定的单位中"). 同意自评 records the recomputed self deduction, never the sheet's.
import { clauseNumber, isBlank, numberOf, trimSpaces, typedValue, type ClauseStatus } from "../core/index";
import { formatPoints } from "../core/format";
import type { ClausePlatform } from "./types";
import type { AuditEntry, EntryKind } from "./verification";

/** The 核定 column's choices, in the order the list offers them; each is one word here and one rule below (CHOICE_RULES). */
export const REVIEW_CHOICES = ["同意自评", "改判", "按平台数据"] as const satisfies readonly EntryKind[];
export type ReviewChoice = (typeof REVIEW_CHOICES)[number];

/** The reason recorded for 同意自评 when the 考核组 typed none. */
export const AGREE_REASON = "同意自评";

export interface Decision {
  /** The unit as the 核定表 names it (the member list's spelling) and the clause id. */
  unit: string;
  clauseId: string;
  /** Fingerprint of the figures the row showed (src/review/steps/basis.ts). */
  basis: string;
  /** Fingerprint of the platform's figures the row showed (its 平台指纹, platformCheck.ts platformBasis); "" when the row had none. */
  platformBasis?: string;
  choice: ReviewChoice;
  /** 核定扣分 as typed, read by core's numberOf; undefined when blank. */
  deduction?: number;
  /** 核定说明 as typed (ends trimmed); "" when blank. */
  reason: string;
  reviewer: string;
  /** Where it was typed, for messages: 核定表“核定表.xlsx”第 12 行. */
  at: string;
}

/** A row's cells as typed (values as a reader or Office.js gives them). */
export interface TypedDecision {
  choice: unknown;
  deduction: unknown;
  reason: unknown;
  reviewer: unknown;
}

export type ReadDecision = { decision: Decision } | { mistake: string } | undefined;

const text = (v: unknown): string => (isBlank(v) ? "" : trimSpaces(String(typedValue(v))));
const shown = (v: unknown): string => (typeof v === "string" ? `“${v}”` : String(typedValue(v)));

/**
 * One row's typed decision. `key` is the row's unit, clause and fingerprint (its grey columns); `defaultReviewer`
 * fills a blank 核定人 (the pane's default, said so on the sheet). Undefined when the 考核组's cells are blank.
 */
export function readDecision(typed: TypedDecision, key: { unit: string; clauseId: string; basis: string; platformBasis?: string; at: string }, defaultReviewer = ""): ReadDecision {
  const choiceText = text(typed.choice);
  const reason = text(typed.reason);
  const reviewer = text(typed.reviewer) || trimSpaces(defaultReviewer);
  const typedSomething = choiceText || !isBlank(typed.deduction) || reason || !isBlank(typed.reviewer);
  if (!typedSomething) return undefined;
  const about = `${key.at}（${key.unit} 条款 ${clauseNumber(key.clauseId)}）`;
  const mistake = (m: string) => ({ mistake: `${about}：${m}，未记录` });
  // 核定扣分 and 核定说明 typed without a choice: a 改判, the only choice that takes both.
  const inferred = !choiceText && !isBlank(typed.deduction) && reason ? "改判" : choiceText;
  if (!inferred) return mistake(`“核定”列未选择（应为 ${REVIEW_CHOICES.join("、")}；填了核定扣分和核定说明的行按改判记录）`);
  const choice = REVIEW_CHOICES.find((c) => c === inferred.replace(/\s+/g, ""));
  if (!choice) return mistake(`“核定”列为“${choiceText}”，应为 ${REVIEW_CHOICES.join("、")}`);
  let deduction: number | undefined;
  if (!isBlank(typed.deduction)) {
    deduction = numberOf(typedValue(typed.deduction));
    if (deduction === undefined) return mistake(`核定扣分应为数字，收到 ${shown(typed.deduction)}`);
    if (deduction < 0) return mistake(`核定扣分不能为负数，收到 ${formatPoints(deduction)}`);
  }
  if (choice === "改判") {
    if (deduction === undefined) return mistake("改判须填写核定扣分");
    if (!reason) return mistake("改判须填写核定说明");
  }
  if (choice === "按平台数据" && !key.platformBasis) return mistake("这一行没有平台调阅数据（生成核定表时未给出平台数据，或平台数据表中没有该单位该条款的数据），不能按平台数据核定；请改判或同意自评");
  if (!reviewer) return mistake("未填写核定人");
  return { decision: { unit: key.unit, clauseId: key.clauseId, basis: key.basis, ...(key.platformBasis ? { platformBasis: key.platformBasis } : {}), choice, deduction, reason, reviewer, at: key.at } };
}

/** The unit's current figures for the clause, from its review (src/review/types.ts ClauseReview) and sheet. */
export interface DecisionContext {
  sheet: string;
  clause: { clauseId: string; points: number; status: ClauseStatus; selfDeduction: number; basis: string };
  /** The deduction the sheet's formula cell holds (表内自评扣分); null when blank. */
  saved: number | string | null;
  /** The 核定扣分 this one replaces (the clause's latest entry), null the first time. */
  previous: number | string | null;
  /** auditTime() of the recording. */
  time: string;
  /** The clause on the platform's current figures (a 按平台数据 decision is made against it); undefined when there are none for it. */
  platform?: ClausePlatform;
  /** Whether 平台数据 was given at all (the message when a 按平台数据 decision has nothing to be checked against). */
  platformGiven?: boolean;
}

export type DecisionOutcome = { entry: AuditEntry } | { stale: true; message: string } | { mistake: string };

const DECIDED: readonly ClauseStatus[] = ["扣分", "不扣分", "不涉及"];
const EPS = 1e-9;

/** What each choice records: the 核定扣分 and 核定说明, or why the choice does not fit the clause. */
const CHOICE_RULES: Record<ReviewChoice, (d: Decision, c: DecisionContext["clause"], p: ClausePlatform | undefined) => { to: number; reason: string } | { mistake: string }> = {
  同意自评(d, c) {
    if (!DECIDED.includes(c.status)) return { mistake: `自评为“${c.status}”（尚不能计分），不能同意自评；请改判并填写核定扣分和核定说明` };
    if (d.deduction !== undefined && Math.abs(d.deduction - c.selfDeduction) > EPS) {
      return { mistake: `同意自评，但核定扣分填了 ${formatPoints(d.deduction)}（自评扣 ${formatPoints(c.selfDeduction)} 分）；改判请选“改判”，同意自评请清空核定扣分` };
    }
    return { to: c.selfDeduction, reason: d.reason || AGREE_REASON };
  },
  改判(d, c) {
    const to = d.deduction!;
    if (to > c.points + EPS) return { mistake: `核定扣分 ${formatPoints(to)} 超过本条扣分 ${formatPoints(c.points)} 分（应在 0 到 ${formatPoints(c.points)} 之间）` };
    return { to, reason: d.reason };
  },
  按平台数据(d, c, p) {
    // p is the platform's current view of the clause, its fingerprint the row's (decisionEntry checked).
    if (!p || p.proposed === undefined) return { mistake: `平台调阅的数据不足以判定本条（${p ? p.reason : "没有平台数据"}），不能按平台数据核定；请改判并填写核定扣分和核定说明` };
    if (p.proposed > c.points + EPS) return { mistake: `平台数据的扣分 ${formatPoints(p.proposed)} 超过本条扣分 ${formatPoints(c.points)} 分` };
    if (d.deduction !== undefined && Math.abs(d.deduction - p.proposed) > EPS) {
      return { mistake: `按平台数据，但核定扣分填了 ${formatPoints(d.deduction)}（平台数据扣 ${formatPoints(p.proposed)} 分）；其他扣分请选“改判”，按平台数据请清空核定扣分` };
    }
    // The ready reason; words the 考核组 typed are kept after it.
    return { to: p.proposed, reason: d.reason && d.reason !== p.reason ? `${p.reason}；${d.reason}` : p.reason };
  },
};

/**
 * The 核定记录 entry a decision records, measured against the unit's current figures: 需重新核定 when the
 * row was made on other figures (its fingerprint differs), a mistake when the choice does not fit the clause.
 */
export function decisionEntry(d: Decision, ctx: DecisionContext): DecisionOutcome {
  const about = `${d.at}（${d.unit} 条款 ${clauseNumber(d.clauseId)}）`;
  if (d.basis !== ctx.clause.basis) {
    return { stale: true, message: `${about}：${d.choice}（${d.reviewer}）是按单位此前的数据作出的，单位的填报数据、是否涉及或佐证材料已改变，需重新核定；这条核定未采用` };
  }
  if (d.choice === "按平台数据") {
    const p = ctx.platform;
    if (!ctx.platformGiven) return { mistake: `${about}：按平台数据的核定须对照平台数据采用，本次没有给出平台数据（命令行请加 --platform 平台数据.xlsx；加载项中工作簿须有“平台数据”工作表），未记录` };
    if (!p) return { stale: true, message: `${about}：按平台数据（${d.reviewer}）未采用：平台数据中已没有该单位这一条的调阅数据，需重新核定` };
    if (d.platformBasis !== p.basis) {
      return { stale: true, message: `${about}：按平台数据（${d.reviewer}）是按此前的平台数据作出的，平台数据表中该单位这一条的调阅数据已改变，需重新核定（现为：${p.reason}）；这条核定未采用` };
    }
  }
  const rule = CHOICE_RULES[d.choice](d, ctx.clause, ctx.platform);
  if ("mistake" in rule) return { mistake: `${about}：${rule.mistake}，未记录` };
  const c = ctx.clause;
  return {
    entry: {
      time: ctx.time,
      reviewer: d.reviewer,
      sheet: ctx.sheet,
      unit: d.unit,
      clauseId: d.clauseId,
      saved: ctx.saved,
      recomputed: DECIDED.includes(c.status) ? c.selfDeduction : c.status,
      previous: ctx.previous,
      to: rule.to,
      reason: rule.reason,
      kind: d.choice,
      basis: d.basis,
      ...(d.choice === "按平台数据" && ctx.platform ? { platformBasis: ctx.platform.basis } : {}),
    },
  };
}

/** What the records hold for a unit's clause: a 核定记录 entry, or a 核定表 decision still to be made one against the unit's figures. */
export type RecordItem = AuditEntry | Decision;
