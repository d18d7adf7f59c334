// The template's 双公示台账: a sheet beside a unit's template where the unit pastes its 双公示 records, and the
// two 双公示 count inputs (InputSpec.publicity) count them by the layout's own formula. This module is the
// contract between the writers (src/layout/ledger.ts builds the sheet and the formulas) and the reader and
// review (src/core/filled.ts, src/review/steps/ledger.ts), as names.ts is for the CR_* names:
//
// - where the ledger is (its sheet name, derived from the template sheet's; its columns and rows),
// - the rule each row is judged by — core's calendar and 7 日公示 rule (./publicity.ts, ./calendar) on the
//   dates as the sheet's native formulas read them (ledgerDate: a date, a serial, or text such as 2022-03-05,
//   2022/3/5, 2022.3.5, 2022年3月5日, 20220305, with or without a time) within the calendar the sheet carries
//   (the assessment year and its neighbours),
// - the two count formulas the template writes into the count inputs (ledgerCountFormula) and how a formula
//   read from a file is compared with them (sameFormula).
//
// A returned file is untrusted: the review never takes a count's saved value, it counts the ledger's rows
// itself by this rule (countLedger) and reports a saved value that differs.
import { calendarYears, workingDaysAfter } from "./calendar/index";
import { formatDate, serialToIso } from "./coerce";
import { PUBLICITY_WORKING_DAYS } from "./publicity";

/** The ledger sheet of a template sheet (at most 31 characters, like every sheet name). */
export function ledgerSheetName(templateSheet: string): string {
  return `${templateSheet.slice(0, 26)}双公示台账`;
}

/** Records the sheet is prepared for (formulas in every row); the reader's limits stay as they are. */
export const LEDGER_ROWS = 2000;

/** 1-based row of the headings; records start on the next row. */
export const LEDGER_HEAD_ROW = 3;
export const LEDGER_FIRST_ROW = LEDGER_HEAD_ROW + 1;
export const LEDGER_LAST_ROW = LEDGER_FIRST_ROW + LEDGER_ROWS - 1;

/**
 * 1-based columns. A–D and H are typed (pasted); E–G are the sheet's formulas; J–Q are hidden helpers (a date
 * as text, its date part, its yyyymmdd key, its serial — for 决定日期 and for 公示日期); S–T the hidden calendar.
 */
export const LEDGER_COL = {
  subject: 1,
  docNo: 2,
  decision: 3,
  published: 4,
  days: 5,
  status: 6,
  reason: 7,
  remark: 8,
  /** First helper column (J): decision text, part, key, serial; then the same for the publication date. */
  helper: 10,
  calDate: 19,
  calCum: 20,
} as const;

/** The typed (pasted) columns: a formula in one of them is the unit's, read as empty and reported (core/filled.ts). */
export const LEDGER_TYPED_COLS: readonly number[] = [LEDGER_COL.subject, LEDGER_COL.docNo, LEDGER_COL.decision, LEDGER_COL.published, LEDGER_COL.remark];

/** The headings, as the publicity command's column finder accepts them (src/review/records.ts). */
export const LEDGER_HEADINGS: Record<"subject" | "docNo" | "decision" | "published" | "days" | "status" | "reason" | "remark", string> = {
  subject: "行政相对人名称",
  docNo: "决定书文号",
  decision: "决定日期",
  published: "公示或上报日期",
  days: "工作日数",
  status: "是否按时",
  reason: "说明",
  remark: "备注",
};

export type LedgerStatus = "按时" | "逾期" | "有误";

/** The years of calendar a ledger of the assessment `year` carries: the year and its neighbours, as far as the calendar holds them. */
export function ledgerSpan(year: number): { from: number; to: number } | undefined {
  const { first, last } = calendarYears();
  const from = Math.max(first, year - 1);
  const to = Math.min(last, year + 1);
  return from <= to ? { from, to } : undefined;
}

/** Serials of 1990-01-01 and 2099-12-31 (as the publicity command's record dates). */
const FIRST_SERIAL = 32874;
const LAST_SERIAL = 73050;

/** yyyymmdd → serial when it is a real date of 1990–2099 (the sheet's DATE round trip). */
function keyToSerial(key: number): number | undefined {
  if (!Number.isInteger(key) || key < 19900101 || key > 20991231) return undefined;
  const y = Math.floor(key / 10000);
  const m = Math.floor(key / 100) % 100;
  const d = key % 100;
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (m < 1 || d < 1 || back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return undefined;
  return t / 86_400_000 + 25569;
}

/**
 * A ledger date as the sheet's formulas read it: the serial of the day, or undefined when it is no date.
 * A number is a serial (1990–2099, the time of day dropped) or a yyyymmdd number; a Date (a date cell as the
 * reader returns it) its day; text is trimmed, 年 月 / . become "-", 日 and T a space, and the part before the
 * first space must be yyyy-m-d or yyyymmdd (digits only) of a real day.
 */
export function ledgerDate(raw: unknown): number | undefined {
  if (raw instanceof Date) {
    const s = raw.getTime() / 86_400_000 + 25569;
    return Number.isFinite(s) ? ledgerDate(s) : undefined;
  }
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return undefined;
    if (raw >= FIRST_SERIAL && raw < LAST_SERIAL + 1) return Math.floor(raw + 1e-9);
    return keyToSerial(raw);
  }
  if (typeof raw !== "string") return undefined;
  const t = raw.replace(/[年月/.]/g, "-").replace(/[日T]/g, " ").replace(/ +/g, " ").trim();
  const part = t.split(" ")[0];
  if (/^\d{8}$/.test(part)) return keyToSerial(Number(part));
  const m = /^(\d{4})-(\d+)-(\d+)$/.exec(part);
  if (!m) return undefined;
  return keyToSerial(Number(m[1]) * 10000 + Number(m[2]) * 100 + Number(m[3]));
}

/** A typed value in a message: “2022-13-01”, 44621. */
function shown(v: unknown): string {
  return typeof v === "string" ? `“${v.trim().slice(0, 40)}”` : v instanceof Date ? "" : `（${String(v)}）`;
}

/** A cell the sheet takes as empty: nothing, or text of spaces only (Excel's TRIM). */
export function ledgerBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.replace(/ /g, "") === "");
}

export interface LedgerRowJudged {
  /** 1-based sheet row. */
  row: number;
  status: LedgerStatus;
  /** Working days after the decision day up to the publication day, when both are usable. */
  days?: number;
  /** Why the row is 有误, in Chinese, naming the column. */
  reason?: string;
  /** The column the reason is about (1-based: 决定日期 or 公示或上报日期). */
  column?: number;
}

/** One ledger row (the typed cells A–D): undefined when it holds no record. */
export function judgeLedgerRow(row: number, cells: { subject?: unknown; docNo?: unknown; decision?: unknown; published?: unknown }, year: number): LedgerRowJudged | undefined {
  if ([cells.subject, cells.docNo, cells.decision, cells.published].every(ledgerBlank)) return undefined;
  const d = ledgerDate(cells.decision);
  const p = ledgerDate(cells.published);
  const bad = (reason: string, column: number = LEDGER_COL.decision): LedgerRowJudged => ({ row, status: "有误", reason, column });
  if (d === undefined) return bad(ledgerBlank(cells.decision) ? "未填决定日期" : `决定日期${shown(cells.decision)}不是可识别的日期，请填写为日期（如 2022-03-05）`);
  if (p === undefined) return bad(ledgerBlank(cells.published) ? "未填公示或上报日期" : `公示或上报日期${shown(cells.published)}不是可识别的日期，请填写为日期（如 2022-03-05）`, LEDGER_COL.published);
  if (p < d) return bad(`公示或上报日期 ${formatDate(serialToIso(p))} 早于决定日期 ${formatDate(serialToIso(d))}`, LEDGER_COL.published);
  const span = ledgerSpan(year);
  const inSpan = (s: number) => span !== undefined && Number(serialToIso(s).slice(0, 4)) >= span.from && Number(serialToIso(s).slice(0, 4)) <= span.to;
  if (!inSpan(d)) return bad(`决定日期 ${formatDate(serialToIso(d))} 不在本台账的工作日历范围（${ledgerYears(year)}）内，无法按工作日计算`);
  if (!inSpan(p)) return bad(`公示或上报日期 ${formatDate(serialToIso(p))} 不在本台账的工作日历范围（${ledgerYears(year)}）内，无法按工作日计算`, LEDGER_COL.published);
  const days = workingDaysAfter(serialToIso(d), serialToIso(p));
  if (!days.ok) return bad(days.reason);
  return { row, status: days.value <= PUBLICITY_WORKING_DAYS ? "按时" : "逾期", days: days.value };
}

/** "2021—2023 年": the calendar a ledger of `year` carries, in a message. */
export function ledgerYears(year: number): string {
  const s = ledgerSpan(year);
  if (!s) return "无";
  return s.from === s.to ? `${s.from} 年` : `${s.from}—${s.to} 年`;
}

export interface LedgerCount {
  /** Rows holding a record (any of 行政相对人, 文号, 决定日期, 公示日期 filled). */
  total: number;
  onTime: number;
  rows: LedgerRowJudged[];
}

/**
 * Counts a ledger sheet's records by core's rule. `rows[r - 1][c - 1]` as a reader returns a whole sheet;
 * `formulaCells` (addresses) are typed cells holding a formula: read as empty — a saved result is never used.
 */
export function countLedger(rows: readonly (readonly unknown[] | undefined)[], year: number, formulaCells: ReadonlySet<string> = new Set()): LedgerCount {
  const out: LedgerCount = { total: 0, onTime: 0, rows: [] };
  const last = Math.min(rows.length, LEDGER_LAST_ROW);
  const C = LEDGER_COL;
  const letters = ["", "A", "B", "C", "D"];
  for (let r = LEDGER_FIRST_ROW; r <= last; r++) {
    const row = rows[r - 1];
    if (!row) continue;
    const at = (c: number) => (formulaCells.has(`${letters[c]}${r}`) ? null : row[c - 1]);
    const judged = judgeLedgerRow(r, { subject: at(C.subject), docNo: at(C.docNo), decision: at(C.decision), published: at(C.published) }, year);
    if (!judged) continue;
    out.total++;
    if (judged.status === "按时") out.onTime++;
    out.rows.push(judged);
  }
  return out;
}

/** "'兴山区双公示台账'!$F$4:$F$2003": the status column the counts count. */
function statusRange(ledgerSheet: string): string {
  return `'${ledgerSheet.replace(/'/g, "''")}'!$F$${LEDGER_FIRST_ROW}:$F$${LEDGER_LAST_ROW}`;
}

/**
 * The formula (without "=") the template writes into a 双公示 count input: the records counted from the
 * ledger's 是否按时 column ("" while the ledger is empty, so a unit without a ledger simply types over it).
 */
export function ledgerCountFormula(which: "total" | "onTime", ledgerSheet: string): string {
  const r = statusRange(ledgerSheet);
  const all = `COUNTIF(${r},"按时")+COUNTIF(${r},"逾期")+COUNTIF(${r},"有误")`;
  return which === "total" ? `IF(${all}=0,"",${all})` : `IF(${all}=0,"",COUNTIF(${r},"按时"))`;
}

/**
 * A formula as compared with the layout's: without a leading "=", spaces outside text, "$", the quotes around
 * sheet names, Excel's "_xlfn."/"_xldudf_" spellings, and with letters outside text in upper case. Text in
 * double quotes is kept as written.
 */
export function normalizeFormula(f: string): string {
  let out = "";
  let inText = false;
  const s = f.trim().replace(/^=/, "");
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '"') {
      inText = !inText;
      out += ch;
      continue;
    }
    if (inText) {
      out += ch;
      continue;
    }
    if (ch === " " || ch === "$" || ch === "'" || ch === "\n" || ch === "\r" || ch === "\t") continue;
    out += ch.toUpperCase();
  }
  return out.replace(/_XLFN\./g, "");
}

/** Whether a formula read from a file is the layout's `expected` formula (see normalizeFormula). */
export function sameFormula(read: string, expected: string): boolean {
  return normalizeFormula(read) === normalizeFormula(expected);
}
