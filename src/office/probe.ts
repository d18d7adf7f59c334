// Registration probe: before the add-in writes =CREDIT.… formulas through Office.js it asks Excel whether the
// functions are registered, by evaluating one probe formula on a temporary sheet (created and deleted again).
// Why: formulas that name add-in functions written while the functions are not registered may stay unbound
// (#NAME?) even after registration, until re-entered (OfficeDev/Excel-Custom-Functions#108); registration
// fails silently when functions.json cannot be fetched (no CORS / JSON type on the server, README 部署).
// An unknown function evaluates to #NAME? in Excel; a registered one gives its value (or #BUSY! while the
// runtime computes it). Two syncs.
import { removeSheetIfPresent, runExcel } from "./run";

export const PROBE_FORMULA = '=CREDIT.POINTS("2022:county.1")';

/** "registered", "absent" (#NAME?), or "unknown" when Excel would not let us probe (e.g. a protected workbook structure). */
export type Registration = "registered" | "absent" | "unknown";

export async function probeCustomFunctions(): Promise<Registration> {
  return runExcel(async (context): Promise<Registration> => {
    const name = `信用考核探测${Date.now() % 100000}`;
    const ws = context.workbook.worksheets.add(name);
    const cell = ws.getRange("A1");
    cell.formulas = [[PROBE_FORMULA]];
    cell.load("values");
    let value: unknown;
    try {
      await context.sync();
      value = cell.values[0]?.[0];
    } catch {
      value = undefined;
    }
    await removeSheetIfPresent(context, name); // best effort: the probe sheet is named so that the office recognises it
    if (value === undefined) return "unknown";
    return value === "#NAME?" ? "absent" : "registered";
  }).catch((): Registration => "unknown");
}

/** The Chinese message when the functions are absent (the pane shows it with the hint). */
export const NOT_REGISTERED = {
  message: "本加载项的计分函数（CREDIT.*）尚未在 Excel 中注册，现在写入的 =CREDIT.… 公式可能一直无法计算（#NAME?）。",
  hint: "请改选“通用公式”（Excel 原生公式，不依赖加载项，任何地方都能计算）；或关闭并重新打开任务窗格、重启 Excel 后再试。若一直如此，请网站管理员检查 functions.json 的跨域（CORS）与 JSON 类型设置（见 README 部署）。",
} as const;
