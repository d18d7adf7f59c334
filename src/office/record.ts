// 核定 in bulk in the office's workbook: the decisions typed in the 核定表 (src/review/reviewSheet.ts), or 同意自评
// for every row that needs no attention, recorded in the 核定记录 at once (src/office/auditLog.ts: one recording,
// all or nothing, safe beside a co-author). Also the one-clause form's write, through the same append.
//
// Each call reads the workbook afresh (unit sheets, the 核定表, the 核定记录: the snapshot's few requests), reviews
// every unit sheet against the record, makes each decision an entry against the unit's current figures
// (src/review/decisions.ts decisionEntry: 同意自评 records the recomputed self deduction; a decision made on other
// figures is 需重新核定 and not recorded), and appends the entries with their unit-sheet 核定 cells. A row with a
// mistake is listed by its row and cell and not recorded; the other rows are. A decision the record already holds
// (same choice, figure, reason and figures it was made on) is not recorded again, so clicking 记录核定 twice, or
// after a failure, records only what is missing.
import { canonicalName, clauseNumber, expectedUnits, workingYear, type UnitKind } from "../core/index";
import { platformSheetName } from "../core/platform";
import type { PlatformData } from "../review/platform";
import { colLetter } from "../core/a1";
import { names } from "../core/names";
import { decisionEntry, type Decision } from "../review/decisions";
import { columnOf, decisionsOf, readReviewSheet, REVIEW_SHEET, reviewSheetData, type ReviewSheetEntry } from "../review/reviewSheet";
import { buildReviewSheet } from "../review/reviewSheetGrid";
import { placeUnits, type PlacedUnits } from "../review/summary";
import type { ClauseReview, SheetCells, UnitReview } from "../review/types";
import { NameMap } from "../read/resolve";
import type { NamedCell } from "../core/index";
import { isTemplateSheet, reviewUnit } from "../review/unit";
import { AUDIT_HEADERS, AUDIT_SHEET, auditHeader, auditRow, auditTime, latestRecords, parseAuditRows, type AuditEntry } from "../review/verification";
import { appendRecords, FOREIGN_LOG, type AppendItem, type AppendResult, type MirrorCell } from "./auditLog";
import { countingSyncs, officeSupports, type Supports } from "./common";
import { removeSheetIfPresent, runExcel, swapIn } from "./run";
import { queueSheetDoc } from "./sheetDoc";
import { queueProtectionRead, writeFailed } from "./protection";
import { readSnapshot, type Snapshot } from "./snapshot";
import { platformOf } from "./platform";

export interface RecordOptions {
  year?: number;
  /** Member units by kind (the 市直部门 list the pane was built with). */
  expected?: Partial<Record<UnitKind, readonly string[]>>;
  /** 核定人 for rows whose 核定人 cell is blank (the pane's default; the sheet says so). */
  defaultReviewer?: string;
  now?: Date;
  supports?: Supports;
  /** Random numbers for the recording's name (tests). */
  random?: () => number[];
}

/** A row of the 核定表 that was not recorded, and why; `address` is its 核定 cell (one click away in the pane). */
export interface RowIssue {
  row?: number;
  address?: string;
  message: string;
}

type RowAt = Omit<RowIssue, "message">;

/** A unit's progress towards 已核定. */
export interface UnitProgress {
  unit: string;
  kind: UnitKind;
  sheet: string;
  status: UnitReview["status"];
  clauses: number;
  /** Clauses with an adopted 核定. */
  verified: number;
  /** Clauses whose latest 核定 was made on other figures (需重新核定). */
  stale: number;
  /** Clauses that need attention and have no 核定 yet (不涉及, problems …). */
  attention: number;
}

export interface RecordOutcome {
  /** Entries appended to the 核定记录. */
  recorded: number;
  /** Decisions the record already held (not recorded again). */
  already: number;
  /** Rows not recorded: mistakes, 需重新核定, units not in the workbook. */
  issues: RowIssue[];
  /** 需重新核定 among the issues. */
  stale: number;
  units: UnitProgress[];
  syncs: number;
  /** Sheets left unprotected and the like (the entries are saved). */
  note?: string;
  append?: Pick<AppendResult, "batch" | "rewritten" | "attempts">;
}

/** The office workbook as one 核定 sees it: its unit sheets reviewed against the record, and the 核定表's rows. */
interface Office {
  units: PlacedUnits;
  /** The 核定记录's entries (all of them) and its problems. */
  entries: AuditEntry[];
  recordProblems: string[];
  sheet?: { entries: ReviewSheetEntry[]; problems: string[]; foreign: boolean; columns: Map<string, number> };
  snap: Snapshot;
  year: number;
  expected: Record<UnitKind, readonly string[]>;
  /** The workbook's 平台数据 sheets read back (undefined when it has none): the 核定表's 平台 columns and 按平台数据 are made on them. */
  platform?: PlatformData[];
  /** 平台数据 sheets that could not be used, in Chinese. */
  platformProblems: string[];
}

const PLATFORM_SHEETS = (["county", "department"] as const).map((kind) => ({ kind, name: platformSheetName(kind) }));

/** The workbook's 平台数据 sheets (those it has), read by the pane's 平台数据 reader. */
function platformSheets(snap: Snapshot, year: number): { platform?: PlatformData[]; problems: string[] } {
  const found: PlatformData[] = [];
  const problems: string[] = [];
  for (const { kind, name } of PLATFORM_SHEETS) {
    if (!snap.sheetNames.includes(name)) continue;
    const used = snap.used.get(name);
    try {
      found.push(platformOf(used ? fromA1(used) : [], name, year, kind));
    } catch (e) {
      problems.push(`“${name}”工作表未用于核定：${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { platform: found.length ? found : undefined, problems };
}

/** A used range's values as whole rows from row 1 (rows[r] is sheet row r + 1; columns from A). */
function fromA1(used: { values: unknown[][]; row: number; col: number }): unknown[][] {
  const pad = Array.from({ length: used.col - 1 }, () => null);
  return [...Array.from({ length: used.row - 1 }, () => []), ...used.values.map((r) => [...pad, ...r])];
}

/** Where each heading of the 核定表 is (0-based column), from its header row. */
function headingColumns(rows: readonly (readonly unknown[])[]): Map<string, number> {
  const out = new Map<string, number>();
  const want = ["核定", "条款编号"];
  for (const row of rows.slice(0, 30)) {
    const cells = row.map((v) => String(v ?? "").replace(/\s+/g, ""));
    if (!want.every((w) => cells.includes(w))) continue;
    cells.forEach((c, i) => c && !out.has(c) && out.set(c, i));
    break;
  }
  return out;
}

async function readOffice(context: Excel.RequestContext, opts: RecordOptions): Promise<Office> {
  const snap = await readSnapshot(context, undefined, [REVIEW_SHEET, AUDIT_SHEET, ...PLATFORM_SHEETS.map((p) => p.name)]);
  const year = opts.year ?? workingYear();
  const expected = expectedUnits(year, opts.expected);
  const { platform, problems: platformProblems } = platformSheets(snap, year);
  const log = snap.used.get(AUDIT_SHEET);
  const parsed = log ? parseAuditRows(fromA1(log)) : { entries: [], problems: [], foreign: false };
  if (parsed.foreign) throw new RecordError(FOREIGN_LOG);
  const records = latestRecords(parsed.entries);
  const reviews = snap.sheets.filter(isTemplateSheet).map((s) => reviewUnit(s, { year, expected, origin: "workbook", records, now: opts.now, platform }));
  const units = placeUnits(reviews, { expected });
  const used = snap.used.get(REVIEW_SHEET);
  let sheet: Office["sheet"];
  if (used) {
    const rows = fromA1(used);
    sheet = { ...readReviewSheet(rows), columns: headingColumns(rows) };
  }
  return { units, entries: parsed.entries, recordProblems: parsed.problems, sheet, snap, year, expected, platform, platformProblems };
}

/** A 核定 the pane explains in Chinese: nothing was written. */
export class RecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RecordError";
  }
}

const EPS = 1e-9;

/** Whether the clause's adopted record already says what the decision would record. */
function alreadyRecorded(c: ClauseReview, e: AuditEntry): boolean {
  const r = c.record;
  return !!r && !c.stale && c.verified !== undefined && r.kind === e.kind && Math.abs(r.to - e.to) <= EPS && r.reason.trim() === e.reason.trim() && r.basis === e.basis && (r.platformBasis ?? "") === (e.platformBasis ?? "");
}

interface Made {
  items: AppendItem[];
  already: number;
  issues: RowIssue[];
  stale: number;
  entries: AuditEntry[];
}

/** The decisions made entries against the units' current figures, with their unit-sheet cells. */
function entriesOf(office: Office, decisions: readonly Decision[], time: string, rowOf: (d: Decision) => RowAt): Made {
  const byUnit = new Map(office.units.placed.filter((p) => !p.duplicate).map((p) => [canonicalName(p.review.unit), p.review]));
  const sheetOf = new Map(office.snap.sheets.map((s) => [s.sheet, s]));
  const out: Made = { items: [], already: 0, issues: [], stale: 0, entries: [] };
  for (const d of decisions) {
    const review = byUnit.get(canonicalName(d.unit));
    const clause = review?.clauses.find((c) => c.clauseId === d.clauseId);
    if (!review || !clause) {
      out.issues.push({ ...rowOf(d), message: `${d.at}（${d.unit} 条款 ${clauseNumber(d.clauseId)}）：工作簿中没有该单位（或该条款）的考核表，未记录；请先导入该单位的回收表，或更新核定表` });
      continue;
    }
    const cells = sheetOf.get(review.sheet);
    const value = (name: string) => cells?.names.get(name)?.value;
    const saved = value(names.deduction(d.clauseId));
    const outcome = decisionEntry(d, {
      sheet: review.sheet,
      clause: { clauseId: clause.clauseId, points: clause.points, status: clause.status, selfDeduction: clause.selfDeduction, basis: clause.basis },
      saved: typeof saved === "number" ? saved : saved === null || saved === undefined || saved === "" ? null : String(saved),
      previous: clause.record && clause.verified !== undefined ? clause.record.to : null,
      time,
      platform: clause.platform,
      platformGiven: !!office.platform,
    });
    if ("stale" in outcome) {
      out.stale++;
      out.issues.push({ ...rowOf(d), message: outcome.message });
      continue;
    }
    if ("mistake" in outcome) {
      out.issues.push({ ...rowOf(d), message: outcome.mistake });
      continue;
    }
    const e = outcome.entry;
    if (alreadyRecorded(clause, e)) {
      out.already++;
      continue;
    }
    if (!clause.verifiedAddress || !clause.reasonAddress) {
      out.issues.push({ ...rowOf(d), message: `${d.at}（${d.unit} 条款 ${clauseNumber(d.clauseId)}）：“${review.sheet}”工作表缺少该条的核定单元格，不是完整的考核模板，未记录；请用“导入回收表”重新导入该单位返回的文件后再核定` });
      continue;
    }
    out.entries.push(e);
    out.items.push({
      cells: auditRow(e),
      mirror: [
        { sheet: review.sheet, address: clause.verifiedAddress, value: e.to, before: value(names.verified(d.clauseId)) },
        { sheet: review.sheet, address: clause.reasonAddress, value: e.reason, before: value(names.verifiedReason(d.clauseId)) },
      ],
    });
  }
  return out;
}

/** The sheets as read, with the 核定 cells just written (the copy of the record on each unit sheet). */
function withWritten(sheets: readonly SheetCells[], written: readonly MirrorCell[]): SheetCells[] {
  if (!written.length) return [...sheets];
  return sheets.map((s) => {
    const mine = new Map(written.filter((m) => m.sheet === s.sheet).map((m) => [m.address, m.value]));
    if (!mine.size) return s;
    const names = new NameMap<NamedCell>();
    for (const [n, c] of s.names) names.set(n, mine.has(c.address) ? { ...c, value: mine.get(c.address)! } : c);
    return { ...s, names };
  });
}

/**
 * Every unit's progress after the given entries are added to the record, their unit-sheet cells written (no new
 * read: the entries were just read back from the log).
 */
function progressOf(office: Office, added: readonly AuditEntry[], written: readonly MirrorCell[], opts: RecordOptions): UnitProgress[] {
  const records = latestRecords([...office.entries, ...added]);
  const reviews = withWritten(office.snap.sheets, written)
    .filter(isTemplateSheet)
    .map((s) => reviewUnit(s, { year: office.year, expected: office.expected, origin: "workbook", records, now: opts.now, platform: office.platform }));
  const units = placeUnits(reviews, { expected: office.expected });
  const data = reviewSheetData(units, { year: office.year, expected: office.expected, generatedAt: "", platform: !!office.platform });
  const attention = new Map<string, number>();
  for (const r of data.rows) {
    if (!r.attention.length) continue;
    const k = canonicalName(r.unit);
    attention.set(k, (attention.get(k) ?? 0) + 1);
  }
  return units.placed
    .filter((p) => !p.duplicate && p.review.scorable)
    .map(({ review, kind }) => ({
      unit: review.unit,
      kind,
      sheet: review.sheet,
      status: review.status,
      clauses: review.clauses.length,
      verified: review.verifiedCount,
      stale: review.clauses.filter((c) => c.stale).length,
      attention: review.clauses.length ? (attention.get(canonicalName(review.unit)) ?? 0) : 0,
    }));
}

async function append(context: Excel.RequestContext, made: Made, opts: RecordOptions): Promise<AppendResult | undefined> {
  if (!made.items.length) return undefined;
  return appendRecords(context, made.items, {
    sheet: AUDIT_SHEET,
    headers: AUDIT_HEADERS,
    headerKind: auditHeader,
    foreign: () => new RecordError(FOREIGN_LOG),
    supports: opts.supports ?? officeSupports(),
    random: opts.random,
  });
}

function outcome(office: Office, made: Made, appended: AppendResult | undefined, syncs: number, opts: RecordOptions): RecordOutcome {
  return {
    recorded: made.items.length,
    already: made.already,
    issues: made.issues,
    stale: made.stale,
    units: progressOf(office, made.entries, made.items.flatMap((i) => i.mirror ?? []), opts),
    syncs,
    note: appended?.note,
    append: appended && { batch: appended.batch, rewritten: appended.rewritten, attempts: appended.attempts },
  };
}

/** 记录核定: every filled row of the 核定表 at once. */
export async function recordReviewSheet(opts: RecordOptions = {}): Promise<RecordOutcome> {
  return runExcel(async (context) => {
    const { context: counted, syncs } = countingSyncs(context);
    const office = await readOffice(counted, opts);
    if (!office.sheet) throw new RecordError(`工作簿中还没有“${REVIEW_SHEET}”工作表；请先点“生成核定表”，在表中填写核定后再记录`);
    if (office.sheet.foreign) throw new RecordError(office.sheet.problems[0]);
    const where = (row: number) => `${REVIEW_SHEET}第 ${row} 行`;
    const { decisions, mistakes } = decisionsOf(office.sheet.entries, where, opts.defaultReviewer);
    const choiceCol = office.sheet.columns.get("核定") ?? columnOf("choice");
    const rowIssue = (row: number | undefined): RowAt => (row ? { row, address: `${colLetter(choiceCol + 1)}${row}` } : {});
    const rowOf = (d: Decision) => rowIssue(Number(/第 (\d+) 行/.exec(d.at)?.[1]) || undefined);
    const made = entriesOf(office, decisions, auditTime(opts.now), rowOf);
    const sheetIssues: RowIssue[] = [...office.sheet.problems, ...mistakes].map((m) => ({ ...rowIssue(Number(/第 (\d+) 行/.exec(m)?.[1]) || undefined), message: m }));
    made.issues = [...sheetIssues, ...made.issues].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    const appended = await append(counted, made, opts);
    return outcome(office, made, appended, syncs(), opts);
  });
}

/**
 * 同意自评 of every row that needs no attention (no 不涉及, no problem, nothing to look at), has no 核定 typed in
 * the 核定表 and none recorded: one action for the clauses where the unit's own figures stand.
 */
export async function confirmUnattended(reviewer: string, opts: RecordOptions = {}): Promise<RecordOutcome> {
  const who = reviewer.trim();
  if (!who) throw new RecordError("请填写核定人");
  return runExcel(async (context) => {
    const { context: counted, syncs } = countingSyncs(context);
    const office = await readOffice(counted, opts);
    const data = reviewSheetData(office.units, { year: office.year, expected: office.expected, generatedAt: "", previous: office.sheet?.entries, platform: !!office.platform });
    const byUnit = new Map(office.units.placed.map((p) => [canonicalName(p.review.unit), p.review]));
    const decisions: Decision[] = [];
    for (const r of data.rows) {
      if (r.attention.length || r.decision) continue;
      const clause = byUnit.get(canonicalName(r.unit))?.clauses.find((c) => c.clauseId === r.clauseId);
      if (!clause || clause.verified !== undefined || clause.stale) continue;
      decisions.push({ unit: r.unit, clauseId: r.clauseId, basis: r.basis, choice: "同意自评", reason: "", reviewer: who, at: `${r.unit} ${r.clauseId}` });
    }
    const made = entriesOf(office, decisions, auditTime(opts.now), () => ({}));
    const appended = await append(counted, made, opts);
    return outcome(office, made, appended, syncs(), opts);
  });
}

/** Each unit's progress towards 已核定 (the pane's list), read afresh. */
export async function reviewProgress(opts: RecordOptions = {}): Promise<{ units: UnitProgress[]; hasSheet: boolean; rows: number; typed: number; recordProblems: string[]; syncs: number }> {
  return runExcel(async (context) => {
    const { context: counted, syncs } = countingSyncs(context);
    const office = await readOffice(counted, opts);
    const typed = office.sheet ? office.sheet.entries.filter((e) => !e.unmatched && [e.typed.choice, e.typed.deduction, e.typed.reason, e.typed.reviewer].some((v) => v !== null && v !== undefined && v !== "")).length : 0;
    return { units: progressOf(office, [], [], opts), hasSheet: !!office.sheet && !office.sheet.foreign, rows: office.sheet?.entries.filter((e) => !e.unmatched).length ?? 0, typed, recordProblems: office.recordProblems, syncs: syncs() };
  });
}

export interface ReviewSheetMade {
  /** Rows of the table (unit × clause), those needing attention, and typed decisions kept from the earlier 核定表. */
  rows: number;
  attention: number;
  kept: number;
  /** Decisions of the earlier 核定表 without a row now (the 未匹配 section), never dropped. */
  unmatched: number;
  /** Whether an earlier 核定表 was replaced (a refresh). */
  refreshed: boolean;
  /** Made with the workbook's 平台数据: rows with platform figures, and those whose platform deduction differs (按平台数据 offered). */
  platform?: { rows: number; differ: number };
  /** What this Excel lacks and was left out (autofilter, print setup…), in Chinese. */
  skipped: string[];
  /** An old sheet Excel would not delete, left under its aside name. */
  left: string[];
  syncs: number;
}

/** The sheet a refresh writes before it takes the 核定表's place (src/office/run.ts swapIn). */
const DRAFT = `${REVIEW_SHEET}（更新中）`;

const typedOf = (entries: readonly ReviewSheetEntry[]) => JSON.stringify(entries.map((e) => [e.unit, e.clauseId, e.basis, e.typed.choice, e.typed.deduction, e.typed.reason, e.typed.reviewer]));

/**
 * 生成核定表 / 更新核定表: the 核定表 (src/review/reviewSheetGrid.ts, the document the command line's `review`
 * writes) made from the unit sheets in the workbook and the 核定记录, in the office's workbook. A refresh keeps
 * every decision typed in the earlier 核定表: on its row by key while the unit's figures are the same, otherwise
 * in the 未匹配 section (src/review/reviewSheet.ts). The new sheet is written as a draft and takes the old one's
 * place only when complete (swapIn: renames, undone on failure); just before, the old sheet's typed cells are
 * read again — if a co-author typed meanwhile, the draft is removed and nothing changes ("Coauthoring in Excel
 * add-ins": values read earlier are not trusted after a sync).
 */
export async function makeReviewSheet(opts: RecordOptions = {}): Promise<ReviewSheetMade> {
  return runExcel(async (context) => {
    const { context: counted, syncs } = countingSyncs(context);
    const office = await readOffice(counted, opts);
    const exists = office.snap.sheetNames.includes(REVIEW_SHEET);
    if (office.sheet?.foreign) throw new RecordError(`工作簿中已有名为“${REVIEW_SHEET}”的工作表，但不是本加载项生成的核定表（找不到核定表的列标题）；为免改动它，请将其重命名后再生成`);
    if (office.snap.sheetNames.includes(DRAFT)) throw new RecordError(`工作簿中有上次未完成更新留下的“${DRAFT}”工作表；请先删除它（其中没有考核组填写的核定），再点“更新核定表”`);
    const data = reviewSheetData(office.units, { year: office.year, expected: office.expected, generatedAt: auditTime(opts.now), previous: office.sheet?.entries, platform: !!office.platform });
    for (const p of office.platformProblems) data.notes.push(p);
    if (!data.rows.length) throw new RecordError("工作簿中没有可以核定的单位考核表；请先“导入回收表”，再生成核定表");
    const doc = { ...buildReviewSheet(data), name: exists ? DRAFT : REVIEW_SHEET };
    const supports = opts.supports ?? officeSupports();
    // The workbook's structure (a sheet is added, and a refresh renames and deletes): refused before any write.
    const structure = queueProtectionRead(counted, [], supports);
    await counted.sync();
    structure.check({ changesSheets: true });

    const ws = counted.workbook.worksheets.add(doc.name);
    const skipped = queueSheetDoc(ws, doc, supports);
    // The earlier 核定表's typed cells, read again with the write: what a co-author typed since the first read.
    const again = exists ? counted.workbook.worksheets.getItem(REVIEW_SHEET).getUsedRangeOrNullObject(true) : undefined;
    again?.load("values,rowIndex,columnIndex");
    try {
      await counted.sync();
    } catch (e) {
      await removeSheetIfPresent(counted, doc.name);
      throw writeFailed(e, `写入“${REVIEW_SHEET}”`, "没有改动原有的工作表");
    }
    let left: string[] = [];
    if (exists) {
      const now = again && !again.isNullObject ? readReviewSheet(fromA1({ values: again.values, row: again.rowIndex + 1, col: again.columnIndex + 1 })).entries : [];
      if (typedOf(now) !== typedOf(office.sheet?.entries ?? [])) {
        await removeSheetIfPresent(counted, DRAFT);
        throw new RecordError(`更新期间有人在“${REVIEW_SHEET}”中填写了核定（共享工作簿的另一位成员），为免丢失，核定表没有更新；请再点一次“更新核定表”`);
      }
      try {
        left = await swapIn(counted, [{ name: REVIEW_SHEET, draft: ws, draftName: DRAFT, existed: true }], () => ws.activate());
      } catch (e) {
        await removeSheetIfPresent(counted, DRAFT);
        throw writeFailed(e, `替换“${REVIEW_SHEET}”`, "原有的核定表保持原样");
      }
    } else {
      ws.activate();
      await counted.sync().catch(() => undefined);
    }
    return {
      rows: data.rows.length,
      attention: data.rows.filter((r) => r.attention.length).length,
      kept: data.rows.filter((r) => r.decision).length,
      unmatched: data.unmatched.length,
      refreshed: exists,
      ...(data.platform ? { platform: { rows: data.rows.filter((r) => r.platform).length, differ: data.rows.filter((r) => r.attention.includes("平台扣分不同")).length } } : {}),
      skipped,
      left,
      syncs: syncs(),
    };
  });
}
