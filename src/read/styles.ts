// styles.xml: per cell style (cellXfs index) the number format — a date format makes a number a date — and
// whether the cell is locked.
import type { Styles } from "./types";
import { attrs, bool, CLOSE, EOF, OPEN, type Scanner } from "./xml";

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

export function stylesXml(sc: Scanner | undefined): Styles {
  const custom = new Map<number, string>();
  const xfs: { numFmtId: number; locked: boolean }[] = [];
  if (!sc) return styleTable(custom, xfs);
  let inXfs = false;
  let current: (typeof xfs)[number] | undefined;
  for (let t = sc.next(); t !== EOF; t = sc.next()) {
    if (t === OPEN) {
      if (sc.name === "numFmt") {
        const a = attrs(sc.raw);
        custom.set(Number(a.numFmtId), a.formatCode ?? "");
      } else if (sc.name === "cellXfs") inXfs = !sc.selfClosing;
      else if (inXfs && sc.name === "xf") {
        current = { numFmtId: Number(attrs(sc.raw).numFmtId ?? 0), locked: true };
        xfs.push(current);
        if (sc.selfClosing) current = undefined;
      } else if (inXfs && current && sc.name === "protection") current.locked = bool(attrs(sc.raw).locked, true);
    } else if (t === CLOSE) {
      if (sc.name === "xf") current = undefined;
      else if (sc.name === "cellXfs") inXfs = false;
    }
  }
  return styleTable(custom, xfs);
}

/**
 * The styles from what styles.xml holds: the custom number formats by id and each cellXfs entry's format id and
 * lock. numFmts come before cellXfs in the schema, but are resolved after the pass in case a writer reorders them.
 */
export function styleTable(custom: ReadonlyMap<number, string>, xfs: readonly { numFmtId: number; locked: boolean }[]): Styles {
  return {
    xfs: xfs.map(({ numFmtId, locked }) => {
      const numFmt = custom.get(numFmtId) ?? BUILTIN_FORMATS[numFmtId] ?? "General";
      return { numFmt, locked, isDate: isDateFormat(numFmt) }; // once per style, not per cell
    }),
  };
}

/** A number format that shows a date or time (the test ExcelJS and most readers use). */
export function isDateFormat(fmt: string): boolean {
  if (!fmt || fmt === "General" || fmt === "@") return false;
  const f = fmt.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, "").replace(/\\./g, "");
  return /[ymdhMsb]/.test(f) || /[年月日时分秒]/.test(fmt);
}
