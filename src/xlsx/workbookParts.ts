// What the ExcelJS writers share (writeTemplate.ts, writeSheetDoc.ts): a new workbook, how a file spells
// formulas and references, and data validations one <dataValidation> per run of cells.
import ExcelJS from "exceljs";
import { serialToDate } from "../core/index";
import type { LayoutValidation } from "../layout/template/types";

/** A sheet-relative address "F12" / "J6:J40" → absolute reference on the sheet. */
export function absoluteRef(sheetName: string, address: string): string {
  const abs = address
    .split(":")
    .map((a) => a.replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2"))
    .join(":");
  return `'${sheetName.replace(/'/g, "''")}'!${abs}`;
}

/**
 * How a file stores a JS custom function: Excel saves =CREDIT.DEDUCT(…) as _xldudf_CREDIT_DEDUCT(…) and, on
 * opening, binds only that spelling to the add-in (a plain "CREDIT.DEDUCT(" in a file stays uncalculated
 * until retyped: OfficeDev/Excel-Custom-Functions#108). Programs without the add-in show the cached value.
 */
export function fileFormula(formula: string): string {
  return formula.replace(/\bCREDIT\.([A-Z]+)\(/g, "_xldudf_CREDIT_$1(");
}

/** The reverse, for readers comparing a file with its layout. */
export function layoutFormula(formula: string): string {
  return formula.replace(/\b_xldudf_CREDIT_([A-Z]+)\(/g, "CREDIT.$1(");
}

/**
 * A print area ("A1:H33") as ExcelJS's pageSetup.printArea must be given it to write the _xlnm.Print_Area name
 * absolute. ExcelJS puts a "$" before each end only ('兴山区'!$A1:$H33: absolute columns, relative rows), and
 * LibreOffice does not take such a name as the print range — it printed a 2,000-row 双公示台账 whole (61 pages)
 * under '…'!$A1:$H33 and one page under '…'!$A$1:$H$33. "A$1:H$33" is written $A$1:$H$33, as Excel writes it.
 */
export function printAreaRange(range: string): string {
  return range.replace(/([A-Z]+)(\d+)/g, "$1$$$2");
}

function dataValidation(v: LayoutValidation): ExcelJS.DataValidation {
  const common = {
    allowBlank: true,
    showInputMessage: true,
    promptTitle: v.promptTitle,
    prompt: v.prompt,
    showErrorMessage: v.type !== "any",
    errorStyle: "stop",
    errorTitle: v.errorTitle || undefined,
    error: v.error || undefined,
  };
  switch (v.type) {
    case "list":
      return { ...common, type: "list", formulae: [`"${(v.list ?? []).join(",")}"`] } as ExcelJS.DataValidation;
    case "whole":
    case "decimal":
      return { ...common, type: v.type, operator: "between", formulae: [v.min, v.max] } as ExcelJS.DataValidation;
    case "date":
      // ExcelJS converts Date objects to serials for date validations.
      return { ...common, type: "date", operator: "between", formulae: [serialToDate(v.min!), serialToDate(v.max!)] } as ExcelJS.DataValidation;
    case "any":
      return { ...common, type: "any" } as unknown as ExcelJS.DataValidation;
  }
}

/**
 * One <dataValidation> per run of vertically adjacent cells with the same rule, so every cell carries exactly
 * one rule. ExcelJS's own optimiser (xlsx/xform/sheet/data-validations-xform.js) sorts addresses as strings
 * ("I10" before "I9") and then extends a range over cells it has already written ("I9:I10" over "I10"): it
 * merges only models that are deep-equal, so each run gets a model of its own (an extra key it never writes).
 */
export function addValidations(ws: ExcelJS.Worksheet, validations: LayoutValidation[]): void {
  const byRule = new Map<string, { v: LayoutValidation; cells: { col: string; row: number }[] }>();
  for (const v of validations) {
    const { address, ...rule } = v;
    const m = /^([A-Z]+)(\d+)$/.exec(address);
    if (!m) throw new Error(`validation address ${address} is not one cell`);
    const key = JSON.stringify(rule);
    let g = byRule.get(key);
    if (!g) byRule.set(key, (g = { v, cells: [] }));
    g.cells.push({ col: m[1], row: Number(m[2]) });
  }
  for (const { v, cells } of byRule.values()) {
    cells.sort((a, b) => a.col.length - b.col.length || (a.col < b.col ? -1 : a.col > b.col ? 1 : a.row - b.row));
    for (let i = 0; i < cells.length; ) {
      let j = i;
      while (j + 1 < cells.length && cells[j + 1].col === cells[i].col && cells[j + 1].row === cells[j].row + 1) j++;
      addValidationRange(ws, j > i ? `${cells[i].col}${cells[i].row}:${cells[j].col}${cells[j].row}` : `${cells[i].col}${cells[i].row}`, v);
      i = j + 1;
    }
  }
}

/** One <dataValidation> over one run of cells ("C2:C40"), a model of its own so ExcelJS's optimiser leaves it alone. */
export function addValidationRange(ws: ExcelJS.Worksheet, range: string, v: LayoutValidation): void {
  const model = (ws as unknown as { dataValidations: { add(address: string, v: object): void } }).dataValidations;
  model.add(range, { ...dataValidation(v), run: range });
}

export function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "信用鹤岗考核加载项";
  wb.created = new Date();
  // Excel recalculates on open (custom functions come back with the add-in); programs that do not
  // recalculate show the cached values.
  wb.calcProperties.fullCalcOnLoad = false;
  return wb;
}
