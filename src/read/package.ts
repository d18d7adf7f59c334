// The package: the zip's directory (src/read/zip.ts), parts inflated on demand within the limits (each part
// and all of them together, and the time spent), the relationships that say where the workbook, its styles,
// shared strings and sheets are (ECMA-376 Part 2, OPC), and workbook.xml: sheets, CR_* defined names, the
// date system.
import { isTemplateName } from "./resolve";
import { checkTime, LIMITS, WorkbookReadError } from "./limits";
import type { Book, Ctx, PartParsers, Rels, SheetRead, Styles, Wanted } from "./types";
import { attrs, bool, EOF, OPEN, type Scanner } from "./xml";
import { inflateEntry, inflaterKind, storedBytes, zipEntries } from "./zip";

/** A part's bytes, inflated within the limits; undefined when the package has no such part. */
export function part(ctx: Ctx, path: string): Uint8Array | undefined {
  const e = ctx.entries.get(path.toLowerCase());
  if (!e) return undefined;
  const data = inflateEntry(ctx.bytes, e, Math.min(LIMITS.part, LIMITS.total - ctx.inflated));
  ctx.inflated += data.length;
  checkTime(ctx);
  return data;
}

/**
 * Parts whose bytes recur from file to file — a year's returns all come from one template, so their styles and
 * relationships are the same bytes — parsed once per distinct content. A part is the same when its stored
 * (compressed) bytes, method and declared size are equal byte for byte (no hash: nothing is taken on trust),
 * with the same inflater; it is then counted against the limits as if inflated again (its real size, the time),
 * and inflated as usual when it would no longer fit. Bounded: the last few contents per parser, each stored
 * part at most 64 KiB. Parsed values are shared between reads and never changed by them.
 */
const RECUR = { entries: 8, stored: 64 * 1024 };
interface Recurring {
  key: string;
  method: number;
  size: number;
  stored: Uint8Array;
  real: number;
  value: unknown;
}
const recurring = new WeakMap<object, Recurring[]>();

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * `parse` of the part at `path` (undefined when the package has none), from the cache when the same bytes
 * were parsed by the same `parser` with the same `key` before. `parser` identifies the parsing (the
 * PartParsers function: the scanner's and a test's saxes parsers never share an entry).
 */
export function parsedPart<T>(ctx: Ctx, path: string, parser: object, key: string, parse: (d: Uint8Array | undefined) => T): T {
  const e = ctx.entries.get(path.toLowerCase());
  const stored = e && e.compressedSize <= RECUR.stored ? storedBytes(ctx.bytes, e) : undefined;
  if (!e || !stored) return parse(e ? part(ctx, path) : undefined);
  const fullKey = `${inflaterKind}\u0000${key}`;
  const list = recurring.get(parser) ?? [];
  const limit = Math.min(LIMITS.part, LIMITS.total - ctx.inflated);
  const hit = list.find((c) => c.key === fullKey && c.method === e.method && c.size === e.size && sameBytes(c.stored, stored));
  if (hit && e.size <= limit && hit.real <= limit) {
    ctx.inflated += hit.real;
    checkTime(ctx);
    return hit.value as T;
  }
  const data = part(ctx, path)!;
  const value = parse(data);
  if (!hit) {
    list.push({ key: fullKey, method: e.method, size: e.size, stored: stored.slice(), real: data.length, value });
    if (list.length > RECUR.entries) list.shift();
    recurring.set(parser, list);
  }
  return value;
}

/** Relationship id → target part path, resolved against the source part's folder. */
export function relationships(sc: Scanner | undefined, base: string): Rels {
  const byId = new Map<string, string>();
  const byType = new Map<string, string>();
  if (!sc) return { byId, byType };
  for (let t = sc.next(); t !== EOF; t = sc.next()) {
    if (t !== OPEN || sc.name !== "Relationship") continue;
    const a = attrs(sc.raw);
    if (!a.Id || !a.Target || a.TargetMode === "External") continue;
    const target = resolvePath(base, a.Target);
    byId.set(a.Id, target);
    const type = (a.Type ?? "").slice((a.Type ?? "").lastIndexOf("/") + 1);
    if (!byType.has(type)) byType.set(type, target);
  }
  return { byId, byType };
}

function resolvePath(base: string, target: string): string {
  const parts = target.startsWith("/") ? [] : base.split("/").filter(Boolean);
  for (const seg of target.replace(/\\/g, "/").split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  return parts.join("/");
}

export function workbookXml(sc: Scanner): Book {
  const book: Book = { date1904: false, sheets: [], names: [] };
  const scoped: { name: string; ref: string; local: number }[] = [];
  for (let t = sc.next(); t !== EOF; t = sc.next()) {
    if (t !== OPEN) continue;
    if (sc.name === "workbookPr") book.date1904 = bool(attrs(sc.raw).date1904, false);
    else if (sc.name === "sheet") {
      const a = attrs(sc.raw);
      // state (ECMA-376 §18.18.68 ST_SheetState): visible (the default), hidden, veryHidden.
      const state = a.state === "hidden" || a.state === "veryHidden" ? a.state : undefined;
      if (a.name !== undefined) book.sheets.push({ name: a.name, rid: a.id ?? "", hidden: state });
    } else if (sc.name === "definedName") {
      const name = sc.attr("name");
      if (!name || !isTemplateName(name)) {
        sc.skip();
        continue;
      }
      const local = sc.attr("localSheetId");
      const ref = sc.text().trim();
      if (local !== undefined) scoped.push({ name, ref, local: Number(local) });
      else book.names.push({ name, ref });
    }
  }
  // localSheetId is the index of the sheet in <sheets> (ECMA-376 §18.2.5).
  for (const s of scoped) {
    const sheet = book.sheets[s.local];
    if (sheet) book.names.push({ name: s.name, ref: s.ref, scope: sheet.name });
  }
  return book;
}

/** An opened workbook: the zip's directory, workbook.xml, its relationships and styles — what every read starts from. */
export interface OpenBook {
  ctx: Ctx;
  book: Book;
  rels: Rels;
  styles: Styles;
  folder: string;
}

/** The zip's directory and workbook.xml; `more` adds the workbook's relationships and styles (a read of cells needs them). */
export function openBook(bytes: Uint8Array, parsers: PartParsers): Pick<OpenBook, "ctx" | "book"> & { more(): OpenBook } {
  const ctx: Ctx = { bytes, entries: zipEntries(bytes), inflated: 0, deadline: Date.now() + LIMITS.ms, parsers };
  const root = parsedPart(ctx, "_rels/.rels", parsers.relationships, "", (d) => parsers.relationships(d, ""));
  const bookPath = root.byType.get("officeDocument") ?? "xl/workbook.xml";
  const bookXml = part(ctx, bookPath);
  if (bookXml === undefined) throw new WorkbookReadError("文件已损坏或不是有效的 xlsx 工作簿（缺少 workbook.xml）");
  const book = parsers.workbook(bookXml);
  const folder = bookPath.slice(0, bookPath.lastIndexOf("/") + 1);
  return {
    ctx,
    book,
    more: () => {
      const rels = parsedPart(ctx, `${folder}_rels/${bookPath.slice(folder.length)}.rels`, parsers.relationships, folder, (d) => parsers.relationships(d, folder));
      const styles = parsedPart(ctx, rels.byType.get("styles") ?? `${folder}styles.xml`, parsers.styles, "", (d) => parsers.styles(d));
      return { ctx, book, rels, styles, folder };
    },
  };
}

/** One sheet of an opened workbook, parsed for the wanted cells. */
export function readSheet(o: OpenBook, sheet: string, wanted: Wanted): SheetRead {
  const rid = o.book.sheets.find((s) => s.name === sheet)!.rid;
  const path = o.rels.byId.get(rid);
  const xml = path ? part(o.ctx, path) : undefined;
  if (xml === undefined) throw new WorkbookReadError(`文件已损坏或不是有效的 xlsx 工作簿（找不到工作表“${sheet}”的数据）`);
  return o.ctx.parsers.sheet(o.ctx, xml, wanted);
}

