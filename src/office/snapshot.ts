// Reading template sheets of the open workbook in a fixed number of round-trips, whatever the number of
// sheets: names and sheet list first, then every sheet's names, used range (values + formulas) and
// protection in one batch. Names are resolved to cells locally, never one request per name.
import type { NamedCell, SheetCells } from "../review/types";

const REF = /^=?(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Z]{1,3})\$?(\d+)(?::\$?[A-Z]{1,3}\$?\d+)?$/;

export function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** "Sheet!A1:R50" / "'兴 山'!B2" → sheet, top-left row/col (1-based). */
export function parseRef(ref: string): { sheet: string; col: number; row: number; address: string } | undefined {
  const m = REF.exec(ref.trim());
  if (!m) return undefined;
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], col: colNumber(m[3]), row: Number(m[4]), address: `${m[3]}${m[4]}` };
}

interface SheetBatch {
  name: string;
  names: Excel.NamedItemCollection;
  used: Excel.Range;
  protection: Excel.WorksheetProtection;
}

/** Queues the loads a unit sheet's review needs (its names, used range, protection); nothing is synced here. */
export function queueSheetLoad(ws: Excel.Worksheet): Omit<SheetBatch, "name"> {
  const names = ws.names;
  names.load("items/name,items/value");
  const used = ws.getUsedRangeOrNullObject(false);
  used.load("address,values,formulas");
  const protection = ws.protection;
  protection.load("protected");
  return { names, used, protection };
}

export interface Snapshot {
  sheets: SheetCells[];
  /** Values of a sheet's used range (for the 汇总 sheet's previous run), by sheet name. */
  used: Map<string, { values: unknown[][]; row: number; col: number }>;
  sheetNames: string[];
  /** Request count and the largest estimated response of the cell reads (bytes), for tests and the bench. */
  reads?: { chunks: number; largestEstimate: number };
}

/**
 * Excel on the web refuses a request or response over 5 MB ("Resource limits and performance optimization
 * for Office Add-ins"). Cell reads are planned from each sheet's used-range size so that one response stays
 * under this budget (about 4 MB with the estimate's margin); a chunk Excel still refuses for its size is
 * split in two and read again.
 */
export const READ_BUDGET_BYTES = 3_000_000;
/** Estimated JSON bytes per cell for values + formulas of a template sheet (measured ≈ 60; margin for long text). */
export const BYTES_PER_CELL = 96;

function boxOf(address: string): { rows: number; cols: number } {
  const m = /!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(address);
  if (!m) return { rows: 1, cols: 1 };
  return { rows: Number(m[4] ?? m[2]) - Number(m[2]) + 1, cols: colNumber(m[3] ?? m[1]) - colNumber(m[1]) + 1 };
}

/** Groups sheets into reads whose estimated size stays under the budget (a sheet alone may exceed it). */
export function planChunks<T extends { bytes: number }>(items: T[], budget = READ_BUDGET_BYTES): T[][] {
  const chunks: T[][] = [];
  let cur: T[] = [];
  let size = 0;
  for (const it of items) {
    if (cur.length && size + it.bytes > budget) {
      chunks.push(cur);
      cur = [];
      size = 0;
    }
    cur.push(it);
    size += it.bytes;
  }
  if (cur.length) chunks.push(cur);
  return chunks;
}

const SIZE_ERRORS = new Set(["RequestPayloadSizeLimitExceeded", "ResponsePayloadSizeLimitExceeded"]);

/**
 * Syncs: (1) sheet list + workbook names, (2) per sheet names, protection and used-range address,
 * (3…) the cells — values and formulas of template sheets, values of `valuesOf` sheets — in chunks under
 * the payload budget (one chunk for a normal office workbook of 8 + 60 units). Sheets that are neither
 * templates (no CR_* name) nor asked for are never read cell by cell.
 * `only` limits the reads to some sheets (e.g. the active one) and reads their cells in sync 2 (two syncs).
 */
export async function readSnapshot(context: Excel.RequestContext, only?: (name: string) => boolean, valuesOf: readonly string[] = []): Promise<Snapshot> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  const wbNames = context.workbook.names;
  wbNames.load("items/name,items/value");
  await context.sync();
  const sheetNames = sheets.items.map((s) => s.name);
  const heads = sheetNames
    .filter((n) => !only || only(n))
    .map((name) => {
      const ws = context.workbook.worksheets.getItem(name);
      const names = ws.names;
      names.load("items/name,items/value");
      const used = ws.getUsedRangeOrNullObject(false);
      // One sheet (提交前检查 of the active sheet) cannot be split: its cells come in this same sync.
      used.load(only ? "address,values,formulas" : "address");
      const protection = ws.protection;
      protection.load("protected");
      return { name, ws, names, used, protection };
    });
  await context.sync();

  // Which sheets hold template cells: a CR_* name of their own, or a workbook name pointing at them.
  const bookTargets = new Set(wbNames.items.filter((n) => n.name.startsWith("CR_")).map((n) => parseRef(String(n.value))?.sheet));
  const wanted = heads
    .filter((h) => !h.used.isNullObject)
    .map((h) => {
      const template = h.names.items.some((n) => n.name.startsWith("CR_")) || bookTargets.has(h.name);
      const box = boxOf(h.used.address);
      return { ...h, template, bytes: box.rows * box.cols * BYTES_PER_CELL * (template ? 1 : 0.5) };
    })
    .filter((h) => h.template || valuesOf.includes(h.name));
  const cellsRead = new Map<string, { address: string; values: unknown[][]; formulas?: unknown[][] }>();
  let chunks = 0;
  const readChunk = async (chunk: typeof wanted): Promise<void> => {
    const ranges = chunk.map((h) => {
      const r = h.ws.getUsedRangeOrNullObject(false);
      r.load(h.template ? "address,values,formulas" : "address,values");
      return { h, r };
    });
    try {
      chunks++;
      await context.sync();
    } catch (e) {
      const code = typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined;
      if (chunk.length > 1 && typeof code === "string" && SIZE_ERRORS.has(code)) {
        const half = Math.ceil(chunk.length / 2);
        await readChunk(chunk.slice(0, half));
        await readChunk(chunk.slice(half));
        return;
      }
      throw e;
    }
    for (const { h, r } of ranges) if (!r.isNullObject) cellsRead.set(h.name, { address: r.address, values: r.values, formulas: h.template ? r.formulas : undefined });
  };
  const plan = only ? [] : planChunks(wanted);
  if (only) for (const h of wanted) cellsRead.set(h.name, { address: h.used.address, values: h.used.values, formulas: h.template ? h.used.formulas : undefined });
  for (const chunk of plan) await readChunk(chunk);
  const batches = wanted.map((h) => ({ name: h.name, names: h.names, protection: h.protection, cells: cellsRead.get(h.name) }));

  const used = new Map<string, { values: unknown[][]; row: number; col: number }>();
  const formulas = new Map<string, unknown[][]>();
  for (const b of batches) {
    if (!b.cells) continue;
    const at = parseRef(b.cells.address);
    used.set(b.name, { values: b.cells.values, row: at?.row ?? 1, col: at?.col ?? 1 });
    if (b.cells.formulas) formulas.set(b.name, b.cells.formulas);
  }
  const cells = new Map<string, Map<string, NamedCell>>();
  const put = (name: string, ref: string, sheetScope?: string) => {
    if (!name.startsWith("CR_")) return;
    const r = parseRef(ref);
    if (!r) return; // =#REF!: the named cell was deleted → reported as a missing name
    const sheet = sheetScope ?? r.sheet;
    const u = used.get(sheet);
    if (!u || (only && !only(sheet))) return;
    const rr = r.row - u.row;
    const cc = r.col - u.col;
    const value = u.values[rr]?.[cc] ?? "";
    const f = formulas.get(sheet)?.[rr]?.[cc];
    let map = cells.get(sheet);
    if (!map) cells.set(sheet, (map = new Map()));
    // A sheet-level name wins over a workbook-level one of the same name.
    if (sheetScope || !map.has(name)) map.set(name, { address: r.address, value, formula: typeof f === "string" && f.startsWith("=") ? f.slice(1) : undefined });
  };
  for (const n of wbNames.items) put(n.name, String(n.value));
  for (const b of batches) for (const n of b.names.items) put(n.name, String(n.value), b.name);
  const result: SheetCells[] = [];
  for (const b of batches) {
    const map = cells.get(b.name);
    if (map) result.push({ sheet: b.name, protected: b.protection.protected, names: map });
  }
  return { sheets: result, used, sheetNames, reads: { chunks, largestEstimate: Math.max(0, ...plan.map((c) => c.reduce((t, h) => t + h.bytes, 0))) } };
}

/**
 * One sheet's CR_* cells from names already loaded (workbook- and sheet-scoped) and its used range, for
 * callers that batch these loads with their own (核定 reads everything it needs in one sync).
 */
export function sheetCellsOf(
  sheet: string,
  bookNames: { name: string; value: unknown }[],
  sheetNames: { name: string; value: unknown }[],
  used: { address: string; values: unknown[][]; formulas: unknown[][] },
  isProtected?: boolean,
): SheetCells {
  const at = parseRef(used.address);
  const map = new Map<string, NamedCell>();
  const put = (name: string, ref: unknown, scoped: boolean) => {
    if (!name.startsWith("CR_")) return;
    const r = parseRef(String(ref));
    if (!r || !at || (!scoped && r.sheet !== sheet)) return;
    if (!scoped && map.has(name)) return;
    const value = used.values[r.row - at.row]?.[r.col - at.col] ?? "";
    const f = used.formulas[r.row - at.row]?.[r.col - at.col];
    map.set(name, { address: r.address, value, formula: typeof f === "string" && f.startsWith("=") ? f.slice(1) : undefined });
  };
  for (const n of bookNames) put(n.name, n.value, false);
  for (const n of sheetNames) put(n.name, n.value, true);
  return { sheet, protected: isProtected, names: map };
}
