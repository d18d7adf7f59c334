/*
 * The pane's 平台数据 actions over Office.js (src/office/platform.ts): make the sheet, read it back. Kept apart
 * from officeActions.ts; createOfficeActions adds them to the pane's one interface.
 */
import type { UnitKind } from "../core/index";
import { checkPlatformSheet as officeCheckPlatformSheet, crossCheckPlatform as officeCrossCheck, makePlatformSheet as officeMakePlatformSheet } from "../office/platform";
import { TemplateWriteError } from "../office/templateWriter";
import { ActionError, type CrossCheckResult, type PlatformCheckResult, type PlatformSheetResult } from "./actions";

function requireExcel(): void {
  if (typeof Excel === "undefined" || typeof Excel.run !== "function") {
    throw new ActionError("未在 Excel 中运行，无法操作工作簿。", "请在 Excel（Microsoft 365、2021 及以上或网页版）中打开本加载项。");
  }
}

export async function makePlatformSheet(year: number, kind: UnitKind): Promise<PlatformSheetResult> {
  requireExcel();
  try {
    return await officeMakePlatformSheet(year, kind);
  } catch (error) {
    if (error instanceof TemplateWriteError) throw new ActionError(error.message, "工作簿没有改动。");
    throw error;
  }
}

export async function checkPlatformSheet(year: number, kind: UnitKind): Promise<PlatformCheckResult> {
  requireExcel();
  try {
    const d = await officeCheckPlatformSheet(year, kind);
    const figures = [...d.figures.values()];
    return {
      sheet: d.sheet,
      withFigures: figures.filter((f) => Object.keys(f.values).length).map((f) => f.member),
      blank: figures.filter((f) => !Object.keys(f.values).length).map((f) => f.member),
      problems: d.problems.map((p) => ({ sheet: d.sheet, address: p.address, message: p.message, severity: p.severity })),
    };
  } catch (error) {
    if (error instanceof TemplateWriteError) throw new ActionError(error.message, "检查不修改工作簿。");
    throw error;
  }
}

export async function crossCheckPlatform(year: number, kind: UnitKind): Promise<CrossCheckResult> {
  requireExcel();
  try {
    const { platform, check } = await officeCrossCheck(year, kind);
    return {
      sheet: platform.sheet,
      rows: check.rows.map((r) => ({ unit: r.unit, sheet: r.sheet, clauseId: r.clauseId, finding: r.finding, self: r.self, proposed: r.proposed, reason: r.reason, basis: r.basis, platformBasis: r.platformBasis, recorded: r.recorded && { to: r.recorded.to, kind: r.recorded.kind } })),
      checked: check.checked.map((c) => c.unit),
      notReturned: check.notReturned,
      noFigures: check.noFigures,
      problems: platform.problems.map((p) => ({ sheet: platform.sheet, address: p.address, message: p.message, severity: p.severity })),
    };
  } catch (error) {
    if (error instanceof TemplateWriteError) throw new ActionError(error.message, "比对不修改工作簿。");
    throw error;
  }
}
