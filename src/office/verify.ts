// 核定 in the open workbook. The reads the pane's 核定 step shows (which sheets are unit sheets; what a clause
// holds now) and the write: the 考核组's verified deduction and reason go into the unit sheet's CR_VER_ /
// CR_VRS_ cells, and one row is appended to the 核定记录 audit sheet (created, protected, when absent).
// The write: one read of the unit sheet (its names, used range), everything validated, then the same append as
// 记录核定 from the 核定表 (src/office/auditLog.ts). On any error nothing is written and the message is Chinese.
import { runExcel } from "./run";
import { clauseNumber, getCatalog, numberOf, parseUnitKind, type ClauseStatus, type UnitKind } from "../core/index";
import { names } from "../core/names";
import { probedValues, type NameProbe } from "../read/resolve";
import { isTemplateSheet, reviewUnit } from "../review/unit";
import { AUDIT_HEADERS, AUDIT_SHEET, auditHeader, auditRow, auditTime, checkVerification, type AuditEntry, type EntryKind } from "../review/verification";
import { queueSheetLoad, sheetCellsOf } from "./snapshot";
import { countingSyncs, officeSupports, type Supports } from "./common";
import { appendRecords, FOREIGN_LOG } from "./auditLog";

// ---- reads for the pane ----

/** A unit's template sheet in the open workbook (what 核定 picks from). */
export interface UnitSheet {
  sheet: string;
  unit: string;
  kind: UnitKind;
  year: number;
}

/** What a unit sheet shows now for one clause (read from its CR_* cells), beside which the reviewer decides. */
export interface ClauseState {
  /** 自评扣分: a number, or 待填 / an error text. */
  deduction?: number | string;
  status?: string;
  explanation?: string;
  /** 核定扣分 and 核定说明 already recorded, if any. */
  verified?: number | string;
  verifiedReason?: string;
}

/**
 * The values of a few CR_* names on the given sheets, in one sync: each name is probed on each sheet and in
 * the workbook (null objects where missing), and the one resolver (src/read/resolve.ts) decides which
 * cell each is — a sheet-scoped name wins, a workbook-scoped one serves the sheet it points at (a unit's own
 * file opened in Excel has workbook-scoped names).
 */
async function namedValuesOf(context: Excel.RequestContext, sheets: readonly { ws: Excel.Worksheet; name: string }[], wanted: readonly string[]): Promise<Map<string, Map<string, unknown>>> {
  const probe = (item: Excel.NamedItem) => {
    const range = item.getRangeOrNullObject();
    range.load("address,values");
    return range;
  };
  const queued = [
    ...wanted.map((name) => ({ name, scope: undefined as string | undefined, range: probe(context.workbook.names.getItemOrNullObject(name)) })),
    ...sheets.flatMap(({ ws, name: sheet }) => wanted.map((name) => ({ name, scope: sheet as string | undefined, range: probe(ws.names.getItemOrNullObject(name)) }))),
  ];
  await context.sync();
  const probes: NameProbe[] = queued.map(({ name, scope, range }) => (range.isNullObject ? { name, scope } : { name, scope, address: range.address, value: range.values[0]?.[0] }));
  return probedValues(
    sheets.map((s) => s.name),
    probes,
  );
}

/** The unit sheets of the open workbook: sheets carrying the template's CR_UNIT / CR_KIND / CR_YEAR names. Two syncs. */
export async function listUnitSheets(): Promise<UnitSheet[]> {
  return runExcel(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    await context.sync();
    // One batch for every sheet's three header names, whatever the number of sheets.
    const bySheet = await namedValuesOf(
      context,
      sheets.items.map((ws) => ({ ws, name: ws.name })),
      [names.unit, names.kind, names.year],
    );
    const found: UnitSheet[] = [];
    for (const ws of sheets.items) {
      const cells = bySheet.get(ws.name);
      if (!cells || !cells.has(names.unit) || !cells.has(names.kind) || !cells.has(names.year)) continue;
      const unit = String(cells.get(names.unit) ?? "").trim();
      const kind = parseUnitKind(String(cells.get(names.kind) ?? "").trim()); // core's one parser, as the readers of returned files use
      const year = numberOf(cells.get(names.year)); // as the reader takes CR_YEAR (a blank is no year, not 0)
      if (!unit || !kind || year === undefined || !Number.isInteger(year)) continue;
      found.push({ sheet: ws.name, unit, kind, year });
    }
    return found;
  });
}

/** The clause's self-assessed and verified cells on a unit sheet, in one round trip. */
export async function readClause(sheet: string, clauseId: string): Promise<ClauseState> {
  return runExcel(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    const cells = (await namedValuesOf(context, [{ ws, name: sheet }], [names.deduction(clauseId), names.status(clauseId), names.explanation(clauseId), names.verified(clauseId), names.verifiedReason(clauseId)])).get(sheet);
    const value = (name: string): string | number | undefined => {
      const v = cells?.get(name);
      return v === "" || v === null || v === undefined ? undefined : typeof v === "number" ? v : String(v);
    };
    const text = (name: string) => {
      const v = value(name);
      return v === undefined ? undefined : String(v);
    };
    return {
      deduction: value(names.deduction(clauseId)),
      status: text(names.status(clauseId)),
      explanation: text(names.explanation(clauseId)),
      verified: value(names.verified(clauseId)),
      verifiedReason: text(names.verifiedReason(clauseId)),
    };
  });
}

// ---- the write ----

/** Same shape as the task pane's VerificationRequest (src/taskpane/actions.ts). */
export interface RecordVerificationRequest {
  sheet: string;
  clauseId: string;
  /** 核定扣分, 0 … the clause's points. */
  deduction: unknown;
  reason: unknown;
  reviewer: unknown;
  /** How the 核定 is made (default 核定): 按平台数据 from the 平台比对, 复核 when a unit asked and the 考核组 decides again. */
  kind?: Extract<EntryKind, "核定" | "按平台数据" | "复核">;
  /** The clause's fingerprint when the proposal was made (平台比对): refused when the unit's figures changed since. */
  basis?: string;
  /** 按平台数据: the fingerprint of the platform figures proposed, recorded with the entry (steps/verify.ts reopens it when they change). */
  platformBasis?: string;
  /** Clock for the audit row (tests). */
  now?: Date;
  supports?: Supports;
  /** Random numbers for the recording's name (tests). */
  random?: () => number[];
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
  /** Said to the user when the 核定 is saved but a sheet could not be protected again. */
  note?: string;
}

/** Invalid input or a sheet that cannot take a 核定: nothing was written. */
export class VerificationError extends Error {
  constructor(readonly errors: string[]) {
    super(errors.join("；"));
    this.name = "VerificationError";
  }
}

const DECIDED: ClauseStatus[] = ["扣分", "不扣分", "不涉及"];
const blank = (v: unknown) => v === null || v === undefined || v === "";

export async function recordVerification(req: RecordVerificationRequest): Promise<RecordVerificationResult> {
  return runExcel(async (context) => {
    const { context: counted, syncs } = countingSyncs(context);
    const wb = context.workbook;
    const ws = wb.worksheets.getItemOrNullObject(req.sheet);
    ws.load("isNullObject");
    const { names: sheetNames, used, protection } = queueSheetLoad(ws);
    const bookNames = wb.names;
    bookNames.load("items/name,items/value");
    await counted.sync();

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
    if (req.kind === "复核" && !checked.reason) throw new VerificationError(["复核须写明复核理由（单位提出的问题和复核结论）"]);
    if (req.basis !== undefined && req.basis !== clause.basis) {
      throw new VerificationError([`“${req.sheet}”工作表条款 ${clauseNumber(req.clauseId)} 的填报数据、是否涉及或佐证材料在比对之后已改变，未记录；请重新比对后再核定`]);
    }
    if (!clause.verifiedAddress || !clause.reasonAddress) {
      throw new VerificationError([`“${req.sheet}”工作表缺少条款 ${clauseNumber(req.clauseId)} 的核定单元格（${names.verified(req.clauseId)} / ${names.verifiedReason(req.clauseId)}），不是完整的考核模板；请用“导入回收表”重新导入该单位返回的文件（按当前版式写入）后再核定`]);
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
      kind: req.kind ?? "核定",
      basis: clause.basis,
      ...(req.kind === "按平台数据" && req.platformBasis ? { platformBasis: req.platformBasis } : {}),
    };

    // ---- the write: the same append as 记录核定 (src/office/auditLog.ts) — the unit's 核定 cells and the entry
    // in one request, the 核定记录 found where it ends now and read back; refused before anything changes when a
    // sheet has a password or the 核定记录 is not ours.
    const appended = await appendRecords(
      context,
      [
        {
          cells: auditRow(entry),
          mirror: [
            { sheet: req.sheet, address: clause.verifiedAddress, value: checked.verified, before: prevRaw },
            { sheet: req.sheet, address: clause.reasonAddress, value: checked.reason, before: cell(names.verifiedReason(req.clauseId)) },
          ],
        },
      ],
      {
        sheet: AUDIT_SHEET,
        headers: AUDIT_HEADERS,
        headerKind: auditHeader,
        foreign: () => new VerificationError([FOREIGN_LOG]),
        supports: req.supports ?? officeSupports(),
        random: req.random,
      },
    );
    return { sheet: req.sheet, clauseId: req.clauseId, from: clause.selfDeduction, to: checked.verified, previous, auditRow: appended.rows[0], syncs: syncs() + appended.syncs, note: appended.note };
  });
}
