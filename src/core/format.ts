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
 * not equal to it (19.99 must not read "20.0%，低于 20%").
 */
export function formatPercent(x: number, threshold: number, equal = x === threshold): string {
  if (equal) return x.toFixed(1);
  for (let d = 1; d <= 6; d++) {
    const s = x.toFixed(d);
    if (Number(s) !== threshold) return s;
  }
  return String(x);
}
