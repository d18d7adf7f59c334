// A1 addresses of the template layout: column letters ⇄ numbers (1-based), "F12" from row and column.

export function colLetter(col: number): string {
  let s = "";
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

export function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

export const addr = (row: number, col: number) => `${colLetter(col)}${row}`;
