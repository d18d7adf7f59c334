// 平台数据 in the open workbook: the office's platform figures sheet (src/layout/platform.ts), written through the
// SheetDoc writer (two syncs: does the sheet exist; write it), and read back (one sync) by the same pure reader
// as the command line's (src/review/platform.ts).
import { expectedUnits, findCatalog, unitsOf, type UnitKind } from "../core/index";
import { platformSheetName } from "../core/platform";
import { buildPlatformLayout } from "../layout/platform";
import { parseRef } from "../read/resolve";
import { crossCheck, type CrossCheck } from "../review/crossCheck";
import { platformSheetInfo, readPlatformRows, type PlatformData } from "../review/platform";
import { placeUnits } from "../review/summary";
import { isTemplateSheet, reviewUnit } from "../review/unit";
import { AUDIT_SHEET, latestRecords, parseAuditRows } from "../review/verification";
import { readSnapshot } from "./snapshot";
import { officeSupports, type Supports } from "./common";
import { removeSheetIfPresent, runExcel } from "./run";
import { queueSheetDoc } from "./sheetDoc";
import { TemplateWriteError } from "./templateWriter";

export interface PlatformSheetResult {
  sheet: string;
  units: number;
  columns: number;
  skipped: string[];
}

/** Adds the year's 平台数据 sheet of a kind; refuses, changing nothing, when a sheet of that name exists. Two syncs. */
export async function addPlatformSheet(context: Excel.RequestContext, year: number, kind: UnitKind, supports: Supports = officeSupports()): Promise<PlatformSheetResult> {
  const catalog = findCatalog(year, kind);
  if (!catalog) throw new TemplateWriteError(`没有 ${year} 年度的考核指标，无法生成平台数据表。`);
  const units = unitsOf(year)[kind];
  if (!units.length) throw new TemplateWriteError(`${year} 年度没有成员单位名单，无法生成平台数据表；请先在 src/core/years/${year}/departments.ts 中填写名单并重新构建。`);
  const layout = buildPlatformLayout(catalog, units);
  const name = layout.doc.name;
  const existing = context.workbook.worksheets.getItemOrNullObject(name);
  existing.load("isNullObject");
  await context.sync();
  if (!existing.isNullObject) {
    throw new TemplateWriteError(`工作表“${name}”已存在，未作任何修改：其中可能已有调阅的数据。如需新的空白表，请先将原工作表改名。`);
  }
  const ws = context.workbook.worksheets.add(name);
  const skipped = queueSheetDoc(ws, layout.doc, supports);
  ws.activate();
  try {
    await context.sync();
  } catch (e) {
    // A failed batch may leave the new sheet half-written: it was created by this call, so remove it.
    await removeSheetIfPresent(context, name);
    throw e;
  }
  return { sheet: name, units: units.length, columns: layout.columns.size, skipped };
}

/** Reads the 平台数据 sheet of a kind back: each member unit's figures and every problem, with its cell. One sync. */
export async function readPlatformSheet(context: Excel.RequestContext, year: number, kind: UnitKind): Promise<PlatformData> {
  const name = platformSheetName(kind);
  const ws = context.workbook.worksheets.getItemOrNullObject(name);
  ws.load("isNullObject");
  const used = ws.getUsedRangeOrNullObject(true);
  used.load("address,values");
  await context.sync();
  if (ws.isNullObject) throw new TemplateWriteError(`工作簿中没有“${name}”工作表：请先点“生成平台数据表”，把调阅的数据填进去后再检查。`);
  // Rows from A1: the used range need not start there (values are relative to its own top-left cell).
  const rows: unknown[][] = [];
  if (!used.isNullObject) {
    const at = parseRef(used.address.includes("!") ? used.address : `x!${used.address}`);
    if (at) used.values.forEach((row, r) => (rows[at.row - 1 + r] = [...Array<unknown>(at.col - 1).fill(""), ...row]));
  }
  return platformOf(rows, name, year, kind);
}

/** The sheet's rows (from A1) read back for the year it says it is for (also the 核定 step's, src/office/record.ts). */
export function platformOf(rows: unknown[][], name: string, year: number, kind: UnitKind): PlatformData {
  const info = platformSheetInfo(rows, name);
  const sheetYear = info.year ?? year;
  const catalog = findCatalog(sheetYear, kind);
  if (!catalog) throw new TemplateWriteError(`“${name}”是 ${sheetYear} 年度的平台数据表，加载项没有该年度的考核指标。`);
  return readPlatformRows(rows, name, catalog, unitsOf(sheetYear)[kind]);
}

/**
 * 平台比对 in the open workbook: every unit sheet (reviewed as the 汇总 reviews them, 核定 from the 核定记录)
 * against the 平台数据 sheet of the kind (src/review/crossCheck.ts); a 按平台数据 on the records is held to the sheet's
 * current figures (a corrected figure reopens it: not shown as recorded). Reads only — the 汇总's snapshot (two syncs
 * and one per chunk of cells: one for a normal office workbook).
 */
export async function crossCheckWorkbook(context: Excel.RequestContext, year: number, kind: UnitKind): Promise<{ platform: PlatformData; check: CrossCheck }> {
  const name = platformSheetName(kind);
  const snap = await readSnapshot(context, undefined, [name, AUDIT_SHEET]);
  if (!snap.sheetNames.includes(name)) throw new TemplateWriteError(`工作簿中没有“${name}”工作表：请先点“生成平台数据表”，把调阅的数据填进去后再比对。`);
  const used = snap.used.get(name);
  const rows: unknown[][] = [];
  if (used) used.values.forEach((row, r) => (rows[used.row - 1 + r] = [...Array<unknown>(used.col - 1).fill(""), ...row]));
  const platform = platformOf(rows, name, year, kind);
  const audit = snap.used.get(AUDIT_SHEET);
  const records = latestRecords(audit ? parseAuditRows(audit.values).entries : []);
  const expected = expectedUnits(platform.catalog.year);
  const reviews = snap.sheets.filter(isTemplateSheet).map((s) => reviewUnit(s, { year: platform.catalog.year, expected, origin: "workbook", records, platform: [platform] }));
  return { platform, check: crossCheck(placeUnits(reviews, { expected }).reviews, [platform]) };
}

/** The pane's 与单位数据比对: one Excel.run. */
export function crossCheckPlatform(year: number, kind: UnitKind): Promise<{ platform: PlatformData; check: CrossCheck }> {
  return runExcel((context) => crossCheckWorkbook(context, year, kind));
}

/** The pane's 生成平台数据表: one Excel.run. */
export function makePlatformSheet(year: number, kind: UnitKind): Promise<PlatformSheetResult> {
  return runExcel((context) => addPlatformSheet(context, year, kind));
}

/** The pane's 检查平台数据表: one Excel.run. */
export function checkPlatformSheet(year: number, kind: UnitKind): Promise<PlatformData> {
  return runExcel((context) => readPlatformSheet(context, year, kind));
}
