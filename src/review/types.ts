import { visibleName, type Aggregate, type Catalog, type Clause, type ClauseResult, type ClauseStatus, type FilledClause, type ScoreResult, type SheetCells, type UnitKind } from "../core/index";
import type { AuditEntry } from "./verification";

// Shapes shared by the readers (the xlsx reader, the Office.js sheet reader) and the pure review logic.
// A reader turns one template sheet into a name → cell map; everything after that is plain TypeScript:
// the review's steps (src/review/steps/) each return problems of this shape, and reviewUnit
// (src/review/unit.ts) puts their results together into a UnitReview.

/** One cell reached through a defined name, and a template sheet as the readers see it: one shape, in src/core/filled.ts. */
export type { NamedCell, SheetCells } from "../core/filled";

export type ProblemKind = "待填" | "数据错误" | "缺佐证" | "篡改" | "版式" | "核定" | "单位";

/** A problem in a sheet, one click away from its cell; the message names the sheet and the cell. */
export interface ReviewProblem {
  sheet: string;
  /** A1 address, "" when the problem is not about one cell. */
  address: string;
  message: string;
  /** 错误 must be resolved (counts as an open problem); 提示 is advice. */
  severity: "错误" | "提示";
  kind: ProblemKind;
  clauseId?: string;
  /** A problem of an indicator's cell (是否涉及): about each of its clauses. */
  indicatorId?: string;
  /** Resolved by the 考核组's 核定 of the clause (or of the whole unit). */
  closed?: boolean;
}

/** 〔“兴山区”工作表 F12：〕 + text: a problem about one cell (address "" when about none) of a sheet. */
export function problemAt(
  sheet: string,
  p: { address: string; severity: ReviewProblem["severity"]; kind: ProblemKind; clauseId?: string; indicatorId?: string; text: string },
): ReviewProblem {
  const { text, ...rest } = p;
  return { sheet, message: `${where(sheet, p.address)}：${text}`, ...rest };
}

/** A name the template defines is gone: its row or cell was deleted (篡改, about no one cell). */
export function missingName(sheet: string, name: string, what: string): ReviewProblem {
  return problemAt(sheet, { address: "", severity: "错误", kind: "篡改", text: `缺少定义名称 ${name}（${what}），可能删除了行或单元格；请使用原模板填报` });
}

/** A cell's value as a message quotes it: “文字”, a number, a date, an Excel error's code, or 空. */
export function show(raw: unknown): string {
  if (raw === null || raw === undefined) return "空";
  if (raw && typeof raw === "object" && "error" in raw) return String((raw as { error: unknown }).error);
  if (raw instanceof Date) return raw.toISOString().slice(0, 10);
  if (typeof raw === "string") return `“${raw}”`;
  return String(raw);
}

/** One clause of a sheet as the per-clause steps see it: the sheet's cells, the rule, what was typed, the engine's result. */
export interface ClauseInSheet {
  cells: SheetCells;
  clause: Clause;
  /** The clause's cells as typed (已附佐证材料, 备注, 核定): src/core/filled.ts. */
  typed: FilledClause;
  /** The engine's decision from the unit's inputs. */
  result: ClauseResult;
  /** The unit's answers by input id, as typed (the sheet's parse: core/filled.ts). */
  values: Readonly<Record<string, unknown>>;
  /** The clause's indicator is claimed 不涉及 (and the claim is scored). */
  notApplicable: boolean;
}

export type UnitStatus = "未返回" | "待核定" | "已核定" | "有问题";

/** One clause of a reviewed sheet: the recomputed self-assessment and the 核定 adopted under the trust rules. */
export interface ClauseReview {
  clauseId: string;
  indicatorId: string;
  categoryId: string;
  /** Points the clause deducts when it applies. */
  points: number;
  status: ClauseStatus;
  /** Recomputed from the unit's inputs. */
  selfDeduction: number;
  explanation: string;
  /** 核定扣分 and 核定说明, when the 考核组 has recorded them (and the figure is valid). */
  verified?: number;
  reason?: string;
  /** The latest 核定记录 entry for the unit and clause, adopted or not (src/review/steps/verify.ts). */
  record?: AuditEntry;
  /** The latest entry was made on other figures than the unit's current ones: 需重新核定, not adopted. */
  stale?: boolean;
  /** What a 核定 of the clause is made on (src/review/steps/basis.ts): 不涉及 claimed, 佐证材料 and 备注 as typed, and its fingerprint. */
  notApplicable: boolean;
  evidence: string;
  remark: string;
  basis: string;
  /** Where the 核定 cells are, for writing. */
  verifiedAddress?: string;
  reasonAddress?: string;
  /** The clause decided on the office's platform figures (平台调阅), when the review was given a 平台数据 with figures for it. */
  platform?: ClausePlatform;
}

/** One clause on the platform's figures (src/review/platformCheck.ts), as the 核定表 shows it and 按平台数据 records it. */
export interface ClausePlatform {
  /** The deduction on the platform's figures, or the status when they do not decide the clause (待填, 数据错误). */
  deduction: number | string;
  /** The 核定扣分 按平台数据 records; undefined when the platform's figures do not decide the clause. */
  proposed?: number;
  /** The ready 核定说明 (the platform's figures, the deduction they give, what the unit reported). */
  reason: string;
  /** The platform decides otherwise than the self-assessment (扣分 or status differs). */
  differs: boolean;
  /** Fingerprint of the platform's figures for the clause (platformCheck.ts platformBasis). */
  basis: string;
}

export interface UnitReview {
  sheet: string;
  /** CR_UNIT, or the sheet name when CR_UNIT is blank. */
  unit: string;
  /** CR_UNIT as typed (ends trimmed), "" when blank or missing; compared by src/review/identity.ts. */
  typedUnit: string;
  /** Address of the CR_UNIT cell, "" when the name is missing. */
  unitAddress: string;
  /** The sheet is hidden or veryHidden: never scored, never ranked (README 可信与安全). */
  hidden?: "hidden" | "veryHidden";
  kind?: UnitKind;
  year?: number;
  /** False when the sheet cannot be scored at all (wrong layout version, unknown year or kind). */
  scorable: boolean;
  catalog?: Catalog;
  self?: ScoreResult;
  /** What the unit typed, as the engine scored it (the platform cross-check decides again with the platform's figures in place). */
  answers?: { values: Readonly<Record<string, unknown>>; notApplicable: readonly string[] };
  clauses: ClauseReview[];
  /** Deductions with the 核定 figures in place of the self-assessed ones (= self when none). */
  final?: Aggregate;
  selfScore?: number;
  /** Score after 核定 (undefined while no clause has been verified). */
  verifiedScore?: number;
  verifiedCount: number;
  fullyVerified: boolean;
  problems: ReviewProblem[];
  /** 错误 problems not closed by a 核定. */
  openProblems: number;
  status: Exclude<UnitStatus, "未返回">;
}

/**
 * 文件“坏.xlsx”已损坏…: a reader's reason — written to stand alone ("文件已损坏…") — after the file it is
 * about, without saying 文件 twice.
 */
export function fileReason(file: string, reason: string, lead = "文件"): string {
  return `${lead}“${visibleName(file)}”${reason.startsWith("文件") ? reason.slice(2) : reason}`;
}

/** 〔“兴山区”F12〕 — how every message starts. */
export function where(sheet: string, address: string): string {
  return address ? `“${visibleName(sheet)}”工作表 ${address}` : `“${visibleName(sheet)}”工作表`;
}

