// The arguments of the CREDIT.* functions: how each is declared (a parameter of the table in core.ts, with
// its type and bounds, after HyperFormula's FunctionArgument), and the one runner that turns raw values —
// as Excel, HyperFormula or a test passes them — into typed values through src/core/coerce.ts, or into an
// FnError naming the argument (第几个参数) with a message of the catalogue (messages.ts).
// No CustomFunctions global here: functions.ts turns an FnError into a CustomFunctions.Error.
import { coerce, errorValueOf, isBlank, normalizeText, numberOf, recordDate, type InputSpec } from "../core/index";
import { MSG, PENDING } from "./messages";

export type FnErrorCode = "#VALUE!" | "#N/A";

/** An error result: #VALUE! (wrong value) or #N/A (unknown id), with the Chinese message Excel shows. */
export class FnError {
  constructor(
    readonly code: FnErrorCode,
    readonly message: string,
  ) {}
}

// ---------------------------------------------------------------------------------------------------
// Raw cell values

/** The error code of an upstream error value (CustomFunctions.Error {code}, ExcelJS {error}, "#N/A" text), else undefined. */
export function errorCodeOf(raw: unknown): string | undefined {
  if (typeof raw === "string") return errorValueOf(raw);
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
  if (raw === null || raw === undefined) return MSG.blank;
  if (typeof raw === "string") return normalizeText(raw) === "" ? MSG.blank : MSG.quoted(raw);
  if (raw instanceof Date) return MSG.date;
  if (typeof raw === "number" && !Number.isFinite(raw)) return MSG.badNumber;
  const err = errorCodeOf(raw);
  if (err) return MSG.errorCode(err);
  return String(raw);
}

/**
 * Reads a range that must be a single row or column. Returns the number of cells or an FnError;
 * cells are read with cellAt(range, k) (no copy: the hot path allocates nothing).
 */
export function vectorLength(range: unknown, where: string): number | FnError {
  if (!Array.isArray(range)) return 1;
  const rows = range.length;
  if (rows === 0) return 0;
  const first = range[0];
  if (!Array.isArray(first)) return rows; // a flat list (tests, other hosts)
  if (rows === 1) return first.length;
  for (let i = 0; i < rows; i++) {
    const row = range[i];
    if (!Array.isArray(row) || row.length !== 1) {
      return new FnError("#VALUE!", MSG.notVector(where, rows, Array.isArray(row) ? Math.max(row.length, first.length) : "?"));
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

/** A scalar argument given as a range: its first cell (Excel passes a one-cell reference as [[v]] to `any`). */
const scalar = (raw: unknown): unknown => (Array.isArray(raw) ? cellAt(raw, 0) : raw);

/** The text of an id argument ("2022:county.2.1.1"), or an FnError when it is blank or not text. */
export function idText(raw: unknown, where: string, name: string): string | FnError {
  const v = scalar(raw);
  if (typeof v === "string") {
    if (normalizeText(v) === "") return new FnError("#VALUE!", MSG.blankId(where));
    const err = errorCodeOf(v);
    if (err) return new FnError("#VALUE!", MSG.errorValue(where, err));
    return v;
  }
  if (isBlank(v)) return new FnError("#VALUE!", MSG.blankId(where));
  const err = errorCodeOf(v);
  if (err) return new FnError("#VALUE!", MSG.errorValue(where, err));
  return new FnError("#N/A", MSG.idNotText(name, describe(v)));
}

// ---------------------------------------------------------------------------------------------------
// Parameters

/**
 * What a parameter takes and what the function body receives:
 * - `id`: a catalog id as text, resolved by the table's `resolve` (a clause, or any category/indicator/clause);
 * - `cells`: a range passed on as it is (its shape is checked by the body against the clause);
 * - `range`: any range, flattened row by row (undefined when an optional one is omitted);
 * - `applicability`: 是否涉及 — blank or “涉及” → false, “不涉及” → true;
 * - `count`: an integer ≥ 0 through coerce() (blank → 待填);
 * - `number`: a number (or numeric text) within the bounds (blank → 待填; `passUnfinished`: an unfinished
 *   score's text “未完成…” is the result as it is, and “待填” is 待填);
 * - `date`: a date as core's recordDate reads it — a serial (what Excel passes for a date cell, a time
 *   fraction ignored) or a date text — given to the body as "2022-03-05" (blank → 待填).
 */
export type ParamType = "id" | "cells" | "range" | "applicability" | "count" | "number" | "date";

export interface Param<T extends ParamType = ParamType> {
  /** The name Excel's formula tooltip and 帮助 show (functions.json parameters[].name): Chinese. */
  readonly name: string;
  readonly type: T;
  readonly optional?: boolean;
  /** `number`: inclusive bounds and an exclusive lower bound, as HyperFormula's minValue/maxValue/greaterThan. */
  readonly min?: number;
  readonly max?: number;
  readonly greaterThan?: number;
  /** `number`: what a right value is, for the message “应为…，收到…”. */
  readonly expect?: string;
  /** `number`: a score that is not finished — “未完成（N 项待填）” passes through as the result, “待填” is 待填. */
  readonly passUnfinished?: boolean;
  /** `id`: turns the id text into what the body receives, or an FnError. */
  readonly resolve?: (text: string, where: string) => unknown;
  /** `id`: what `resolve` already gave for this very argument, if it is known (the hot path's cache). */
  readonly known?: (raw: unknown) => unknown;
}

/** A parameter left 待填 (blank), or an unfinished score passed on: the function returns `result`. */
class Pending {
  constructor(readonly result: string) {}
}
const BLANK = new Pending(PENDING);

type Converter = (raw: unknown) => unknown;

const COUNT_SPEC: InputSpec = { id: "argument", label: "", type: "count" };

function converter(p: Param, n: number): Converter {
  const where = MSG.arg(n, p.name);
  switch (p.type) {
    case "id": {
      const resolve = p.resolve ?? ((t: string) => t);
      const known = p.known ?? (() => undefined);
      return (raw) => {
        const hit = known(raw);
        if (hit !== undefined) return hit;
        const text = idText(raw, where, p.name);
        return text instanceof FnError ? text : resolve(text, where);
      };
    }
    case "cells":
      return (raw) => raw;
    case "range":
      return p.optional ? (raw) => (raw === undefined || raw === null ? undefined : flatten(raw)) : flatten;
    case "applicability":
      return (raw) => {
        if (raw === undefined || raw === null) return false;
        const v = scalar(raw);
        if (typeof v === "string") {
          const t = normalizeText(v);
          if (t === "" || t === "涉及") return false;
          if (t === "不涉及") return true;
        }
        if (v === undefined || v === null) return false;
        const err = errorCodeOf(v);
        if (err) return new FnError("#VALUE!", MSG.errorValue(where, err));
        return new FnError("#VALUE!", MSG.expected(where, MSG.applicability, describe(v)));
      };
    case "count":
      return (raw) => {
        const c = coerce(COUNT_SPEC, cellValue(scalar(raw)));
        if (c.state === "missing") return BLANK;
        if (c.state === "error") return new FnError("#VALUE!", `${where}${c.reason}`);
        return c.value;
      };
    case "number":
      return (raw) => {
        const v = cellValue(scalar(raw));
        const err = errorCodeOf(v);
        if (err) return new FnError("#VALUE!", MSG.errorValue(where, err));
        if (p.passUnfinished && typeof v === "string") {
          const t = normalizeText(v);
          if (MSG.isUnfinished(t)) return new Pending(v.trim());
          if (t === PENDING) return BLANK;
        }
        if (isBlank(v)) return BLANK;
        const x = numberOf(v);
        const ok =
          x !== undefined &&
          (p.min === undefined || x >= p.min) &&
          (p.max === undefined || x <= p.max) &&
          (p.greaterThan === undefined || x > p.greaterThan);
        return ok ? x : new FnError("#VALUE!", MSG.expected(where, p.expect ?? "", describe(v)));
      };
    case "date":
      return (raw) => {
        const v = cellValue(scalar(raw));
        const err = errorCodeOf(v);
        if (err) return new FnError("#VALUE!", MSG.errorValue(where, err));
        const d = recordDate(v);
        if (d.state === "missing") return BLANK;
        if (d.state === "error") return new FnError("#VALUE!", `${where}${d.reason}`);
        return d.iso;
      };
  }
}

/** The value a parameter of each type gives the body. */
export interface ParamValue {
  id: unknown;
  cells: unknown;
  range: unknown[];
  applicability: boolean;
  count: number;
  number: number;
  /** "2022-03-05" */
  date: string;
}
/** An omitted optional range is undefined; an omitted 是否涉及 is false (涉及). */
type ValueOf<P> = P extends Param<infer T> ? (P extends { optional: true; type: "range" } ? ParamValue[T] | undefined : ParamValue[T]) : never;
export type Values<P extends readonly Param[]> = { -readonly [I in keyof P]: ValueOf<P[I]> };

/** A CREDIT.* function as the table declares it: its parameters and its body over typed values. */
export interface FunctionDef<P extends readonly Param[] = readonly Param[], R = unknown> {
  readonly params: P;
  readonly body: (...args: Values<P>) => R | FnError;
}

/** A function that has a count, number or date parameter may return 待填 (or an unfinished score's text). */
type PendingText<P extends readonly Param[]> = [Extract<P[number], { type: "count" | "number" | "date" }>] extends [never] ? never : string;

export type Runner<P extends readonly Param[], R> = (a?: unknown, b?: unknown, c?: unknown) => R | PendingText<P> | FnError;

/**
 * The runner of one function: converts its arguments in order; the first error is the result; then, if an
 * argument is 待填 (or an unfinished score), that is the result; else the body's. Up to three parameters,
 * unrolled so that a call allocates nothing (CREDIT.DEDUCT is in hundreds of cells).
 */
export function runner<P extends readonly Param[], R>(def: FunctionDef<P, R>): Runner<P, R> {
  if (def.params.length > 3) throw new Error("CREDIT.* functions take at most 3 parameters");
  const none: Converter = () => undefined;
  const [c0 = none, c1 = none, c2 = none] = def.params.map((p, i) => converter(p, i + 1));
  const body = def.body as (a: unknown, b: unknown, c: unknown) => R | FnError;
  return (a?: unknown, b?: unknown, c?: unknown) => {
    const x = c0(a);
    if (x instanceof FnError) return x;
    const y = c1(b);
    if (y instanceof FnError) return y;
    const z = c2(c);
    if (z instanceof FnError) return z;
    if (x instanceof Pending) return x.result as PendingText<P>;
    if (y instanceof Pending) return y.result as PendingText<P>;
    if (z instanceof Pending) return z.result as PendingText<P>;
    return body(x, y, z);
  };
}
