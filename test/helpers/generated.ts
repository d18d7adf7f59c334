// Generated fillings for the property tests: a seeded generator, and the answers a unit might type
// (a share of them left blank), one per input of the catalog.
import type { indexOf } from "../../src/core/index";

/** A linear congruential generator: r() in [0, 1), pick(n) in 0…n-1; the same seed, the same sequence. */
export function seeded(seed: number): { r: () => number; pick: (n: number) => number } {
  let s = seed;
  const r = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  return { r, pick: (n: number) => Math.floor(r() * n) };
}

/** Answers for every input: 是/否, counts, rates, dates, text — each blank with probability `blanks`. */
export function randomAnswers(ix: ReturnType<typeof indexOf>, gen: ReturnType<typeof seeded>, blanks: number): Record<string, unknown> {
  const { r, pick } = gen;
  const values: Record<string, unknown> = {};
  for (const spec of ix.inputs) {
    if (r() < blanks) values[spec.id] = null;
    else if (spec.type === "bool") values[spec.id] = r() < 0.8 ? "是" : "否";
    else if (spec.type === "count") values[spec.id] = pick(2000);
    else if (spec.type === "percent") values[spec.id] = Math.round(r() * 10000) / 10000;
    else if (spec.type === "date") values[spec.id] = `2022-0${1 + pick(9)}-1${pick(9)}`;
    else values[spec.id] = "材料";
  }
  return values;
}
