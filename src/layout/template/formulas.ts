// The formulas the steps write: a clause's 扣分 / 状态 / 说明 (add-in or portable) and the 待填-aware subtotal.
import type { Clause, ClauseStatus } from "../../core/index";
import { compileDeduction, compileExplanation, compileStatus, type HelperOf } from "../compileFormula";
import type { BuildContext } from "./sheet";
import type { CellErrorValue, CellValue } from "./types";

// A subtotal over clauses still 待填 is 待填 itself: a partial sum must never read as a finished figure
// (and the readers take a number here for a claim that the part is complete). A 数据错误 clause's deduction
// is the text 数据错误 in both variants (see clauseFormulas), passed up the same way.
export function subtotalFormula(_ctx: BuildContext, range: string, value: string): string {
  return `IF(COUNTIF(${range},"数据错误")>0,"数据错误",IF(COUNTIF(${range},"待填")>0,"待填",${value}))`;
}

export function subtotalCached(_ctx: BuildContext, clauses: { status: ClauseStatus }[], value: number): CellValue | CellErrorValue {
  const pending = clauses.some((c) => c.status === "待填");
  const error = clauses.some((c) => c.status === "数据错误");
  return error ? "数据错误" : pending ? "待填" : value;
}

/**
 * The clause's three formulas (扣分, 状态, 说明). Portable: native formulas only. Add-in (the default): one
 * template that computes everywhere — each CREDIT.* call inside IFERROR with the portable variant's native
 * formula as the fallback. Where the add-in runs the CREDIT.* result shows (the engine's detailed
 * explanation); in Excel without the add-in, WPS and LibreOffice the unknown function is #NAME?, IFERROR
 * catches it and the native formula — proved equal to the engine (test/layout/formulas.test.ts, LibreOffice
 * test) — gives the same status, deduction and score.
 * A genuine 数据错误 is not hidden by the fallback: CREDIT.DEDUCT's #VALUE! falls back to the native
 * deduction, which reads the status cell (CREDIT.STATUS = 数据错误) and shows the text 数据错误, exactly what
 * the portable variant shows; CREDIT.EXPLAIN returns the engine's reason for the error as text (not an error),
 * so the explanation cell keeps saying which input is wrong and why. The only thing lost to IFERROR is the
 * #VALUE! hover message, which desktop Excel shows unreliably anyway. Argument errors (a sheet whose ranges
 * were altered) also fall back to the native formulas, which read the template's own input cells.
 */
export function clauseFormulas(ctx: BuildContext, clause: Clause, cellOf: Map<string, string>, inputsRange: string, naCell: string | undefined, stAddr: string, helper: HelperOf) {
  const ref = `"${ctx.year}:${clause.id}"`;
  const cellFn = (id: string) => cellOf.get(id)!;
  const native = { ded: compileDeduction(clause, stAddr), st: compileStatus(clause, cellFn, naCell), ex: compileExplanation(clause, stAddr, cellFn, helper) };
  if (ctx.portable) return native;
  const args = naCell ? `${ref},${inputsRange},${naCell}` : `${ref},${inputsRange}`;
  return {
    ded: `IFERROR(CREDIT.DEDUCT(${args}),${native.ded})`,
    st: `IFERROR(CREDIT.STATUS(${args}),${native.st})`,
    ex: `IFERROR(CREDIT.EXPLAIN(${args}),${native.ex})`,
  };
}
