// 核定 by the 考核组: a verified deduction and its reason beside the self-assessed one, and an audit log
// (who, when, clause, from, to, reason) that is only ever appended to.
import { canonicalName, clauseNumber, indexOf, isBlank, numberOf, UNIT_KIND_LABEL, type Catalog } from "../core/index";
import { formatPoints } from "../core/format";
import { RECORD_ID_HEADER, settleRows } from "./recordIds";

export const AUDIT_SHEET = "核定记录";
/** The first ten columns, all a 核定记录 had before 类型 and 依据指纹: such a log still reads (every entry a 核定 without a basis). */
const LEGACY_HEADERS = ["时间", "核定人", "工作表", "单位", "条款", "表内自评扣分", "重新计算扣分", "原核定扣分", "核定扣分", "核定说明"] as const;
/**
 * Columns of the 核定记录 sheet. "From" is given three ways so the log stands on its own: the deduction the
 * file showed (表内自评扣分, may have been typed over), the one the engine recomputes from the unit's inputs,
 * and the previous 核定 when the clause is verified a second time. 类型 says how the 核定 was made
 * (ENTRY_KINDS); 依据指纹 is the fingerprint of the figures it was made on (src/review/steps/basis.ts);
 * 记录编号 says which recording the entry belongs to and checks its cells (src/review/recordIds.ts: a recording
 * counts whole or not at all, an entry written twice by co-authors counts once).
 * New columns are only ever added at the end: a log with fewer of them still reads (auditHeader).
 */
export const AUDIT_HEADERS = [...LEGACY_HEADERS, "类型", "依据指纹", RECORD_ID_HEADER] as const;

/**
 * How an entry's 核定 was made: 核定 (the pane's one-clause form, and every entry of an older log), and the
 * two choices of a 核定表 row (src/review/decisions.ts). Every kind sets the clause's 核定扣分 and the last
 * entry of a unit's clause wins. A later kind (复核, 按平台数据) is one more word here and its rule where the
 * entry is made; a log entry of a kind this version does not know is listed, never used.
 */
export const ENTRY_KINDS = ["核定", "同意自评", "改判", "按平台数据", "复核"] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** Whether a 核定记录 sheet's first row is ours: the current header, an older one (a prefix of it), or not ours. */
export function auditHeader(row: readonly unknown[] | undefined): "current" | "legacy" | "foreign" {
  const cells = (row ?? []).slice(0, AUDIT_HEADERS.length).map(cellText);
  for (let i = 0; i < AUDIT_HEADERS.length; i++) {
    if ((cells[i] ?? "") === AUDIT_HEADERS[i]) continue;
    if (i < LEGACY_HEADERS.length) return "foreign";
    // The header of an earlier version ends here: nothing else in the newer columns' places.
    return cells.slice(i).every((x) => x === "") ? "legacy" : "foreign";
  }
  return "current";
}

export interface AuditEntry {
  /** ISO time with offset, e.g. 2022-12-20T15:04:05+08:00 */
  time: string;
  reviewer: string;
  sheet: string;
  unit: string;
  clauseId: string;
  /** The deduction saved in the sheet's formula cell (what the unit saw); text when it was not a number. */
  saved: number | string | null;
  /** Recomputed by the engine from the inputs; the status text (待填, 数据错误) when it cannot decide. */
  recomputed: number | string;
  /** The 核定扣分 replaced, null the first time. */
  previous: number | string | null;
  to: number;
  reason: string;
  /** How the 核定 was made; "核定" when the log does not say (an older log). */
  kind: EntryKind;
  /** Fingerprint of the figures the 核定 was made on; "" in an older log (applies as it is). */
  basis: string;
  /**
   * A 按平台数据 entry: the fingerprint of the office's platform figures it took (platformCheck.ts platformBasis).
   * When the office corrects its 平台数据 afterwards the entry is 需重新核定 (steps/verify.ts). Kept in the
   * 依据指纹 cell after the clause's own fingerprint (basisCell), so the log keeps its columns.
   */
  platformBasis?: string;
}

/** What separates the platform's fingerprint from the clause's in a 依据指纹 cell ("k3m9q2xa7b1c 平台:…"). */
const PLATFORM_BASIS = " 平台:";

/** The 依据指纹 cell of an entry: the clause's fingerprint, and a 按平台数据 entry's platform fingerprint after it. */
export function basisCell(e: Pick<AuditEntry, "basis" | "platformBasis">): string {
  return e.platformBasis ? `${e.basis}${PLATFORM_BASIS}${e.platformBasis}` : e.basis;
}

/** A 依据指纹 cell read back (basisCell). */
function splitBasis(text: string): { basis: string; platformBasis?: string } {
  const at = text.indexOf(PLATFORM_BASIS);
  return at < 0 ? { basis: text } : { basis: text.slice(0, at).trim(), platformBasis: text.slice(at + PLATFORM_BASIS.length).trim() };
}

export interface VerificationInput {
  clauseId: string;
  verified: unknown;
  reason: unknown;
  reviewer: unknown;
  /** Recomputed self-assessed deduction of the clause. */
  selfDeduction?: number;
}

export type Checked = { ok: true; verified: number; reason: string; reviewer: string } | { ok: false; errors: string[] };

/** Checks a 核定 before anything is written; errors in Chinese. */
export function checkVerification(catalog: Catalog, input: VerificationInput): Checked {
  const errors: string[] = [];
  const entry = indexOf(catalog).clauses.get(input.clauseId);
  if (!entry) return { ok: false, errors: [`条款编号“${input.clauseId}”不在 ${catalog.year} 年度${UNIT_KIND_LABEL[catalog.kind]}考核指标中`] };
  const max = entry.clause.deduction;
  const v = numberOf(input.verified) ?? NaN;
  if (isBlank(input.verified) || !Number.isFinite(v)) errors.push(`核定扣分应为数字，收到 ${String(input.verified ?? "空")}`);
  else if (v < 0 || v > max) errors.push(`条款 ${clauseNumber(input.clauseId)} 的核定扣分应在 0 到 ${formatPoints(max)} 分之间，收到 ${v}`);
  // Words are kept as typed (full-width punctuation included), only trimmed: the log quotes the reviewer.
  const reason = isBlank(input.reason) ? "" : String(input.reason).trim();
  const reviewer = isBlank(input.reviewer) ? "" : String(input.reviewer).trim();
  if (!reviewer) errors.push("请填写核定人姓名");
  if (!reason && input.selfDeduction !== undefined && Number.isFinite(v) && v !== input.selfDeduction) {
    errors.push(`核定扣分 ${formatPoints(v)} 与自评 ${formatPoints(input.selfDeduction)} 不同，请写明核定说明`);
  }
  return errors.length ? { ok: false, errors } : { ok: true, verified: v, reason, reviewer };
}

/** Local time with its offset (the office is in UTC+8; the audit says what the reviewer's clock said). */
export function auditTime(d = new Date()): string {
  const off = -d.getTimezoneOffset();
  const local = new Date(d.getTime() + off * 60_000).toISOString().slice(0, 19);
  const sign = off >= 0 ? "+" : "-";
  const hh = String(Math.floor(Math.abs(off) / 60)).padStart(2, "0");
  const mm = String(Math.abs(off) % 60).padStart(2, "0");
  return `${local}${sign}${hh}:${mm}`;
}

/** An entry's cells in the log, every column but the last (the 记录编号, which src/office/auditLog.ts adds). */
export function auditRow(e: AuditEntry): (string | number | null)[] {
  return [e.time, e.reviewer, e.sheet, e.unit, e.clauseId, e.saved, e.recomputed, e.previous, e.to, e.reason, e.kind, basisCell(e)];
}

// ---- reading the 核定记录 back: the only source of 核定 figures for the 汇总 ----

/** The latest record per unit (canonical name) and clause: the log is append-only, so the last one wins. */
export type VerificationRecords<T = AuditEntry> = ReadonlyMap<string, T>;

const recordKey = (unit: string, clauseId: string) => `${unit}\u0000${clauseId}`;

/**
 * Latest record per unit (by core's canonicalName, as units are compared everywhere) and clause: 核定记录
 * entries, or (the command line's `summary --records 核定表.xlsx`) 核定表 decisions still to be made entries
 * against the unit's figures (src/review/decisions.ts). Later items win, in the order given.
 */
export function latestRecords<T extends { unit: string; clauseId: string }>(items: readonly T[]): VerificationRecords<T> {
  const m = new Map<string, T>();
  for (const e of items) m.set(recordKey(canonicalName(e.unit), e.clauseId), e);
  return m;
}

/** The latest record of a clause; `canonicalUnit` is the unit's canonicalName (made once per sheet by the caller). */
export function recordFor<T>(records: VerificationRecords<T> | undefined, canonicalUnit: string, clauseId: string): T | undefined {
  return records?.get(recordKey(canonicalUnit, clauseId));
}

const cellText = (v: unknown): string => (v === null || v === undefined ? "" : v instanceof Date ? v.toISOString() : String(v).trim());

/**
 * The 核定记录 sheet's rows (values, first row = header) → entries, and a Chinese problem per row that
 * cannot be used. A sheet whose header is not ours yields no entries at all (it is not the 考核组's record);
 * an older header (without 类型 and 依据指纹) reads as 核定 entries without a basis. Rows with a 记录编号 count
 * only as src/review/recordIds.ts settleRows says (whole recordings, cells as written, an entry once).
 */
export function parseAuditRows(rows: readonly (readonly unknown[])[]): { entries: AuditEntry[]; problems: string[]; foreign: boolean } {
  if (auditHeader(rows[0]) === "foreign") {
    return { foreign: true, entries: [], problems: [`“${AUDIT_SHEET}”工作表第 1 行表头不是本加载项的核定记录（应为 ${AUDIT_HEADERS.join("、")}），其中的核定未采用`] };
  }
  const entries: AuditEntry[] = [];
  const idColumn = AUDIT_HEADERS.length - 1;
  const logged = [];
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i] ?? [];
    // Every column up to the 记录编号, blank where the reader gave nothing (a short or sparse row).
    if (!r.every((v) => cellText(v) === "")) logged.push({ row: i + 1, cells: Array.from({ length: idColumn }, (_, k) => r[k]), id: r[idColumn] });
  }
  const { used, problems } = settleRows(logged, AUDIT_SHEET);
  for (const { row, cells: r } of used) {
    const i = row - 1;
    const [time, reviewer, sheet, unit, clauseId, saved, recomputed, previous, to, reason, kindCell, basis] = r;
    const figure = numberOf(to);
    if (!cellText(unit) || !cellText(clauseId) || figure === undefined || figure < 0) {
      problems.push(`“${AUDIT_SHEET}”工作表第 ${i + 1} 行缺少单位、条款或有效的核定扣分，这一行未采用`);
      continue;
    }
    const kindText = cellText(kindCell) || "核定";
    const kind = ENTRY_KINDS.find((k) => k === kindText);
    if (!kind) {
      problems.push(`“${AUDIT_SHEET}”工作表第 ${i + 1} 行的类型“${kindText}”不是本版本认识的核定类型（${ENTRY_KINDS.join("、")}），这一行未采用；请用新版本加载项汇总`);
      continue;
    }
    entries.push({
      time: cellText(time), reviewer: cellText(reviewer), sheet: cellText(sheet), unit: cellText(unit), clauseId: cellText(clauseId),
      saved: typeof saved === "number" ? saved : cellText(saved) || null,
      recomputed: typeof recomputed === "number" ? recomputed : cellText(recomputed),
      previous: typeof previous === "number" ? previous : cellText(previous) || null,
      to: figure, reason: cellText(reason), kind, ...splitBasis(cellText(basis)),
    });
  }
  return { foreign: false, entries, problems };
}
