// Row heights of a layout so that wrapped text in (merged) cells is not cut off: Excel and LibreOffice do
// not grow a row for text in a merged cell, so the layout states the heights itself.
import { colNumber } from "../core/a1";
import type { CellStyle, StyleKey } from "./styles";

interface SizedCell {
  address: string;
  row: number;
  col: number;
  value?: unknown;
  formula?: string;
  cached?: unknown;
  style: StyleKey;
}

/** Display width of text in Excel column units: a CJK character is about two digits wide. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e80 ? 2 : 1.1;
  return w;
}

/**
 * Raises `heights` for rows from..to: single-row cells first, then merged blocks add what they still lack.
 * `widths` are column widths in characters (index 0 = column A).
 */
export function fitRowHeights(
  cells: SizedCell[],
  merges: string[],
  heights: Record<number, number>,
  from: number,
  to: number,
  widths: readonly number[],
  styles: Record<StyleKey, CellStyle>,
): void {
  const span = new Map<string, { rows: number; cols: number[] }>();
  for (const m of merges) {
    const [a, b] = m.split(":").map((x) => /^([A-Z]+)(\d+)$/.exec(x)!);
    const c1 = colNumber(a[1]);
    const c2 = colNumber(b[1]);
    span.set(`${a[1]}${a[2]}`, { rows: Number(b[2]) - Number(a[2]) + 1, cols: Array.from({ length: c2 - c1 + 1 }, (_, i) => c1 + i) });
  }
  const need: { row: number; rows: number; height: number }[] = [];
  for (const c of cells) {
    if (c.row < from || c.row > to) continue;
    const text = c.formula !== undefined ? c.cached : c.value;
    if (text === null || text === undefined || text === "") continue;
    const st = styles[c.style];
    const sp = span.get(c.address) ?? { rows: 1, cols: [c.col] };
    const width = sp.cols.reduce((s, k) => s + (widths[k - 1] ?? 8), 0) - 1;
    const lines = st.wrap ? String(text).split("\n").reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / Math.max(4, width))), 0) : 1;
    need.push({ row: c.row, rows: sp.rows, height: lines * (st.size ?? 11) * 1.3 + 4 });
  }
  const h = (r: number) => heights[r] ?? 16;
  need.sort((a, b) => a.rows - b.rows);
  for (const n of need) {
    let have = 0;
    for (let r = n.row; r < n.row + n.rows; r++) have += h(r);
    if (have >= n.height) continue;
    const add = (n.height - have) / n.rows;
    for (let r = n.row; r < n.row + n.rows; r++) heights[r] = Math.ceil(h(r) + add);
  }
}
