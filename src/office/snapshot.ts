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
}

/**
 * Two syncs: (1) sheet list + workbook names, (2) per sheet names, used range, protection.
 * `only` limits step 2 to some sheets (e.g. the active one).
 */
export async function readSnapshot(context: Excel.RequestContext, only?: (name: string) => boolean): Promise<Snapshot> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  const wbNames = context.workbook.names;
  wbNames.load("items/name,items/value");
  await context.sync();
  const sheetNames = sheets.items.map((s) => s.name);
  const batches: SheetBatch[] = sheetNames
    .filter((n) => !only || only(n))
    .map((name) => ({ name, ...queueSheetLoad(context.workbook.worksheets.getItem(name)) }));
  await context.sync();

  const used = new Map<string, { values: unknown[][]; row: number; col: number }>();
  const formulas = new Map<string, unknown[][]>();
  for (const b of batches) {
    if (b.used.isNullObject) continue;
    const at = parseRef(b.used.address);
    used.set(b.name, { values: b.used.values, row: at?.row ?? 1, col: at?.col ?? 1 });
    formulas.set(b.name, b.used.formulas);
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
  return { sheets: result, used, sheetNames };
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
