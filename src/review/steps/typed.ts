// What a unit types must be typed: an input, 是否涉及, 佐证材料, 备注, header or identity cell holding a formula
// is an 错误 on that cell, and the formula's saved result — whatever the file says, not what it computes
// (`=0*1` saved as 3, `="否"` saved as 是) — is never used: core's readFilled reads the cell as blank. No formula
// is evaluated, not even `=3` (README 可信与安全).
import type { Filled } from "../../core/index";
import { problemAt, show, type ReviewProblem } from "../types";

const DO: Record<Filled["formulaCells"][number]["what"], string> = {
  number: "请直接填写数值",
  text: "请直接填写文字",
  choice: "请直接从下拉列表中选择",
  identity: "该单元格由模板生成，请使用下发的模板重新填报",
};

export function checkTypedFormulas(filled: Filled): ReviewProblem[] {
  const sheet = filled.cells.sheet;
  return filled.formulaCells.map(({ cell, what }) =>
    problemAt(sheet, {
      address: cell.address,
      severity: "错误",
      kind: what === "identity" ? "篡改" : "数据错误",
      text: `填写的是公式（=${cell.formula!.slice(0, 60)}${cell.formula!.length > 60 ? "…" : ""}），不是数值或文字；公式及其保存的结果（${show(cell.value)}）均不采用，按未填写处理，${DO[what]}`,
    }),
  );
}
