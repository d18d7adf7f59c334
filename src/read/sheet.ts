// A sheet: one pass over its XML for the cells asked for (every cell, or the named ones), the masters of
// shared formulas, row and column styles and the protection; then each cell's value as Excel shows it
// (shared string, inline string, boolean, error, date by its number format) and its formula.
import { cellCol, cellIndex, cellIndexAt, cellRow, colLetter, colNumber, MAX_COL } from "../core/a1";
import { isoTextToDate, serialToDate } from "../core/coerce";
import type { NamedCell } from "../core/filled";
import { type CellRef } from "./resolve";
import { checkTime, LimitError, LIMITS } from "./limits";
import { stringItem } from "./strings";
import type { Ctx, RawCell, SheetRead, Styles, Wanted } from "./types";
import { attrs, bool, CLOSE, decodeXstring, EOF, OPEN, scanPart, type Scanner } from "./xml";

/**
 * After the cells only <sheetProtection> is read; what follows (merges, formatting, validations with their
 * Chinese prompts: half the part) is not scanned. It is found by search, so its place does not matter, and
 * then reached element by element, so the word in a prompt, a comment or a CDATA section is passed over.
 */
function protectionAfterData(sc: Scanner): boolean {
  for (;;) {
    const at = sc.s.indexOf("sheetProtection", sc.pos);
    if (at < 0) return false;
    for (;;) {
      const t = sc.next();
      if (t === EOF) return false;
      if (t === OPEN && sc.name === "sheetProtection") return bool(attrs(sc.raw).sheet, false);
      if (sc.pos > at) break; // past the word without meeting the element: it stood in a value or a comment
    }
  }
}

const SHEET_DATA = [0x73, 0x68, 0x65, 0x65, 0x74, 0x44, 0x61, 0x74, 0x61]; // "sheetData"

/** Just past the ">" that follows the part's last "sheetData" (the part's end when there is none). */
function pastLastSheetData(d: Uint8Array): number {
  // By its "D" (a native search), then the letters around it.
  for (let D = d.lastIndexOf(0x44); D >= 5; D = D === 0 ? -1 : d.lastIndexOf(0x44, D - 1)) {
    const i = D - 5;
    let k = 0;
    while (k < SHEET_DATA.length && d[i + k] === SHEET_DATA[k]) k++;
    if (k < SHEET_DATA.length) continue;
    const gt = d.indexOf(0x3e /* > */, i + k);
    return gt < 0 ? d.length : gt + 1;
  }
  return d.length;
}

/**
 * A sheet part read for the wanted cells. The cells are scanned over the part's bytes up to the end of its
 * <sheetData> only, and what follows (merges, validations with their Chinese prompts: a quarter of a
 * template's sheet) is turned into text only for <sheetProtection>: Node makes a string of 128 KiB or more
 * about 40 times slower than one just under (a template's sheet is ~131 KB; measured 0.8 ms against 0.02 ms
 * a sheet, a fifth of a read). The last "sheetData" of the part ends the prefix, so the real end tag is in
 * it whatever the rest holds; a part whose cells do not end there (no end tag, or one before a later
 * "sheetData" in a prompt) is scanned whole, as before.
 */
export function sheetPart(ctx: Ctx, d: Uint8Array, wanted: Wanted): SheetRead {
  const cut = pastLastSheetData(d);
  if (cut < d.length) {
    const read = sheetXml(ctx, scanPart(d.subarray(0, cut), true), wanted, () => scanPart(d.subarray(cut), true));
    if (read) return read;
  }
  return sheetXml(ctx, scanPart(d, true), wanted)!;
}

/**
 * One pass over a sheet: the wanted cells, shared-formula masters, row/column styles, protection. `rest`: `sc`
 * holds the part only up to the end of its <sheetData> (sheetPart), and this is the remainder; undefined is
 * returned when the cells do not end exactly there (then the caller scans the whole part).
 */
export function sheetXml(ctx: Ctx, sc: Scanner, wanted: Wanted, rest?: () => Scanner): SheetRead | undefined {
  const read: SheetRead = { cells: new Map(), rowStyle: new Map(), colStyle: [], masters: new Map(), protected: false, decode: (w) => sc.decode(w) };
  const xml = sc.s;
  let row = 0;
  let col = 0;
  let count = 0;
  let sharedAt = -2;
  let refAt = -2;
  let masterAt = -2;
  /** The wanted cells whose formula's text is asked for (Wanted.formulas); undefined: every one. */
  const textless = wanted.formulas;
  /** Inside <sheetData>: only there are <row> and <c> a sheet's rows and cells (a "c" elsewhere is none). */
  let inData = false;
  /** After the cells: the protection, in the remainder when `sc` is the prefix; false when the prefix ends elsewhere. */
  const after = (): boolean => {
    if (!rest) {
      read.protected = protectionAfterData(sc);
      return true;
    }
    if (sc.pos !== xml.length) return false;
    read.protected = protectionAfterData(rest());
    return true;
  };
  for (let t = sc.next(); t !== EOF; t = sc.next()) {
    if (t === CLOSE && sc.name === "sheetData") {
      if (!after()) return undefined;
      return read;
    }
    if (t !== OPEN) continue;
    if (!inData) {
      if (sc.name === "col") {
        const a = attrs(sc.raw);
        if (a.style !== undefined) read.colStyle.push({ min: Number(a.min), max: Number(a.max), style: Number(a.style) });
      } else if (sc.name === "sheetData") {
        inData = true;
        if (sc.selfClosing) return after() ? read : undefined;
      }
      continue;
    }
    switch (sc.name) {
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
        const at = r !== undefined ? cellIndex(r) : -1;
        if (at >= 0) {
          row = cellRow(at);
          col = cellCol(at);
        } else col++;
        const k = cellIndexAt(row, col);
        if (sc.selfClosing && !wanted.has(k)) break;
        if (sc.selfClosing && wanted.contentOnly) {
          // Empty: no value, no formula. Written over an earlier cell at the same place, it leaves it empty.
          read.cells.delete(k);
          break;
        }
        if (!wanted.has(k)) {
          // Not a named cell: jump over it, unless it may be the master of a shared formula.
          const past = sc.pastEndTag(sc.qname, sc.pos);
          // The next "shared" in the part, searched again only once passed: one linear pass in all. A numeric
          // reference ("sh&#97;red") may spell it too: a cell holding one is read whole as well. A master also
          // carries the group's range in a "ref" attribute, a name no reference can spell: a cell without the
          // word is at most a child (a 双公示台账 has 16,000 of them in its hidden columns), jumped over.
          if (sharedAt !== -1 && sharedAt < sc.pos) sharedAt = xml.indexOf("shared", sc.pos);
          if (masterAt !== -1 && masterAt < sc.pos) masterAt = xml.indexOf("ref", sc.pos);
          if (refAt !== -1 && refAt < sc.pos) refAt = xml.indexOf("&#", sc.pos);
          const may = (at: number) => at >= 0 && (past < 0 || at < past);
          if (!(may(sharedAt) && may(masterAt)) && !may(refAt)) {
            sc.pos = past < 0 ? xml.length : past;
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
              cell.hasF = true;
              if (textless && !textless.has(k) && sc.raw.indexOf("ref") < 0) {
                // A formula whose text nobody reads, and no master (no "ref" attribute, a name no reference can
                // spell): only its length is bounded, as any formula's.
                if (sc.textRaw().length > 6 * LIMITS.string) throw new LimitError(`公式超过 ${LIMITS.string} 个字符`);
                continue;
              }
              const fa = attrs(sc.raw);
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
      default:
    }
  }
  // The part ended before </sheetData> (or had none): with the prefix only, the rest may hold more cells.
  return rest ? undefined : read;
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
    const c = colNumber(letters);
    if (c > MAX_COL) return all;
    const col = cAbs ? c : c + dc;
    const row = rAbs ? Number(digits) : Number(digits) + dr;
    if (col < 1 || row < 1) return "#REF!";
    return `${cAbs}${colLetter(col)}${rAbs}${row}`;
  });
}

/** `withFormula` false: the value only, the formula's text neither decoded nor (for a shared one) moved into place. */
export function cellOf(raw: RawCell | undefined, ref: CellRef, sheet: SheetRead, styles: Styles, sst: Map<number, string>, date1904: boolean, withFormula = true): Omit<NamedCell, "address"> {
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
      // The date it shows, whatever offset its writer added (isoTextToDate); text that is no date stays text.
      value = v === undefined || v.trim() === "" ? null : (isoTextToDate(v) ?? v);
      break;
    }
    default: {
      const n = v === undefined || v.trim() === "" ? NaN : Number(v);
      value = Number.isFinite(n) ? (xf?.isDate ? serialToDate(n, date1904) : n) : v === undefined || v.trim() === "" ? null : v;
    }
  }
  if (!raw.hasF || !withFormula) return { value, formula: undefined, locked, numFmt };
  const shared = raw.fShared !== undefined && !raw.f ? sheet.masters.get(raw.fShared) : undefined;
  const written = shared ? shared.formula : raw.fShared !== undefined && !raw.f ? "" : (raw.f ?? "");
  // Decoded here, not when first read: an accessor per cell (tried) made a cold 1,000-file run 30 % slower
  // and its peak memory 30 MB higher than the decoding it saved.
  const f = sheet.decode(written);
  return { value, formula: shared ? shiftFormula(f, ref.row - shared.row, ref.col - shared.col) : f, locked, numFmt };
}
