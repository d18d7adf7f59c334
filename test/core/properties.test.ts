// Properties that must hold for any answers a unit could type, sensible or not.
import fc from "fast-check";
import { allIndicators, getCatalog, indexOf, score, type InputSpec, type UnitKind } from "../../src/core/index";

/** Anything a cell could hold for an input: good values of its type and junk. */
function rawValue(spec: InputSpec): fc.Arbitrary<unknown> {
  const junk = fc.oneof(
    fc.constant(undefined),
    fc.constant(""),
    fc.constant("　"),
    fc.string({ maxLength: 6 }),
    fc.double({ noNaN: false }),
    fc.boolean(),
    fc.constant("#N/A"),
    fc.constant({ error: "#REF!" }),
    fc.integer({ min: -5, max: 5 }),
  );
  const good: Record<InputSpec["type"], fc.Arbitrary<unknown>> = {
    bool: fc.constantFrom("是", "否", " 是 ", true, false),
    count: fc.oneof(fc.integer({ min: 0, max: 30000 }), fc.integer({ min: 0, max: 99 }).map((n) => String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))))),
    percent: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 100 }).map((n) => `${n}%`)),
    date: fc.integer({ min: 44562, max: 44926 }),
    text: fc.string(),
  };
  return fc.oneof({ weight: 4, arbitrary: good[spec.type] }, { weight: 1, arbitrary: junk });
}

function answersArb(kind: UnitKind) {
  const catalog = getCatalog(2022, kind);
  const inputs = indexOf(catalog).inputs;
  const values = fc.record(Object.fromEntries(inputs.map((i) => [i.id, rawValue(i)])) as Record<string, fc.Arbitrary<unknown>>);
  const na = fc.subarray(allIndicators(catalog).map((i) => i.id));
  return fc.record({ values, notApplicable: na });
}

describe.each(["county", "department"] as const)("%s: properties of score()", (kind) => {
  const catalog = getCatalog(2022, kind);

  test("score in [0,100], indicator deductions ≤ points, totals add up, nothing NaN", () => {
    fc.assert(
      fc.property(answersArb(kind), (answers) => {
        const r = score(catalog, answers);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(100);
        expect(Number.isFinite(r.score)).toBe(true);
        for (const ind of r.indicators) expect(ind.deduction).toBeLessThanOrEqual(ind.points);
        expect(r.categories.reduce((s, c) => s + c.deduction, 0)).toBe(r.totalDeduction);
        expect(r.score).toBe(100 - r.totalDeduction);
        for (const c of r.clauses) {
          expect(typeof c.explanation).toBe("string");
          expect(c.explanation.length).toBeGreaterThan(0);
          expect(c.explanation).not.toMatch(/NaN|undefined|Infinity/);
        }
        expect(r.complete).toBe(r.clauses.every((c) => c.status !== "待填" && c.status !== "数据错误"));
      }),
      { numRuns: 300 },
    );
  });

  test("不涉及 never deducts where it can apply, and changes nothing where it cannot", () => {
    const allowed = new Set(catalog.categories.flatMap((c) => c.indicators).filter((i) => i.notApplicable.allowed).map((i) => i.id));
    fc.assert(
      fc.property(answersArb(kind), (answers) => {
        const r = score(catalog, answers);
        const na = new Set(answers.notApplicable);
        for (const c of r.clauses.filter((x) => na.has(x.indicatorId) && allowed.has(x.indicatorId))) {
          expect(c.status).toBe("不涉及");
          expect(c.deduction).toBe(0);
        }
        const plain = score(catalog, { values: answers.values });
        for (const c of r.clauses.filter((x) => !allowed.has(x.indicatorId))) expect(c).toEqual(plain.clauses.find((x) => x.clauseId === c.clauseId));
      }),
      { numRuns: 200 },
    );
  });

  test("inputs in any order give the same result", () => {
    fc.assert(
      fc.property(
        answersArb(kind).chain((a) => fc.shuffledSubarray(Object.keys(a.values), { minLength: Object.keys(a.values).length }).map((order) => [a, order] as const)),
        ([answers, order]) => {
          const shuffled = Object.fromEntries(order.map((k) => [k, answers.values[k]]));
          const reversedNa = [...answers.notApplicable].reverse();
          expect(score(catalog, { values: shuffled, notApplicable: reversedNa })).toEqual(score(catalog, answers));
        },
      ),
      { numRuns: 100 },
    );
  });

  test("a deduction is always one of the clause's own figure or 0", () => {
    const deductionOf = new Map(catalog.categories.flatMap((c) => c.indicators.flatMap((i) => i.clauses.map((cl) => [cl.id, cl.deduction] as const))));
    fc.assert(
      fc.property(answersArb(kind), (answers) => {
        for (const c of score(catalog, answers).clauses) expect([0, deductionOf.get(c.clauseId)]).toContain(c.deduction);
      }),
      { numRuns: 200 },
    );
  });
});
