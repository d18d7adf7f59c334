// Deterministic random answers for the benches, so runs are comparable.
import type { InputSpec } from "../src/core/index";

/** A linear congruential generator in [0, 1). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** What a unit might type into an input: mostly plausible values, some blanks (null), as real returns have. */
export function randomValue(spec: InputSpec, r: () => number): unknown {
  if (r() < 0.05) return null;
  switch (spec.type) {
    case "bool":
      return r() < 0.8 ? "是" : "否";
    case "count":
      return Math.floor(r() * Math.min(spec.max ?? 20000, 20000));
    case "percent":
      return r() < 0.5 ? null : Math.round(r() * 10000) / 10000;
    case "date":
      return `2022-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`;
    case "text":
      return "材料";
  }
}
