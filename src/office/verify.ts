// 核定 in the open workbook: the 考核组's verified deduction and reason go into the unit sheet's CR_VER_ /
// CR_VRS_ cells, and one row is appended to the 核定记录 audit sheet (created, protected, when absent).
// Two syncs: one read (unit sheet names, used range, protection; the audit sheet), one write. Everything
// is validated before the write; on any error nothing is written and the message is Chinese.
import { runExcel } from "./run";
import { getCatalog, type ClauseStatus } from "../core/index";
import { names } from "../core/names";
import { isTemplateSheet, reviewUnit } from "../review/unit";
import { AUDIT_HEADERS, AUDIT_SHEET, auditRow, auditTime, checkVerification, type AuditEntry } from "../review/verification";
import { colLetter } from "../core/a1";
import { queueSheetLoad, sheetCellsOf } from "./snapshot";
import { officeSupports, textFormats } from "./templateWriter";

/** Same shape as the task pane's VerificationRequest (src/taskpane/actions.ts). */
export interface RecordVerificationRequest {
  sheet: string;
  clauseId: string;
  /** 核定扣分, 0 … the clause's points. */
  deduction: unknown;
  reason: unknown;
  reviewer: unknown;
  /** Clock for the audit row (tests). */
  now?: Date;
}

export interface RecordVerificationResult {
  sheet: string;
  clauseId: string;
  /** The self-assessed deduction recomputed from the unit's inputs (what the 核定 stands beside). */
  from?: number;
  to: number;
  /** The 核定扣分 this one replaced, when the clause had been verified before. */
  previous?: number | string;
  /** 1-based row of the audit sheet the entry was appended at. */
  auditRow: number;
  syncs: number;
}

/** Invalid input or a sheet that cannot take a 核定: nothing was written. */
export class VerificationError extends Error {
  constructor(readonly errors: string[]) {
    super(errors.join("；"));
    this.name = "VerificationError";
  }
}

const DECIDED: ClauseStatus[] = ["扣分", "不扣分", "不涉及"];
/** The template writer's protection options (no password by default). */
const PROTECT: Excel.WorksheetProtectionOptions = { allowFormatColumns: true, allowFormatRows: true, allowAutoFilter: false };
const blank = (v: unknown) => v === null || v === undefined || v === "";

export async function recordVerification(req: RecordVerificationRequest): Promise<RecordVerificationResult> {
  return runExcel(async (context) => {
    let syncs = 0;
    const wb = context.workbook;
    const ws = wb.worksheets.getItemOrNullObject(req.sheet);
    ws.load("isNullObject");
    const { names: sheetNames, used, protection } = queueSheetLoad(ws);
    const bookNames = wb.names;
    bookNames.load("items/name,items/value");
    const audit = wb.worksheets.getItemOrNullObject(AUDIT_SHEET);
    audit.load("isNullObject");
    const auditUsed = audit.getUsedRangeOrNullObject(false);
    auditUsed.load("rowIndex,rowCount,values");
    // Both sheets' protection is read before either is changed. Where Excel can tell (isPasswordProtected,
    // ExcelApiOnline 1.1), a password on either sheet refuses the 核定 before anything is written.
    const auditProtection = audit.protection;
    const withPassword = officeSupports()("ExcelApiOnline", "1.1");
    auditProtection.load(withPassword ? "protected,isPasswordProtected" : "protected");
    if (withPassword) protection.load("isPasswordProtected");
    await context.sync();
    syncs++;

    // ---- validate everything before any write ----
    if (ws.isNullObject) throw new VerificationError([`找不到工作表“${req.sheet}”，可能已被删除或改名`]);
    if (used.isNullObject) throw new VerificationError([`“${req.sheet}”工作表是空的，不是考核模板`]);
    const cells = sheetCellsOf(req.sheet, bookNames.items, sheetNames.items, used, protection.protected);
    if (!isTemplateSheet(cells)) throw new VerificationError([`“${req.sheet}”工作表不是考核模板（没有 CR_ 定义名称），不能核定`]);
    const review = reviewUnit(cells);
    if (!review.scorable || !review.catalog) {
      throw new VerificationError(review.problems.filter((p) => p.severity === "错误").map((p) => p.message).slice(0, 3));
    }
    const clause = review.clauses.find((c) => c.clauseId === req.clauseId);
    if (!clause) throw new VerificationError([`条款编号“${req.clauseId}”不在“${req.sheet}”工作表的考核指标中`]);
    const checked = checkVerification(getCatalog(review.catalog.year, review.catalog.kind), {
      clauseId: req.clauseId,
      verified: req.deduction,
      reason: req.reason,
      reviewer: req.reviewer,
      selfDeduction: clause.selfDeduction,
    });
    if (!checked.ok) throw new VerificationError(checked.errors);
    if (!clause.verifiedAddress || !clause.reasonAddress) {
      throw new VerificationError([`“${req.sheet}”工作表缺少条款 ${req.clauseId} 的核定单元格（${names.verified(req.clauseId)} / ${names.verifiedReason(req.clauseId)}），不是完整的考核模板；请用“导入回收表”重新导入该单位返回的文件（按当前版式写入）后再核定`]);
    }
    const locked = [
      [req.sheet, withPassword && protection.protected && protection.isPasswordProtected],
      [AUDIT_SHEET, withPassword && !audit.isNullObject && auditProtection.protected && auditProtection.isPasswordProtected],
    ].filter(([, p]) => p);
    if (locked.length) throw new VerificationError([passwordMessage(locked.map(([n]) => String(n)))]);
    let nextRow = 2;
    if (!audit.isNullObject && !auditUsed.isNullObject) {
      const header = auditUsed.rowIndex === 0 ? (auditUsed.values[0] ?? []).slice(0, AUDIT_HEADERS.length).map(String) : [];
      if (header.join("|") !== AUDIT_HEADERS.join("|")) {
        throw new VerificationError([`工作簿中已有名为“${AUDIT_SHEET}”的工作表，但不是本加载项的核定记录（第 1 行表头不同）；为免改动它，请将其重命名后再核定`]);
      }
      nextRow = auditUsed.rowIndex + auditUsed.rowCount + 1;
    }

    const cell = (name: string) => cells.names.get(name)?.value;
    const saved = cell(names.deduction(req.clauseId));
    const prevRaw = cell(names.verified(req.clauseId));
    // What the cell held before (the review takes 核定 only from the 核定记录, so read the cell itself).
    const previous = blank(prevRaw) ? undefined : typeof prevRaw === "number" ? prevRaw : String(prevRaw);
    const entry: AuditEntry = {
      time: auditTime(req.now),
      reviewer: checked.reviewer,
      sheet: req.sheet,
      unit: review.unit,
      clauseId: req.clauseId,
      saved: typeof saved === "number" ? saved : blank(saved) ? null : String(saved),
      recomputed: DECIDED.includes(clause.status) ? clause.selfDeduction : clause.status,
      previous: previous ?? null,
      to: checked.verified,
      reason: checked.reason,
    };

    // ---- one write batch. Both sheets are unprotected first, before any cell changes: unprotect() is what
    // fails (a password set by hand) and a failed operation stops the batch, so no cell has changed then; a
    // sheet already unprotected by then is protected again below. The audit row goes before the cells, so a
    // change is never unlogged.
    const auditWasProtected = !audit.isNullObject && auditProtection.protected;
    if (auditWasProtected) audit.protection.unprotect();
    if (protection.protected) ws.protection.unprotect();
    const width = colLetter(AUDIT_HEADERS.length);
    // Text columns as text: a reason starting with "=" must stay words, not become a formula.
    // Every text of the row as text (reviewer, unit, reason, a saved value the unit's sheet held…): a reason
    // starting with "=" must stay words, not become a formula (see templateWriter.layoutGrid).
    const rowValues = [auditRow(entry).map((v) => (v === null ? "" : v))];
    let log: Excel.Worksheet;
    if (audit.isNullObject) {
      log = wb.worksheets.add(AUDIT_SHEET);
      const head = log.getRange(`A1:${width}1`);
      head.values = [[...AUDIT_HEADERS]];
      head.format.font.bold = true;
    } else {
      log = audit;
    }
    const row = log.getRange(`A${nextRow}:${width}${nextRow}`);
    row.numberFormat = textFormats(rowValues);
    row.values = rowValues;
    log.protection.protect(PROTECT);

    ws.getRange(clause.reasonAddress).numberFormat = [["@"]];
    ws.getRange(clause.verifiedAddress).values = [[checked.verified]];
    ws.getRange(clause.reasonAddress).values = [[checked.reason]];
    if (protection.protected) ws.protection.protect(PROTECT);
    try {
      await context.sync();
    } catch (e) {
      await restoreProtection(req.sheet, protection.protected, auditWasProtected);
      throw isProtectionError(e) ? new VerificationError([passwordMessage([req.sheet, AUDIT_SHEET])]) : e;
    }
    syncs++;
    return { sheet: req.sheet, clauseId: req.clauseId, from: clause.selfDeduction, to: checked.verified, previous, auditRow: nextRow, syncs };
  });
}

function passwordMessage(sheets: string[]): string {
  return `${sheets.map((n) => `“${n}”`).join("或")}工作表设有密码保护，加载项不能解除，核定未保存、两张表都没有改动；请在“审阅 → 撤消工作表保护”中输入密码解除后再核定`;
}

/** A failed unprotect(): a password, or protection the add-in may not change. */
function isProtectionError(e: unknown): boolean {
  const code = typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined;
  return code === "InvalidArgument" || code === "AccessDenied" || code === "InvalidOperation";
}

/**
 * After a failed write batch: a sheet that was protected before and is unprotected now (its unprotect ran,
 * a later operation failed) is protected again. Best effort, in its own batch.
 */
async function restoreProtection(sheet: string, unitWasProtected: boolean, auditWasProtected: boolean): Promise<void> {
  try {
    await runExcel(async (context) => {
      const pairs = [
        [sheet, unitWasProtected],
        [AUDIT_SHEET, auditWasProtected],
      ] as const;
      const checks = pairs
        .filter(([, was]) => was)
        .map(([name]) => {
          const p = context.workbook.worksheets.getItem(name).protection;
          p.load("protected");
          return p;
        });
      await context.sync();
      let changed = false;
      for (const p of checks) {
        if (!p.protected) {
          p.protect(PROTECT);
          changed = true;
        }
      }
      if (changed) await context.sync();
    });
  } catch {
    /* the error that caused it is reported */
  }
}
