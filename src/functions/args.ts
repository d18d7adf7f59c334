// Argument handling shared by every custom function: raw cell values (as Excel, HyperFormula or a test
// passes them) become engine values through coerce() of src/core, or an FnError with a Chinese message
// naming the argument (第几个参数) and, inside a range, the item (第几项「label」).
// No CustomFunctions global here: functions.ts turns an FnError into a CustomFunctions.Error.
import { coerce, isBlank, normalizeText, parseNumber, type Coerced, type InputSpec } from "../core/index";

export type FnErrorCode = "#VALUE!" | "#N/A";

/** An error result: #VALUE! (wrong value) or #N/A (unknown id), with the Chinese message Excel shows. */
export class FnError {
  constructor(
    readonly code: FnErrorCode,
    readonly message: string,
  ) {}
}

/** What a clause, rate or weighted score shows while its inputs are not filled in (not an error, not 0). */
export const PENDING = "待填";

const ERROR_TEXT = /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|BUSY!|GETTING_DATA|CONNECT!|FIELD!|BLOCKED!|UNKNOWN!)$/;

/** The error code of an upstream error value (CustomFunctions.Error {code}, ExcelJS {error}, "#N/A" text), else undefined. */
export function errorCodeOf(raw: unknown): string | undefined {
  if (typeof raw === "string") {
    const t = raw.trim();
    return t.charCodeAt(0) === 35 /* # */ && ERROR_TEXT.test(t) ? t : undefined;
  }
  if (raw !== null && typeof raw === "object" && !(raw instanceof Date) && !Array.isArray(raw)) {
    const o = raw as { code?: unknown; error?: unknown };
    if (typeof o.code === "string") return o.code;
    if (o.error !== undefined) return String(o.error);
    return "#VALUE!";
  }
  return undefined;
}

/**
 * A raw cell value in the form coerce() knows: an error object becomes its "#N/A" text (which
 * coerce() reports as 单元格为错误值 …); anything else passes unchanged.
 */
export function cellValue(raw: unknown): unknown {
  if (raw !== null && typeof raw === "object" && !(raw instanceof Date)) return errorCodeOf(raw);
  return raw;
}

/** How a raw value is quoted in a message. */
export function describe(raw: unknown): string {
  if (raw === null || raw === undefined) return "空白";
  if (typeof raw === "string") return normalizeText(raw) === "" ? "空白" : `“${raw.length > 40 ? `${raw.slice(0, 40)}…` : raw}”`;
  if (raw instanceof Date) return "日期";
  if (typeof raw === "number" && !Number.isFinite(raw)) return "无效的数字（可能是公式错误）";
  const err = errorCodeOf(raw);
  if (err) return `错误值 ${err}`;
  return String(raw);
}

export function argName(n: number, name: string): string {
  return `第 ${n} 个参数（${name}）`;
}

/** A range argument as a list of cells: a scalar is one cell; a matrix must be one row or one column. */
export interface Cells {
  count: number;
  at(k: number): unknown;
}

/**
 * Reads a range that must be a single row or column. Returns the number of cells or an FnError;
 * cells are read with cellAt(range, k) (no copy: the hot path allocates nothing).
 */
export function vectorLength(range: unknown, n: number, name: string): number | FnError {
  if (!Array.isArray(range)) return 1;
  const rows = range.length;
  if (rows === 0) return 0;
  const first = range[0];
  if (!Array.isArray(first)) return rows; // a flat list (tests, other hosts)
  if (rows === 1) return first.length;
  for (let i = 0; i < rows; i++) {
    const row = range[i];
    if (!Array.isArray(row) || row.length !== 1) {
      return new FnError("#VALUE!", `${argName(n, name)}应为一行或一列单元格，收到 ${rows} 行 ${Array.isArray(row) ? Math.max(row.length, first.length) : "?"} 列的区域`);
    }
  }
  return rows;
}

export function cellAt(range: unknown, k: number): unknown {
  if (!Array.isArray(range)) return range;
  const first = range[0];
  if (!Array.isArray(first)) return range[k];
  return range.length === 1 ? first[k] : (range[k] as unknown[])[0];
}

/** Any rectangular range (or scalar) flattened row by row. */
export function flatten(range: unknown): unknown[] {
  if (!Array.isArray(range)) return [range];
  const out: unknown[] = [];
  for (const row of range) {
    if (Array.isArray(row)) for (const v of row) out.push(v);
    else out.push(row);
  }
  return out;
}

/**
 * The optional 是否涉及 argument: blank or "涉及" → applicable (false), "不涉及" → not applicable (true).
 */
export function notApplicableArg(raw: unknown, n: number): boolean | FnError {
  if (raw === undefined || raw === null) return false;
  const v = Array.isArray(raw) ? cellAt(raw, 0) : raw;
  if (typeof v === "string") {
    const t = normalizeText(v);
    if (t === "" || t === "涉及") return false;
    if (t === "不涉及") return true;
  }
  if (v === undefined || v === null) return false;
  const err = errorCodeOf(v);
  if (err) return new FnError("#VALUE!", `${argName(n, "是否涉及")}为错误值 ${err}，请先更正`);
  return new FnError("#VALUE!", `${argName(n, "是否涉及")}应为“涉及”或“不涉及”（或留空表示涉及），收到 ${describe(v)}`);
}

/** The text of an id argument ("2022:county.2.1.1"), or an FnError when it is blank or not text. */
export function idArg(raw: unknown, n: number, name: string): string | FnError {
  const v = Array.isArray(raw) ? cellAt(raw, 0) : raw;
  if (typeof v === "string") {
    if (normalizeText(v) === "") return new FnError("#VALUE!", `${argName(n, name)}为空，请填写编号，如 2022:county.2.1.1`);
    const err = errorCodeOf(v);
    if (err) return new FnError("#VALUE!", `${argName(n, name)}为错误值 ${err}，请先更正`);
    return v;
  }
  if (isBlank(v)) return new FnError("#VALUE!", `${argName(n, name)}为空，请填写编号，如 2022:county.2.1.1`);
  const err = errorCodeOf(v);
  if (err) return new FnError("#VALUE!", `${argName(n, name)}为错误值 ${err}，请先更正`);
  return new FnError("#N/A", `未知${name} ${describe(v)}：应为文字编号，如 2022:county.2.1.1`);
}

const PART: InputSpec = { id: "part", label: "部分数", type: "count" };
const WHOLE: InputSpec = { id: "whole", label: "总数", type: "count" };

/** A count argument of CREDIT.SHARE through the engine's coercion. */
export function countArg(raw: unknown, whole: boolean): Coerced {
  return coerce(whole ? WHOLE : PART, cellValue(Array.isArray(raw) ? cellAt(raw, 0) : raw));
}

/** A plain number argument (number or numeric text such as "１２" or "85.5"); undefined when it is none. */
export function numberOf(raw: unknown): number | undefined {
  if (typeof raw === "number") return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw === "string") return parseNumber(raw);
  return undefined;
}
