// The scripted year of issue 18 (item 5): 8 县区 + 42 市直部门 return their sheets, 5 市直部门 claim 不涉及 on an
// indicator the list allows it for, and the 考核组 改判 10 % of the clauses — the same decisions whichever way
// they are recorded (the pane's bulk 记录核定 on the fake Excel, or the command line's filled 核定表), so that
// the two 汇总 can be compared cell by cell.
import { getCatalog, indexOf, unitsOf, type UnitKind } from "../../src/core/index";
import type { Fill } from "../review/helpers";

export interface ScriptedUnit {
  unit: string;
  kind: UnitKind;
  fill: Fill;
}

/** The five 不涉及 claims: unit → indicator (each allowed by the 2022 list). */
export const SCRIPTED_CLAIMS: readonly [unit: string, indicator: string][] = [
  ["市教育局", "department.3.3"],
  ["市民政局", "department.1.5"],
  ["市司法局", "department.2.1"],
  ["市财政局", "department.4.1"],
  ["市体育局", "department.2.4"],
];

/** Every member unit of 2022 with what it returns: perfect answers, some varied, the five claims. */
export function scriptedUnits(): ScriptedUnit[] {
  const u = unitsOf(2022);
  const claims = new Map(SCRIPTED_CLAIMS);
  return [
    ...u.county.map((unit, i): ScriptedUnit => ({ unit, kind: "county", fill: { values: i % 3 === 1 ? { meetingsHeld: 0 } : {} } })),
    ...u.department.map((unit, i): ScriptedUnit => ({ unit, kind: "department", fill: { values: i % 4 === 2 ? { sevenIntoKinds: 1 } : {}, notApplicable: claims.has(unit) ? [claims.get(unit)!] : [] } })),
  ];
}

export interface ScriptedDecision {
  choice: "同意自评" | "改判";
  deduction?: number;
  reason?: string;
}

/** Clause ids in the order the year is decided: units in member-list order, clauses in catalog order. */
export function scriptedClauses(): { unit: string; kind: UnitKind; clauseId: string; points: number }[] {
  return scriptedUnits().flatMap(({ unit, kind }) => [...indexOf(getCatalog(2022, kind)).clauses.values()].map((e) => ({ unit, kind, clauseId: e.clause.id, points: e.clause.deduction })));
}

/**
 * The 考核组's decision on a clause, by `${unit}\u0000${clauseId}`: every tenth clause of the year 改判 (half its
 * points, with a reason), the rest 同意自评 — a 不涉及 claim always 同意自评 (the claim confirmed).
 */
export function scriptedDecisions(): Map<string, ScriptedDecision> {
  const claims = new Set(SCRIPTED_CLAIMS.map(([u, ind]) => `${u}\u0000${ind}.`));
  const out = new Map<string, ScriptedDecision>();
  scriptedClauses().forEach((c, i) => {
    const claim = [...claims].some((k) => `${c.unit}\u0000${c.clauseId}`.startsWith(k));
    out.set(`${c.unit}\u0000${c.clauseId}`, i % 10 === 9 && !claim ? { choice: "改判", deduction: c.points / 2, reason: `经核实酌情扣 ${c.points / 2} 分` } : { choice: "同意自评" });
  });
  return out;
}

export const REVIEWERS = ["张三", "李四"] as const;
