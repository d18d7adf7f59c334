// Under the table: the 小计 of each category, 合计扣分 and 得分, then the line the unit's head signs.
import { names } from "../../core/names";
import { addr } from "../address";
import type { Body } from "./body";
import { subtotalCached, subtotalFormula } from "./formulas";
import { COL, FIRST_DATA_ROW, LAST_VISIBLE } from "./grid";
import type { BuildContext, SheetBuilder } from "./sheet";
import type { CellErrorValue, CellValue } from "./types";

/** One 小计 row per category, 合计扣分 and 得分 under the table; returns the last row (得分). */
export function writeTotals(sheet: SheetBuilder, ctx: BuildContext, body: Body): number {
  const { catalog, result, portable } = ctx;
  let row = body.lastBodyRow + 1;
  const subRows: number[] = [];
  for (const s of body.categories) {
    sheet.block(row, 1, row, { value: `小计：${s.title}（${s.points}分）扣分`, style: "totalLabel", locked: true }, COL.deduction - 1);
    const indRange = `${addr(s.from, COL.indicatorDeduction)}:${addr(s.to, COL.indicatorDeduction)}`;
    const catClauses = result.clauses.filter((c) => c.categoryId === s.categoryId);
    sheet.block(row, COL.deduction, row, { formula: subtotalFormula(ctx, indRange, `SUM(${indRange})`), cached: subtotalCached(ctx, catClauses, ctx.categoryResult.get(s.categoryId)!.deduction), style: "total", locked: true }, LAST_VISIBLE);
    sheet.name(names.categoryDeduction(s.categoryId), addr(row, COL.deduction));
    subRows.push(row);
    row++;
  }
  const subRange = `${addr(subRows[0], COL.deduction)}:${addr(subRows[subRows.length - 1], COL.deduction)}`;
  sheet.block(row, 1, row, { value: "合计扣分", style: "totalLabel", locked: true }, COL.deduction - 1);
  sheet.block(row, COL.deduction, row, { formula: subtotalFormula(ctx, subRange, `MIN(${catalog.total},SUM(${subRange}))`), cached: subtotalCached(ctx, result.clauses, result.totalDeduction), style: "total", locked: true }, LAST_VISIBLE);
  sheet.name(names.totalDeduction, addr(row, COL.deduction));
  const totalRow = row++;
  const dedRange = `${addr(FIRST_DATA_ROW, COL.deduction)}:${addr(body.lastBodyRow, COL.deduction)}`;
  const idRange = `${addr(FIRST_DATA_ROW, COL.clauseId)}:${addr(body.lastBodyRow, COL.clauseId)}`;
  const stRange = `${addr(FIRST_DATA_ROW, COL.status)}:${addr(body.lastBodyRow, COL.status)}`;
  // 数据错误 counts as unfinished: 未完成（N 项待填）. CREDIT.SCORE refuses the text 数据错误 (#VALUE!), so the
  // add-in variant falls back to the native score then, which counts it; otherwise both agree (caps per
  // indicator and in total, never below 0).
  const errors = result.clauses.filter((c) => c.status === "数据错误").length;
  const pending = result.clauses.filter((c) => c.status === "待填").length + errors;
  const scoreCached: CellValue | CellErrorValue = pending ? `未完成（${pending} 项待填）` : result.score;
  const pendingF = `COUNTIF(${stRange},"待填")+COUNTIF(${stRange},"数据错误")`;
  const nativeScore = `IF(${pendingF}>0,"未完成（"&(${pendingF})&" 项待填）",MAX(0,${catalog.total}-${addr(totalRow, COL.deduction)}))`;
  const scoreF = portable ? nativeScore : `IFERROR(CREDIT.SCORE(${dedRange},${idRange}),${nativeScore})`;
  sheet.block(row, 1, row, { value: `得分（满分 ${catalog.total} 分）`, style: "totalLabel", locked: true }, COL.deduction - 1);
  sheet.block(row, COL.deduction, row, { formula: scoreF, cached: scoreCached, style: "total", locked: true }, LAST_VISIBLE);
  sheet.name(names.score, addr(row, COL.deduction));
  return row;
}

/** Below the score: the line the unit's head signs and stamps (a 考核表 is handed in signed). */
export function writeSignature(sheet: SheetBuilder, scoreRow: number): number {
  const row = scoreRow + 2;
  const parts: [number, number, string][] = [
    [COL.category, COL.clause, "单位负责人（签字）："],
    [COL.inputLabel, COL.evidenceInput, "单位（盖章）："],
    [COL.deduction, LAST_VISIBLE, "日期：　　　　年　　月　　日"],
  ];
  for (const [c1, c2, text] of parts) sheet.block(row, c1, row, { value: text, style: "sign", locked: true }, c2);
  sheet.rowHeights[scoreRow + 1] = 12;
  sheet.rowHeights[row] = 40;
  return row;
}
