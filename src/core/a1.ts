// A1 addresses, the one converter every layout, reader and writer uses: column letters ⇄ numbers (1-based)
// and a cell address ("F12", "$F$12") to its row and column.

/** Columns and rows of a sheet (Excel 2007 and later: XFD1048576). */
export const MAX_COL = 16384;
export const MAX_ROW = 1048576;

/** 1 → "A", 27 → "AA". */
export function colLetter(col: number): string {
  let s = "";
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** "A" → 1, "AA" → 27; either case, as Excel reads them ("xfd" → 16384). Letters only. */
export function colNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + ((letters.charCodeAt(i) | 0x20) - 96);
  return n;
}

/**
 * "F12" or "$F$12" (either case) → one number for the row and column (no object: the reader parses the
 * address of every cell of a sheet); -1 when it is not one cell within the sheet's bounds. cellRow and cellCol
 * take it apart.
 */
export function cellIndex(a1: string): number {
  let c = 0;
  let i = 0;
  if (a1.charCodeAt(0) === 36 /* $ */) i++;
  const c0 = i;
  for (; i < a1.length; i++) {
    const ch = a1.charCodeAt(i) | 0x20;
    if (ch < 97 || ch > 122) break;
    c = c * 26 + (ch - 96);
  }
  if (i === c0 || i - c0 > 3) return -1;
  if (a1.charCodeAt(i) === 36) i++;
  let row = 0;
  const d0 = i;
  for (; i < a1.length; i++) {
    const ch = a1.charCodeAt(i);
    if (ch < 48 || ch > 57) return -1;
    row = row * 10 + (ch - 48);
    if (row > MAX_ROW) return -1;
  }
  if (i === d0 || c < 1 || c > MAX_COL || row < 1) return -1;
  return cellIndexAt(row, c);
}

/** The cellIndex of a row and column. */
export const cellIndexAt = (row: number, col: number): number => row * MAX_COL + col - 1;

/** The row and column of a cellIndex. */
export const cellRow = (index: number): number => Math.floor(index / MAX_COL);
export const cellCol = (index: number): number => (index % MAX_COL) + 1;
