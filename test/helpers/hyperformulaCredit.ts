// The CREDIT.* functions registered in HyperFormula (a real formula engine) from the same FUNCTIONS table
// and runner the Excel wrappers call. HyperFormula values are turned into what Excel passes (null for an
// empty cell, {code:"#N/A"} for an error, 2-D arrays for ranges) and FnError into a CellError.
import { CellError, ErrorType, FunctionArgumentType, FunctionPlugin, HyperFormula, SimpleRangeValue, type FunctionArgument, type ImplementedFunctions } from "hyperformula";
import { runner, type FunctionDef, type Param } from "../../src/functions/args";
import * as core from "../../src/functions/core";

const CODES: Record<string, string> = { NA: "#N/A", VALUE: "#VALUE!", DIV_BY_ZERO: "#DIV/0!", REF: "#REF!", NUM: "#NUM!", NAME: "#NAME?" };

function raw(v: unknown): unknown {
  if (typeof v === "symbol") return null; // EmptyValue
  if (v instanceof CellError) return { code: CODES[v.type] ?? "#VALUE!" };
  if (v instanceof SimpleRangeValue) return v.data.map((row) => row.map(raw));
  // Numbers typed as "85%" or dates are rich numbers ({val}) inside ranges; Excel passes plain numbers.
  if (v !== null && typeof v === "object" && typeof (v as { val?: unknown }).val === "number") return (v as { val: number }).val;
  return v;
}

function result(r: unknown): number | string | CellError {
  if (r instanceof core.FnError) return new CellError(r.code === "#N/A" ? ErrorType.NA : ErrorType.VALUE, r.message);
  return r as number | string;
}

/** The FUNCTIONS table as HyperFormula parameters: ranges stay ranges, everything else is a scalar. */
const argument = (p: Param): FunctionArgument => ({
  argumentType: p.type === "cells" || p.type === "range" ? FunctionArgumentType.RANGE : FunctionArgumentType.SCALAR,
  ...(p.optional ? { optionalArg: true } : {}),
});

type Impl = (...args: unknown[]) => unknown;
const IMPLS: Record<string, [string, Impl, FunctionArgument[]]> = Object.fromEntries(
  (Object.keys(core.FUNCTIONS) as core.FunctionId[]).map((id) => [
    `CREDIT.${id}`,
    [id.toLowerCase(), runner(core.FUNCTIONS[id] as FunctionDef) as Impl, core.FUNCTIONS[id].params.map(argument)],
  ]),
);

class CreditPlugin extends FunctionPlugin {
  static implementedFunctions: ImplementedFunctions = Object.fromEntries(
    Object.entries(IMPLS).map(([name, [method, , parameters]]) => [name, { method, parameters }]),
  );
}
for (const [name, [method, impl]] of Object.entries(IMPLS)) {
  (CreditPlugin.prototype as unknown as Record<string, unknown>)[method] = function (this: FunctionPlugin, ast: { args: unknown[] }, state: unknown) {
    // runFunction is protected in the typings; it is the documented way for a plugin to evaluate its arguments.
    const run = (this as unknown as { runFunction: (...a: unknown[]) => unknown }).runFunction.bind(this);
    const metadata = (this as unknown as { metadata: (n: string) => unknown }).metadata.bind(this);
    return run(ast.args, state, metadata(name), (...args: unknown[]) => result(impl(...args.map(raw))));
  };
}

let registered = false;

export function creditHyperFormula(sheet: unknown[][] = []): HyperFormula {
  if (!registered) {
    const names = Object.fromEntries(Object.keys(IMPLS).map((n) => [n, n]));
    HyperFormula.registerFunctionPlugin(CreditPlugin, { enGB: names });
    registered = true;
  }
  return HyperFormula.buildFromArray(sheet as never, { licenseKey: "gpl-v3" });
}

let shared: HyperFormula | undefined;

/**
 * `read` run on an engine whose one sheet holds `grid` (CREDIT.* registered), as on a new engine from
 * creditHyperFormula(grid). One engine serves every call of the process: each call replaces the sheet's content,
 * and the engine keeps the formulas it has parsed, so a sheet computed again after an edit (the fake Excel's
 * recalculation) does not parse its formulas again — measured on a county template's grid (897 cells): 0.22 s of
 * CPU for a new engine, 0.03 s for the same engine given the grid again.
 */
export function computeSheet<T>(grid: unknown[][], read: (hf: HyperFormula) => T): T {
  shared ??= creditHyperFormula();
  shared.setSheetContent(0, grid as never);
  return read(shared);
}
