// 核定 in the open workbook: the 考核组's verified deduction and reason go into the unit sheet's CR_VER_ /
// CR_VRS_ cells, and one row is appended to the 核定记录 audit sheet (created, protected, when absent).
// Two syncs: one read (unit sheet names, used range, protection; the audit sheet), one write. Everything
// is validated before the write; on any error nothing is written and the message is Chinese.
import { getCatalog, type ClauseStatus } from "../core/index";
import { names } from "../layout/names";
import { isTemplateSheet, reviewUnit } from "../review/unit";
import { AUDIT_HEADERS, AUDIT_SHEET, auditRow, auditTime, checkVerification, type AuditEntry } from "../review/verification";
import { colLetter } from "../layout/template";
import { queueSheetLoad, sheetCellsOf } from "./snapshot";

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
  return Excel.run(async (context) => {
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
      throw new VerificationError([`“${req.sheet}”工作表缺少条款 ${req.clauseId} 的核定单元格（${names.verified(req.clauseId)} / ${names.verifiedReason(req.clauseId)}），请重新生成模板`]);
    }
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
    const previous = blank(prevRaw) ? undefined : (clause.verified ?? String(prevRaw));
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

    // ---- one write batch. Unprotecting the unit sheet comes first: it is what fails (a password set by
    // hand) and then nothing else has run. The audit row goes before the cells, so a change is never unlogged.
    if (protection.protected) ws.protection.unprotect();
    const width = colLetter(AUDIT_HEADERS.length);
    // Text columns as text: a reason starting with "=" must stay words, not become a formula.
    const textFormat = [AUDIT_HEADERS.map((_h, i) => ([0, 1, 2, 3, 4, 9].includes(i) ? "@" : "General"))];
    let log: Excel.Worksheet;
    if (audit.isNullObject) {
      log = wb.worksheets.add(AUDIT_SHEET);
      const head = log.getRange(`A1:${width}1`);
      head.values = [[...AUDIT_HEADERS]];
      head.format.font.bold = true;
    } else {
      log = audit;
      log.protection.unprotect();
    }
    const row = log.getRange(`A${nextRow}:${width}${nextRow}`);
    row.numberFormat = textFormat;
    row.values = [auditRow(entry).map((v) => (v === null ? "" : v))];
    log.protection.protect(PROTECT);

    ws.getRange(clause.reasonAddress).numberFormat = [["@"]];
    ws.getRange(clause.verifiedAddress).values = [[checked.verified]];
    ws.getRange(clause.reasonAddress).values = [[checked.reason]];
    if (protection.protected) ws.protection.protect(PROTECT);
    await context.sync();
    syncs++;
    return { sheet: req.sheet, clauseId: req.clauseId, from: clause.selfDeduction, to: checked.verified, previous, auditRow: nextRow, syncs };
  });
}
