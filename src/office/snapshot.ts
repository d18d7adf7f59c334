// Reading template sheets of the open workbook in a fixed number of round-trips, whatever the number of
// sheets: names and sheet list first, then every sheet's names, used range (values + formulas) and
// protection in one batch. Names are resolved to cells locally, never one request per name, by the same
// resolver as the xlsx reader (src/read/resolve.ts).
import { colLetter, colNumber } from "../core/a1";
import { LEDGER_COL, LEDGER_LAST_ROW, ledgerSheetName } from "../core/ledger";
import { isTemplateName, locateNames, namedCells, officeCell, officeSheetCells, parseRef, type DefinedName } from "../read/resolve";
import type { SheetCells } from "../review/types";

export { parseRef };

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
  // Names and sheet names compare without case, as in the resolver.
  const bookTargets = new Set(wbNames.items.filter((n) => isTemplateName(n.name)).map((n) => parseRef(String(n.value))?.sheet.toLowerCase()));
  const wanted = heads
    .filter((h) => !h.used.isNullObject)
    .map((h) => {
      const template = h.names.items.some((n) => isTemplateName(n.name)) || bookTargets.has(h.name.toLowerCase());
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
  const blocks = new Map<string, { values: unknown[][]; formulas?: unknown[][]; at: { row: number; col: number } }>();
  for (const b of batches) {
    if (!b.cells) continue;
    const at = parseRef(b.cells.address) ?? { row: 1, col: 1 };
    used.set(b.name, { values: b.cells.values, row: at.row, col: at.col });
    blocks.set(b.name, { values: b.cells.values, formulas: b.cells.formulas, at });
  }
  const defs: DefinedName[] = wbNames.items.map((n) => ({ name: n.name, ref: String(n.value) }));
  for (const b of batches) for (const n of b.names.items) defs.push({ name: n.name, ref: String(n.value), scope: b.name });
  // Only sheets whose cells were read (templates, in workbook order; `only` already applied).
  const located = locateNames(defs, batches.filter((b) => blocks.has(b.name)).map((b) => b.name));
  const protectedOf = new Map(batches.map((b) => [b.name, b.protection.protected]));
  const result: SheetCells[] = namedCells(
    located,
    (r) => {
      const b = blocks.get(r.sheet)!;
      return officeCell(b, b.at, r);
    },
    (sheet) => protectedOf.get(sheet),
  );
  chunks += await readLedgers(context, result, sheetNames);
  return { sheets: result, used, sheetNames, reads: { chunks, largestEstimate: Math.max(0, ...plan.map((c) => c.reduce((t, h) => t + h.bytes, 0))) } };
}

/** The 双公示台账's columns the review reads (A–H), every prepared row. */
const LEDGER_READ = `A1:${colLetter(LEDGER_COL.remark)}${LEDGER_LAST_ROW}`;

/**
 * The 双公示台账 of each template sheet that has one (core/ledger.ts), read into its SheetCells (`ledger`) as the
 * xlsx reader reads it: the review counts its rows itself. Its values and formulas, a few ledgers per sync
 * (each about 1 MB): none when the workbook holds no ledger (the office's own workbook of imported sheets).
 */
async function readLedgers(context: Excel.RequestContext, sheets: SheetCells[], sheetNames: readonly string[]): Promise<number> {
  const byLower = new Map(sheetNames.map((n) => [n.toLowerCase(), n]));
  const wanted = sheets.flatMap((cells) => {
    const name = byLower.get(ledgerSheetName(cells.sheet).toLowerCase());
    return name !== undefined && name !== cells.sheet ? [{ cells, name, bytes: LEDGER_LAST_ROW * LEDGER_COL.remark * BYTES_PER_CELL }] : [];
  });
  let syncs = 0;
  for (const chunk of planChunks(wanted)) {
    const ranges = chunk.map((w) => {
      const r = context.workbook.worksheets.getItem(w.name).getRange(LEDGER_READ);
      r.load("values,formulas");
      return { w, r };
    });
    syncs++;
    await context.sync();
    for (const { w, r } of ranges) {
      const formulas = new Map<string, string>();
      r.values.forEach((row, i) =>
        row.forEach((_, j) => {
          const f = officeCell(r, { row: 1, col: 1 }, { sheet: w.name, row: i + 1, col: j + 1, address: "" }).formula;
          if (f !== undefined) formulas.set(`${colLetter(j + 1)}${i + 1}`, f);
        }),
      );
      w.cells.ledger = { sheet: w.name, rows: r.values, formulas };
    }
  }
  return syncs;
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
  return officeSheetCells(sheet, bookNames, sheetNames, used, isProtected);
}
