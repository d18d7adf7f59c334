// The one place where a raw value (a cell's value, a custom-function argument, a JSON answer) becomes
// an engine value, or a Chinese reason why it cannot. Callers add where the value came from
// (sheet, cell, argument).
import { formatCount } from "./format";
import type { InputSpec } from "./types";

export type EngineValue = boolean | number | string;

export type Coerced =
  | { state: "ok"; value: EngineValue }
  | { state: "missing" }
  | { state: "error"; reason: string };

const FULL_WIDTH = /[\uFF01-\uFF5E]/g;

function isSpaceCode(c: number): boolean {
  return c <= 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Full-width ASCII (１２，％) to half-width, ideographic and other spaces removed at both ends. */
export function normalizeText(s: string): string {
  // Fast path (custom functions call this on every cell): nothing to trim and no full-width character.
  const n = s.length;
  if (n === 0) return s;
  if (!isSpaceCode(s.charCodeAt(0)) && !isSpaceCode(s.charCodeAt(n - 1))) {
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0xff01 && c <= 0xff5e) break;
    }
    if (i === n) return s;
  }
  return s.replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/^[\s\u3000]+|[\s\u3000]+$/g, "");
}

/** Spaces (ideographic ones too) removed at both ends; nothing else changed. */
export function trimSpaces(s: string): string {
  return s.replace(/^[\s\u3000]+|[\s\u3000]+$/g, "");
}

/** Removes binary noise (0.29 × 100 = 28.999999999999996) without rounding real digits. */
export function cleanNumber(x: number): number {
  return Number(x.toFixed(10));
}

function describe(raw: unknown): string {
  if (typeof raw === "string") return `“${raw}”`;
  if (raw instanceof Date) return "日期";
  return String(raw);
}

/** Parses "1,200", "１２", " 85 " into a finite number; undefined if it is not a plain number. */
export function parseNumber(s: string): number | undefined {
  const t = normalizeText(s).replace(/,/g, "");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** A plain number: a finite number, or numeric text ("1,200", "１２", " 85 "); undefined for anything else. */
export function numberOf(raw: unknown): number | undefined {
  if (typeof raw === "number") return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw === "string") return parseNumber(raw);
  return undefined;
}

/** "为错误值 #N/A，请先更正": the one wording of an upstream error value, after what holds it (单元格, 第 2 个参数…). */
export function errorValueReason(code: string): string {
  return `为错误值 ${code}，请先更正`;
}

export function isBlank(raw: unknown): boolean {
  return raw === null || raw === undefined || (typeof raw === "string" && normalizeText(raw) === "");
}

const MISSING: Coerced = Object.freeze({ state: "missing" }) as Coerced;
// Excel's error values as a cell or Office.js shows them (the kinds of Excel.ErrorCellValueType in the
// Office.js reference, plus #PYTHON!).
const ERROR_TEXT = /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|BUSY!|GETTING_DATA|CONNECT!|FIELD!|BLOCKED!|EXTERNAL!|PYTHON!|UNKNOWN!)$/;

/** The error value ("#N/A", "#DIV/0!" …) a text is, spaces at the ends ignored; undefined for any other text. */
export function errorValueOf(text: string): string | undefined {
  const c = text.charCodeAt(0);
  if (c !== 35 /* # */ && !isSpaceCode(c)) return undefined; // most texts: no trim, no regex
  const t = text.trim();
  return t.charCodeAt(0) === 35 /* # */ && ERROR_TEXT.test(t) ? t : undefined;
}

export function coerce(spec: InputSpec, raw: unknown): Coerced {
  if (raw === null || raw === undefined) return MISSING;
  // Text is normalised once here; the typed coercions below get the clean text.
  let value: unknown = raw;
  if (typeof raw === "string") {
    const t = normalizeText(raw);
    if (t === "") return MISSING;
    // Error values from upstream cells, as Office.js presents them ("#N/A" text).
    if (errorValueOf(t)) return { state: "error", reason: `单元格${errorValueReason(t)}` };
    if (t === "不涉及") return { state: "error", reason: "“不涉及”请在本指标的“是否涉及”处选择，此处不能填写" };
    value = t;
  } else if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return { state: "error", reason: "不是有效的数字（可能是除以 0 等公式错误），请更正" };
  } else if (typeof raw === "object" && "error" in raw) {
    // Error values as ExcelJS presents them ({error: "#REF!"}).
    return { state: "error", reason: `单元格${errorValueReason(String((raw as { error: unknown }).error))}` };
  }
  switch (spec.type) {
    case "bool":
      return coerceBool(value);
    case "count":
      return coerceCount(spec, value);
    case "percent":
      return coercePercent(spec, value);
    case "date":
      return coerceDate(spec, value);
    case "text":
      // Free text keeps what was typed (full-width punctuation included); only the ends are trimmed.
      return typeof raw === "string" ? { state: "ok", value: trimSpaces(raw) } : typeof raw === "number" ? { state: "ok", value: String(raw) } : { state: "error", reason: `应为文字，收到 ${describe(raw)}` };
  }
}

const TRUE: Coerced = Object.freeze({ state: "ok", value: true }) as Coerced;
const FALSE: Coerced = Object.freeze({ state: "ok", value: false }) as Coerced;

function coerceBool(raw: unknown): Coerced {
  if (typeof raw === "boolean") return raw ? TRUE : FALSE;
  if (typeof raw === "string") {
    if (raw === "是") return TRUE;
    if (raw === "否") return FALSE;
    const t = raw.toUpperCase();
    if (t === "TRUE") return TRUE;
    if (t === "FALSE") return FALSE;
  }
  return { state: "error", reason: `应选择“是”或“否”，收到 ${describe(raw)}` };
}

function coerceCount(spec: InputSpec, raw: unknown): Coerced {
  const n = numberOf(raw); // coerce() has already turned a non-finite number into an error
  const unit = spec.unit ?? "";
  if (n === undefined) return { state: "error", reason: `应为不小于 0 的整数（${unit}），收到 ${describe(raw)}` };
  if (!Number.isInteger(n)) return { state: "error", reason: `应为整数（${unit}），收到 ${n}` };
  if (n < (spec.min ?? 0)) return { state: "error", reason: `不能为负数，收到 ${n}` };
  if (spec.max !== undefined && n > spec.max) return { state: "error", reason: `不能大于 ${formatCount(spec.max)}${unit}，收到 ${formatCount(n)}` };
  return { state: "ok", value: n };
}

/**
 * Percents follow Excel: a number is a fraction (0.85 = 85 %), as a percent-formatted cell stores it;
 * text may carry a % sign ("85%"). The engine works in percent points (85).
 */
function coercePercent(spec: InputSpec, raw: unknown): Coerced {
  let points: number | undefined;
  if (typeof raw === "number") points = raw * 100;
  else if (typeof raw === "string") {
    const t = raw;
    if (t.endsWith("%")) {
      const n = parseNumber(t.slice(0, -1));
      points = n;
    } else {
      const n = parseNumber(t);
      points = n === undefined ? undefined : n * 100;
    }
  }
  if (points === undefined || !Number.isFinite(points)) return { state: "error", reason: `应为百分比（如 85%），收到 ${describe(raw)}` };
  if (!Number.isInteger(points)) points = cleanNumber(points);
  const min = spec.min ?? 0;
  const max = spec.max ?? 100;
  if (points < min || points > max) {
    const hint = typeof raw === "number" && raw > 1 && raw <= 100 ? `；若指 ${raw}%，请输入“${raw}%”` : "";
    return { state: "error", reason: `应在 ${min}% 到 ${max}% 之间，收到 ${points}%${hint}` };
  }
  return { state: "ok", value: points };
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** Excel 1900-system serial number to ISO date (serials after 1900-03-01, the only ones that matter here). */
// Date arithmetic by hand: building Date objects and ISO strings cost ~1 µs per cell, the largest
// single cost of a custom-function call.
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Days since 1970-01-01 to a proleptic Gregorian y-m-d (H. Hinnant's civil_from_days). */
function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** Excel's serial 25569 is 1970-01-01 (1900 date system). */
const SERIAL_UNIX_EPOCH = 25569;

/** Excel 1900-system serial number to ISO date (serials after 1900-03-01, the only ones that matter here). */
export function serialToIso(serial: number): string {
  const [y, m, d] = civilFromDays(Math.floor(serial) - SERIAL_UNIX_EPOCH);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

export function isoToSerial(iso: string): number {
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - EXCEL_EPOCH_MS) / DAY_MS);
}

/** Days from the 1900 date system's serial 0 to the 1904 system's (1904-01-01, serial 0 on a Mac Excel workbook). */
const DAYS_1900_TO_1904 = 1462;

/**
 * An Excel serial to a Date in UTC (a whole serial is UTC midnight, what ExcelJS writes as that serial), to
 * the millisecond. `date1904`: the workbook uses the 1904 date system (workbookPr date1904, Mac Excel), where
 * the same serial is four years and a day later.
 */
export function serialToDate(serial: number, date1904 = false): Date {
  return new Date(Math.round((serial - SERIAL_UNIX_EPOCH + (date1904 ? DAYS_1900_TO_1904 : 0)) * DAY_MS));
}

/** A Date (as ExcelJS reads a date cell) to its Excel serial, whole days. */
export function dateToSerial(d: Date): number {
  return Math.round(d.getTime() / DAY_MS + SERIAL_UNIX_EPOCH);
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function isoFromParts(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/**
 * A `t="d"` cell's ISO 8601 text (ECMA-376 Part 1 §18.17.4: "2022-05-01", "2022-05-01T23:30:00",
 * "2022-05-01T23:30:00+08:00", "…Z") to the date and time it shows, as a Date in UTC like serialToDate's.
 * The offset is ignored: Excel and LibreOffice show the calendar date and clock time written, so a
 * publication written "2022-05-01T00:30:00+08:00" is 5月1日, never the 4月30日 it would be in UTC — a late
 * date must not read as on time. Undefined for text that is not such a date (the caller keeps the text, so
 * the coercion names it).
 */
export function isoTextToDate(text: string): Date | undefined {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(?:[zZ]|[+-]\d{2}(?::?\d{2})?)?\s*$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h = 0, mi = 0, s = 0] = m.slice(1, 7).map((x) => (x === undefined ? undefined : Number(x)));
  if (isoFromParts(y!, mo!, d!) === undefined || h! > 23 || mi! > 59 || s! > 59) return undefined;
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  const date = new Date(Date.UTC(2000, mo! - 1, d!, h, mi, s, ms));
  date.setUTCFullYear(y!); // Date.UTC reads years 0–99 as 1900–1999
  return date;
}

/** "2022-04-28", "2022/4/28", "2022.4.28", "2022年4月28日" → ISO; undefined if not a real date. */
export function parseDateText(s: string): string | undefined {
  const t = normalizeText(s);
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t);
  if (!m) return undefined;
  return isoFromParts(Number(m[1]), Number(m[2]), Number(m[3]));
}

function coerceDate(spec: InputSpec, raw: unknown): Coerced {
  let iso: string | undefined;
  if (raw instanceof Date && !Number.isNaN(raw.getTime())) iso = raw.toISOString().slice(0, 10);
  else if (typeof raw === "number" && raw >= 61 && raw < 2958466) iso = serialToIso(raw);
  else if (typeof raw === "string") {
    iso = parseDateText(raw);
    if (iso === undefined) {
      const n = parseNumber(raw);
      if (n !== undefined && n >= 61 && n < 2958466) iso = serialToIso(n);
    }
  }
  if (iso === undefined) return { state: "error", reason: `应为日期（如 2022-04-28），收到 ${describe(raw)}` };
  if ((spec.minDate && iso < spec.minDate) || (spec.maxDate && iso > spec.maxDate)) {
    return { state: "error", reason: `应在 ${formatDate(spec.minDate ?? iso)} 至 ${formatDate(spec.maxDate ?? iso)} 之间，收到 ${formatDate(iso)}` };
  }
  return { state: "ok", value: iso };
}

export function formatDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}
