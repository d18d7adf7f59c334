// 导入回收表: returned workbooks chosen by the user become unit sheets of the open workbook.
//
// Every file is read and validated in the task pane (src/read/) BEFORE the workbook is touched: not xlsx,
// corrupt, not our template, another layout version, another year, the wrong form for the unit — each
// rejected with a Chinese reason and nothing written. A valid file is then written in one Excel.run.
//
// The unit's typed values (read by their CR_* names) are written into a fresh template sheet built by the
// template layout and the Office template writer — the same CR_* names, formulas and protection as a
// generated template, on every Excel that has named items (ExcelApi 1.4). The file's own formulas are not
// carried over; their tampering is reported at import time (problems) instead. The file's sheet is never
// inserted as saved (Workbook.insertWorksheetsFromBase64): its workbook-scoped CR_* names arrive as
// "=#REF!$…" (office-js #3583) or are corrupted after the workbook is reopened (office-js #4772), which no
// check at import time can catch — and the names are what every reader and the 汇总 rely on.
// The first sheet written asks Excel whether the CREDIT.* functions are registered (src/office/probe.ts);
// if not, every sheet of the run gets the native formulas (same scores) and a note says so.
//
// Same unit already in the workbook: never overwritten. The new sheet gets a free name ("兴山区 (2)") and
// a note says so; the 汇总 then flags the unit's two sheets until the office deletes the old one.
// Cancel: checked between files; a file is written in one batch, so no half-written sheet remains.
import { abortError } from "./abort";
import { runExcel } from "./run";
import { expectedUnits, readFilled, workingYear, type Filled, type UnitKind } from "../core/index";
import { regenerate } from "../layout/regenerate";
import { names } from "../core/names";
import type { TemplateLayout, Variant } from "../layout/template/types";
import { readWorkbookBytes, WorkbookReadError } from "../read/index";
import { placementFor } from "../layout/placement";
import type { ReviewProblem, SheetCells } from "../review/types";
import { identify } from "../review/identity";
import { reviewUnit } from "../review/unit";
import { officeSupports, type Supports } from "./common";
import { probeInSheet, type Registration } from "./probe";
import { WriteError } from "./protection";
import { TemplateWriteError, writeTemplate } from "./templateWriter";

export interface ImportFile {
  name: string;
  /** The file's bytes in base64 (a data: URL prefix is accepted). */
  base64: string;
}

export interface ImportOptions {
  signal?: AbortSignal;
  onProgress?(done: number, total: number): void;
  /** Assessment year the files must be for (default: the latest catalog year). */
  year?: number;
  /** Member units by kind, to catch a 县区 on the 市直部门 form and vice versa. */
  expected?: Partial<Record<UnitKind, readonly string[]>>;
  supports?: Supports;
}

export interface ImportedSheet {
  file: string;
  sheet: string;
  unit: string;
  /** Problems the review found in the file (missing data, tampering…): imported, but to be looked at. */
  problems: ReviewProblem[];
  /** E.g. the sheet was renamed because the unit already has one. */
  note?: string;
}

export interface ImportResult {
  imported: ImportedSheet[];
  rejected: { file: string; reason: string }[];
}

/** A validated file, ready to write. */
interface Prepared {
  file: string;
  base64: string;
  cells: SheetCells;
  /** The sheet as parsed once (src/core/filled.ts): what the review scored is what is written. */
  filled: Filled;
  unit: string;
  layout: TemplateLayout;
  problems: ReviewProblem[];
}

/** Strict base64 → bytes; undefined when the text is not base64 at all. */
export function decodeBase64(text: string): Uint8Array | undefined {
  const b64 = text.replace(/^data:[^,]*;base64,/, "").replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 === 1) return undefined;
  try {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

/** Reads and validates one file; a string is the Chinese reason it is rejected. Pure: no workbook access. */
async function prepare(file: ImportFile, year: number, expected: Record<UnitKind, readonly string[]>): Promise<Prepared | string> {
  const bytes = decodeBase64(file.base64 ?? "");
  if (!bytes) return "文件内容无法读取（不是有效的 base64 数据）";
  // The same bounded reader as the command line's (src/read/).
  let read;
  try {
    // Names held to the layout's cells (src/core/placement.ts), as on the command line.
    read = readWorkbookBytes(bytes, undefined, { placement: placementFor() });
  } catch (e) {
    if (e instanceof WorkbookReadError) return e.message;
    return `文件已损坏或不是有效的 xlsx 工作簿，请在 Excel 中打开后重新另存为 .xlsx 再试`;
  }
  const templates = read.sheets.filter((s) => s.names.has(names.layoutVersion) || s.names.has(names.kind) || s.names.has(names.unit));
  if (!templates.length) return "不含考核模板工作表（没有 CR_ 定义名称），不是本加载项下发的考核模板";
  if (templates.length > 1) {
    return `含有 ${templates.length} 个考核表工作表（${templates.map((s) => `“${s.sheet}”`).join("、")}），请每个单位单独一个文件导入`;
  }
  const cells = templates[0];
  // One parse of the sheet: the review scores these answers and the import writes these same answers.
  const filled = readFilled(cells);
  const review = reviewUnit(cells, { year, expected, filled });
  // Blocking: not scorable (layout version, year, kind), the unit's form is the other kind, no unit name.
  const blocking = review.problems.find((p) => p.severity === "错误" && (p.kind === "版式" || p.kind === "单位"));
  if (!review.scorable || blocking) return (blocking ?? review.problems[0])?.message ?? `工作表“${cells.sheet}”无法计分`;
  // Identity (src/review/identity.ts): name, sheet name and file name agree on one member unit, or no import.
  const id = identify(review, { expected, source: file.name });
  const wrong = id.problems.find((p) => p.severity === "错误");
  if (id.apart || !id.member) return wrong?.message ?? id.apart ?? `工作表“${cells.sheet}”无法确认是哪个单位的表格`;
  review.problems.push(...id.problems);
  // The unit's 核定 cells are never copied (regenerate drops them); review.problems already reports them.
  const r = regenerate(filled, review.catalog!, { variant: "addin", unit: id.member });
  if (!r.ok) return r.reason;
  return { file: file.name, base64: file.base64, cells, filled, unit: id.member, layout: r.layout!, problems: review.problems };
}

/** "兴山区" or, when taken, "兴山区 (2)", "兴山区 (3)"… within Excel's 31 characters. */
export function freeSheetName(base: string, taken: ReadonlySet<string>): string {
  const lower = new Set([...taken].map((n) => n.toLowerCase())); // Excel sheet names are case-insensitive
  if (!lower.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const name = base.slice(0, 31 - suffix.length) + suffix;
    if (!lower.has(name.toLowerCase())) return name;
  }
}

async function sheetNamesOfWorkbook(): Promise<Set<string>> {
  return runExcel(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    await context.sync();
    return new Set(sheets.items.map((s) => s.name));
  });
}

/** The note on every sheet of a run written with the native formulas because CREDIT.* is not registered. */
export const PORTABLE_NOTE = "本机加载项的计分函数尚未注册，该表已改用通用公式（Excel 原生公式）写入，得分相同";

/**
 * A fresh template sheet holding the unit's values. Two syncs (the writer's), three for the first sheet of
 * a run, which probes the registration in the new sheet; `registration` carries the answer to later sheets.
 */
async function writeValues(p: Prepared, sheetName: string, supports: Supports, registration: { answer?: Registration }): Promise<Variant> {
  const addin: TemplateLayout = { ...p.layout, sheetName };
  const portable = (): TemplateLayout => {
    const again = regenerate(p.filled, p.filled.catalog!, { variant: "portable", unit: p.unit });
    return again.ok ? { ...again.layout!, sheetName } : addin;
  };
  const report = await runExcel((context) =>
    writeTemplate(context, addin, supports, async (ctx, ws) => {
      registration.answer ??= await probeInSheet(ctx, ws);
      return registration.answer === "absent" ? portable() : undefined;
    }),
  );
  return report.variant;
}

/**
 * Imports returned workbooks. Files are validated first and rejected with a reason without touching the
 * workbook; valid ones are written one Excel.run each. Throws AbortError (with `partial`) when cancelled.
 */
export async function importWorkbooks(files: ImportFile[], opts: ImportOptions = {}): Promise<ImportResult> {
  const supports = opts.supports ?? officeSupports();
  const year = opts.year ?? workingYear();
  const expected = expectedUnits(year, opts.expected);
  const result: ImportResult = { imported: [], rejected: [] };
  const cancel = () => {
    if (opts.signal?.aborted) throw Object.assign(abortError(), { partial: result });
  };
  if (!supports("ExcelApi", "1.4")) {
    for (const f of files) result.rejected.push({ file: f.name, reason: "当前 Excel 版本不支持定义名称（需要 ExcelApi 1.4），无法导入考核表；请使用 Microsoft 365、Excel 2021 及以上或网页版" });
    return result;
  }
  let taken: Set<string> | undefined;
  const registration: { answer?: Registration } = {};
  let done = 0;
  for (const file of files) {
    cancel();
    const p = await prepare(file, year, expected);
    if (typeof p === "string") {
      result.rejected.push({ file: file.name, reason: p });
    } else {
      cancel(); // reading a big file takes a moment: honour a cancel pressed meanwhile, before any write
      taken ??= await sheetNamesOfWorkbook();
      const sheet = freeSheetName(p.layout.sheetName, taken);
      const note = sheet !== p.layout.sheetName ? `工作簿中已有工作表“${p.layout.sheetName}”，本文件导入为“${sheet}”（原表未改动；汇总会提示同一单位有两份表格，请核对后删除其一）` : undefined;
      try {
        const variant = await writeValues(p, sheet, supports, registration);
        taken.add(sheet);
        result.imported.push({ file: file.name, sheet, unit: p.unit, problems: p.problems, note: [note, variant === "portable" && p.layout.variant !== "portable" ? PORTABLE_NOTE : undefined].filter(Boolean).join("；") || undefined });
      } catch (e) {
        // The workbook's structure is protected: no file can be imported; the user is told once, not per file.
        if (e instanceof WriteError && e.kind === "workbookStructure") throw Object.assign(e, { partial: result });
        if (e instanceof TemplateWriteError || e instanceof WriteError) result.rejected.push({ file: file.name, reason: e.message });
        else throw e;
      }
    }
    opts.onProgress?.(++done, files.length);
  }
  return result;
}
