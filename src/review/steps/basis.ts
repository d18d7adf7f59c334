// The basis of a clause's 核定: what the 考核组 decides on — the clause's inputs as the engine coerces them,
// whether its indicator is claimed 不涉及, and the 佐证材料 the unit listed — and its fingerprint, a short
// hash of those (core/hash.ts) that binds a decision to the figures it was made on. A 核定 whose
// fingerprint differs from the unit's current one is 需重新核定: never applied (steps/verify.ts).
//
// The fingerprint is the same whichever reader gave the cells (the bounded xlsx reader, Office.js): values
// are taken as the engine coerces them (a date typed as text, a serial or a date cell is one ISO date; a
// percent is its points; spaces and full-width digits do not count), the 佐证材料 as trimmed text.
import { coerce, isBlank, trimSpaces, typedValue } from "../../core/index";
import { shortHash } from "../../core/hash";
import type { ClauseInSheet } from "../types";

export interface ClauseBasis {
  /** The clause's indicator is claimed 不涉及 (and the claim is scored). */
  notApplicable: boolean;
  /** 已附佐证材料 as typed ("" when blank). */
  evidence: string;
  /** 备注 as typed ("" when blank). */
  remark: string;
  /** The fingerprint of the basis (12 characters). */
  fingerprint: string;
}

/** A typed cell's value as text: dates as ISO dates, numbers as written, Excel errors as their code. */
function asText(raw: unknown): string {
  if (isBlank(raw)) return "";
  const v = typedValue(raw);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  return trimSpaces(String(v));
}

export function clauseBasis({ clause, typed, values, notApplicable }: ClauseInSheet): ClauseBasis {
  const inputs = clause.inputs.map((spec) => {
    const raw = values[spec.id];
    const c = coerce(spec, raw);
    // An unusable value is bound by what was typed (its reason's wording may change between versions).
    return [spec.id, c.state === "ok" ? c.value : c.state === "missing" ? null : { typed: asText(raw) }];
  });
  const evidence = asText(typed.evidence?.value);
  const remark = asText(typed.remark?.value);
  const fingerprint = shortHash(JSON.stringify([clause.id, notApplicable ? 1 : 0, inputs, evidence]));
  return { notApplicable, evidence, remark, fingerprint };
}
