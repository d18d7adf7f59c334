// Registration probe: before the add-in writes =CREDIT.… formulas through Office.js it asks Excel whether the
// functions are registered, by evaluating one probe formula in the sheet it is about to write.
// Why: formulas that name add-in functions written while the functions are not registered may stay unbound
// (#NAME?) even after registration, until re-entered (OfficeDev/Excel-Custom-Functions#108); registration
// fails silently when functions.json cannot be fetched (no CORS / JSON type on the server, README 部署).
// An unknown function evaluates to #NAME? in Excel; a registered one gives its value (or #BUSY! while the
// runtime computes it).
// Where: in cell A1 of the new sheet the template writer has just added (the layout then overwrites it) —
// never in a temporary sheet of its own: deleting a sheet is one of the operations Excel keeps no Undo for
// ("Undo support with the Excel JavaScript API", Unsupported APIs: Worksheet.delete), and a cell write is
// undoable. (The template that follows is protected, and WorksheetProtection.protect has no Undo either, so
// Excel's Undo history ends at a generated template or an import in any case; README 可信与安全.)
// There is no "unknown" answer: if Excel refuses the probe it refuses the sheet, and that failure is what
// the user is told. "absent" never leaves bare CREDIT.* formulas: 生成模板 writes its IFERROR form (which
// computes without the add-in) and says so; 导入回收表 writes the native formulas with a note.

export const PROBE_FORMULA = '=CREDIT.POINTS("2022:county.1")';

/** "registered", or "absent" (#NAME?: formulas naming CREDIT.* would not compute). */
export type Registration = "registered" | "absent";

/** Evaluates the probe in A1 of `ws` (a sheet this batch added and will overwrite). One sync. */
export async function probeInSheet(context: Excel.RequestContext, ws: Excel.Worksheet): Promise<Registration> {
  const cell = ws.getRange("A1");
  cell.formulas = [[PROBE_FORMULA]];
  cell.load("values");
  await context.sync();
  return cell.values[0]?.[0] === "#NAME?" ? "absent" : "registered";
}

/**
 * What 生成模板 tells the user when the functions are absent. The default template is written all the same:
 * each CREDIT.* formula sits inside IFERROR with the native formula as its fallback (src/layout/template/
 * formulas.ts), so it computes the same deductions and scores with or without the add-in — only the detailed
 * explanations wait for the functions (and formulas written while they were unregistered may stay unbound
 * until re-entered, Excel-Custom-Functions#108: regenerating the sheet re-enters them).
 */
export const NOT_REGISTERED = {
  message: "本机加载项的计分函数（CREDIT.*）尚未在 Excel 中注册：模板已照常生成，其中每个 CREDIT 公式外都套有 IFERROR 通用公式，扣分与得分照常计算，扣分说明为简要说明。",
  hint: "函数注册后（关闭并重新打开任务窗格，或重启 Excel）如需加载项的详细扣分说明，可删除这些工作表后重新生成；若一直未注册，请网站管理员检查 functions.json 的跨域（CORS）与 JSON 类型设置（见 README 部署）。",
} as const;
