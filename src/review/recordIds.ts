// Each 核定记录 entry written by the add-in carries a 记录编号: which recording it belongs to, its place in it,
// and a check of its own cells — "k3m9q2xa-12/120-ab12cd34ef56" (recording k3m9q2xa, entry 12 of 120). What it
// is for (src/office/auditLog.ts writes it):
//   - all or nothing: one click of 记录核定 appends its N entries in several requests (Excel's 5 MB limit). A
//     recording counts only when all N of its entries are in the log; a recording cut short (a failure after the
//     first request, Excel closed) is listed and none of its entries is used — nothing is half-written;
//   - co-authoring: two members of the 考核组 appending at the same moment may write over each other's rows;
//     the writer reads the log back after writing, finds its entries by their 记录编号 and appends again the
//     ones another writer's rows replaced; an entry appended twice counts once;
//   - a row whose cells are not the ones its 记录编号 was made for (two writers' cells mixed in one row, or a
//     cell changed by hand) is listed and not used.
// Not a security measure (anyone can compute a check): the 核定记录 is protected as a courtesy and is the
// office's own file (README 可信与安全). Entries without a 记录编号 (older logs) are used as before.
import { shortHash } from "../core/hash";

export const RECORD_ID_HEADER = "记录编号";

export interface RecordId {
  /** The recording (one click): 8 characters. */
  batch: string;
  /** 1-based place of the entry in its recording, and how many entries the recording has. */
  index: number;
  count: number;
  /** shortHash of the entry's cells with the three above. */
  check: string;
}

const BATCH = /^[0-9a-z]{8}$/;
const ID = /^([0-9a-z]{8})-(\d+)\/(\d+)-([0-9a-z]{12})$/;
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

/** A new recording's name from random numbers (the caller's crypto.getRandomValues; tests pass their own). */
export function batchName(random: readonly number[]): string {
  if (random.length < 8) throw new Error("batchName needs 8 random numbers");
  return random
    .slice(0, 8)
    .map((n) => ALPHABET[Math.abs(Math.trunc(n)) % 32])
    .join("");
}

/**
 * A cell as the check sees it, the same through Office.js and the xlsx reader: numbers to 12 significant digits
 * (a figure that went through a file's text is the same figure), text trimmed, blank as "".
 */
function canonical(v: unknown): string | number {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? Number(v.toPrecision(12)) : String(v);
  if (typeof v === "boolean") return String(v);
  if (v instanceof Date) return v.toISOString();
  return String(v).trim();
}

function checkOf(cells: readonly unknown[], batch: string, index: number, count: number): string {
  // Array.from visits holes: a reader's sparse row (blank cells absent) checks like the row as written.
  return shortHash(JSON.stringify([Array.from(cells, canonical), batch, index, count]));
}

/** The 记录编号 of entry `index` (1-based) of `count` in recording `batch`, over the entry's other cells. */
export function recordId(cells: readonly unknown[], batch: string, index: number, count: number): string {
  if (!BATCH.test(batch) || !(index >= 1 && index <= count)) throw new Error(`bad record id parts ${batch} ${index}/${count}`);
  return `${batch}-${index}/${count}-${checkOf(cells, batch, index, count)}`;
}

export function parseRecordId(text: unknown): RecordId | undefined {
  const m = ID.exec(String(text ?? "").trim());
  if (!m) return undefined;
  const index = Number(m[2]);
  const count = Number(m[3]);
  if (!(index >= 1 && index <= count)) return undefined;
  return { batch: m[1], index, count, check: m[4] };
}

/** Whether a row's cells are the ones its 记录编号 was made for. */
export function rowMatches(cells: readonly unknown[], id: RecordId): boolean {
  return checkOf(cells, id.batch, id.index, id.count) === id.check;
}

/** One row of the log as read: its 1-based sheet row, its cells before the 记录编号, and the 记录编号 cell. */
export interface LoggedRow {
  row: number;
  cells: readonly unknown[];
  id: unknown;
}

const rowList = (rows: readonly number[]) => (rows.length > 6 ? `${rows.slice(0, 6).join("、")} 等 ${rows.length} 行` : rows.join("、"));

/**
 * Which rows of the log count, in their order: rows without a 记录编号 (older logs); rows of complete
 * recordings whose cells match their 记录编号 — an entry found twice (appended again after a co-author's
 * write) counts at its first place. Everything else is listed (Chinese, by row) and not used.
 */
export function settleRows(rows: readonly LoggedRow[], sheet: string): { used: LoggedRow[]; problems: string[] } {
  const problems: string[] = [];
  const valid: { r: LoggedRow; id?: RecordId }[] = [];
  for (const r of rows) {
    const text = String(r.id ?? "").trim();
    if (!text) {
      valid.push({ r });
      continue;
    }
    const id = parseRecordId(text);
    if (!id) {
      problems.push(`“${sheet}”工作表第 ${r.row} 行的记录编号“${text}”格式不对（应由加载项写入），这一行未采用`);
      continue;
    }
    if (!rowMatches(r.cells, id)) {
      problems.push(`“${sheet}”工作表第 ${r.row} 行的内容与其记录编号不符（可能两人同时记录时被另一条覆盖了部分单元格，或被手工改动），这一行未采用；该条核定如仍需要，请重新记录`);
      continue;
    }
    valid.push({ r, id });
  }
  // Recordings: complete when every place 1…count is there (with one count).
  const byBatch = new Map<string, { count: Set<number>; places: Set<number>; rows: number[] }>();
  for (const { r, id } of valid) {
    if (!id) continue;
    const b = byBatch.get(id.batch) ?? { count: new Set<number>(), places: new Set<number>(), rows: [] };
    b.count.add(id.count);
    b.places.add(id.index);
    b.rows.push(r.row);
    byBatch.set(id.batch, b);
  }
  const incomplete = new Set<string>();
  for (const [batch, b] of byBatch) {
    const count = [...b.count][0];
    if (b.count.size === 1 && b.places.size === count) continue;
    incomplete.add(batch);
    const expected = b.count.size === 1 ? `应有 ${count} 条，只找到 ${b.places.size} 条` : "各行的条数不一致";
    problems.push(`“${sheet}”工作表第 ${rowList(b.rows)} 行是一次没有写完的记录（${expected}），这些行都未采用；请在核定表中重新点“记录核定”`);
  }
  const seen = new Set<string>();
  const used: LoggedRow[] = [];
  for (const { r, id } of valid) {
    if (id) {
      if (incomplete.has(id.batch)) continue;
      const place = `${id.batch}-${id.index}`;
      if (seen.has(place)) continue;
      seen.add(place);
    }
    used.push(r);
  }
  return { used, problems };
}
