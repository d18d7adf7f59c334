/*
 * The one interface between the task pane and the workbook. The pane (taskpane.ts, views) only calls these;
 * officeActions.ts implements them over Office.js and the modules in src/office/. Keeping it small lets the
 * pane be tested in a browser with the workbook side replaced, and lets the Office modules change freely.
 *
 * Every action rejects with an ActionError (Chinese message + what to do next) or an AbortError when the
 * user cancelled; describeError() turns anything else into plain Chinese, never a stack trace.
 */
import type { UnitKind } from "../core/index";
import type { ReviewProblem } from "../review/types";
import { isAbort } from "../office/abort";
import { WriteError } from "../office/protection";
import type { ClauseState, UnitSheet } from "../office/verify";
import type { ReviewSheetMade } from "../office/record";

export type { ClauseState, UnitSheet };

export interface Progress {
  /** Items finished so far (units, files). */
  done: number;
  total: number;
  /** What is being worked on now, e.g. the unit or file name. */
  label: string;
}

export interface RunOptions {
  /** Cancels between items: an item (one template, one file) is written whole or not at all. */
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

/** A problem in a sheet, one click away from its cell: the review's problem (src/review/types.ts), as much as the pane shows. */
export type SheetProblem = Pick<ReviewProblem, "sheet" | "address" | "message" | "severity">;

export interface GenerateRequest {
  year: number;
  kind: UnitKind;
  units: string[];
  /** "addin": CREDIT.* functions (default); "portable": native formulas that WPS and Excel without the add-in recompute. */
  variant: "addin" | "portable";
  /** Write each unit's 双公示台账 beside its sheet (default, as the command line's template); false: the short form. */
  ledger?: boolean;
}

export interface GenerateResult {
  /** Sheet names created, in order. */
  sheets: string[];
  /** Units not generated, with the reason (e.g. a filled sheet of that name exists). */
  skipped: { unit: string; reason: string }[];
  /** Generated, but parts this Excel cannot write were left out (e.g. "数据验证（需要 ExcelApi 1.8）"). */
  notes?: { unit: string; note: string }[];
  /** Excel answered that the CREDIT.* functions are not registered: the templates were written in their IFERROR form (they score the same); what to tell the user. */
  unregistered?: { message: string; hint: string };
}

/** A workbook made in the pane for the clerk to download or open and save: its file name and bytes. */
export interface FileToSave {
  fileName: string;
  bytes: Uint8Array;
}

/** One unit's workbook, cut from this workbook (src/office/oneSheet.ts), named as the command line names it. */
export interface UnitFile {
  unit: string;
  /** "兴山区-2022-县区.xlsx" (core/fileNames.ts) */
  fileName: string;
  bytes: Uint8Array;
}

export interface UnitFilesResult {
  files: UnitFile[];
  /** All of them in one .zip, "考核表-2022-县区.zip". */
  zip: { fileName: string; bytes: Uint8Array };
}

export interface UnitFilesRequest {
  year: number;
  kind: UnitKind;
  /** The units whose sheets (named by core's sheetNameOf) become files. */
  units: string[];
}

export interface CheckResult {
  sheet: string;
  /** The unit the sheet belongs to, when the sheet is a template. */
  unit?: string;
  problems: SheetProblem[];
}

export interface ImportFileResult {
  file: string;
  ok: boolean;
  /** Sheet the file's data went to. */
  sheet?: string;
  /** One Chinese sentence: what happened, or why nothing changed. */
  message: string;
  problems: SheetProblem[];
}

export interface VerificationRequest {
  sheet: string;
  clauseId: string;
  /** 核定扣分, 0 … the clause's deduction. */
  deduction: number;
  reason: string;
  reviewer: string;
  /** 核定 (default), 按平台数据 (accepting a 平台比对 proposal) or 复核 (a unit asked; decided again). */
  kind?: "核定" | "按平台数据" | "复核";
  /** The clause's fingerprint the 平台比对 was made on: refused when the unit's figures changed since. */
  basis?: string;
  /** 按平台数据: the fingerprint of the platform figures proposed (a later correction of the 平台数据 reopens the 核定). */
  platformBasis?: string;
}

export interface VerificationResult {
  /** Self-assessed deduction the reviewer overrode (undefined when the sheet had none). */
  from?: number;
  to: number;
  /** Saved, but something to tell (a sheet left unprotected). */
  note?: string;
}

/** A row of the 核定表 that was not recorded, one click from its 核定 cell. */
export interface ReviewRowIssue {
  /** The 核定表's row and 核定 cell, when the problem is about one row. */
  row?: number;
  address?: string;
  message: string;
}

/** A unit's way to 已核定, as the 核定 step lists it. */
export interface UnitProgressView {
  unit: string;
  sheet: string;
  status: "待核定" | "已核定" | "有问题";
  clauses: number;
  /** Clauses with an adopted 核定. */
  verified: number;
  /** Clauses whose 核定 was made on figures the unit has since changed (需重新核定). */
  stale: number;
  /** Clauses that need a person's look (不涉及, problems …). */
  attention: number;
}

export interface BulkRecordResult {
  /** Entries added to the 核定记录. */
  recorded: number;
  /** Decisions the 核定记录 already held (not recorded twice). */
  already: number;
  /** Rows not recorded, by row; 需重新核定 among them. */
  issues: ReviewRowIssue[];
  stale: number;
  units: UnitProgressView[];
  /** E.g. a sheet that could not be protected again (the 核定 are saved). */
  note?: string;
}

/** 生成核定表 / 更新核定表: what office/record.ts reports, less its sync count and the aside sheets it could not delete. */
export type ReviewSheetResult = Omit<ReviewSheetMade, "left" | "syncs">;

export interface ReviewProgress {
  units: UnitProgressView[];
  /** Whether the workbook has a 核定表, its rows and the rows with a 核定 typed. */
  hasSheet: boolean;
  rows: number;
  typed: number;
  /** Rows of the 核定记录 that cannot be used (in Chinese). */
  recordProblems: string[];
}

export interface SummaryRequest {
  /** 按比例计入的分值 (本项分值): score ÷ 100 × weight is carried into the overall assessment (core/weight.ts). */
  weight: number;
}

export interface SummaryResult {
  sheet: string;
  units: number;
  /** Units whose data has open problems. */
  withProblems: number;
}

/** 平台数据: the office's platform figures sheet, made in the workbook. */
export interface PlatformSheetResult {
  sheet: string;
  units: number;
  /** Figure columns (one per input the catalog's 平台调阅 clauses decide on). */
  columns: number;
  /** Features this Excel could not write (e.g. "数据验证与输入提示（需要 ExcelApi 1.8）"). */
  skipped: string[];
}

/** The 平台数据 sheet read back: who has figures, and every name or figure not used, one click from its cell. */
export interface PlatformCheckResult {
  sheet: string;
  /** Member units with at least one figure. */
  withFigures: string[];
  /** Member units listed but with no figure (not looked up). */
  blank: string[];
  problems: SheetProblem[];
}

/** 平台比对: one unit's clause where the platform's figures differ from the unit's (src/review/crossCheck.ts CrossRow). */
export interface CrossCheckRow {
  unit: string;
  sheet: string;
  clauseId: string;
  finding: "扣分不同" | "数据不同" | "无法判定";
  /** Self deduction, or the status when it cannot be decided. */
  self: number | string;
  /** The 核定扣分 proposed (按平台数据), when the platform decides the clause. */
  proposed?: number;
  /** A ready 核定说明. */
  reason: string;
  basis: string;
  /** The fingerprint of the platform figures the row shows (recorded with a 按平台数据). */
  platformBasis: string;
  /** The 核定 already recorded for the clause. */
  recorded?: { to: number; kind: string };
}

export interface CrossCheckResult {
  sheet: string;
  rows: CrossCheckRow[];
  /** Units compared (with platform figures and a sheet in the workbook). */
  checked: string[];
  notReturned: string[];
  noFigures: string[];
  /** Problems of the 平台数据 sheet (names or figures not used). */
  problems: SheetProblem[];
}

/** 结果反馈单: the 复核 terms the office sets (src/core/feedback.ts). */
export interface FeedbackRequest {
  year: number;
  /** Working days a unit has to ask for 复核. */
  days: number;
  contact: string;
  phone: string;
}

export interface FeedbackSheetsResult {
  written: { unit: string; sheet: string; score?: number; fullyVerified: boolean }[];
  skipped: { unit: string; reason: string }[];
  notes: string[];
}

export interface CreditActions {
  /** Default member units of a kind (县区 from the notice; 市直部门 from the office's list, may be empty). */
  listUnits(kind: UnitKind, year: number): Promise<string[]>;
  generateTemplates(request: GenerateRequest, options?: RunOptions): Promise<GenerateResult>;
  /** One file per unit sheet: the workbook as Excel saves it, cut into single-sheet workbooks. */
  unitFiles(request: UnitFilesRequest, options?: RunOptions): Promise<UnitFilesResult>;
  /** Whether openFile can work here (Excel.createWorkbook, ExcelApi 1.8). */
  canOpenFiles(): boolean;
  /** Opens a file as a new, unsaved workbook for the clerk to save under its name. */
  openFile(file: FileToSave): Promise<void>;
  /**
   * The report alone (issue 18 item 4): the 汇总 sheet cut out of the workbook as Excel saves it, like a unit's
   * file — no 工作记录, no 核定记录, so its printed page numbers count only its own pages.
   */
  reportFile(): Promise<FileToSave>;
  /** 提交前检查 of the sheet the user is on. */
  checkActiveSheet(): Promise<CheckResult>;
  importFiles(files: File[], options?: RunOptions): Promise<ImportFileResult[]>;
  listUnitSheets(): Promise<UnitSheet[]>;
  readClause(sheet: string, clauseId: string): Promise<ClauseState>;
  recordVerification(request: VerificationRequest): Promise<VerificationResult>;
  /** Each unit's way to 已核定 and the 核定表's state, read afresh. */
  reviewProgress(): Promise<ReviewProgress>;
  /** 生成核定表 (or 更新核定表 when there is one): one row per unit × clause, typed decisions kept. */
  makeReviewSheet(): Promise<ReviewSheetResult>;
  /** 记录核定: every filled row of the 核定表 at once; `defaultReviewer` for rows whose 核定人 is blank. */
  recordReviewSheet(request: { defaultReviewer: string }): Promise<BulkRecordResult>;
  /** 同意自评 of every row that needs no attention and has no 核定 yet. */
  confirmUnattended(request: { reviewer: string }): Promise<BulkRecordResult>;
  buildSummary(request: SummaryRequest, options?: RunOptions): Promise<SummaryResult>;
  /** Activates the sheet and selects the cell. */
  goToCell(sheet: string, address: string): Promise<void>;
  /** Adds the 平台数据 sheet of the year and kind (refused when it exists). */
  makePlatformSheet(year: number, kind: UnitKind): Promise<PlatformSheetResult>;
  /** Reads the 平台数据 sheet of the kind back. */
  checkPlatformSheet(year: number, kind: UnitKind): Promise<PlatformCheckResult>;
  /** 平台比对: the workbook's unit sheets against its 平台数据 sheet of the kind. */
  crossCheckPlatform(year: number, kind: UnitKind): Promise<CrossCheckResult>;
  /** One 结果反馈单 sheet per unit sheet of the workbook (never over an existing one). */
  makeFeedback(request: FeedbackRequest): Promise<FeedbackSheetsResult>;
}

/** An error the user can act on: what went wrong and what to do next, both in Chinese. */
export class ActionError extends Error {
  constructor(
    message: string,
    readonly next: string,
  ) {
    super(message);
    this.name = "ActionError";
  }
}

/** Office.js error codes users meet, in plain Chinese with the next step. */
const OFFICE_CODES: Record<string, [string, string]> = {
  InvalidOperationInCellEditMode: ["Excel 正在编辑单元格，无法执行操作。", "请按 Enter 或 Esc 结束单元格编辑后再试。"],
  ItemAlreadyExists: ["工作簿中已有同名的工作表或名称。", "请改名或删除同名工作表后再试。"],
  ItemNotFound: ["找不到要操作的工作表或单元格，可能已被删除或改名。", "请检查工作表名称后再试。"],
  AccessDenied: ["工作表受保护或工作簿为只读，无法写入。", "请取消保护或另存为可编辑的工作簿后再试。"],
  RequestPayloadSizeLimitExceeded: ["一次处理的数据太大（Excel 网页版每次最多 5 MB）。", "请分几次导入较少的文件。"],
  GeneralException: ["Excel 报告了内部错误。", "请保存工作簿、关闭后重新打开再试；仍然失败请联系市信用办。"],
  InvalidArgument: ["传给 Excel 的参数无效。", "请检查工作表名称或单元格地址后再试。"],
  ApiNotFound: ["当前 Excel 版本不支持这个操作。", "请使用 Microsoft 365、Excel 2021 及以上或 Excel 网页版。"],
};

/** What to do after a WriteError (its message says what Excel refused, and for protection how to lift it). */
const WRITE_NEXT: Record<WriteError["kind"], string> = {
  sheetPassword: "解除保护后再点一次；不知道密码时请问设置保护的同事。",
  workbookStructure: "解除“保护工作簿”后再点一次；完成后可重新保护。",
  other: "仍然失败时，请截图此窗格（含错误代码）发给市信用办。",
};

export interface UserMessage {
  message: string;
  next: string;
}

/** Words a clerk meets in the pane's own texts; any other Latin word in a message is library or JS text. */
const KNOWN_WORDS = new Set(["excel", "excelapi", "office", "microsoft", "xlsx", "credit", "wps", "libreoffice", "enter"]);

/** True when `text` is Chinese for a clerk: it has Chinese and no English library/JS text (words, paths, stacks). */
export function isPlainChinese(text: string): boolean {
  if (!/[\u4e00-\u9fff]/.test(text)) return false;
  if (/https?:|\.js\b|\bat\s|\n\s+at\s|[{}]|=>/.test(text)) return false;
  // Defined names (CR_UNIT …), cell addresses (F12) and short codes are the pane's own vocabulary.
  return (text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []).every((w) => w.length < 3 || /^CR_|^[A-Z]{1,3}\d+$/.test(w) || KNOWN_WORDS.has(w.toLowerCase()));
}

/**
 * Any error → plain Chinese message and next step. Never a stack trace or English library text.
 * `what` names the work that failed ("生成 8 个县区模板"), for errors nothing else describes.
 */
export function describeError(error: unknown, what = "操作"): UserMessage {
  if (isAbort(error)) return { message: "已取消。", next: "已完成的部分保留，正在进行的那一项没有写入。" };
  if (error instanceof ActionError) return { message: error.message, next: error.next };
  if (error instanceof WriteError) return { message: /[。！？]$/.test(error.message) ? error.message : `${error.message}。`, next: WRITE_NEXT[error.kind] };
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === "string" && OFFICE_CODES[code]) {
    const [message, next] = OFFICE_CODES[code];
    return { message, next };
  }
  // An Error whose text our modules wrote in Chinese for the clerk (e.g. a reader's reason): shown as it is.
  const text = error instanceof Error ? error.message.trim() : "";
  if (text && isPlainChinese(text) && typeof code !== "string") {
    return { message: /[。！？]$/.test(text) ? text : `${text}。`, next: "请按上面的说明处理后再试一次；不清楚如何处理时，请截图此窗格发给市信用办。" };
  }
  return {
    message: `${what}没有完成：加载项遇到了意外的问题${typeof code === "string" ? `（Excel 错误代码 ${code}）` : ""}。已经完成的部分保留在工作簿中。`,
    next: "请先保存工作簿，关闭并重新打开本窗格后再试一次；仍然失败时，请截图此窗格（含错误代码）发给市信用办。",
  };
}
