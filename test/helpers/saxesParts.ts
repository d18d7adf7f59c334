// The reader's XML layer written on saxes (the SAX parser ExcelJS ships with) instead of the hand-written
// scanner (src/read/xml.ts): the same PartParsers, producing the same relationships, workbook, styles, shared
// strings and sheet cells, on the same zip, limits and cell values (src/read/). Two uses:
// - the bench (bench/reader.bench.ts) reads the same files both ways in one run and prints the ratio — the
//   scanner is kept only while a library reader would cost more than ~1.5× its time;
// - the property test (test/xlsx/reader.saxes.property.test.ts) reads generated workbooks both ways and
//   wants the same answer: a well-kept parser as the scanner's oracle for quoting, entities, CDATA and
//   namespace prefixes.
// Like the scanner it takes local names (prefixes dropped, xmlns attributes ignored); unlike it, saxes checks
// well-formedness and refuses what is not XML (an error here is a refusal, never a guess).
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { isTemplateName, type DefinedName } from "../../src/read/resolve";
import { checkTime, LimitError, LIMITS } from "../../src/read/limits";
import type { Book, Ctx, PartParsers, RawCell, Rels, SheetRead } from "../../src/read/types";
import { styleTable } from "../../src/read/styles";
import { cellIndex, cellIndexAt, cellCol, cellRow } from "../../src/core/a1";

/** UTF-8 to text: Node's Buffer where there is one (what the scanner uses for a part it decodes whole), else TextDecoder. */
const NodeBuffer = (globalThis as { Buffer?: { from(a: ArrayBufferLike, o: number, l: number): { toString(enc: string): string } } }).Buffer;
const utf8 = new TextDecoder("utf-8");
const decodeUtf8 = (d: Uint8Array) => (NodeBuffer ? NodeBuffer.from(d.buffer, d.byteOffset, d.byteLength).toString("utf8") : utf8.decode(d));

const local = (name: string) => {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
};

/** Attributes by local name, xmlns declarations left out (as the scanner's attrs()). */
function attrsOf(tag: SaxesTagPlain): Record<string, string> {
  const all = tag.attributes as Record<string, string>;
  let plain = true;
  for (const k in all) if (k.indexOf(":") >= 0 || k === "xmlns") plain = false;
  if (plain) return all; // the usual case: nothing to rename
  const out: Record<string, string> = {};
  for (const k in all) if (k.indexOf(":") > 0 && !k.startsWith("xmlns:")) out[local(k)] = all[k];
  for (const k in all) if (k.indexOf(":") < 0 && k !== "xmlns") out[k] = all[k]; // the element's own attribute wins
  return out;
}

/** The element's own (unprefixed) attributes only, as the scanner's per-cell attr() reads r, s, t. */
const ownAttrs = (tag: SaxesTagPlain) => tag.attributes as Record<string, string | undefined>;

const bool = (v: string | undefined, fallback: boolean) => (v === "1" || v === "true" ? true : v === "0" || v === "false" ? false : fallback);

/** ST_Xstring escapes, as the scanner decodes them. */
const xstring = (s: string) => (s.indexOf("_x") < 0 ? s : s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))));

interface Handlers {
  open(name: string, tag: SaxesTagPlain): void;
  close?(name: string): void;
  text?(t: string): void;
}

/** Parses a part, calling back with local element names; throws on XML that is not well-formed. */
function parse(d: Uint8Array, h: Handlers): void {
  const p = new SaxesParser({ xmlns: false, position: false });
  p.on("error", (e) => {
    throw e;
  });
  p.on("opentag", (tag) => h.open(local(tag.name), tag as SaxesTagPlain));
  if (h.close) {
    const close = h.close;
    p.on("closetag", (tag) => close(local(tag.name)));
  }
  if (h.text) {
    p.on("text", h.text);
    p.on("cdata", h.text);
  }
  p.write(decodeUtf8(d)).close();
}

/** Text of the elements named `leaf` while `on` says so: what the scanner's text() reads. */
function textCollector() {
  let buf: string | undefined;
  return {
    start() {
      buf = "";
    },
    text(t: string) {
      if (buf !== undefined) buf += t;
    },
    end(): string {
      const t = buf ?? "";
      buf = undefined;
      return t;
    },
    get active() {
      return buf !== undefined;
    },
  };
}

function relationships(d: Uint8Array | undefined, base: string): Rels {
  const byId = new Map<string, string>();
  const byType = new Map<string, string>();
  if (!d) return { byId, byType };
  parse(d, {
    open(name, tag) {
      if (name !== "Relationship") return;
      const a = attrsOf(tag);
      if (!a.Id || !a.Target || a.TargetMode === "External") return;
      const target = resolvePath(base, a.Target);
      byId.set(a.Id, target);
      const type = (a.Type ?? "").slice((a.Type ?? "").lastIndexOf("/") + 1);
      if (!byType.has(type)) byType.set(type, target);
    },
  });
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

function workbook(d: Uint8Array): Book {
  const book: Book = { date1904: false, sheets: [], names: [] };
  const scoped: { name: string; ref: string; local: number }[] = [];
  const text = textCollector();
  let current: { name: string; local?: string } | undefined;
  parse(d, {
    open(name, tag) {
      if (text.active) return;
      const a = attrsOf(tag);
      if (name === "workbookPr") book.date1904 = bool(a.date1904, false);
      else if (name === "sheet") {
        if (a.name !== undefined) book.sheets.push({ name: a.name, rid: a.id ?? "" });
      } else if (name === "definedName" && ownAttrs(tag).name && isTemplateName(ownAttrs(tag).name!)) {
        current = { name: ownAttrs(tag).name!, local: ownAttrs(tag).localSheetId };
        text.start();
      }
    },
    close(name) {
      if (name !== "definedName" || !current) return;
      const ref = text.end().trim();
      if (current.local !== undefined) scoped.push({ name: current.name, ref, local: Number(current.local) });
      else book.names.push({ name: current.name, ref } satisfies DefinedName);
      current = undefined;
    },
    text: (t) => text.text(t),
  });
  for (const s of scoped) {
    const sheet = book.sheets[s.local];
    if (sheet) book.names.push({ name: s.name, ref: s.ref, scope: sheet.name });
  }
  return book;
}

function styles(d: Uint8Array | undefined) {
  const custom = new Map<number, string>();
  const xfs: { numFmtId: number; locked: boolean }[] = [];
  if (d) {
    let inXfs = false;
    let current: (typeof xfs)[number] | undefined;
    parse(d, {
      open(name, tag) {
        const a = attrsOf(tag);
        if (name === "numFmt") custom.set(Number(a.numFmtId), a.formatCode ?? "");
        else if (name === "cellXfs") inXfs = true;
        else if (inXfs && name === "xf") xfs.push((current = { numFmtId: Number(a.numFmtId ?? 0), locked: true }));
        else if (inXfs && current && name === "protection") current.locked = bool(a.locked, true);
      },
      close(name) {
        if (name === "xf") current = undefined;
        else if (name === "cellXfs") inXfs = false;
      },
    });
  }
  return styleTable(custom, xfs);
}

/**
 * A string item's text (<si> or <is>): its <t>s, phonetic runs (<rPh>) left out. Returns handlers to nest in a
 * part's own, and the text once the item closes.
 */
function stringItems(onItem: (text: string) => void, item: string) {
  let inItem = false;
  let phonetic = 0;
  let out = "";
  const t = textCollector();
  return {
    open(name: string): boolean {
      if (name === item) {
        inItem = true;
        out = "";
        return true;
      }
      if (!inItem) return false;
      if (name === "rPh") phonetic++;
      else if (name === "t" && !phonetic) t.start();
      return true;
    },
    close(name: string): boolean {
      if (!inItem) return false;
      if (name === "t" && t.active) {
        out += t.end();
        if (out.length > LIMITS.string) throw new LimitError(`单元格文字超过 ${LIMITS.string} 个字符`);
      } else if (name === "rPh") phonetic--;
      else if (name === item) {
        inItem = false;
        onItem(xstring(out));
      }
      return true;
    },
    text(s: string) {
      t.text(s);
    },
  };
}

function sharedStrings(ctx: Ctx, d: Uint8Array | undefined, wanted: Set<number>): Map<number, string> {
  const out = new Map<number, string>();
  if (!d || !wanted.size) return out;
  let index = -1;
  const items = stringItems((text) => {
    if (wanted.has(index)) out.set(index, text);
  }, "si");
  parse(d, {
    open(name) {
      if (name === "si") {
        if (++index > LIMITS.strings) throw new LimitError(`共享字符串超过 ${LIMITS.strings} 个`);
        if ((index & 4095) === 0) checkTime(ctx);
      }
      items.open(name);
    },
    close: (name) => void items.close(name),
    text: (s) => items.text(s),
  });
  return out;
}

function sheet(ctx: Ctx, d: Uint8Array, wanted: Pick<Set<number>, "has">): SheetRead {
  const read: SheetRead = { cells: new Map(), rowStyle: new Map(), colStyle: [], masters: new Map(), protected: false, decode: (w) => w };
  let row = 0;
  let col = 0;
  let count = 0;
  let cell: RawCell | undefined;
  let inCell = false;
  const text = textCollector();
  let leaf: "v" | "f" | undefined;
  let phase: "before" | "data" | "after" = "before";
  let protectionSeen = false;
  /** Depth inside a cell's other children (extLst…), whose content is not the cell's, as the scanner skips them. */
  let other = 0;
  const inline = stringItems((t) => {
    if (cell) cell.inline = t;
  }, "is");
  parse(d, {
    open(name, tag) {
      if (inCell) {
        if (other || leaf) {
          if (!leaf) other++;
          return;
        }
        if (inline.open(name)) return;
        if (name === "v") {
          leaf = "v";
          text.start();
        } else if (name === "f") {
          const fa = attrsOf(tag);
          cell!.hasF = true;
          cell!.fType = fa.t;
          cell!.fShared = fa.t === "shared" ? fa.si : undefined;
          cell!.fRef = fa.ref;
          leaf = "f";
          text.start();
        } else other = 1;
        return;
      }
      if (name === "sheetData") phase = "data";
      if (name !== "col" && name !== "row" && name !== "c" && name !== "sheetProtection") return;
      // Rows and cells only inside <sheetData>, columns before it, the first <sheetProtection> after it.
      if ((name === "col") !== (phase === "before") || (name === "sheetProtection") !== (phase === "after")) return;
      const a = name === "row" || name === "c" ? ownAttrs(tag) : attrsOf(tag);
      if (name === "col") {
        if (a.style !== undefined) read.colStyle.push({ min: Number(a.min), max: Number(a.max), style: Number(a.style) });
      } else if (name === "row") {
        row = a.r !== undefined ? Number(a.r) : row + 1;
        col = 0;
        if (a.s !== undefined && bool(a.customFormat, false)) read.rowStyle.set(row, Number(a.s));
      } else if (name === "c") {
        if (++count > LIMITS.cells) throw new LimitError(`工作表超过 ${LIMITS.cells} 个单元格`);
        if ((count & 1023) === 0) checkTime(ctx);
        const at = a.r !== undefined ? cellIndex(a.r) : -1;
        if (at >= 0) {
          row = cellRow(at);
          col = cellCol(at);
        } else col++;
        cell = { t: a.t, s: Number(a.s ?? -1), hasF: false };
        inCell = true;
      } else if (name === "sheetProtection" && !protectionSeen) {
        read.protected = bool(a.sheet, false);
        protectionSeen = true;
      }
    },
    close(name) {
      if (name === "sheetData") phase = "after";
      if (!inCell) return;
      if (other) {
        other--;
        return;
      }
      if (inline.close(name)) return;
      if (leaf && name === leaf) {
        const t = text.end();
        if (leaf === "v") {
          cell!.v = t;
          if (t.length > LIMITS.string) throw new LimitError(`单元格文字超过 ${LIMITS.string} 个字符`);
        } else cell!.f = t;
        leaf = undefined;
      } else if (name === "c") {
        const c = cell!;
        if (c.fShared !== undefined && c.fRef && c.f) read.masters.set(c.fShared, { formula: c.f, row, col });
        const k = cellIndexAt(row, col);
        if (wanted.has(k)) read.cells.set(k, c);
        cell = undefined;
        inCell = false;
      }
    },
    text(t) {
      if (leaf) text.text(t);
      else inline.text(t);
    },
  });
  return read;
}

/** The reader's PartParsers on saxes. */
export const SAXES_PARTS: PartParsers = { relationships, workbook, styles, sharedStrings, sheet };
