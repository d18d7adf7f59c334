// Number formatting for Chinese explanations.

/** 1200 → "1,200". */
export function formatCount(n: number): string {
  // Hand-made: toLocaleString builds a new Intl formatter per call (~19 µs), too slow for the engine.
  const s = String(Math.round(Math.abs(n)));
  return (n < 0 ? "-" : "") + s.replace(/\B(?=(\d{3})+$)/g, ",");
}

/** 2.5 → "2.5", 10 → "10". */
export function formatPoints(n: number): string {
  return String(Number(n.toFixed(2)));
}

/**
 * A percent with one decimal, or more when one decimal would print the threshold for a value that is
 * not equal to it (19.99 must not read "20.0%，低于 20%"). Rounded as a person rounds the decimal figure
 * and as Excel's ROUND does (19.995 to two decimals is 20.00, so it prints 19.995), from the value cleaned
 * of binary noise to ten decimals: the template's native formulas print the same digits (percentText in
 * src/layout/compileFormula.ts).
 */
export function formatPercent(x: number, threshold: number, equal = x === threshold): string {
  const v = Number(x.toFixed(10));
  if (equal) return fixedDigits(v, 1);
  for (let d = 1; d <= 6; d++) if (roundedDigits(v, d) / 10 ** d !== threshold) return fixedDigits(v, d);
  return String(v);
}

/** v × 10^d rounded to a whole number, half away from zero, the product's binary noise removed first. */
function roundedDigits(v: number, d: number): number {
  return Math.round(Number((v * 10 ** d).toFixed(10 - d)));
}

/** v with exactly d decimals ("25.0"), from its rounded digits (v ≥ 0). */
function fixedDigits(v: number, d: number): string {
  const n = roundedDigits(v, d);
  return `${Math.floor(n / 10 ** d)}.${String(n).padStart(d, "0").slice(-d)}`;
}

/**
 * A moment written with its offset ("2026-12-07T18:30:00+00:00", as the 核定记录 and the 汇总 record it) as
 * the office reads it: Beijing time, saying so — "2026-12-08 02:30（北京时间）". The machine's own zone (UTC on
 * a server) never shows. Text that is not such a moment is returned as it is.
 */
export function beijingTime(iso: string): string {
  const t = Date.parse(iso);
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(iso) || Number.isNaN(t)) return iso;
  const b = new Date(t + 8 * 3600_000).toISOString();
  return `${b.slice(0, 10)} ${b.slice(11, 16)}（北京时间）`;
}
