// The capped score and 按比例计入 are rules of the core, used alike by CREDIT.SCORE / CREDIT.WEIGHTED and the 汇总.
import fc from "fast-check";
import { aggregate, allClauses, cappedScore, getCatalog, weightedScore } from "../../src/core/index";
import { scoreOf, weighted } from "../../src/functions/core";

test("weightedScore: score ÷ 100 × weight, half up at 2 decimals, binary noise removed first", () => {
  expect(weightedScore(85.5, 3)).toBe(2.57);
  expect(weightedScore(85, 0.35)).toBe(0.3); // 29.749999999999996 → 29.75 → 0.30
  expect(weightedScore(97.5, 100)).toBe(97.5);
  expect(weightedScore(0, 20)).toBe(0);
  expect(weighted(85.5, 3)).toBe(weightedScore(85.5, 3));
});

test("cappedScore: each indicator capped at its points, the total at 100, never below 0", () => {
  expect(cappedScore(100, [[5, 7.5], [10, 10]], 0)).toBe(85);
  expect(cappedScore(100, [[5, 2.5]], 3)).toBe(94.5); // loose deductions are not capped per indicator
  expect(cappedScore(100, [], 130)).toBe(0);
});

test("CREDIT.SCORE, the engine's aggregate and cappedScore agree on any deductions", () => {
  const catalog = getCatalog(2022, "department");
  const clauses = allClauses(catalog);
  const ids = clauses.map((c) => `2022:${c.id}`);
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: clauses.length, maxLength: clauses.length }), (halves) => {
      const d = halves.map((h) => h / 2);
      const byId = new Map(clauses.map((c, i) => [c.id, d[i]]));
      const agg = aggregate(catalog, (id) => byId.get(id) ?? 0);
      const perIndicator = catalog.categories.flatMap((cat) => cat.indicators).map((ind) => [ind.points, ind.clauses.reduce((s, c) => s + byId.get(c.id)!, 0)] as const);
      expect(cappedScore(100, perIndicator)).toBe(agg.score);
      expect(scoreOf(d.map((x) => [x]), ids.map((x) => [x]))).toBe(agg.score);
    }),
    { numRuns: 200 },
  );
});
