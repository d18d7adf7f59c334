// A short, stable hash of a text, in pure TypeScript (no Node crypto, no Web Crypto: the add-in, the command
// line and the tests compute the same value synchronously). Not a security measure: it binds a 核定 to the
// figures it was made on (src/review/steps/basis.ts), so that a changed figure is noticed. A unit cannot
// profit from a collision: a decision kept by one still gives the 考核组's own figure.

const BASE32 = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford's alphabet, lower case: no i, l, o, u

/** Two independent 32-bit lanes (murmur3's mixing over UTF-16 code units), 60 bits shown as 12 characters. */
export function shortHash(text: string): string {
  let h1 = 0x9e3779b9 ^ text.length;
  let h2 = 0x85ebca6b ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0xcc9e2d51);
    h1 = (h1 << 15) | (h1 >>> 17);
    h1 = Math.imul(h1, 0x1b873593) + 0xe6546b64;
    h2 = Math.imul(h2 ^ c, 0x2c1b3c6d);
    h2 = (h2 << 13) | (h2 >>> 19);
    h2 = Math.imul(h2, 0x297a2d39) + 0x85ebca77;
  }
  h1 = fmix(h1 ^ h2);
  h2 = fmix(h2 ^ h1);
  let out = "";
  // 6 characters of 5 bits from each lane's low 30 bits.
  for (const h of [h1, h2]) for (let k = 0; k < 6; k++) out += BASE32[(h >>> (5 * k)) & 31];
  return out;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
