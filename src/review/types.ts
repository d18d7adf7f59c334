import { visibleName } from "./identity";

// Shapes shared by the readers (the xlsx reader, the Office.js sheet reader) and the pure review logic.
// A reader turns one template sheet into a name → cell map; everything after that is plain TypeScript.

/** One cell reached through a defined name. */
export interface NamedCell {
  /** A1 address on the sheet ("F12"); the top-left cell when the name covers a merged block. */
  address: string;
  /** A constant, or a formula's cached result: number | string | boolean | Date | {error} | null. */
  value: unknown;
  /** The formula without "=", when the cell holds one. */
  formula?: string;
  /** Cell protection; undefined when the reader cannot tell (Office.js path). */
  locked?: boolean;
  /** Number format code ("General", "yyyy-mm-dd", "0.00%"); undefined when not read (Office.js path). */
  numFmt?: string;
}

/** A template sheet as the readers see it: its defined names and what they point at. */
export interface SheetCells {
  sheet: string;
  /** Sheet protection on; undefined when unknown. */
  protected?: boolean;
  names: Map<string, NamedCell>;
}

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

/** 〔“兴山区”F12〕 — how every message starts. */
export function where(sheet: string, address: string): string {
  return address ? `“${visibleName(sheet)}”工作表 ${address}` : `“${visibleName(sheet)}”工作表`;
}

