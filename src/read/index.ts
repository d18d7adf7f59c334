// The one reader of returned workbooks (command line, tests, and the task pane's 导入回收表): reads the
// zip's central directory, inflates only the parts the CR_* names need — the package and workbook
// relationships, workbook.xml, styles.xml, sharedStrings.xml and the sheets the names point at — and makes
// one pass over each of those sheets for the named cells. No spreadsheet model is built.
//
// What it returns per named cell: the value (a constant, or the formula's cached result), the formula,
// whether the cell is locked, its number format; per sheet: whether it is protected. Faithful to what
// Excel, WPS and LibreOffice write (ECMA-376 Part 1, §18): booleans as "1"/"true" and "0"/"false"
// (LibreOffice writes sheet="true", locked="false"), shared formulas (§18.3.1.40: a child cell carries only
// the group's si; its formula is the master's, shifted), inline strings and rich-text runs (phonetic runs
// skipped), the 1904 date system, "_xHHHH_" escapes in strings (§22.4.2.4), namespace prefixes on
// elements, cells and rows without an "r" attribute, and the style of an absent cell taken from its row
// or column.
//
// Bounded whatever the file holds: the file size, every part's declared size (before inflating) and its
// real size (while inflating), the number of cells, the length of each string and the time spent are
// limited; a file over any of them is refused in well under a second with LIMIT_MESSAGE.
//
// The layers of a read, each in its own file: zip.ts (the container), xml.ts (the scanner), package.ts
// (parts, relationships, workbook.xml), styles.ts and strings.ts, sheet.ts (the sheet scan and cell values),
// types.ts (the shapes they hand each other), limits.ts (bounds and refusals), resolve.ts (CR_* names to
// cells, shared with the Office.js readers); this file is the API.
import { cellCol, cellIndex, cellIndexAt, cellRow, colLetter } from "../core/a1";
import type { NamedCell, SheetCells } from "../core/filled";
import { LEDGER_COL, LEDGER_TYPED_COLS, ledgerSheetName } from "../core/ledger";
import { placeNames, type Placement } from "../core/placement";
import { locateNames, namedCells, type CellRef } from "./resolve";
import { LimitError, LIMIT_MESSAGE, LIMITS, RESAVE, WorkbookReadError } from "./limits";
import { openBook, part, readSheet, relationships, workbookXml, type OpenBook } from "./package";
import { cellOf, sheetPart } from "./sheet";
import { sharedStrings } from "./strings";
import type { PartParsers, SheetRead, Wanted } from "./types";
import { stylesXml } from "./styles";
import { scanPart } from "./xml";
import { mb, ZipError } from "./zip";

export { LIMIT_MESSAGE, LIMITS, WorkbookReadError } from "./limits";
export type { PartParsers } from "./types";
export type { Placement } from "../core/placement";
export { shiftFormula } from "./sheet";
export { isDateFormat } from "./styles";

export interface WorkbookRead {
  /** Sheets that carry CR_* names, in workbook order. */
  sheets: SheetCells[];
  /** All sheet names, in order (to report a file without any template sheet). */
  sheetNames: string[];
}

/** Checks the first bytes so that a .xls, a PDF or a renamed file gets a useful reason. */
function sniff(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return "文件为空";
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return undefined; // zip: xlsx
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    return "是旧版 .xls 格式（或已加密），请在 Excel 中“另存为” .xlsx 后再导入";
  }
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) return "是 PDF 文件，不是 Excel 工作簿";
  return "不是 xlsx 格式的 Excel 工作簿";
}

/**
 * The checks made before a byte of the zip is read: an xlsx at all (a .xls, a PDF or a renamed file gets its
 * reason) and within the file size limit. Every xlsx reader starts here (the test oracle included).
 */
export function xlsxBytes(data: Uint8Array | ArrayBuffer): Uint8Array {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const bad = sniff(bytes);
  if (bad) throw new WorkbookReadError(bad);
  if (bytes.length > LIMITS.file) throw new WorkbookReadError(`${LIMIT_MESSAGE}（文件 ${mb(bytes.length)}，超过 ${mb(LIMITS.file)}）`);
  return bytes;
}

/**
 * Reads a returned workbook's template sheets by their CR_* names (synchronous; see readWorkbookData).
 * `parsers`: the XML layer, the scanner unless the bench or a test compares another (test/helpers/saxesParts.ts).
 */
export function readWorkbookBytes(data: Uint8Array | ArrayBuffer, parsers: PartParsers = SCANNED, opts: ReadOptions = {}): WorkbookRead {
  return guarded(xlsxBytes(data), (bytes) => read(bytes, parsers, opts));
}

export interface ReadOptions {
  /**
   * The layout's addresses (src/layout/placement.ts placementFor): the cells at them are read on every template
   * sheet too, and each CR_* name is held to its prescribed cell (core/placement.ts placeNames) — a name moved
   * or defined twice reads the prescribed cell and is reported by the review. Without it, names are read where
   * they point.
   */
  placement?: Placement;
}

/** One whole sheet, read within the same limits: rows of values and the cells that hold formulas. */
export interface SheetRows {
  /** rows[r - 1][c - 1]: a constant or a formula's cached result, as for a named cell; rows and cells without content are holes. */
  rows: unknown[][];
  /** The cells holding a formula ("I3"), in sheet order, with the formula (without "="). */
  formulas: { address: string; formula: string }[];
}

/**
 * Every cell of the sheet named `sheet` (names compare without case, as in Excel), or undefined when the
 * workbook has no such sheet. Only workbook.xml, its relationships, styles, shared strings and that sheet
 * are inflated; the file is refused like a returned workbook when it passes any limit.
 */
export function readSheetRows(data: Uint8Array | ArrayBuffer, sheet: string, parsers: PartParsers = SCANNED): SheetRows | undefined {
  return guarded(xlsxBytes(data), (bytes) => rowsOf(bytes, sheet, parsers));
}

/** The workbook's sheet names in tab order; only workbook.xml (and the package's relationships) is inflated. */
export function sheetNamesOf(data: Uint8Array | ArrayBuffer): string[] {
  return guarded(xlsxBytes(data), (bytes) => openBook(bytes, SCANNED).book.sheets.map((s) => s.name));
}

/** Runs a read, turning whatever it throws into a WorkbookReadError with a Chinese reason. */
function guarded<T>(bytes: Uint8Array, run: (bytes: Uint8Array) => T): T {
  try {
    return run(bytes);
  } catch (e) {
    if (e instanceof LimitError) throw new WorkbookReadError(`${LIMIT_MESSAGE}（${e.message}）`);
    if (e instanceof ZipError) throw new WorkbookReadError(e.tooBig ? `${LIMIT_MESSAGE}（${e.message}）` : e.message.includes("另存为") ? e.message : `${e.message}，${RESAVE}`);
    if (e instanceof WorkbookReadError) throw e;
    // A RangeError from a string or array too large for the engine is a limit too, not a crash.
    if (e instanceof RangeError) throw new WorkbookReadError(LIMIT_MESSAGE);
    // A library's or the engine's own words (English, offsets) mean nothing to the office: say what to do instead.
    throw new WorkbookReadError(`文件已损坏或不是有效的 xlsx 工作簿，${RESAVE}`);
  }
}

export async function readWorkbookData(data: Uint8Array | ArrayBuffer, opts: ReadOptions = {}): Promise<WorkbookRead> {
  return readWorkbookBytes(data, SCANNED, opts);
}

/** The product's parsers: the scanner (xml.ts), sheets and shared strings scanned as bytes (see scanPart). */
const SCANNED: PartParsers = {
  relationships: (d, base) => relationships(d && scanPart(d, false), base),
  workbook: (d) => workbookXml(scanPart(d, false)),
  styles: (d) => stylesXml(d && scanPart(d, false)),
  sharedStrings: (ctx, d, wanted) => sharedStrings(ctx, d && scanPart(d, true), wanted),
  sheet: (ctx, d, wanted) => sheetPart(ctx, d, wanted),
};

function read(bytes: Uint8Array, parsers: PartParsers, opts: ReadOptions): WorkbookRead {
  const opened = openBook(bytes, parsers);
  const sheetNames = opened.book.sheets.map((s) => s.name);
  const everywhere = opts.placement ? new Map<string, Map<string, string[]>>() : undefined;
  const located = locateNames(opened.book.names, sheetNames, everywhere);
  if (!located.size) return { sheets: [], sheetNames };

  const o = opened.more();
  const reads = new Map<string, SheetRead>();
  const prescribed = (opts.placement?.cells ?? []).map((a) => ({ address: a, index: cellIndex(a) }));
  for (const [sheet, refs] of located) {
    const wanted = new Set<number>();
    for (const r of refs.values()) wanted.add(cellIndexAt(r.row, r.col));
    for (const p of prescribed) wanted.add(p.index);
    reads.set(sheet, readSheet(o, sheet, wanted));
  }
  const sst = stringsOf(o, reads.values());
  // Each cell's reading by sheet and cellIndex, for the prescribed cells below: most are the named cells themselves.
  const readAt = new Map<string, Map<number, Omit<NamedCell, "address">>>();
  const sheets = namedCells(
    located,
    (ref) => {
      const s = reads.get(ref.sheet)!;
      const k = cellIndexAt(ref.row, ref.col);
      const c = cellOf(s.cells.get(k), ref, s, o.styles, sst, o.book.date1904);
      let memo = readAt.get(ref.sheet);
      if (!memo) readAt.set(ref.sheet, (memo = new Map()));
      if (!memo.has(k)) memo.set(k, c);
      return c;
    },
    (sheet) => reads.get(sheet)!.protected,
  );
  // A hidden or veryHidden sheet is read like any other and marked: the review refuses to score it.
  const hidden = new Map(opened.book.sheets.map((s) => [s.name, s.hidden]));
  const byLower = new Map(sheetNames.map((n) => [n.toLowerCase(), n]));
  for (const s of sheets) {
    const h = hidden.get(s.sheet);
    if (h) s.hidden = h;
    // The template's 双公示台账, read whole: the review counts its rows itself (core/ledger.ts).
    const ledger = byLower.get(ledgerSheetName(s.sheet).toLowerCase());
    if (ledger !== undefined && !located.has(ledger)) {
      const whole = wholeSheet(o, ledger, LEDGER_KEPT);
      s.ledger = { sheet: ledger, rows: whole.rows, formulas: new Map(whole.formulas.map((f) => [f.address, f.formula])) };
    }
  }
  if (!opts.placement) return { sheets, sheetNames };
  // Names where the layout put them: the prescribed cells as read, every address each name was defined at.
  const placement = opts.placement;
  const placed = sheets.map((s) => {
    const r = reads.get(s.sheet)!;
    const at = new Map<string, Omit<NamedCell, "address">>();
    const memo = readAt.get(s.sheet);
    for (const p of prescribed) {
      // The same cell read the same way (a cell's reading depends on its place only); read objects are never changed.
      const known = memo?.get(p.index);
      if (known) {
        at.set(p.address, known);
        continue;
      }
      const row = cellRow(p.index);
      const col = cellCol(p.index);
      at.set(p.address, cellOf(r.cells.get(p.index), { sheet: s.sheet, row, col, address: p.address }, r, o.styles, sst, o.book.date1904));
    }
    const others = new Map<string, string[]>();
    for (const [name, addresses] of everywhere?.get(s.sheet) ?? []) if (addresses.length > 1) others.set(name, addresses.filter((a) => a !== s.names.get(name)?.address));
    return placeNames({ ...s, at, otherDefinitions: others }, placement);
  });
  return { sheets: placed, sheetNames };
}

const EVERY_CELL = { has: () => true, contentOnly: true };

function rowsOf(bytes: Uint8Array, name: string, parsers: PartParsers): SheetRows | undefined {
  const opened = openBook(bytes, parsers);
  const sheet = opened.book.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase())?.name;
  if (sheet === undefined) return undefined;
  return wholeSheet(opened.more(), sheet);
}

/**
 * The 双公示台账's columns the review reads: the typed ones and the formulas' 工作日数, 是否按时, 说明 (A–H); the
 * formulas returned are the typed columns' (A–D, H), where a formula is the unit's and is reported
 * (core/filled.ts). E–G hold the layout's own 6,000 formulas, shared down 2,000 rows: their values are kept (the
 * saved 是否按时 is compared with the review's own count) but their text, which nothing reads, is neither parsed
 * nor moved into every row (shiftFormula: a third of a ledger's read).
 */
const LEDGER_KEPT: Wanted = { has: (k: number) => cellCol(k) <= LEDGER_COL.remark, contentOnly: true, formulas: { has: (k: number) => LEDGER_TYPED_COLS.includes(cellCol(k)) } };

/** Every cell of one sheet of an opened workbook (or those `wanted`, with the formulas `wanted.formulas` asks for). */
function wholeSheet(o: OpenBook, sheet: string, wanted: Wanted = EVERY_CELL): SheetRows {
  const formulas = wanted.formulas ?? EVERY_CELL;
  const s = readSheet(o, sheet, wanted);
  const sst = stringsOf(o, [s]);
  const out: SheetRows = { rows: [], formulas: [] };
  // Map order is sheet order; a cell written twice keeps its last content, as Excel would read it.
  for (const [k, raw] of s.cells) {
    const row = cellRow(k);
    const col = cellCol(k);
    const ref: CellRef = { sheet, row, col, address: `${colLetter(col)}${row}` };
    const c = cellOf(raw, ref, s, o.styles, sst, o.book.date1904, formulas.has(k));
    if (c.formula !== undefined) out.formulas.push({ address: ref.address, formula: c.formula });
    if (c.value === null) continue;
    (out.rows[row - 1] ??= [])[col - 1] = c.value;
  }
  return out;
}

/** The shared strings the read cells use, read once the sheets have said which. */
function stringsOf(o: OpenBook, sheets: Iterable<SheetRead>): Map<number, string> {
  const strings = new Set<number>();
  for (const r of sheets) {
    for (const c of r.cells.values()) if (c.t === "s" && c.v !== undefined && c.v !== "" && Number.isInteger(Number(c.v))) strings.add(Number(c.v));
  }
  const d = strings.size ? part(o.ctx, o.rels.byType.get("sharedStrings") ?? `${o.folder}sharedStrings.xml`) : undefined;
  return o.ctx.parsers.sharedStrings(o.ctx, d, strings);
}
