/*
 * CreditActions over Office.js: the glue between the pane and the workbook modules in src/office/
 * (template writer, import, 提交前检查, 核定, 汇总), which do every Office.js call. The glue adapts their
 * exports to the pane's interface (Chinese ActionErrors), checks cancellation between items and reports progress.
 * Every action is wired to its Office module; nothing ever pretends to have worked.
 */
import { DEFAULT_FEEDBACK_TERMS, expectedUnits, getCatalog, UNIT_KIND_LABEL, unitsOf, weightProblem, workingYear } from "../core/index";
import { sheetNameOf, templateFileName } from "../core/fileNames";
import { checkActiveSheet as officeCheckActiveSheet, showCell } from "../office/check";
import { throwIfAborted } from "../office/abort";
import { NOT_REGISTERED, probeInSheet, type Registration } from "../office/probe";
import { importWorkbooks, type ImportFile, type ImportResult } from "../office/import";
import { listUnitSheets as officeListUnitSheets, readClause as officeReadClause, recordVerification as officeRecordVerification, VerificationError } from "../office/verify";
import { buildSummary as officeBuildSummary } from "../office/summary";
import { confirmUnattended as officeConfirmUnattended, makeReviewSheet as officeMakeReviewSheet, recordReviewSheet as officeRecordReviewSheet, RecordError, reviewProgress as officeReviewProgress, type RecordOutcome, type UnitProgress } from "../office/record";
import { makeFeedbackSheets } from "../office/feedback";
import { generateUnitTemplate, TemplateWriteError, type BeforeWrite } from "../office/templateWriter";
import { checkPlatformSheet, crossCheckPlatform, makePlatformSheet } from "./platformActions";
import { oneSheetWorkbook, OneSheetError, zipOf } from "../office/oneSheet";
import { REPORT_ONLY_SUFFIX, SUMMARY_SHEET } from "../review/summaryGrid";
import { canOpenAsWorkbook, openAsWorkbook, UnitFilesError, workbookBytes } from "../office/unitFiles";
import {
  ActionError,
  isPlainChinese,
  type CreditActions,
  type FeedbackRequest,
  type FeedbackSheetsResult,
  type GenerateRequest,
  type CheckResult,
  type ClauseState,
  type GenerateResult,
  type ImportFileResult,
  type RunOptions,
  type SheetProblem,
  type SummaryRequest,
  type SummaryResult,
  type FileToSave,
  type UnitFile,
  type UnitFilesRequest,
  type UnitFilesResult,
  type UnitSheet,
  type VerificationRequest,
  type VerificationResult,
  type BulkRecordResult,
  type ReviewProgress,
  type UnitProgressView,
  type ReviewSheetResult,
} from "./actions";

const A1 = /^\$?[A-Z]{1,3}\$?[1-9]\d{0,6}(:\$?[A-Z]{1,3}\$?[1-9]\d{0,6})?$/;

function requireExcel(): void {
  if (typeof Excel === "undefined" || typeof Excel.run !== "function") {
    throw new ActionError("未在 Excel 中运行，无法操作工作簿。", "请在 Excel（Microsoft 365、2021 及以上或网页版）中打开本加载项。");
  }
}

async function listUnitSheets(): Promise<UnitSheet[]> {
  requireExcel();
  return officeListUnitSheets();
}

async function readClause(sheet: string, clauseId: string): Promise<ClauseState> {
  requireExcel();
  return officeReadClause(sheet, clauseId);
}

async function goToCell(sheet: string, address: string): Promise<void> {
  requireExcel();
  const cell = address.trim().toUpperCase();
  if (cell && !A1.test(cell)) {
    throw new ActionError(`“${address}”不是有效的单元格地址。`, "请在工作表中手动找到该单元格。");
  }
  await showCell(sheet, cell);
}

/** The year whose member lists the check and summary expect (the year summary.ts assesses by default). */
const DEFAULT_LIST_YEAR = workingYear();

/**
 * One Excel.run per unit (the writer reads once and writes once): a cancel takes effect between units, so
 * every template is written whole or not at all. A sheet that already exists is skipped with the writer's
 * reason; any other error stops the run and is shown (the finished templates stay).
 */
async function generateTemplates(request: GenerateRequest, options: RunOptions = {}): Promise<GenerateResult> {
  requireExcel();
  let catalog;
  try {
    catalog = getCatalog(request.year, request.kind);
  } catch (error) {
    throw new ActionError((error as Error).message, "请选择加载项支持的考核年度和单位类型。");
  }
  // Formulas naming CREDIT.* written before the functions are registered may never bind: Excel is asked once,
  // in the first sheet written (src/office/probe.ts); a run that only skips existing sheets asks nothing.
  // Absent: the template is written all the same — its CREDIT.* formulas are inside IFERROR with the native
  // formulas as fallback, so it scores the same without the add-in — and the user is told (NOT_REGISTERED).
  let registration: Registration | undefined;
  const beforeWrite: BeforeWrite | undefined =
    request.variant === "addin"
      ? async (context, ws) => {
          registration ??= await probeInSheet(context, ws);
        }
      : undefined;
  const result: GenerateResult = { sheets: [], skipped: [], notes: [] };
  const total = request.units.length;
  for (let i = 0; i < total; i++) {
    throwIfAborted(options.signal);
    const unit = request.units[i];
    options.onProgress?.({ done: i, total, label: unit });
    try {
      const report = await generateUnitTemplate(catalog, unit, request.variant, beforeWrite, request.ledger ?? true);
      result.sheets.push(report.sheetName);
      for (const note of report.skipped) result.notes!.push({ unit, note });
    } catch (error) {
      if (error instanceof TemplateWriteError) result.skipped.push({ unit, reason: error.message });
      else throw error;
    }
  }
  options.onProgress?.({ done: total, total, label: "" });
  if (registration === "absent") result.unregistered = { message: NOT_REGISTERED.message, hint: NOT_REGISTERED.hint };
  return result;
}

/** The workbook as Excel saves it (getFileAsync, office/unitFiles.ts); its failures in the pane's words. */
async function savedWorkbook(): Promise<Uint8Array> {
  requireExcel();
  try {
    return await workbookBytes();
  } catch (error) {
    if (error instanceof UnitFilesError) throw new ActionError(`${error.message}。`, error.next);
    throw error;
  }
}

/** The workbook as Excel saves it, read once, then one single-sheet file per unit (cancel between units). */
async function unitFiles(request: UnitFilesRequest, options: RunOptions = {}): Promise<UnitFilesResult> {
  const book = await savedWorkbook();
  const files: UnitFile[] = [];
  const total = request.units.length;
  for (let i = 0; i < total; i++) {
    throwIfAborted(options.signal);
    const unit = request.units[i];
    options.onProgress?.({ done: i, total, label: unit });
    try {
      files.push({ unit, fileName: templateFileName(unit, request.year, request.kind), bytes: oneSheetWorkbook(book, sheetNameOf(unit)) });
    } catch (error) {
      if (error instanceof OneSheetError) throw new ActionError(`未能分出“${unit}”的文件：${error.message}。`, "请确认该单位的工作表没有改名或删除；可先保存工作簿再试。");
      throw error;
    }
  }
  options.onProgress?.({ done: total, total, label: "" });
  const zip = zipOf(files.map((f) => ({ name: f.fileName, bytes: f.bytes })));
  return { files, zip: { fileName: `考核表-${request.year}-${UNIT_KIND_LABEL[request.kind]}.zip`, bytes: zip } };
}

/**
 * The 汇总 sheet alone, cut out of the workbook as Excel saves it (getFileAsync, as for the unit files): the
 * report the 市委考评办 receives, named as the command line names its report-only file (汇总-报送.xlsx). One
 * sheet in the file, so the footer's “共 &N 页” counts the report's pages only.
 */
async function reportFile(): Promise<FileToSave> {
  const book = await savedWorkbook();
  try {
    return { fileName: `${SUMMARY_SHEET}${REPORT_ONLY_SUFFIX}.xlsx`, bytes: oneSheetWorkbook(book, SUMMARY_SHEET) };
  } catch (error) {
    if (error instanceof OneSheetError) throw new ActionError(`未能分出报送用的汇总表：${error.message}。`, `请先点“生成汇总”（汇总表是名为“${SUMMARY_SHEET}”的工作表，不要改名），再试一次。`);
    throw error;
  }
}

async function openFile(file: FileToSave): Promise<void> {
  requireExcel();
  try {
    await openAsWorkbook(file.bytes);
  } catch (error) {
    if (error instanceof UnitFilesError) throw new ActionError(`${error.message}。`, error.next);
    throw new ActionError(`Excel 未能打开“${file.fileName}”。`, "请改用“下载”保存该文件，或按手工步骤另存。");
  }
}

async function checkActiveSheet(): Promise<CheckResult> {
  requireExcel();
  const r = await officeCheckActiveSheet({ expected: expectedUnits(DEFAULT_LIST_YEAR) });
  return {
    sheet: r.sheet,
    unit: r.unit,
    problems: r.problems.map((p) => ({ sheet: p.sheet, address: p.address, message: p.message, severity: p.severity })),
  };
}

async function buildSummary(request: SummaryRequest, options: RunOptions = {}): Promise<SummaryResult> {
  requireExcel();
  const problem = weightProblem(request.weight);
  if (problem) throw new ActionError(`${problem}。`, "请填写市委考评办确定的本项分值后再生成汇总。");
  const r = await officeBuildSummary({
    weight: request.weight,
    expected: expectedUnits(DEFAULT_LIST_YEAR),
    signal: options.signal,
    onProgress: (done, total) => options.onProgress?.({ done, total, label: "" }),
  });
  return { sheet: r.sheet, units: r.units, withProblems: r.withProblems };
}

/** A File chosen in the pane → base64, read in the pane (no upload anywhere). */
function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(new ActionError(`无法读取文件“${file.name}”。`, "请确认文件没有被其他程序占用，然后重试。"));
    reader.readAsDataURL(file);
  });
}

const toSheetProblem = (p: SheetProblem): SheetProblem => ({ sheet: p.sheet, address: p.address, message: p.message, severity: p.severity });

/** What to ask the unit when its file cannot be opened at all. */
export const DAMAGED_FILE =
  "未导入：文件已损坏或不是 .xlsx 工作簿。请单位用 Excel 打开自己的考核表，文件 → 另存为，类型选“Excel 工作簿 (*.xlsx)”后重发（打不开时请重新填写下发的模板）。";

/** An import refusal for the clerk: a damaged file says what to ask the unit; no library text gets through. */
export function rejectedMessage(reason: string): string {
  if (/损坏|不是有效的 ?xlsx|zip|central directory/i.test(reason)) return DAMAGED_FILE;
  // Library text in brackets ("（Cannot read …）") is dropped; a reason that is library text altogether is not shown.
  let plain = reason;
  for (let before = ""; before !== plain; ) {
    before = plain; // innermost brackets first, until nothing changes
    plain = plain.replace(/[（(][^（）()]*[)）]/g, (part) => (isPlainChinese(part) || !/[A-Za-z]{3,}/.test(part) ? part : ""));
  }
  plain = plain.replace(/[。\s]+$/, "");
  if (!isPlainChinese(plain)) return "未导入：文件不是本加载项下发的考核表，或其内容无法识别。请单位在下发的模板中重新填写后再发送；仍有问题请把文件发给市信用办查看。";
  return `未导入：${plain}。`;
}

function importResults(r: ImportResult): ImportFileResult[] {
  return [
    ...r.imported.map((x) => ({
      file: x.file,
      ok: true,
      sheet: x.sheet,
      message: `已导入到工作表“${x.sheet}”（${x.unit}）${x.note ? `；${x.note}` : ""}${x.problems.length ? `；发现 ${x.problems.length} 个问题，请核定时查看` : ""}`,
      problems: x.problems.map(toSheetProblem),
    })),
    ...r.rejected.map((x) => ({ file: x.file, ok: false, message: rejectedMessage(x.reason), problems: [] })),
  ];
}

/**
 * Files are read here and validated by import.ts before the workbook is touched; each file is written in
 * one batch, so a cancel (checked between files) leaves no half-written sheet.
 */
async function importFiles(files: File[], options: RunOptions = {}): Promise<ImportFileResult[]> {
  requireExcel();
  const encoded: ImportFile[] = [];
  for (const f of files) {
    throwIfAborted(options.signal);
    encoded.push({ name: f.name, base64: await fileToBase64(f) });
  }
  const r = await importWorkbooks(encoded, {
    signal: options.signal,
    onProgress: (done, total) => options.onProgress?.({ done, total, label: encoded[done]?.name ?? "" }),
    expected: expectedUnits(DEFAULT_LIST_YEAR),
  });
  return importResults(r);
}

async function makeFeedback(request: FeedbackRequest): Promise<FeedbackSheetsResult> {
  requireExcel();
  return makeFeedbackSheets(request.year, { ...DEFAULT_FEEDBACK_TERMS, days: request.days, contact: request.contact.trim(), phone: request.phone.trim() });
}

async function recordVerification(request: VerificationRequest): Promise<VerificationResult> {
  requireExcel();
  try {
    const r = await officeRecordVerification(request);
    return { from: r.from, to: r.to, note: r.note };
  } catch (error) {
    if (error instanceof VerificationError) throw new ActionError(`核定未保存：${error.message}。`, "请更正后再保存；工作簿没有改动。");
    throw error;
  }
}

const progressView = (u: UnitProgress): UnitProgressView => ({ unit: u.unit, sheet: u.sheet, status: u.status, clauses: u.clauses, verified: u.verified, stale: u.stale, attention: u.attention });
const bulkResult = (r: RecordOutcome): BulkRecordResult => ({ recorded: r.recorded, already: r.already, issues: r.issues, stale: r.stale, units: r.units.map(progressView), note: r.note });
const recordOptions = () => ({ year: DEFAULT_LIST_YEAR, expected: expectedUnits(DEFAULT_LIST_YEAR) });

/** The 核定 in bulk: a refusal explained (nothing recorded) becomes an ActionError with the next step. */
async function bulk(work: () => Promise<RecordOutcome>): Promise<BulkRecordResult> {
  requireExcel();
  try {
    return bulkResult(await work());
  } catch (error) {
    if (error instanceof RecordError) throw new ActionError(`核定未记录：${error.message.replace(/[。；]$/, "")}。`, "这次点击没有记录任何核定；按上面的说明处理后再点一次（已记录的不会重复记录）。");
    throw error;
  }
}

async function makeReviewSheet(): Promise<ReviewSheetResult> {
  requireExcel();
  try {
    const r = await officeMakeReviewSheet(recordOptions());
    const left = r.left.map((n) => `原核定表未能删除，已改名为“${n}”，可自行删除`);
    return { rows: r.rows, attention: r.attention, kept: r.kept, unmatched: r.unmatched, refreshed: r.refreshed, platform: r.platform, skipped: [...r.skipped, ...left] };
  } catch (error) {
    if (error instanceof RecordError) throw new ActionError(`${error.message.replace(/[。；]$/, "")}。`, "核定表没有改动；按上面的说明处理后再点一次。");
    throw error;
  }
}

async function reviewProgress(): Promise<ReviewProgress> {
  requireExcel();
  try {
    const r = await officeReviewProgress(recordOptions());
    return { units: r.units.map(progressView), hasSheet: r.hasSheet, rows: r.rows, typed: r.typed, recordProblems: r.recordProblems };
  } catch (error) {
    if (error instanceof RecordError) throw new ActionError(`${error.message}。`, "请按说明处理后再打开核定。");
    throw error;
  }
}

export function createOfficeActions(): CreditActions {
  return {
    async listUnits(kind, year) {
      // The year's lists (src/core/years/<year>/); an empty list makes the pane ask the user to type the units.
      return [...unitsOf(year)[kind]];
    },
    generateTemplates,
    unitFiles,
    reportFile,
    canOpenFiles: canOpenAsWorkbook,
    openFile,
    checkActiveSheet,
    importFiles,
    listUnitSheets,
    readClause,
    recordVerification,
    reviewProgress,
    makeReviewSheet,
    recordReviewSheet: (request) => bulk(() => officeRecordReviewSheet({ ...recordOptions(), defaultReviewer: request.defaultReviewer })),
    confirmUnattended: (request) => bulk(() => officeConfirmUnattended(request.reviewer, recordOptions())),
    buildSummary,
    goToCell,
    makePlatformSheet,
    checkPlatformSheet,
    crossCheckPlatform,
    makeFeedback,
  };
}
