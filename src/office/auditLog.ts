// Appending to the 核定记录 — the 考核组's one record — so that nothing is half-written and two members of the
// 考核组 recording at the same moment in one shared workbook lose nothing. Used by every 核定 of the add-in:
// 记录核定 from the 核定表 (hundreds of entries at once), 同意自评 of every row that needs no attention, and the
// one-clause form.
//
// Co-authoring (Excel with AutoSave, the workbook on OneDrive or SharePoint). Microsoft's guidance, "Coauthoring
// in Excel add-ins" (https://learn.microsoft.com/office/dev/add-ins/excel/co-authoring-in-excel-add-ins):
//   - "Values copied from the workbook to JavaScript variables in an Excel add-in are not synchronized … be sure
//     you check for updated values in the workbook before you use the variable." Nothing read before this call
//     is trusted here: where the log ends is read at the start of every attempt, and what landed is read after it.
//   - "It is a known issue that calls to the TableRowCollection.add API can cause coauthoring conflicts … Use
//     Range.values instead", and "Using Range.insert to insert an empty row will move the data and make space …
//     Otherwise, you risk overwriting cells below". So the log is a plain range, not an Excel table; each request
//     inserts its rows at the end (Range.insert, whole rows) and writes them with Range.values. Two writers who
//     read the same end both insert there: one's rows move below the other's instead of being written over.
//   - The article promises nothing about the order in which two coauthors' requests merge, so every entry
//     carries its 记录编号 (src/review/recordIds.ts) and the log is read back after writing: an entry another
//     writer's rows replaced is appended again (same 记录编号; found twice, it counts once), at most ATTEMPTS times.
// All or nothing: the entries of one call are one recording (one batch name); a recording counts only when all
// its entries are in the log, so a failure after some requests leaves entries that the 汇总 and the 核定 ignore
// (and lists). Each entry's cells on the unit sheet (核定扣分, 核定说明) are written in the same request as the
// entry, before it; when the recording cannot be completed they are put back as they were. Should even that
// fail, the 汇总 lists a 核定 cell that disagrees with the record as an error and counts the record
// (src/review/steps/verify.ts; README 可信与安全).
import { colLetter } from "../core/a1";
import { batchName, parseRecordId, recordId, rowMatches, type RecordId } from "../review/recordIds";
import { countingSyncs, textFormats, type Supports } from "./common";
import { planChunks } from "./snapshot";
import { leftOpenNote, protectAgain, queueProtectionRead, unprotectAlone, WriteError, type ProtectedSheet } from "./protection";

/** One entry to append and the unit-sheet cells it changes. */
export interface AppendItem {
  /** The entry's cells in the log's column order, without the 记录编号 (the last column). */
  cells: readonly (string | number | null)[];
  /** The unit sheet's cells the entry sets (核定扣分, 核定说明), with what they held before (to put back). */
  mirror?: readonly MirrorCell[];
}

export interface MirrorCell {
  sheet: string;
  address: string;
  value: string | number;
  before: unknown;
}

export interface AppendOptions {
  sheet: string;
  /** The log's headings, the 记录编号 last. */
  headers: readonly string[];
  /** Whether a first row is this log's (current), an older version's (legacy: fewer columns, extended here) or not ours. */
  headerKind(row: readonly unknown[] | undefined): "current" | "legacy" | "foreign";
  /** The refusal (the caller's error, in Chinese) when the sheet of that name is not ours: nothing is written. */
  foreign: () => Error;
  supports: Supports;
  /** 8 random numbers for the recording's name (crypto.getRandomValues by default). */
  random?: () => number[];
  /** Request size per write (bytes, estimated); Excel on the web refuses requests over 5 MB. */
  budget?: number;
}

export interface AppendResult {
  /** The recording's name (the first part of every 记录编号 it wrote). */
  batch: string;
  /** 1-based rows of the log where the entries are, in their order. */
  rows: number[];
  /** Entries written again because another writer's rows had replaced them. */
  rewritten: number;
  /** Write attempts (1 when nothing got in the way). */
  attempts: number;
  syncs: number;
  /** Sheets left unprotected (the entries are saved), in Chinese; undefined when all were protected again. */
  note?: string;
}

/** The refusal when a sheet named 核定记录 is not the add-in's log (its first row is not the log's headings). */
export const FOREIGN_LOG = "工作簿中已有名为“核定记录”的工作表，但不是本加载项的核定记录（第 1 行表头不同）；为免改动它，请将其重命名后再核定";

/** How many times the entries a concurrent writer replaced are written again before the call gives up. */
export const ATTEMPTS = 3;
/** Estimated request bytes per write; under Excel on the web's 5 MB with room for the operations around them. */
export const WRITE_BUDGET_BYTES = 2_000_000;

const SIZE_ERRORS = new Set(["RequestPayloadSizeLimitExceeded", "ResponsePayloadSizeLimitExceeded"]);
const encoder = new TextEncoder();
const bytes = (x: unknown) => encoder.encode(JSON.stringify(x)).length;

function defaultRandom(): number[] {
  const a = new Uint32Array(8);
  globalThis.crypto.getRandomValues(a);
  return [...a];
}

interface LogState {
  exists: boolean;
  /** The last row holding a value (0: none). */
  lastRow: number;
  header: unknown[];
}

/** Where the log's values are, loaded with the caller's next request. */
function queueExtent(ws: Excel.Worksheet): Excel.Range {
  const used = ws.getUsedRangeOrNullObject(true);
  used.load("rowIndex,rowCount");
  return used;
}

/**
 * The log as it is now: its rows (values, 1-based row numbers), in as few requests as its size allows. `used`:
 * its extent already loaded (queueExtent, with the write's last request), else read first.
 */
async function readRows(context: Excel.RequestContext, sheet: string, width: number, used?: Excel.Range): Promise<{ row: number; values: unknown[] }[]> {
  const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
  if (!used) {
    used = queueExtent(ws);
    await context.sync();
  }
  if (used.isNullObject) return [];
  const first = used.rowIndex + 1;
  const last = used.rowIndex + used.rowCount;
  const out: { row: number; values: unknown[] }[] = [];
  const read = async (from: number, to: number): Promise<void> => {
    const r = ws.getRange(`A${from}:${colLetter(width)}${to}`);
    r.load("values");
    try {
      await context.sync();
    } catch (e) {
      const code = (e as { code?: unknown })?.code;
      if (to > from && typeof code === "string" && SIZE_ERRORS.has(code)) {
        const mid = Math.floor((from + to) / 2);
        await read(from, mid);
        await read(mid + 1, to);
        return;
      }
      throw e;
    }
    r.values.forEach((values, i) => out.push({ row: from + i, values }));
  };
  // Planned like the snapshot's reads (src/office/snapshot.ts): about 64 bytes a cell of JSON; a part Excel
  // still refuses for its size is halved.
  const rows = Array.from({ length: last - first + 1 }, (_, i) => ({ row: first + i, bytes: width * 64 }));
  for (const part of planChunks(rows)) await read(part[0].row, part[part.length - 1].row);
  return out;
}

/** Which of the recording's places (1-based) are in the rows with the cells they were written with, and where. */
function found(rows: readonly { row: number; values: unknown[] }[], batch: string, width: number): Map<number, number> {
  const at = new Map<number, number>();
  for (const { row, values } of rows) {
    const id: RecordId | undefined = parseRecordId(values[width - 1]);
    if (!id || id.batch !== batch || at.has(id.index)) continue;
    if (rowMatches(values.slice(0, width - 1), id)) at.set(id.index, row);
  }
  return at;
}

/**
 * Appends the items to the log as one recording; resolves when every entry is verified in the log, rejects
 * (WriteError, Chinese) otherwise — then none of them counts and the unit-sheet cells are as they were.
 */
export async function appendRecords(context: Excel.RequestContext, items: readonly AppendItem[], opts: AppendOptions): Promise<AppendResult> {
  const { context: counted, syncs } = countingSyncs(context);
  const width = opts.headers.length;
  const W = colLetter(width);
  const batch = batchName((opts.random ?? defaultRandom)());
  const n = items.length;
  const rows = items.map((it, i) => {
    const cells = it.cells.map((v) => (v === null ? "" : v));
    return [...cells, recordId(cells, batch, i + 1, n)];
  });
  if (!n) return { batch, rows: [], rewritten: 0, attempts: 0, syncs: 0 };
  const mirrorSheets = [...new Set(items.flatMap((it) => (it.mirror ?? []).map((m) => m.sheet)))];
  let unprotected: ProtectedSheet[] = [];
  const wroteMirror = new Set<number>();
  let missing = rows.map((_, i) => i + 1);
  let placed = new Map<number, number>();
  let lastError: unknown;
  let attempts = 0;
  let rewritten = 0;
  let wroteAnything = false;

  const done = async (): Promise<AppendResult> => {
    // The log ends protected (as the one-clause 核定 always left it), with the unit sheets that were.
    const log = { name: opts.sheet, ws: counted.workbook.worksheets.getItem(opts.sheet) };
    const left = await protectAgain(counted, [...unprotected.filter((s) => s.name !== opts.sheet), log]);
    return { batch, rows: rows.map((_, i) => placed.get(i + 1)!), rewritten, attempts, syncs: syncs(), note: leftOpenNote(left) };
  };
  /** Ends the call: what was written is put back; `refused` (the caller's refusal, nothing of ours in the way) is thrown as it is. */
  const giveUp = async (e: unknown, refused = false): Promise<AppendResult> => {
    const refusal = refused || (e instanceof WriteError && e.kind !== "other");
    // A last look: what could not be confirmed may all be there (the failure was in a reading).
    if (wroteAnything && !refusal) {
      try {
        placed = found(await readRows(counted, opts.sheet, width), batch, width);
        if (placed.size === n) return done();
      } catch {
        /* as it stands: put back and report */
      }
    }
    await putBack(counted, items, wroteMirror);
    await protectAgain(counted, unprotected);
    throw e instanceof WriteError || refusal
      ? e
      : new WriteError(
          "other",
          `核定记录没有写完（${describe(e)}），这次记录的 ${n} 条核定都不会被采用，单位表的核定栏已恢复原样；请保存工作簿后重新点“记录核定”（已记录的不会重复记录）`,
        );
  };

  while (attempts < ATTEMPTS) {
    attempts++;
    // ---- what is there now: the log's end and first row, protection of every sheet written ----
    const wb = counted.workbook;
    const log = wb.worksheets.getItemOrNullObject(opts.sheet);
    const used = log.getUsedRangeOrNullObject(true);
    used.load("rowIndex,rowCount");
    const head = log.getRange(`A1:${W}1`);
    head.load("values");
    const protections = queueProtectionRead(counted, [{ name: opts.sheet, ws: log }, ...mirrorSheets.map((name) => ({ name, ws: wb.worksheets.getItemOrNullObject(name) }))], opts.supports);
    let state: LogState;
    let open: ProtectedSheet[];
    try {
      await counted.sync();
      state = { exists: !log.isNullObject, lastRow: used.isNullObject ? 0 : used.rowIndex + used.rowCount, header: head.isNullObject ? [] : (head.values[0] ?? []) };
      if (state.exists && state.lastRow > 0 && opts.headerKind(state.header) === "foreign") throw new Refused(opts.foreign());
      open = protections.check({ changesSheets: !state.exists });
      // Whatever is protected now (another member's 核定 may have protected a sheet again since the last attempt);
      // the list of sheets to protect at the end keeps those of earlier attempts.
      await unprotectAlone(counted, open);
      unprotected = [...unprotected.filter((u) => !open.some((s) => s.name === u.name)), ...open];
    } catch (e) {
      if (e instanceof WriteError) return giveUp(e);
      if (e instanceof Refused) return giveUp(e.error, true);
      lastError = e;
      continue;
    }

    // ---- the write: per request, the entries' unit-sheet cells, then their rows inserted at the end ----
    let extent: Excel.Range | undefined;
    try {
      let next = state.lastRow + 1;
      let target: Excel.Worksheet = log;
      if (!state.exists) {
        target = wb.worksheets.add(opts.sheet);
        const h = target.getRange(`A1:${W}1`);
        h.values = [[...opts.headers]];
        h.format.font.bold = true;
        next = 2;
      } else if (state.lastRow === 0 || opts.headerKind(state.header) === "legacy") {
        // An empty sheet of ours, or an older log: its first row becomes the current headings (values only
        // where a heading is new, so an older log's own cells stay as they are).
        const h = target.getRange(`A1:${W}1`);
        h.values = [opts.headers.map((x, i) => (state.header[i] === x ? null : x))] as (string | null)[][] as string[][];
        next = Math.max(next, 2);
      }
      const todo = missing.map((place) => ({ place, bytes: bytes(rows[place - 1]) * 2 + bytes(items[place - 1].mirror ?? []) * 3 + 200 }));
      const parts = planChunks(todo, opts.budget ?? WRITE_BUDGET_BYTES);
      for (const [k, part] of parts.entries()) {
        for (const { place } of part) {
          for (const m of items[place - 1].mirror ?? []) {
            const r = wb.worksheets.getItem(m.sheet).getRange(m.address);
            r.numberFormat = textFormats([[m.value]]);
            r.values = [[m.value]];
          }
        }
        const values = part.map(({ place }) => rows[place - 1]);
        const at = `${next}:${next + values.length - 1}`;
        target.getRange(at).insert("Down");
        const range = target.getRange(`A${next}:${W}${next + values.length - 1}`);
        range.numberFormat = textFormats(values);
        range.values = values;
        // Where the log ends after the last write comes back with it: the read-back starts from there.
        if (k === parts.length - 1) extent = queueExtent(target);
        wroteAnything = true;
        await counted.sync();
        for (const { place } of part) wroteMirror.add(place);
        next += values.length;
      }
    } catch (e) {
      // Partly written (the operations before the failure stay done): the next attempt reads where things are.
      for (const place of missing) if ((items[place - 1].mirror ?? []).length) wroteMirror.add(place);
      lastError = e;
      if (attempts >= ATTEMPTS) break;
      try {
        placed = found(await readRows(counted, opts.sheet, width), batch, width);
        missing = rows.map((_, i) => i + 1).filter((p) => !placed.has(p));
      } catch {
        /* the next attempt's read decides */
      }
      continue;
    }

    // ---- checked after the write: every entry where it was written, with its cells ----
    try {
      placed = found(await readRows(counted, opts.sheet, width, extent), batch, width);
    } catch (e) {
      lastError = e;
      continue;
    }
    const lost = rows.map((_, i) => i + 1).filter((p) => !placed.has(p));
    if (!lost.length) return done();
    rewritten += lost.length;
    missing = lost;
    lastError = new Error(`另一位成员同时写入核定记录，${lost.length} 条被覆盖`);
  }
  return giveUp(lastError);
}

/** The caller's refusal (opts.foreign), carried out of the attempt's read to giveUp. */
class Refused {
  constructor(readonly error: Error) {}
}

function describe(e: unknown): string {
  const code = (e as { code?: unknown })?.code;
  if (typeof code === "string") return `Excel 报错 ${code}`;
  const text = e instanceof Error ? e.message : "";
  return /[\u4e00-\u9fff]/.test(text) ? text : "Excel 未能完成写入";
}

/** The unit-sheet cells written for entries of an unfinished recording, as they were (best effort). */
async function putBack(context: Excel.RequestContext, items: readonly AppendItem[], written: ReadonlySet<number>): Promise<void> {
  const cells = [...written].flatMap((place) => items[place - 1].mirror ?? []);
  if (!cells.length) return;
  try {
    for (const m of cells) {
      const v = m.before === null || m.before === undefined ? "" : (m.before as string | number | boolean);
      const r = context.workbook.worksheets.getItem(m.sheet).getRange(m.address);
      r.numberFormat = textFormats([[v]]);
      r.values = [[v]];
    }
    await context.sync();
  } catch {
    /* the 汇总 lists a 核定 cell that disagrees with the record and counts the record */
  }
}
