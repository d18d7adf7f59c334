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
import { colLetters, isTemplateName, locateNames, NameMap, namedCells, parseRef, type CellRef, type DefinedName } from "../layout/resolve";
import type { NamedCell, SheetCells } from "../review/types";
import { inflateEntry, mb, zipEntries, ZipError, type ZipEntry } from "./zip";

/** The file cannot be read as a workbook at all; the message says why, in Chinese. */
export class WorkbookReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorkbookReadError";
  }
}

export interface WorkbookRead {
  /** Sheets that carry CR_* names, in workbook order. */
  sheets: SheetCells[];
  /** All sheet names, in order (to report a file without any template sheet). */
  sheetNames: string[];
}

export const LIMIT_MESSAGE = "文件过大或内容异常，请另存为 .xlsx 后重发";
const RESAVE = "请在 Excel 中打开后重新另存为 .xlsx 再试";

/**
 * A returned template is about 20–60 KB, its sheet ~70 KB of XML and ~3,000 cells. The limits leave room
 * for pictures and extra sheets a unit may add, and keep one file well under 5 s and 512 MB.
 */
export const LIMITS = {
  /** The whole file. */
  file: 64 * 1048576,
  /** One inflated XML part we read. */
  part: 8 * 1048576,
  /** All inflated parts of one file together. */
  total: 32 * 1048576,
  /** <c> elements in one sheet. */
  cells: 400_000,
  /** Characters in one string (Excel's own limit for a cell). */
  string: 32_767,
  /** Entries of the shared-string table. */
  strings: 400_000,
  /** Time for one file, checked while scanning. */
  ms: 4_000,
};

class LimitError extends Error {}

// ---------------------------------------------------------------- XML scanning

/** The five named entities by char codes (no slice, no lookup: a sheet holds thousands of "&quot;"), and numeric ones. */
function decodeEntities(s: string): string {
  let amp = s.indexOf("&");
  if (amp < 0) return s;
  let out = "";
  let from = 0;
  while (amp >= 0) {
    let r: string | undefined;
    let len = 0;
    const c1 = s.charCodeAt(amp + 1);
    if (c1 === 113 /* q */) {
      if (s.startsWith("quot;", amp + 1)) {
        r = '"';
        len = 6;
      }
    } else if (c1 === 97 /* a */) {
      if (s.startsWith("apos;", amp + 1)) {
        r = "'";
        len = 6;
      } else if (s.startsWith("amp;", amp + 1)) {
        r = "&";
        len = 5;
      }
    } else if (c1 === 108 /* l */) {
      if (s.startsWith("lt;", amp + 1)) {
        r = "<";
        len = 4;
      }
    } else if (c1 === 103 /* g */) {
      if (s.startsWith("gt;", amp + 1)) {
        r = ">";
        len = 4;
      }
    } else if (c1 === 35 /* # */) {
      const semi = s.indexOf(";", amp + 2);
      if (semi > 0 && semi - amp <= 10) {
        const hex = (s.charCodeAt(amp + 2) | 0x20) === 120; /* x */
        const digits = s.slice(amp + (hex ? 3 : 2), semi);
        const cp = hex ? (/^[0-9A-Fa-f]+$/.test(digits) ? parseInt(digits, 16) : NaN) : /^[0-9]+$/.test(digits) ? parseInt(digits, 10) : NaN;
        if (cp > 0 && cp <= 0x10ffff) {
          r = String.fromCodePoint(cp);
          len = semi + 1 - amp;
        }
      }
    }
    if (r !== undefined) {
      out += s.slice(from, amp) + r;
      from = amp + len;
      amp = s.indexOf("&", from);
    } else amp = s.indexOf("&", amp + 1);
  }
  return from === 0 ? s : out + s.slice(from);
}

/** ST_Xstring escapes: "_x000D_" is a carriage return, "_x005F_" an underscore. */
function decodeXstring(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

const ATTR = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Attributes by local name ("r:id" → "id", "xml:space" → "space"), entity-decoded. */
function attrs(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw) return out;
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(raw); m; m = ATTR.exec(raw)) {
    const colon = m[1].indexOf(":");
    const key = colon < 0 ? m[1] : m[1].slice(colon + 1);
    if (m[1] === "xmlns" || m[1].startsWith("xmlns:")) continue;
    out[key] = decodeEntities(m[2] ?? m[3]);
  }
  return out;
}

/**
 * One attribute of a start tag, by its exact (unprefixed) name: the fast path for the attributes read on
 * every cell; tags written with single quotes or spaces around "=" go through attrs().
 */
function attr(raw: string, name: string): string | undefined {
  const i = raw.indexOf(` ${name}="`);
  // A single quote anywhere may hide ` name="` inside another attribute's value ('…'): parse the tag whole.
  if (i < 0 || raw.indexOf("'") >= 0) {
    if (raw.indexOf(name) < 0) return undefined; // not even the name: the common case of an absent attribute
    if (raw.indexOf("'") < 0 && !/\s=|=\s/.test(raw) && raw.indexOf(`\n${name}=`) < 0 && raw.indexOf(`\t${name}=`) < 0) return undefined;
    return attrs(raw)[name];
  }
  const start = i + name.length + 3;
  const end = raw.indexOf('"', start);
  const v = raw.slice(start, end < 0 ? raw.length : end);
  return v.indexOf("&") < 0 ? v : decodeEntities(v);
}

/** XML booleans: "1"/"true" are true; "0"/"false" false; anything else → `fallback`. */
function bool(v: string | undefined, fallback: boolean): boolean {
  if (v === "1" || v === "true") return true;
  if (v === "0" || v === "false") return false;
  return fallback;
}

const OPEN = 1;
const CLOSE = 2;
const EOF = 0;

/** A forward-only scanner over elements; text between tags is read on demand. */
class Scanner {
  pos = 0;
  /** Local name of the last element (prefix removed). */
  name = "";
  /** The name as written, prefix included ("x:c"). */
  qname = "";
  private rawStart = 0;
  private rawEnd = 0;
  selfClosing = false;
  /**
   * `s` may be the part's bytes as Latin-1 (one char per byte, see partText): tags and attribute names are
   * ASCII, so positions and searches are the same; text and attribute values are turned back into UTF-8
   * where they are read (str, decode).
   */
  constructor(
    readonly s: string,
    readonly bytes = false,
  ) {}

  /** A piece of `s` as the text it encodes. */
  str(piece: string): string {
    return this.bytes ? fromLatin1Bytes(piece) : piece;
  }

  next(): number {
    const s = this.s;
    for (;;) {
      const lt = s.indexOf("<", this.pos);
      if (lt < 0) return EOF;
      const c = s.charCodeAt(lt + 1);
      if (c === 33 /* ! */) {
        if (s.startsWith("<!--", lt)) this.pos = this.after(s.indexOf("-->", lt + 4), 3);
        else if (s.startsWith("<![CDATA[", lt)) this.pos = this.after(s.indexOf("]]>", lt + 9), 3);
        else {
          // <!DOCTYPE …>: skipped with its internal subset; entities are never expanded (no billion laughs).
          const bracket = s.indexOf("[", lt);
          const gt = s.indexOf(">", lt);
          this.pos = bracket >= 0 && bracket < gt ? this.after(s.indexOf("]>", bracket), 2) : this.after(gt, 1);
        }
        continue;
      }
      if (c === 63 /* ? */) {
        this.pos = this.after(s.indexOf("?>", lt + 2), 2);
        continue;
      }
      const gt = s.indexOf(">", lt);
      if (gt < 0) return EOF;
      const close = c === 47; /* / */
      let i = lt + (close ? 2 : 1);
      const start = i;
      for (; i < gt; i++) {
        const ch = s.charCodeAt(i);
        if (ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 47) break;
      }
      let name = s.slice(start, i);
      this.qname = name;
      const colon = name.indexOf(":");
      if (colon >= 0) name = name.slice(colon + 1);
      this.name = name;
      this.selfClosing = s.charCodeAt(gt - 1) === 47;
      this.rawStart = i;
      this.rawEnd = close ? i : this.selfClosing ? gt - 1 : gt;
      this.pos = gt + 1;
      return close ? CLOSE : OPEN;
    }
  }

  /** The attributes text of the last start tag. */
  get raw(): string {
    // Kept until the next tag: a cell's r, s and t are each read from it.
    if (this.rawOf !== this.rawStart) {
      this.rawText = this.str(this.s.slice(this.rawStart, this.rawEnd));
      this.rawOf = this.rawStart;
    }
    return this.rawText;
  }
  private rawOf = -1;
  private rawText = "";

  /** One attribute of the last start tag (searched within the tag only: a search past it would be quadratic). */
  attr(name: string): string | undefined {
    return attr(this.raw, name);
  }

  private after(i: number, len: number): number {
    return i < 0 ? this.s.length : i + len;
  }

  /** Text up to the closing tag of the element just opened (CDATA kept, entities decoded). */
  text(): string {
    return this.decode(this.textRaw());
  }

  /** The text of the element just opened as written (entities and CDATA sections undecoded); see decode(). */
  textRaw(): string {
    if (this.selfClosing) return "";
    const s = this.s;
    const from = this.pos;
    for (;;) {
      const lt = s.indexOf("<", this.pos);
      if (lt < 0) {
        this.pos = s.length;
        return s.slice(from);
      }
      if (s.startsWith("<![CDATA[", lt)) {
        const end = s.indexOf("]]>", lt + 9);
        this.pos = end < 0 ? s.length : end + 3;
        continue;
      }
      this.pos = lt;
      return s.slice(from, lt);
    }
  }

  /** Text as textRaw() returned it → the text: UTF-8 restored, entities decoded outside CDATA sections. */
  decode(raw: string): string {
    if (!this.bytes || raw.length < DECODED.minLength || raw.length > DECODED.maxLength) return this.decodeNow(raw);
    const known = DECODED.map.get(raw);
    if (known !== undefined) return known;
    const text = this.decodeNow(raw);
    if (DECODED.chars > DECODED.maxChars) {
      DECODED.map.clear();
      DECODED.chars = 0;
    }
    // The key is copied: `raw` is a slice of the whole part, which it would otherwise keep alive.
    DECODED.map.set(NodeBuffer!.from(raw, "latin1").toString("latin1"), text);
    DECODED.chars += raw.length + text.length;
    return text;
  }

  private decodeNow(raw: string): string {
    let cdata = raw.indexOf("<![CDATA[");
    // Named entities stand for ASCII, so on bytes they are decoded first, on the cheaper one-byte string;
    // a numeric one ("&#20013;") may stand for any char and is decoded after the UTF-8 is restored.
    if (cdata < 0) return this.bytes && raw.indexOf("&#") < 0 ? fromLatin1Bytes(decodeEntities(raw)) : decodeEntities(this.str(raw));
    let out = "";
    let from = 0;
    while (cdata >= 0) {
      out += decodeEntities(this.str(raw.slice(from, cdata)));
      const end = raw.indexOf("]]>", cdata + 9);
      out += this.str(raw.slice(cdata + 9, end < 0 ? raw.length : end));
      from = end < 0 ? raw.length : end + 3;
      cdata = raw.indexOf("<![CDATA[", from);
    }
    return out + decodeEntities(this.str(raw.slice(from)));
  }

  /** Skips to the end of the element just opened (nested ones included). */
  skip(): void {
    if (this.selfClosing) return;
    let depth = 1;
    for (;;) {
      const t = this.next();
      if (t === EOF) return;
      if (t === OPEN && !this.selfClosing) depth++;
      else if (t === CLOSE && --depth === 0) return;
    }
  }
}

// ---------------------------------------------------------------- package parts

interface Ctx {
  bytes: Uint8Array;
  entries: Map<string, ZipEntry>;
  inflated: number;
  deadline: number;
}

const utf8 = new TextDecoder("utf-8");
interface NodeBufferish {
  toString(enc: string): string;
}
const NodeBuffer = (globalThis as { Buffer?: { from(a: ArrayBufferLike | string, o?: number | string, l?: number): NodeBufferish } }).Buffer;

/**
 * A part as a string to scan. Under Node the bytes are taken as Latin-1 — a copy, not a decode, and ~5× faster
 * than UTF-8 on a sheet whose validation prompts are Chinese — and only the values read are decoded
 * (Scanner.str). The browser has no Latin-1 decoder (TextDecoder's "latin1" is windows-1252, which changes
 * 0x80–0x9F), so it decodes UTF-8 once; the pane reads a handful of files.
 */
function partText(d: Uint8Array, asBytes: boolean): { text: string; bytes: boolean } {
  if (!NodeBuffer) return { text: utf8.decode(d), bytes: false };
  const b = NodeBuffer.from(d.buffer, d.byteOffset, d.byteLength);
  return asBytes ? { text: b.toString("latin1"), bytes: true } : { text: b.toString("utf8"), bytes: false };
}

const HIGH = /[\x80-\xff]/;

/**
 * Texts already decoded, by their bytes as written. Every return of a year's template carries the same
 * formulas in the same cells (~35 KB per sheet: thousands of "&quot;", Chinese words), and decoding them was a
 * third of a read; a 汇总 of many returns decodes each once. Bounded (cleared when full); only texts of a
 * formula's length are kept.
 */
const DECODED = { map: new Map<string, string>(), chars: 0, maxChars: 4 * 1048576, minLength: 24, maxLength: 8192 };

/** Latin-1 chars standing for UTF-8 bytes → the text (ASCII, the usual case, is returned as is). */
function fromLatin1Bytes(piece: string): string {
  return HIGH.test(piece) ? NodeBuffer!.from(piece, "latin1").toString("utf8") : piece;
}

function checkTime(ctx: Ctx): void {
  if (Date.now() > ctx.deadline) throw new LimitError(`读取超过 ${LIMITS.ms / 1000} 秒`);
}

/**
 * A part to scan. `asBytes` for the sheets and the shared strings (see partText): most of either is never
 * read. The small parts read almost whole (relationships, workbook, styles) are decoded at once.
 */
function part(ctx: Ctx, path: string, asBytes = false): Scanner | undefined {
  const e = ctx.entries.get(path.toLowerCase());
  if (!e) return undefined;
  const data = inflateEntry(ctx.bytes, e, Math.min(LIMITS.part, LIMITS.total - ctx.inflated));
  ctx.inflated += data.length;
  checkTime(ctx);
  const { text, bytes } = partText(data, asBytes);
  return new Scanner(text, bytes);
}

/** Relationship id → target part path, resolved against the source part's folder. */
function relationships(sc: Scanner | undefined, base: string): { byId: Map<string, string>; byType: Map<string, string> } {
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

interface Book {
  date1904: boolean;
  sheets: { name: string; rid: string }[];
  names: DefinedName[];
}

function workbookXml(sc: Scanner): Book {
  const book: Book = { date1904: false, sheets: [], names: [] };
  const scoped: { name: string; ref: string; local: number }[] = [];
  for (let t = sc.next(); t !== EOF; t = sc.next()) {
    if (t !== OPEN) continue;
    if (sc.name === "workbookPr") book.date1904 = bool(attrs(sc.raw).date1904, false);
    else if (sc.name === "sheet") {
      const a = attrs(sc.raw);
      if (a.name !== undefined) book.sheets.push({ name: a.name, rid: a.id ?? "" });
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

interface Styles {
  /** Per cellXfs index: number format code and locked. */
  xfs: { numFmt: string; locked: boolean; isDate: boolean }[];
}

/** Built-in number formats (ECMA-376 §18.8.30), with the zh-CN forms of the East Asian date ids. */
const BUILTIN_FORMATS: Record<number, string> = {
  0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
  14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm",
  27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: "m-d-yy", 31: 'yyyy"年"m"月"d"日"', 32: 'h"时"mm"分"', 33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"', 35: '上午/下午h"时"mm"分"ss"秒"', 36: 'yyyy"年"m"月"', 37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00;(#,##0.00)", 40: "#,##0.00;[Red](#,##0.00)", 45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
  50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"', 54: 'm"月"d"日"', 55: '上午/下午h"时"mm"分"',
  56: '上午/下午h"时"mm"分"ss"秒"', 57: 'yyyy"年"m"月"', 58: 'm"月"d"日"',
};

function stylesXml(sc: Scanner | undefined): Styles {
  const styles: Styles = { xfs: [] };
  if (!sc) return styles;
  const custom = new Map<number, string>();
  let inXfs = false;
  let current: Styles["xfs"][number] | undefined;
  const fmtIds: number[] = [];
  for (let t = sc.next(); t !== EOF; t = sc.next()) {
    if (t === OPEN) {
      if (sc.name === "numFmt") {
        const a = attrs(sc.raw);
        custom.set(Number(a.numFmtId), a.formatCode ?? "");
      } else if (sc.name === "cellXfs") inXfs = !sc.selfClosing;
      else if (inXfs && sc.name === "xf") {
        const id = Number(attrs(sc.raw).numFmtId ?? 0);
        current = { numFmt: "", locked: true, isDate: false };
        fmtIds.push(id);
        styles.xfs.push(current);
        if (sc.selfClosing) current = undefined;
      } else if (inXfs && current && sc.name === "protection") current.locked = bool(attrs(sc.raw).locked, true);
    } else if (t === CLOSE) {
      if (sc.name === "xf") current = undefined;
      else if (sc.name === "cellXfs") inXfs = false;
    }
  }
  // numFmts come before cellXfs in the schema, but resolve after the pass in case a writer reorders them.
  styles.xfs.forEach((x, i) => {
    x.numFmt = custom.get(fmtIds[i]) ?? BUILTIN_FORMATS[fmtIds[i]] ?? "General";
    x.isDate = isDateFormat(x.numFmt); // once per style, not per cell
  });
  return styles;
}

/** A number format that shows a date or time (the test ExcelJS and most readers use). */
export function isDateFormat(fmt: string): boolean {
  if (!fmt || fmt === "General" || fmt === "@") return false;
  const f = fmt.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, "").replace(/\\./g, "");
  return /[ymdhMsb]/.test(f) || /[年月日时分秒]/.test(fmt);
}

function excelToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/** Text of an <si> or <is>: its <t>, or its runs' <t>s; phonetic runs (<rPh>) are not part of the value. */
function stringItem(sc: Scanner, end: string): string {
  let out = "";
  if (sc.selfClosing) return out;
  for (let t = sc.next(); t !== EOF; t = sc.next()) {
    if (t === CLOSE && sc.name === end) break;
    if (t !== OPEN) continue;
    if (sc.name === "rPh") sc.skip();
    else if (sc.name === "t") {
      out += sc.text();
      if (out.length > LIMITS.string) throw new LimitError(`单元格文字超过 ${LIMITS.string} 个字符`);
    }
  }
  return decodeXstring(out);
}

/**
 * The shared strings at the indices asked for (those of the named cells that hold one). The others — the
 * template's labels, most of the table — are jumped over without being decoded, and the part is not read
 * past the last index asked for.
 */
function sharedStrings(ctx: Ctx, sc: Scanner | undefined, wanted: Set<number>): Map<number, string> {
  const out = new Map<number, string>();
  if (!sc || !wanted.size) return out;
  let last = -1;
  for (const i of wanted) last = Math.max(last, i);
  let index = -1;
  for (let t = sc.next(); t !== EOF; t = sc.next()) {
    if (t !== OPEN || sc.name !== "si") continue;
    if (++index > LIMITS.strings) throw new LimitError(`共享字符串超过 ${LIMITS.strings} 个`);
    if ((index & 4095) === 0) checkTime(ctx);
    if (wanted.has(index)) out.set(index, stringItem(sc, "si"));
    else if (!sc.selfClosing) {
      const close = `</${sc.qname}>`;
      const end = sc.s.indexOf(close, sc.pos);
      sc.pos = end < 0 ? sc.s.length : end + close.length;
    }
    if (index >= last) break;
  }
  return out;
}

// ---------------------------------------------------------------- sheets

interface RawCell {
  t?: string;
  s: number;
  v?: string;
  inline?: string;
  f?: string;
  fShared?: string;
  fRef?: string;
  fType?: string;
  hasF: boolean;
}

interface SheetRead {
  cells: Map<number, RawCell>;
  /** Style of a row (customFormat) and column, for an absent cell. */
  rowStyle: Map<number, number>;
  colStyle: { min: number; max: number; style: number }[];
  /** Shared-formula masters by si; their formula as written (Scanner.decode). */
  masters: Map<string, { formula: string; row: number; col: number }>;
  protected: boolean;
  /** The part's scanner, to decode what was kept as written. */
  scanner: Scanner;
}

const key = (row: number, col: number) => row * 16384 + col;

/** "F12" → key(12, 6); -1 when it is not a cell reference. */
function cellKey(r: string): number {
  let c = 0;
  let i = 0;
  if (r.charCodeAt(0) === 36) i++;
  for (; i < r.length; i++) {
    const ch = r.charCodeAt(i) | 0x20;
    if (ch < 97 || ch > 122) break;
    c = c * 26 + (ch - 96);
  }
  if (r.charCodeAt(i) === 36) i++;
  let row = 0;
  const d0 = i;
  for (; i < r.length; i++) {
    const ch = r.charCodeAt(i);
    if (ch < 48 || ch > 57) return -1;
    row = row * 10 + (ch - 48);
  }
  if (i === d0 || c < 1 || c > 16384 || row < 1 || row > 1048576) return -1;
  return key(row, c);
}

/** One pass over a sheet: the wanted cells, shared-formula masters, row/column styles, protection. */
function sheetXml(ctx: Ctx, sc: Scanner, wanted: Pick<Set<number>, "has">): SheetRead {
  const read: SheetRead = { cells: new Map(), rowStyle: new Map(), colStyle: [], masters: new Map(), protected: false, scanner: sc };
  const xml = sc.s;
  let row = 0;
  let col = 0;
  let count = 0;
  let sharedAt = -2;
  for (let t = sc.next(); t !== EOF; t = sc.next()) {
    if (t === CLOSE && sc.name === "sheetData") {
      // After the cells only <sheetProtection> is read; what follows (merges, formatting, validations with
      // their Chinese prompts: half the part) is not scanned. Found by search, so its place does not matter.
      const at = xml.indexOf("sheetProtection", sc.pos);
      if (at < 0) break;
      sc.pos = Math.max(sc.pos, xml.lastIndexOf("<", at)); // never backwards
      continue;
    }
    if (t !== OPEN) continue;
    switch (sc.name) {
      case "col": {
        const a = attrs(sc.raw);
        if (a.style !== undefined) read.colStyle.push({ min: Number(a.min), max: Number(a.max), style: Number(a.style) });
        break;
      }
      case "row": {
        const r = sc.attr("r");
        row = r !== undefined ? Number(r) : row + 1;
        col = 0;
        const st = sc.attr("s");
        if (st !== undefined && bool(sc.attr("customFormat"), false)) read.rowStyle.set(row, Number(st));
        break;
      }
      case "c": {
        if (++count > LIMITS.cells) throw new LimitError(`工作表超过 ${LIMITS.cells} 个单元格`);
        if ((count & 1023) === 0) checkTime(ctx);
        const r = sc.attr("r");
        const at = r !== undefined ? cellKey(r) : -1;
        if (at >= 0) {
          row = Math.floor(at / 16384);
          col = at % 16384;
        } else col++;
        const k = key(row, col);
        if (sc.selfClosing && !wanted.has(k)) break;
        if (!wanted.has(k)) {
          // Not a named cell: jump over it, unless it may be the master of a shared formula.
          const close = sc.qname === "c" ? "</c>" : `</${sc.qname}>`;
          const end = xml.indexOf(close, sc.pos);
          // The next "shared" in the part, searched again only once passed: one linear pass in all.
          if (sharedAt !== -1 && sharedAt < sc.pos) sharedAt = xml.indexOf("shared", sc.pos);
          if (sharedAt < 0 || (end >= 0 && sharedAt > end)) {
            sc.pos = end < 0 ? xml.length : end + close.length;
            break;
          }
        }
        const cell: RawCell = { t: sc.attr("t"), s: Number(sc.attr("s") ?? -1), hasF: false };
        if (!sc.selfClosing) {
          for (let u = sc.next(); u !== EOF; u = sc.next()) {
            const tag: string = sc.name;
            if (u === CLOSE && tag === "c") break;
            if (u !== OPEN) continue;
            if (tag === "v") {
              cell.v = sc.text();
              if (cell.v.length > LIMITS.string) throw new LimitError(`单元格文字超过 ${LIMITS.string} 个字符`);
            } else if (tag === "f") {
              const fa = attrs(sc.raw);
              cell.hasF = true;
              cell.fType = fa.t;
              cell.fShared = fa.t === "shared" ? fa.si : undefined;
              cell.fRef = fa.ref;
              // Kept as written, decoded in cellOf: a shared formula's master is kept though no name may ask for it.
              cell.f = sc.textRaw();
              // As written, a char is at most 6 bytes ("&quot;"; 3 for UTF-8 CJK): 6 × Excel's limit bounds it.
              if (cell.f.length > 6 * LIMITS.string) throw new LimitError(`公式超过 ${LIMITS.string} 个字符`);
            } else if (tag === "is") cell.inline = stringItem(sc, "is");
            else sc.skip();
          }
        }
        if (cell.fShared !== undefined && cell.fRef && cell.f) read.masters.set(cell.fShared, { formula: cell.f, row, col });
        if (wanted.has(k)) read.cells.set(k, cell);
        break;
      }
      case "sheetProtection":
        read.protected = bool(attrs(sc.raw).sheet, false);
        break;
      default:
    }
  }
  return read;
}

/**
 * A shared formula as it reads in a cell `dr` rows and `dc` columns from its master: relative references
 * move, "$" parts stay; text in quotes and sheet names are left alone.
 */
export function shiftFormula(formula: string, dr: number, dc: number): string {
  if (!dr && !dc) return formula;
  return formula.replace(/("(?:[^"]|"")*"|'(?:[^']|'')*'!)|(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![\w(.!])/g, (all, quoted: string | undefined, cAbs: string, letters: string, rAbs: string, digits: string, offset: number, s: string) => {
    if (quoted) return all;
    const before = offset > 0 ? s[offset - 1] : "";
    if (/[\w.]/.test(before)) return all; // part of a name or function (LOG10, _xldudf_…)
    let c = 0;
    for (let i = 0; i < letters.length; i++) c = c * 26 + ((letters.charCodeAt(i) | 0x20) - 96);
    if (c > 16384) return all;
    const col = cAbs ? c : c + dc;
    const row = rAbs ? Number(digits) : Number(digits) + dr;
    if (col < 1 || row < 1) return "#REF!";
    let l = "";
    for (let x = col; x > 0; x = Math.floor((x - 1) / 26)) l = String.fromCharCode(65 + ((x - 1) % 26)) + l;
    return `${cAbs}${l}${rAbs}${row}`;
  });
}

function cellOf(raw: RawCell | undefined, ref: CellRef, sheet: SheetRead, styles: Styles, sst: Map<number, string>, date1904: boolean): Omit<NamedCell, "address"> {
  // A cell without "s" has style 0; an absent cell shows its row's style (customFormat) or its column's.
  let s = raw ? Math.max(raw.s, 0) : -1;
  if (s < 0) s = sheet.rowStyle.get(ref.row) ?? sheet.colStyle.find((c) => ref.col >= c.min && ref.col <= c.max)?.style ?? 0;
  const xf = styles.xfs[s] ?? styles.xfs[0];
  const numFmt = xf?.numFmt ?? "General";
  const locked = xf ? xf.locked : true;
  if (!raw) return { value: null, locked, numFmt };
  let value: unknown = null;
  const v = raw.v;
  switch (raw.t) {
    case "s": {
      const i = Number(v);
      value = v !== undefined && v !== "" && Number.isInteger(i) ? (sst.get(i) ?? null) : null;
      break;
    }
    case "inlineStr":
      value = raw.inline ?? (v !== undefined ? decodeXstring(v) : null);
      break;
    case "str":
      value = v !== undefined ? decodeXstring(v) : null;
      break;
    case "b":
      value = v === undefined || v === "" ? null : bool(v.trim(), false);
      break;
    case "e":
      value = v === undefined ? null : { error: v.trim() };
      break;
    case "d": {
      const d = v ? new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) || !v.includes("T") ? v : `${v}Z`) : undefined;
      value = d && !Number.isNaN(d.getTime()) ? d : null;
      break;
    }
    default: {
      const n = v === undefined || v.trim() === "" ? NaN : Number(v);
      value = Number.isFinite(n) ? (xf?.isDate ? excelToDate(n, date1904) : n) : v === undefined || v.trim() === "" ? null : v;
    }
  }
  if (!raw.hasF) return { value, formula: undefined, locked, numFmt };
  const shared = raw.fShared !== undefined && !raw.f ? sheet.masters.get(raw.fShared) : undefined;
  const written = shared ? shared.formula : raw.fShared !== undefined && !raw.f ? "" : (raw.f ?? "");
  // Decoded here, not when first read: an accessor per cell (tried) made a cold 1,000-file run 30 % slower
  // and its peak memory 30 MB higher than the decoding it saved.
  const f = sheet.scanner.decode(written);
  return { value, formula: shared ? shiftFormula(f, ref.row - shared.row, ref.col - shared.col) : f, locked, numFmt };
}

// ---------------------------------------------------------------- entry points

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

/** Reads a returned workbook's template sheets by their CR_* names (synchronous; see readWorkbookData). */
export function readWorkbookBytes(data: Uint8Array | ArrayBuffer): WorkbookRead {
  return guarded(xlsxBytes(data), read);
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
export function readSheetRows(data: Uint8Array | ArrayBuffer, sheet: string): SheetRows | undefined {
  return guarded(xlsxBytes(data), (bytes) => rowsOf(bytes, sheet));
}

/** The workbook's sheet names in tab order; only workbook.xml (and the package's relationships) is inflated. */
export function sheetNamesOf(data: Uint8Array | ArrayBuffer): string[] {
  return guarded(xlsxBytes(data), (bytes) => openBook(bytes).book.sheets.map((s) => s.name));
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

export async function readWorkbookData(data: Uint8Array | ArrayBuffer): Promise<WorkbookRead> {
  return readWorkbookBytes(data);
}

/** The zip's directory and workbook.xml: what every read starts from. */
function openBook(bytes: Uint8Array): { ctx: Ctx; book: Book; bookPath: string; folder: string } {
  const ctx: Ctx = { bytes, entries: zipEntries(bytes), inflated: 0, deadline: Date.now() + LIMITS.ms };
  const root = relationships(part(ctx, "_rels/.rels"), "");
  const bookPath = root.byType.get("officeDocument") ?? "xl/workbook.xml";
  const bookXml = part(ctx, bookPath);
  if (bookXml === undefined) throw new WorkbookReadError("文件已损坏或不是有效的 xlsx 工作簿（缺少 workbook.xml）");
  return { ctx, book: workbookXml(bookXml), bookPath, folder: bookPath.slice(0, bookPath.lastIndexOf("/") + 1) };
}

/** A sheet's part, scanned as bytes (see partText). */
function sheetPart(ctx: Ctx, book: Book, rels: ReturnType<typeof relationships>, sheet: string): Scanner {
  const rid = book.sheets.find((s) => s.name === sheet)!.rid;
  const path = rels.byId.get(rid);
  const xml = path ? part(ctx, path, true) : undefined;
  if (xml === undefined) throw new WorkbookReadError(`文件已损坏或不是有效的 xlsx 工作簿（找不到工作表“${sheet}”的数据）`);
  return xml;
}

/** The shared strings the read cells use, read once the sheets have said which. */
function stringsOf(ctx: Ctx, rels: ReturnType<typeof relationships>, folder: string, sheets: Iterable<SheetRead>): Map<number, string> {
  const strings = new Set<number>();
  for (const r of sheets) {
    for (const c of r.cells.values()) if (c.t === "s" && c.v !== undefined && c.v !== "" && Number.isInteger(Number(c.v))) strings.add(Number(c.v));
  }
  return sharedStrings(ctx, strings.size ? part(ctx, rels.byType.get("sharedStrings") ?? `${folder}sharedStrings.xml`, true) : undefined, strings);
}

function read(bytes: Uint8Array): WorkbookRead {
  const { ctx, book, bookPath, folder } = openBook(bytes);
  const sheetNames = book.sheets.map((s) => s.name);
  const located = locateNames(book.names, sheetNames);
  if (!located.size) return { sheets: [], sheetNames };

  const rels = relationships(part(ctx, `${folder}_rels/${bookPath.slice(folder.length)}.rels`), folder);
  const styles = stylesXml(part(ctx, rels.byType.get("styles") ?? `${folder}styles.xml`));
  const reads = new Map<string, SheetRead>();
  for (const [sheet, refs] of located) {
    const xml = sheetPart(ctx, book, rels, sheet);
    const wanted = new Set<number>();
    for (const r of refs.values()) wanted.add(key(r.row, r.col));
    reads.set(sheet, sheetXml(ctx, xml, wanted));
  }
  const sst = stringsOf(ctx, rels, folder, reads.values());
  const sheets = namedCells(
    located,
    (ref) => {
      const s = reads.get(ref.sheet)!;
      return cellOf(s.cells.get(key(ref.row, ref.col)), ref, s, styles, sst, book.date1904);
    },
    (sheet) => reads.get(sheet)!.protected,
  );
  return { sheets, sheetNames };
}

const EVERY_CELL = { has: () => true };

function rowsOf(bytes: Uint8Array, name: string): SheetRows | undefined {
  const { ctx, book, bookPath, folder } = openBook(bytes);
  const sheet = book.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase())?.name;
  if (sheet === undefined) return undefined;
  const rels = relationships(part(ctx, `${folder}_rels/${bookPath.slice(folder.length)}.rels`), folder);
  const styles = stylesXml(part(ctx, rels.byType.get("styles") ?? `${folder}styles.xml`));
  const s = sheetXml(ctx, sheetPart(ctx, book, rels, sheet), EVERY_CELL);
  const sst = stringsOf(ctx, rels, folder, [s]);
  const out: SheetRows = { rows: [], formulas: [] };
  // Map order is sheet order; a cell written twice keeps its last content, as Excel would read it.
  for (const [k, raw] of s.cells) {
    const row = Math.floor(k / 16384);
    const col = k % 16384;
    const ref: CellRef = { sheet, row, col, address: `${colLetters(col)}${row}` };
    const c = cellOf(raw, ref, s, styles, sst, book.date1904);
    if (c.formula !== undefined) out.formulas.push({ address: ref.address, formula: c.formula });
    if (c.value === null) continue;
    (out.rows[row - 1] ??= [])[col - 1] = c.value;
  }
  return out;
}

export { NameMap, parseRef };
