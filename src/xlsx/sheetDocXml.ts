// The cells of a large SheetDoc written as XML directly, the rest by ExcelJS: a 20,000-row 核定表 cost ExcelJS about
// 3 s (a cell object per cell, its XML built through a stream of small strings, then JSZip's JavaScript UTF-8
// encoder, CRC and deflate over 12 MB); the same bytes are made here in a few hundred milliseconds.
//
// How: ExcelJS writes the workbook of a *skeleton* of each document — every setting (columns, freeze, filter,
// merges, validations, print set-up, header and footer, the styles table, theme, workbook, relationships) and
// only the rows where a cell meets a style for the first time (ExcelJS numbers its styles in that order, so its
// styles.xml is the whole document's) and those of merges. Then every row of every document is rendered here
// exactly as ExcelJS renders it (node_modules/exceljs/lib/xlsx/xform/sheet/row-xform.js, cell-xform.js: the same
// attributes in the same order, the same escaping, a merged cell carrying its master's style, strings shared in
// the order ExcelJS adds them), the style of each cell looked up in the skeleton's own cells, and put in place of
// the skeleton's <sheetData> with the <dimension> ExcelJS would compute; the shared-string table is made anew and
// the parts are zipped again (Node's zlib where there is one: JSZip's deflate and CRC are JavaScript).
// test/xlsx/sheetDocXml.test.ts holds the parts to ExcelJS's own, byte for byte.
//
// Only for documents of constants (no formula, no date: those rows would need ExcelJS's own formula and date
// handling) whose merges start on a cell of the document; any other document is written by ExcelJS alone.
import { unzipSync, deflateSync } from "fflate";
import { colLetter } from "../core/a1";
import type { DocCell, SheetDoc } from "../layout/sheetDoc";

/** The key of a cell's ExcelJS style object (writeSheetDoc's styleOf): cells of one key share one style id. */
export type StyleKeyOf = (doc: SheetDoc, c: DocCell) => string;

/** Whether the document can be written here: constants only, every merge starting on a cell of the document. */
export function directlyWritable(doc: SheetDoc): boolean {
  if (doc.filledDown?.length) return false;
  for (const row of doc.rows) {
    if (!row) continue;
    for (const c of row) if (c && (c.f !== undefined || (c.v as unknown) instanceof Date || (c.v !== null && c.v !== undefined && typeof c.v !== "string" && typeof c.v !== "number" && typeof c.v !== "boolean"))) return false;
  }
  return doc.merges.every((m) => doc.rows[m.r1]?.[m.c1] !== undefined);
}

/** Cells covered by a merge (not its top-left): 0-based row → column → the master's [row, column]. */
function coveredCells(doc: SheetDoc): Map<number, Map<number, [number, number]>> {
  const out = new Map<number, Map<number, [number, number]>>();
  for (const m of doc.merges) {
    for (let r = m.r1; r <= m.r2; r++) {
      for (let c = m.c1; c <= m.c2; c++) {
        if (r === m.r1 && c === m.c1) continue;
        let row = out.get(r);
        if (!row) out.set(r, (row = new Map()));
        row.set(c, [m.r1, m.c1]);
      }
    }
  }
  return out;
}

/** One document's rows as ExcelJS meets them: cell columns (0-based) in order, covered cells included. */
interface Plan {
  doc: SheetDoc;
  covered: Map<number, Map<number, [number, number]>>;
  lastRow: number;
}

function planOf(doc: SheetDoc): Plan {
  const covered = coveredCells(doc);
  let lastRow = doc.rows.length - 1;
  for (const r of doc.heights.keys()) lastRow = Math.max(lastRow, r);
  for (const r of doc.hiddenRows) lastRow = Math.max(lastRow, r);
  for (const r of covered.keys()) lastRow = Math.max(lastRow, r);
  return { doc, covered, lastRow };
}

/**
 * The skeleton of each document (rows left out where nothing outside the cells depends on them) and, per
 * document, the address of the first cell of each style key (where its id is read back from ExcelJS's XML).
 */
export function skeletonOf(docs: readonly SheetDoc[], keyOf: StyleKeyOf): { skeletons: SheetDoc[]; firstOfKey: Map<string, string>[] } {
  const skeletons: SheetDoc[] = [];
  const firstOfKey: Map<string, string>[] = [];
  let anyString = false;
  for (const doc of docs) {
    const p = planOf(doc);
    const keep = new Set<number>();
    const first = new Map<string, string>();
    const seen = new ByStyle<true>();
    let firstString = -1;
    for (let r = 0; r <= p.lastRow; r++) {
      const row = doc.rows[r];
      const cov = p.covered.get(r);
      const width = Math.max(row?.length ?? 0, cov ? Math.max(...cov.keys()) + 1 : 0);
      for (let c = 0; c < width; c++) {
        const cell = row?.[c];
        const isCovered = cov?.has(c) ?? false;
        if (!cell && !isCovered) continue;
        // A covered cell takes its master's style (ExcelJS's Cell.merge): it meets no style of its own.
        if (cell && !isCovered) {
          if (!seen.has(cell)) seen.get(cell, () => {
            const k = keyOf(doc, cell);
            if (!first.has(k)) {
              first.set(k, `${colLetter(c + 1)}${r + 1}`);
              keep.add(r);
            }
            return true;
          });
          if (firstString < 0 && typeof cell.v === "string") firstString = r;
        }
      }
    }
    for (const m of doc.merges) for (let r = m.r1; r <= m.r2; r++) keep.add(r);
    // ExcelJS writes sharedStrings.xml (and its relationship) only for a workbook with strings.
    if (firstString >= 0 && !anyString) keep.add(firstString);
    anyString ||= firstString >= 0;
    const rows: (DocCell | undefined)[][] = [];
    for (const r of keep) if (doc.rows[r]) rows[r] = doc.rows[r];
    skeletons.push({
      ...doc,
      rows,
      heights: new Map([...doc.heights].filter(([r]) => keep.has(r))),
      hiddenRows: doc.hiddenRows.filter((r) => keep.has(r)),
    });
    firstOfKey.push(first);
  }
  return { skeletons, firstOfKey };
}

// eslint-disable-next-line no-control-regex -- the control characters ExcelJS drops, as its own regex lists them
const XML_SPECIAL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/;

/** ExcelJS's xmlEncode (lib/utils/utils.js): the five entities, control characters dropped. */
export function xmlEncode(text: string): string {
  const m = XML_SPECIAL.exec(text);
  if (!m) return text;
  let out = "";
  let last = 0;
  let i = m.index;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let escape: string;
    switch (code) {
      case 34:
        escape = "&quot;";
        break;
      case 38:
        escape = "&amp;";
        break;
      case 39:
        escape = "&apos;";
        break;
      case 60:
        escape = "&lt;";
        break;
      case 62:
        escape = "&gt;";
        break;
      case 127:
        escape = "";
        break;
      default:
        if (code <= 31 && (code <= 8 || (code >= 11 && code !== 13))) {
          escape = "";
          break;
        }
        continue;
    }
    if (last !== i) out += text.substring(last, i);
    last = i + 1;
    out += escape;
  }
  return last !== i ? out + text.substring(last, i) : out;
}

/** The shared strings of a workbook, in the order ExcelJS adds them (every string cell counts). */
class Strings {
  readonly index = new Map<string, number>();
  readonly values: string[] = [];
  count = 0;
  add(s: string): number {
    this.count++;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.values.length;
      this.index.set(s, i);
      this.values.push(s);
    }
    return i;
  }
  xml(): string {
    const parts = [`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.count}" uniqueCount="${this.values.length}">`];
    for (const s of this.values) parts.push(/^\s|\n|\s$/.test(s) ? `<si><t xml:space="preserve">${xmlEncode(s)}</t></si>` : `<si><t>${xmlEncode(s)}</t></si>`);
    parts.push("</sst>");
    return parts.join("");
  }
}

/** The style id ExcelJS gave each cell of its sheet XML, by address (absent: 0). */
function styleIdsOf(sheetData: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of sheetData.matchAll(/<c r="([A-Z]+\d+)"(?: s="(\d+)")?/g)) out.set(m[1], m[2] ? Number(m[2]) : 0);
  return out;
}

/**
 * A cell's style fields → a value, without a key string per cell (340,000 cells in a 1,000-unit 核定表): the key
 * is made once per distinct style (no date is written here, and a document's protection is one for all cells).
 */
class ByStyle<V> {
  private readonly map = new Map<string, Map<string | undefined, Map<boolean | undefined, V>>>();
  /** Whether a cell of this style was met. */
  has(c: DocCell): boolean {
    return this.map.get(c.s)?.get(c.numFmt)?.has(c.locked) ?? false;
  }
  /** The value of the cell's style, made once (by `make(c)`) for the first cell of that style. */
  get(c: DocCell, make: (c: DocCell) => V): V {
    let byFormat = this.map.get(c.s);
    if (!byFormat) this.map.set(c.s, (byFormat = new Map()));
    let byLock = byFormat.get(c.numFmt);
    if (!byLock) byFormat.set(c.numFmt, (byLock = new Map()));
    let v = byLock.get(c.locked);
    if (v === undefined) byLock.set(c.locked, (v = make(c)));
    return v;
  }
}

/** One document's <sheetData> as ExcelJS renders it (row-xform.js, cell-xform.js), the strings added to `sst`. */
function sheetDataXml(doc: SheetDoc, keyOf: StyleKeyOf, idOfKey: (k: string) => number, sst: Strings): { xml: string; dimension: string } {
  const p = planOf(doc);
  const ids = new ByStyle<number>();
  const make = (c: DocCell) => idOfKey(keyOf(doc, c));
  const idOf = (c: DocCell): number => ids.get(c, make);
  const letters: string[] = [];
  const letter = (c: number) => letters[c] ?? (letters[c] = colLetter(c + 1));
  const hidden = new Set(doc.hiddenRows);
  const out: string[] = ["<sheetData>"];
  const dimension = new Dimension();
  for (let r = 0; r <= p.lastRow; r++) {
    const n = r + 1;
    const height = doc.heights.get(r);
    const cov = p.covered.get(r);
    const row = doc.rows[r];
    let cellsXml = "";
    let first = -1;
    let last = -1;
    const width = Math.max(row?.length ?? 0, cov ? Math.max(...cov.keys()) + 1 : 0);
    for (let c = 0; c < width; c++) {
      const cell = row?.[c];
      const master = cov?.get(c);
      if (!cell && !master) continue;
      if (first < 0) first = c;
      last = c;
      if (master) {
        // A covered cell: its master's style (ExcelJS's Cell.merge), no value.
        const m = doc.rows[master[0]]?.[master[1]];
        const s = m ? idOf(m) : 0;
        cellsXml += s ? `<c r="${letter(c)}${n}" s="${s}"/>` : `<c r="${letter(c)}${n}"/>`;
        continue;
      }
      const s = idOf(cell!);
      const v = cell!.v;
      if (v === undefined || v === null) {
        if (s) cellsXml += `<c r="${letter(c)}${n}" s="${s}"/>`;
        continue;
      }
      const head = s ? `<c r="${letter(c)}${n}" s="${s}"` : `<c r="${letter(c)}${n}"`;
      if (typeof v === "string") cellsXml += `${head} t="s"><v>${sst.add(v)}</v></c>`;
      else if (typeof v === "boolean") cellsXml += `${head} t="b"><v>${v ? "1" : "0"}</v></c>`;
      else cellsXml += `${head}><v>${xmlEncode(String(v))}</v></c>`;
    }
    if (!height && first < 0) continue;
    let open = `<row r="${n}"`;
    if (height) open += ` ht="${height}" customHeight="1"`;
    if (hidden.has(r)) open += ` hidden="1"`;
    if (first >= 0) open += ` spans="${first + 1}:${last + 1}"`;
    out.push(first >= 0 ? `${open} x14ac:dyDescent="0.25">${cellsXml}</row>` : `${open} x14ac:dyDescent="0.25"/>`);
    dimension.expand(n, first + 1, n, last + 1);
  }
  out.push("</sheetData>");
  return { xml: out.join(""), dimension: dimension.ref() };
}

/**
 * The sheet's <dimension> as ExcelJS makes it (doc/worksheet.js model, doc/range.js expand): every written row
 * expands it, a row without cells by column 0 — which, as ExcelJS has it, moves the left edge back to the next
 * row's first cell (a field of 0 counts as unset, and reads as 1).
 */
class Dimension {
  private top = 0;
  private left = 0;
  private bottom = 0;
  private right = 0;
  expand(top: number, left: number, bottom: number, right: number): void {
    if (!this.top || top < (this.top || 1)) this.top = top;
    if (!this.left || left < (this.left || 1)) this.left = left;
    if (!this.bottom || bottom > (this.bottom || 1)) this.bottom = bottom;
    if (!this.right || right > (this.right || 1)) this.right = right;
  }
  ref(): string {
    return `${colLetter(this.left || 1)}${this.top || 1}:${colLetter(this.right || 1)}${this.bottom || 1}`;
  }
}

interface Zlib {
  deflateRawSync(data: Uint8Array, opts: { level: number }): Uint8Array;
  crc32?(data: Uint8Array): number;
}
const nodeZlib = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.("node:zlib") as Zlib | undefined;

let CRC_TABLE: Uint32Array | undefined;
function crc32(data: Uint8Array): number {
  if (nodeZlib?.crc32) return nodeZlib.crc32(data) >>> 0;
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * A zip of the parts in the order given (deflated at level 1, as writeSheetDoc asks of ExcelJS; Node's zlib
 * where the runtime offers it, fflate otherwise), folders as entries of their own as JSZip writes them.
 */
export function zipOf(parts: readonly { name: string; data: Uint8Array }[]): Uint8Array {
  const enc = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  // DOS time and date of now (the zip's own field; no reader of ours looks at it).
  const d = new Date();
  const time = (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1);
  const date = ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate();
  for (const part of parts) {
    const name = enc.encode(part.name);
    const folder = part.name.endsWith("/");
    const data = folder ? new Uint8Array(0) : nodeZlib ? nodeZlib.deflateRawSync(part.data, { level: 1 }) : deflateSync(part.data, { level: 1 });
    const crc = folder ? 0 : crc32(part.data);
    const method = folder ? 0 : 8;
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x0800, true); // UTF-8 names
    lv.setUint16(8, method, true);
    lv.setUint16(10, time, true);
    lv.setUint16(12, date, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, folder ? 0 : part.data.length, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const entry = new Uint8Array(46 + name.length);
    const cv = new DataView(entry.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x0800, true);
    cv.setUint16(10, method, true);
    cv.setUint16(12, time, true);
    cv.setUint16(14, date, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, folder ? 0 : part.data.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(38, folder ? 0x10 : 0, true); // external attributes: MS-DOS folder bit
    cv.setUint32(42, offset, true);
    entry.set(name, 46);
    chunks.push(local, data);
    central.push(entry);
    offset += local.length + data.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, parts.length, true);
  ev.setUint16(10, parts.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + cdSize + 22);
  let at = 0;
  for (const c of [...chunks, ...central, end]) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The workbook of `docs` from ExcelJS's bytes of their skeletons (skeletonOf, written without compression) —
 * every document's <sheetData> rendered here, the shared strings made anew — as zip bytes.
 */
export function completeWorkbook(skeletonBytes: Uint8Array, docs: readonly SheetDoc[], keyOf: StyleKeyOf, firstOfKey: readonly Map<string, string>[]): Uint8Array {
  const files = unzipSync(skeletonBytes);
  const dec = new TextDecoder();
  const enc = new TextEncoder();
  const sst = new Strings();
  const replaced = new Map<string, Uint8Array>();
  docs.forEach((doc, i) => {
    const name = `xl/worksheets/sheet${i + 1}.xml`;
    const xml = dec.decode(files[name]);
    const start = xml.indexOf("<sheetData");
    const close = xml.indexOf("</sheetData>", start);
    const end = close >= 0 ? close + "</sheetData>".length : xml.indexOf("/>", start) + 2;
    const ids = styleIdsOf(xml.slice(start, end));
    const idOfKey = (k: string) => ids.get(firstOfKey[i].get(k) ?? "") ?? 0;
    const data = sheetDataXml(doc, keyOf, idOfKey, sst);
    const head = xml.slice(0, start).replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="${data.dimension}"/>`);
    // Encoded apart: the cells are ASCII (their text is in the shared strings), the rest holds Chinese prompts.
    replaced.set(name, concat([enc.encode(head), enc.encode(data.xml), enc.encode(xml.slice(end))]));
  });
  if (sst.count) replaced.set("xl/sharedStrings.xml", enc.encode(sst.xml()));
  return zipOf(Object.keys(files).map((name) => ({ name, data: replaced.get(name) ?? files[name] })));
}
