// The one resolver from CR_* defined names to cells, shared by every reader: the xlsx reader
// (src/read/index.ts: command line and task pane) and the Office.js readers (src/office/*).
// A reader hands over the names as the file or Excel states them and a way to read a cell; the resolver
// decides which sheet each name belongs to, the cell it points at, and which name wins.
//
// Rules (what Excel, WPS and LibreOffice write):
// - A name points at "Sheet!$F$12", "'兴 山''s'!F12" (quotes doubled inside), "=Sheet!F12" (Office.js adds
//   "="), or a range / merged block "Sheet!$F$12:$G$13" (its top-left cell). Absolute and relative
//   references are the same cell here. "#REF!", external ("[1]Sheet!A1"), 3-D, union and formula names
//   point at no cell and are left out — the review reports them as missing names.
// - Names and sheet names are case-insensitive in Excel; LibreOffice may change their case. Lookups ignore
//   case (NameMap), and iteration keeps the file's spelling.
// - A sheet-scoped name (localSheetId in the file, worksheet.names in Office.js) belongs to its sheet and
//   wins over a workbook-scoped name of the same name; a workbook-scoped name belongs to the sheet it
//   points at. A sheet-scoped name pointing at another sheet is ignored (it cannot be that sheet's cell).

import { colNumber, MAX_COL, MAX_ROW } from "../core/a1";
import type { NamedCell, SheetCells } from "../core/filled";
import { NameMap } from "../core/nameMap";

// NameMap (names compared without case) lives in core: core/placement.ts maps a sheet's names too.
export { NameMap } from "../core/nameMap";

export interface DefinedName {
  name: string;
  /** The reference as stored: "'兴山区'!$F$12", "=兴山区!F12", "#REF!"… */
  ref: string;
  /** The sheet a sheet-scoped name belongs to; undefined for a workbook-scoped name. */
  scope?: string;
}

export interface CellRef {
  sheet: string;
  /** 1-based. */
  row: number;
  col: number;
  /** "F12", without "$". */
  address: string;
}

const REF = /^=?\s*(?:'((?:[^']|'')+)'|([^!'[\]:,()"]+))!\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?[A-Za-z]{1,3}\$?\d{1,7})?\s*$/;

/** "兴山区!$F$12", "'兴 山'!B2:C3", "=Sheet1!A1" → sheet and top-left cell; undefined for anything else. */
export function parseRef(ref: string): CellRef | undefined {
  const m = REF.exec(ref);
  if (!m) return undefined;
  const col = colNumber(m[3]);
  const row = Number(m[4]);
  if (col < 1 || col > MAX_COL || row < 1 || row > MAX_ROW) return undefined;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2].trim();
  return { sheet, row, col, address: `${m[3].toUpperCase()}${row}` };
}

export const isTemplateName = (name: string): boolean => name.length > 3 && (name.charCodeAt(0) | 0x20) === 99 && (name.charCodeAt(1) | 0x20) === 114 && name[2] === "_";

/**
 * Which cell each CR_* name points at, grouped by sheet (in workbook order; only sheets that have one).
 * `sheetNames` are the workbook's sheets; a reference to a sheet not among them is left out.
 */
export function locateNames(
  defs: Iterable<DefinedName>,
  sheetNames: readonly string[],
  /** Filled with every address each name was defined at for each sheet (lower-cased name → addresses), when given. */
  everywhere?: Map<string, Map<string, string[]>>,
): Map<string, NameMap<CellRef>> {
  const actual = new Map(sheetNames.map((s) => [s.toLowerCase(), s]));
  const bySheet = new Map<string, NameMap<CellRef>>();
  const scoped: DefinedName[] = [];
  const place = (d: DefinedName, wins: boolean) => {
    const r = parseRef(d.ref);
    if (!r) return;
    const sheet = actual.get(r.sheet.toLowerCase());
    if (!sheet) return;
    if (d.scope !== undefined && d.scope.toLowerCase() !== sheet.toLowerCase()) return;
    let map = bySheet.get(sheet);
    if (!map) bySheet.set(sheet, (map = new NameMap()));
    r.sheet = sheet;
    if (everywhere) {
      let all = everywhere.get(sheet);
      if (!all) everywhere.set(sheet, (all = new Map()));
      const key = d.name.toLowerCase();
      const list = all.get(key) ?? [];
      if (!list.includes(r.address)) list.push(r.address);
      all.set(key, list);
    }
    if (wins) map.set(d.name, r);
    else map.add(d.name, r); // the first of duplicates
  };
  // Workbook-scoped names first, then sheet-scoped ones over them (a sheet-scoped name wins).
  for (const d of defs) {
    if (!isTemplateName(d.name)) continue;
    if (d.scope !== undefined) scoped.push(d);
    else place(d, false);
  }
  const seen = new Set<string>();
  for (const d of scoped) {
    const key = `${d.scope!.toLowerCase()}\u0000${d.name.toLowerCase()}`;
    if (seen.has(key)) {
      // A second definition in the same scope (only a zip edit makes one): the first stands, the other is recorded.
      if (everywhere) place(d, false);
      continue;
    }
    seen.add(key);
    place(d, true);
  }
  const ordered = new Map<string, NameMap<CellRef>>();
  for (const s of sheetNames) {
    const m = bySheet.get(s);
    if (m) ordered.set(s, m);
  }
  return ordered;
}

/** The cells at the located names, read by `read`; sheets in the order located. */
export function namedCells(
  located: Map<string, NameMap<CellRef>>,
  read: (ref: CellRef) => Omit<NamedCell, "address">,
  isProtected: (sheet: string) => boolean | undefined,
): SheetCells[] {
  const out: SheetCells[] = [];
  for (const [sheet, refs] of located) {
    const names = refs.map((ref) => Object.assign(read(ref), { address: ref.address }) as NamedCell);
    out.push({ sheet, protected: isProtected(sheet), names });
  }
  return out;
}

/**
 * Office.js: a sheet's CR_* cells from names (workbook- and sheet-scoped, as Excel returns them, values
 * "=Sheet!$A$1") and a block of values/formulas starting at `origin` (a used range, or part of one).
 */
export function officeSheetCells(
  sheet: string,
  bookNames: readonly { name: string; value: unknown }[],
  sheetNames: readonly { name: string; value: unknown }[],
  block: { address: string; values: unknown[][]; formulas?: unknown[][] } | undefined,
  isProtected?: boolean,
): SheetCells {
  const defs: DefinedName[] = [
    ...bookNames.map((n) => ({ name: n.name, ref: String(n.value) })),
    ...sheetNames.map((n) => ({ name: n.name, ref: String(n.value), scope: sheet })),
  ];
  const located = locateNames(defs, [sheet]);
  const at = block ? parseRef(block.address.includes("!") ? block.address : `x!${block.address}`) : undefined;
  const [cells] = namedCells(
    located.size ? located : new Map([[sheet, new NameMap<CellRef>()]]),
    (r) => officeCell(block, at, r),
    () => isProtected,
  );
  return cells;
}

/** One cell of an Office.js block: value, and the formula (without "=") when the cell holds one. */
export function officeCell(block: { values: unknown[][]; formulas?: unknown[][] } | undefined, at: { row: number; col: number } | undefined, r: CellRef): Omit<NamedCell, "address"> {
  if (!block || !at) return { value: "" };
  const value = block.values[r.row - at.row]?.[r.col - at.col] ?? "";
  const f = block.formulas?.[r.row - at.row]?.[r.col - at.col];
  // Range.formulas gives a cell's value where it has no formula
  // (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-formulas-member), so a
  // text cell reading "=HYPERLINK(…)" (the values import writes such text in a "@" cell) has the same string
  // in values and formulas: it is text, not a formula. A formula's value is its result, never its own text.
  const formula = typeof f === "string" && f.startsWith("=") && f !== value ? f.slice(1) : undefined;
  return { value, formula };
}

/** An Office.js probe of one CR_* name in one scope: where its range is and the range's first value (address undefined when missing). */
export interface NameProbe {
  name: string;
  /** The sheet whose names were asked; undefined for the workbook's. */
  scope?: string;
  /** Range.address ("兴山区!B3", "'兴 山'!B3:C4"). */
  address?: string;
  value?: unknown;
}

/**
 * Office.js: the value of each probed name on each of `sheets`, decided by the same rules as every reader
 * (locateNames): a sheet-scoped name wins, a workbook-scoped one belongs to the sheet it points at, a
 * sheet-scoped name pointing at another sheet is no name of either. For reads of a few names (the pane's
 * 核定 list and clause) where loading every name and used range would be wasteful.
 */
export function probedValues(sheets: readonly string[], probes: readonly NameProbe[]): Map<string, NameMap<unknown>> {
  const at = (sheet: string, r: { row: number; col: number }) => `${sheet.toLowerCase()}\u0000${r.row}:${r.col}`;
  const values = new Map<string, unknown>();
  const defs: DefinedName[] = [];
  for (const p of probes) {
    if (p.address === undefined) continue;
    const r = parseRef(p.address);
    if (!r) continue;
    defs.push({ name: p.name, ref: p.address, scope: p.scope });
    values.set(at(r.sheet, r), p.value);
  }
  const out = new Map<string, NameMap<unknown>>();
  for (const [sheet, refs] of locateNames(defs, sheets)) out.set(sheet, refs.map((ref) => values.get(at(ref.sheet, ref))));
  return out;
}
