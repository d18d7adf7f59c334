// The placement step of a review: every CR_* name must sit where the template put it (src/core/placement.ts).
// A name moved off its cell, or defined at more than one cell (workbook- and sheet-scoped disagreeing, two
// definitions in one scope), is an 错误 naming both addresses; the prescribed cell is what was read and
// scored — the cell the sheet's own formulas, LibreOffice and the office's eyes read.
import type { SheetCells } from "../../core/index";
import { problemAt, type ReviewProblem } from "../types";

export function checkPlacement(cells: SheetCells): ReviewProblem[] {
  return (cells.placement?.misplaced ?? []).map((m) => {
    const elsewhere = m.found.filter((a) => a !== m.prescribed);
    const what = m.found.length > 1
      ? `定义名称 ${m.name} 定义了 ${m.found.length} 处（${m.found.join("、")}）`
      : `定义名称 ${m.name} 被移到了 ${elsewhere.join("、")}`;
    return problemAt(cells.sheet, {
      address: m.prescribed,
      severity: "错误",
      kind: "篡改",
      text: `${what}，模板规定的位置是 ${m.prescribed}：按 ${m.prescribed} 的内容计分，${elsewhere.join("、")} 的内容不采用；请使用下发的模板填报，不要移动或重新定义名称`,
    });
  });
}
