// Small constructors that keep the yearly data files short and uniform.
import type { Clause, Condition, InputSpec, NotApplicableRule, RateRef } from "../types";

/** An indicator every unit of the kind is assessed on: no 不涉及 (see NotApplicableRule). */
export const NEVER: NotApplicableRule = Object.freeze({ allowed: false });

/** Counts above this are taken for typing errors (Hegang has ~10⁵ market entities). */
const MAX_COUNT = 10_000_000;

export function yesNo(id: string, label: string, hint?: string): InputSpec {
  return { id, label, type: "bool", hint };
}

export function count(id: string, label: string, unit: string, max = MAX_COUNT): InputSpec {
  return { id, label, type: "count", unit, min: 0, max };
}

export function percent(id: string, label: string, optional = true): InputSpec {
  return { id, label, type: "percent", unit: "%", min: 0, max: 100, optional };
}

export function date(id: string, label: string, year: number): InputSpec {
  return { id, label, type: "date", minDate: `${year}-01-01`, maxDate: `${year}-12-31` };
}

/** A rate's three inputs: the part, the whole, and an optional directly typed percent. */
export function rate(
  ref: Omit<RateRef, "zeroWhole"> & { zeroWhole?: RateRef["zeroWhole"] },
  labels: { part: string; whole: string; percent: string },
): { ref: RateRef; inputs: InputSpec[] } {
  const full: RateRef = { zeroWhole: "error", ...ref };
  return {
    ref: full,
    inputs: [
      count(ref.part, labels.part, ref.unit),
      count(ref.whole, labels.whole, ref.unit),
      percent(ref.percent, labels.percent),
    ],
  };
}

/** Input ids a condition reads, in order of first use. */
export function conditionInputs(c: Condition): string[] {
  switch (c.op) {
    case "no":
    case "yes":
    case "countBelow":
    case "countAbove":
    case "dateAfter":
      return [c.input];
    case "rateBelow":
    case "rateAbove":
      return [c.rate.part, c.rate.whole, c.rate.percent];
    case "shortfall":
      return [c.produced, c.done];
    case "aboveReference":
      return [c.uncorrected, c.input, c.reference];
    case "any":
      return [...new Set(c.of.flatMap(conditionInputs))];
  }
}

/** Split the seed's bracket "（平台调阅、文件、图片）" into evidence kinds. */
export function evidence(bracket: string): string[] {
  return bracket
    .replace(/^[（(]|[）)]$/g, "")
    .split(/[、，,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A clause decided by a shared measure (see measures.ts). */
export function measured(id: string, text: string, deduction: number, bracket: string, m: { inputs: InputSpec[]; condition: Condition }): Clause {
  return clause(id, text, deduction, bracket, m.inputs, m.condition);
}

export function clause(
  id: string,
  text: string,
  deduction: number,
  bracket: string,
  inputs: InputSpec[],
  condition: Condition,
): Clause {
  return { id, text, deduction, evidence: evidence(bracket), inputs, condition };
}
