import { visibleName } from "../core/index";

// Shapes shared by the readers (the xlsx reader, the Office.js sheet reader) and the pure review logic.
// A reader turns one template sheet into a name → cell map; everything after that is plain TypeScript.

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
  /** Resolved by the 考核组's 核定 of the clause (or of the whole unit). */
  closed?: boolean;
}

/**
 * 文件“坏.xlsx”已损坏…: a reader's reason — written to stand alone ("文件已损坏…") — after the file it is
 * about, without saying 文件 twice.
 */
export function fileReason(file: string, reason: string, lead = "文件"): string {
  return `${lead}“${file}”${reason.startsWith("文件") ? reason.slice(2) : reason}`;
}

/** 〔“兴山区”F12〕 — how every message starts. */
export function where(sheet: string, address: string): string {
  return address ? `“${visibleName(sheet)}”工作表 ${address}` : `“${visibleName(sheet)}”工作表`;
}

