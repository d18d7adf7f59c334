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
import { colNumber } from "../../core/a1";
import { buildLedger } from "../ledger";
import { fitRowHeights } from "../rowHeights";
import { STYLES, type StyleKey } from "../styles";
import { typeset } from "../typeset";
import { writeBody, type Body } from "./body";
import { COL, HEADER_ROW, WIDTHS } from "./grid";
import { sheetTitle, writeHeaderBlock, writeMeta, writeNote, writeTableHeader, writeTitle } from "./header";
import { paginate, printSetup } from "./print";
import { buildContext, SheetBuilder, type BuildContext } from "./sheet";
import { writeSignature, writeTotals } from "./totals";
import type { BuildOptions, LayoutCell, TemplateLayout } from "./types";

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

// ---- the finished layout: cells in row order, texts broken into lines, row heights ----

/** The sheet's own wrapped texts (never a unit's or the office's): their lines are the layout's (layout/typeset.ts). */
const TYPESET: ReadonlySet<StyleKey> = new Set<StyleKey>(["note", "th", "category", "indicator", "clause", "inputLabel", "evidence"]);

/** Breaks each fixed text into lines that fit its (merged) column, by the rules of Chinese typesetting. */
function typesetTexts(cells: LayoutCell[], merges: string[]): void {
  const width = new Map<string, number>();
  for (const m of merges) {
    const [a, b] = m.split(":").map((x) => colNumber(x.replace(/\d+$/, "")));
    width.set(m.split(":")[0], WIDTHS.slice(a - 1, b).reduce((s, w) => s + w, 0));
  }
  for (const c of cells) {
    if (!TYPESET.has(c.style) || c.formula !== undefined || typeof c.value !== "string") continue;
    c.value = typeset(c.value, width.get(c.address) ?? WIDTHS[c.col - 1], STYLES[c.style].size ?? 11);
  }
}

function assemble(sheet: SheetBuilder, ctx: BuildContext, body: Body, lastRow: number): TemplateLayout {
  const { cells, merges, rowHeights } = sheet;
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  typesetTexts(cells, merges);
  fitRowHeights(cells, merges, rowHeights, 4, lastRow, WIDTHS, STYLES);
  const rowBreaks = paginate(sheet, body, lastRow);
  typesetTexts(cells, merges); // a "（续）" label
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
    hiddenColumns: [COL.clauseId, COL.meta, COL.percent],
    rowHeights,
    frozenRows: HEADER_ROW,
    print: printSetup(`${ctx.unit.name}\u3000${sheetTitle(ctx)}`, lastRow, rowBreaks),
    protection: {},
    ledger: ctx.ledgerSheet ? buildLedger(ctx.catalog, ctx.unit.name, ctx.answers.ledger) : undefined,
    styles: STYLES,
    lastRow,
    lastCol: COL.percent,
  };
}
