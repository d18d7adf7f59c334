// A1 addresses: column letters ⇄ numbers (1-based), shared by every layout, reader and writer.

/** 1 → "A", 27 → "AA". */
export function colLetter(col: number): string {
  let s = "";
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** "A" → 1, "AA" → 27 (upper-case letters). */
export function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
