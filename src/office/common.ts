// What every Office.js writer of the add-in shares: requirement-set checks, text stored as text, and the
// options its sheets are protected with, and a data-validation rule as Office.js takes it. One copy here; the
// template, import, 核定 and 汇总 writers and the SheetDoc writer use it.
import { serialToIso } from "../core/coerce";
import type { LayoutValidation } from "../layout/template/types";

export type Supports = (set: string, version: string) => boolean;

/** Requirement sets newer than the manifest's 1.1 are detected, never assumed. */
export function officeSupports(): Supports {
  return (set, version) => {
    const req = (globalThis as { Office?: typeof Office }).Office?.context?.requirements;
    return !!req && req.isSetSupported(set, version);
  };
}

/** Excel's Text number format. */
export const TEXT_FORMAT = "@";

/**
 * Number formats for a grid of values written with range.values: every string cell as text. Text from a
 * unit or a reviewer that starts with "=", "+", "-" or "@" would otherwise become a formula ("If the returned
 * value starts with a plus, minus, or equal sign, Excel interprets this value as a formula", Excel.Range.values);
 * Text format "@", set in the same batch before the values, keeps it "exactly as you type it" (Excel's number formats).
 */
export function textFormats(rows: readonly (readonly unknown[])[], otherwise = "General"): string[][] {
  return rows.map((row) => row.map((v) => (typeof v === "string" ? TEXT_FORMAT : otherwise)));
}

/**
 * How the add-in protects its sheets (templates and the 核定记录), no password: the office may still widen
 * columns and rows; nothing else. Protection is a courtesy against slips, not security (README 可信与安全).
 */
export const PROTECTION_OPTIONS: Excel.WorksheetProtectionOptions = { allowFormatColumns: true, allowFormatRows: true, allowAutoFilter: false };

/** The context with its syncs counted (for results that report them, and the tests that bound them). */
export function countingSyncs(context: Excel.RequestContext): { context: Excel.RequestContext; syncs: () => number } {
  let n = 0;
  const counted = new Proxy(context, { get: (t, p) => (p === "sync" ? async () => (n++, t.sync()) : Reflect.get(t, p, t)) }) as Excel.RequestContext;
  return { context: counted, syncs: () => n };
}

/**
 * The print margins every sheet the add-in lays out gets, as the xlsx writers write them (0.4" left and right,
 * 0.6" top and bottom, 0.3" header and footer; PageLayout margins are in points, ExcelApi 1.9). The layouts'
 * print scales are computed for these margins.
 */
export function queueMargins(page: Excel.PageLayout): void {
  page.leftMargin = 28.8;
  page.rightMargin = 28.8;
  page.topMargin = 43.2;
  page.bottomMargin = 43.2;
  page.headerMargin = 21.6;
  page.footerMargin = 21.6;
}

/** A layout's data-validation rule as Office.js takes it (undefined for “any”: a prompt only). */
export function rule(v: Omit<LayoutValidation, "address">): Excel.DataValidationRule | undefined {
  switch (v.type) {
    case "list":
      return { list: { inCellDropDown: true, source: (v.list ?? []).join(",") } };
    case "whole":
      return { wholeNumber: { operator: "Between", formula1: v.min!, formula2: v.max! } };
    case "decimal":
      return { decimal: { operator: "Between", formula1: v.min!, formula2: v.max! } };
    case "date":
      return { date: { operator: "Between", formula1: serialToIso(v.min!), formula2: serialToIso(v.max!) } };
    case "any":
      return undefined;
  }
}
