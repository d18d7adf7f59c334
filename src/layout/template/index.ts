// The layout of a unit's template sheet as pure data, computed from the catalog: cells (values, formulas
// with cached results), merges, validations, defined names, styles, widths, print and protection.
// Two thin writers consume it: src/xlsx/writeTemplate.ts (ExcelJS) and src/office/templateWriter.ts (Office.js).
// buildTemplateLayout reads as its steps, each in a module: header.ts (title, header block, note, table
// heading, meta column), body.ts (category ▸ indicator ▸ clause ▸ input rows, with inputs.ts and formulas.ts
// for the cells it writes), totals.ts (小计, 合计扣分, 得分, signature) and print.ts (page breaks, print setup).
// sheet.ts holds the sheet being built and the context every step reads; grid.ts the columns and widths;
// types.ts the layout's shape.
import type { Catalog } from "../../core/index";
import { sheetNameOf } from "../../core/fileNames";
import { LAYOUT_VERSION } from "../../core/names";
import { fitRowHeights } from "../rowHeights";
import { STYLES } from "../styles";
import { writeBody, type Body } from "./body";
import { COL, HEADER_ROW, WIDTHS } from "./grid";
import { sheetTitle, writeHeaderBlock, writeMeta, writeNote, writeTableHeader, writeTitle } from "./header";
import { paginate, printSetup } from "./print";
import { buildContext, SheetBuilder, type BuildContext } from "./sheet";
import { writeSignature, writeTotals } from "./totals";
import type { BuildOptions, TemplateLayout } from "./types";

/** Builds the layout of one unit's template sheet: the named steps below, top to bottom of the sheet. */
export function buildTemplateLayout(catalog: Catalog, unit: { name: string }, opts: BuildOptions): TemplateLayout {
  const ctx = buildContext(catalog, unit, opts);
  const sheet = new SheetBuilder();
  writeTitle(sheet, ctx);
  writeHeaderBlock(sheet, ctx);
  writeNote(sheet, ctx);
  writeTableHeader(sheet);
  const body = writeBody(sheet, ctx);
  const scoreRow = writeTotals(sheet, ctx, body);
  const lastRow = writeSignature(sheet, scoreRow);
  writeMeta(sheet, ctx);
  return assemble(sheet, ctx, body, lastRow);
}

// ---- the finished layout: cells in row order, row heights ----

function assemble(sheet: SheetBuilder, ctx: BuildContext, body: Body, lastRow: number): TemplateLayout {
  const { cells, merges, rowHeights } = sheet;
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  fitRowHeights(cells, merges, rowHeights, 4, lastRow, WIDTHS, STYLES);
  const rowBreaks = paginate(sheet, body, lastRow);
  fitRowHeights(cells, merges, rowHeights, 4, lastRow, WIDTHS, STYLES); // a "（续）" label may need a little more
  return {
    year: ctx.year,
    kind: ctx.catalog.kind,
    unit: ctx.unit.name,
    variant: ctx.variant,
    layoutVersion: LAYOUT_VERSION,
    sheetName: sheetNameOf(ctx.unit.name),
    cells,
    merges,
    validations: sheet.validations,
    names: sheet.names,
    widths: WIDTHS,
    hiddenColumns: [COL.clauseId, COL.meta],
    rowHeights,
    frozenRows: HEADER_ROW,
    print: printSetup(`${ctx.unit.name}\u3000${sheetTitle(ctx)}`, lastRow, rowBreaks),
    protection: {},
    styles: STYLES,
    lastRow,
    lastCol: COL.meta,
  };
}
