// Office.js writer of a template layout: one new sheet per unit in the open workbook, in at most two
// context.sync() calls whatever the number of clauses — one to read (does the sheet exist; what it holds
// when regenerating), one to write everything. Same layout as the xlsx writer; nothing decided here.
import { readFilled, type Catalog } from "../core/index";
import { regenerate } from "../layout/regenerate";
import { officeSheetCells } from "../read/resolve";
import { removeSheetIfPresent, runExcel, swapIn } from "./run";
import { queueProtectionRead, writeFailed } from "./protection";
import { colLetter } from "../core/a1";
import { cellProperties } from "./cellStyle";
import { officeSupports, PROTECTION_OPTIONS, queueMargins, rule, TEXT_FORMAT, type Supports } from "./common";
import { queueSheetDoc } from "./sheetDoc";

export { rule } from "./common";
import { buildTemplateLayout } from "../layout/template";
import type { TemplateLayout, Variant } from "../layout/template/types";

export interface WriteReport {
  sheetName: string;
  /** Features left out because this Excel lacks the requirement set (Chinese, for the task pane). */
  skipped: string[];
  /** True when a filled sheet was replaced and its inputs carried over. */
  regenerated: boolean;
  /** The formulas written ("portable" when a beforeWrite switched to them). */
  variant: Variant;
}

/** A Chinese message for the task pane: the template was not (re)written, nothing was changed. */
export class TemplateWriteError extends Error {}

/** The full grid of formulas/values (what range.formulas takes) and of number formats. */
export function layoutGrid(layout: TemplateLayout): { formulas: (string | number | boolean)[][]; numberFormat: string[][] } {
  const formulas = Array.from({ length: layout.lastRow }, () => Array<string | number | boolean>(layout.lastCol).fill(""));
  const numberFormat = Array.from({ length: layout.lastRow }, () => Array<string>(layout.lastCol).fill("General"));
  for (const c of layout.cells) {
    formulas[c.row - 1][c.col - 1] = c.formula !== undefined ? `=${c.formula}` : (c.value ?? "");
    if (c.numFmt) numberFormat[c.row - 1][c.col - 1] = c.numFmt;
    // Text is stored as text (see textFormats), set before the values in queueLayout: a unit name, a typed
    // input or remark from a returned file that starts with "=" stays words. Only the add-in's own formulas
    // (c.formula) are written as formulas.
    if (c.formula === undefined && typeof c.value === "string") numberFormat[c.row - 1][c.col - 1] = TEXT_FORMAT;
  }
  return { formulas, numberFormat };
}

/** Queues every write of a layout onto a new worksheet (no sync here). */
function queueLayout(context: Excel.RequestContext, ws: Excel.Worksheet, layout: TemplateLayout, supports: Supports): string[] {
  const skipped: string[] = [];
  const all = ws.getRange(`A1:${colLetter(layout.lastCol)}${layout.lastRow}`);
  const { formulas, numberFormat } = layoutGrid(layout);
  all.numberFormat = numberFormat;
  all.formulas = formulas;

  if (supports("ExcelApi", "1.9")) {
    // One call for fonts, fills, borders, alignment and locking of every cell.
    const props: Excel.SettableCellProperties[][] = Array.from({ length: layout.lastRow }, () => Array.from({ length: layout.lastCol }, () => ({})));
    for (const c of layout.cells) props[c.row - 1][c.col - 1] = cellProperties(layout.styles[c.style], c.locked);
    all.setCellProperties(props);
  } else {
    // Older Excel: only what protection needs (unlocked inputs) and the input fill, per cell.
    skipped.push("单元格样式（需要 ExcelApi 1.9）");
    for (const c of layout.cells) {
      if (c.locked) continue;
      const r = ws.getRange(c.address);
      r.format.protection.locked = false;
      const fill = layout.styles[c.style].fill;
      if (fill) r.format.fill.color = `#${fill}`;
    }
  }
  for (const m of layout.merges) ws.getRange(m).merge(false);
  layout.widths.forEach((w, i) => {
    // Office.js widths are points; a width of w characters is w × 7 + 5 pixels at the default font's 7-pixel
    // digit (ECMA-376 Part 1, §18.3.1.13 col/@width), i.e. × 0.75 in points — the width the xlsx writer gets.
    ws.getRange(`${colLetter(i + 1)}:${colLetter(i + 1)}`).format.columnWidth = Math.round((w * 7 + 5) * 0.75 * 100) / 100;
  });
  for (const c of layout.hiddenColumns) ws.getRange(`${colLetter(c)}:${colLetter(c)}`).columnHidden = true;
  for (const [r, h] of Object.entries(layout.rowHeights)) ws.getRange(`${r}:${r}`).format.rowHeight = h;

  if (supports("ExcelApi", "1.4")) {
    for (const n of layout.names) ws.names.add(n.name, ws.getRange(n.address));
  } else skipped.push("名称（需要 ExcelApi 1.4）");

  if (supports("ExcelApi", "1.8")) {
    for (const v of layout.validations) {
      const dv = ws.getRange(v.address).dataValidation;
      const r = rule(v);
      if (r) {
        dv.rule = r;
        dv.errorAlert = { showAlert: true, style: "Stop", title: v.errorTitle, message: v.error };
      }
      dv.prompt = { showPrompt: true, title: v.promptTitle, message: v.prompt };
    }
  } else skipped.push("数据验证与输入提示（需要 ExcelApi 1.8）");

  if (supports("ExcelApi", "1.7")) ws.freezePanes.freezeRows(layout.frozenRows);
  else skipped.push("冻结表头（需要 ExcelApi 1.7）");

  if (supports("ExcelApi", "1.9")) {
    const p = layout.print;
    ws.pageLayout.orientation = "Landscape";
    ws.pageLayout.paperSize = "A4";
    // One page wide as a print scale: PageLayoutZoomOptions documents a number of pages or a scale "between
    // 10 and 400", and no value for "as many pages tall as needed" (verticalFitToPages 0 is not documented).
    ws.pageLayout.zoom = { scale: p.scale };
    queueMargins(ws.pageLayout);
    ws.pageLayout.centerHorizontally = true;
    ws.pageLayout.setPrintTitleRows(`$${p.titleRows.replace(":", ":$")}`);
    ws.pageLayout.setPrintArea(p.area);
    ws.pageLayout.headersFooters.defaultForAllPages.centerHeader = p.header.replace(/&/g, "&&");
    ws.pageLayout.headersFooters.defaultForAllPages.centerFooter = p.footer;
    // A break is added above the given cell (Excel.PageBreakCollection.add, ExcelApi 1.9): the row after each page's last.
    for (const r of p.rowBreaks) ws.horizontalPageBreaks.add(`A${r + 1}`);
  } else skipped.push("打印设置（需要 ExcelApi 1.9）");

  // Protection last: everything above writes into cells it would lock. No password by default.
  if (supports("ExcelApi", "1.2")) {
    ws.protection.protect(PROTECTION_OPTIONS, layout.protection.password);
  } else skipped.push("工作表保护（需要 ExcelApi 1.2）");
  ws.activate();
  void context;
  return skipped;
}

/**
 * Called once the new sheet is added (before the layout is written), with the sheet: e.g. the registration
 * probe, which evaluates a formula in it. May return another layout to write instead, or throw to refuse
 * (the sheet is removed again).
 */
export type BeforeWrite = (context: Excel.RequestContext, ws: Excel.Worksheet) => Promise<TemplateLayout | void>;

/**
 * Adds a new template sheet for a unit. Refuses, changing nothing, when a sheet of that name exists
 * (TemplateWriteError) or the workbook's structure is protected (WriteError). Two syncs (three with a
 * beforeWrite that syncs). A write Excel refuses part-way removes the new sheet: nothing half-written stays.
 */
export async function writeTemplate(context: Excel.RequestContext, layout: TemplateLayout, supports: Supports = officeSupports(), beforeWrite?: BeforeWrite): Promise<WriteReport> {
  const existing = context.workbook.worksheets.getItemOrNullObject(layout.sheetName);
  existing.load("isNullObject");
  const ledgerName = layout.ledger?.name;
  const existingLedger = ledgerName !== undefined ? context.workbook.worksheets.getItemOrNullObject(ledgerName) : undefined;
  existingLedger?.load("isNullObject");
  const protections = queueProtectionRead(context, [], supports);
  await context.sync();
  if (!existing.isNullObject) {
    throw new TemplateWriteError(
      `工作表“${layout.sheetName}”已存在，未作任何修改。如需新的空白模板，请先将原工作表改名或删除后再生成；单位填好返回的考核表请用“导入回收表”导入（按当前版式写入并保留所填数据）。`,
    );
  }
  if (existingLedger && !existingLedger.isNullObject) {
    throw new TemplateWriteError(`工作表“${ledgerName}”已存在，未作任何修改。它是“${layout.sheetName}”的双公示台账：请先将其改名或删除后再生成。`);
  }
  protections.check({ changesSheets: true });
  const ws = context.workbook.worksheets.add(layout.sheetName);
  let written = layout;
  try {
    written = (await beforeWrite?.(context, ws)) ?? layout;
    const skipped = queueLayout(context, ws, written, supports);
    // The 双公示台账 beside it, in the same request (its formulas filled down: a few hundred KB).
    if (written.ledger) for (const s of queueSheetDoc(context.workbook.worksheets.add(written.ledger.name), written.ledger, supports)) if (!skipped.includes(s)) skipped.push(s);
    await context.sync();
    return { sheetName: layout.sheetName, skipped, regenerated: false, variant: written.variant };
  } catch (e) {
    // A failed batch stops at the failing operation: what ran before it stays, so the new sheets may exist
    // half-written (no protection, no names). They were created by this call (they did not exist above): remove them.
    await removeSheetIfPresent(context, layout.sheetName);
    if (ledgerName !== undefined) await removeSheetIfPresent(context, ledgerName);
    if (e instanceof TemplateWriteError || !(typeof e === "object" && e !== null && "code" in e)) throw e;
    throw writeFailed(e, `写入工作表“${layout.sheetName}”`, "该工作表没有生成");
  }
}

/**
 * Regenerates a filled template sheet with the current layout, keeping every value the unit typed
 * (read by the CR_* names), or throws a TemplateWriteError saying why and changes nothing. The new sheet
 * is written whole as a draft, then swapped in for the old one (run.ts swapIn): a failure at any point
 * leaves the old sheet as it was (or, at the very end, set aside under another name, said in `skipped`).
 * Four syncs.
 */
export async function regenerateTemplate(
  context: Excel.RequestContext,
  catalog: Catalog,
  sheetName: string,
  variant: Variant,
  supports: Supports = officeSupports(),
): Promise<WriteReport & { layout: TemplateLayout }> {
  const old = context.workbook.worksheets.getItemOrNullObject(sheetName);
  old.load("isNullObject");
  const sheetNames = old.names;
  sheetNames.load("items/name,items/value");
  const bookNames = context.workbook.names;
  bookNames.load("items/name,items/value");
  const used = old.getUsedRange(true);
  used.load("address,values");
  const protections = queueProtectionRead(context, [], supports);
  await context.sync();
  if (old.isNullObject) throw new TemplateWriteError(`找不到工作表“${sheetName}”，未作任何修改。`);

  // Names on the sheet (written by the add-in) or in the workbook pointing at it (an xlsx from the CLI),
  // resolved like every reader does (src/read/resolve.ts): a sheet-scoped name wins, and the cells are
  // read relative to the used range's own address (it need not start at A1).
  const filled = readFilled(officeSheetCells(sheetName, bookNames.items, sheetNames.items, { address: used.address, values: used.values }), [catalog]);
  // A sheet of the office's own workbook: its 核定 cells are backed by the 核定记录 and are kept.
  const r = regenerate(filled, catalog, { variant, keepVerification: true });
  if (!r.ok) throw new TemplateWriteError(r.reason);
  const layout = r.layout!;
  if (layout.sheetName !== sheetName) throw new TemplateWriteError(`工作表名“${sheetName}”与单位名称“${r.unit}”不一致，未作任何修改。`);
  protections.check({ changesSheets: true });

  const draftName = `${sheetName.slice(0, 22)}（新${Date.now() % 100}）`;
  const ws = context.workbook.worksheets.add(draftName);
  const skipped = queueLayout(context, ws, layout, supports);
  let left: string[];
  try {
    await context.sync();
    left = await swapIn(context, [{ name: sheetName, draft: ws, draftName, existed: true }]);
  } catch (e) {
    await removeSheetIfPresent(context, draftName);
    throw writeFailed(e, `重新生成工作表“${sheetName}”`, "原工作表保持原样");
  }
  for (const n of left) skipped.push(`原工作表已改名为“${n}”，未能删除（新表已写好），可在确认后自行删除`);
  return { sheetName, skipped, regenerated: true, layout, variant: layout.variant };
}

/** Builds and writes a fresh template for one unit (the task pane's 生成模板). */
export async function addUnitTemplate(
  context: Excel.RequestContext,
  catalog: Catalog,
  unit: string,
  variant: Variant = "addin",
  supports?: Supports,
  beforeWrite?: BeforeWrite,
  ledger = false,
): Promise<WriteReport> {
  const can = supports ?? officeSupports();
  // The 双公示台账 is written where its formulas can be filled down (Range.autoFill, ExcelApi 1.9); elsewhere
  // the two counts are plain inputs, as in a sheet made before the ledger.
  const fills = can("ExcelApi", "1.9");
  const layout = buildTemplateLayout(catalog, { name: unit }, { variant, ledger: ledger && fills });
  const report = await writeTemplate(context, layout, can, beforeWrite);
  if (ledger && !fills) report.skipped.push("双公示台账（需要 ExcelApi 1.9，两个“双公示”条数由单位直接填写）");
  return report;
}

/** The pane's 生成模板 for one unit: one Excel.run (its two syncs), with the unit's 双公示台账 unless `ledger` is false. */
export function generateUnitTemplate(catalog: Catalog, unit: string, variant: Variant, beforeWrite?: BeforeWrite, ledger = true): Promise<WriteReport> {
  return runExcel((context) => addUnitTemplate(context, catalog, unit, variant, undefined, beforeWrite, ledger));
}
