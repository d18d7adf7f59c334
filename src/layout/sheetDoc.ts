// A sheet laid out as data — cells (values or formulas with cached results), styles from a style table,
// merges, widths, heights, validations, freeze panes and print setup — for the documents the add-in makes
// besides the unit template: the 平台数据 sheet, the template's 双公示台账, the 及时率 result. Each is built by
// one pure builder and rendered by the two thin writers: src/xlsx/writeSheetDoc.ts (ExcelJS, command line)
// and src/office/sheetDoc.ts (Office.js, the pane). Rows and columns are 0-based here.
import { cellIndexAt, colLetter } from "../core/a1";
import { heightFitter } from "./rowHeights";
import type { CellStyle, StyleKey } from "./styles";

/** A data-validation rule (and its input prompt) of one cell: the template's (template/types.ts re-exports it) and, placed by rectangle, a document's. */
export interface LayoutValidation {
  address: string;
  type: "list" | "whole" | "decimal" | "date" | "any";
  list?: string[];
  min?: number;
  max?: number;
  promptTitle: string;
  prompt: string;
  errorTitle: string;
  error: string;
}

export type DocValue = string | number | boolean | null;

export interface DocCell {
  /** A constant (text is always written as text, never as a formula). */
  v?: DocValue;
  /** A formula without "=": only the builder's own formulas, never text from a file. */
  f?: string;
  /** The formula's result, for programs that do not recalculate. */
  cached?: DocValue;
  /** A key of the document's style table. */
  s: string;
  numFmt?: string;
  /** Unlocked cells are the ones to type in (locked is the default, as in Excel). */
  locked?: boolean;
}

export interface DocMerge {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/** A data-validation rule over a rectangle of cells (0-based, inclusive): the template's rule, placed by rectangle. */
export interface DocValidation extends DocMerge, Omit<LayoutValidation, "address"> {}

export interface SheetDoc {
  name: string;
  /** rows[r][c]; a missing cell is blank and unstyled. */
  rows: (DocCell | undefined)[][];
  /** Columns the sheet uses (the widest row). */
  width: number;
  merges: DocMerge[];
  /** Column widths in characters. */
  widths: number[];
  /** Row heights in points, by row. */
  heights: Map<number, number>;
  hiddenColumns: number[];
  hiddenRows: number[];
  styles: Record<string, CellStyle>;
  validations: DocValidation[];
  /** Rows and columns frozen at the top and left. */
  freeze?: { rows: number; cols: number };
  /** An autofilter over this rectangle (its first row the headings). */
  autoFilter?: DocMerge;
  print: {
    orientation: "landscape" | "portrait";
    /** Pages wide and tall the sheet is fitted to (0: as many as needed); undefined: not fitted (scale). */
    fit?: { width: number; height: number };
    /** Percent, when not fitted. */
    scale?: number;
    /** Rows and columns repeated on every page (inclusive, 0-based). */
    titleRows?: [number, number];
    titleCols?: [number, number];
    header?: string;
    footer?: string;
    /** Last row printed (0-based). */
    lastRow: number;
    /** Last column printed (0-based); `width` − 1 when not given. */
    lastCol?: number;
  };
  /**
   * Columns whose cells r1..r2 each hold the r1 cell's formula filled down (its relative references shifted
   * a row at a time; every cell still carries its own `f`): a writer may store them as one shared formula
   * (ECMA-376 §18.3.1.40), which keeps a sheet of thousands of formula rows small.
   */
  filledDown?: { c: number; r1: number; r2: number }[];
  /** Protect the sheet (no password: a courtesy against slips, not security). */
  protect: boolean;
  /** The sheet's tab colour, "RRGGBB". */
  tabColor?: string;
}

export const a1 = (r: number, c: number): string => `${colLetter(c + 1)}${r + 1}`;

/** A rectangle's A1 range ("C6:C40", or "C6" for one cell). */
export function rangeA1(r1: number, c1: number, r2: number, c2: number): string {
  return r1 === r2 && c1 === c2 ? a1(r1, c1) : `${a1(r1, c1)}:${a1(r2, c2)}`;
}

/** Builds a SheetDoc row by row. */
export class DocBuilder {
  readonly rows: (DocCell | undefined)[][] = [];
  readonly merges: DocMerge[] = [];
  readonly heights = new Map<number, number>();
  readonly validations: DocValidation[] = [];
  readonly hiddenRows: number[] = [];
  constructor(readonly width: number) {}

  put(r: number, c: number, cell: DocCell): void {
    (this.rows[r] ??= [])[c] = cell;
  }

  /** A cell merged over c..c2 (and r..r2), its covered cells styled alike so borders print. */
  block(r: number, c: number, cell: DocCell, c2 = c, r2 = r): void {
    for (let i = r; i <= r2; i++) for (let k = c; k <= c2; k++) this.put(i, k, i === r && k === c ? cell : { s: cell.s, locked: cell.locked, numFmt: cell.numFmt });
    if (c2 > c || r2 > r) this.merges.push({ r1: r, c1: c, r2, c2 });
  }

  /** A line of text across the full width. */
  line(r: number, text: string, s: string, height?: number): void {
    this.block(r, 0, { v: text, s }, this.width - 1);
    if (height) this.heights.set(r, height);
  }
}

/** Number formats of the documents (as the template's). */
export const DOC_FORMAT = { count: "#,##0", percent: "0.00%", date: "yyyy-mm-dd", text: "@", int: "0" } as const;

/**
 * Raises the heights of rows whose wrapped text (in a cell or a merged block) needs more room, by the
 * template's own rule (fitRowHeights): Excel and LibreOffice do not grow a row for text in a merged cell.
 */
export function fitDocHeights(doc: Pick<SheetDoc, "rows" | "merges" | "widths" | "heights" | "styles">, from = 0, to = doc.rows.length - 1): void {
  // fitRowHeights's rule cell by cell (heightFitter), over the rows from..to only: no object per cell of a 20,000-row 核定表.
  const span = new Map<number, { rows: number; cols: number[] }>();
  for (const m of doc.merges) span.set(cellIndexAt(m.r1 + 1, m.c1 + 1), { rows: m.r2 - m.r1 + 1, cols: Array.from({ length: m.c2 - m.c1 + 1 }, (_, i) => m.c1 + 1 + i) });
  const fit = heightFitter(span, doc.widths, doc.styles as Record<StyleKey, CellStyle>);
  const last = Math.min(to, doc.rows.length - 1);
  for (let r = Math.max(0, from); r <= last; r++) {
    const row = doc.rows[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (cell && (cell.v !== undefined || cell.f !== undefined)) fit.cell(r + 1, c + 1, cell.f !== undefined ? cell.cached : cell.v, cell.s as StyleKey);
    }
  }
  const heights: Record<number, number> = {};
  for (const [r, h] of doc.heights) heights[r + 1] = h;
  fit.apply(heights);
  for (const [r, h] of Object.entries(heights)) doc.heights.set(Number(r) - 1, h);
}
