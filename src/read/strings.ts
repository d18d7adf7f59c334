// Strings: an <si> of the shared-string table or a cell's inline <is> (plain text or rich-text runs), and the
// table itself, read only as far as the cells that were read need.
import { checkTime, LimitError, LIMITS } from "./limits";
import type { Ctx } from "./types";
import { CLOSE, decodeXstring, EOF, OPEN, type Scanner } from "./xml";

/** Text of an <si> or <is>: its <t>, or its runs' <t>s; phonetic runs (<rPh>) are not part of the value. */
export function stringItem(sc: Scanner, end: string): string {
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
export function sharedStrings(ctx: Ctx, sc: Scanner | undefined, wanted: Set<number>): Map<number, string> {
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
      const past = sc.pastEndTag(sc.qname, sc.pos);
      sc.pos = past < 0 ? sc.s.length : past;
    }
    if (index >= last) break;
  }
  return out;
}
