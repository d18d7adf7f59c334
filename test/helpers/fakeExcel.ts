/*
 * A stateful fake Excel for Office.js code: an in-memory workbook behind client objects that queue their
 * operations until context.sync(), like Office.js. It enforces the documented behaviour the add-in relies on;
 * each rule cites where it is written down. A fake kinder than Excel hides bugs, so where the documentation
 * leaves a choice open the fake takes the stricter reading (noted as such).
 *
 *   const book = new FakeWorkbook();                      // or FakeWorkbook.fromXlsx(bytes)
 *   const restore = book.install();                       // global Excel.run over this workbook
 *   … run the add-in's code …                              // (or: await book.run(() => the add-in's code))
 *   book.syncs, book.requests (bytes per sync), await book.toXlsx()
 *
 * Behaviour enforced (sources: the Excel JavaScript API reference, https://learn.microsoft.com/javascript/api/excel,
 * quoted from @types/office-js which carries the same text, and the articles named):
 *  1. Batching: properties are readable only after load() + context.sync() (PropertyNotLoaded otherwise);
 *     operations run in order at sync; the first failing operation rejects the sync and the operations after it
 *     do not run, those before it stay done ("Handle errors with the application-specific JavaScript APIs";
 *     a batch is not a transaction).
 *  2. WorksheetCollection.getItem: "Gets a worksheet object using its name or ID" — a missing key rejects the
 *     sync with ItemNotFound; getItemOrNullObject gives isNullObject = true instead ("*OrNullObject methods and
 *     properties" article). Sheet names compare case-insensitively; add() of a taken name → ItemAlreadyExists;
 *     a name longer than 31 characters or with : \ / ? * [ ] → InvalidArgument (Excel's sheet-name rules).
 *  3. WorksheetProtection.protect: "Protects a worksheet. Fails if the worksheet has already been protected."
 *     unprotect(password) with a wrong or missing password fails (InvalidArgument; the code is the stricter
 *     reading: the reference names none). isPasswordProtected (ExcelApiOnline 1.1).
 *  4. Writing values, formulas, number formats or cell formats into locked cells of a protected sheet fails
 *     (Excel's "Protect a worksheet": locked cells cannot be changed while the sheet is protected; the error
 *     code used here, AccessDenied, is the stricter reading). merge/unmerge on a protected sheet fail too.
 *  5. values / formulas / numberFormat arrays must have the range's dimensions, else InvalidArgument ("Set or
 *     get range values … the dimensions of the array must match the range"); a single value (not an array)
 *     is applied to every cell; `null` in an array leaves that cell unchanged, "" clears it ("Blank or null
 *     values in bulk data" in the same article).
 *  6. Range.values: "If the returned value starts with a plus ("+"), minus ("-"), or equal sign ("="), Excel
 *     interprets this value as a formula." — and text that looks like a number becomes a number — unless the
 *     cell's number format is Text ("@"): "Text: treats the content of a cell as text and displays the content
 *     exactly as you type it, even when you type numbers" (Excel "Available number formats"). Strings starting
 *     with "@" are taken as formulas too (Excel reads "@SUM(1)" typed in a General cell as =SUM(1)): stricter.
 *  7. Names: Workbook.names holds workbook-scoped names, Worksheet.names sheet-scoped ones ("Work with named
 *     ranges": "names … can be scoped to the workbook or to a worksheet"); NamedItem.value of a range name is
 *     its reference ("'兴山 区'!$F$12"; quotes only where Excel needs them).
 *  8. Not modelled on purpose: Workbook.insertWorksheetsFromBase64. The add-in does not use it — workbook-scoped
 *     names of the inserted sheets arrive as "=#REF!$…" (office-js #3583) or corrupt after the workbook is reopened
 *     (office-js #4772), so no check at insert time makes it safe; calling it fails the test.
 *  9. Payload: "Excel on the web has a payload size limit for requests and responses of 5MB"
 *     ("Resource limits and performance optimization for Office Add-ins"): a sync whose request (written
 *     data) or response (loaded data) exceeds 5 MB (UTF-8 JSON) rejects with RequestPayloadSizeLimitExceeded /
 *     ResponsePayloadSizeLimitExceeded; every sync's sizes are recorded in `requests`.
 * 10. getUsedRange: "If the worksheet is blank, this function will return the top left cell";
 *     getUsedRangeOrNullObject gives a null object then. valuesOnly counts only cells with a value/formula.
 * 11. Formulas compute: values of formula cells come from a real formula engine (HyperFormula) with the
 *     CREDIT.* functions registered or not (`functionsRegistered`): an unregistered custom function is #NAME?,
 *     like Excel without the add-in.
 * 12. Requirement sets: an API newer than what `supported` grants fails its sync with ApiNotFound (ExcelApi 1.7:
 *     charts' setXAxisValues/hasDataLabels, freezePanes, Worksheet.copy, WorkbookProtection; 1.8: dataValidation;
 *     1.9: pageLayout, horizontalPageBreaks, setCellProperties, autoFilter), as the member's "[Api set: …]" says.
 * 13. Arguments as the reference types them (Excel.ChartType, ChartSeriesBy, PaperType, PageOrientation,
 *     DataValidationOperator, DataValidationAlertStyle, BorderIndex, alignments, line styles, weights, colours):
 *     anything else fails the sync with InvalidArgument. Where a number's range is written down it is checked
 *     (PageLayoutZoomOptions.scale "between 10 and 400"; fit-to pages are a "number of pages", so 0 — undocumented
 *     — is refused: the stricter reading); a data-validation rule holds exactly one criterion ("You can only use
 *     one of them at a time"), Between needs formula2; titles and messages within the lengths of the file format
 *     (ECMA-376 dataValidation: promptTitle/errorTitle 32, prompt 255, error 225 characters; a list source 255).
 *     A property or method of a chart, page layout or data validation the fake does not know fails the test
 *     ("not modelled"), rather than passing silently.
 * 14. Workbook structure protection (`structureProtected`, read through WorkbookProtection.protected): adding,
 *     copying, deleting, renaming or moving a sheet fails (InvalidOperation, the stricter reading). The last sheet
 *     of a workbook cannot be deleted. Worksheet.copy copies cells, formats, names, merges, protection, charts,
 *     page layout and validation; the copy is named "汇总 (2)" like Excel's.
 * 15. Co-authoring (Excel with AutoSave, "Coauthoring in Excel add-ins"): not simulated by itself. `beforeSync` lets a
 *     test be a second member of the 考核组 — its own add-in's requests (another Excel.run on this workbook, held
 *     or released at each sync) or a plain write into the workbook between two of this add-in's requests — and
 *     the requests of the two are applied in the order they reach the workbook, one whole request at a time.
 * Formats, column widths, row heights, page layout, charts and validation are kept per sheet (cells' `style`,
 * `page`, `charts`, `validation`…) so tests can read what was set; toXlsx() writes styles, merges, widths,
 * heights and the page setup too, for rendering with LibreOffice (charts excepted: ExcelJS writes none).
 * What it does not model (only real Excel could show): rendering, fonts and print output, data-validation
 * UI, undo, recalculation timing of async custom functions (#BUSY!), events, co-authoring by itself (rule 15), the exact error
 * codes where the reference names none, and Excel's own parsing of dates and locale-specific numbers.
 */
import ExcelJS from "exceljs";
import { computeSheet } from "./hyperformulaCredit";
import { fileFormula } from "../../src/xlsx/writeTemplate";
import { shiftFormula } from "../../src/read/index";

export type Scalar = string | number | boolean;
const LIMIT = 5 * 1024 * 1024;

export class FakeOfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = "RichApi.Error";
  }
}

export interface FakeCell {
  v: Scalar | null;
  /** Formula with "=" */
  f?: string;
  fmt: string;
  locked: boolean;
  /** Cell format written through Range.format ("font.color", "fill.color", "horizontalAlignment", "borders.EdgeTop.style"…). */
  style?: Record<string, unknown>;
}

export interface FakeChart {
  sheet: FakeSheet;
  name: string;
  type: string;
  /** Source data address ("C5:C12"). */
  source: string;
  seriesBy: string;
  series: { name?: string; xValues?: string; dataLabels?: boolean }[];
  title?: string;
  legend?: boolean;
  /** Top-left and bottom-right cells. */
  position?: [string, string?];
  valueAxis: { minimum?: number; maximum?: number };
}

export interface FakeValidation {
  rule?: Record<string, unknown>;
  errorAlert?: Record<string, unknown>;
  prompt?: Record<string, unknown>;
}

export interface FakeName {
  name: string;
  /** Sheet-relative target, or undefined for #REF!. */
  ref?: { sheet: FakeSheet; r1: number; c1: number; r2: number; c2: number };
}

const colLetters = (n: number) => {
  let s = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};
const colNum = (l: string) => [...l].reduce((s, ch) => s * 26 + ch.charCodeAt(0) - 64, 0);

/** "A1:B2" / "C:C" / "3:3" / "$F$12" → 1-based box. */
export function parseA1(a: string): { r1: number; c1: number; r2: number; c2: number } {
  const t = a.replace(/\$/g, "").toUpperCase();
  let m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(t);
  if (m) return { r1: +m[2], c1: colNum(m[1]), r2: +(m[4] ?? m[2]), c2: colNum(m[3] ?? m[1]) };
  m = /^([A-Z]+):([A-Z]+)$/.exec(t);
  if (m) return { r1: 1, c1: colNum(m[1]), r2: 1048576, c2: colNum(m[2]) };
  m = /^(\d+):(\d+)$/.exec(t);
  if (m) return { r1: +m[1], c1: 1, r2: +m[2], c2: 16384 };
  throw new FakeOfficeError("InvalidArgument", `bad address ${a}`);
}

/** How Excel writes a sheet name in a reference: quoted unless letters/digits/underscore (CJK counts). */
export function quoteSheet(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !/^[A-Z]{1,3}\d+$/i.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

let nextId = 1;

export class FakeSheet {
  readonly id = `{${String(nextId++).padStart(8, "0")}-0001-0000-0000-000000000000}`;
  cells = new Map<string, FakeCell>();
  names: FakeName[] = [];
  protected = false;
  password?: string;
  protectOptions?: Excel.WorksheetProtectionOptions;
  merges: string[] = [];
  /** Charts on the sheet, as set through the API. */
  charts: FakeChart[] = [];
  /** Page layout as set (orientation, paperSize, zoom, margins, centerHorizontally, printArea, printTitleRows, header/footer texts). */
  page: Record<string, unknown> = {};
  /** Rows a manual page break sits above (horizontalPageBreaks.add). */
  pageBreaks: number[] = [];
  frozenRows?: number;
  /** Columns frozen at the left (freezePanes.freezeAt). */
  frozenColumns?: number;
  /** The AutoFilter's range ("A5:Q40"), as applied. */
  autoFilter?: string;
  /** Tab colour as set ("#RRGGBB"). */
  tabColor?: string;
  /** Data validation per cell ("row,col"). */
  validation = new Map<string, FakeValidation>();
  /** Column widths and row heights in points, as set. */
  widths = new Map<number, number>();
  heights = new Map<number, number>();
  hiddenColumns = new Set<number>();
  hiddenRows = new Set<number>();
  /** Formatting and layout calls that change no cell content (recorded, not interpreted). */
  props: string[] = [];
  /** Computed values are stale after a write. */
  dirty = false;
  constructor(public name: string) {}

  cell(r: number, c: number): FakeCell {
    const k = `${r},${c}`;
    let x = this.cells.get(k);
    if (!x) this.cells.set(k, (x = { v: null, fmt: "General", locked: true }));
    return x;
  }
  peek(r: number, c: number): FakeCell | undefined {
    return this.cells.get(`${r},${c}`);
  }
  /** Value at an A1 address (tests). */
  value(a: string): Scalar | null {
    const b = parseA1(a);
    return this.peek(b.r1, b.c1)?.v ?? null;
  }
  formula(a: string): string | undefined {
    const b = parseA1(a);
    return this.peek(b.r1, b.c1)?.f;
  }
  /** Every stored cell with its row and column (1-based). */
  *each(): Generator<[row: number, col: number, cell: FakeCell]> {
    for (const [k, x] of this.cells) {
      const comma = k.indexOf(",");
      yield [+k.slice(0, comma), +k.slice(comma + 1), x];
    }
  }
  used(valuesOnly: boolean): { r1: number; c1: number; r2: number; c2: number } | undefined {
    let r1 = Infinity,
      c1 = Infinity,
      r2 = 0,
      c2 = 0;
    // Over the map itself, the address parsed only for cells that count (no generator): the scripted year's
    // 核定表 (992 rows) is asked for its used range by every range the pane resolves on it.
    for (const [k, x] of this.cells) {
      const content = x.f !== undefined || (x.v !== null && x.v !== "");
      if (!content && (valuesOnly || (x.fmt === "General" && x.locked))) continue;
      const comma = k.indexOf(",");
      const r = +k.slice(0, comma);
      const c = +k.slice(comma + 1);
      r1 = Math.min(r1, r);
      c1 = Math.min(c1, c);
      r2 = Math.max(r2, r);
      c2 = Math.max(c2, c);
    }
    return r2 ? { r1, c1, r2, c2 } : undefined;
  }
}

/** Client proxy → its client (a Range passed to names.add). */
const unwrapped = new WeakMap<object, Client>();

interface Action {
  bytes: number;
  run(): void;
}

type Resolver = () => unknown;

/** A queued client object; `resolve` runs at sync time and throws ItemNotFound etc. like Excel. */
class Client {
  loaded?: Record<string, unknown>;
  pendingNull?: boolean;
  constructor(
    readonly ctx: FakeContext,
    readonly kind: string,
    readonly resolve: Resolver,
    readonly nullable = false,
  ) {}
}

export class FakeWorkbook {
  sheets: FakeSheet[] = [];
  names: FakeName[] = [];
  active?: FakeSheet;
  /** The CREDIT.* functions are registered (the add-in runs); false: #NAME? like Excel without it. */
  functionsRegistered = true;
  /** Requirement sets this Excel supports (for Office.context.requirements). */
  supported = (_set: string, _v: string) => true;
  syncs = 0;
  /** Per sync: request bytes (operations and written data) and response bytes (loaded data). */
  requests: { request: number; response: number }[] = [];
  /** Options passed to each Excel.run. */
  runOptions: unknown[] = [];
  /** 审阅 → 保护工作簿 (structure): sheets cannot be added, copied, deleted, renamed or moved (rule 14). */
  structureProtected = false;
  /** Sheets added, copied, renamed, moved and deleted, in order ("add 兴山区", "delete 汇总（旧）1"…). */
  structural: string[] = [];
  /** Operations run so far (every queued write, load and method call, over all syncs). */
  operations = 0;
  /** The number of the first operation of each sync so far (for injecting failures at each step). */
  syncStarts: number[] = [];
  /** Failure injection: the operation with this number (1-based, counted over all syncs) fails with GeneralException. */
  failAtOperation?: number;

  /** A deep copy (sheets, cells, names, charts…): one workbook built once, many tests on copies of it. */
  clone(): FakeWorkbook {
    const b = new FakeWorkbook();
    b.functionsRegistered = this.functionsRegistered;
    b.supported = this.supported;
    b.structureProtected = this.structureProtected;
    const bySheet = new Map<FakeSheet, FakeSheet>();
    for (const s of this.sheets) bySheet.set(s, copySheet(s, s.name));
    b.sheets = this.sheets.map((s) => bySheet.get(s)!);
    for (const [from, to] of bySheet) to.names = from.names.map((n) => ({ name: n.name, ref: n.ref && { ...n.ref, sheet: bySheet.get(n.ref.sheet) ?? to } }));
    b.names = this.names.map((n) => ({ name: n.name, ref: n.ref && { ...n.ref, sheet: bySheet.get(n.ref.sheet)! } }));
    b.active = this.active && bySheet.get(this.active);
    return b;
  }

  /**
   * Co-authoring: awaited at the start of every sync of every context, before its operations run. A test plays
   * a second member of the 考核组 here — writing into the workbook between this add-in's requests, or holding
   * one context's sync until another's has run (the order in which two coauthors' requests reach the workbook).
   */
  beforeSync?: (context: FakeContext) => void | Promise<void>;

  sheet(name: string): FakeSheet {
    const s = this.find(name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }
  find(key: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.id === key || s.name.toLowerCase() === key.toLowerCase());
  }
  addSheet(name: string): FakeSheet {
    if (name.length > 31 || /[:\\/?*[\]]/.test(name) || !name.trim()) throw new FakeOfficeError("InvalidArgument", `invalid sheet name ${name}`);
    if (this.find(name)) throw new FakeOfficeError("ItemAlreadyExists", `sheet ${name} exists`);
    const s = new FakeSheet(name);
    this.sheets.push(s);
    return s;
  }
  /** Named cell's value (sheet scope first, then workbook scope). */
  named(sheet: FakeSheet, name: string): FakeCell | undefined {
    const n = sheet.names.find((x) => x.name === name) ?? this.names.find((x) => x.name === name && x.ref?.sheet === sheet);
    if (!n?.ref) return undefined;
    this.compute(n.ref.sheet);
    return n.ref.sheet.peek(n.ref.r1, n.ref.c1);
  }

  /** Excel.run(batch) / Excel.run(options, batch) over this workbook; returns the restore function. */
  install(): () => void {
    const g = globalThis as { Excel?: unknown; Office?: unknown };
    const prev = { Excel: g.Excel, Office: g.Office };
    g.Excel = {
      PageOrientation: { landscape: "Landscape", portrait: "Portrait" },
      run: async <R>(a: unknown, b?: (ctx: Excel.RequestContext) => Promise<R>): Promise<R> => {
        const batch = (typeof a === "function" ? a : b) as (ctx: Excel.RequestContext) => Promise<R>;
        this.runOptions.push(typeof a === "function" ? undefined : a);
        return batch(new FakeContext(this).proxy);
      },
    };
    g.Office = {
      FileType: { Compressed: "compressed", Pdf: "pdf", Text: "text" },
      AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
      context: { requirements: { isSetSupported: (s: string, v: string) => this.supported(s, v) }, document: { getFileAsync: this.getFileAsync.bind(this) } },
    };
    return () => {
      g.Excel = prev.Excel;
      g.Office = prev.Office;
    };
  }

  /** Files handed out by getFileAsync and not closed yet. */
  openFiles = 0;

  /**
   * Office.context.document.getFileAsync as Excel documents it (Office.Document.getFileAsync): the workbook as
   * an .xlsx (FileType.Compressed; this fake's toXlsx, charts excepted), in slices of at most 4194304 bytes
   * ("up to 4194304 bytes (4 MB)"), each slice's data a byte array; "no more than two documents are allowed to
   * be in memory; otherwise the getFileAsync operation fails" — a file is held until its closeAsync.
   */
  getFileAsync(type: string, options: { sliceSize?: number } | ((r: unknown) => void), callback?: (r: unknown) => void): void {
    const done = (typeof options === "function" ? options : callback)!;
    const sliceSize = typeof options === "function" ? 4194304 : (options.sliceSize ?? 4194304);
    const fail = (message: string) => done({ status: "failed", error: { code: 5001, name: "Internal Error", message } });
    if (type !== "compressed") return void fail(`This fake hands out the compressed file only, not ${type}`);
    if (!(sliceSize > 0 && sliceSize <= 4194304)) return void fail("The sliceSize is out of range (at most 4194304 bytes)");
    if (this.openFiles >= 2) return void fail("No more than two documents are allowed to be in memory");
    this.openFiles++;
    void this.toXlsx().then((bytes) => {
      let closed = false;
      const sliceCount = Math.max(1, Math.ceil(bytes.length / sliceSize));
      const file = {
        size: bytes.length,
        sliceCount,
        getSliceAsync: (i: number, cb: (r: unknown) => void) => {
          if (closed || !(i >= 0 && i < sliceCount)) return void cb({ status: "failed", error: { code: 5001, message: closed ? "The file is closed" : "No such slice" } });
          cb({ status: "succeeded", value: { index: i, size: Math.min(sliceSize, bytes.length - i * sliceSize), data: Array.from(bytes.subarray(i * sliceSize, (i + 1) * sliceSize)) } });
        },
        closeAsync: (cb?: (r: unknown) => void) => {
          if (!closed) this.openFiles--;
          closed = true;
          cb?.({ status: "succeeded" });
        },
      };
      done({ status: "succeeded", value: file });
    });
  }

  /** Runs `f` with this workbook installed (install(), and restore however `f` ends). */
  async run<T>(f: () => Promise<T>): Promise<T> {
    const restore = this.install();
    try {
      return await f();
    } finally {
      restore();
    }
  }

  // ---------- formulas ----------
  /** Recomputes a sheet's formula values with HyperFormula (CREDIT.* registered or not). */
  compute(s: FakeSheet): void {
    if (!s.dirty) return;
    s.dirty = false;
    const box = s.used(true);
    if (!box) return;
    const grid: unknown[][] = [];
    const formulaCells: [number, number][] = [];
    for (let r = 1; r <= box.r2; r++) {
      const row: unknown[] = [];
      for (let c = 1; c <= box.c2; c++) {
        const x = s.peek(r, c);
        if (!x) row.push(null);
        else if (x.f !== undefined) {
          formulaCells.push([r, c]);
          row.push(this.functionsRegistered ? x.f : x.f.replace(/\bCREDIT\./g, "CREDIT_NOT_REGISTERED."));
        } else if (typeof x.v === "string" && /^['=]/.test(x.v)) row.push(`'${x.v}`);
        else row.push(x.v === "" ? null : x.v);
      }
      grid.push(row);
    }
    if (!formulaCells.length) return;
    // The sheet's own slot in the engine: only the cells changed since its last recalculation are written.
    computeSheet(grid, (hf, sheet) => {
      for (const [r, c] of formulaCells) {
        const v = hf.getCellValue({ sheet, row: r - 1, col: c - 1 });
        s.peek(r, c)!.v = v === null ? "" : typeof v === "object" ? String((v as { value: string }).value) : (v as Scalar);
      }
    }, s);
  }

  // ---------- xlsx ----------
  /** The workbook saved as xlsx (ExcelJS): values, formulas with their computed results, formats, names. */
  async toXlsx(): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    for (const s of this.sheets) {
      this.compute(s);
      const ws = wb.addWorksheet(s.name);
      for (const [k, x] of s.cells) {
        const [r, c] = k.split(",").map(Number);
        const cell = ws.getCell(r, c);
        if (x.f !== undefined) cell.value = { formula: fileFormula(x.f.slice(1)), result: errorOrValue(x.v) } as ExcelJS.CellFormulaValue;
        else if (x.v !== null && x.v !== "") cell.value = errorOrValue(x.v) as ExcelJS.CellValue;
        if (x.fmt !== "General") cell.numFmt = x.fmt;
        if (!x.locked) cell.protection = { locked: false };
        if (x.style) Object.assign(cell, excelJsStyle(x.style));
      }
      for (const m of s.merges) ws.mergeCells(m);
      exportLayout(s, ws);
      if (s.protected) await ws.protect("", { formatColumns: true, formatRows: true });
      // ExcelJS names are workbook-level: a sheet-scoped name is exported when its name is not taken.
      for (const n of [...s.names, ...this.names.filter((x) => x.ref?.sheet === s)]) {
        if (!n.ref) continue;
        const ref = `${quoteSheet(s.name)}!$${colLetters(n.ref.c1)}$${n.ref.r1}`;
        if (!wb.definedNames.getRanges(n.name).ranges.length) wb.definedNames.add(ref, n.name);
      }
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

}

/**
 * A filled unit sheet as Excel holds it after a recalculation — each cell of a template layout with its value
 * (a formula cell with its formula and cached result) and sheet-scoped CR_* names, protected like a written
 * template — without going through a writer: a quick setup for tests of what reads unit sheets.
 */
export function addLayoutSheet(book: FakeWorkbook, layout: { sheetName: string; cells: { row: number; col: number; value?: unknown; formula?: string; cached?: unknown; locked: boolean; numFmt?: string }[]; names: { name: string; address: string }[] }): FakeSheet {
  const s = book.addSheet(layout.sheetName);
  for (const c of layout.cells) {
    const x = s.cell(c.row, c.col);
    const v = c.formula !== undefined ? c.cached : c.value;
    x.v = v === undefined || v === null ? null : typeof v === "object" ? String((v as { error?: string }).error ?? "") : (v as Scalar);
    if (c.formula !== undefined) x.f = `=${c.formula}`;
    else if (typeof c.value === "string") x.fmt = "@";
    if (c.numFmt) x.fmt = c.numFmt;
    x.locked = c.locked;
  }
  s.names = layout.names.map((n) => ({ name: n.name, ref: { sheet: s, ...parseA1(n.address) } }));
  s.protected = true;
  s.dirty = false; // the cached results are what a recalculation gives
  return s;
}

/** Kinds whose every property and method the fake checks; anything else on them fails the test (rule 13). */
const MODELLED = new Set(["chart", "chart.title", "chart.legend", "chart.axes", "chart.valueAxis", "chart.series", "chart.seriesItem", "pageLayout", "headersFooters", "headerFooter", "dataValidation", "pageBreaks", "freezePanes", "charts", "autoFilter"]);
// prettier-ignore
const CHART_TYPES = ["ColumnClustered","ColumnStacked","ColumnStacked100","3DColumnClustered","3DColumnStacked","3DColumnStacked100","BarClustered","BarStacked","BarStacked100","3DBarClustered","3DBarStacked","3DBarStacked100","LineStacked","LineStacked100","LineMarkers","LineMarkersStacked","LineMarkersStacked100","PieOfPie","PieExploded","3DPieExploded","BarOfPie","XYScatterSmooth","XYScatterSmoothNoMarkers","XYScatterLines","XYScatterLinesNoMarkers","AreaStacked","AreaStacked100","3DAreaStacked","3DAreaStacked100","DoughnutExploded","RadarMarkers","RadarFilled","Surface","SurfaceWireframe","SurfaceTopView","SurfaceTopViewWireframe","Bubble","Bubble3DEffect","StockHLC","StockOHLC","StockVHLC","StockVOHLC","CylinderColClustered","CylinderColStacked","CylinderColStacked100","CylinderBarClustered","CylinderBarStacked","CylinderBarStacked100","CylinderCol","ConeColClustered","ConeColStacked","ConeColStacked100","ConeBarClustered","ConeBarStacked","ConeBarStacked100","ConeCol","PyramidColClustered","PyramidColStacked","PyramidColStacked100","PyramidBarClustered","PyramidBarStacked","PyramidBarStacked100","PyramidCol","3DColumn","Line","3DLine","3DPie","Pie","XYScatter","3DArea","Area","Doughnut","Radar","Histogram","Boxwhisker","Pareto","RegionMap","Treemap","Waterfall","Sunburst","Funnel"];
// prettier-ignore
const PAPER_TYPES = ["Letter","LetterSmall","Tabloid","Ledger","Legal","Statement","Executive","A3","A4","A4Small","A5","B4","B5","Folio","Quatro","Paper10x14","Paper11x17","Note","Envelope9","Envelope10","Envelope11","Envelope12","Envelope14","Csheet","Dsheet","Esheet","EnvelopeDL","EnvelopeC5","EnvelopeC3","EnvelopeC4","EnvelopeC6","EnvelopeC65","EnvelopeB4","EnvelopeB5","EnvelopeB6","EnvelopeItaly","EnvelopeMonarch","EnvelopePersonal","FanfoldUS","FanfoldStdGerman","FanfoldLegalGerman"];
const DV_OPERATORS = ["Between", "NotBetween", "EqualTo", "NotEqualTo", "GreaterThan", "LessThan", "GreaterThanOrEqualTo", "LessThanOrEqualTo"];

function invalid(what: string, value: unknown): never {
  throw new FakeOfficeError("InvalidArgument", `${what} = ${JSON.stringify(value)}`);
}
function oneOf(what: string, value: unknown, list: readonly string[]): void {
  if (typeof value !== "string" || !list.includes(value)) invalid(what, value);
}
function plainObject(what: string, value: unknown, keys: readonly string[]): Record<string, unknown> {
  if (!value || typeof value !== "object" || Array.isArray(value)) invalid(what, value);
  const o = value as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!keys.includes(k)) invalid(`${what}.${k}`, o[k]);
  return o;
}
const chars = (x: unknown) => (typeof x === "string" ? [...x].length : 0);

/** PageLayoutZoomOptions: a scale "between 10 and 400", or a number of pages wide and/or tall — not both (rule 13). */
function checkZoom(value: unknown): void {
  const z = plainObject("pageLayout.zoom", value, ["scale", "horizontalFitToPages", "verticalFitToPages"]);
  const none = (x: unknown) => x === undefined || x === null;
  for (const k of ["horizontalFitToPages", "verticalFitToPages"]) if (!none(z[k]) && !(Number.isInteger(z[k]) && (z[k] as number) >= 1)) invalid(`zoom.${k} (a number of pages)`, z[k]);
  if (!none(z.scale)) {
    if (!(Number.isInteger(z.scale) && (z.scale as number) >= 10 && (z.scale as number) <= 400)) invalid("zoom.scale (10–400)", z.scale);
    if (!none(z.horizontalFitToPages) || !none(z.verticalFitToPages)) invalid("zoom (a scale and pages at once)", z);
  } else if (none(z.horizontalFitToPages) && none(z.verticalFitToPages)) invalid("zoom (empty)", z);
}

/** DataValidationRule: exactly one criterion; basic criteria need an operator and formula1, Between formula2. */
function checkRule(value: unknown): void {
  const kinds = ["wholeNumber", "decimal", "date", "time", "textLength", "list", "custom"];
  const rule = plainObject("dataValidation.rule", value, kinds);
  const set = kinds.filter((k) => rule[k] !== undefined && rule[k] !== null);
  if (set.length !== 1) invalid("dataValidation.rule (exactly one criterion)", value);
  const k = set[0];
  if (k === "list") {
    const l = plainObject("rule.list", rule.list, ["inCellDropDown", "source"]);
    if (l.inCellDropDown !== undefined && typeof l.inCellDropDown !== "boolean") invalid("list.inCellDropDown", l.inCellDropDown);
    if (typeof l.source !== "string" || !l.source || chars(l.source) > 255) invalid("list.source (1–255 characters)", l.source);
  } else if (k === "custom") {
    const c = plainObject("rule.custom", rule.custom, ["formula"]);
    if (typeof c.formula !== "string" || !c.formula) invalid("custom.formula", c.formula);
  } else {
    const b = plainObject(`rule.${k}`, rule[k], ["operator", "formula1", "formula2"]);
    oneOf(`${k}.operator (Excel.DataValidationOperator)`, b.operator, DV_OPERATORS);
    const given = (x: unknown) => (typeof x === "number" && Number.isFinite(x)) || (typeof x === "string" && x !== "");
    if (!given(b.formula1)) invalid(`${k}.formula1`, b.formula1);
    if ((b.operator === "Between" || b.operator === "NotBetween") && !given(b.formula2)) invalid(`${k}.formula2 (Between)`, b.formula2);
  }
}

function checkAlert(value: unknown): void {
  const a = plainObject("dataValidation.errorAlert", value, ["showAlert", "style", "title", "message"]);
  if (a.showAlert !== undefined && typeof a.showAlert !== "boolean") invalid("errorAlert.showAlert", a.showAlert);
  if (a.style !== undefined) oneOf("errorAlert.style (Excel.DataValidationAlertStyle)", a.style, ["Stop", "Warning", "Information"]);
  if (a.title !== undefined && (typeof a.title !== "string" || chars(a.title) > 32)) invalid("errorAlert.title (≤ 32 characters)", a.title);
  if (a.message !== undefined && (typeof a.message !== "string" || chars(a.message) > 225)) invalid("errorAlert.message (≤ 225 characters)", a.message);
}

function checkPrompt(value: unknown): void {
  const a = plainObject("dataValidation.prompt", value, ["showPrompt", "title", "message"]);
  if (a.showPrompt !== undefined && typeof a.showPrompt !== "boolean") invalid("prompt.showPrompt", a.showPrompt);
  if (a.title !== undefined && (typeof a.title !== "string" || chars(a.title) > 32)) invalid("prompt.title (≤ 32 characters)", a.title);
  if (a.message !== undefined && (typeof a.message !== "string" || chars(a.message) > 255)) invalid("prompt.message (≤ 255 characters)", a.message);
}

function eachCell(r: RangeTarget, f: (row: number, col: number) => void): void {
  for (let i = r.r1; i <= r.r2; i++) for (let j = r.c1; j <= r.c2; j++) f(i, j);
}

function a1Box(r: { r1: number; c1: number; r2: number; c2: number }): string {
  const a = `${colLetters(r.c1)}${r.r1}`;
  return r.r1 === r.r2 && r.c1 === r.c2 ? a : `${a}:${colLetters(r.c2)}${r.r2}`;
}

/** A copy of a sheet under another name: cells (formats too), names pointing into it, merges, protection, charts, layout. */
function copySheet(s: FakeSheet, name: string): FakeSheet {
  const t = new FakeSheet(name);
  for (const [k, x] of s.cells) t.cells.set(k, { ...x, style: x.style && { ...x.style } });
  t.names = s.names.map((n) => ({ name: n.name, ref: n.ref && { ...n.ref, sheet: n.ref.sheet === s ? t : n.ref.sheet } }));
  t.protected = s.protected;
  t.password = s.password;
  t.protectOptions = s.protectOptions && { ...s.protectOptions };
  t.merges = [...s.merges];
  t.charts = s.charts.map((ch) => ({ ...ch, sheet: t, series: ch.series.map((x) => ({ ...x })), valueAxis: { ...ch.valueAxis } }));
  t.page = { ...s.page };
  t.pageBreaks = [...s.pageBreaks];
  t.frozenRows = s.frozenRows;
  t.frozenColumns = s.frozenColumns;
  t.tabColor = s.tabColor;
  t.autoFilter = s.autoFilter;
  for (const [k, v] of s.validation) t.validation.set(k, { ...v });
  t.widths = new Map(s.widths);
  t.heights = new Map(s.heights);
  t.hiddenColumns = new Set(s.hiddenColumns);
  t.hiddenRows = new Set(s.hiddenRows);
  t.props = [...s.props];
  t.dirty = s.dirty; // the same formulas over the same values: the computed results hold
  return t;
}

/** Excel.BorderIndex. */
const BORDER_INDEX = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal", "DiagonalDown", "DiagonalUp"];
/** Enumerations of the Range.format properties the add-in sets (Excel.HorizontalAlignment, VerticalAlignment, BorderLineStyle, BorderWeight). */
const FORMAT_ENUMS: Record<string, string[]> = {
  horizontalAlignment: ["General", "Left", "Center", "Right", "Fill", "Justify", "CenterAcrossSelection", "Distributed"],
  verticalAlignment: ["Top", "Center", "Bottom", "Justify", "Distributed"],
  style: ["None", "Continuous", "Dash", "DashDot", "DashDotDot", "Dot", "Double", "SlantDashDot"],
  weight: ["Hairline", "Thin", "Medium", "Thick"],
};

/**
 * A value Excel accepts for a Range.format property: the enumerations above; colours as "#RRGGBB" or a name
 * ("Color is represented in the form #RRGGBB … or as a named HTML color", RangeFont.color / RangeFill.color);
 * booleans for bold / wrapText; a positive size. Anything else fails the batch with InvalidArgument.
 */
function checkFormat(key: string, value: unknown): void {
  const last = key.slice(key.lastIndexOf(".") + 1);
  const bad = () => new FakeOfficeError("InvalidArgument", `format ${key} = ${JSON.stringify(value)}`);
  if (FORMAT_ENUMS[last] && !FORMAT_ENUMS[last].includes(String(value))) throw bad();
  if (last === "color" && !(typeof value === "string" && (/^#[0-9A-Fa-f]{6}$/.test(value) || /^[A-Za-z]+$/.test(value)))) throw bad();
  if ((last === "bold" || last === "italic" || last === "wrapText") && typeof value !== "boolean") throw bad();
  if (last === "size" && !(typeof value === "number" && value > 0 && value <= 409)) throw bad();
  if (last === "name" && !(typeof value === "string" && value)) throw bad();
}

/** A cell's Range.format keys as ExcelJS style parts (for toXlsx). */
function excelJsStyle(st: Record<string, unknown>): Partial<ExcelJS.Style> {
  const argb = (x: unknown) => (typeof x === "string" && x.startsWith("#") ? { argb: `FF${x.slice(1).toUpperCase()}` } : undefined);
  const H: Record<string, ExcelJS.Alignment["horizontal"]> = { Left: "left", Center: "center", Right: "right", Fill: "fill", Justify: "justify", Distributed: "distributed", CenterAcrossSelection: "centerContinuous" };
  const V: Record<string, ExcelJS.Alignment["vertical"]> = { Top: "top", Center: "middle", Bottom: "bottom", Justify: "justify", Distributed: "distributed" };
  const out: Partial<ExcelJS.Style> = {
    font: { name: st["font.name"] as string | undefined, size: st["font.size"] as number | undefined, bold: st["font.bold"] as boolean | undefined, color: argb(st["font.color"]) },
    alignment: { horizontal: H[st.horizontalAlignment as string], vertical: V[st.verticalAlignment as string], wrapText: st.wrapText as boolean | undefined },
  };
  if (st["fill.color"]) out.fill = { type: "pattern", pattern: "solid", fgColor: argb(st["fill.color"]) };
  const border: Partial<ExcelJS.Borders> = {};
  for (const [edge, side] of [["EdgeTop", "top"], ["EdgeBottom", "bottom"], ["EdgeLeft", "left"], ["EdgeRight", "right"]] as const) {
    if (st[`borders.${edge}.style`] === "Continuous") border[side] = { style: "thin", color: argb(st[`borders.${edge}.color`]) };
  }
  if (Object.keys(border).length) out.border = border;
  return out;
}

/** A sheet's widths, heights, frozen rows, page breaks and page setup into ExcelJS (for toXlsx). */
function exportLayout(s: FakeSheet, ws: ExcelJS.Worksheet): void {
  for (const [c, pt] of s.widths) ws.getColumn(c).width = Math.max(0, (pt / 0.75 - 5) / 7);
  for (const c of s.hiddenColumns) ws.getColumn(c).hidden = true;
  for (const [r, pt] of s.heights) ws.getRow(r).height = pt;
  for (const r of s.hiddenRows) ws.getRow(r).hidden = true;
  if (s.frozenRows || s.frozenColumns) ws.views = [{ state: "frozen", ySplit: s.frozenRows ?? 0, xSplit: s.frozenColumns ?? 0 }];
  if (s.autoFilter) ws.autoFilter = s.autoFilter;
  if (s.tabColor) ws.properties.tabColor = { argb: `FF${s.tabColor.slice(1).toUpperCase()}` };
  for (const r of s.pageBreaks) if (r > 1) ws.getRow(r - 1).addPageBreak();
  const p = s.page;
  const zoom = p.zoom as { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number } | undefined;
  const inch = (x: unknown, d: number) => (typeof x === "number" ? x / 72 : d);
  ws.pageSetup = {
    ...ws.pageSetup,
    orientation: p.orientation === "Landscape" ? "landscape" : "portrait",
    paperSize: p.paperSize === "A4" ? 9 : undefined,
    scale: zoom?.scale ?? 100,
    fitToPage: !!zoom && zoom.scale === undefined,
    fitToWidth: zoom?.horizontalFitToPages,
    fitToHeight: zoom?.verticalFitToPages,
    horizontalCentered: p.centerHorizontally === true,
    printArea: typeof p.printArea === "string" ? p.printArea.replace(/\$/g, "") : undefined,
    printTitlesRow: typeof p.printTitleRows === "string" ? p.printTitleRows.replace(/\$/g, "") : undefined,
    printTitlesColumn: typeof p.printTitleColumns === "string" ? p.printTitleColumns.replace(/\$/g, "") : undefined,
    margins: { left: inch(p.leftMargin, 0.7), right: inch(p.rightMargin, 0.7), top: inch(p.topMargin, 0.75), bottom: inch(p.bottomMargin, 0.75), header: inch(p.headerMargin, 0.3), footer: inch(p.footerMargin, 0.3) },
  };
  const hf = (k: string, where: "L" | "C" | "R") => (typeof p[k] === "string" && p[k] ? `&${where}${p[k] as string}` : "");
  ws.headerFooter = { oddHeader: hf("leftHeader", "L") + hf("centerHeader", "C") + hf("rightHeader", "R") || undefined, oddFooter: hf("leftFooter", "L") + hf("centerFooter", "C") + hf("rightFooter", "R") || undefined };
}

function errorOrValue(v: Scalar | null): unknown {
  if (typeof v === "string" && /^#(NAME\?|VALUE!|N\/A|REF!|DIV\/0!|NUM!|NULL!)$/.test(v)) return { error: v };
  return v ?? null;
}

/** A loaded snapshot as the JSON Excel would send (collection items by their loaded properties). */
function plain(v: unknown): unknown {
  if (v instanceof Client) return v.loaded;
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === "object" && !(v instanceof FakeSheet)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

function bytesOf(x: unknown): number {
  return Buffer.byteLength(JSON.stringify(x ?? null), "utf8");
}

/** Converts what the add-in writes into a cell the way Excel does (rule 6). */
function store(cell: FakeCell, raw: unknown, via: "values" | "formulas"): void {
  if (raw === null || raw === undefined) return; // null leaves the cell unchanged (rule 5)
  cell.f = undefined;
  if (raw === "") {
    cell.v = null;
    return;
  }
  if (typeof raw === "number" || typeof raw === "boolean") {
    cell.v = raw;
    return;
  }
  if (typeof raw !== "string") throw new FakeOfficeError("InvalidArgument", `cell value of type ${typeof raw}`);
  if (cell.fmt === "@") {
    cell.v = raw; // Text format: stored exactly as written, even "=…" and numbers
    return;
  }
  const t = raw.trim();
  if (t !== "" && /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?%?$/i.test(t)) {
    cell.v = t.endsWith("%") ? Number(t.slice(0, -1)) / 100 : Number(t);
    return;
  }
  if (/^[=+\-@]/.test(raw) && raw.length > 1) {
    cell.f = raw.startsWith("=") ? raw : `=${raw.startsWith("@") ? raw.slice(1) : raw}`;
    cell.v = null;
    return;
  }
  void via;
  cell.v = raw;
}

const DATA_PROPS: Record<string, string[]> = {
  workbook: ["name"],
  worksheets: ["items", "count"],
  worksheet: ["name", "id", "position", "visibility", "isNullObject"],
  names: ["items", "count"],
  nameditem: ["name", "value", "type", "isNullObject"],
  range: ["address", "values", "formulas", "numberFormat", "rowIndex", "columnIndex", "rowCount", "columnCount", "isNullObject", "valueTypes", "text"],
  protection: ["protected", "isPasswordProtected", "options", "isNullObject"],
  bookProtection: ["protected"],
  charts: ["items", "count"],
  chart: ["name", "isNullObject"],
};

interface RangeTarget {
  sheet: FakeSheet;
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

export class FakeContext {
  queue: Action[] = [];
  pendingLoads: { client: Client; props: string[] }[] = [];
  readonly proxy: Excel.RequestContext;
  constructor(readonly book: FakeWorkbook) {
    const wbClient = new Client(this, "workbook", () => book);
    const self = this; // eslint-disable-line @typescript-eslint/no-this-alias -- Proxy traps need the context
    this.proxy = new Proxy({} as Excel.RequestContext, {
      get(_t, p) {
        if (p === "workbook") return self.wrap(wbClient);
        if (p === "sync") return () => self.sync();
        if (p === "trackedObjects") return { add() {}, remove() {} };
        return undefined;
      },
    });
  }

  enqueue(bytes: number, run: () => void): void {
    this.queue.push({ bytes, run });
  }

  async sync(): Promise<void> {
    const book = this.book;
    if (book.beforeSync) await book.beforeSync(this);
    book.syncs++;
    const queue = this.queue;
    const loads = this.pendingLoads;
    this.queue = [];
    this.pendingLoads = [];
    this.loadResults = [];
    const request = queue.reduce((s, a) => s + a.bytes, 0);
    const entry = { request, response: 0 };
    book.requests.push(entry);
    if (request > LIMIT) throw new FakeOfficeError("RequestPayloadSizeLimitExceeded", `request of ${request} bytes exceeds 5 MB`);
    const snapshots: [Client, Record<string, unknown>][] = [];
    book.syncStarts.push(book.operations + 1);
    for (const a of queue) {
      // the first throw stops the batch; earlier operations stay done
      book.operations++;
      if (book.failAtOperation === book.operations) throw new FakeOfficeError("GeneralException", `failure injected at operation ${book.operations}`);
      a.run();
    }
    void loads;
    for (const a of this.loadResults) snapshots.push(a);
    this.loadResults = [];
    entry.response = snapshots.reduce((s, [, v]) => s + bytesOf(plain(v)), 0);
    if (entry.response > LIMIT) throw new FakeOfficeError("ResponsePayloadSizeLimitExceeded", `response of ${entry.response} bytes exceeds 5 MB`);
    for (const [client, v] of snapshots) client.loaded = { ...(client.loaded ?? {}), ...v };
    await Promise.resolve();
  }

  loadResults: [Client, Record<string, unknown>][] = [];

  /** Resolves a client's target at sync time; a null object resolves to null. */
  target<T>(c: Client): T | null {
    const t = c.resolve();
    if (t === null || t === undefined) {
      if (c.nullable) return null;
      throw new FakeOfficeError("ItemNotFound", `${c.kind} not found`);
    }
    return t as T;
  }

  load(c: Client, propsArg: unknown): void {
    const raw = typeof propsArg === "string" ? propsArg.split(",").map((s) => s.trim()).filter(Boolean) : Array.isArray(propsArg) ? (propsArg as string[]) : [];
    // "items/name,items/value" → one "items/name,value" read.
    const subs = raw.filter((p) => p.startsWith("items/")).map((p) => p.slice(6));
    const list = [...raw.filter((p) => !p.startsWith("items/") && p !== "isNullObject"), ...(subs.length ? [`items/${subs.join(",")}`] : [])];
    this.enqueue(bytesOf(propsArg) + 40, () => {
      const t = this.target<unknown>(c);
      const snap: Record<string, unknown> = { isNullObject: t === null };
      if (t !== null) for (const p of (list.length ? list : DATA_PROPS[c.kind] ?? []).filter((x) => x !== "isNullObject")) Object.assign(snap, this.read(c, t, p));
      this.loadResults.push([c, snap]);
    });
  }

  /** A property (or "items/name") of a target at this point of the batch. */
  read(c: Client, t: unknown, prop: string): Record<string, unknown> {
    const book = this.book;
    const slash = prop.indexOf("/");
    const head = slash < 0 ? prop : prop.slice(0, slash);
    const sub = slash < 0 ? undefined : prop.slice(slash + 1);
    switch (c.kind) {
      case "worksheet": {
        const s = t as FakeSheet;
        const v: Record<string, unknown> = { name: s.name, id: s.id, position: book.sheets.indexOf(s), visibility: "Visible" };
        return { [head]: v[head] };
      }
      case "charts": {
        if (head === "count") return { count: (t as FakeSheet).charts.length };
        if (head !== "items") return {};
        const items = (t as FakeSheet).charts.map((x) => {
          const child = new Client(this, "chart", () => ((t as FakeSheet).charts.includes(x) ? x : null));
          child.loaded = { isNullObject: false, name: x.name };
          return child;
        });
        return { items };
      }
      case "chart":
        return { [head]: ({ name: (t as FakeChart).name } as Record<string, unknown>)[head] };
      case "bookProtection":
        return head === "protected" ? { protected: book.structureProtected } : {};
      case "worksheets":
      case "names": {
        if (head === "count") return { count: (t as unknown[]).length };
        if (head !== "items") return {};
        const items = (t as unknown[]).map((x) => {
          const child = c.kind === "worksheets" ? this.sheetClient(() => x as FakeSheet) : this.nameClient(() => x as FakeName, false);
          const snap: Record<string, unknown> = { isNullObject: false };
          for (const p of (sub ? sub.split(",") : DATA_PROPS[child.kind]).filter((x) => x !== "isNullObject")) Object.assign(snap, this.read(child, x, p));
          child.loaded = snap;
          return child;
        });
        return { items };
      }
      case "nameditem": {
        const n = t as FakeName;
        const value = n.ref ? `${quoteSheet(n.ref.sheet.name)}!$${colLetters(n.ref.c1)}$${n.ref.r1}${n.ref.r2 !== n.ref.r1 || n.ref.c2 !== n.ref.c1 ? `:$${colLetters(n.ref.c2)}$${n.ref.r2}` : ""}` : "#REF!";
        return { [head]: ({ name: n.name, value, type: n.ref ? "Range" : "Error" } as Record<string, unknown>)[head] };
      }
      case "protection": {
        const s = t as FakeSheet;
        return { [head]: ({ protected: s.protected, isPasswordProtected: s.protected && !!s.password, options: s.protectOptions ?? {} } as Record<string, unknown>)[head] };
      }
      case "range": {
        const r = t as RangeTarget;
        book.compute(r.sheet);
        const grid = (f: (x: FakeCell | undefined) => unknown) =>
          Array.from({ length: r.r2 - r.r1 + 1 }, (_, i) => Array.from({ length: r.c2 - r.c1 + 1 }, (_, j) => f(r.sheet.peek(r.r1 + i, r.c1 + j))));
        switch (head) {
          case "address":
            return { address: `${quoteSheet(r.sheet.name)}!${colLetters(r.c1)}${r.r1}${r.r2 !== r.r1 || r.c2 !== r.c1 ? `:${colLetters(r.c2)}${r.r2}` : ""}` };
          case "values":
            return { values: grid((x) => (x?.v === null || x?.v === undefined ? "" : x.v)) };
          case "text":
            return { text: grid((x) => (x?.v === null || x?.v === undefined ? "" : String(x.v))) };
          case "formulas":
            return { formulas: grid((x) => x?.f ?? (x?.v === null || x?.v === undefined ? "" : x.v)) };
          case "numberFormat":
            return { numberFormat: grid((x) => x?.fmt ?? "General") };
          case "valueTypes":
            return { valueTypes: grid((x) => (x?.v === null || x?.v === undefined || x.v === "" ? "Empty" : typeof x.v === "number" ? "Double" : typeof x.v === "boolean" ? "Boolean" : /^#/.test(x.v) && x.f ? "Error" : "String")) };
          case "rowIndex":
            return { rowIndex: r.r1 - 1 };
          case "columnIndex":
            return { columnIndex: r.c1 - 1 };
          case "rowCount":
            return { rowCount: r.r2 - r.r1 + 1 };
          case "columnCount":
            return { columnCount: r.c2 - r.c1 + 1 };
        }
        return {};
      }
      case "workbook":
        return { name: "工作簿.xlsx" };
    }
    return {};
  }

  sheetClient(resolve: () => FakeSheet | null | undefined, nullable = false): Client {
    return new Client(this, "worksheet", resolve, nullable);
  }
  nameClient(resolve: () => FakeName | null | undefined, nullable: boolean): Client {
    return new Client(this, "nameditem", resolve, nullable);
  }
  rangeClient(resolve: () => RangeTarget | null | undefined, nullable = false): Client {
    return new Client(this, "range", resolve, nullable);
  }

  /** Cell writes of a range: dimension check (rule 5), protection check (rule 4). */
  writeGrid(c: Client, prop: "values" | "formulas" | "numberFormat", data: unknown): void {
    this.enqueue(bytesOf(data) + 60, () => {
      const r = this.target<RangeTarget>(c)!;
      const rows = r.r2 - r.r1 + 1;
      const cols = r.c2 - r.c1 + 1;
      const scalar = !Array.isArray(data);
      if (!scalar) {
        const d = data as unknown[][];
        if (d.length !== rows || d.some((row) => !Array.isArray(row) || row.length !== cols)) {
          throw new FakeOfficeError("InvalidArgument", `${prop}: ${d.length}×${Array.isArray(d[0]) ? d[0].length : "?"} array for a ${rows}×${cols} range`);
        }
      }
      this.guardLocked(r, prop);
      for (let i = 0; i < rows; i++)
        for (let j = 0; j < cols; j++) {
          const v = scalar ? data : (data as unknown[][])[i][j];
          const cell = r.sheet.cell(r.r1 + i, r.c1 + j);
          if (prop === "numberFormat") {
            if (v !== null && v !== undefined) cell.fmt = String(v);
          } else store(cell, v, prop);
        }
      r.sheet.dirty = true;
    });
  }

  guardLocked(r: RangeTarget, what: string): void {
    if (!r.sheet.protected) return;
    for (let i = r.r1; i <= r.r2; i++)
      for (let j = r.c1; j <= r.c2; j++) {
        const x = r.sheet.peek(i, j);
        if (!x || x.locked) throw new FakeOfficeError("AccessDenied", `${what}: ${colLetters(j)}${i} of protected sheet “${r.sheet.name}” is locked`);
      }
  }

  /** The proxy users see: method calls and property sets queue; property reads need load + sync. */
  wrap(c: Client): unknown {
    const self = this; // eslint-disable-line @typescript-eslint/no-this-alias -- Proxy traps need the context
    const proxy = new Proxy(c, {
      get(_t, p) {
        if (typeof p === "symbol") return undefined;
        if (p === "load") return (props?: unknown) => (self.load(c, props), self.wrap(c));
        if (p === "toJSON") return () => c.loaded;
        const m = self.method(c, p);
        if (m) return m;
        const nav = self.navigate(c, p);
        if (nav) return self.wrap(nav);
        if (c.loaded && p in c.loaded) {
          if (p !== "isNullObject" && c.loaded.isNullObject) throw new FakeOfficeError("InvalidObjectPath", `${c.kind}.${p} of a null object`);
          const v = c.loaded[p];
          if (p === "items") return (v as Client[]).map((x) => self.wrap(x));
          return v;
        }
        if (MODELLED.has(c.kind) && !(DATA_PROPS[c.kind] ?? []).includes(p)) throw new Error(`fake Excel: ${c.kind}.${p} is not modelled`);
        throw new FakeOfficeError("PropertyNotLoaded", `${c.kind}.${p} read before load() + context.sync()`);
      },
      set(_t, p, value) {
        self.assign(c, String(p), value);
        return true;
      },
    });
    unwrapped.set(proxy, c);
    return proxy;
  }

  assign(c: Client, p: string, value: unknown): void {
    if (c.kind === "range" && (p === "values" || p === "formulas" || p === "numberFormat")) return this.writeGrid(c, p, value);
    const q = (run: () => void) => this.enqueue(bytesOf(value) + 40, run);
    if (c.kind === "worksheet" && p === "name") {
      return q(() => {
        const s = this.target<FakeSheet>(c)!;
        this.guardStructure("worksheet.name");
        const name = String(value);
        if (name.length > 31 || /[:\\/?*[\]]/.test(name) || !name.trim()) throw new FakeOfficeError("InvalidArgument", `invalid sheet name ${name}`);
        const other = this.book.find(name);
        if (other && other !== s) throw new FakeOfficeError("ItemAlreadyExists", `sheet ${name} exists`);
        if (s.name !== name) this.book.structural.push(`rename ${s.name} → ${name}`);
        s.name = name;
      });
    }
    if (c.kind === "worksheet" && p === "position") {
      return q(() => {
        const s = this.target<FakeSheet>(c)!;
        this.guardStructure("worksheet.position");
        if (!Number.isInteger(value) || (value as number) < 0 || (value as number) >= this.book.sheets.length) throw new FakeOfficeError("InvalidArgument", `position ${String(value)}`);
        this.book.sheets = this.book.sheets.filter((x) => x !== s);
        this.book.sheets.splice(value as number, 0, s);
      });
    }
    if (c.kind === "range" && (p === "columnHidden" || p === "rowHidden"))
      return q(() => {
        // Range.columnHidden / rowHidden (ExcelApi 1.2): a boolean; hides the range's whole columns / rows.
        this.need("ExcelApi", "1.2", `range.${p}`);
        if (typeof value !== "boolean") invalid(`range.${p}`, value);
        const r = this.target<RangeTarget>(c)!;
        const [set, from, to] = p === "columnHidden" ? [r.sheet.hiddenColumns, r.c1, r.c2] : [r.sheet.hiddenRows, r.r1, Math.min(r.r2, r.r1 + 100_000)];
        for (let j = from; j <= to; j++) {
          if (value) set.add(j);
          else set.delete(j);
        }
      });
    if (c.kind === "worksheet" && p === "tabColor")
      return q(() => {
        // Worksheet.tabColor (ExcelApi 1.7): "#RRGGBB" or a named HTML colour; "" clears it.
        this.need("ExcelApi", "1.7", "worksheet.tabColor");
        if (!(typeof value === "string" && (value === "" || /^#[0-9A-Fa-f]{6}$/.test(value) || /^[A-Za-z]+$/.test(value)))) invalid("worksheet.tabColor", value);
        this.target<FakeSheet>(c)!.tabColor = value || undefined;
      });
    if (MODELLED.has(c.kind)) return q(() => this.modelWrite(c, p, value));
    // Range formats (format.font.bold, columnWidth…): kept per cell, checked (rule 13).
    q(() => this.formatWrite(c, p, value));
  }

  /** Writes to a chart, the page layout or data validation: checked against the reference, kept on the sheet. */
  modelWrite(c: Client, p: string, value: unknown): void {
    const notModelled = () => new Error(`fake Excel: ${c.kind}.${p} is not modelled`);
    const bool = (what: string) => typeof value === "boolean" || invalid(what, value);
    const text = (what: string, max = Infinity) => (typeof value === "string" && [...value].length <= max) || invalid(what, value);
    switch (c.kind) {
      case "chart": {
        const ch = this.target<FakeChart>(c)!;
        if (p !== "name") throw notModelled();
        if (!(typeof value === "string" && value.trim())) invalid("chart.name", value);
        ch.name = value as string;
        return;
      }
      case "chart.title": {
        const ch = this.target<FakeChart>(c)!;
        if (p !== "text") throw notModelled();
        text("chart.title.text", 255);
        ch.title = value as string;
        return;
      }
      case "chart.legend": {
        const ch = this.target<FakeChart>(c)!;
        if (p !== "visible") throw notModelled();
        bool("chart.legend.visible");
        ch.legend = value as boolean;
        return;
      }
      case "chart.valueAxis": {
        const ch = this.target<FakeChart>(c)!;
        if (p !== "minimum" && p !== "maximum") throw notModelled();
        if (typeof value !== "number" || !Number.isFinite(value)) invalid(`valueAxis.${p}`, value);
        ch.valueAxis[p] = value as number;
        return;
      }
      case "chart.seriesItem": {
        const { chart, index } = this.target<{ chart: FakeChart; index: number }>(c)!;
        if (p === "name") {
          text("series.name", 255);
          chart.series[index].name = value as string;
        } else if (p === "hasDataLabels") {
          this.need("ExcelApi", "1.7", "series.hasDataLabels");
          bool("series.hasDataLabels");
          chart.series[index].dataLabels = value as boolean;
        } else throw notModelled();
        return;
      }
      case "pageLayout": {
        const sheet = this.target<FakeSheet>(c)!;
        if (p === "orientation") oneOf("pageLayout.orientation (Excel.PageOrientation)", value, ["Portrait", "Landscape"]);
        else if (p === "paperSize") oneOf("pageLayout.paperSize (Excel.PaperType)", value, PAPER_TYPES);
        else if (p === "zoom") checkZoom(value);
        else if (["centerHorizontally", "centerVertically", "printGridlines", "printHeadings", "blackAndWhite", "draftMode"].includes(p)) bool(`pageLayout.${p}`);
        else if (["leftMargin", "rightMargin", "topMargin", "bottomMargin", "headerMargin", "footerMargin"].includes(p)) {
          if (!(typeof value === "number" && value >= 0 && value < 1000)) invalid(`pageLayout.${p}`, value);
        } else throw notModelled();
        sheet.page[p] = value;
        return;
      }
      case "headerFooter": {
        const sheet = this.target<FakeSheet>(c)!;
        if (!/^(left|center|right)(Header|Footer)$/.test(p)) throw notModelled();
        // Excel keeps at most 255 characters in a header or footer section.
        text(`headersFooters.defaultForAllPages.${p}`, 255);
        sheet.page[p] = value;
        return;
      }
      case "dataValidation": {
        this.target(c); // ExcelApi 1.8
        const r = this.target<RangeTarget>((c as unknown as { range: Client }).range)!;
        if (r.sheet.protected) this.guardLocked(r, `dataValidation.${p}`);
        if (p === "rule") checkRule(value);
        else if (p === "errorAlert") checkAlert(value);
        else if (p === "prompt") checkPrompt(value);
        else if (p === "ignoreBlanks") bool("dataValidation.ignoreBlanks");
        else throw notModelled();
        eachCell(r, (i, j) => {
          const v: Record<string, unknown> = { ...(r.sheet.validation.get(`${i},${j}`) ?? {}) };
          v[p] = value;
          r.sheet.validation.set(`${i},${j}`, v);
        });
        return;
      }
    }
    throw notModelled();
  }

  /** Fails the operation with ApiNotFound when this Excel lacks the requirement set (rule 12). */
  need(set: string, version: string, what: string): void {
    if (!this.book.supported(set, version)) throw new FakeOfficeError("ApiNotFound", `${what} needs ${set} ${version}`);
  }

  /** Structure protection refuses sheet changes (rule 14). */
  guardStructure(what: string): void {
    if (this.book.structureProtected) throw new FakeOfficeError("InvalidOperation", `${what}: the workbook structure is protected`);
  }

  /** A Range argument (a client of this context), resolved. */
  rangeArg(x: unknown, what: string): RangeTarget {
    const client = x && typeof x === "object" ? unwrapped.get(x) : undefined;
    if (!client || client.kind !== "range") throw new FakeOfficeError("InvalidArgument", `${what}: not a Range`);
    return this.target<RangeTarget>(client)!;
  }

  /** A cell given as "B12" or a Range. */
  cellArg(x: unknown, what: string): string {
    if (typeof x === "string") {
      parseA1(x);
      return x.replace(/\$/g, "").toUpperCase();
    }
    return a1Box(this.rangeArg(x, what));
  }

  formatWrite(c: Client, p: string, value: unknown): void {
    const t = this.target<unknown>(c);
    const owner = (c as unknown as { range?: Client }).range;
    if (owner) {
      const r = this.target<RangeTarget>(owner)!;
      if (c.kind === "format.protection" && p === "locked") {
        if (r.sheet.protected) throw new FakeOfficeError("AccessDenied", `locking cells of protected sheet “${r.sheet.name}”`);
        for (let i = r.r1; i <= r.r2; i++) for (let j = r.c1; j <= r.c2; j++) r.sheet.cell(i, j).locked = !!value;
        return;
      }
      const widthOrHeight = p === "columnWidth" || p === "rowHeight";
      const opts = r.sheet.protectOptions ?? {};
      if (r.sheet.protected && !(widthOrHeight && (opts.allowFormatColumns || opts.allowFormatRows)) && !opts.allowFormatCells) this.guardLocked(r, `format.${p}`);
      r.sheet.props.push(`${c.kind}.${p}=${JSON.stringify(value)}`);
      if (widthOrHeight) {
        if (!(typeof value === "number" && value >= 0 && value <= (p === "columnWidth" ? 255 * 7.5 : 409))) invalid(`format.${p}`, value);
        if (p === "columnWidth") for (let j = r.c1; j <= r.c2; j++) r.sheet.widths.set(j, value);
        else for (let i = r.r1; i <= Math.min(r.r2, r.r1 + 100_000); i++) r.sheet.heights.set(i, value);
        return;
      }
      if (c.kind === "format.protection") return;
      const edge = c.kind === "format.border" ? (c as unknown as { edge: string }).edge : undefined;
      const key = `${c.kind === "format" ? "" : edge ? `borders.${edge}.` : `${c.kind.slice(7)}.`}${p}`;
      checkFormat(key, value);
      for (let i = r.r1; i <= r.r2; i++)
        for (let j = r.c1; j <= r.c2; j++) {
          const style = (r.sheet.cell(i, j).style ??= {});
          if (!edge) {
            style[key] = value;
            continue;
          }
          // A range's border is drawn on its cells' own edges: EdgeLeft on the first column's left, InsideVertical
          // between columns (the right edge of one cell, the left of the next), and so on.
          const own: string[] = [];
          if ((edge === "EdgeTop" && i === r.r1) || (edge === "InsideHorizontal" && i > r.r1)) own.push("EdgeTop");
          if ((edge === "EdgeBottom" && i === r.r2) || (edge === "InsideHorizontal" && i < r.r2)) own.push("EdgeBottom");
          if ((edge === "EdgeLeft" && j === r.c1) || (edge === "InsideVertical" && j > r.c1)) own.push("EdgeLeft");
          if ((edge === "EdgeRight" && j === r.c2) || (edge === "InsideVertical" && j < r.c2)) own.push("EdgeRight");
          if (edge.startsWith("Diagonal")) own.push(edge);
          for (const e of own) style[`borders.${e}.${p}`] = value;
        }
      return;
    }
    void t;
  }

  navigate(c: Client, p: string): Client | undefined {
    const book = this.book;
    const sub = (kind: string, resolve: Resolver) => new Client(this, kind, resolve, c.nullable);
    switch (c.kind) {
      case "workbook":
        if (p === "worksheets") return new Client(this, "worksheets", () => book.sheets);
        if (p === "names") return new Client(this, "names", () => book.names);
        // WorkbookProtection (ExcelApi 1.7): the structure's protection.
        if (p === "protection") return new Client(this, "bookProtection", () => (this.need("ExcelApi", "1.7", "workbook.protection"), book));
        break;
      case "worksheet":
        if (p === "names") return sub("names", () => this.target<FakeSheet>(c)?.names ?? null);
        if (p === "protection") return sub("protection", () => this.target<FakeSheet>(c));
        if (p === "freezePanes") return sub("freezePanes", () => (this.need("ExcelApi", "1.7", "freezePanes"), this.target<FakeSheet>(c)));
        if (p === "pageLayout") return sub("pageLayout", () => (this.need("ExcelApi", "1.9", "pageLayout"), this.target<FakeSheet>(c)));
        if (p === "horizontalPageBreaks") return sub("pageBreaks", () => (this.need("ExcelApi", "1.9", "horizontalPageBreaks"), this.target<FakeSheet>(c)));
        // Worksheet.autoFilter (ExcelApi 1.9).
        if (p === "autoFilter") return sub("autoFilter", () => (this.need("ExcelApi", "1.9", "autoFilter"), this.target<FakeSheet>(c)));
        if (p === "charts") return sub("charts", () => this.target<FakeSheet>(c));
        break;
      case "range":
        if (p === "format" || p === "dataValidation") {
          const f = sub(p, () => (p === "dataValidation" && this.need("ExcelApi", "1.8", "dataValidation"), this.target(c)));
          (f as unknown as { range: Client }).range = c;
          return f;
        }
        break;
      case "format":
        if (p === "protection" || p === "font" || p === "fill" || p === "borders") {
          const f = sub(`format.${p}`, () => this.target(c));
          (f as unknown as { range: Client }).range = (c as unknown as { range: Client }).range;
          return f;
        }
        break;
      case "pageLayout":
        if (p === "headersFooters") return sub("headersFooters", () => this.target(c));
        break;
      case "headersFooters":
        if (p === "defaultForAllPages") return sub("headerFooter", () => this.target(c));
        break;
      case "chart":
        if (p === "title" || p === "legend" || p === "axes" || p === "series") return sub(`chart.${p}`, () => this.target(c));
        break;
      case "chart.axes":
        if (p === "valueAxis") return sub("chart.valueAxis", () => this.target(c));
        break;
    }
    return undefined;
  }

  method(c: Client, p: string): ((...args: unknown[]) => unknown) | undefined {
    const book = this.book;
    const q = (bytes: unknown, run: () => void) => this.enqueue(bytesOf(bytes) + 40, run);
    switch (c.kind) {
      case "worksheets":
        if (p === "getItem") return (key: unknown) => this.wrap(this.sheetClient(() => book.find(String(key))));
        if (p === "getItemOrNullObject") return (key: unknown) => this.wrap(this.sheetClient(() => book.find(String(key)) ?? null, true));
        if (p === "getActiveWorksheet") return () => this.wrap(this.sheetClient(() => book.active ?? book.sheets[0]));
        if (p === "add")
          return (name: unknown) => {
            let made: FakeSheet | undefined;
            q(name, () => {
              this.guardStructure("worksheets.add");
              made = book.addSheet(String(name ?? `Sheet${book.sheets.length + 1}`));
              book.structural.push(`add ${made.name}`);
            });
            return this.wrap(this.sheetClient(() => made));
          };
        break;
      case "worksheet": {
        const sheet = () => this.target<FakeSheet>(c);
        if (p === "getRange")
          return (address?: unknown) =>
            this.wrap(
              this.rangeClient(() => {
                const s = sheet();
                return s && { sheet: s, ...parseA1(String(address ?? "A1:XFD1048576")) };
              }, c.nullable),
            );
        if (p === "getUsedRange" || p === "getUsedRangeOrNullObject")
          return (valuesOnly?: unknown) =>
            this.wrap(
              this.rangeClient(() => {
                const s = sheet();
                if (!s) return null;
                const u = s.used(!!valuesOnly);
                if (u) return { sheet: s, ...u };
                return p === "getUsedRange" ? { sheet: s, r1: 1, c1: 1, r2: 1, c2: 1 } : null;
              }, p === "getUsedRangeOrNullObject" || c.nullable),
            );
        if (p === "activate") return () => q(null, () => void (book.active = sheet() ?? undefined));
        if (p === "delete")
          return () =>
            q(null, () => {
              const s = sheet()!;
              this.guardStructure("worksheet.delete");
              if (book.sheets.length === 1) throw new FakeOfficeError("InvalidOperation", "a workbook keeps at least one sheet");
              book.sheets = book.sheets.filter((x) => x !== s);
              book.structural.push(`delete ${s.name}`);
              // Names that pointed into the sheet are #REF! now (Excel keeps them, broken).
              for (const n of book.names) if (n.ref?.sheet === s) n.ref = undefined;
            });
        // Worksheet.copy (ExcelApi 1.7): "Copies a worksheet and places it at the specified position."
        if (p === "copy")
          return (positionType?: unknown, relativeTo?: unknown) => {
            let made: FakeSheet | undefined;
            q(positionType, () => {
              this.need("ExcelApi", "1.7", "worksheet.copy");
              this.guardStructure("worksheet.copy");
              const s = sheet()!;
              const type = String(positionType ?? "None");
              oneOf("copy positionType (Excel.WorksheetPositionType)", type, ["None", "Before", "After", "Beginning", "End"]);
              let name = s.name;
              for (let i = 2; book.find(name); i++) name = `${s.name.slice(0, 26)} (${i})`;
              made = copySheet(s, name);
              const rel = relativeTo === undefined ? undefined : this.target<FakeSheet>(unwrapped.get(relativeTo as object)!);
              const at = type === "End" ? book.sheets.length : type === "Before" && rel ? book.sheets.indexOf(rel) : type === "After" && rel ? book.sheets.indexOf(rel) + 1 : 0;
              book.sheets.splice(at, 0, made);
              book.structural.push(`copy ${s.name} → ${made.name}`);
            });
            return this.wrap(this.sheetClient(() => made));
          };
        break;
      }
      case "names": {
        const list = () => this.target<FakeName[]>(c)!;
        if (p === "add")
          return (name: unknown, reference: unknown) => {
            q({ name, reference: typeof reference === "string" ? reference : "range" }, () => {
              const l = list();
              if (l.some((n) => n.name.toLowerCase() === String(name).toLowerCase())) throw new FakeOfficeError("ItemAlreadyExists", `name ${String(name)} exists in this scope`);
              const refClient = unwrapped.get(reference as object);
              if (!refClient || refClient.kind !== "range") throw new FakeOfficeError("InvalidArgument", "names.add needs a Range here");
              const r = this.target<RangeTarget>(refClient)!;
              l.push({ name: String(name), ref: { sheet: r.sheet, r1: r.r1, c1: r.c1, r2: r.r2, c2: r.c2 } });
            });
            return undefined;
          };
        if (p === "getItem" || p === "getItemOrNullObject")
          return (name: unknown) => this.wrap(this.nameClient(() => list()?.find((n) => n.name.toLowerCase() === String(name).toLowerCase()) ?? null, p === "getItemOrNullObject" || c.nullable));
        break;
      }
      case "nameditem":
        if (p === "getRange" || p === "getRangeOrNullObject")
          return () =>
            this.wrap(
              this.rangeClient(() => {
                const n = this.target<FakeName>(c);
                return n?.ref ? { ...n.ref } : null;
              }, p === "getRangeOrNullObject" || c.nullable),
            );
        break;
      case "protection":
        if (p === "protect")
          return (options?: unknown, password?: unknown) =>
            q({ options }, () => {
              const s = this.target<FakeSheet>(c)!;
              if (s.protected) throw new FakeOfficeError("InvalidOperation", `sheet “${s.name}” is already protected`);
              s.protected = true;
              s.password = typeof password === "string" && password ? password : undefined;
              s.protectOptions = (options ?? {}) as Excel.WorksheetProtectionOptions;
            });
        if (p === "unprotect")
          return (password?: unknown) =>
            q(null, () => {
              const s = this.target<FakeSheet>(c)!;
              if (s.password !== undefined && password !== s.password) throw new FakeOfficeError("InvalidArgument", `wrong password for sheet “${s.name}”`);
              s.protected = false;
              s.password = undefined;
            });
        break;
      case "range": {
        const range = () => this.target<RangeTarget>(c)!;
        if (p === "merge" || p === "unmerge")
          return () =>
            q(null, () => {
              const r = range();
              if (r.sheet.protected) throw new FakeOfficeError("AccessDenied", `${p} on protected sheet “${r.sheet.name}”`);
              const a = `${colLetters(r.c1)}${r.r1}:${colLetters(r.c2)}${r.r2}`;
              if (p === "merge") r.sheet.merges.push(a);
              else r.sheet.merges = r.sheet.merges.filter((m) => {
                const b = parseA1(m);
                return b.r2 < r.r1 || b.r1 > r.r2 || b.c2 < r.c1 || b.c1 > r.c2;
              });
            });
        // Range.autoFill (ExcelApi 1.9; a null destination is Preview): the destination must contain the source
        // and extend it down or across; FillDefault of formulas copies them with relative references shifted and
        // copies the formats. Only formula sources are modelled (a constant's fill makes series: not modelled).
        if (p === "autoFill")
          return (destination?: unknown, type?: unknown) =>
            q({ destination, type }, () => {
              this.need("ExcelApi", "1.9", "autoFill");
              if (typeof destination !== "string") throw new FakeOfficeError("InvalidArgument", "autoFill: destination must be an address here (null is ExcelApi Preview)");
              if (type !== undefined && type !== "FillDefault") throw new Error(`fake Excel: autoFill type ${String(type)} is not modelled`);
              const src = range();
              const d = parseA1(destination);
              if (d.r1 !== src.r1 || d.c1 !== src.c1 || d.r2 < src.r2 || d.c2 < src.c2 || (d.r2 > src.r2 && d.c2 > src.c2)) throw new FakeOfficeError("InvalidArgument", `autoFill: ${destination} does not extend the source down or across`);
              this.guardLocked({ ...src, r1: d.r1, c1: d.c1, r2: d.r2, c2: d.c2 }, "autoFill");
              const rows = src.r2 - src.r1 + 1;
              const cols = src.c2 - src.c1 + 1;
              for (let i = d.r1; i <= d.r2; i++)
                for (let j = d.c1; j <= d.c2; j++) {
                  const fromR = src.r1 + ((i - src.r1) % rows);
                  const fromC = src.c1 + ((j - src.c1) % cols);
                  if (fromR === i && fromC === j) continue;
                  const from = src.sheet.peek(fromR, fromC);
                  if (from && from.f === undefined && from.v !== null && from.v !== "") throw new Error("fake Excel: autoFill of a constant (a series) is not modelled");
                  const cell = src.sheet.cell(i, j);
                  cell.f = from?.f === undefined ? undefined : `=${shiftFormula(from.f.slice(1), i - fromR, j - fromC)}`;
                  cell.v = cell.f === undefined ? null : "";
                  cell.fmt = from?.fmt ?? "General";
                  cell.locked = from?.locked ?? true;
                  cell.style = from?.style ? { ...from.style } : undefined;
                }
              src.sheet.dirty = true;
            });
        if (p === "clear")
          return (applyTo?: unknown) =>
            q(null, () => {
              const r = range();
              this.guardLocked(r, "clear");
              for (let i = r.r1; i <= r.r2; i++)
                for (let j = r.c1; j <= r.c2; j++) {
                  const x = r.sheet.peek(i, j);
                  if (!x) continue;
                  x.v = null;
                  x.f = undefined;
                  if (applyTo !== "Contents") {
                    x.fmt = "General";
                    x.style = undefined;
                  }
                }
              r.sheet.dirty = true;
            });
        if (p === "setCellProperties")
          return (props: unknown) =>
            q(props, () => {
              const r = range();
              const grid = props as Excel.SettableCellProperties[][];
              if (grid.length !== r.r2 - r.r1 + 1 || grid.some((row) => row.length !== r.c2 - r.c1 + 1)) throw new FakeOfficeError("InvalidArgument", "setCellProperties: array does not match the range");
              this.need("ExcelApi", "1.9", "setCellProperties");
              if (r.sheet.protected) this.guardLocked(r, "setCellProperties");
              grid.forEach((row, i) =>
                row.forEach((cp, j) => {
                  const cell = r.sheet.cell(r.r1 + i, r.c1 + j);
                  const f = cp?.format;
                  if (f?.protection?.locked !== undefined) cell.locked = f.protection.locked;
                  // The cell's format, under the same keys as Range.format writes (rule 13 checks them).
                  const set = (key: string, v: unknown) => {
                    if (v === undefined) return;
                    checkFormat(key, v);
                    (cell.style ??= {})[key] = v;
                  };
                  for (const [k, v] of Object.entries(f?.font ?? {})) set(`font.${k}`, v);
                  set("fill.color", f?.fill?.color);
                  set("horizontalAlignment", f?.horizontalAlignment);
                  set("verticalAlignment", f?.verticalAlignment);
                  set("wrapText", f?.wrapText);
                  const edges = { top: "EdgeTop", bottom: "EdgeBottom", left: "EdgeLeft", right: "EdgeRight" } as const;
                  for (const [k, edge] of Object.entries(edges)) {
                    const b = (f?.borders as Record<string, Excel.CellBorder | undefined> | undefined)?.[k];
                    if (b) for (const [bk, bv] of Object.entries(b)) set(`borders.${edge}.${bk}`, bv);
                  }
                }),
              );
            });
        if (p === "select") return () => q(null, () => void range());
        // Range.insert("Down") / delete("Up") of whole rows (ExcelApi 1.1): the rows below move, cells and all.
        if (p === "insert" || p === "delete")
          return (shift: unknown) =>
            q(shift, () => {
              const r = range();
              if (r.sheet.protected) throw new FakeOfficeError("AccessDenied", `${p} on protected sheet “${r.sheet.name}”`);
              const count = r.r2 - r.r1 + 1;
              const moved = new Map<string, FakeCell>();
              for (const [k, x] of r.sheet.cells) {
                const [row, col] = k.split(",").map(Number);
                if (row < r.r1) moved.set(k, x);
                else if (p === "insert") moved.set(`${row + count},${col}`, x);
                else if (row > r.r2) moved.set(`${row - count},${col}`, x);
              }
              r.sheet.cells = moved;
              r.sheet.dirty = true;
            });
        break;
      }
      case "format.borders":
        // Range.format.borders.getItem(edge) (ExcelApi 1.1): a border's style and colour are sinks.
        if (p === "getItem")
          return (index: unknown) => {
            // Excel.BorderIndex: the eight edges a range's RangeBorderCollection.getItem takes.
            if (!BORDER_INDEX.includes(String(index))) throw new FakeOfficeError("InvalidArgument", `borders.getItem(${String(index)}): not an Excel.BorderIndex`);
            const b = new Client(this, "format.border", () => this.target(c), c.nullable);
            Object.assign(b, { range: (c as unknown as { range: Client }).range, edge: String(index) });
            return this.wrap(b);
          };
        break;
      case "charts":
        if (p === "add")
          return (type: unknown, source: unknown, seriesBy?: unknown) => {
            const holder: { chart?: FakeChart } = {};
            const chart = new Client(this, "chart", () => holder.chart ?? null, c.nullable);
            q({ type, seriesBy }, () => {
              const sheet = this.target<FakeSheet>(c)!;
              oneOf("charts.add type (Excel.ChartType)", type, CHART_TYPES);
              if (seriesBy !== undefined) oneOf("charts.add seriesBy (Excel.ChartSeriesBy)", seriesBy, ["Auto", "Columns", "Rows"]);
              const r = this.rangeArg(source, "charts.add sourceData");
              if (r.sheet.protected && !r.sheet.protectOptions?.allowEditObjects) throw new FakeOfficeError("AccessDenied", `charts.add on protected sheet “${sheet.name}”`);
              const rows = r.r2 - r.r1 + 1;
              const cols = r.c2 - r.c1 + 1;
              const by = String(seriesBy ?? "Auto");
              const count = by === "Columns" ? cols : by === "Rows" ? rows : rows >= cols ? cols : rows;
              holder.chart = { sheet, name: `图表 ${sheet.charts.length + 1}`, type: String(type), source: a1Box(r), seriesBy: by, series: Array.from({ length: count }, () => ({})), valueAxis: {} };
              sheet.charts.push(holder.chart);
            });
            return this.wrap(chart);
          };
        break;
      case "chart":
        if (p === "delete")
          return () =>
            q(null, () => {
              const ch = this.target<FakeChart>(c)!;
              ch.sheet.charts = ch.sheet.charts.filter((x) => x !== ch);
            });
        if (p === "setPosition")
          return (start: unknown, end?: unknown) =>
            q([start, end], () => {
              const ch = this.target<FakeChart>(c)!;
              ch.position = [this.cellArg(start, "setPosition startCell"), end === undefined ? undefined : this.cellArg(end, "setPosition endCell")];
            });
        break;
      case "chart.series":
        if (p === "getItemAt")
          return (index: unknown) => {
            const item = new Client(this, "chart.seriesItem", () => {
              const ch = this.target<FakeChart>(c)!;
              if (!Number.isInteger(index) || (index as number) < 0 || (index as number) >= ch.series.length) throw new FakeOfficeError("InvalidArgument", `series.getItemAt(${String(index)}) of ${ch.series.length}`);
              return { chart: ch, index: index as number };
            });
            return this.wrap(item);
          };
        break;
      case "chart.seriesItem":
        if (p === "setXAxisValues" || p === "setValues")
          return (source: unknown) =>
            q(null, () => {
              this.need("ExcelApi", "1.7", `series.${p}`);
              const { chart, index } = this.target<{ chart: FakeChart; index: number }>(c)!;
              const r = this.rangeArg(source, `series.${p}`);
              if (p === "setXAxisValues") chart.series[index].xValues = a1Box(r);
            });
        break;
      case "pageLayout":
        if (p === "setPrintArea" || p === "setPrintTitleRows" || p === "setPrintTitleColumns")
          return (x: unknown) =>
            q(x, () => {
              const sheet = this.target<FakeSheet>(c)!;
              const text = typeof x === "string" ? x : a1Box(this.rangeArg(x, `pageLayout.${p}`));
              if (p === "setPrintArea") {
                parseA1(text.replace(/^.*!/, ""));
                sheet.page.printArea = text;
              } else if (p === "setPrintTitleColumns") {
                // "the columns that contain the cells to be repeated at the left of each page": whole columns ("$A:$B").
                if (!/^\$?[A-Z]+:\$?[A-Z]+$/i.test(text.replace(/^.*!/, ""))) throw new FakeOfficeError("InvalidArgument", `setPrintTitleColumns(${text}): not whole columns`);
                sheet.page.printTitleColumns = text;
              } else {
                // "the rows that contain the cells to be repeated at the top of each page": whole rows ("$1:$3").
                if (!/^\$?\d+:\$?\d+$/.test(text.replace(/^.*!/, ""))) throw new FakeOfficeError("InvalidArgument", `setPrintTitleRows(${text}): not whole rows`);
                sheet.page.printTitleRows = text;
              }
            });
        break;
      case "pageBreaks":
        if (p === "add")
          return (x: unknown) =>
            q(x, () => {
              const sheet = this.target<FakeSheet>(c)!;
              const b = parseA1(typeof x === "string" ? x : a1Box(this.rangeArg(x, "horizontalPageBreaks.add")));
              sheet.pageBreaks.push(b.r1);
            });
        break;
      case "freezePanes":
        if (p === "freezeRows")
          return (n?: unknown) =>
            q(n, () => {
              const sheet = this.target<FakeSheet>(c)!;
              if (n !== undefined && !(Number.isInteger(n) && (n as number) >= 0)) throw new FakeOfficeError("InvalidArgument", `freezeRows(${String(n)})`);
              sheet.frozenRows = (n as number | undefined) ?? 1;
            });
        if (p === "freezeAt")
          return (x: unknown) =>
            q(x, () => {
              // WorksheetFreezePanes.freezeAt(frozenRange): "the range to be frozen" — its rows and columns, counted from A1.
              const sheet = this.target<FakeSheet>(c)!;
              const b = parseA1(typeof x === "string" ? x : a1Box(this.rangeArg(x, "freezePanes.freezeAt")));
              if (b.r1 !== 1 || b.c1 !== 1) throw new FakeOfficeError("InvalidArgument", `freezeAt(${String(x)}): not from A1 (the stricter reading)`);
              sheet.frozenRows = b.r2 === 1048576 ? 0 : b.r2;
              sheet.frozenColumns = b.c2 === 16384 ? 0 : b.c2;
            });
        break;
      case "dataValidation":
        if (p === "clear")
          return () =>
            q(null, () => {
              this.target(c); // ExcelApi 1.8
              const r = this.target<RangeTarget>((c as unknown as { range: Client }).range)!;
              this.guardLocked(r, "dataValidation.clear");
              eachCell(r, (i, j) => r.sheet.validation.delete(`${i},${j}`));
            });
        break;
      case "autoFilter":
        // AutoFilter.apply(range, columnIndex?, criteria?): the filter over a range of this sheet; on a protected
        // sheet only where its protection allows autofilter (WorksheetProtectionOptions.allowAutoFilter).
        if (p === "apply")
          return (range: unknown, columnIndex?: unknown, criteria?: unknown) =>
            q([columnIndex, criteria], () => {
              const sheet = this.target<FakeSheet>(c)!;
              if (columnIndex !== undefined || criteria !== undefined) throw new Error("fake Excel: autoFilter.apply criteria are not modelled");
              const box = typeof range === "string" ? parseA1(range) : this.rangeArg(range, "autoFilter.apply");
              if (typeof range !== "string" && (box as RangeTarget).sheet !== sheet) throw new FakeOfficeError("InvalidArgument", "autoFilter.apply: a range of another sheet");
              if (sheet.protected && !sheet.protectOptions?.allowAutoFilter) throw new FakeOfficeError("AccessDenied", `autoFilter.apply on protected sheet “${sheet.name}”`);
              sheet.autoFilter = a1Box(box);
            });
        break;
    }
    return undefined;
  }

}

