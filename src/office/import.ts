// 导入回收表: returned workbooks chosen by the user become unit sheets of the open workbook.
//
// Every file is read and validated in the task pane (src/read/) BEFORE the workbook is touched: not xlsx,
// corrupt, not our template, another layout version, another year, the wrong form for the unit — each
// rejected with a Chinese reason and nothing written. A valid file is then written in one Excel.run.
//
// Default method "values": the unit's typed values (read by their CR_* names) are written into a fresh
// template sheet built by the template layout and the Office template writer — the same CR_* names, formulas
// and protection as a generated template, on every Excel that has named items (ExcelApi 1.4). The file's own
// formulas are not carried over; their tampering is reported at import time (problems) instead.
// Method "insert" (ExcelApi 1.13, opt-in): insertWorksheetsFromBase64 copies the sheet as the unit saved it.
// It is not the default because Excel on the web rejects sheets with charts/comments and defined names can
// arrive as #REF!; the inserted sheet is verified by reading its CR_* names back and, when they do not hold
// the values the file holds, it is deleted and the file is imported by values instead.
//
// Same unit already in the workbook: never overwritten. The new sheet gets a free name ("兴山区 (2)") and
// a note says so; the 汇总 then flags the unit's two sheets until the office deletes the old one.
// Cancel: checked between files; a file is written in one batch, so no half-written sheet remains.
import { abortError } from "./abort";
import { removeSheetIfPresent, runExcel } from "./run";
import { dateToSerial, readFilled, UNIT_KIND_LABEL, unitsOf, workingYear, type Filled, type UnitKind } from "../core/index";
import { regenerate } from "../layout/regenerate";
import { names } from "../core/names";
import type { TemplateLayout, Variant } from "../layout/template/types";
import { readWorkbookBytes, WorkbookReadError } from "../read/index";
import { officeSheetCells } from "../read/resolve";
import type { ReviewProblem, SheetCells } from "../review/types";
import { identify } from "../review/identity";
import { reviewUnit } from "../review/unit";
import { officeSupports, type Supports } from "./common";
import { TemplateWriteError, writeTemplate } from "./templateWriter";

export interface ImportFile {
  name: string;
  /** The file's bytes in base64 (a data: URL prefix is accepted). */
  base64: string;
}

export interface ImportOptions {
  signal?: AbortSignal;
  onProgress?(done: number, total: number): void;
  /** "values" (default) or "insert" (insertWorksheetsFromBase64 where ExcelApi 1.13 is supported). */
  method?: "values" | "insert";
  /** Assessment year the files must be for (default: the latest catalog year). */
  year?: number;
  /** Member units by kind, to catch a 县区 on the 市直部门 form and vice versa. */
  expected?: Partial<Record<UnitKind, readonly string[]>>;
  supports?: Supports;
  /**
   * Formulas of the written sheets, asked once, before the first write (after the files are validated):
   * "addin" (default: CREDIT.* with native fallback) or "portable" (e.g. the CREDIT.* functions are not
   * registered). The answer may come with a note for every imported file.
   */
  variant?: () => Promise<{ variant: Variant; note?: string }>;
}

export interface ImportedSheet {
  file: string;
  sheet: string;
  unit: string;
  method: "values" | "insert";
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
    read = readWorkbookBytes(bytes);
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

/** Values path: a fresh template sheet holding the unit's values. Two syncs (the writer's). */
async function writeValues(p: Prepared, sheetName: string, supports: Supports): Promise<void> {
  const layout: TemplateLayout = { ...p.layout, sheetName };
  await runExcel((context) => writeTemplate(context, layout, supports));
}

/** Best effort after an Office error: remove a sheet this import may have left half-written. */
async function removeSheet(sheetName: string): Promise<void> {
  // The error that caused it is reported; if even the batch cannot start, nothing more can be done.
  await runExcel((context) => removeSheetIfPresent(context, sheetName)).catch(() => undefined);
}

/**
 * Insert path: insertWorksheetsFromBase64, then every CR_* name of the file is read back and compared with
 * the value the file holds. Returns the inserted sheet's name, or undefined after deleting it (fall back).
 * Two syncs, three when the inserted sheet must be removed again.
 */
async function insertSheet(p: Prepared): Promise<{ sheet: string } | undefined> {
  return runExcel(async (context) => {
    const wb = context.workbook;
    const inserted = wb.insertWorksheetsFromBase64(p.base64.replace(/^data:[^,]*;base64,/, ""), { sheetNamesToInsert: [p.cells.sheet], positionType: "End" });
    await context.sync();
    // The result is "an array of IDs corresponding to each newly inserted worksheet" (Excel.Workbook
    // reference, insertWorksheetsFromBase64), not names; worksheets.getItem takes "the name or ID of the
    // worksheet" (WorksheetCollection.getItem). The sheet's name is loaded with its names, in the same sync.
    const sheetId = inserted.value[0];
    if (!sheetId) return undefined;
    const ws = wb.worksheets.getItem(sheetId);
    ws.load("name");
    const sheetNames = ws.names;
    sheetNames.load("items/name,items/value");
    const bookNames = wb.names;
    bookNames.load("items/name,items/value");
    const used = ws.getUsedRange(true);
    used.load("address,values");
    await context.sync();
    const sheetName = ws.name;
    // The inserted sheet's names, resolved like every reader does (src/read/resolve.ts).
    const readBack = officeSheetCells(sheetName, bookNames.items, sheetNames.items, { address: used.address, values: used.values });
    const same = (a: unknown, b: unknown) => {
      const norm = (v: unknown) => (v === null || v === undefined ? "" : v instanceof Date ? dateToSerial(v) : v);
      const x = norm(a);
      const y = norm(b);
      return x === y || (typeof x === "number" && typeof y === "number" && Math.abs(x - y) < 1e-9);
    };
    const ok = [...p.cells.names].every(([name, cell]) => {
      if (cell.formula !== undefined) return true; // recalculated on insert: only typed values must match
      const now = readBack.names.get(name);
      return now !== undefined && same(now.value, cell.value);
    });
    if (ok) return { sheet: sheetName };
    ws.delete();
    await context.sync();
    return undefined;
  });
}

/**
 * Imports returned workbooks. Files are validated first and rejected with a reason without touching the
 * workbook; valid ones are written one Excel.run each. Throws AbortError (with `partial`) when cancelled.
 */
export async function importWorkbooks(files: ImportFile[], opts: ImportOptions = {}): Promise<ImportResult> {
  const supports = opts.supports ?? officeSupports();
  const year = opts.year ?? workingYear();
  const expected: Record<UnitKind, readonly string[]> = { county: opts.expected?.county ?? unitsOf(year).county, department: opts.expected?.department ?? [] };
  const result: ImportResult = { imported: [], rejected: [] };
  const cancel = () => {
    if (opts.signal?.aborted) throw Object.assign(abortError(), { partial: result });
  };
  if (!supports("ExcelApi", "1.4")) {
    for (const f of files) result.rejected.push({ file: f.name, reason: "当前 Excel 版本不支持定义名称（需要 ExcelApi 1.4），无法导入考核表；请使用 Microsoft 365、Excel 2021 及以上或网页版" });
    return result;
  }
  const useInsert = opts.method === "insert" && supports("ExcelApi", "1.13");
  let taken: Set<string> | undefined;
  let chosen: { variant: Variant; note?: string } | undefined;
  let done = 0;
  for (const file of files) {
    cancel();
    const p = await prepare(file, year, expected);
    if (typeof p === "string") {
      result.rejected.push({ file: file.name, reason: p });
    } else {
      cancel(); // reading a big file takes a moment: honour a cancel pressed meanwhile, before any write
      chosen ??= (await opts.variant?.()) ?? { variant: "addin" };
      if (chosen.variant !== p.layout.variant) {
        const again = regenerate(p.filled, p.filled.catalog!, { variant: chosen.variant, unit: p.unit });
        if (again.ok) p.layout = again.layout!;
      }
      taken ??= await sheetNamesOfWorkbook();
      const sheet = freeSheetName(p.layout.sheetName, taken);
      const note = sheet !== p.layout.sheetName ? `工作簿中已有工作表“${p.layout.sheetName}”，本文件导入为“${sheet}”（原表未改动；汇总会提示同一单位有两份表格，请核对后删除其一）` : undefined;
      const unitLabel = `${p.unit}（${UNIT_KIND_LABEL[p.layout.kind]}）`;
      try {
        let inserted: { sheet: string } | undefined;
        // A rejected insert (charts/comments on the web, 5 MB) inserts nothing: import by values instead.
        // A file with 核定 cells filled by the unit is never inserted as saved: by values they are not copied.
        const forged = p.problems.some((x) => x.kind === "核定");
        if (useInsert && !forged) inserted = await insertSheet(p).catch(() => undefined);
        if (inserted) {
          taken.add(inserted.sheet);
          result.imported.push({ file: file.name, sheet: inserted.sheet, unit: p.unit, method: "insert", problems: p.problems, note });
        } else {
          await writeValues(p, sheet, supports);
          taken.add(sheet);
          const fellBack = useInsert ? "直接插入后定义名称未能保留，已改为按数值导入" : undefined;
          result.imported.push({ file: file.name, sheet, unit: p.unit, method: "values", problems: p.problems, note: [note, fellBack, chosen.note].filter(Boolean).join("；") || undefined });
        }
      } catch (e) {
        if (e instanceof TemplateWriteError) {
          result.rejected.push({ file: file.name, reason: e.message });
        } else {
          await removeSheet(sheet);
          const code = typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined;
          result.rejected.push({ file: file.name, reason: `写入${unitLabel}的工作表时 Excel 报错${typeof code === "string" ? `（${code}）` : ""}，该文件未导入` });
        }
      }
    }
    opts.onProgress?.(++done, files.length);
  }
  return result;
}
