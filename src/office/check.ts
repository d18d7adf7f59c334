// 提交前检查 of the sheet the user is on: its names read in one batch, the same review as the 汇总; and the
// way to a problem's cell.
import { runExcel } from "./run";
import { expectedUnits, workingYear, type UnitKind } from "../core/index";
import type { ReviewProblem } from "../review/types";
import { identify } from "../review/identity";
import { isTemplateSheet, reviewUnit } from "../review/unit";
import { readSnapshot } from "./snapshot";

export interface CheckActiveResult {
  sheet: string;
  unit?: string;
  score?: number;
  complete: boolean;
  problems: ReviewProblem[];
}

export async function checkActiveSheet(opts: { year?: number; expected?: Partial<Record<UnitKind, readonly string[]>> } = {}): Promise<CheckActiveResult> {
  return runExcel(async (context) => {
    const active = context.workbook.worksheets.getActiveWorksheet();
    active.load("name");
    const snap = await readSnapshot(context, (n) => n === active.name);
    const cells = snap.sheets.find((s) => s.sheet === active.name);
    if (!cells || !isTemplateSheet(cells)) {
      return {
        sheet: active.name,
        complete: false,
        problems: [{ sheet: active.name, address: "", severity: "错误", kind: "版式", message: `“${active.name}”工作表不是考核模板（没有 CR_ 定义名称），请切换到单位的考核表再检查` }],
      };
    }
    const year = opts.year ?? workingYear();
    const expected = expectedUnits(year, opts.expected);
    const r = reviewUnit(cells, { year, expected });
    for (const p of identify(r, { expected }).problems) r.problems.push(p);
    return { sheet: r.sheet, unit: r.unit, score: r.selfScore, complete: r.self?.complete ?? false, problems: r.problems };
  });
}

/** Activates the sheet and selects the cell (an A1 address; "" selects nothing). One sync. */
export async function showCell(sheet: string, cell: string): Promise<void> {
  await runExcel(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.activate();
    if (cell) ws.getRange(cell).select();
    await context.sync();
  });
}
