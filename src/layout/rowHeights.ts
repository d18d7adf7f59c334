// Row heights of a layout so that wrapped text in (merged) cells is not cut off: Excel and LibreOffice do
// not grow a row for text in a merged cell, so the layout states the heights itself.
import { cellIndexAt, colNumber } from "../core/a1";
import type { CellStyle, StyleKey } from "./styles";

interface SizedCell {
  /** "F12" (the cell is found by row and column). */
  address?: string;
  row: number;
  col: number;
  value?: unknown;
  formula?: string;
  cached?: unknown;
  style: StyleKey;
}

/** Display width of text in Excel column units: a CJK character is about two digits wide (a surrogate pair is one character). */
function textWidth(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < s.length) {
      const low = s.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) i++;
    }
    w += code > 0x2e80 ? 2 : 1.1;
  }
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
  // Merged blocks by their top-left cell's row and column.
  const span = new Map<number, { rows: number; cols: number[] }>();
  for (const m of merges) {
    const [a, b] = m.split(":").map((x) => /^([A-Z]+)(\d+)$/.exec(x)!);
    const c1 = colNumber(a[1]);
    const c2 = colNumber(b[1]);
    span.set(cellIndexAt(Number(a[2]), c1), { rows: Number(b[2]) - Number(a[2]) + 1, cols: Array.from({ length: c2 - c1 + 1 }, (_, i) => c1 + i) });
  }
  const fit = heightFitter(span, widths, styles);
  for (const c of cells) {
    if (c.row < from || c.row > to) continue;
    fit.cell(c.row, c.col, c.formula !== undefined ? c.cached : c.value, c.style);
  }
  fit.apply(heights);
}

/**
 * The rule of fitRowHeights, fed one cell at a time (rows in order, each row's cells left to right): a
 * 20,000-row 核定表 is measured without an object per cell (sheetDoc.ts fitDocHeights).
 * `span`: merged blocks by the cellIndexAt of their top-left cell.
 */
export function heightFitter(span: ReadonlyMap<number, { rows: number; cols: number[] }>, widths: readonly number[], styles: Record<StyleKey, CellStyle>) {
  // What each cell needs, in the order met; single-row cells are applied before merged blocks (fewest rows
  // first, in the order met: the stable sort by rows this replaced, without sorting every cell).
  const single: { row: number; height: number }[] = [];
  const blocks: { row: number; rows: number; height: number }[] = [];
  // Lines of a text at a width, counted once per text and width: a 核定表 repeats each clause's text for every unit.
  const linesAt = new Map<number, Map<string, number>>();
  return {
    cell(row: number, col: number, text: unknown, style: StyleKey): void {
      if (text === null || text === undefined || text === "") return;
      const st = styles[style];
      const sp = span.get(cellIndexAt(row, col));
      const width = (sp ? sp.cols.reduce((s, k) => s + (widths[k - 1] ?? 8), 0) : (widths[col - 1] ?? 8)) - 1;
      let lines = 1;
      if (st.wrap) {
        const str = String(text);
        let known = linesAt.get(width);
        if (!known) linesAt.set(width, (known = new Map()));
        const n = known.get(str);
        if (n !== undefined) lines = n;
        else known.set(str, (lines = str.split("\n").reduce((k, line) => k + Math.max(1, Math.ceil(textWidth(line) / Math.max(4, width))), 0)));
      }
      const height = lines * (st.size ?? 11) * 1.3 + 4;
      if (sp && sp.rows !== 1) blocks.push({ row, rows: sp.rows, height });
      else single.push({ row, height });
    },
    apply(heights: Record<number, number>): void {
      const h = (r: number) => heights[r] ?? 16;
      for (const n of single) {
        const have = h(n.row);
        if (have >= n.height) continue;
        heights[n.row] = Math.ceil(have + (n.height - have));
      }
      blocks.sort((a, b) => a.rows - b.rows);
      for (const n of blocks) {
        let have = 0;
        for (let r = n.row; r < n.row + n.rows; r++) have += h(r);
        if (have >= n.height) continue;
        const add = (n.height - have) / n.rows;
        for (let r = n.row; r < n.row + n.rows; r++) heights[r] = Math.ceil(h(r) + add);
      }
    },
  };
}
