// The shapes the layers of a read hand each other: what the XML layer makes of each part (relationships,
// workbook, styles, a sheet's raw cells) and the read's context. In a file of their own so that the layers
// that make them and the layers that use them import each other one way only.
import type { DefinedName } from "./resolve";
import type { ZipEntry } from "./zip";

/**
 * How each kind of part is parsed from its inflated bytes. The product parses with the scanner (xml.ts;
 * SCANNED in index.ts); the bench and the tests plug in saxes (test/helpers/saxesParts.ts) to measure and
 * check the scanner against a library, on the same zip, limits and cell values.
 */
export interface PartParsers {
  relationships(d: Uint8Array | undefined, base: string): Rels;
  workbook(d: Uint8Array): Book;
  styles(d: Uint8Array | undefined): Styles;
  /** The strings at the indices wanted (an <si> each). */
  sharedStrings(ctx: Ctx, d: Uint8Array | undefined, wanted: Set<number>): Map<number, string>;
  /** The wanted cells (by cellIndex), shared-formula masters, row/column styles and protection. */
  sheet(ctx: Ctx, d: Uint8Array, wanted: Wanted): SheetRead;
}

/**
 * The cells a sheet is read for (by cellIndex). `contentOnly`: a cell with neither value nor formula is as good
 * as absent (a whole-sheet read: the scanner then keeps no empty cell, where a 双公示台账 has 8,000).
 * `formulas`: see below (a 双公示台账's 6,000 layout formulas in E–G are not read).
 */
export type Wanted = Pick<Set<number>, "has"> & {
  contentOnly?: boolean;
  /** The wanted cells whose formula's text is asked for (every one when absent); the others' formulas are only bounded. */
  formulas?: Pick<Set<number>, "has">;
};

export interface Ctx {
  bytes: Uint8Array;
  entries: Map<string, ZipEntry>;
  inflated: number;
  deadline: number;
  parsers: PartParsers;
}

/** A part's relationships: id → target part path, and the first target of each type ("styles", "sharedStrings"…). */
export interface Rels {
  byId: Map<string, string>;
  byType: Map<string, string>;
}

/** workbook.xml as read: the date system, the sheets in order, the CR_* names (others are skipped). */
export interface Book {
  date1904: boolean;
  /** hidden: the sheet's state when it is not visible (Excel: 隐藏, or veryHidden, which its menus cannot show). */
  sheets: { name: string; rid: string; hidden?: "hidden" | "veryHidden" }[];
  names: DefinedName[];
}

export interface Styles {
  /** Per cellXfs index: number format code and locked. */
  xfs: { numFmt: string; locked: boolean; isDate: boolean }[];
}

export interface RawCell {
  t?: string;
  s: number;
  v?: string;
  inline?: string;
  f?: string;
  fShared?: string;
  fRef?: string;
  fType?: string;
  hasF: boolean;
}

export interface SheetRead {
  cells: Map<number, RawCell>;
  /** Style of a row (customFormat) and column, for an absent cell. */
  rowStyle: Map<number, number>;
  colStyle: { min: number; max: number; style: number }[];
  /** Shared-formula masters by si; their formula as written (see decode). */
  masters: Map<string, { formula: string; row: number; col: number }>;
  protected: boolean;
  /** A formula as kept (RawCell.f, a master's) → its text: the scanner keeps them undecoded (Scanner.decode). */
  decode(written: string): string;
}
