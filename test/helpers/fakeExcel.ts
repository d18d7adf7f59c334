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
 *  8. Workbook.insertWorksheetsFromBase64 resolves to "an array of IDs corresponding to each newly inserted
 *     worksheet"; a taken sheet name gets " (2)" like Excel's copy; ExcelApi 1.13.
 *  9. Payload: "Excel on the web has a payload size limit for requests and responses of 5MB"
 *     ("Resource limits and performance optimization for Office Add-ins"): a sync whose request (written
 *     data) or response (loaded data) exceeds 5 MB (UTF-8 JSON) rejects with RequestPayloadSizeLimitExceeded /
 *     ResponsePayloadSizeLimitExceeded; every sync's sizes are recorded in `requests`.
 * 10. getUsedRange: "If the worksheet is blank, this function will return the top left cell";
 *     getUsedRangeOrNullObject gives a null object then. valuesOnly counts only cells with a value/formula.
 * 11. Formulas compute: values of formula cells come from a real formula engine (HyperFormula) with the
 *     CREDIT.* functions registered or not (`functionsRegistered`): an unregistered custom function is #NAME?,
 *     like Excel without the add-in.
 * What it does not model (only real Excel could show): rendering, fonts and print output, data-validation
 * UI, undo, recalculation timing of async custom functions (#BUSY!), events, co-authoring, the exact error
 * codes where the reference names none, and Excel's own parsing of dates and locale-specific numbers.
 */
import ExcelJS from "exceljs";
import { HyperFormula } from "hyperformula";
import { creditHyperFormula } from "./hyperformulaCredit";
import { fileFormula, layoutFormula } from "../../src/xlsx/writeTemplate";

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
  /** Charts on the sheet (name only: their content is not interpreted). */
  charts: { name: string; sheet: FakeSheet }[] = [];
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
      const [r, c] = k.split(",").map(Number);
      yield [r, c, x];
    }
  }
  used(valuesOnly: boolean): { r1: number; c1: number; r2: number; c2: number } | undefined {
    let r1 = Infinity,
      c1 = Infinity,
      r2 = 0,
      c2 = 0;
    for (const [r, c, x] of this.each()) {
      const content = x.f !== undefined || (x.v !== null && x.v !== "");
      if (!content && (valuesOnly || (x.fmt === "General" && x.locked))) continue;
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
    g.Office = { context: { requirements: { isSetSupported: (s: string, v: string) => this.supported(s, v) } } };
    return () => {
      g.Excel = prev.Excel;
      g.Office = prev.Office;
    };
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
    const hf: HyperFormula = creditHyperFormula(grid);
    for (const [r, c] of formulaCells) {
      const v = hf.getCellValue({ sheet: 0, row: r - 1, col: c - 1 });
      s.peek(r, c)!.v = v === null ? "" : typeof v === "object" ? String((v as { value: string }).value) : (v as Scalar);
    }
    hf.destroy();
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
      }
      for (const m of s.merges) ws.mergeCells(m);
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

  /** Sheets of an xlsx file (values, formulas, formats, locking, protection, names) as Excel opens them. */
  static async sheetsOfXlsx(bytes: Uint8Array): Promise<{ sheets: FakeSheet[]; bookNames: { name: string; sheet: string; address: string }[] }> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as never);
    const sheets: FakeSheet[] = [];
    wb.eachSheet((ws) => {
      const s = new FakeSheet(ws.name);
      ws.eachRow({ includeEmpty: false }, (row, r) => {
        row.eachCell({ includeEmpty: true }, (cell, c) => {
          const x = s.cell(r, c);
          const v = cell.value as unknown;
          if (v && typeof v === "object" && "formula" in (v as object)) {
            x.f = `=${layoutFormula(String((v as { formula: string }).formula))}`;
            const res = (v as { result?: unknown }).result;
            x.v = res && typeof res === "object" && "error" in (res as object) ? String((res as { error: string }).error) : ((res as Scalar) ?? "");
          } else if (v instanceof Date) x.v = Math.round(v.getTime() / 86_400_000 + 25569);
          else if (v && typeof v === "object" && "richText" in (v as object)) x.v = (v as { richText: { text: string }[] }).richText.map((t) => t.text).join("");
          else if (v && typeof v === "object" && "error" in (v as object)) x.v = String((v as { error: string }).error);
          else x.v = (v as Scalar | null) ?? null;
          x.fmt = cell.numFmt || "General";
          x.locked = cell.protection?.locked !== false;
        });
      });
      s.protected = !!(ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet;
      sheets.push(s);
    });
    const bookNames: { name: string; sheet: string; address: string }[] = [];
    for (const n of wb.definedNames.model as { name: string; ranges: string[] }[]) {
      const m = /^'?(.*?)'?!(\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)$/.exec(n.ranges[0] ?? "");
      if (m) bookNames.push({ name: n.name, sheet: m[1].replace(/''/g, "'"), address: m[2].replace(/\$/g, "") });
    }
    return { sheets, bookNames };
  }
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
    book.syncs++;
    const queue = this.queue;
    const loads = this.pendingLoads;
    this.queue = [];
    this.pendingLoads = [];
    this.loadResults = [];
    const results = this.results;
    this.results = [];
    const request = queue.reduce((s, a) => s + a.bytes, 0);
    const entry = { request, response: 0 };
    book.requests.push(entry);
    if (request > LIMIT) throw new FakeOfficeError("RequestPayloadSizeLimitExceeded", `request of ${request} bytes exceeds 5 MB`);
    const snapshots: [Client, Record<string, unknown>][] = [];
    for (const a of queue) a.run(); // the first throw stops the batch; earlier operations stay done
    void loads;
    for (const a of this.loadResults) snapshots.push(a);
    this.loadResults = [];
    entry.response = snapshots.reduce((s, [, v]) => s + bytesOf(plain(v)), 0);
    if (entry.response > LIMIT) throw new FakeOfficeError("ResponsePayloadSizeLimitExceeded", `response of ${entry.response} bytes exceeds 5 MB`);
    for (const [client, v] of snapshots) client.loaded = { ...(client.loaded ?? {}), ...v };
    for (const r of results) r();
    await Promise.resolve();
  }

  loadResults: [Client, Record<string, unknown>][] = [];
  results: (() => void)[] = [];

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
      case "sink.charts": {
        if (head !== "items") return {};
        const items = (t as FakeSheet).charts.map((x) => {
          const child = new Client(this, "sink.chart", () => ((t as FakeSheet).charts.includes(x) ? x : null));
          child.loaded = { isNullObject: false, name: x.name };
          return child;
        });
        return { items };
      }
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
    if (c.kind === "worksheet" && p === "name") {
      return this.enqueue(bytesOf(value) + 40, () => {
        const s = this.target<FakeSheet>(c)!;
        const other = this.book.find(String(value));
        if (other && other !== s) throw new FakeOfficeError("ItemAlreadyExists", `sheet ${String(value)} exists`);
        s.name = String(value);
      });
    }
    if (c.kind === "range" && (p === "columnHidden" || p === "rowHidden")) return this.enqueue(40, () => void this.target(c));
    if (c.kind === "sink.chart" && p === "name") return this.enqueue(bytesOf(value) + 40, () => void (this.target<{ name: string }>(c)!.name = String(value)));
    // Formatting sinks (format.font.bold, columnWidth, pageLayout.…): content-free, recorded.
    this.enqueue(bytesOf(value) + 40, () => this.formatWrite(c, p, value));
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
      if (widthOrHeight || c.kind === "format.protection") return;
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
        break;
      case "worksheet":
        if (p === "names") return sub("names", () => this.target<FakeSheet>(c)?.names ?? null);
        if (p === "protection") return sub("protection", () => this.target<FakeSheet>(c));
        // horizontalPageBreaks (ExcelApi 1.9): manual page breaks, content-free like the page layout.
        if (p === "freezePanes" || p === "pageLayout" || p === "tabColor" || p === "horizontalPageBreaks") return sub(`sink.${p}`, () => this.target<FakeSheet>(c));
        // Worksheet.autoFilter: ExcelApi 1.9.
        if (p === "autoFilter") {
          if (!book.supported("ExcelApi", "1.9")) throw new FakeOfficeError("ApiNotFound", "Worksheet.autoFilter needs ExcelApi 1.9");
          return sub("sink.autoFilter", () => this.target<FakeSheet>(c));
        }
        // Charts (ExcelApi 1.1, series axis values 1.7): content-free, each add recorded on the sheet.
        if (p === "charts") return sub("sink.charts", () => this.target<FakeSheet>(c));
        break;
      case "range":
        if (p === "format" || p === "dataValidation") {
          const f = sub(p, () => this.target(c));
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
      case "sink.pageLayout":
        if (p === "headersFooters") return sub("sink.headersFooters", () => this.target(c));
        break;
      case "sink.chart":
      case "sink.chart.axes":
        if (["title", "legend", "axes", "valueAxis", "categoryAxis", "series", "dataLabels", "format"].includes(p)) return sub(`sink.chart.${p === "axes" ? "axes" : "part"}`, () => this.target(c));
        break;
      case "sink.headersFooters":
        if (p === "defaultForAllPages") return sub("sink.hf", () => this.target(c));
        break;
    }
    return undefined;
  }

  method(c: Client, p: string): ((...args: unknown[]) => unknown) | undefined {
    const book = this.book;
    const q = (bytes: unknown, run: () => void) => this.enqueue(bytesOf(bytes) + 40, run);
    const result = <T>(compute: () => T) => {
      const r: { value?: T } = {};
      let ready = false;
      let v: T;
      q(null, () => {
        v = compute();
      });
      this.results.push(() => {
        ready = true;
        r.value = v;
      });
      return new Proxy(r, {
        get(t, k) {
          if (k === "value" && !ready) throw new FakeOfficeError("PropertyNotLoaded", "ClientResult.value read before context.sync()");
          return Reflect.get(t, k);
        },
      });
    };
    switch (c.kind) {
      case "workbook":
        if (p === "insertWorksheetsFromBase64")
          return (base64: unknown, options?: unknown) => {
            if (!book.supported("ExcelApi", "1.13")) throw new FakeOfficeError("ApiNotFound", "insertWorksheetsFromBase64 needs ExcelApi 1.13");
            const pending = FakeWorkbook.sheetsOfXlsx(Buffer.from(String(base64), "base64"));
            // Parsed now (async), applied at sync: the fake awaits the parse before the batch runs.
            this.asyncWork.push(pending.then((x) => (parsed = x)));
            let parsed: Awaited<typeof pending> | undefined;
            return result(() => {
              const opts = (options ?? {}) as { sheetNamesToInsert?: string[] };
              const ids: string[] = [];
              for (const s of parsed!.sheets) {
                if (opts.sheetNamesToInsert?.length && !opts.sheetNamesToInsert.includes(s.name)) continue;
                const original = s.name;
                for (let i = 2; book.find(s.name); i++) s.name = `${original.slice(0, 26)} (${i})`;
                for (const n of parsed!.bookNames) {
                  if (n.sheet !== original) continue;
                  const b = parseA1(n.address);
                  s.names.push({ name: n.name, ref: { sheet: s, ...b } });
                }
                book.sheets.push(s);
                ids.push(s.id);
              }
              return ids;
            });
          };
        break;
      case "worksheets":
        if (p === "getItem") return (key: unknown) => this.wrap(this.sheetClient(() => book.find(String(key))));
        if (p === "getItemOrNullObject") return (key: unknown) => this.wrap(this.sheetClient(() => book.find(String(key)) ?? null, true));
        if (p === "getActiveWorksheet") return () => this.wrap(this.sheetClient(() => book.active ?? book.sheets[0]));
        if (p === "add")
          return (name: unknown) => {
            let made: FakeSheet | undefined;
            q(name, () => {
              made = book.addSheet(String(name ?? `Sheet${book.sheets.length + 1}`));
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
              book.sheets = book.sheets.filter((x) => x !== s);
              book.names = book.names.filter((n) => n.ref?.sheet !== s);
            });
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
              if (r.sheet.protected) this.guardLocked(r, "setCellProperties");
              grid.forEach((row, i) =>
                row.forEach((cp, j) => {
                  const locked = cp?.format?.protection?.locked;
                  if (locked !== undefined) r.sheet.cell(r.r1 + i, r.c1 + j).locked = locked;
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
      case "sink.charts":
        if (p === "add")
          return (type: unknown, source: unknown) => {
            const holder: { chart?: { name: string; sheet: FakeSheet } } = {};
            const chart = new Client(this, "sink.chart", () => holder.chart ?? null, c.nullable);
            q({ type }, () => {
              const sheet = this.target<FakeSheet>(c)!;
              const r = unwrapped.get(source as object);
              if (!r || !this.target<RangeTarget>(r)) throw new FakeOfficeError("InvalidArgument", "charts.add needs a source range");
              holder.chart = { name: `图表 ${sheet.charts.length + 1}`, sheet };
              sheet.charts.push(holder.chart);
              sheet.props.push(`chart.add(${String(type)})`);
            });
            return this.wrap(chart);
          };
        break;
      case "sink.chart":
      case "sink.chart.part":
        if (p === "getItemAt") return () => this.wrap(new Client(this, "sink.chart.part", () => this.target(c), c.nullable));
        if (p === "delete" && c.kind === "sink.chart")
          return () =>
            q(null, () => {
              const ch = this.target<{ name: string; sheet: FakeSheet }>(c)!;
              ch.sheet.charts = ch.sheet.charts.filter((x) => x !== ch);
            });
        if (p === "setPosition" || p === "setXAxisValues" || p === "setValues") return (...args: unknown[]) => q(args, () => void this.target(c));
        break;
    }
    if (c.kind.startsWith("sink.") || c.kind === "dataValidation" || c.kind.startsWith("format")) {
      // Content-free calls (freezeRows, setPrintArea, …): resolved (a missing sheet still fails), recorded.
      if (c.kind === "sink.autoFilter" && p === "apply")
        return (range: unknown) =>
          q(null, () => {
            const t = this.target<FakeSheet>(c);
            const rc = unwrapped.get(range as object);
            const r = rc ? this.target<RangeTarget>(rc) : undefined;
            if (t && r) t.props.push(`autoFilter.apply(${colLetters(r.c1)}${r.r1}:${colLetters(r.c2)}${r.r2})`);
          });
      if (["freezeRows", "freezeAt", "setPrintTitleRows", "setPrintTitleColumns", "setPrintArea", "clear"].includes(p) || (c.kind === "sink.horizontalPageBreaks" && p === "add"))
        return (...args: unknown[]) =>
          q(args, () => {
            const t = this.target<unknown>(c);
            if (t instanceof FakeSheet) t.props.push(`${p}(${JSON.stringify(args)})`);
          });
    }
    return undefined;
  }

  asyncWork: Promise<unknown>[] = [];
}

// context.sync must first await any async work queued (insertWorksheetsFromBase64's parse).
const plainSync = FakeContext.prototype.sync;
FakeContext.prototype.sync = async function (this: FakeContext) {
  const work = this.asyncWork;
  this.asyncWork = [];
  await Promise.all(work);
  return plainSync.call(this);
};
